// Localized text: every user-facing string of src goes through `t` (or, in tree/ and jobs/, `vscode.l10n.t`), so
// `npm run l10n` can list them in l10n/bundle.l10n.json for translators. Outside the editor (unit tests) the
// English text is formatted the way VS Code formats it without a translation.
import { editorApi } from './editor';

/** `{0}`, `{1}`… are replaced by the arguments, as `vscode.l10n.t` does. The message must be a string literal. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const v = editorApi();
  return v ? v.l10n.t(message, ...args) : format(message, args);
}

/** VS Code's own formatting of an untranslated message: `{n}` by the n-th argument, anything else left as is. */
export function format(message: string, args: ReadonlyArray<string | number | boolean>): string {
  if (!args.length) return message;
  return message.replace(/{([^}]+)}/g, (match, key: string) => {
    const value = (args as ReadonlyArray<unknown>)[Number(key)];
    return /^\d+$/.test(key) && value !== undefined ? String(value) : match;
  });
}
