// "Show Copy Progress" (and a click on the status-bar item): the tracked copies with state and elapsed time.
// Choosing one reveals its image, shows why it failed, or retries what can be retried (tags that could not be
// applied, a destination that could not be checked); "Clear finished" forgets finished ones. Opening the list
// counts as seeing how the finished copies ended. Distributions follow, one row per region with its steps.
import { t } from '../platform/l10n';
import { cannotCheck, describeJob, destinationOf, elapsed, isInFlight, jobKind, type CopyJob } from '../core/copyJobs';
import { outcomeIcon, outcomeLabel } from '../jobs/jobLabels';
import { isFinished } from '../core/distribution';
import { JOB_KINDS } from '../core/jobKinds';
import { SEPARATOR, type Choice } from '../platform/prompts';
import type { CommandContext } from './context';
import { destinationItems, openDestination, type DestinationChoice } from './distributionProgress';
import { revealImage } from './reveal';
import { reportReason } from './run';

/** A separator is never chosen; its value is only there for the type. */
type Row = CopyJob | DestinationChoice | 'clear' | 'retry-checks' | 'separator';

export async function showCopyProgress(ctx: CommandContext): Promise<void> {
  const jobs = [...ctx.tracker.all()].sort((a, b) => b.startedAt - a.startedAt);
  const distributions = ctx.distributor.all();
  if (!jobs.length && !distributions.length) {
    void ctx.prompts.notify('info', t('No image copies are tracked. Start one with "Copy Image…".'));
    return;
  }
  const now = Date.now();
  const items: Choice<Row>[] = jobs.map((j) => ({
    label: `${outcomeIcon(j, now, ctx.scope.profileGone(j.profile))} ${describeJob(j)}`,
    description: `${outcomeLabel(j, now, ctx.scope.profileGone(j.profile))} · ${elapsed(j, now)}`,
    detail: j.tagsFailed ? t('Tags not applied: {0}', j.tagsFailed) : cannotCheck(j, now) ? j.checkError : j.reason,
    value: j,
  }));
  // A distribution's copies are copies too: its regions with their steps, as Show Distribution Progress lists them.
  if (distributions.length) {
    items.push({ label: t('Distributions'), kind: SEPARATOR, value: 'separator' }, ...destinationItems(distributions));
  }
  if (jobs.some((j) => cannotCheck(j, now))) {
    items.push({ label: `$(refresh) ${t('Retry checks')}`, value: 'retry-checks', alwaysShow: true });
  }
  if (jobs.some((j) => !isInFlight(j)) || distributions.some(isFinished)) {
    items.push({ label: `$(clear-all) ${t('Clear finished')}`, value: 'clear', alwaysShow: true });
  }
  ctx.tracker.acknowledge(jobs);
  ctx.distributor.acknowledge(distributions);
  const choice = await ctx.prompts.pick(items, { title: t('Image Copies') });
  if (choice === undefined || choice === 'separator') return;
  if (choice === 'clear') {
    ctx.tracker.clearFinished();
    return ctx.distributor.clearFinished();
  }
  if (choice === 'retry-checks') return ctx.tracker.retryChecks();
  if ('dest' in choice) return openDestination(ctx, choice);
  await openJob(ctx, choice);
}

export function clearFinishedCopies(ctx: CommandContext): void {
  ctx.tracker.clearFinished();
}

/** Reveals a copy's image; for a failed or vanished copy shows why; for tags not applied offers to retry them. */
export async function openJob(ctx: CommandContext, job: CopyJob): Promise<void> {
  // A job that follows no image (an image builder's, a fleet's change of image, an export's task): say how it
  // ended (there is no image to reveal).
  if (!JOB_KINDS[jobKind(job)].makesImage && jobKind(job) !== 'delete') {
    if (job.outcome === 'failed' || job.outcome === 'disappeared') {
      void ctx.prompts.choose(
        t('{0}: {1}.', describeJob(job), outcomeLabel(job)),
        job.reason ?? t('AWS gave no reason.'),
        [],
        'error',
      );
    } else void ctx.prompts.notify('info', t('{0}: {1}.', describeJob(job), outcomeLabel(job)));
    return;
  }
  if (jobKind(job) === 'delete' && job.outcome !== 'failed') {
    void ctx.prompts.notify(
      'info',
      job.outcome === 'succeeded'
        ? t('{0} was deleted from {1}.', job.destName, job.destRegion)
        : t('{0} is being deleted in {1}.', job.destName, job.destRegion),
    );
    return;
  }
  if (job.outcome === 'failed' || job.outcome === 'disappeared') {
    const how = job.outcome === 'failed' ? t('failed') : t('is no longer listed');
    const text =
      jobKind(job) === 'update'
        ? t('The update {0} {1}.', describeJob(job), how)
        : jobKind(job) === 'copy'
          ? t('The copy {0} {1}.', describeJob(job), how)
          : t('{0} {1}.', describeJob(job), how);
    void ctx.prompts.choose(text, job.reason ?? t('AWS gave no reason.'), [], 'error');
    return;
  }
  if (job.tagsFailed) {
    const retry = t('Retry Tags');
    const choice = await ctx.prompts.choose(
      t('{0} was copied, but its tags could not be applied.', job.destName),
      job.tagsFailed,
      [retry],
    );
    if (choice === retry) await retryTags(ctx, job);
    return;
  }
  if (cannotCheck(job, Date.now())) return ctx.tracker.retryChecks();
  await revealImage(ctx, { ref: destinationOf(job), ownership: 'owned', name: job.destName });
}

/** Applies a copy's tags again and says how it went. */
export async function retryTags(ctx: CommandContext, job: CopyJob): Promise<void> {
  const error = await ctx.tracker.retryTags(job);
  if (error) {
    reportReason(
      ctx,
      t('The tags of {0} could not be applied', job.destName),
      error,
      t('applying the tags of {0}', job.destName),
    );
  } else void ctx.prompts.notify('info', t('The tags of {0} were applied.', job.destName));
}
