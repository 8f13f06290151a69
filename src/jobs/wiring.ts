// How the job runners are tied in: their endings told through JobEvents (the runners are built before whoever
// says or shows an ending), the shared job store opened, and when this window looks at jobs again.
import * as vscode from 'vscode';
import type { CopyJob } from '../core/copyJobs';
import type { Destination, Distribution } from '../core/distribution';
import { toFailure } from '../aws/errors';
import { GlobalStateKeys } from '../platform/ids';
import { Disposable } from '../platform/lifecycle';
import type { DistributionStatusBar } from './distributionStatusBar';
import type { Distributor } from './distributor';
import { FileJobStore } from './fileStore';
import { entryMerges, moveFromGlobalState } from './store';
import type { CopyTracker } from './tracker';

export class JobEvents extends Disposable {
  private readonly copy = this._register(new vscode.EventEmitter<CopyJob>());
  private readonly destination = this._register(new vscode.EventEmitter<{ d: Distribution; dest: Destination }>());
  private readonly distribution = this._register(new vscode.EventEmitter<Distribution>());
  readonly onCopyEnded = this.copy.event;
  readonly onDestinationChanged = this.destination.event;
  readonly onDistributionEnded = this.distribution.event;
  /** For the tracker: a copy, update or delete ended. */
  readonly copyEnded = (job: CopyJob): void => this.copy.fire(job);
  /** For the distributor: a distribution moved on in one region. */
  readonly destinationChanged = (d: Distribution, dest: Destination): void => this.destination.fire({ d, dest });
  /** For the distributor: every region of a distribution is done or failed. */
  readonly distributionEnded = (d: Distribution): void => this.distribution.fire(d);
}

/**
 * The job store in files of global storage, not global state: another window's write replaces global state whole
 * (fileStore.ts). What 0.1 and 0.2 kept in global state moves into the files (the store has it before the runners resume).
 */
export function openJobStore(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): FileJobStore {
  const warn = (e: unknown): void => log.warn(`tracked copies: ${toFailure(e).message}`);
  const jobStore = new FileJobStore({
    dir: context.globalStorageUri.fsPath,
    merges: entryMerges(GlobalStateKeys.copies, GlobalStateKeys.distributions),
    onError: warn,
  });
  void moveFromGlobalState(context.globalState, jobStore, [
    GlobalStateKeys.copies,
    GlobalStateKeys.distributions,
  ]).done.catch(warn);
  return jobStore;
}

export interface Watched {
  tracker: CopyTracker;
  distributor: Distributor;
  distributionStatusBar: DistributionStatusBar;
  jobStore: FileJobStore;
  /** The view: tracked copies are polled for their rows while it shows. */
  treeView: vscode.TreeView<unknown>;
}

/**
 * When this window looks at jobs again: another window may have started or ended some (the job store is shared).
 * Listening before the runners resume, so that a change told while they read is not missed.
 */
export function followJobs({
  tracker,
  distributor,
  distributionStatusBar,
  jobStore,
  treeView,
}: Watched): vscode.Disposable[] {
  return [
    treeView.onDidChangeVisibility((e) => tracker.setWatching(e.visible)),
    // Another window wrote a job: show it now (on the next turn: the store tells during a read).
    jobStore.onDidChange(() =>
      setTimeout(() => {
        tracker.refresh();
        distributionStatusBar.update(distributor.all());
      }, 0),
    ),
    // Another window may have started copies meanwhile: look when this one is used.
    vscode.window.onDidChangeWindowState((e) => {
      if (e.focused) tracker.refresh();
    }),
  ];
}
