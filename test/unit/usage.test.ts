// "Used by" and the clean-up: the pure matching and judging (core/usage.ts, core/cleanup.ts), the per-region
// usage cache (aws/usage.ts), and the local endpoint's fleets, image builders and bundles with the real SDK.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  DeleteImageCommand,
  DescribeFleetsCommand,
  DescribeImageBuildersCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-appstream';
import {
  DescribeWorkspaceBundlesCommand,
  InvalidParameterValuesException,
  WorkSpacesClient,
  paginateDescribeWorkspaceBundles,
} from '@aws-sdk/client-workspaces';
import { familyOf, judge, minAgeDaysRule } from '../../src/core/cleanup';
import type { ImageRecord } from '../../src/core/image';
import { inUseMessage, usedByText, usersOf, type ImageUser } from '../../src/core/usage';
import type { ImageApi } from '../../src/aws/images';
import { UsageIndex } from '../../src/aws/usage';
import { AwsSession } from '../../src/aws/session';
import { Emulator } from '../emulator/server';
import { endpointKeys, isolatedAws, startEndpoint } from '../support/localAws';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const DAY = 86_400_000;

function image(name: string, over: Partial<ImageRecord> & { ageDays?: number } = {}): ImageRecord {
  const { ageDays = 100, ...rest } = over;
  return {
    profile: 'p',
    service: 'appstream',
    region: 'eu-central-1',
    id: name,
    name,
    state: 'AVAILABLE',
    ownership: 'owned',
    arn: `arn:aws:appstream:eu-central-1:123456789012:image/${name}`,
    created: new Date(NOW - ageDays * DAY),
    applications: [],
    reasons: [],
    raw: {},
    ...rest,
  };
}

describe('name families', () => {
  it('strips a date or number suffix, keeps digits that belong to a word', () => {
    const cases: [string, string][] = [
      ['Finance-Win2022-2026-01-15', 'Finance-Win2022'],
      ['Finance-Win2022', 'Finance-Win2022'],
      ['Finance-Win2022-West', 'Finance-Win2022-West'],
      ['golden_v12', 'golden'],
      ['golden_v1.2.3', 'golden'],
      ['app-20261101', 'app'],
      ['app20261101', 'app'],
      ['Image-00001', 'Image'],
      ['WS-Image-00030', 'WS-Image'],
      ['AppStream-WinServer2022-11-01-2026', 'AppStream-WinServer2022'],
      ['Nightly.2026.11.15', 'Nightly'],
      ['Kiosk-Base', 'Kiosk-Base'],
      ['build7', 'build7'],
    ];
    for (const [name, family] of cases) assert.strictEqual(familyOf(name), family, name);
  });
  it('puts dated versions of one image in one family', () => {
    assert.strictEqual(familyOf('Finance-Win2022-2026-01-15'), familyOf('Finance-Win2022-2026-11-20'));
    assert.notStrictEqual(familyOf('Finance-Win2022-2026-01-15'), familyOf('Finance-Win2019-2026-01-15'));
  });
});

describe('the age input', () => {
  it('takes whole days from 1 to 3650', () => {
    for (const ok of ['1', '30', '3650', ' 45 ']) assert.strictEqual(minAgeDaysRule(ok), undefined, ok);
    for (const bad of ['0', '3651', '', 'abc', '1.5', '-3', '1e3']) assert.ok(minAgeDaysRule(bad), bad);
  });
});

