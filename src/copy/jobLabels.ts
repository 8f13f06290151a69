// How a tracked copy or update reads wherever it is listed (status-bar tooltip, progress list, notifications).
import * as vscode from 'vscode';
import { cannotCheck, isInFlight, jobKind, type CopyJob } from '../core/copyJobs';
import { stateLabel } from '../core/imageState';

export function outcomeLabel(j: CopyJob, now = Date.now()): string {
  if (cannotCheck(j, now)) return vscode.l10n.t('unknown: cannot check ({0})', j.checkError ?? '');
  switch (j.outcome) {
    case 'succeeded': return j.tagsFailed ? vscode.l10n.t('done, tags not applied') : vscode.l10n.t('done');
    case 'failed': return vscode.l10n.t('failed');
    case 'disappeared': return vscode.l10n.t('gone');
    default: return stateLabel(j.state);
  }
}

export function outcomeIcon(j: CopyJob, now = Date.now()): string {
  if (cannotCheck(j, now)) return '$(warning)';
  if (isInFlight(j)) return '$(sync~spin)';
  if (j.outcome !== 'succeeded') return '$(error)';
  return j.tagsFailed ? '$(warning)' : '$(pass)';
}

/** "1 image copy", "2 image updates": how many tracked jobs, named by what they are (mixed: "images being made"). */
export function jobCount(jobs: readonly CopyJob[]): string {
  const kinds = new Set(jobs.map(jobKind));
  const n = jobs.length;
  if (kinds.size > 1) return n === 1 ? vscode.l10n.t('1 image being made') : vscode.l10n.t('{0} images being made', n);
  if (kinds.has('update')) return n === 1 ? vscode.l10n.t('1 image update') : vscode.l10n.t('{0} image updates', n);
  return n === 1 ? vscode.l10n.t('1 image copy') : vscode.l10n.t('{0} image copies', n);
}

/** "copy" or "update", for sentences about one job. */
export function jobNoun(job: CopyJob): string {
  return jobKind(job) === 'update' ? vscode.l10n.t('update') : vscode.l10n.t('copy');
}
