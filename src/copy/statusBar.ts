// The status-bar item of tracked copies: shown only while a copy is in flight or one needs attention (a
// failure the user has not seen, tags that could not be applied, a copy that cannot be checked). Finished
// copies stay listed in "Show Copy Progress" for a day. Clicking opens it.
import * as vscode from 'vscode';
import { cannotCheck, describeJob, elapsed, isInFlight, needsAttention, type CopyJob } from '../core/copyJobs';
import { Commands } from '../platform/ids';
import { jobCount, outcomeLabel } from './jobLabels';

export class CopyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudImages.copies', vscode.StatusBarAlignment.Left, 50);
  private shown = false;

  constructor() {
    this.item.name = vscode.l10n.t('Cloud Images: Image Copies');
    this.item.command = Commands.showCopyProgress;
  }

  update(jobs: readonly CopyJob[], now = Date.now()): void {
    const flying = jobs.filter(isInFlight);
    const stuck = flying.filter((j) => cannotCheck(j, now));
    const attention = jobs.filter((j) => !isInFlight(j) && needsAttention(j, now));
    this.shown = flying.length > 0 || attention.length > 0;
    if (!this.shown) {
      this.item.hide();
      return;
    }
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
    this.item.text = text;
    this.item.tooltip = new vscode.MarkdownString(jobs.map((j) => `- ${describeJob(j)}: ${outcomeLabel(j, now)}, ${elapsed(j, now)}`).join('\n'));
    this.item.accessibilityInformation = { label: `${text.replace(/\$\([^)]*\) ?/g, '')}. ${vscode.l10n.t('Click to show copy progress.')}`, role: 'button' };
    this.item.show();
  }

  /** What the item shows (undefined while hidden), for tests. */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  get tooltip(): string | undefined {
    return this.shown ? (this.item.tooltip as vscode.MarkdownString).value : undefined;
  }

  get accessibilityLabel(): string | undefined {
    return this.shown ? this.item.accessibilityInformation?.label : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
