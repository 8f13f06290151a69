// When a tracked copy, updated image or distribution ends: one notification (in the window whose poll saw the
// ending) with the next step, which runs a command by its ID. It is shown through the current Prompts (the
// commands' seam, which a test replaces), so tests read what the user would see.
import * as vscode from 'vscode';
import { describeJob, jobKind, type CopyJob } from '../core/copyJobs';
import { breakLinks } from '../core/markdown';
import { copyToClipboard } from '../platform/clipboard';
import { JOB_KINDS } from '../core/jobKinds';
import { progress, untagged, type Distribution } from '../core/distribution';
import { Commands, InternalCommands } from '../platform/ids';
import { Disposable } from '../platform/lifecycle';
import type { Prompts, Severity } from '../platform/prompts';
import { KIND_WORDS } from './kinds';

export interface EndingSources {
  onCopyEnded: vscode.Event<CopyJob>;
  onDistributionEnded: vscode.Event<Distribution>;
}

/** Says how each job ended, as the sources tell it. */
export class EndingNotifications extends Disposable {
  /** `seam.prompts`: read at each ending (a test replaces the commands' Prompts); `acknowledge`: the user has seen an ending. */
  constructor(
    sources: EndingSources,
    log: vscode.LogOutputChannel,
    seam: { readonly prompts: Prompts },
    acknowledge: (job: CopyJob) => void,
  ) {
    super();
    const notify: EndingActions['notify'] = (severity, message, ...actions) =>
      seam.prompts.notify(severity, message, ...actions);
    this._register(sources.onCopyEnded((job) => notifyEnding(log, job, { notify, acknowledge })));
    this._register(sources.onDistributionEnded((d) => notifyDistributionEnded(log, d, notify)));
  }
}

interface EndingActions {
  /** The user has seen the ending. */
  acknowledge(job: CopyJob): void;
  /** Shows a notification; resolves to the action clicked, if any. */
  notify(severity: Severity, message: string, ...actions: string[]): Thenable<string | undefined>;
}

function notifyEnding(log: vscode.LogOutputChannel, job: CopyJob, given: EndingActions): void {
  // Names and AWS's messages are untrusted: a notification turns "[text](link)" into a link.
  const actions: EndingActions = {
    ...given,
    notify: (severity, message, ...choices) => given.notify(severity, breakLinks(message), ...choices),
  };
  // Reveals the copy in the tree, or shows why it failed; or applies its tags again.
  const open = (): Thenable<unknown> => vscode.commands.executeCommand(InternalCommands.openJob, job);
  const retryTags = (): Thenable<unknown> => vscode.commands.executeCommand(InternalCommands.retryTags, job);
  const act = (choice: string | undefined, handlers: Record<string, () => unknown>): void => {
    if (choice === undefined) return;
    actions.acknowledge(job);
    // An action's failure (AWS unreachable while retrying tags, say) is logged, never left unhandled.
    Promise.resolve()
      .then(() => handlers[choice]?.())
      .catch((e: unknown) => log.error(`${choice} failed: ${(e as Error)?.message ?? String(e)}`));
  };
  if (jobKind(job) === 'delete') return notifyDeleteEnding(log, job, actions, act, open);
  const worded = KIND_WORDS[jobKind(job)].ending?.(job);
  if (worded) {
    // Image builders: said in the kind's words (kinds.ts); a failure offers its details.
    const details = vscode.l10n.t('Show Details');
    const line = `${describeJob(job)}: ${job.outcome}${job.reason ? `: ${job.reason}` : ''}`;
    if (worded.severity === 'error') log.warn(line);
    else log.info(line);
    // A kind that made an image (JOB_KINDS makesImage) offers to show it.
    const reveal = vscode.l10n.t('Reveal in Explorer');
    const made = job.outcome === 'succeeded' && JOB_KINDS[jobKind(job)].makesImage;
    const choices = worded.severity === 'error' ? [details] : made ? [reveal] : [];
    // An export's AMI ID, one click from the clipboard.
    const copy = worded.copy;
    if (copy) choices.push(copy.label);
    const copied = (): Promise<void> =>
      copyToClipboard(copy?.text ?? '', vscode.l10n.t('Copied {0}', copy?.text ?? ''));
    void actions
      .notify(worded.severity, worded.message, ...choices)
      .then((c) => act(c, { [details]: open, [reveal]: open, ...(copy ? { [copy.label]: copied } : {}) }));
    return;
  }
  const update = jobKind(job) === 'update';
  const what = update ? 'update' : 'copy';
  if (job.outcome === 'succeeded' && job.tagsFailed) {
    const retry = vscode.l10n.t('Retry Tags');
    const reveal = vscode.l10n.t('Reveal in Explorer');
    log.warn(
      `${what} finished: ${describeJob(job)} is AVAILABLE, but its tags could not be applied: ${job.tagsFailed}`,
    );
    const message = update
      ? vscode.l10n.t(
          'Image update done: {0} is available in {1}, but its tags could not be applied: {2}',
          job.destName,
          job.destRegion,
          job.tagsFailed,
        )
      : vscode.l10n.t(
          'Image copy done: {0} is available in {1}, but its tags could not be applied: {2}',
          job.destName,
          job.destRegion,
          job.tagsFailed,
        );
    void actions.notify('warning', message, retry, reveal).then((c) => act(c, { [retry]: retryTags, [reveal]: open }));
  } else if (job.outcome === 'succeeded') {
    const reveal = vscode.l10n.t('Reveal in Explorer');
    log.info(`${what} finished: ${describeJob(job)} is AVAILABLE`);
    const message = update
      ? vscode.l10n.t('Image update done: {0} is available in {1}.', job.destName, job.destRegion)
      : vscode.l10n.t('Image copy done: {0} is available in {1}.', job.destName, job.destRegion);
    void actions.notify('info', message, reveal).then((c) => act(c, { [reveal]: open }));
  } else {
    const details = vscode.l10n.t('Show Details');
    log.warn(`${what} ${job.outcome}: ${describeJob(job)}: ${job.reason ?? ''}`);
    const how = job.outcome === 'failed' ? vscode.l10n.t('failed') : vscode.l10n.t('is no longer listed');
    const message = update
      ? vscode.l10n.t('Image update {0} {1}.', describeJob(job), how)
      : vscode.l10n.t('Image copy {0} {1}.', describeJob(job), how);
    void actions.notify('error', message, details).then((c) => act(c, { [details]: open }));
  }
}

