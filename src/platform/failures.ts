// Shows failures and warnings, the one way either reaches the user: every failure is logged with its request ID,
// and the failures of one action are shown together in one notification with "Show Log"; a warning (nothing
// was sent, and why) is logged and shown as it is.
import type * as vscode from 'vscode';
import type { Failure } from '../core/errors';
import type { Prompts } from './prompts';

export interface FailureReport {
  failure: Failure;
  /** What failed, in the user's words ("Could not delete X"): the line shown is "title: reason". */
  title?: string;
  /** What was being done, for the log. */
  action?: string;
}

/** Logs each failure and shows them in one notification (one line each) with "Show Log". */
export function reportFailures(
  deps: { log: vscode.LogOutputChannel; prompts: Prompts; showLogLabel: string; showLog(): void },
  reports: FailureReport[],
): void {
  if (!reports.length) return;
  for (const { failure: f, action } of reports) {
    deps.log.error(`${action ?? 'command'} failed: ${f.message}${f.requestId ? ` (request ID ${f.requestId})` : ''}`);
  }
  const text = [
    ...new Set(reports.map((r) => (r.title ? `${r.title}: ${r.failure.message}` : r.failure.message))),
  ].join(' ');
  void deps.prompts.notify('error', text, deps.showLogLabel).then((choice) => {
    if (choice === deps.showLogLabel) deps.showLog();
  });
}

/** A warning: what was not done and why (a refusal, an empty choice). Logged, and shown without waiting for it. */
export function reportWarning(deps: { log: vscode.LogOutputChannel; prompts: Prompts }, message: string): void {
  deps.log.warn(message);
  void deps.prompts.notify('warning', message);
}
