// Who an AppStream image is shared with, and the calls that change it (Describe/Update/DeleteImagePermissions):
// each change sent once, a lost answer settled by reading that account's permissions back.
import type { Page } from '../../core/image';
import { sameUse, type ImageUse, type SharedAccount } from '../../core/sharing';
import type { ClientPool } from '../clients';
import { sendOnce } from '../reconcile';

export class AppStreamSharing {
  constructor(private readonly pool: ClientPool) {}

  /** One page of the accounts an owned image is shared with (up to 500, AWS's largest page); `accounts` narrows it. */
  async permissions(
    region: string,
    name: string,
    nextToken?: string,
    accounts?: string[],
    signal?: AbortSignal,
  ): Promise<Page<SharedAccount>> {
    const { DescribeImagePermissionsCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(
      new DescribeImagePermissionsCommand({
        Name: name,
        MaxResults: 500,
        ...(nextToken ? { NextToken: nextToken } : {}),
        ...(accounts ? { SharedAwsAccountIds: accounts } : {}),
      }),
      { abortSignal: signal },
    );
    const items = (out.SharedImagePermissionsList ?? []).map((p) => ({
      accountId: p.sharedAccountId ?? '',
      use: { fleets: !!p.imagePermissions?.allowFleet, imageBuilders: !!p.imagePermissions?.allowImageBuilder },
    }));
    return { items, nextToken: out.NextToken || undefined };
  }

  /** Shares the image with an account, or changes what it may do; on a lost answer, looks at that account's permissions. */
  async share(region: string, name: string, accountId: string, use: ImageUse): Promise<void> {
    const { UpdateImagePermissionsCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    await sendOnce(
      async () => {
        await client.send(
          new UpdateImagePermissionsCommand({
            Name: name,
            SharedAccountId: accountId,
            ImagePermissions: { allowFleet: use.fleets, allowImageBuilder: use.imageBuilders },
          }),
        );
        return true;
      },
      async () =>
        sameUse((await this.permissions(region, name, undefined, [accountId])).items[0]?.use, use) ? true : undefined,
    );
  }

  /** Stops sharing with an account; on a lost answer, looks whether the account still has permissions. */
  async unshare(region: string, name: string, accountId: string): Promise<void> {
    const { DeleteImagePermissionsCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new DeleteImagePermissionsCommand({ Name: name, SharedAccountId: accountId }));
        return true;
      },
      async () =>
        (await this.permissions(region, name, undefined, [accountId])).items.length === 0 ? true : undefined,
    );
  }
}
