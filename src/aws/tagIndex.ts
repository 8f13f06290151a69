// The tags of images, read only when something shows or filters by them (DescribeImages does not return tags):
// one request per image (ListTagsForResource by ARN, DescribeTags by ID), kept until a refresh or an edit.
// Concurrent askers share the request in flight; a failure is not kept, so the next ask reads again.
import type { ImageRecord } from '../core/image';
import { Keys, type ImageRef } from '../core/imageRef';
import { runLimited } from '../core/limiter';
import { taggedImage, tagsReadable, type Tags } from '../core/tags';
import type { ImageApi } from './images';

/** Tag reads in flight at once when a filter reads many (per account and region, and overall). */
export const TAG_READS_PER_REGION = 4;
export const TAG_READS_OVERALL = 8;

interface Entry {
  readonly pending: Promise<Tags>;
  value?: Tags;
}

export class TagIndex {
  private entries = new Map<string, Entry>();

  constructor(private readonly api: (profile: string) => ImageApi) {}

  /** The tags if they have been read; never sends a request. */
  known(ref: ImageRef): Tags | undefined {
    return this.entries.get(Keys.job(ref))?.value;
  }

  /** The image's tags: read once (one request), then kept until forgotten. */
  tags(r: ImageRecord, signal?: AbortSignal): Promise<Tags> {
    const key = Keys.job(r);
    const existing = this.entries.get(key);
    if (existing) return existing.pending;
    const owner = this.entries;
    const entry: Entry = {
      pending: this.api(r.profile)
        .resourceTags(taggedImage(r), signal)
        .then(
          (tags) => {
            entry.value = tags;
            return tags;
          },
          (e: unknown) => {
            if (owner.get(key) === entry) owner.delete(key);
            throw e;
          },
        ),
    };
    this.entries.set(key, entry);
    return entry.pending;
  }

  /**
   * The tags of every readable image not known yet: one request each, a few at a time per account and region.
   * Answers how many could not be read.
   */
  async readAll(records: readonly ImageRecord[]): Promise<number> {
    let failed = 0;
    const wanted = new Map(records.filter(tagsReadable).map((r) => [Keys.job(r), r]));
    await runLimited(
      [...wanted.values()]
        .filter((r) => !this.known(r))
        .map((r) => ({
          group: Keys.region(r.profile, r.region),
          run: () =>
            this.tags(r).then(
              () => undefined,
              () => {
                failed++;
              },
            ),
        })),
      { overall: TAG_READS_OVERALL, perGroup: TAG_READS_PER_REGION },
    );
    return failed;
  }

  /** The tags AWS holds now (after an edit): kept as they are. */
  set(ref: ImageRef, tags: Tags): void {
    this.entries.set(Keys.job(ref), { pending: Promise.resolve(tags), value: tags });
  }

  /** Forgets one image's tags (an edit whose outcome is not known): the next ask reads them. */
  forget(ref: ImageRef): void {
    this.entries.delete(Keys.job(ref));
  }

  /** Forgets everything: called on refresh. A read in flight then lands nowhere. */
  clear(): void {
    this.entries = new Map();
  }
}