describe('what uses an image', () => {
  const users: ImageUser[] = [
    { kind: 'fleet', name: 'f1', imageName: 'A', imageArn: 'arn:aws:appstream:eu-central-1:123456789012:image/A' },
    { kind: 'imageBuilder', name: 'b1', imageArn: 'arn:aws:appstream:eu-central-1:123456789012:image/B' },
    { kind: 'fleet', name: 'f2', imageName: 'B' },
    { kind: 'bundle', name: 'pool', id: 'wsb-pool0001', imageId: 'wsi-000000001' },
  ];
  it('matches fleets by image name or ARN, builders by ARN, bundles by image ID', () => {
    assert.deepStrictEqual(
      usersOf(image('A'), users).map((u) => u.name),
      ['f1'],
    );
    assert.deepStrictEqual(
      usersOf(image('B'), users).map((u) => u.name),
      ['b1', 'f2'],
    );
    assert.deepStrictEqual(usersOf(image('C'), users), []);
    assert.deepStrictEqual(
      usersOf(image('x', { service: 'workspaces', id: 'wsi-000000001', arn: undefined }), users).map((u) => u.name),
      ['pool'],
    );
  });
  it('says who uses it and what to do', () => {
    assert.strictEqual(usedByText(usersOf(image('B'), users)), 'image builder b1, fleet f2');
    assert.strictEqual(
      inUseMessage('B', usersOf(image('B'), users)),
      'B is used by image builder b1, fleet f2: delete the image builder, and give the fleet another image (or delete the fleet), then delete the image.',
    );
    assert.strictEqual(
      inUseMessage('x', [users[3]]),
      'x is used by bundle pool (wsb-pool0001): give the bundle another image (or delete the bundle), then delete the image.',
    );
  });
});

describe('clean-up candidates', () => {
  const images = [
    image('Finance-Win2022-2026-01-15', { ageDays: 318 }),
    image('Finance-Win2022-2026-06-01', { ageDays: 181 }),
    image('Finance-Win2022-2026-11-20', { ageDays: 9 }),
    image('golden_v11', { ageDays: 120 }),
    image('golden_v12', { ageDays: 60 }),
    image('Kiosk-Base', { ageDays: 400 }),
    image('Shared-1', { ageDays: 200, sharedWithOthers: true }),
    image('Shared-2', { ageDays: 100 }),
    image('Broken-1', { ageDays: 50, state: 'FAILED' }),
    image('Broken-2', { ageDays: 40 }),
    image('Broken-3', { ageDays: 45, state: 'FAILED' }),
    image('Moving-1', { ageDays: 300, state: 'COPYING' }),
    image('Moving-2', { ageDays: 30 }),
    image('app-20260601', { ageDays: 181, service: 'workspaces', id: 'wsi-app202606', arn: undefined }),
    // Another service: not the same family as AppStream "app-...".
    image('app-20260101', { ageDays: 300 }),
  ];
  const users: ImageUser[] = [
    { kind: 'fleet', name: 'golden-fleet', imageName: 'golden_v12' },
    { kind: 'imageBuilder', name: 'gb', imageArn: images[3].arn },
  ];
  const verdicts = (includeShared = false, minAgeDays = 30) =>
    Object.fromEntries(judge(images, users, { now: NOW, minAgeDays, includeShared }).map((v) => [v.image.name, v]));

  it('offers old, unused images that are not the newest of their family, and says why', () => {
    const v = verdicts();
    assert.deepStrictEqual(
      Object.values(v)
        .filter((x) => x.candidate)
        .map((x) => x.image.name),
      ['Finance-Win2022-2026-01-15', 'Finance-Win2022-2026-06-01', 'Broken-1', 'Broken-3'],
    );
    assert.deepStrictEqual(v['Finance-Win2022-2026-01-15'].reasons, [
      'not used by any fleet or image builder',
      '318 days old',
      '3 images in Finance-Win2022; Finance-Win2022-2026-11-20 is kept as the newest',
    ]);
    assert.strictEqual(v['Finance-Win2022-2026-01-15'].familySize, 3);
    // A failed image newer than the kept one still goes: the newest available one is kept.
    assert.deepStrictEqual(v['Broken-3'].reasons, [
      'failed',
      'not used by any fleet or image builder',
      '45 days old',
      '3 images in Broken; Broken-2 is kept as the newest',
    ]);
  });
  it('says why each other image is kept', () => {
    const v = verdicts();
    const whyNot = (n: string) => v[n].reasons;
    assert.deepStrictEqual(whyNot('Finance-Win2022-2026-11-20'), [
      '9 days old (younger than 30 days)',
      'the newest of Finance-Win2022 (3 images)',
    ]);
    assert.deepStrictEqual(whyNot('golden_v11'), ['used by image builder gb']);
    assert.deepStrictEqual(whyNot('golden_v12'), ['used by fleet golden-fleet', 'the newest of golden (2 images)']);
    assert.deepStrictEqual(whyNot('Kiosk-Base'), ['the only image of its family']);
    assert.deepStrictEqual(whyNot('Shared-1'), ['shared with other accounts']);
    assert.strictEqual(v['Shared-1'].sharedOnly, true);
    assert.deepStrictEqual(whyNot('Moving-1'), ['Copying: only available or failed images can be deleted']);
    assert.deepStrictEqual(whyNot('app-20260601'), ['the only image of its family']);
    assert.deepStrictEqual(whyNot('app-20260101'), ['the only image of its family']);
  });
  it('includes shared images when asked, and moves with the age', () => {
    assert.strictEqual(verdicts(true)['Shared-1'].candidate, true);
    assert.match(verdicts(true)['Shared-1'].reasons.at(-1)!, /shared with other accounts: AWS refuses the delete/);
    assert.deepStrictEqual(verdicts(false, 200)['Finance-Win2022-2026-06-01'].reasons, [
      '181 days old (younger than 200 days)',
    ]);
    assert.strictEqual(
      verdicts(false, 1)['Finance-Win2022-2026-11-20'].candidate,
      false,
      'the newest stays whatever the age',
    );
  });
});

