// The quick picks whose items arrive from AWS while they are open: one paged ("Load more…") and one filled by a
// background search. Apart from prompts.ts because each owns a small state machine of loads, aborts and titles.
import { setMaxListeners } from 'node:events';
import type * as vscode from 'vscode';
import { requireEditor } from './editor';
import { t } from './l10n';
import type { Choice, PagedPickOptions, SearchOptions } from './prompts';

// The "Load more…" row's value: a symbol, so it can never equal a caller's value.
const LOAD_MORE = Symbol('load more');

/** A quick pick that filters as you type and ends with "Load more…" while AWS has more pages. */
export function pagedPick<T>(opts: PagedPickOptions<T>): Promise<T | undefined> {
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

/** A quick pick filled in the background as results arrive, behind a cancellable progress notification. */
export async function searchPick<T>(opts: SearchOptions<T>): Promise<T | undefined> {
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
