// One usage listing per (profile, region), shared by every image of that region and kept until refresh. A
// region's listing has a part per service that exists there (AppStream fleets and image builders, WorkSpaces
// bundles), each fetched on the first ask: an AppStream image's "Used by" never lists bundles. Concurrent askers
// share the request in flight; a failure is not kept, so the next ask lists again.

import { Keys } from '../core/imageRef';
import { servicesIn, type ServiceId } from '../core/regions';
import type { ImageUser } from '../core/usage';
import type { ImageApi } from './images';

export interface UsageRef {
  readonly profile: string;
  readonly region: string;
  readonly service: ServiceId;
}

interface Part {
  readonly pending: Promise<readonly ImageUser[]>;
  value?: readonly ImageUser[];
}

export class UsageIndex {
  private regions = new Map<string, Map<ServiceId, Part>>();

  /** `onLoaded` hears of each listing that arrives (rows and tooltips can show it). */
  constructor(
    private readonly api: (profile: string) => ImageApi,
    private readonly onLoaded?: (ref: UsageRef) => void,
  ) {}

  /** What uses images of this (profile, region, service): listed once, then kept until clear(). */
  users(ref: UsageRef): Promise<readonly ImageUser[]> {
    const regionKey = Keys.region(ref.profile, ref.region);
    let parts = this.regions.get(regionKey);
    if (!parts) {
      parts = new Map();
      this.regions.set(regionKey, parts);
    }
    const existing = parts.get(ref.service);
    if (existing) return existing.pending;
    const owner = parts;
    // Still the kept listing (not dropped by a refresh while it was on its way)?
    const live = (): boolean => this.regions.get(regionKey) === owner && owner.get(ref.service) === part;
    const part: Part = {
      pending: this.api(ref.profile)
        .users(ref.service, ref.region)
        .then(
          (users) => {
            part.value = users;
            if (live()) this.onLoaded?.(ref);
            return users;
          },
          (e: unknown) => {
            if (live()) owner.delete(ref.service);
            throw e;
          },
        ),
    };
    parts.set(ref.service, part);
    return part.pending;
  }

  /** Every service of the region at once (the clean-up). */
  async region(profile: string, region: string): Promise<readonly ImageUser[]> {
    const all = await Promise.all(servicesIn(region).map((service) => this.users({ profile, region, service })));
    return all.flat();
  }

  /** The listing if it has arrived; never sends a request. */
  known(ref: UsageRef): readonly ImageUser[] | undefined {
    return this.regions.get(Keys.region(ref.profile, ref.region))?.get(ref.service)?.value;
  }

  /** Forgets one region's listings (AWS said the image is in use after all). */
  forget(profile: string, region: string): void {
    this.regions.delete(Keys.region(profile, region));
  }

  /** Forgets everything: called on refresh. A listing in flight then lands nowhere. */
  clear(): void {
    this.regions = new Map();
  }
}
