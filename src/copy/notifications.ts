// When a tracked copy ends: one notification (in the window whose poll saw the ending) with the next step.
import * as vscode from 'vscode';
import { describeJob, type CopyJob } from '../core/copyJobs';

export interface EndingActions {
  /** Reveals the copy in the tree, or shows why it failed. */
  open(job: CopyJob): unknown;
  retryTags(job: CopyJob): unknown;
  /** The user has seen the ending. */
  acknowledge(job: CopyJob): void;
}

export function notifyEnding(log: vscode.LogOutputChannel, job: CopyJob, actions: EndingActions): void {
  const act = (choice: string | undefined, handlers: Record<string, () => unknown>): void => {
    if (choice === undefined) return;
    actions.acknowledge(job);
    void handlers[choice]?.();
  };
  if (job.outcome === 'succeeded' && job.tagsFailed) {
    const retry = vscode.l10n.t('Retry Tags');
    const reveal = vscode.l10n.t('Reveal in Explorer');
    log.warn(`copy finished: ${describeJob(job)} is AVAILABLE, but its tags could not be applied: ${job.tagsFailed}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Image copy done: {0} is available in {1}, but its tags could not be applied: {2}', job.destName, job.destRegion, job.tagsFailed), retry, reveal)
      .then((c) => act(c, { [retry]: () => actions.retryTags(job), [reveal]: () => actions.open(job) }));
  } else if (job.outcome === 'succeeded') {
    const reveal = vscode.l10n.t('Reveal in Explorer');
    log.info(`copy finished: ${describeJob(job)} is AVAILABLE`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Image copy done: {0} is available in {1}.', job.destName, job.destRegion), reveal)
      .then((c) => act(c, { [reveal]: () => actions.open(job) }));
  } else {
    const details = vscode.l10n.t('Show Details');
    log.warn(`copy ${job.outcome}: ${describeJob(job)}: ${job.reason ?? ''}`);
    const what = job.outcome === 'failed' ? vscode.l10n.t('failed') : vscode.l10n.t('is no longer listed');
    void vscode.window.showErrorMessage(vscode.l10n.t('Image copy {0} {1}.', describeJob(job), what), details)
      .then((c) => act(c, { [details]: () => actions.open(job) }));
  }
}
