// The local endpoint's WorkSpaces and the images made from them or imported, driven by the real SDK client:
// DescribeWorkspaces paged and filtered, CreateWorkspaceImage and ImportWorkspaceImage PENDING -> AVAILABLE or
// ERROR with the seeded ErrorDetails, each modeled refusal, and the model's request constraints.
import * as assert from 'node:assert';
import {
  CreateWorkspaceImageCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  ImportWorkspaceImageCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { Emulator } from '../emulator/server';

const errorName = (name: string, message?: RegExp) => (e: unknown) =>
  (e as { name?: string }).name === name && (!message || message.test((e as Error).message));

describe('local endpoint: images from WorkSpaces and BYOL imports', () => {
  let emu: Emulator;
  const credentials = { accessKeyId: 'AKIAWSIMAGES00000000', secretAccessKey: 'x' };
  const ws = () => new WorkSpacesClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  const stateOf = async (id: string) =>
    (await ws().send(new DescribeWorkspaceImagesCommand({ ImageIds: [id] }))).Images![0];

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default', copyDelayMs: 100 });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('lists the WorkSpaces paged and filtered, without the endpoint’s own members', async () => {
    const first = await ws().send(new DescribeWorkspacesCommand({ Limit: 4 }));
    assert.deepStrictEqual(
      first.Workspaces!.map((w) => [w.UserName, w.State]),
      [
        ['grace', 'TERMINATED'],
        ['alice', 'AVAILABLE'],
        ['bob', 'STOPPED'],
        ['carol', 'PENDING'],
      ],
    );
    assert.ok(first.NextToken);
    const rest = await ws().send(new DescribeWorkspacesCommand({ Limit: 4, NextToken: first.NextToken }));
    assert.deepStrictEqual(
      rest.Workspaces!.map((w) => w.UserName),
      ['dave', 'erin', 'frank'],
    );
    assert.strictEqual(rest.NextToken, undefined);
    assert.ok(!('_imageFails' in rest.Workspaces![2]));
    const byId = await ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-b2c3d4e5f6'] }));
    assert.deepStrictEqual(
      byId.Workspaces!.map((w) => w.ComputerName),
      ['WSAMZN-BOB02'],
    );
    const byUser = await ws().send(new DescribeWorkspacesCommand({ DirectoryId: 'd-906734e6b2', UserName: 'Alice' }));
    assert.deepStrictEqual(
      byUser.Workspaces!.map((w) => w.WorkspaceId),
      ['ws-a1b2c3d4e5'],
    );
    await assert.rejects(
      ws().send(new DescribeWorkspacesCommand({ UserName: 'alice' })),
      errorName('InvalidParameterValuesException'),
    );
    await assert.rejects(
      ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-a1b2c3d4e5'], BundleId: 'wsb-bh8rsxt14' })),
      errorName('InvalidParameterValuesException'),
    );
    await assert.rejects(ws().send(new DescribeWorkspacesCommand({ Limit: 26 })), errorName('ValidationException'));
    await assert.rejects(
      ws().send(new DescribeWorkspacesCommand({ WorkspaceIds: ['wsx-1'] })),
      errorName('ValidationException'),
    );
  });

  it('CreateWorkspaceImage: PENDING, then AVAILABLE after the delay; a seeded WorkSpace ends in ERROR with its details', async () => {
    const made = await ws().send(
      new CreateWorkspaceImageCommand({
        Name: 'Alice-Golden',
        Description: 'From alice',
        WorkspaceId: 'ws-a1b2c3d4e5',
        Tags: [{ Key: 'team', Value: 'it' }],
      }),
    );
    assert.deepStrictEqual([made.Name, made.State, made.OwnerAccountId], ['Alice-Golden', 'PENDING', '123456789012']);
    assert.ok(made.Created instanceof Date);
    const bad = await ws().send(
      new CreateWorkspaceImageCommand({ Name: 'Frank-Image', Description: 'x', WorkspaceId: 'ws-f6a7b8c9d0' }),
    );
    emu.world.settleAll();
    assert.strictEqual((await stateOf(made.ImageId!)).State, 'AVAILABLE');
    const failed = await stateOf(bad.ImageId!);
    assert.strictEqual(failed.State, 'ERROR');
    assert.deepStrictEqual(
      failed.ErrorDetails!.map((e) => e.ErrorCode),
      ['DomainAccountServicesFound', 'PendingReboot'],
    );
  });

  it('CreateWorkspaceImage refusals: state, unknown, name taken, quota, and the model’s constraints', async () => {
    const create = (WorkspaceId: string, Name = 'New-Image', Description: string | null = 'd') =>
      ws().send(
        new CreateWorkspaceImageCommand({ Name, Description: Description ?? (undefined as never), WorkspaceId }),
      );
    await assert.rejects(create('ws-c3d4e5f6a7'), errorName('InvalidResourceStateException', /PENDING/));
    await assert.rejects(create('ws-0a1b2c3d4e'), errorName('InvalidResourceStateException', /TERMINATED/));
    await assert.rejects(create('ws-99999999'), errorName('ResourceNotFoundException'));
    await assert.rejects(create('ws-b2c3d4e5f6', 'Standard-Win11'), errorName('ResourceAlreadyExistsException'));
    emu.world.wsImageQuota = 10;
    await assert.rejects(create('ws-b2c3d4e5f6'), errorName('ResourceLimitExceededException'));
    emu.world.wsImageQuota = 1000;
    await assert.rejects(create('ws-b2c3d4e5f6', 'a b'), errorName('ValidationException'));
    await assert.rejects(create('ws-b2c3d4e5f6', 'x'.repeat(65)), errorName('ValidationException'));
    await assert.rejects(create('ws-b2c3d4e5f6', 'ok', null), errorName('ValidationException'));
    await assert.rejects(create('ws-b2c3d4e5f6', 'ok', 'semi;colon'), errorName('ValidationException'));
    assert.strictEqual((await create('ws-b2c3d4e5f6')).State, 'PENDING', 'a STOPPED WorkSpace is accepted');
  });

  it('ImportWorkspaceImage: PENDING then AVAILABLE; an AMI failing its checks ends in ERROR; refusals', async () => {
    const imp = (Ec2ImageId: string, ImageName = 'Byol-1', IngestionProcess = 'BYOL_REGULAR_WSP') =>
      ws().send(
        new ImportWorkspaceImageCommand({
          Ec2ImageId,
          ImageName,
          ImageDescription: 'BYOL',
          IngestionProcess: IngestionProcess as never,
        }),
      );
    const ok = await imp('ami-0123456789abcdef0');
    const bad = await imp('ami-0fedcba987654321f', 'Byol-2');
    assert.strictEqual((await stateOf(ok.ImageId!)).State, 'PENDING');
    emu.world.settleAll();
    const done = await stateOf(ok.ImageId!);
    assert.deepStrictEqual([done.State, done.RequiredTenancy], ['AVAILABLE', 'DEDICATED']);
    assert.deepStrictEqual(
      (await stateOf(bad.ImageId!)).ErrorDetails!.map((e) => e.ErrorCode),
      ['OfficeInstalled', 'WindowsUpdatesEnabled'],
    );
    await assert.rejects(imp('ami-00000000'), errorName('ResourceNotFoundException'));
    await assert.rejects(imp('ami-1234abcd', 'Byol-3'), errorName('OperationNotSupportedException'));
    await assert.rejects(imp('ami-0123456789abcdef0', 'Byol-1'), errorName('ResourceAlreadyExistsException'));
    await assert.rejects(imp('ami-XYZ'), errorName('ValidationException'));
    await assert.rejects(imp('ami-0123456789abcdef0', 'Byol-4', 'BYOL_FANCY'), errorName('ValidationException'));
  });
});
