// Reading and editing the tags of an image or image builder: AppStream by ARN (ListTagsForResource, TagResource,
// UntagResource), WorkSpaces by resource ID (DescribeTags, CreateTags, DeleteTags). An edit sends at most one
// removal and one addition, each once through the write client; a lost answer is settled by reading the tags back.
import { changeCount, type TagChanges, type TaggedResource, type Tags } from '../core/tags';
import { AppStreamCalls } from './appstream';
import type { ClientPool } from './clients';
import { WorkSpacesCalls } from './workspaces';

/** What an edit did: `recovered` when an answer was lost and a read-back found the change made. */
export interface TagEditResult {
  readonly recovered: boolean;
}

export class ResourceTags {
  private readonly appstream: AppStreamCalls;
  private readonly workspaces: WorkSpacesCalls;

  constructor(pool: ClientPool, profile: string) {
    this.appstream = new AppStreamCalls(pool, profile);
    this.workspaces = new WorkSpacesCalls(pool, profile);
  }

  /** Every tag of the resource, as AWS holds it ("aws:" ones included): one request. */
  async read(res: TaggedResource, signal?: AbortSignal): Promise<Tags> {
    if (res.service === 'appstream') {
      if (!res.arn) throw new Error(`${res.name} has no ARN: its tags cannot be read.`);
      return this.appstream.listTags(res.region, res.arn, signal);
    }
    const list = await this.workspaces.listTags(res.region, res.id, signal);
    return Object.fromEntries(list.map((t) => [t.Key, t.Value ?? '']));
  }

  /**
   * The removals first, then the additions: with the removals made, the resource never holds more than the
   * 50 tags the edit ends with (AWS would refuse the addition otherwise). Nothing is sent for no change.
   * `onStep` hears which request is about to be sent (a failure is then that request's).
   */
  async edit(res: TaggedResource, c: TagChanges, onStep?: (step: 'remove' | 'set') => void): Promise<TagEditResult> {
    let recovered = false;
    const lost = (): void => {
      recovered = true;
    };
    if (!changeCount(c)) return { recovered };
    if (res.service === 'appstream' && !res.arn) throw new Error(`${res.name} has no ARN: its tags cannot be changed.`);
    const arn = res.arn ?? '';
    if (c.remove.length) {
      onStep?.('remove');
      await (res.service === 'appstream'
        ? this.appstream.untag(res.region, arn, c.remove, lost)
        : this.workspaces.deleteTags(res.region, res.id, c.remove, lost));
    }
    if (Object.keys(c.set).length) {
      onStep?.('set');
      await (res.service === 'appstream'
        ? this.appstream.tag(res.region, arn, c.set, undefined, lost)
        : this.workspaces.createTags(res.region, res.id, c.set, lost));
    }
    return { recovered };
  }
}
