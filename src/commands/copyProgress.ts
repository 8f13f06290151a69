// "Show Copy Progress" (and a click on the status-bar item): the tracked copies with state and elapsed time.
// Choosing one reveals its image, or shows why it failed; "Clear finished" forgets finished ones.
import * as vscode from 'vscode';
import { describeJob, elapsed, isInFlight, type CopyJob } from '../core/copyJobs';
import type { ImageRecord } from '../core/image';
import { outcomeLabel } from '../copy/statusBar';
import type { CommandContext } from './context';
import { revealImage } from './reveal';

type Pick = CopyJob | 'clear';

export async function showCopyProgress(ctx: CommandContext): Promise<void> {
  const jobs = [...ctx.tracker.all()].sort((a, b) => b.startedAt - a.startedAt);
  if (!jobs.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No image copies are tracked. Start one with "Copy Image…".'));
    return;
  }
  const now = Date.now();
  const items: (vscode.QuickPickItem & { value: Pick })[] = jobs.map((j) => ({
    label: `${isInFlight(j) ? '$(sync~spin)' : j.outcome === 'succeeded' ? '$(pass)' : '$(error)'} ${describeJob(j)}`,
    description: `${outcomeLabel(j)} · ${elapsed(j, now)}`,
    detail: j.reason,
    value: j,
  }));
  if (jobs.some((j) => !isInFlight(j))) items.push({ label: `$(clear-all) ${vscode.l10n.t('Clear finished')}`, value: 'clear', alwaysShow: true });
  const choice = await ctx.prompts.pick(items, { title: vscode.l10n.t('Image Copies') });
  if (choice === undefined) return;
  if (choice === 'clear') return ctx.tracker.clearFinished();
  await openJob(ctx, choice);
}

export function clearFinishedCopies(ctx: CommandContext): void {
  ctx.tracker.clearFinished();
}

export function destinationRecord(job: CopyJob): ImageRecord {
  return { service: job.service, region: job.destRegion, id: job.destId, name: job.destName, state: job.state, ownership: 'owned', raw: {} };
}

/** Reveals a copy's image, or for a failed or vanished copy shows why. */
export async function openJob(ctx: CommandContext, job: CopyJob): Promise<void> {
  if (job.outcome === 'failed' || job.outcome === 'disappeared') {
    const text = vscode.l10n.t('The copy {0} {1}.', describeJob(job), job.outcome === 'failed' ? vscode.l10n.t('failed') : vscode.l10n.t('is no longer listed'));
    void vscode.window.showErrorMessage(text, { modal: true, detail: job.reason ?? vscode.l10n.t('AWS gave no reason.') });
    return;
  }
  await revealImage(ctx, destinationRecord(job));
}