/** A delete that ended: quietly when AWS removed the image (its row leaves the tree), loudly when it did not. */
function notifyDeleteEnding(
  log: vscode.LogOutputChannel,
  job: CopyJob,
  actions: EndingActions,
  act: (choice: string | undefined, handlers: Record<string, () => unknown>) => void,
  open: () => unknown,
): void {
  if (job.outcome === 'succeeded') {
    log.info(`deleted: ${job.destName} (${job.destRegion}) is gone`);
    return;
  }
  const details = vscode.l10n.t('Show Details');
  log.warn(`delete ${job.outcome}: ${describeJob(job)}: ${job.reason ?? ''}`);
  void actions
    .notify(
      'error',
      vscode.l10n.t('{0} was not deleted in {1}: {2}', job.destName, job.destRegion, job.reason ?? ''),
      details,
    )
    .then((c) => act(c, { [details]: open }));
}

/** Every region of a distribution is done or failed: how it went, and its progress list one click away. */
function notifyDistributionEnded(log: vscode.LogOutputChannel, d: Distribution, notify: EndingActions['notify']): void {
  const p = progress(d);
  const show = vscode.l10n.t('Show Distribution Progress');
  const text = p.failed
    ? vscode.l10n.t('Distributing {0}: {1} of {2} regions done, {3} failed.', d.name, p.done, p.total, p.failed)
    : p.total === 1
      ? vscode.l10n.t('{0} is distributed to 1 region.', d.name)
      : vscode.l10n.t('{0} is distributed to {1} regions.', d.name, p.total);
  // Regions shared although their tags were refused: said at the ending; their rows offer Retry Step.
  const bare = untagged(d).map((x) => x.region);
  const said = bare.length
    ? `${text} ${vscode.l10n.t('The tags could not be applied in {0}: {1}', bare.join(', '), untagged(d)[0].tagsFailed ?? '')}`
    : text;
  log.info(said);
  void notify(p.failed || bare.length ? 'warning' : 'info', breakLinks(said), show).then((c) => {
    if (c === show) void vscode.commands.executeCommand(Commands.showDistributionProgress);
  });
}
