// AppStream fleets for roll-outs: DescribeFleets as typed records (every page, or by names), and UpdateFleet with
// only the image, sent once through the write client; a lost answer is settled by reading the fleet back (its
// image is the new one: done; otherwise AWS did not change it).

import type { Fleet } from '@aws-sdk/client-appstream';
import type { FleetRecord } from '../core/rollout';
import type { ClientPool } from './clients';
import { sendOnce } from './reconcile';

const isNotFound = (e: unknown): boolean => (e as { name?: string }).name === 'ResourceNotFoundException';

/** The SDK's fleet as the product's record: mapped here only. */
export function toFleetRecord(profile: string, region: string, f: Fleet): FleetRecord {
  const c = f.ComputeCapacityStatus;
  return {
    profile,
    region,
    name: f.Name ?? '',
    displayName: f.DisplayName || undefined,
    type: f.FleetType || undefined,
    state: f.State ?? 'STOPPED',
    imageName: f.ImageName || undefined,
    imageArn: f.ImageArn || undefined,
    desired: c?.Desired,
    running: c?.Running,
    inUse: c?.InUse,
  };
}

/** The image to give a fleet: by name (the account's own images), or by ARN (an image shared with it). */
export interface FleetImage {
  readonly name: string;
  readonly arn?: string;
  readonly byArn: boolean;
}

export class AppStreamFleets {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  /** Every fleet of the region (DescribeFleets has no MaxResults: AWS pages it), or those of these names. */
  async list(region: string, names?: string[], signal?: AbortSignal): Promise<FleetRecord[]> {
    const { DescribeFleetsCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out: FleetRecord[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeFleetsCommand({ ...(names ? { Names: names } : {}), ...(token ? { NextToken: token } : {}) }),
        { abortSignal: signal },
      );
      out.push(...(page.Fleets ?? []).map((f) => toFleetRecord(this.profile, region, f)));
      token = page.NextToken || undefined;
    } while (token);
    return out;
  }

  /**
   * The fleets of these names that exist: one request while all exist; a batch that hits a deleted one falls back
   * to one request per name. A missing name is absent from the answer.
   */
  async describe(region: string, names: string[], signal?: AbortSignal): Promise<FleetRecord[]> {
    const unique = [...new Set(names)];
    if (!unique.length) return [];
    try {
      return await this.list(region, unique, signal);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      if (unique.length === 1) return [];
    }
    const found: FleetRecord[] = [];
    for (const name of unique) {
      try {
        found.push(...(await this.list(region, [name], signal)));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return found;
  }

  /** UpdateFleet with the image only, sent once; answers the fleet as AWS left it. */
  async setImage(region: string, fleet: string, image: FleetImage): Promise<FleetRecord> {
    const { UpdateFleetCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    const onImage = (f: FleetRecord): boolean =>
      f.imageName === image.name || (!!image.arn && f.imageArn === image.arn);
    return sendOnce(
      async () => {
        const out = await client.send(
          new UpdateFleetCommand({
            Name: fleet,
            ...(image.byArn && image.arn ? { ImageArn: image.arn } : { ImageName: image.name }),
          }),
        );
        return out.Fleet
          ? toFleetRecord(this.profile, region, out.Fleet)
          : ((await this.describe(region, [fleet]))[0] ?? {
              profile: this.profile,
              region,
              name: fleet,
              state: 'RUNNING',
            });
      },
      async () => {
        const now = (await this.describe(region, [fleet]))[0];
        return now && onImage(now) ? now : undefined;
      },
    );
  }
}