describe('the usage index', () => {
  function fakeApi(answers: (() => Promise<ImageUser[]>)[]) {
    const calls: string[] = [];
    const api = {
      users: (service: string, region: string) => {
        calls.push(`${service} ${region}`);
        return answers.shift()!();
      },
    } as unknown as ImageApi;
    return { api, calls };
  }
  const ref = { profile: 'p', region: 'us-east-1', service: 'appstream' as const };

  it('lists a (profile, region, service) once for concurrent and later askers, and again after clear()', async () => {
    const fleet: ImageUser = { kind: 'fleet', name: 'f', imageName: 'A' };
    const { api, calls } = fakeApi([async () => [fleet], async () => []]);
    const loaded: string[] = [];
    const index = new UsageIndex(
      () => api,
      (r) => loaded.push(r.region),
    );
    assert.strictEqual(index.known(ref), undefined);
    const [a, b] = await Promise.all([index.users(ref), index.users(ref)]);
    assert.strictEqual(a, b);
    await index.users(ref);
    assert.deepStrictEqual(calls, ['appstream us-east-1']);
    assert.deepStrictEqual(index.known(ref), [fleet]);
    assert.deepStrictEqual(loaded, ['us-east-1']);
    index.clear();
    assert.strictEqual(index.known(ref), undefined);
    assert.deepStrictEqual(await index.users(ref), []);
    assert.strictEqual(calls.length, 2);
  });
  it('keeps no failure, and a listing that lands after clear() is dropped', async () => {
    let release!: (u: ImageUser[]) => void;
    const { api, calls } = fakeApi([
      async () => {
        throw new Error('denied');
      },
      () =>
        new Promise<ImageUser[]>((r) => {
          release = r;
        }),
      async () => [],
    ]);
    const index = new UsageIndex(() => api);
    await assert.rejects(index.users(ref), /denied/);
    const late = index.users(ref);
    index.clear();
    release([{ kind: 'fleet', name: 'old', imageName: 'A' }]);
    await late;
    assert.strictEqual(index.known(ref), undefined, 'the refresh dropped it');
    assert.deepStrictEqual(await index.users(ref), []);
    assert.strictEqual(calls.length, 3);
  });
  it('lists each service that exists in the region, and only those', async () => {
    const { api, calls } = fakeApi([async () => [], async () => []]);
    const index = new UsageIndex(() => api);
    await index.region('p', 'eu-central-1');
    await index.region('p', 'eu-central-1');
    await index.region('p', 'af-south-1').catch(() => undefined);
    assert.deepStrictEqual(calls, ['appstream eu-central-1', 'workspaces eu-central-1', 'workspaces af-south-1']);
  });
});

