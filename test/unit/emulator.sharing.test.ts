// The local endpoint's image permissions as AWS models them, driven by the real SDK clients: pages (AppStream
// up to 500 accounts, WorkSpaces up to 25), the 100-accounts quota, an image AWS will not share, and the
// modeled errors of each operation.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  DescribeImagePermissionsCommand,
  UpdateImagePermissionsCommand,
  DeleteImagePermissionsCommand,
  LimitExceededException,
} from '@aws-sdk/client-appstream';
import {
  WorkSpacesClient,
  DescribeWorkspaceImagePermissionsCommand,
  UpdateWorkspaceImagePermissionCommand,
  OperationNotSupportedException,
} from '@aws-sdk/client-workspaces';
import { Emulator } from '../emulator/server';
import { startEndpoint } from '../support/localAws';

const credentials = { accessKeyId: 'AKIASDKTEST000000000', secretAccessKey: 'x' };
const acct = (i: number): string => String(100000000000 + i);

describe('local endpoint: image permissions', () => {
  let emu: Emulator;
  const appstream = (region = 'us-east-1') =>
    new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const workspaces = (region = 'us-east-1') =>
    new WorkSpacesClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const named = (name: string) => (e: unknown) => (e as Error).name === name;

  beforeEach(async () => {
    emu = await startEndpoint();
  });
  afterEach(() => emu.stop());

  it('the scenario has a shared AppStream image (fleets / image builders per account) and a shared WorkSpaces image', async () => {
    const as = await appstream().send(new DescribeImagePermissionsCommand({ Name: 'Design-Win2019' }));
    assert.deepStrictEqual(as.SharedImagePermissionsList, [
      { sharedAccountId: '210987654321', imagePermissions: { allowFleet: true, allowImageBuilder: false } },
      { sharedAccountId: '345678901234', imagePermissions: { allowFleet: false, allowImageBuilder: true } },
    ]);
    const ws = await workspaces().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: 'wsi-linux0001' }));
    assert.deepStrictEqual(ws.ImagePermissions, [
      { SharedAccountId: '210987654321' },
      { SharedAccountId: '345678901234' },
    ]);
  });

  it('AppStream pages up to 500 accounts with fresh tokens; SharedAwsAccountIds narrows to 1-5 accounts', async () => {
    const img = emu.world.region('us-east-1').appstream.get('Finance-Win2022')!;
    for (let i = 0; i < 620; i++) img.sharedWith.set(acct(i), { allowFleet: true, allowImageBuilder: false });
    const first = await appstream().send(
      new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022', MaxResults: 500 }),
    );
    assert.strictEqual(first.SharedImagePermissionsList!.length, 500);
    const second = await appstream().send(
      new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022', MaxResults: 500, NextToken: first.NextToken }),
    );
    assert.strictEqual(second.SharedImagePermissionsList!.length, 120);
    assert.strictEqual(second.NextToken, undefined);
    await assert.rejects(
      appstream().send(new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022', MaxResults: 501 })),
      named('ValidationException'),
    );
    const one = await appstream().send(
      new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022', SharedAwsAccountIds: [acct(7), '999999999999'] }),
    );
    assert.deepStrictEqual(
      one.SharedImagePermissionsList!.map((p) => p.sharedAccountId),
      [acct(7)],
    );
  });

  it('WorkSpaces pages up to 25 accounts; MaxResults above 25 is refused', async () => {
    const img = emu.world.region('us-east-1').workspaces.get('wsi-abc123def')!;
    for (let i = 0; i < 30; i++) img.sharedWith.add(acct(i));
    const first = await workspaces().send(
      new DescribeWorkspaceImagePermissionsCommand({ ImageId: 'wsi-abc123def', MaxResults: 25 }),
    );
    assert.strictEqual(first.ImagePermissions!.length, 25);
    const second = await workspaces().send(
      new DescribeWorkspaceImagePermissionsCommand({
        ImageId: 'wsi-abc123def',
        MaxResults: 25,
        NextToken: first.NextToken,
      }),
    );
    assert.strictEqual(second.ImagePermissions!.length, 5);
    assert.strictEqual(second.NextToken, undefined);
    await assert.rejects(
      workspaces().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: 'wsi-abc123def', MaxResults: 26 })),
      named('ValidationException'),
    );
  });

  it('AppStream: an image is shared with at most 100 accounts (LimitExceededException); changing one of them still works', async () => {
    const img = emu.world.region('us-east-1').appstream.get('Finance-Win2022')!;
    for (let i = 0; i < 100; i++) img.sharedWith.set(acct(i), { allowFleet: true, allowImageBuilder: false });
    await assert.rejects(
      appstream().send(
        new UpdateImagePermissionsCommand({
          Name: 'Finance-Win2022',
          SharedAccountId: '999999999999',
          ImagePermissions: { allowFleet: true },
        }),
      ),
      (e: unknown) => e instanceof LimitExceededException && /maximum number of accounts \(100\)/.test(e.message),
    );
    await appstream().send(
      new UpdateImagePermissionsCommand({
        Name: 'Finance-Win2022',
        SharedAccountId: acct(3),
        ImagePermissions: { allowFleet: false, allowImageBuilder: true },
      }),
    );
    assert.deepStrictEqual(img.sharedWith.get(acct(3)), { allowFleet: false, allowImageBuilder: true });
  });

  it('AppStream: the permission operations are for private images the account owns, and available ones for updates', async () => {
    for (const name of ['AppStream-WinServer2022-11-01-2026', 'Partner-Shared-Image', 'No-Such-Image']) {
      await assert.rejects(
        appstream().send(new DescribeImagePermissionsCommand({ Name: name })),
        named('ResourceNotFoundException'),
        name,
      );
      await assert.rejects(
        appstream().send(
          new UpdateImagePermissionsCommand({
            Name: name,
            SharedAccountId: '111122223333',
            ImagePermissions: { allowFleet: true },
          }),
        ),
        named('ResourceNotFoundException'),
        name,
      );
    }
    await assert.rejects(
      appstream().send(
        new UpdateImagePermissionsCommand({
          Name: 'Broken-Build',
          SharedAccountId: '111122223333',
          ImagePermissions: { allowFleet: true },
        }),
      ),
      named('ResourceNotAvailableException'),
    );
    await assert.rejects(
      appstream().send(new DeleteImagePermissionsCommand({ Name: 'Finance-Win2022', SharedAccountId: '111122223333' })),
      named('ResourceNotFoundException'),
    );
    await appstream().send(
      new DeleteImagePermissionsCommand({ Name: 'Design-Win2019', SharedAccountId: '210987654321' }),
    );
    await appstream().send(
      new DeleteImagePermissionsCommand({ Name: 'Design-Win2019', SharedAccountId: '345678901234' }),
    );
    assert.strictEqual(
      emu.world.region('us-east-1').appstream.get('Design-Win2019')!.image.ImageSharedWithOthers,
      'FALSE',
    );
  });

  it('WorkSpaces: an image AWS will not share answers OperationNotSupportedException with its reason; not the owner itself', async () => {
    await assert.rejects(
      workspaces('us-west-2').send(
        new UpdateWorkspaceImagePermissionCommand({
          ImageId: 'wsi-byolwin10',
          AllowCopyImage: true,
          SharedAccountId: '111122223333',
        }),
      ),
      (e: unknown) =>
        e instanceof OperationNotSupportedException &&
        e.reason === 'BYOL_IMAGE_SHARING_NOT_SUPPORTED' &&
        /BYOL/.test(e.message),
    );
    await assert.rejects(
      workspaces().send(
        new UpdateWorkspaceImagePermissionCommand({
          ImageId: 'wsi-abc123def',
          AllowCopyImage: true,
          SharedAccountId: '123456789012',
        }),
      ),
      named('InvalidParameterValuesException'),
    );
    await assert.rejects(
      workspaces().send(
        new UpdateWorkspaceImagePermissionCommand({
          ImageId: 'wsi-errored01',
          AllowCopyImage: true,
          SharedAccountId: '111122223333',
        }),
      ),
      named('ResourceUnavailableException'),
    );
    await assert.rejects(
      workspaces().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: 'wsi-shared0001' })),
      named('ResourceNotFoundException'),
    );
  });
});
