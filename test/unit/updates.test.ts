// Updated images: the input rules of CreateUpdatedImage / CreateUpdatedWorkspaceImage, their refusals in words,
// tracked jobs of kind "update" (and old stored jobs, which have no kind), how a row reads, and the local
// endpoint's two operations driven by the real SDK clients.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  CreateUpdatedImageCommand,
  DescribeImagesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-appstream';
import {
  CreateUpdatedWorkspaceImageCommand,
  DescribeWorkspaceImagesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import {
  appStreamDisplayName,
  appStreamImageName,
  suggestedUpdateName,
  workSpacesImageName,
  workSpacesUpdatedDescription,
} from '../../src/core/rules';
import { describeFailure } from '../../src/core/errors';
import { advance, describeJob, jobId, jobKind, type CopyJob } from '../../src/core/copyJobs';
import { parseJob } from '../../src/core/storedJob';
import { imageContextValue, imageTooltip } from '../../src/core/present';
import type { ImageRecord } from '../../src/core/image';
import { CopyTracker } from '../../src/jobs/tracker';
import { Emulator } from '../emulator/server';
import { APPSTREAM, validate, WORKSPACES } from '../emulator/schema';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { generatedStrings } from '../support/random';

describe('updated images: input rules', () => {
  it('WorkSpaces requires a description for an updated image (a copy does not), with the same characters', () => {
    assert.strictEqual(
      workSpacesUpdatedDescription(''),
      'Enter a description: WorkSpaces requires one for an updated image.',
    );
    assert.strictEqual(workSpacesUpdatedDescription('Updated (2026) v2.1/x_y-z'), undefined);
    assert.strictEqual(workSpacesUpdatedDescription('x'.repeat(256)), undefined);
    assert.match(workSpacesUpdatedDescription('x'.repeat(257))!, /257 characters long; WorkSpaces allows at most 256/);
    assert.strictEqual(
      workSpacesUpdatedDescription('a;b'),
      'Not allowed in a WorkSpaces description: ";". Use letters, digits, spaces and _ . / ( ) -',
    );
  });

  it('AppStream display names: optional, at most 100 characters', () => {
    assert.strictEqual(appStreamDisplayName(''), undefined);
    assert.strictEqual(appStreamDisplayName('é'.repeat(100)), undefined);
    assert.strictEqual(
      appStreamDisplayName('x'.repeat(101)),
      'The display name is 101 characters long; AppStream allows at most 100.',
    );
  });

  it('suggests the source name with the date, replacing a date it already ends with, valid for either service', () => {
    const day = new Date('2026-12-01T10:00:00Z');
    assert.strictEqual(
      suggestedUpdateName('appstream', 'Finance-Win2022-West', day),
      'Finance-Win2022-West-2026-12-01',
    );
    assert.strictEqual(
      suggestedUpdateName('appstream', 'Finance-Win2022-2026-01-15', day),
      'Finance-Win2022-2026-12-01',
    );
    assert.strictEqual(suggestedUpdateName('workspaces', 'Win 11 (std)', day), 'Win-11-(std)-2026-12-01');
    assert.strictEqual(
      suggestedUpdateName('appstream', 'Nightly-2026-12-01', day),
      'Nightly-2026-12-01-updated',
      'never the source name itself',
    );
    assert.strictEqual(appStreamImageName(suggestedUpdateName('appstream', 'x'.repeat(101), day)), undefined);
    assert.strictEqual(workSpacesImageName(suggestedUpdateName('workspaces', 'y'.repeat(64), day)), undefined);
  });

  it('accept exactly what the models of CreateUpdatedImage and CreateUpdatedWorkspaceImage accept (generated values)', () => {
    for (const v of generatedStrings(11, 3000, 210)) {
      const asName = validate(APPSTREAM.CreateUpdatedImage, { existingImageName: 'a', newImageName: v });
      assert.strictEqual(
        appStreamImageName(v) === undefined,
        asName === undefined,
        `AppStream name ${JSON.stringify(v)}`,
      );
      const asDisplay = validate(APPSTREAM.CreateUpdatedImage, {
        existingImageName: 'a',
        newImageName: 'b',
        newImageDisplayName: v,
      });
      assert.strictEqual(
        appStreamDisplayName(v) === undefined,
        asDisplay === undefined,
        `AppStream display name ${JSON.stringify(v)}`,
      );
      const wsName = validate(WORKSPACES.CreateUpdatedWorkspaceImage, {
        SourceImageId: 'wsi-123456789',
        Name: v,
        Description: 'd',
      });
      assert.strictEqual(
        workSpacesImageName(v) === undefined,
        wsName === undefined,
        `WorkSpaces name ${JSON.stringify(v)}`,
      );
      // Description as given, including empty: the model requires it.
      const wsDesc = validate(WORKSPACES.CreateUpdatedWorkspaceImage, {
        SourceImageId: 'wsi-123456789',
        Name: 'n',
        Description: v || undefined,
      });
      assert.strictEqual(
        workSpacesUpdatedDescription(v) === undefined,
        wsDesc === undefined,
        `WorkSpaces description ${JSON.stringify(v)}`,
      );
    }
  });
});

describe('updated images: refusals in words', () => {
  const ctx = { region: 'us-west-2', update: true };
  it('says what each modeled refusal means for an update', () => {
    const limit = describeFailure(
      { name: 'LimitExceededException', message: 'The limit of 5 image updates in progress has been reached.' },
      ctx,
    );
    assert.deepStrictEqual([limit.kind, limit.userMustFix], ['limit', true]);
    assert.match(
      limit.message,
      /As many image updates are in progress in us-west-2 as AWS allows \(5 unless your quota was raised\): wait for one to finish/,
    );
    assert.strictEqual(describeFailure({ name: 'ResourceLimitExceededException', message: 'x' }, ctx).kind, 'limit');
    const incompatible = describeFailure(
      {
        name: 'IncompatibleImageException',
        message: 'Managed image updates are not supported for AMAZON_LINUX2 images.',
      },
      ctx,
    );
    assert.strictEqual(incompatible.kind, 'incompatible');
    assert.match(
      incompatible.message,
      /^Managed image updates are not supported for AMAZON_LINUX2 images\. AWS cannot make an updated image of this one .*image builder/,
    );
    const os = describeFailure(
      {
        name: 'OperationNotSupportedException',
        message:
          'Only Windows 10, Windows Server 2016 and Windows Server 2019 images can be updated; wsi-x runs LINUX.',
      },
      ctx,
    );
    assert.strictEqual(os.kind, 'incompatible');
    assert.match(
      os.message,
      /^AWS does not update images of this operating system: .*runs LINUX\. .*nothing was created\.$/,
    );
    const notPermitted = describeFailure(
      { name: 'OperationNotPermittedException', message: 'The image X already has the latest updates.' },
      ctx,
    );
    assert.match(
      notPermitted.message,
      /^The image X already has the latest updates\. AWS does not permit an updated image of it/,
    );
    assert.match(
      describeFailure({ name: 'InvalidResourceStateException', message: 'No updates.' }, ctx).message,
      /Only an available image with an update can be updated/,
    );
    assert.match(
      describeFailure({ name: 'ResourceAlreadyExistsException', message: 'Taken.' }, ctx).message,
      /Choose another name\.$/,
    );
  });

  it('the same errors outside an update keep their general wording', () => {
    assert.doesNotMatch(
      describeFailure({ name: 'LimitExceededException', message: 'x' }, { region: 'us-west-2' }).message,
      /image updates/,
    );
    assert.strictEqual(describeFailure({ name: 'IncompatibleImageException', message: 'x' }).kind, 'not-available');
  });
});

describe('updated images: tracked jobs', () => {
  const update: CopyJob = {
    id: jobId({ profile: 'demo', service: 'appstream', region: 'us-west-2', id: 'Fin-2026-12-01' }),
    kind: 'update',
    profile: 'demo',
    service: 'appstream',
    sourceRegion: 'us-west-2',
    sourceName: 'Fin',
    sourceId: 'Fin',
    destRegion: 'us-west-2',
    destName: 'Fin-2026-12-01',
    destId: 'Fin-2026-12-01',
    startedAt: 1_000_000,
    state: 'PENDING',
  };

  it('a job stored before jobs had a kind still loads, as a copy; an update keeps its kind; an unknown kind is a copy', () => {
    // The shape version 0.2 stored (no kind).
    const old = {
      id: 'whatever',
      profile: 'demo',
      service: 'appstream',
      sourceRegion: 'us-east-1',
      sourceName: 'Src',
      sourceId: 'Src',
      destRegion: 'us-west-2',
      destName: 'Copy',
      destId: 'Copy',
      startedAt: 5,
      state: 'COPYING',
      seen: true,
    };
    const parsed = parseJob(old, 'demo')!;
    assert.strictEqual(jobKind(parsed), 'copy');
    assert.ok(!('kind' in parsed), 'a copy is stored as before');
    assert.strictEqual(describeJob(parsed), 'Src (us-east-1) → Copy (us-west-2)');
    assert.strictEqual(jobKind(parseJob({ ...old, kind: 'delete-everything' }, 'demo')!), 'copy');
    const again = parseJob(JSON.parse(JSON.stringify(update)), 'demo')!;
    assert.deepStrictEqual(again, update);
    assert.strictEqual(describeJob(again), 'Fin → updated Fin-2026-12-01 (us-west-2)');
  });

  it('an update ends like a copy, and says "updated image" when it is no longer listed', () => {
    assert.strictEqual(advance(update, { state: 'AVAILABLE' }, 2_000_000).outcome, 'succeeded');
    const gone = advance({ ...update, seen: true }, undefined, 2_000_000);
    assert.deepStrictEqual(
      [gone.outcome, gone.reason],
      ['disappeared', 'The updated image is no longer listed in its region.'],
    );
  });

  it('a new tracker over the same store resumes an update and the old-shape copy beside it', async () => {
    const store = new MemoryStore();
    // A copy as version 0.2 stored it: no kind.
    await store.update(
      `copies/${jobId({ profile: 'demo', service: 'workspaces', region: 'us-west-2', id: 'wsi-copy00000' })}`,
      {
        profile: 'demo',
        service: 'workspaces',
        sourceRegion: 'us-east-1',
        sourceName: 'Src',
        sourceId: 'wsi-source000',
        destRegion: 'us-west-2',
        destName: 'Copy',
        destId: 'wsi-copy00000',
        startedAt: 5,
        state: 'PENDING',
      },
    );
    const looks: string[] = [];
    const tracker = new CopyTracker({
      store,
      storeKey: 'copies',
      clock: new FakeClock(),
      intervalMs: () => 30_000,
      defaultProfile: () => 'demo',
      look: async (g) => {
        looks.push(`${g.service}/${g.region}/${g.ids.join(',')}`);
        return new Map(g.ids.map((id) => [id, { state: 'AVAILABLE' }]));
      },
    });
    tracker.add(update);
    tracker.resume();
    assert.deepStrictEqual(
      tracker.all().map((j) => [j.destName, jobKind(j)]),
      [
        ['Copy', 'copy'],
        ['Fin-2026-12-01', 'update'],
      ],
    );
    await tracker.tick();
    assert.deepStrictEqual(looks.sort(), ['appstream/us-west-2/Fin-2026-12-01', 'workspaces/us-west-2/wsi-copy00000']);
    assert.deepStrictEqual(
      tracker.all().map((j) => j.outcome),
      ['succeeded', 'succeeded'],
    );
    tracker.dispose();
  });
});

describe('updated images: how a row reads', () => {
  const base: ImageRecord = {
    profile: 'demo',
    service: 'appstream',
    region: 'us-west-2',
    id: 'Fin',
    name: 'Fin',
    state: 'AVAILABLE',
    ownership: 'owned',
    agentVersion: '1.1.1200',
    agentLatest: false,
    update: { available: true, description: 'A newer AppStream 2.0 agent is available.' },
    applications: [],
    reasons: [],
    raw: {},
  };
  it('the contextValue keeps its prefix and ends in .update only when AWS offers an update', () => {
    assert.strictEqual(imageContextValue(base), 'image.appstream.owned.available.update');
    assert.strictEqual(imageContextValue({ ...base, update: undefined }), 'image.appstream.owned.available');
    assert.strictEqual(
      imageContextValue({ ...base, service: 'workspaces', update: { available: false } }),
      'image.workspaces.owned.available',
    );
    assert.match(imageTooltip(base), /Updates: A newer AppStream 2\\\.0 agent is available\\\./);
    assert.doesNotMatch(imageTooltip({ ...base, update: undefined }), /Updates:/);
  });
});

describe('local endpoint: CreateUpdatedImage and CreateUpdatedWorkspaceImage', () => {
  const credentials = { accessKeyId: 'AKIASDKTEST000000000', secretAccessKey: 'x' };
  let emu: Emulator;
  const appstream = (region = 'us-west-2') =>
    new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const workspaces = (region = 'us-east-1') =>
    new WorkSpacesClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const errorName = (name: string) => (e: unknown) => (e as Error).name === name;

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default', copyDelayMs: 600_000 });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('the dry run answers whether an update can be made and creates nothing', async () => {
    const yes = await appstream().send(
      new CreateUpdatedImageCommand({ existingImageName: 'Finance-Win2022-West', newImageName: 'X1', dryRun: true }),
    );
    assert.deepStrictEqual([yes.canUpdateImage, yes.image], [true, undefined]);
    const no = await appstream('us-east-1').send(
      new CreateUpdatedImageCommand({ existingImageName: 'Finance-Win2022', newImageName: 'X1', dryRun: true }),
    );
    assert.strictEqual(no.canUpdateImage, false);
    assert.ok(!emu.world.region('us-west-2').appstream.has('X1') && !emu.world.region('us-east-1').appstream.has('X1'));
  });

  it('makes a new image PENDING, AVAILABLE after the copy delay, with the latest agent, its description, display name and tags', async () => {
    const out = await appstream().send(
      new CreateUpdatedImageCommand({
        existingImageName: 'Finance-Win2022-West',
        newImageName: 'Finance-West-Updated',
        newImageDescription: 'Patched',
        newImageDisplayName: 'Finance (patched)',
        newImageTags: { team: 'finance' },
      }),
    );
    assert.deepStrictEqual(
      [out.canUpdateImage, out.image?.Name, out.image?.State, out.image?.LatestAppstreamAgentVersion],
      [true, 'Finance-West-Updated', 'PENDING', 'TRUE'],
    );
    assert.ok(out.image?.CreatedTime instanceof Date);
    const listed = await appstream().send(new DescribeImagesCommand({ Names: ['Finance-West-Updated'] }));
    assert.deepStrictEqual(
      [listed.Images![0].State, listed.Images![0].Description, listed.Images![0].DisplayName],
      ['PENDING', 'Patched', 'Finance (patched)'],
    );
    const tags = await appstream().send(new ListTagsForResourceCommand({ ResourceArn: out.image!.Arn! }));
    assert.deepStrictEqual(tags.Tags, { team: 'finance' });
    emu.world.settleAll();
    const later = await appstream().send(new DescribeImagesCommand({ Names: ['Finance-West-Updated'] }));
    assert.strictEqual(later.Images![0].State, 'AVAILABLE');
  });

  it('answers its modeled refusals', async () => {
    const send = (existingImageName: string, newImageName: string, region = 'us-west-2') =>
      appstream(region).send(new CreateUpdatedImageCommand({ existingImageName, newImageName }));
    await assert.rejects(send('Nope', 'A'), errorName('ResourceNotFoundException'));
    await assert.rejects(
      send('Finance-Win2022-West', 'Finance-Win2022-West'),
      errorName('ResourceAlreadyExistsException'),
    );
    await assert.rejects(send('AppStream-WinServer2022-11-01-2026', 'A'), errorName('OperationNotPermittedException'));
    await assert.rejects(
      send('Finance-Win2022', 'A', 'us-east-1'),
      (e: unknown) =>
        errorName('OperationNotPermittedException')(e) && /already has the latest updates/.test((e as Error).message),
    );
    await assert.rejects(send('Engineering-Linux', 'A', 'us-east-1'), errorName('IncompatibleImageException'));
    emu.world.region('us-east-1').appstream.get('Broken-Build')!.image.LatestAppstreamAgentVersion = 'FALSE';
    await assert.rejects(send('Broken-Build', 'A', 'us-east-1'), errorName('ConcurrentModificationException'));
    for (let i = 1; i <= 5; i++) await send('Finance-Win2022-West', `Up-${i}`);
    await assert.rejects(send('Finance-Win2022-West', 'Up-6'), errorName('LimitExceededException'));
    emu.world.settleAll();
    await send('Finance-Win2022-West', 'Up-6');
    await assert.rejects(
      appstream().send(
        new CreateUpdatedImageCommand({ existingImageName: 'Finance-Win2022-West', newImageName: 'bad name' }),
      ),
      (e: unknown) => errorName('ValidationException')(e) && /newImageName/.test((e as Error).message),
    );
  });

  it('WorkSpaces: a new image PENDING, then AVAILABLE with no update left; Linux is not supported; Description is required', async () => {
    const out = await workspaces().send(
      new CreateUpdatedWorkspaceImageCommand({
        SourceImageId: 'wsi-abc123def',
        Name: 'Standard-Win11-Updated',
        Description: 'Patched',
      }),
    );
    assert.match(out.ImageId!, /^wsi-[0-9a-z]{9}$/);
    const listed = await workspaces().send(new DescribeWorkspaceImagesCommand({ ImageIds: [out.ImageId!] }));
    assert.deepStrictEqual(
      [listed.Images![0].State, listed.Images![0].Name, listed.Images![0].Description, listed.Images![0].Updates],
      ['PENDING', 'Standard-Win11-Updated', 'Patched', undefined],
    );
    emu.world.settleAll();
    assert.strictEqual(
      (await workspaces().send(new DescribeWorkspaceImagesCommand({ ImageIds: [out.ImageId!] }))).Images![0].State,
      'AVAILABLE',
    );

    const send = (SourceImageId: string, Name: string, Description = 'd') =>
      workspaces().send(new CreateUpdatedWorkspaceImageCommand({ SourceImageId, Name, Description }));
    await assert.rejects(send('wsi-linux0001', 'L'), errorName('OperationNotSupportedException'));
    await assert.rejects(
      send('wsi-bundled01', 'B'),
      (e: unknown) =>
        errorName('InvalidResourceStateException')(e) && /no updates available/.test((e as Error).message),
    );
    await assert.rejects(send('wsi-abc123def', 'Standard-Win11-Updated'), errorName('ResourceAlreadyExistsException'));
    await assert.rejects(send('wsi-shared0001', 'S'), errorName('ResourceNotFoundException'));
    await assert.rejects(
      workspaces().send(new CreateUpdatedWorkspaceImageCommand({ SourceImageId: 'wsi-abc123def', Name: 'N' } as never)),
      (e: unknown) => errorName('ValidationException')(e) && /description/.test((e as Error).message),
    );
  });
});
