// The questions commands ask, as one small interface over VS Code's quick input. The commands depend on this,
// not on window.* directly, so a flow's logic reads as a sequence of questions, and an integration test can
// answer them while everything else (the extension host, the SDK, the endpoint) stays real. The end-to-end
// tests drive this real implementation through the browser.
import { setMaxListeners } from 'node:events';
import type * as vscode from 'vscode';
import { breakLinks } from '../core/markdown';
import { requireEditor } from './editor';
import { t } from './l10n';

export interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

export interface InputOptions {
  title: string;
  prompt?: string;
  value?: string;
  placeHolder?: string;
  /** Checked as the user types. */
  validate(value: string): string | undefined;
  /** Checked on Enter, may ask AWS (a name already taken); a message keeps the box open. */
  validateOnAccept?(value: string): Promise<string | undefined>;
}

export interface PagedPickOptions<T> {
  title: string;
  placeHolder?: string;
  fetch(nextToken: string | undefined): Promise<{ items: Choice<T>[]; nextToken?: string }>;
}

/** How a search runs: `fresh` reads everything again (Refresh); public images only when asked. */
export interface SearchRun {
  fresh: boolean;
  includePublic: boolean;
}

export interface SearchOptions<T> {
  title: string;
  placeHolder?: string;
  /** Pre-fills the filter, as if typed. */
  value?: string;
  /** Whether public images are searched at first (the user's last choice). */
  includePublic: boolean;
  /** The user ticked or unticked "Include public images". */
  onIncludePublic?(include: boolean): void;
  /**
   * Searches in the background: adds items as they arrive and reports progress; resolves to what could not be
   * searched and, when an answer came from memory, since when. `signal` aborts when the pick closes.
   */
  run(
    add: (items: Choice<T>[]) => void,
    progress: (message: string) => void,
    signal: AbortSignal,
    how: SearchRun,
  ): Promise<{ failed: string[]; asOf?: number }>;
}

export interface Prompts {
  pick<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T | undefined>;
  pickMany<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T[] | undefined>;
  /** A quick pick that filters as you type and ends with "Load more…" while AWS has more pages. */
  pickPaged<T>(opts: PagedPickOptions<T>): Promise<T | undefined>;
  input(opts: InputOptions): Promise<string | undefined>;
  /** A modal warning; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /**
   * A modal warning with several actions, the first being the default button; resolves to the one chosen, or
   * undefined on Cancel. `error`: a modal that reports a failure (an ended job's reason), with the error icon.
   */
  choose(
    message: string,
    detail: string,
    actions: string[],
    severity?: 'warning' | 'error',
  ): Promise<string | undefined>;
  /** A quick pick filled in the background as results arrive, behind a cancellable progress notification. */
  search<T>(opts: SearchOptions<T>): Promise<T | undefined>;
  /** A notification (not modal); resolves to the action the user clicked, if any. Flows do not wait for it. */
  notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined>;
}

export type Severity = 'info' | 'warning' | 'error';

/** `kind` of a Choice that is a separator line (QuickPickItemKind.Separator, a value stable since VS Code 1.64). */
export const SEPARATOR = -1 as vscode.QuickPickItemKind.Separator;

const LOAD_MORE = Symbol('load more');

export class VsCodePrompts implements Prompts {
  async pick<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T | undefined> {
    return (
      await requireEditor().window.showQuickPick(items, { ...opts, matchOnDescription: true, ignoreFocusOut: true })
    )?.value;
  }

