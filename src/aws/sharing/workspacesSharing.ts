// Who a WorkSpaces image is shared with, and the call that changes it (UpdateWorkspaceImagePermission): sent
// once, a lost answer settled by reading the image's accounts back.
import type { Page } from '../../core/image';
import type { SharedAccount } from '../../core/sharing';
import type { ClientPool } from '../clients';
import { sendOnce } from '../reconcile';

export class WorkSpacesSharing {
  constructor(private readonly pool: ClientPool) {}

  /** One page of the accounts an owned image is shared with (up to 25, AWS's largest page). */
  async permissions(
    region: string,
    imageId: string,
    nextToken?: string,
    signal?: AbortSignal,
  ): Promise<Page<SharedAccount>> {
    const { DescribeWorkspaceImagePermissionsCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    const out = await client.send(
      new DescribeWorkspaceImagePermissionsCommand({
        ImageId: imageId,
        MaxResults: 25,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
      { abortSignal: signal },
    );
    return {
      items: (out.ImagePermissions ?? []).map((p) => ({ accountId: p.SharedAccountId ?? '' })),
      nextToken: out.NextToken || undefined,
    };
  }

  /**
   * Shares (`allow`) or unshares the image with an account: UpdateWorkspaceImagePermission's AllowCopyImage. On a
   * lost answer, the image's accounts are read (this operation cannot ask about one account) to see which it is.
   */
  async setShared(region: string, imageId: string, accountId: string, allow: boolean): Promise<void> {
    const { UpdateWorkspaceImagePermissionCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region, 'write');
    await sendOnce(
      async () => {
        await client.send(
          new UpdateWorkspaceImagePermissionCommand({
            ImageId: imageId,
            SharedAccountId: accountId,
            AllowCopyImage: allow,
          }),
        );
        return true;
      },
      async () => ((await this.isSharedWith(region, imageId, accountId)) === allow ? true : undefined),
    );
  }

  private async isSharedWith(region: string, imageId: string, accountId: string): Promise<boolean> {
    let token: string | undefined;
    do {
      const page = await this.permissions(region, imageId, token);
      if (page.items.some((a) => a.accountId === accountId)) return true;
      token = page.nextToken;
    } while (token);
    return false;
  }
}
