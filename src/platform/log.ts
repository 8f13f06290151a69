// The "Cloud Images" log: one line per AWS call (operation, region, duration, request ID, error). Only these
// fields are written: never parameters, headers or credentials.
import * as vscode from 'vscode';
import type { CallRecord } from '../core/calls';
import { OUTPUT_CHANNEL } from './ids';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
}

export function logCall(log: vscode.LogOutputChannel, c: CallRecord): void {
  const line = `${c.service}:${c.operation} ${c.region} ${c.ms} ms request-id=${c.requestId ?? '-'}`;
  if (c.error) log.warn(`${line} error=${c.error}`);
  else log.info(line);
}
