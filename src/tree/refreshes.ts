// The one owner of refresh triggers (as Container Tools' RefreshManager): everything that re-lists a node or
// redraws a row asks here, with a reason, so "what redraws this row?" has one answer and the log says why.
// Parts built before the tree (the Scope, the usage index) and the job runners tell it through events heard here.
import type * as vscode from 'vscode';
import { destinationOf, jobKind, type CopyJob } from '../core/copyJobs';
import type { Destination, Distribution } from '../core/distribution';
import type { ImageFilter } from '../core/filter';
import { ownedList, type ImageListKey, type ImageRecord } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import type { BuilderRecord } from '../core/builders';
import { isBuilderJobKind } from '../core/builderJobs';
import { AMI_IMPORT_EXPORT } from '../core/importExport';
import type { ServiceId } from '../core/regions';
import { isRolloutJobKind } from '../core/rolloutJobs';
import { Disposable } from '../platform/lifecycle';
import type { ImageTreeProvider } from './provider';
import type { Node, TypeNode } from './nodes';

export type RefreshReason =
  | 'user' // Refresh in the view title or on a type row
  | 'retry' // Retry on an error row
  | 'settings' // regions or page size changed
  | 'profile' // another profile was chosen
  | 'sort' // the sort order changed
  | 'filter' // the view's filter changed
  | 'account' // a profile's account became known
  | 'usage' // what uses a region's images was listed
  | 'transition' // images in transition changed state
  | 'copy-started' // a copy now exists in its destination list
  | 'copy-ended' // a tracked copy reached its end
  | 'deleted' // AWS accepted a delete
  | 'sharing' // an image was shared or unshared
  | 'builder-action' // AWS accepted Start, Stop or Delete of an image builder
  | 'builder-ended' // a tracked image builder action reached its end
  | 'builder-created' // AWS accepted CreateImageBuilder
  | 'tags' // an image's tags were read or edited
  | 'health' // a health report marked image rows, or its marks were cleared
  | 'export-started' // AWS accepted an export of an image to an AMI
  | 'export-ended' // a tracked export to an AMI reached its end
  | 'rollout'; // a fleet or bundle was given another image (or a followed change of one ended)

/** One service in one region of one profile: what a usage listing covers. */
export type ServiceRegion = Pick<ImageRef, 'profile' | 'service' | 'region'>;

export interface TreeSources {
  /** The Scope learned a profile's account. */
  onAccountLearned: vscode.Event<string>;
  /** The usage index listed what uses the service's images in a region. */
  onUsageKnown: vscode.Event<ServiceRegion>;
}

export interface JobSources {
  /** A tracked copy, update or delete ended. */
  onCopyEnded: vscode.Event<CopyJob>;
  /** A distribution moved on in one region. */
  onDestinationChanged: vscode.Event<{ d: Distribution; dest: Destination }>;
}

export class Refreshes extends Disposable {
  /** `caches` are dropped with every page on a full refresh (usage listings, lists a search kept). */
  constructor(
    private readonly tree: ImageTreeProvider,
    told: TreeSources,
    jobs: JobSources,
    private readonly trace?: (line: string) => void,
    private readonly caches: { clear(): void }[] = [],
  ) {
    super();
    this._register(told.onAccountLearned((profile) => this.accountLearned(profile)));
    this._register(told.onUsageKnown((ref) => this.usageKnown(ref)));
    this._register(jobs.onCopyEnded((job) => this.jobEnded(job)));
    this._register(jobs.onDestinationChanged(({ d, dest }) => this.destinationChanged(d, dest)));
  }

  /** Redraws the loaded lists with the health report's marks, or without them (no request). */
  health(reason: RefreshReason): void {
    this.trace?.(`redraw all (${reason})`);
    this.tree.reorder();
  }

  /** Forgets every page (and what searches kept): the tree lists again as it is expanded. */
  all(reason: RefreshReason): void {
    this.trace?.(`refresh all (${reason})`);
    for (const c of this.caches) c.clear();
    this.tree.clear();
  }

  /** Re-lists one type node. */
  list(node: TypeNode, reason: RefreshReason): void {
    this.trace?.(`refresh ${node.id} (${reason})`);
    this.tree.reset(node);
  }

  /** Re-lists a list if it has been opened (a list never opened is listed fresh anyway). */
  listIfOpen(key: ImageListKey, reason: RefreshReason): void {
    const node = this.tree.openedList(key);
    if (node) this.list(node, reason);
  }

  /** Shows what AWS answered about one image (DELETING), or drops its row (`next` undefined: gone). */
  record(ref: ImageRef, next: ImageRecord | undefined, reason: RefreshReason): void {
    this.trace?.(`update ${ref.region}/${ref.id} (${reason})`);
    this.tree.updateRecord(ref, next);
  }

