// The editor's API, loaded on first use rather than at import: the platform shims reach `vscode` through here, so
// command files load in plain mocha (where no `vscode` module exists) and run there with scripted prompts.
import type * as vscode from 'vscode';

export type { Disposable, LogOutputChannel, Memento, TextDocument, TreeView } from 'vscode';

let api: typeof vscode | null | undefined;

/** The `vscode` module inside the editor; undefined in plain node (unit tests). */
export function editorApi(): typeof vscode | undefined {
  if (api === undefined) {
    try {
      // A require at first use, not an import: an import would fail to load outside the editor.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      api = require('vscode') as typeof vscode;
    } catch {
      api = null;
    }
  }
  return api ?? undefined;
}

/** The `vscode` module, for what has no meaning outside the editor (a quick pick, a setting write). */
export function requireEditor(): typeof vscode {
  const v = editorApi();
  if (!v) throw new Error('This needs the VS Code editor: it was called outside an extension host.');
  return v;
}
