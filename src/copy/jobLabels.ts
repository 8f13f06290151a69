// How a tracked copy reads wherever it is listed (status-bar tooltip, progress list, notifications).
import * as vscode from 'vscode';
import { cannotCheck, isInFlight, type CopyJob } from '../core/copyJobs';
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
