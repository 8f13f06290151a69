// The one wrapper every command runs in: a failure is logged with its request ID and shown in words with
// "Show Log"; nothing vanishes. A handler that already told the user returns normally instead of throwing.
import { t } from '../platform/l10n';
import { reportFailures, reportWarning } from '../platform/failures';
import { isCancellation } from '../platform/progress';
import type { Failure, FailureContext } from '../core/errors';
import { toFailure } from '../aws/errors';
import type { CommandContext, Handler } from './context';

export interface ErrorReport {
  error: unknown;
  context: FailureContext;
  /** What failed, in the user's words ("Could not delete X"). */
  title?: string;
}

const reporter = (ctx: CommandContext) => ({
  log: ctx.log,
  prompts: ctx.prompts,
  showLogLabel: t('Show Log'),
  showLog: () => ctx.log.show(),
});

/** Shows the failures of one action in words, in one notification (each logged), through the prompts seam. */
export function report(ctx: CommandContext, errors: ErrorReport[]): Failure[] {
  const failures = errors.map((r) => toFailure(r.error, { profile: ctx.scope.profile, ...r.context }));
  reportFailures(
    reporter(ctx),
    failures.map((failure, i) => ({ failure, title: errors[i].title, action: errors[i].context.action })),
  );
  return failures;
}

/** A failure that is already in words (a job's stored reason): shown as "title: reason", like every other. */
export function reportReason(ctx: CommandContext, title: string, reason: string, action: string): void {
  reportFailures(reporter(ctx), [{ failure: { kind: 'other', message: reason, userMustFix: false }, title, action }]);
}

/** Tells the user what was not done and why (nothing was sent): logged, and shown as a warning. */
export function warn(ctx: CommandContext, message: string): void {
  reportWarning(ctx, message);
}

export function wrap(id: string, handler: Handler, ctx: CommandContext): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (e) {
      if (isCancellation(e)) return undefined;
      // The command ID goes to the log only; the user reads the failure in words.
      ctx.log.error(`${id} failed`);
      report(ctx, [{ error: e, context: {} }]);
      return undefined;
    }
  };
}
