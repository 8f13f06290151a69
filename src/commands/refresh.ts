// Refresh, Retry, Load more and Load all.
import { t } from '../platform/l10n';
import { withProgress } from '../platform/progress';
import type { CommandContext } from './context';
import { buildersNodeArg, exportsNodeArg, isNode, typeNodeArg } from './args';

export function refresh(ctx: CommandContext): void {
  ctx.refreshes.all('user');
}

export function refreshNode(ctx: CommandContext, arg: unknown): void {
  const builders = buildersNodeArg(arg);
  if (builders) return ctx.refreshes.builders(builders.profile, builders.region, 'user');
  const exports = exportsNodeArg(arg);
  if (exports) return ctx.refreshes.exports(exports.profile, exports.region, 'user');
  const node = typeNodeArg(arg);
  if (node) ctx.refreshes.list(node, 'user');
  else ctx.refreshes.all('user');
}

/** Retry after a failure: credentials may have been renewed meanwhile, so read the chain again. */
export function retry(ctx: CommandContext, arg: unknown): void {
  const node = typeNodeArg(arg);
  // Clients with requests in flight finish them first (ClientPool.reset): nothing in flight is resent.
  ctx.scope.resetCredentials();
  // A "Used by" row whose listing failed: a failure is not kept, so showing the row again lists again.
  if (isNode(arg) && arg.kind === 'usedBy') return ctx.refreshes.redraw(arg, 'retry');
  // A "Shared with" row that failed (or its error row): list its accounts again.
  const shared =
    isNode(arg) && arg.kind === 'message' && arg.parent?.kind === 'sharedWith'
      ? arg.parent
      : isNode(arg) && arg.kind === 'sharedWith'
        ? arg
        : undefined;
  if (shared) return ctx.refreshes.sharing(shared.parent.record, undefined, 'retry');
  const builders = buildersNodeArg(arg);
  if (builders) return ctx.refreshes.builders(builders.profile, builders.region, 'retry');
  const exports = exportsNodeArg(arg);
  if (exports) return ctx.refreshes.exports(exports.profile, exports.region, 'retry');
  if (!node) return ctx.refreshes.all('retry');
  if (node.list.loaded) void ctx.tree.loadMore(node);
  else ctx.refreshes.list(node, 'retry');
}

export async function loadMore(ctx: CommandContext, arg: unknown): Promise<void> {
  const builders = buildersNodeArg(arg);
  if (builders) return ctx.tree.builders.loadMore(builders);
  const exports = exportsNodeArg(arg);
  if (exports) return ctx.tree.exports.loadMore(exports);
  const node = typeNodeArg(arg);
  if (node) await ctx.tree.loadMore(node);
}

export async function loadAll(ctx: CommandContext, arg: unknown): Promise<void> {
  const node = typeNodeArg(arg);
  if (!node) return;
  await withProgress(t('Loading all images'), (report, token) =>
    ctx.tree.loadAll(node, token, (n) => report(t('{0} loaded', n))),
  );
}
