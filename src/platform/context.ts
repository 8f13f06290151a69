// Context keys the manifest's `when` clauses read (ids.ts names them).
import * as vscode from 'vscode';

export function setContextKey(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
