// How a tracked copy, update or deletion reads wherever it is listed (status-bar tooltip, progress list, notifications).
import * as vscode from 'vscode';
import { cannotCheck, isInFlight, jobKind, type CopyJob, type JobKind } from '../core/copyJobs';
import { stateLabel } from '../core/imageState';
import { KIND_WORDS } from './kinds';

/** `profileGone`: the files no longer name the job's profile, so nothing can be looked at (see Scope.checkProfile). */
export function outcomeLabel(j: CopyJob, now = Date.now(), profileGone = false): string {
  if (profileGone && isInFlight(j)) {
    return vscode.l10n.t(
      'cannot check: the profile {0} is no longer in your AWS config or credentials files',
      j.profile,
    );
  }
  if (cannotCheck(j, now)) return vscode.l10n.t('unknown: cannot check ({0})', j.checkError ?? '');
  switch (j.outcome) {
    case 'succeeded':
      return j.tagsFailed ? vscode.l10n.t('done, tags not applied') : vscode.l10n.t('done');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'disappeared':
      return vscode.l10n.t('gone');
    default:
      return KIND_WORDS[jobKind(j)].stateLabel?.(j.state) ?? stateLabel(j.state);
  }
}

export function outcomeIcon(j: CopyJob, now = Date.now(), profileGone = false): string {
  if (cannotCheck(j, now) || (profileGone && isInFlight(j))) return '$(warning)';
  if (isInFlight(j)) return '$(sync~spin)';
  if (j.outcome !== 'succeeded') return '$(error)';
  return j.tagsFailed ? '$(warning)' : '$(pass)';
}

/** "1 image copy", "2 image updates", "1 image copy, 1 deletion": how many tracked jobs, by kind (kinds.ts). */
export function jobCount(jobs: readonly CopyJob[]): string {
  return (Object.keys(KIND_WORDS) as JobKind[])
    .map((kind) => [kind, jobs.filter((j) => jobKind(j) === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => KIND_WORDS[kind].count(n))
    .join(', ');
}

/** "copy", "update" or "deletion", for sentences about one job. */
export function jobNoun(job: CopyJob): string {
  return KIND_WORDS[jobKind(job)].noun();
}
