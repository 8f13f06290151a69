// The status-bar item of tracked copies: shown only while a copy is in flight or one needs attention (a
// failure the user has not seen, tags that could not be applied, a copy that cannot be checked). Finished
// copies stay listed in "Show Copy Progress" for a day. Clicking opens it.
import * as vscode from 'vscode';
import { cannotCheck, describeJob, elapsed, isInFlight, needsAttention, type CopyJob } from '../core/copyJobs';
import { escapeMarkdown } from '../core/markdown';
import { Commands } from '../platform/ids';
import { jobCount, outcomeLabel } from './jobLabels';
import { StatusItem } from './statusItem';

export class CopyStatusBar extends StatusItem {
  /** `profileGone`: the files no longer name the profile a job was started under (it cannot be checked at all). */
  constructor(private readonly profileGone: (profile: string) => boolean = () => false) {
    super(
      'cloudImages.copies',
      50,
      vscode.l10n.t('Cloud Images: Image Copies'),
      Commands.showCopyProgress,
      vscode.l10n.t('Click to show copy progress.'),
    );
  }

  update(jobs: readonly CopyJob[], now = Date.now()): void {
    const flying = jobs.filter(isInFlight);
    const stuck = flying.filter((j) => cannotCheck(j, now) || this.profileGone(j.profile));
    const attention = jobs.filter((j) => !isInFlight(j) && needsAttention(j, now));
    if (!flying.length && !attention.length) return this.hide();
    let text: string;
    if (flying.length && stuck.length === flying.length) {
      text = `$(warning) ${vscode.l10n.t('{0}: cannot check', jobCount(stuck))}`;
    } else if (flying.length) {
      text = `$(sync~spin) ${jobCount(flying)}`;
      if (stuck.length) text += `, $(warning) ${vscode.l10n.t('{0} cannot be checked', stuck.length)}`;
    } else if (attention.every((j) => j.outcome !== 'succeeded')) {
      text = `$(error) ${vscode.l10n.t('{0} failed', jobCount(attention))}`;
    } else {
      text = `$(warning) ${attention.length === 1 ? vscode.l10n.t('{0} needs attention', jobCount(attention)) : vscode.l10n.t('{0} need attention', jobCount(attention))}`;
    }
    // Names and AWS's messages (the reason a copy cannot be checked) are untrusted: one escaped line per job.
    this.show(
      text,
      jobs
        .map(
          (j) =>
            `- ${escapeMarkdown(`${describeJob(j)}: ${outcomeLabel(j, now, this.profileGone(j.profile))}, ${elapsed(j, now)}`)}`,
        )
        .join('\n'),
    );
  }
}
