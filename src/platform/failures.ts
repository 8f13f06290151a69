// Turns any thrown value into the user's words, logged with its request ID.
import * as vscode from 'vscode';
import { describeFailure, type Failure, type FailureContext } from '../core/errors';
import { failureFacts } from '../aws/errors';
import { Commands } from './ids';

export function toFailure(e: unknown, ctx: FailureContext = {}): Failure {
  return describeFailure(failureFacts(e), ctx);
}

/** Logs the failure and shows it with "Show Log". */
export async function reportFailure(log: vscode.LogOutputChannel, e: unknown, ctx: FailureContext = {}): Promise<Failure> {
  const f = toFailure(e, ctx);
  log.error(`${ctx.action ?? 'command'} failed: ${f.message}${f.requestId ? ` (request ID ${f.requestId})` : ''}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(f.message, showLog).then((choice) => {
    if (choice === showLog) void vscode.commands.executeCommand(Commands.showLog);
  });
  return f;
}
