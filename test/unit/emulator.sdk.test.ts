// The local endpoint with the real SDK clients, unchanged: paginators, error classes, retries, faults.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  DescribeImagesCommand,
  DeleteImageCommand,
  ResourceInUseException,
  paginateDescribeImages,
  CopyImageCommand,
  DescribeImagePermissionsCommand,
  UpdateImagePermissionsCommand,
  DeleteImagePermissionsCommand,
  TagResourceCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-appstream';
import {
  WorkSpacesClient,
  DeleteWorkspaceImageCommand,
  ResourceAssociatedException,
  DescribeWorkspaceImagesCommand,
  UpdateWorkspaceImagePermissionCommand,
  DescribeWorkspaceImagePermissionsCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-workspaces';
import { RemoteEmulator } from '../emulator/remote';
import { Emulator } from '../emulator/server';
import { startEndpoint } from '../support/localAws';

const credentials = { accessKeyId: 'AKIASDKTEST000000000', secretAccessKey: 'x' };

describe('local endpoint, driven by the real SDK clients', () => {
  let emu: Emulator;
  const appstream = (region = 'us-east-1', maxAttempts = 1) =>
    new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts });
  const workspaces = (region = 'us-east-1') =>
    new WorkSpacesClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });

  beforeEach(async () => {
    emu = await startEndpoint();
  });
  afterEach(() => emu.stop());

  it('paginateDescribeImages walks several pages to the end', async () => {
    const names: string[] = [];
    for await (const page of paginateDescribeImages({ client: appstream(), pageSize: 20 }, { Type: 'PRIVATE' })) {
      names.push(...(page.Images ?? []).map((i) => i.Name!));
    }
    assert.strictEqual(names.length, 45);
    assert.strictEqual(new Set(names).size, 45);
    assert.strictEqual(emu.requests({ operation: 'DescribeImages' }).length, 3);
  });

  it('keeps a connection alive between requests, as AWS does: the SDK sends ten requests over one', async () => {
    const client = appstream();
    for (let i = 0; i < 10; i++) await client.send(new DescribeImagesCommand({ Type: 'PRIVATE', MaxResults: 25 }));
    assert.strictEqual(emu.log.length, 10);
    assert.strictEqual(emu.connections, 1);
    client.destroy();
  });

  it('timestamps arrive as dates, and the calling region comes from the signature', async () => {
    const out = await appstream('us-west-2').send(new DescribeImagesCommand({ Names: ['Finance-Win2022-West'] }));
    assert.ok(out.Images![0].CreatedTime instanceof Date);
    assert.strictEqual(emu.log[0].region, 'us-west-2');
    assert.strictEqual(emu.log[0].service, 'appstream');
    assert.match(out.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  });

  it('modeled errors arrive as the SDK classes with their messages', async () => {
    await assert.rejects(
      appstream().send(new DeleteImageCommand({ Name: 'Engineering-Linux' })),
      (e: unknown) => e instanceof ResourceInUseException && /in use by fleet engineering-fleet/.test(e.message),
    );
    await assert.rejects(
      workspaces().send(new DeleteWorkspaceImageCommand({ ImageId: 'wsi-bundled01' })),
      (e: unknown) => e instanceof ResourceAssociatedException && /wsb-callcenter/.test(e.message),
    );
    await assert.rejects(
      appstream().send(
        new CopyImageCommand({
          SourceImageName: 'Finance-Win2022',
          DestinationImageName: 'Finance-Win2022-West',
          DestinationRegion: 'us-west-2',
        }),
      ),
      (e: unknown) => (e as Error).name === 'ResourceAlreadyExistsException',
    );
    await assert.rejects(
      appstream().send(new DescribeImagesCommand({ Names: ['a'], Arns: ['arn:aws:appstream:us-east-1::image/a'] })),
      (e: unknown) => (e as Error).name === 'InvalidParameterCombinationException',
    );
  });

  it('the SDK retries injected throttling and 5xx, and fails after its attempts', async () => {
    emu.inject({ kind: 'throttle', operation: 'DescribeImages', times: 1 });
    emu.inject({ kind: 'unavailable', operation: 'DescribeImages', times: 1 });
    const out = await appstream('us-east-1', 3).send(new DescribeImagesCommand({ Type: 'PUBLIC' }));
    assert.strictEqual(out.Images!.length, 2);
    assert.deepStrictEqual(
      emu.log.map((r) => r.error ?? r.status),
      ['ThrottlingException', 'ServiceUnavailable', 200],
    );
    emu.inject({ kind: 'throttle', times: 3 });
    await assert.rejects(
      appstream('us-east-1', 3).send(new DescribeImagesCommand({})),
      (e: unknown) => (e as Error).name === 'ThrottlingException',
    );
  });

  it('a dropped connection is a network error', async () => {
    emu.inject({ kind: 'drop' });
    await assert.rejects(workspaces().send(new DescribeWorkspaceImagesCommand({})), (e: unknown) =>
      /socket hang up|ECONNRESET/.test(String((e as Error).message) + String((e as { code?: string }).code)),
    );
  });

  it('disabled opt-in regions and expired keys answer as AWS does', async () => {
    await assert.rejects(
      appstream('eu-south-2').send(new DescribeImagesCommand({})),
      (e: unknown) => (e as Error).name === 'UnrecognizedClientException',
    );
    const expired = new AppStreamClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: { accessKeyId: 'AKIAEXPIREDSESSION00', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await assert.rejects(
      expired.send(new DescribeImagesCommand({})),
      (e: unknown) => (e as Error).name === 'ExpiredTokenException',
    );
  });

  it('injected latency delays the answer', async () => {
    emu.latencyMs = 100;
    const t0 = Date.now();
    await appstream().send(new DescribeImagesCommand({ Type: 'PUBLIC' }));
    assert.ok(Date.now() - t0 >= 95);
  });

  it('image permissions and tags: share, list, unshare; constraints enforced', async () => {
    const as = appstream();
    await as.send(
      new UpdateImagePermissionsCommand({
        Name: 'Finance-Win2022',
        SharedAccountId: '111122223333',
        ImagePermissions: { allowFleet: true, allowImageBuilder: false },
      }),
    );
    const perms = await as.send(new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022' }));
    assert.deepStrictEqual(perms.SharedImagePermissionsList, [
      { sharedAccountId: '111122223333', imagePermissions: { allowFleet: true, allowImageBuilder: false } },
    ]);
    await as.send(new DeleteImagePermissionsCommand({ Name: 'Finance-Win2022', SharedAccountId: '111122223333' }));
    assert.deepStrictEqual(
      (await as.send(new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022' }))).SharedImagePermissionsList,
      [],
    );
    await assert.rejects(
      as.send(
        new DescribeImagePermissionsCommand({
          Name: 'Finance-Win2022',
          SharedAwsAccountIds: ['1', '2', '3', '4', '5', '6'],
        }),
      ),
      (e: unknown) => (e as Error).name === 'ValidationException' && /sharedAwsAccountIds/.test((e as Error).message),
    );
    const arn = 'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022';
    await as.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'prod' } }));
    assert.strictEqual((await as.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags!.env, 'prod');
    await assert.rejects(
      as.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'aws:reserved': 'x' } })),
      (e: unknown) => (e as Error).name === 'ValidationException',
    );

    const ws = workspaces();
    await ws.send(
      new UpdateWorkspaceImagePermissionCommand({
        ImageId: 'wsi-abc123def',
        AllowCopyImage: true,
        SharedAccountId: '111122223333',
      }),
    );
    assert.deepStrictEqual(
      (await ws.send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: 'wsi-abc123def' }))).ImagePermissions,
      [{ SharedAccountId: '111122223333' }],
    );
    await assert.rejects(
      ws.send(new DeleteWorkspaceImageCommand({ ImageId: 'wsi-abc123def' })),
      (e: unknown) => (e as Error).name === 'InvalidResourceStateException',
    );
    await assert.rejects(
      ws.send(
        new UpdateWorkspaceImagePermissionCommand({
          ImageId: 'wsi-abc123def',
          AllowCopyImage: true,
          SharedAccountId: '1234',
        }),
      ),
      (e: unknown) => (e as Error).name === 'ValidationException',
    );
    assert.deepStrictEqual((await ws.send(new DescribeTagsCommand({ ResourceId: 'wsi-abc123def' }))).TagList, [
      { Key: 'team', Value: 'it' },
    ]);
  });
});

describe("local endpoint in a process of its own (the benchmark's, in the extension host)", () => {
  it('serves its scenario and answers its log, peak in flight and clear-log controls over HTTP', async function () {
    this.timeout(20_000);
    const remote = await RemoteEmulator.start({
      scenario: { accountId: '111111111111', regions: { 'us-east-1': { appstream: [{ Name: 'Only-One' }] } } },
      latencyMs: 0,
    });
    try {
      const client = new AppStreamClient({ region: 'us-east-1', endpoint: remote.url, credentials, maxAttempts: 1 });
      const out = await Promise.all([1, 2].map(() => client.send(new DescribeImagesCommand({ Type: 'PRIVATE' }))));
      assert.deepStrictEqual(
        out.map((o) => o.Images!.map((i) => i.Name)),
        [['Only-One'], ['Only-One']],
      );
      assert.deepStrictEqual(
        (await remote.log()).map((r) => [r.operation, r.status]),
        [
          ['DescribeImages', 200],
          ['DescribeImages', 200],
        ],
      );
      assert.ok((await remote.peakInFlight()) >= 1);
      await remote.clearLog();
      assert.deepStrictEqual(await remote.log(), []);
      client.destroy();
    } finally {
      remote.stop();
    }
  });
});
