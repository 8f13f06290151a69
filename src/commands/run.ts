// The one wrapper every command runs in: a failure is logged with its request ID and shown in words with
// "Show Log"; nothing vanishes. A handler that already told the user returns normally instead of throwing.
import * as vscode from 'vscode';
import { reportFailures, type FailureReport } from '../platform/failures';
import type { Failure } from '../core/errors';
import type { CommandContext, Handler } from './context';

/** Shows the failures of one action in one notification (each logged), through the prompts seam. */
export function report(ctx: CommandContext, reports: FailureReport[]): Failure[] {
  const profile = ctx.session().profileName;
  return reportFailures({ log: ctx.log, prompts: ctx.prompts, showLogLabel: vscode.l10n.t('Show Log'), showLog: () => ctx.log.show() },
    reports.map((r) => ({ ...r, context: { profile, ...r.context } })));
}

export function wrap(id: string, handler: Handler, ctx: CommandContext): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (e) {
      if (e instanceof vscode.CancellationError) return undefined;
      report(ctx, [{ error: e, context: { action: id } }]);
      return undefined;
    }
  };
}