  /** Re-lists a region's image builders if their row has been shown (one DescribeImageBuilders when shown again). */
  builders(profile: string, region: string, reason: RefreshReason): void {
    const node = this.tree.builders.opened(profile, region);
    if (!node) return;
    this.trace?.(`refresh ${node.id} (${reason})`);
    this.tree.builders.reset(node);
  }

  /** Re-lists a region's export tasks if their row has been shown (one ListExportImageTasks when shown again). */
  exports(profile: string, region: string, reason: RefreshReason): void {
    for (const service of Object.keys(AMI_IMPORT_EXPORT) as ServiceId[]) {
      const node = AMI_IMPORT_EXPORT[service] ? this.tree.exports.opened(profile, region, service) : undefined;
      if (!node) continue;
      this.trace?.(`refresh ${node.id} (${reason})`);
      this.tree.exports.reset(node);
    }
  }

  /** Shows what is known of one image builder now (STOPPING once AWS accepted Stop), without a request. */
  builder(next: BuilderRecord, reason: RefreshReason): void {
    this.trace?.(`update builder ${next.region} (${reason})`);
    this.tree.builders.update(next);
  }

  /** Shows a builder AWS just created in its region's list, without a request. */
  builderAdded(record: BuilderRecord, reason: RefreshReason): void {
    this.trace?.(`add builder ${record.region} (${reason})`);
    this.tree.builders.added(record);
  }

  /** Re-lists the accounts an image is shared with, and shows what is known of its sharing (`next`) on its row. */
  sharing(ref: ImageRef, next: ImageRecord | undefined, reason: RefreshReason): void {
    this.trace?.(`sharing ${ref.region}/${ref.id} (${reason})`);
    if (next) this.tree.updateRecord(ref, next);
    this.tree.resetSharing(ref);
  }

  /** Redraws a row whose node changed in place, and its children (nothing is re-listed). */
  redraw(node: Node, reason: RefreshReason): void {
    this.trace?.(`redraw ${node.id} (${reason})`);
    this.tree.redraw(node);
  }

  /** Redraws the loaded lists in the order now set (no request). */
  reorder(): void {
    this.trace?.('redraw all (sort)');
    this.tree.reorder();
  }

  /** Shows only what `filter` keeps in the loaded lists (no request). */
  filter(filter: ImageFilter | undefined): void {
    this.trace?.('redraw all (filter)');
    this.tree.setFilter(filter);
  }

  /**
   * What uses a region's images changed (a fleet or bundle has another image): the listing is forgotten, so "Used
   * by" rows, tooltips and the clean-up list it again, and the region's opened owned list is redrawn.
   */
  usage(profile: string, region: string, service: ServiceId, reason: RefreshReason): void {
    this.trace?.(`usage ${profile}/${region} (${reason})`);
    this.tree.forgetUsage(profile, region);
    const list = this.tree.openedList(ownedList({ profile, service, region }));
    if (list) this.redraw(list, reason);
  }

  /** A tracked job ended: a deleted image's row just leaves; a copy or update (or a delete AWS did not carry out) is listed again. */
  private jobEnded(job: CopyJob): void {
    if (isBuilderJobKind(jobKind(job))) return this.builders(job.profile, job.destRegion, 'builder-ended');
    if (jobKind(job) === 'export') return this.exports(job.profile, job.destRegion, 'export-ended');
    if (isRolloutJobKind(jobKind(job))) return this.usage(job.profile, job.destRegion, job.service, 'rollout');
    if (jobKind(job) === 'delete' && job.outcome === 'succeeded') this.record(destinationOf(job), undefined, 'deleted');
    else this.listIfOpen(ownedList(destinationOf(job)), 'copy-ended');
  }

  /** A distribution moved on in one region: the region's list shows its copy once it exists, and again when it is available or failed. */
  private destinationChanged(d: Distribution, dest: Destination): void {
    const copyChanged =
      dest.phase === 'copying' || (dest.phase === 'available' && !dest.isSource) || dest.failed?.step === 'copy';
    if (copyChanged) {
      this.listIfOpen(
        ownedList({ profile: d.profile, service: d.service, region: dest.region }),
        dest.phase === 'copying' ? 'copy-started' : 'copy-ended',
      );
    }
  }

  private accountLearned(profile: string): void {
    this.trace?.(`redraw ${profile} (account)`);
    this.tree.accountLearned(profile);
  }

  /**
   * Re-renders the owned list of the region: tooltips and "Used by" rows show what uses its images. On the next
   * turn, after the "Used by" row that asked has been answered: redrawing its list while the workbench still
   * waits for that row's children would register them twice.
   */
  private usageKnown(ref: ServiceRegion): void {
    setTimeout(() => {
      const list = this.tree.openedList(ownedList(ref));
      if (list) this.redraw(list, 'usage');
    }, 0);
  }
}
