// What command handlers may use. Built once in extension.ts.
import type { Scope } from '../aws/scope';
import type { ImageRecord } from '../core/image';
import type { SearchCache } from '../core/searchCache';
import type { HealthMarks } from '../core/healthMarks';
import type { UsageIndex } from '../aws/usage';
import type { CloudImagesSettings } from '../platform/settings';
import type { DetailsDocuments } from '../platform/details';
import type { ImageTreeProvider } from '../tree/provider';
import type { Refreshes } from '../tree/refreshes';
import type { Node } from '../tree/nodes';
import type { CopyTracker } from '../jobs/tracker';
import type { Distributor } from '../jobs/distributor';
import type { Prompts } from '../platform/prompts';
import type { Browser } from '../platform/browser';
import type { LogOutputChannel, Memento, TreeView } from '../platform/editor';

export interface CommandContext {
  readonly tree: ImageTreeProvider;
  readonly treeView: TreeView<Node>;
  /** Every re-list or row change goes through here, with its reason. */
  readonly refreshes: Refreshes;
  readonly log: LogOutputChannel;
  readonly details: DetailsDocuments;
  readonly tracker: CopyTracker;
  /** Runs "Distribute Image…" jobs (copies, tags, shares per region). */
  readonly distributor: Distributor;
  /** The questions and notifications of a flow; replaceable so an integration test can answer them. */
  prompts: Prompts;
  /** Opens links outside the editor (a streaming session); replaceable so an integration test sees what is opened. */
  browser: Browser;
  /** The profile, its regions and sessions. */
  readonly scope: Scope;
  /** Lists Find Image read lately. */
  readonly searchCache: SearchCache<ImageRecord>;
  /** Small choices remembered across reloads (global state). */
  readonly memento: Memento;
  settings(): CloudImagesSettings;
  /** What uses images: one listing per (profile, region), kept until refresh. */
  readonly usage: UsageIndex;
  /** The reasons of the last health report, shown as marks on image rows. */
  readonly health: HealthMarks;
}

export type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;
