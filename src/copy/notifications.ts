// When a tracked copy ends: a notification with the next step, and the tree nodes that show it refresh.
import * as vscode from 'vscode';
import { describeJob, type CopyJob } from '../core/copyJobs';
import type { CommandContext } from '../commands/context';
import { openJob } from '../commands/copyProgress';

export function copyFinished(ctx: CommandContext, job: CopyJob): void {
  ctx.tree.refreshListOf({ service: job.service, region: job.destRegion, ownership: 'owned' });
  if (job.outcome === 'succeeded') {
    const reveal = vscode.l10n.t('Reveal in Explorer');
    ctx.log.info(`copy finished: ${describeJob(job)} is AVAILABLE`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Image copy done: {0} is available in {1}.', job.destName, job.destRegion), reveal)
      .then((c) => (c === reveal ? openJob(ctx, job) : undefined));
  } else {
    const details = vscode.l10n.t('Show Details');
    ctx.log.warn(`copy ${job.outcome}: ${describeJob(job)}: ${job.reason ?? ''}`);
    const what = job.outcome === 'failed' ? vscode.l10n.t('failed') : vscode.l10n.t('is no longer listed');
    void vscode.window.showErrorMessage(vscode.l10n.t('Image copy {0} {1}.', describeJob(job), what), details)
      .then((c) => (c === details ? openJob(ctx, job) : undefined));
  }
}
