// The status-bar item of distributions ("Distributing golden-2026-11: 3 of 5 regions"), beside the copies'
// item: shown while a distribution is under way or one ended with a failure the user has not seen. Clicking
// opens "Show Distribution Progress".
import * as vscode from 'vscode';
import { destinationLabel, isFinished, needsAttention, progress, type Distribution } from '../core/distribution';
import { Commands } from '../platform/ids';

export class DistributionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudImages.distributions', vscode.StatusBarAlignment.Left, 49);
  private shown = false;

  constructor() {
    this.item.name = vscode.l10n.t('Cloud Images: Image Distributions');
    this.item.command = Commands.showDistributionProgress;
  }

  update(all: readonly Distribution[]): void {
    const under = all.filter((d) => !isFinished(d));
    const attention = all.filter((d) => isFinished(d) && needsAttention(d));
    this.shown = under.length > 0 || attention.length > 0;
    if (!this.shown) {
      this.item.hide();
      return;
    }
    const counts = (ds: readonly Distribution[]): { done: number; failed: number; total: number } => ds.map(progress)
      .reduce((a, p) => ({ done: a.done + p.done, failed: a.failed + p.failed, total: a.total + p.total }), { done: 0, failed: 0, total: 0 });
    let text: string;
    if (under.length) {
      const c = counts(under);
      const what = under.length === 1 ? under[0].name : vscode.l10n.t('{0} images', under.length);
      text = `$(sync~spin) ${vscode.l10n.t('Distributing {0}: {1} of {2} regions', what, c.done, c.total)}`;
      if (c.failed) text += `, $(error) ${vscode.l10n.t('{0} failed', c.failed)}`;
    } else {
      const c = counts(attention);
      const what = attention.length === 1 ? attention[0].name : vscode.l10n.t('{0} images', attention.length);
      text = `$(error) ${vscode.l10n.t('Distributing {0}: {1} of {2} regions failed', what, c.failed, c.total)}`;
    }
    this.item.text = text;
    this.item.tooltip = new vscode.MarkdownString([...under, ...attention].flatMap((d) => [
      `**${d.sourceName}** (${d.sourceRegion}) → ${d.name}`,
      ...d.destinations.map((x) => `- ${x.region}: ${destinationLabel(d, x)}`),
    ]).join('\n'));
    this.item.accessibilityInformation = { label: `${text.replace(/\$\([^)]*\) ?/g, '')}. ${vscode.l10n.t('Click to show distribution progress.')}`, role: 'button' };
    this.item.show();
  }

  /** What the item shows (undefined while hidden), for tests. */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  get tooltip(): string | undefined {
    return this.shown ? (this.item.tooltip as vscode.MarkdownString).value : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
