// The questions commands ask, as one small interface over VS Code's quick input. The commands depend on this,
// not on window.* directly, so a flow's logic reads as a sequence of questions, and an integration test can
// answer them while everything else (the extension host, the SDK, the endpoint) stays real. The end-to-end
// tests drive this real implementation through the browser.
import * as vscode from 'vscode';

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

export interface SearchOptions<T> {
  title: string;
  placeHolder?: string;
  /** Pre-fills the filter, as if typed. */
  value?: string;
  /**
   * Searches in the background: adds items as they arrive and reports progress; resolves to the names of what
   * could not be searched. `signal` aborts when the user closes the pick or cancels.
   */
  run(add: (items: Choice<T>[]) => void, progress: (message: string) => void, signal: AbortSignal): Promise<string[]>;
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
   * undefined on Cancel.
   */
  choose(message: string, detail: string, actions: string[]): Promise<string | undefined>;
  /** A quick pick filled in the background as results arrive, behind a cancellable progress notification. */
  search<T>(opts: SearchOptions<T>): Promise<T | undefined>;
  /** A notification (not modal); resolves to the action the user clicked, if any. Flows do not wait for it. */
  notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined>;
}

export type Severity = 'info' | 'warning' | 'error';

const LOAD_MORE = Symbol('load more');

export class VsCodePrompts implements Prompts {
  async pick<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T | undefined> {
    return (await vscode.window.showQuickPick(items, { ...opts, matchOnDescription: true, ignoreFocusOut: true }))?.value;
  }

  async pickMany<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T[] | undefined> {
    const chosen = await vscode.window.showQuickPick(items, { ...opts, canPickMany: true, matchOnDescription: true, ignoreFocusOut: true });
    return chosen?.map((c) => c.value);
  }

  pickPaged<T>(opts: PagedPickOptions<T>): Promise<T | undefined> {
    type Item = Choice<T | typeof LOAD_MORE>;
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = opts.title;
    qp.placeholder = opts.placeHolder;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    qp.keepScrollPosition = true;
    const loaded: Item[] = [];
    let token: string | undefined;
    const more: Item = { label: `$(ellipsis) ${vscode.l10n.t('Load more…')}`, value: LOAD_MORE, alwaysShow: true };
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
    const qp = vscode.window.createQuickPick<Choice<T>>();
    qp.title = opts.title;
    qp.placeholder = opts.placeHolder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.keepScrollPosition = true;
    if (opts.value) qp.value = opts.value;
    qp.busy = true;
    // Closing the pick or cancelling the progress aborts the requests in flight, not only the next page.
    const abort = new AbortController();
    const items: Choice<T>[] = [];
    const searching = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: opts.title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        const failed = await opts.run((more) => {
          items.push(...more);
          qp.items = items;
        }, (message) => progress.report({ message }), abort.signal).catch(() => []);
        qp.busy = false;
        if (failed.length) qp.title = vscode.l10n.t('{0} (could not search: {1})', opts.title, failed.join(', '));
      },
    );
    qp.show();
    const chosen = await new Promise<Choice<T> | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    abort.abort();
    qp.dispose();
    await searching;
    return chosen?.value;
  }

  input(opts: InputOptions): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
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
          const later = await opts.validateOnAccept(v).catch((e: unknown) => `Could not check: ${(e as Error).message}`);
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
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }

  async choose(message: string, detail: string, actions: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  async notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined> {
    const show = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[severity];
    return show(message, ...actions);
  }
}
