// The one wrapper every command runs in: a failure is logged with its request ID and shown in words with
// "Show Log"; nothing vanishes. A handler that already told the user returns normally instead of throwing.
import * as vscode from 'vscode';
import { reportFailures } from '../platform/failures';
import type { Failure, FailureContext } from '../core/errors';
import { toFailure } from '../aws/errors';
import type { CommandContext, Handler } from './context';

export interface ErrorReport {
  error: unknown;
  context: FailureContext;
  /** What failed, in the user's words ("Could not delete X"). */
  title?: string;
}

/** Shows the failures of one action in words, in one notification (each logged), through the prompts seam. */
export function report(ctx: CommandContext, errors: ErrorReport[]): Failure[] {
  const failures = errors.map((r) => toFailure(r.error, { profile: ctx.scope.profile, ...r.context }));
  reportFailures({ log: ctx.log, prompts: ctx.prompts, showLogLabel: vscode.l10n.t('Show Log'), showLog: () => ctx.log.show() },
    failures.map((failure, i) => ({ failure, title: errors[i].title, action: errors[i].context.action })));
  return failures;
}

export function wrap(id: string, handler: Handler, ctx: CommandContext): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (e) {
      if (e instanceof vscode.CancellationError) return undefined;
      // The command ID goes to the log only; the user reads the failure in words.
      ctx.log.error(`${id} failed`);
      report(ctx, [{ error: e, context: {} }]);
      return undefined;
    }
  };
}
