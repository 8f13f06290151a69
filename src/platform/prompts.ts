// The questions commands ask, as one small interface over VS Code's quick input. The commands depend on this,
// not on window.* directly, so a flow's logic reads as a sequence of questions, and an integration test can
// answer them while everything else (the extension host, the SDK, the endpoint) stays real. The end-to-end
// tests drive this real implementation through the browser.
import type * as vscode from 'vscode';
import { breakLinks } from '../core/markdown';
import { requireEditor } from './editor';
import { pagedPick, searchPick } from './loadingPicks';

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
    return pagedPick(opts);
  }

  search<T>(opts: SearchOptions<T>): Promise<T | undefined> {
    return searchPick(opts);
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
