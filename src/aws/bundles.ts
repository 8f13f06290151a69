// The account's WorkSpaces bundles for roll-outs: DescribeWorkspaceBundles (Owner left out: the account's own) as
// typed records, and UpdateWorkspaceBundle sent once through the write client. AWS answers it with nothing, so the
// bundle is read back, which also settles a lost answer (its image is the new one: done; otherwise not done).

import type { WorkspaceBundle } from '@aws-sdk/client-workspaces';
import type { BundleRecord } from '../core/rollout';
import type { ClientPool } from './clients';
import { sendOnce } from './reconcile';

/** The SDK's bundle as the product's record: mapped here only. */
export function toBundleRecord(profile: string, region: string, b: WorkspaceBundle): BundleRecord {
  return {
    profile,
    region,
    id: b.BundleId ?? '',
    name: b.Name || b.BundleId || '',
    description: b.Description || undefined,
    imageId: b.ImageId || undefined,
    state: b.State || undefined,
    owner: b.Owner || undefined,
  };
}

export class WorkSpacesBundles {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  /** Every bundle of the account in the region, every page (the operation has no MaxResults). */
  async list(region: string, signal?: AbortSignal): Promise<BundleRecord[]> {
    const { DescribeWorkspaceBundlesCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    const out: BundleRecord[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeWorkspaceBundlesCommand(token ? { NextToken: token } : {}), {
        abortSignal: signal,
      });
      out.push(...(page.Bundles ?? []).map((b) => toBundleRecord(this.profile, region, b)));
      token = page.NextToken || undefined;
    } while (token);
    return out;
  }

  /** One bundle by ID (any owner), or undefined when AWS does not list it. */
  async get(region: string, bundleId: string): Promise<BundleRecord | undefined> {
    const { DescribeWorkspaceBundlesCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    const out = await client.send(new DescribeWorkspaceBundlesCommand({ BundleIds: [bundleId] }));
    const b = (out.Bundles ?? []).find((x) => x.BundleId === bundleId);
    return b && toBundleRecord(this.profile, region, b);
  }

  /** UpdateWorkspaceBundle, sent once; answers the bundle read back after it. */
  async setImage(region: string, bundleId: string, imageId: string): Promise<BundleRecord> {
    const { UpdateWorkspaceBundleCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region, 'write');
    const readBack = async (): Promise<BundleRecord | undefined> => {
      const b = await this.get(region, bundleId);
      return b?.imageId === imageId ? b : undefined;
    };
    return sendOnce(async () => {
      await client.send(new UpdateWorkspaceBundleCommand({ BundleId: bundleId, ImageId: imageId }));
      // AWS said yes: the read-back only completes the record (a slow listing still shows what was asked).
      return (
        (await readBack().catch(() => undefined)) ?? {
          profile: this.profile,
          region,
          id: bundleId,
          name: bundleId,
          imageId,
        }
      );
    }, readBack);
  }
}
