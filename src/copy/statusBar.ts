// The status-bar item of tracked copies: spinning while any is in flight, a check when all are done, hidden
// when nothing is tracked. Clicking opens "Show Copy Progress".
import * as vscode from 'vscode';
import { describeJob, elapsed, isInFlight, type CopyJob } from '../core/copyJobs';
import { stateLabel } from '../core/imageState';
import { Commands } from '../platform/ids';

export class CopyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudImages.copies', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = vscode.l10n.t('Cloud Images: Image Copies');
    this.item.command = Commands.showCopyProgress;
  }

  private shown = false;

  update(jobs: readonly CopyJob[], now = Date.now()): void {
    this.shown = jobs.length > 0;
    if (!jobs.length) {
      this.item.hide();
      return;
    }
    const flying = jobs.filter(isInFlight).length;
    const text = flying
      ? (flying === 1 ? vscode.l10n.t('1 image copy') : vscode.l10n.t('{0} image copies', flying))
      : (jobs.length === 1 ? vscode.l10n.t('1 image copy done') : vscode.l10n.t('{0} image copies done', jobs.length));
    this.item.text = `${flying ? '$(sync~spin)' : '$(check)'} ${text}`;
    const tip = new vscode.MarkdownString(jobs.map((j) => `- ${describeJob(j)}: ${outcomeLabel(j)}, ${elapsed(j, now)}`).join('\n'));
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `${text}. ${vscode.l10n.t('Click to show copy progress.')}`, role: 'button' };
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

export function outcomeLabel(j: CopyJob): string {
  switch (j.outcome) {
    case 'succeeded': return vscode.l10n.t('done');
    case 'failed': return vscode.l10n.t('failed');
    case 'disappeared': return vscode.l10n.t('gone');
    default: return stateLabel(j.state);
  }
}