describe('fleets, image builders and bundles at the local endpoint', () => {
  let emu: Emulator;
  const credentials = { accessKeyId: 'AKIASDKTEST000000000', secretAccessKey: 'x' };
  const appstream = (region = 'us-east-1') =>
    new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const workspaces = (region = 'us-east-1') =>
    new WorkSpacesClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  beforeEach(async () => {
    emu = await startEndpoint();
  });
  afterEach(() => emu.stop());

  it('pages DescribeFleets with fresh tokens; names that do not exist are ResourceNotFound', async () => {
    const first = await appstream().send(new DescribeFleetsCommand({}));
    assert.strictEqual(first.Fleets!.length, 10);
    assert.ok(first.NextToken);
    const second = await appstream().send(new DescribeFleetsCommand({ NextToken: first.NextToken }));
    assert.strictEqual(second.NextToken, undefined);
    const names = [...first.Fleets!, ...second.Fleets!].map((f) => f.Name);
    assert.strictEqual(names.length, 13);
    assert.ok(names.includes('engineering-fleet'));
    const eng = (await appstream().send(new DescribeFleetsCommand({ Names: ['engineering-fleet'] }))).Fleets![0];
    assert.deepStrictEqual(
      [eng.ImageName, eng.ImageArn, eng.State],
      ['Engineering-Linux', 'arn:aws:appstream:us-east-1:123456789012:image/Engineering-Linux', 'RUNNING'],
    );
    await assert.rejects(
      appstream().send(new DescribeFleetsCommand({ Names: ['nope'] })),
      (e: unknown) => e instanceof ResourceNotFoundException,
    );
  });

  it('lists image builders with the image ARN, and DeleteImage refuses what the listings say is in use', async () => {
    const builders = (await appstream().send(new DescribeImageBuildersCommand({ MaxResults: 5 }))).ImageBuilders!;
    // The scenario's other builders are on AWS's public images (no account in their ARN).
    assert.deepStrictEqual(
      builders.filter((b) => !b.ImageArn?.includes('::image/')).map((b) => [b.Name, b.ImageArn]),
      [['finance-builder', 'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022']],
    );
    assert.strictEqual(builders.length, 5);
    await assert.rejects(
      appstream().send(new DeleteImageCommand({ Name: 'Finance-Win2022' })),
      /in use by image builder finance-builder/,
    );
    await assert.rejects(
      appstream('eu-central-1').send(new DeleteImageCommand({ Name: 'golden_v12' })),
      /in use by fleet golden-fleet/,
    );
  });

  it("DescribeWorkspaceBundles: the account's own without Owner, AWS's with AMAZON, never both filters", async () => {
    const own = (await workspaces().send(new DescribeWorkspaceBundlesCommand({}))).Bundles!;
    assert.deepStrictEqual(
      own.map((b) => [b.BundleId, b.ImageId, b.Owner]),
      [['wsb-callcenter', 'wsi-bundled01', '123456789012']],
    );
    const amazon = (await workspaces().send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }))).Bundles!;
    assert.deepStrictEqual(
      amazon.map((b) => b.BundleId),
      ['wsb-amazon0001'],
    );
    await assert.rejects(
      workspaces().send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON', BundleIds: ['wsb-amazon0001'] })),
      (e: unknown) => e instanceof InvalidParameterValuesException,
    );
    const pages = [];
    for await (const page of paginateDescribeWorkspaceBundles({ client: workspaces('eu-central-1') }, {})) {
      pages.push(page.Bundles!.map((b) => b.BundleId));
    }
    assert.deepStrictEqual(pages, [['wsb-apppool01']]);
    await assert.rejects(
      workspaces().send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-x'] })),
      /ValidationException|pattern/,
    );
  });

  it('ImageApi.users pages each listing to the end', async () => {
    const aws = isolatedAws({ env: endpointKeys(emu) });
    try {
      const session = new AwsSession(undefined, () => undefined);
      const users = await session.api.users('appstream', 'us-east-1');
      assert.strictEqual(users.filter((u) => u.kind === 'fleet').length, 13);
      assert.deepStrictEqual(
        emu.log.map((r) => [r.operation, r.params]),
        [
          ['DescribeFleets', {}],
          ['DescribeFleets', { NextToken: emu.log[1].params.NextToken }],
          ['DescribeImageBuilders', {}],
        ],
      );
      const bundles = await session.api.users('workspaces', 'us-east-1');
      assert.deepStrictEqual(
        bundles.map((b) => [b.kind, b.id, b.imageId]),
        [['bundle', 'wsb-callcenter', 'wsi-bundled01']],
      );
      assert.deepStrictEqual(emu.log.at(-1)!.params, {}, "no Owner: the account's own bundles");
      session.dispose();
    } finally {
      aws.restore();
    }
  });
});