  async pickMany<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T[] | undefined> {
    const chosen = await requireEditor().window.showQuickPick(items, {
      ...opts,
      canPickMany: true,
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return chosen?.map((c) => c.value);
  }

  pickPaged<T>(opts: PagedPickOptions<T>): Promise<T | undefined> {
    type Item = Choice<T | typeof LOAD_MORE>;
    const qp = requireEditor().window.createQuickPick<Item>();
    qp.title = opts.title;
    qp.placeholder = opts.placeHolder;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    qp.keepScrollPosition = true;
    const loaded: Item[] = [];
    let token: string | undefined;
    const more: Item = { label: `$(ellipsis) ${t('Load more…')}`, value: LOAD_MORE, alwaysShow: true };
    const load = async (): Promise<void> => {
      qp.busy = true;
      try {
        const page = await opts.fetch(token);
        loaded.push(...page.items);
        token = page.nextToken;
        qp.items = token ? [...loaded, more] : loaded;
      } catch (e) {
        qp.title = `${opts.title}: ${(e as Error).message}`;
      } finally {
        qp.busy = false;
      }
    };
    return new Promise<T | undefined>((resolve) => {
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0];
        if (!chosen) return;
        if (chosen.value === LOAD_MORE) {
          if (!qp.busy) void load();
          return;
        }
        resolve(chosen.value as T);
        qp.hide();
      });
      qp.onDidHide(() => {
        resolve(undefined);
        qp.dispose();
      });
      qp.show();
      void load();
    });
  }

  async search<T>(opts: SearchOptions<T>): Promise<T | undefined> {
    const qp = requireEditor().window.createQuickPick<Choice<T>>();
    qp.placeholder = opts.placeHolder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.keepScrollPosition = true;
    if (opts.value) qp.value = opts.value;
    let includePublic = opts.includePublic;
    const refresh: vscode.QuickInputButton = {
      iconPath: new (requireEditor().ThemeIcon)('refresh'),
      tooltip: t('Refresh: search AWS again'),
    };
    const publicButton = (): vscode.QuickInputButton => ({
      iconPath: new (requireEditor().ThemeIcon)(includePublic ? 'eye' : 'eye-closed'),
      tooltip: includePublic ? t('Public images are included: click to leave them out') : t('Include public images'),
    });
    let current: { abort: AbortController; done: Promise<void> } | undefined;
    let closed = false;
    const start = (fresh: boolean): void => {
      current?.abort.abort();
      const abort = new AbortController();
      // One signal serves every request of the search (more than Node's default of 10 listeners).
      setMaxListeners(0, abort.signal);
      const items: Choice<T>[] = [];
      qp.items = [];
      qp.busy = true;
      qp.title = opts.title;
      qp.buttons = [publicButton(), refresh];
      // A cancellable notification too: closing the pick or cancelling aborts the requests in flight.
      const done = Promise.resolve(
        requireEditor().window.withProgress(
          { location: requireEditor().ProgressLocation.Notification, title: opts.title, cancellable: true },
          async (progress, token) => {
            token.onCancellationRequested(() => abort.abort());
            const result = await opts
              .run(
                (more) => {
                  if (abort.signal.aborted) return;
                  items.push(...more);
                  qp.items = items;
                },
                (message) => progress.report({ message }),
                abort.signal,
                { fresh, includePublic },
              )
              .catch(() => ({ failed: [], asOf: undefined }));
            if (abort.signal.aborted) {
              // Cancelled from the notification while the pick stays open: stop spinning, and say so.
              if (!closed && current?.abort === abort) {
                qp.busy = false;
                qp.title = t('{0} — cancelled', opts.title);
              }
              return;
            }
            qp.busy = false;
            const parts = [opts.title];
            if (result.asOf) {
              parts.push(
                t(
                  'as of {0}',
                  new Date(result.asOf).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
                ),
              );
            }
            if (result.failed.length) parts.push(t('could not search: {0}', result.failed.join(', ')));
            qp.title = parts.join(' — ');
          },
        ),
      );
      current = { abort, done };
    };
    qp.onDidTriggerButton((b) => {
      if (b === refresh) return start(true);
      includePublic = !includePublic;
      opts.onIncludePublic?.(includePublic);
      start(false);
    });
    qp.show();
    start(false);
    const chosen = await new Promise<Choice<T> | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    closed = true;
    current?.abort.abort();
    qp.dispose();
    await current?.done;
    return chosen?.value;
  }

  input(opts: InputOptions): Promise<string | undefined> {
    const box = requireEditor().window.createInputBox();
    box.title = opts.title;
    box.prompt = opts.prompt;
    box.value = opts.value ?? '';
    box.placeholder = opts.placeHolder;
    box.ignoreFocusOut = true;
    box.validationMessage = opts.value ? opts.validate(opts.value) : undefined;
    return new Promise<string | undefined>((resolve) => {
      box.onDidChangeValue((v) => {
        box.validationMessage = opts.validate(v);
      });
      box.onDidAccept(async () => {
        const v = box.value;
        const msg = opts.validate(v);
        if (msg) {
          box.validationMessage = msg;
          return;
        }
        if (opts.validateOnAccept) {
          box.busy = true;
          box.enabled = false;
          const later = await opts
            .validateOnAccept(v)
            .catch((e: unknown) => `Could not check: ${(e as Error).message}`);
          box.busy = false;
          box.enabled = true;
          if (later) {
            box.validationMessage = later;
            return;
          }
        }
        resolve(v);
        box.hide();
      });
      box.onDidHide(() => {
        resolve(undefined);
        box.dispose();
      });
      box.show();
    });
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await requireEditor().window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }

  async choose(
    message: string,
    detail: string,
    actions: string[],
    severity: 'warning' | 'error' = 'warning',
  ): Promise<string | undefined> {
    const { window } = requireEditor();
    return (severity === 'error' ? window.showErrorMessage : window.showWarningMessage)(
      message,
      { modal: true, detail },
      ...actions,
    );
  }

  async notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined> {
    const { window } = requireEditor();
    const show = {
      info: window.showInformationMessage,
      warning: window.showWarningMessage,
      error: window.showErrorMessage,
    }[severity];
    // A notification turns [text](target) into a link (command: and file: included), and its message may quote
    // an image's name or AWS's words: every one goes out with links broken.
    return show(breakLinks(message), ...actions);
  }
}
