// The workbench's commands: context keys the manifest's `when` clauses read (ids.ts names them), registering the
// extension's commands, and focusing its view.
import type * as vscode from 'vscode';
import { requireEditor } from './editor';
import { VIEW_ID } from './ids';

export function setContextKey(key: string, value: unknown): void {
  void requireEditor().commands.executeCommand('setContext', key, value);
}

export function registerCommand(id: string, run: (...args: unknown[]) => unknown): vscode.Disposable {
  return requireEditor().commands.registerCommand(id, run);
}

/** Shows the Cloud Images view (it may be closed when a command comes from the palette or a notification). */
export async function focusView(): Promise<void> {
  await requireEditor().commands.executeCommand(`${VIEW_ID}.focus`);
}
