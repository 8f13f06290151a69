// Long work behind a cancellable progress notification, and the editor's "cancelled" error. Outside the editor
// (unit tests) the work runs as it would with the notification left alone: no message shown, never cancelled.
import type * as vscode from 'vscode';
import { editorApi } from './editor';

export type CancellationToken = vscode.CancellationToken;
export type ProgressReport = (message: string) => void;

const NEVER: CancellationToken = {
  isCancellationRequested: false,
  onCancellationRequested: () => ({ dispose: () => undefined }),
};

/** Runs `work` with a progress notification titled `title`; `token` is cancelled by the notification's Cancel. */
export async function withProgress<T>(
  title: string,
  work: (report: ProgressReport, token: CancellationToken) => Promise<T>,
): Promise<T> {
  const v = editorApi();
  if (!v) return work(() => undefined, NEVER);
  return v.window.withProgress(
    { location: v.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => work((message) => progress.report({ message }), token),
  );
}

/** The user cancelled (the editor's CancellationError): not a failure to report. */
export function isCancellation(e: unknown): boolean {
  const v = editorApi();
  return !!v && e instanceof v.CancellationError;
}
