// The status-bar item of distributions ("Distributing golden-2026-11: 3 of 5 regions"), beside the copies'
// item: shown while a distribution is under way or one ended with a failure the user has not seen. Clicking
// opens "Show Distribution Progress".
import * as vscode from 'vscode';
import { destinationLabel, isFinished, needsAttention, progress, type Distribution } from '../core/distribution';
import { escapeCodicons, escapeMarkdown } from '../core/markdown';
import { Commands } from '../platform/ids';
import { StatusItem } from './statusItem';

export class DistributionStatusBar extends StatusItem {
  constructor() {
    super(
      'cloudImages.distributions',
      49,
      vscode.l10n.t('Cloud Images: Image Distributions'),
      Commands.showDistributionProgress,
      vscode.l10n.t('Click to show distribution progress.'),
    );
  }

  update(all: readonly Distribution[]): void {
    const under = all.filter((d) => !isFinished(d));
    const attention = all.filter((d) => isFinished(d) && needsAttention(d));
    if (!under.length && !attention.length) return this.hide();
    const counts = (ds: readonly Distribution[]): { done: number; failed: number; total: number } =>
      ds
        .map(progress)
        .reduce((a, p) => ({ done: a.done + p.done, failed: a.failed + p.failed, total: a.total + p.total }), {
          done: 0,
          failed: 0,
          total: 0,
        });
    let text: string;
    if (under.length) {
      const c = counts(under);
      const what = under.length === 1 ? escapeCodicons(under[0].name) : vscode.l10n.t('{0} images', under.length);
      text = `$(sync~spin) ${vscode.l10n.t('Distributing {0}: {1} of {2} regions', what, c.done, c.total)}`;
      if (c.failed) text += `, $(error) ${vscode.l10n.t('{0} failed', c.failed)}`;
    } else {
      const c = counts(attention);
      const what =
        attention.length === 1 ? escapeCodicons(attention[0].name) : vscode.l10n.t('{0} images', attention.length);
      text = c.failed
        ? `$(error) ${vscode.l10n.t('Distributing {0}: {1} of {2} regions failed', what, c.failed, c.total)}`
        : `$(warning) ${vscode.l10n.t('Distributing {0}: tags not applied', what)}`;
    }
    // Image names are untrusted (escapeMarkdown); regions and step labels are ours, escaped all the same.
    this.show(
      text,
      [...under, ...attention]
        .flatMap((d) => [
          `**${escapeMarkdown(d.sourceName)}** ${escapeMarkdown(`(${d.sourceRegion})`)} → ${escapeMarkdown(d.name)}`,
          ...d.destinations.map((x) => `- ${escapeMarkdown(`${x.region}: ${destinationLabel(d, x)}`)}`),
        ])
        .join('\n'),
    );
  }
}
