// Turns thrown values into the user's words: every failure is logged with its request ID, and the failures of
// one action are shown together in one notification with "Show Log".
import type * as vscode from 'vscode';
import { describeFailure, type Failure, type FailureContext } from '../core/errors';
import { failureFacts } from '../aws/errors';
import type { Prompts } from './prompts';

export function toFailure(e: unknown, ctx: FailureContext = {}): Failure {
  return describeFailure(failureFacts(e), ctx);
}

export interface FailureReport {
  error: unknown;
  context: FailureContext;
  /** What failed, in the user's words ("Could not delete X"): the line shown is "title: reason". */
  title?: string;
}

/** Logs each failure and shows them in one notification (one line each) with "Show Log". */
export function reportFailures(deps: { log: vscode.LogOutputChannel; prompts: Prompts; showLogLabel: string; showLog(): void }, reports: FailureReport[]): Failure[] {
  const failures = reports.map((r) => toFailure(r.error, r.context));
  if (!failures.length) return failures;
  failures.forEach((f, i) => {
    deps.log.error(`${reports[i].context.action ?? 'command'} failed: ${f.message}${f.requestId ? ` (request ID ${f.requestId})` : ''}`);
  });
  const text = [...new Set(failures.map((f, i) => (reports[i].title ? `${reports[i].title}: ${f.message}` : f.message)))].join(' ');
  void deps.prompts.notify('error', text, deps.showLogLabel).then((choice) => {
    if (choice === deps.showLogLabel) deps.showLog();
  });
  return failures;
}
