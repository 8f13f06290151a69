// The lifetime of the extension's parts (as vscode-pull-request-github's common/lifecycle.ts): a part registers
// what it owns once, where it creates it, and disposing the part disposes all of it, once.
import type * as vscode from 'vscode';

/** Anything with a dispose(): the parts' own registrations (poll loop, job store) are not vscode.Disposables. */
export interface Disposal {
  dispose(): unknown;
}

export abstract class Disposable implements vscode.Disposable {
  private disposed = false;
  private owned: Disposal[] = [];

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Newest first: what was registered later may use what was registered before it.
    for (const d of this.owned.reverse()) d.dispose();
    this.owned = [];
  }

  /** Owns `value` from now on; one registered after disposal is disposed at once (nothing outlives the part). */
  protected _register<T extends Disposal>(value: T): T {
    if (this.disposed) value.dispose();
    else this.owned.push(value);
    return value;
  }
}
