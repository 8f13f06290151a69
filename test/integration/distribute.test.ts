// "Distribute Image…" in the real extension host against the local endpoint: the flow's questions and summary,
// the requests AWS receives per region (copy quota of 2 per destination region, LimitExceeded read as "wait"),
// a reload halfway (a new runner over the same global state repeats no step), and a failing region that the
// others do not wait for, completed by Retry Step.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { emulator, freshStart } from './env';
import { answer, AS, imageRow, US_EAST, WS } from './tree.helpers';
import { Distributor } from '../../src/jobs/distributor';
import { newDistribution, type Distribution } from '../../src/core/distribution';
import { regionLabel } from '../../src/core/regions';
import { GlobalStateKeys } from '../../src/platform/ids';
import type { CloudImagesApi } from '../../src/extension';

const A1 = '111122223333';
const A2 = '444455556666';
const SOURCE_ARN = 'arn:aws:appstream:us-east-1:123456789012:image/';

const ok = (op: string) => emulator.log.filter((r) => r.operation === op && r.status === 200);
const copies = () => ok('CopyImage').map((r) => r.params.DestinationRegion as string);
const shares = () =>
  ok('UpdateImagePermissions').map(
    (r) => `${r.region}/${r.params.Name as string}/${r.params.SharedAccountId as string}`,
  );
const wsShares = () =>
  ok('UpdateWorkspaceImagePermission').map(
    (r) =>
      `${r.region}/${r.params.ImageId as string}/${r.params.SharedAccountId as string}/${String(r.params.AllowCopyImage)}`,
  );
const dests = (d: Distribution | undefined) => d!.destinations.map((x) => [x.region, x.phase, x.failed?.step]);

/** Starts a distribution of an image of us-east-1 without the questions (the flow is tested on its own). */
function start(
  a: CloudImagesApi,
  source: string,
  regions: string[],
  opts: { accounts?: string[]; tags?: Record<string, string>; now?: number } = {},
): Promise<Distribution> {
  const d = newDistribution({
    profile: a.ctx.scope.profile,
    service: 'appstream',
    source: { region: 'us-east-1', name: source, id: source, arn: SOURCE_ARN + source },
    name: source,
    regions,
    tags: opts.tags ?? {},
    accounts: opts.accounts ?? [A1, A2],
    use: { fleets: true, imageBuilders: false },
    now: opts.now ?? Date.now(),
  });
  return a.ctx.distributor.start(d).then(() => a.ctx.distributor.get(d.id)!);
}

/** Lets one region's copies finish now (the endpoint's clock), leaving the others copying. */
function settle(region: string): void {
  for (const img of emulator.world.region(region).appstream.values()) if (img.transition) img.transition.at = 0;
}

/**
 * As after a window that closed while the answer to a copy into `region` was on its way: its runner stops, the
 * destination keeps the "copy requested" marker with no answer recorded, and a new runner reads the same state.
 */
async function reloadWithLostCopy(a: CloudImagesApi, d: Distribution, region: string): Promise<Distributor> {
  a.ctx.distributor.dispose();
  await a.ctx.distributor.flushed();
  const key = `${GlobalStateKeys.distributions}/${d.id}`;
  const stored = a.jobStore.get<Distribution>(key)!;
  await a.jobStore.update(key, {
    ...stored,
    destinations: stored.destinations.map((x) =>
      x.region === region
        ? // Requested when the distribution started (before AWS made the copy, as a real request is): a copy counts
          // as this request's only if AWS made it after the request was sent.
          {
            ...x,
            phase: 'copy-requested',
            requested: 'copy',
            requestedAt: stored.startedAt,
            imageId: undefined,
            copyStartedAt: undefined,
          }
        : x,
    ),
  });
  const again = new Distributor({
    store: a.jobStore,
    storeKey: GlobalStateKeys.distributions,
    intervalMs: () => 3_600_000,
    api: (profile) => a.ctx.scope.session(profile).api,
  });
  again.resume();
  return again;
}

/** The reloaded runner stops and the window's own runner comes back. */
async function backFromReload(a: CloudImagesApi, again: Distributor): Promise<void> {
  await again.flushed();
  again.dispose();
  await again.flushed();
  a.ctx.distributor.resume();
}

async function forgetDistributions(a: CloudImagesApi): Promise<void> {
  await a.ctx.distributor.flushed();
  for (const key of a.jobStore.keys()) {
    if (key.startsWith(GlobalStateKeys.distributions)) await a.jobStore.update(key, undefined);
  }
  a.ctx.distributor.clearFinished();
}

suite('Distribute Image', () => {
  let a: CloudImagesApi;
  setup(async () => {
    emulator.reset();
    a = await freshStart();
    await forgetDistributions(a);
  });
  // Finished distributions would show in the next suites' progress lists.
  suiteTeardown(() => forgetDistributions(a));

  test('the flow: regions, accounts, permissions, a name checked in every destination, tags, a summary; then one copy per region, tags and shares', async () => {
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    // eu-central-1 already has AWS's quota of copies in flight (one seeded, one more here): our copy must wait.
    const other = emulator.world.putAppStream('eu-central-1', { Name: 'Someone-Elses-Copy', State: 'COPYING' });
    other.transition = { at: Date.now() + 600_000, to: 'AVAILABLE' };
    emulator.clearLog();
    const p = answer(a, [
      { pickMany: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].map(regionLabel) },
      { input: ['123456789012', `${A1} ${A2}`] },
      { pickMany: ['Fleets'] },
      { input: ['Finance-Win2022-West', 'Finance-Win2022'] },
      { pick: 'Apply 2 tags' },
      { confirm: true },
    ]);
    const d = await vscode.commands.executeCommand<Distribution>('cloudImages.distributeImage', row.node);
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(p.shown[1].messages, ['123456789012 is the account that owns the image.']);
    assert.deepStrictEqual(p.shown[3].messages, [
      'An image named Finance-Win2022-West already exists in us-west-2. Choose another name.',
    ]);
    assert.strictEqual(p.shown[3].value, 'Finance-Win2022', 'the source name by default');
    const summary = p.shown.find((s) => s.kind === 'confirm')!;
    assert.strictEqual(summary.title, 'Distribute Finance-Win2022 to 4 regions and 2 accounts?');
    assert.deepStrictEqual(summary.detail!.split('\n'), [
      '• us-east-1 (source region): no copy, share with 2 accounts (2 UpdateImagePermissions)',
      '• us-west-2: copy as Finance-Win2022 (1 CopyImage), wait until available, tag (1 TagResource), share with 2 accounts (2 UpdateImagePermissions)',
      '• eu-west-1: copy as Finance-Win2022 (1 CopyImage), wait until available, tag (1 TagResource), share with 2 accounts (2 UpdateImagePermissions)',
      '• eu-central-1: copy as Finance-Win2022 (1 CopyImage), wait until available, tag (1 TagResource), share with 2 accounts (2 UpdateImagePermissions)',
      '',
      'In all: 3 copies, 3 tag requests, 8 shares. AWS copies at most 2 images at a time into one region: more wait for a slot. Each region is checked with one request per poll interval.',
      'The accounts may use the image for: fleets.',
    ]);

    // Started at once: the copies (eu-central-1 refused for the quota: waiting, not failed), and the source
    // region's shares (its tags are its own: nothing to apply there).
    // LimitExceeded is a throttling error to the SDK, but a quota: it is not resent, the copy waits for a slot.
    const refused = emulator.log.filter((r) => r.operation === 'CopyImage' && r.status !== 200);
    assert.deepStrictEqual(
      refused.map((r) => `${r.params.DestinationRegion as string} ${r.status}`),
      ['eu-central-1 400'],
    );
    assert.deepStrictEqual(copies().sort(), ['eu-west-1', 'us-west-2']);
    assert.deepStrictEqual(ok('TagResource'), []);
    assert.deepStrictEqual(shares(), [`us-east-1/Finance-Win2022/${A1}`, `us-east-1/Finance-Win2022/${A2}`]);
    assert.deepStrictEqual(dests(d), [
      ['us-east-1', 'done', undefined],
      ['us-west-2', 'copying', undefined],
      ['eu-west-1', 'copying', undefined],
      ['eu-central-1', 'queued', undefined],
    ]);
    assert.strictEqual(
      a.ctx.distributor.get(d.id)!.destinations[3].waiting?.includes('maximum number of image copies'),
      true,
    );
    assert.strictEqual(a.distributionStatusBar.text, '$(sync~spin) Distributing Finance-Win2022: 1 of 4 regions');
    assert.ok(
      p.notes.includes(
        'info: Distributing Finance-Win2022 to us-east-1, us-west-2, eu-west-1, eu-central-1. Progress is shown in the status bar.',
      ),
    );

    // A round while everything copies: one look per region with a copy, nothing shared before it is available.
    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(
      emulator.log
        .filter((r) => r.operation === 'DescribeImages')
        .map((r) => [r.region, r.params.Names])
        .sort(),
      [
        ['eu-west-1', ['Finance-Win2022']],
        ['us-west-2', ['Finance-Win2022']],
      ],
    );
    assert.deepStrictEqual(shares(), [], 'no share is sent for a copy that is not available');

    // AWS finishes the copies (the other account's too: a slot frees in eu-central-1).
    emulator.world.settleAll();
    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(copies(), ['eu-central-1']);
    emulator.world.settleAll();
    await a.ctx.distributor.tick();
    const after = a.ctx.distributor.get(d.id)!;
    assert.deepStrictEqual(
      dests(after),
      ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].map((r) => [r, 'done', undefined]),
    );
    assert.deepStrictEqual(
      ok('TagResource')
        .map((r) => r.region)
        .sort(),
      ['eu-central-1', 'eu-west-1', 'us-west-2'],
    );
    assert.deepStrictEqual(
      shares().sort(),
      ['eu-central-1', 'eu-west-1', 'us-west-2'].flatMap((r) => [A1, A2].map((x) => `${r}/Finance-Win2022/${x}`)),
    );
    for (const region of ['us-west-2', 'eu-west-1', 'eu-central-1']) {
      const img = emulator.world.region(region).appstream.get('Finance-Win2022')!;
      assert.deepStrictEqual(
        [img.image.State, Object.fromEntries(img.tags), [...img.sharedWith]],
        [
          'AVAILABLE',
          { team: 'finance', 'cost-center': '1234' },
          [
            [A1, { allowFleet: true, allowImageBuilder: false }],
            [A2, { allowFleet: true, allowImageBuilder: false }],
          ],
        ],
      );
    }
    assert.strictEqual(a.distributionStatusBar.text, undefined, 'all done: the status bar leaves');
    assert.ok(p.notes.includes('info: Finance-Win2022 is distributed to 4 regions.'));
    assert.deepStrictEqual(emulator.validationErrors(), []);
  });

  test('at most 2 copies in flight per destination region: a third distribution into it waits for a slot, with no refused request', async () => {
    emulator.clearLog();
    const now = Date.now();
    const ds = [];
    for (const [i, name] of ['Finance-Win2022', 'Engineering-Linux', 'Design-Win2019'].entries()) {
      ds.push(await start(a, name, ['eu-west-1'], { accounts: [A1], now: now + i }));
    }
    assert.deepStrictEqual(
      emulator.log.filter((r) => r.operation === 'CopyImage').map((r) => [r.params.SourceImageName, r.status]),
      [
        ['Finance-Win2022', 200],
        ['Engineering-Linux', 200],
      ],
      'the third is not sent: AWS would refuse it',
    );
    assert.deepStrictEqual(
      ds.map((d) => a.ctx.distributor.get(d.id)!.destinations[0].phase),
      ['copying', 'copying', 'queued'],
    );
    assert.strictEqual(a.distributionStatusBar.text, '$(sync~spin) Distributing 3 images: 0 of 3 regions');
    await a.ctx.distributor.tick();
    assert.strictEqual(emulator.log.filter((r) => r.operation === 'CopyImage').length, 2, 'still full: still waiting');
    emulator.world.settleAll();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(
      emulator.log.filter((r) => r.operation === 'CopyImage').map((r) => [r.params.SourceImageName, r.status]),
      [
        ['Finance-Win2022', 200],
        ['Engineering-Linux', 200],
        ['Design-Win2019', 200],
      ],
    );
    emulator.world.settleAll();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(
      ds.map((d) => a.ctx.distributor.get(d.id)!.destinations[0].phase),
      ['done', 'done', 'done'],
    );
  });

  test('a CopyImage whose answer is lost while an older image holds the name: not sent again, the older image is not taken, the reason in words', async () => {
    // The name was free when chosen; by the time the copy goes out an image of that name exists in us-west-2.
    const older = emulator.world.putAppStream('us-west-2', {
      Name: 'Engineering-Linux',
      CreatedTime: '2026-01-01T00:00:00Z',
    });
    emulator.inject({ kind: 'error-after', operation: 'CopyImage' });
    emulator.clearLog();
    const d = await start(a, 'Engineering-Linux', ['us-west-2'], { accounts: [A1], tags: { stage: 'golden' } });
    // The look after the lost answer found only the older image: names are unique, so no copy was made.
    const dest = a.ctx.distributor.get(d.id)!.destinations[0];
    assert.deepStrictEqual(
      [dest.phase, dest.requested, dest.failed?.step, dest.failed?.imageId],
      ['queued', undefined, 'copy', 'Engineering-Linux'],
    );
    assert.strictEqual(
      dest.failed!.reason,
      "us-west-2 has an older image named Engineering-Linux: it is not this distribution's copy, and it holds the name. Delete it, then Retry Step.",
    );
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(
      emulator.log.filter((r) => r.operation !== 'DescribeImages').map((r) => r.operation),
      ['CopyImage'],
      'one CopyImage; nothing sent again, tagged or shared',
    );
    assert.deepStrictEqual([Object.fromEntries(older.tags), [...older.sharedWith]], [{}, []]);
  });

  test('a name a distribution of ours is still taking to a region (waiting for a copy slot, not listed yet) is refused there; Retry Step waits for it too', async () => {
    for (const name of ['Foreign-1', 'Foreign-2']) {
      emulator.world.putAppStream('eu-west-1', { Name: name, State: 'COPYING' }).transition = {
        at: Date.now() + 600_000,
        to: 'AVAILABLE',
      };
    }
    const waiting = await start(a, 'Finance-Win2022', ['eu-west-1'], { accounts: [A1] });
    assert.deepStrictEqual(
      [waiting.destinations[0].phase, !!waiting.destinations[0].waiting],
      ['queued', true],
      'AWS does not list it yet',
    );
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Engineering-Linux');
    emulator.clearLog();
    const p = answer(a, [
      { pickMany: [regionLabel('eu-west-1')] },
      { input: [A2] },
      { pickMany: ['Fleets'] },
      { input: ['Finance-Win2022', 'Engineering-Linux'] },
      { confirm: false },
    ]);
    await vscode.commands.executeCommand('cloudImages.distributeImage', row.node);
    assert.deepStrictEqual(p.shown[3].messages, [
      'An image named Finance-Win2022 is being made in eu-west-1 by a copy or distribution in progress. Choose another name.',
    ]);
    assert.deepStrictEqual(
      emulator.log.filter((r) => !/^(Describe|List)/.test(r.operation)),
      [],
    );

    // Another distribution of that name to eu-west-1 whose copy was refused: Retry Step waits for ours.
    const other = newDistribution({
      profile: a.ctx.scope.profile,
      service: 'appstream',
      source: { region: 'us-east-1', name: 'Engineering-Linux', id: 'Engineering-Linux' },
      name: 'Finance-Win2022',
      regions: ['eu-west-1'],
      tags: {},
      accounts: [A1],
      use: { fleets: true, imageBuilders: false },
      now: Date.now() + 1,
    });
    await a.jobStore.update(`${GlobalStateKeys.distributions}/${other.id}`, {
      ...other,
      destinations: [
        { ...other.destinations[0], failed: { step: 'copy', reason: 'Access denied in eu-west-1.', at: Date.now() } },
      ],
    });
    assert.strictEqual(a.ctx.distributor.get(other.id)!.destinations[0].failed?.step, 'copy');
    emulator.clearLog();
    const r = answer(a, [
      { pick: (l) => l.endsWith('Finance-Win2022 → eu-west-1') && l.startsWith('$(error)') },
      { choose: 'Retry Step' },
    ]);
    await vscode.commands.executeCommand('cloudImages.showDistributionProgress');
    assert.deepStrictEqual(r.notes, [
      'warning: An image named Finance-Win2022 is being made in eu-west-1 by a copy or distribution in progress. Retry Step once it has ended. Nothing was sent.',
    ]);
    assert.deepStrictEqual(emulator.log, []);
  });

  test('copies of ours that AWS refuses for copies we do not know of: one try per region per round, then all start once slots free', async () => {
    for (const name of ['Foreign-1', 'Foreign-2']) {
      emulator.world.putAppStream('eu-west-2', { Name: name, State: 'COPYING' }).transition = {
        at: Date.now() + 600_000,
        to: 'AVAILABLE',
      };
    }
    emulator.clearLog();
    const now = Date.now();
    const ds = [
      await start(a, 'Finance-Win2022', ['eu-west-2'], { accounts: [A1], now }),
      await start(a, 'Engineering-Linux', ['eu-west-2'], { accounts: [A1], now: now + 1 }),
    ];
    const tries = () =>
      emulator.log
        .filter((r) => r.operation === 'CopyImage')
        .map((r) => `${r.params.SourceImageName as string} ${r.status}`);
    assert.deepStrictEqual(
      tries(),
      ['Finance-Win2022 400', 'Engineering-Linux 400'],
      'each start tries its own copy, nothing of another distribution (another window may be running it)',
    );
    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(
      tries(),
      ['Finance-Win2022 400'],
      'one round: the first refusal says the quota is full, the second copy is not sent',
    );
    assert.deepStrictEqual(
      ds.map((d) => [
        a.ctx.distributor.get(d.id)!.destinations[0].phase,
        !!a.ctx.distributor.get(d.id)!.destinations[0].failed,
      ]),
      [
        ['queued', false],
        ['queued', false],
      ],
    );
    emulator.world.settleAll();
    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(tries(), ['Finance-Win2022 200', 'Engineering-Linux 200']);
  });

  test('a reload halfway: a new runner over the same global state carries on and repeats no copy or share', async () => {
    const regions = ['us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1'];
    const d = await start(a, 'Engineering-Linux', regions, { tags: { stage: 'golden' } });
    settle('us-west-2');
    settle('eu-west-1');
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(dests(a.ctx.distributor.get(d.id)), [
      ['us-west-2', 'done', undefined],
      ['eu-west-1', 'done', undefined],
      ['eu-central-1', 'copying', undefined],
      ['ap-northeast-1', 'copying', undefined],
    ]);
    const before = { copies: copies().sort(), shares: shares().sort() };
    assert.deepStrictEqual(before.copies, [...regions].sort());
    assert.strictEqual(before.shares.length, 4);

    // The window closes: its runner stops, leaving ap-northeast-1 as if the copy's answer had been lost with it
    // (requested, no answer recorded). A new runner reads the same global state.
    const again = await reloadWithLostCopy(a, d, 'ap-northeast-1');
    try {
      emulator.clearLog();
      emulator.world.settleAll();
      await again.tick();
      assert.deepStrictEqual(
        dests(again.get(d.id)),
        regions.map((r) => [r, 'done', undefined]),
      );
      assert.deepStrictEqual(copies(), [], 'no copy is requested again: the lost one was found by looking');
      assert.deepStrictEqual(
        shares().sort(),
        ['ap-northeast-1', 'eu-central-1'].flatMap((r) => [A1, A2].map((x) => `${r}/Engineering-Linux/${x}`)),
      );
      assert.deepStrictEqual(
        ok('TagResource')
          .map((r) => r.region)
          .sort(),
        ['ap-northeast-1', 'eu-central-1'],
      );
      assert.deepStrictEqual(
        emulator.log
          .filter((r) => r.operation === 'DescribeImages')
          .map((r) => r.region)
          .sort(),
        ['ap-northeast-1', 'eu-central-1'],
        'one look per region',
      );
    } finally {
      await backFromReload(a, again);
    }
    assert.strictEqual(
      a.distributionStatusBar.text,
      undefined,
      'the window that comes back reads the finished distribution',
    );
  });

  test('one region failing does not hold up the others; Show Distribution Progress says why, and Retry Step completes it', async () => {
    emulator.inject({ kind: 'access-denied', operation: 'UpdateImagePermissions', region: 'eu-west-1' });
    const d = await start(a, 'Finance-Win2022', ['us-west-2', 'eu-west-1']);
    emulator.world.settleAll();
    await a.ctx.distributor.tick();
    const failed = a.ctx.distributor.get(d.id)!;
    assert.deepStrictEqual(dests(failed), [
      ['us-west-2', 'done', undefined],
      ['eu-west-1', 'tagged', `share:${A1}`],
    ]);
    assert.match(failed.destinations[1].failed!.reason, /^Access denied in eu-west-1/);
    assert.deepStrictEqual(
      shares(),
      [`us-west-2/Finance-Win2022/${A1}`, `us-west-2/Finance-Win2022/${A2}`],
      'eu-west-1 stopped at the refused step',
    );
    assert.strictEqual(a.distributionStatusBar.text, '$(error) Distributing Finance-Win2022: 1 of 2 regions failed');

    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.strictEqual(emulator.log.length, 0, 'a failed region is not polled or retried on its own');

    // Show Copy Progress lists the distribution's regions below the copies, with their steps.
    const c = answer(a, ['escape']);
    await vscode.commands.executeCommand('cloudImages.showCopyProgress');
    assert.deepStrictEqual(c.shown[0].items!.slice(c.shown[0].items!.indexOf('Distributions')), [
      'Distributions',
      '$(pass) Finance-Win2022 → us-west-2',
      '$(error) Finance-Win2022 → eu-west-1',
      '$(clear-all) Clear finished',
    ]);

    const p = answer(a, [{ pick: (l) => l.endsWith('Finance-Win2022 → eu-west-1') }, { choose: 'Retry Step' }]);
    await vscode.commands.executeCommand('cloudImages.showDistributionProgress');
    assert.deepStrictEqual(p.shown[0].items!.slice(0, 2), [
      '$(pass) Finance-Win2022 → us-west-2',
      '$(error) Finance-Win2022 → eu-west-1',
    ]);
    assert.strictEqual(p.shown[1].title, `Finance-Win2022 failed in eu-west-1 at sharing with ${A1}.`);
    assert.match(p.shown[1].detail!, /^Access denied in eu-west-1/);
    assert.deepStrictEqual(dests(a.ctx.distributor.get(d.id)), [
      ['us-west-2', 'done', undefined],
      ['eu-west-1', 'done', undefined],
    ]);
    assert.deepStrictEqual(shares(), [`eu-west-1/Finance-Win2022/${A1}`, `eu-west-1/Finance-Win2022/${A2}`]);
    assert.deepStrictEqual(copies(), [], 'only the failed step was retried');
    assert.strictEqual(a.distributionStatusBar.text, undefined);
  });

  test('from the palette it asks for the image; a declined summary sends nothing', async () => {
    emulator.clearLog();
    const q = answer(a, [
      { pick: regionLabel('us-east-1') },
      { pick: 'AppStream 2.0' },
      { pickPaged: 'Engineering-Linux' },
      { pickMany: [regionLabel('us-west-2')] },
      { input: [A1] },
      { pickMany: ['Fleets', 'Image builders'] },
      { input: ['Engineering-Linux'] },
      { confirm: false },
    ]);
    assert.strictEqual(await vscode.commands.executeCommand('cloudImages.distributeImage'), undefined);
    assert.strictEqual(q.remaining, 0);
    assert.strictEqual(q.shown[3].title, 'Distribute Engineering-Linux (us-east-1)');
    assert.strictEqual(q.shown.at(-1)!.title, 'Distribute Engineering-Linux to 1 region and 1 account?');
    assert.deepStrictEqual(
      q.shown.at(-1)!.detail!.split('\n').at(-1),
      'The accounts may use the image for: fleets, image builders.',
    );
    assert.deepStrictEqual(
      emulator.log.filter((r) => !/^(Describe|List)/.test(r.operation)).map((r) => r.operation),
      [],
      'nothing sent',
    );
    assert.deepStrictEqual(a.ctx.distributor.all(), []);
  });

  test('WorkSpaces: the copies carry the tags, each is followed by the ID AWS gave it, and shared by it in its own region', async () => {
    const row = await imageRow(a, US_EAST, WS, 'Owned', 'Standard-Win11');
    emulator.clearLog();
    const p = answer(a, [
      { pickMany: ['us-east-1', 'us-west-2', 'eu-west-1'].map(regionLabel) },
      { input: [`${A1}, ${A2}`] },
      { input: ['Standard-Win11-West', 'Standard-Win11-v2'] },
      { pick: 'Apply 1 tag' },
      { confirm: true },
    ]);
    const d = await vscode.commands.executeCommand<Distribution>('cloudImages.distributeImage', row.node);
    assert.strictEqual(
      p.remaining,
      0,
      'no question about fleets or image builders: WorkSpaces only lets the account copy',
    );
    assert.deepStrictEqual(p.shown[2].messages, [
      'An image named Standard-Win11-West already exists in us-west-2. Choose another name.',
    ]);
    assert.strictEqual(p.shown[3].placeHolder, "AWS does not copy tags. Send the source image's tags with every copy?");
    const summary = p.shown.find((x) => x.kind === 'confirm')!;
    assert.strictEqual(summary.title, 'Distribute Standard-Win11 to 3 regions and 2 accounts?');
    assert.deepStrictEqual(summary.detail!.split('\n'), [
      '• us-east-1 (source region): no copy, share with 2 accounts (2 UpdateWorkspaceImagePermission)',
      '• us-west-2: copy as Standard-Win11-v2 with 1 tag (1 CopyWorkspaceImage), wait until available, share with 2 accounts (2 UpdateWorkspaceImagePermission)',
      '• eu-west-1: copy as Standard-Win11-v2 with 1 tag (1 CopyWorkspaceImage), wait until available, share with 2 accounts (2 UpdateWorkspaceImagePermission)',
      '',
      'In all: 2 copies, 0 tag requests, 6 shares. Each region is checked with one request per poll interval.',
      'The accounts may copy the image into their own account, in the same region.',
    ]);

    // Sent at once: both copies (WorkSpaces has no copy quota per region), each to its destination region with
    // the source and the tags; the source region's shares. Nothing is tagged afterwards.
    assert.deepStrictEqual(
      ok('CopyWorkspaceImage')
        .map((r) => [r.region, r.params])
        .sort(),
      ['us-west-2', 'eu-west-1'].sort().map((region) => [
        region,
        {
          Name: 'Standard-Win11-v2',
          SourceRegion: 'us-east-1',
          SourceImageId: 'wsi-abc123def',
          Tags: [{ Key: 'team', Value: 'it' }],
        },
      ]),
    );
    assert.deepStrictEqual(wsShares(), [`us-east-1/wsi-abc123def/${A1}/true`, `us-east-1/wsi-abc123def/${A2}/true`]);
    const made = (region: string) =>
      [...emulator.world.region(region).workspaces.values()].find((i) => i.image.Name === 'Standard-Win11-v2')!;
    const ids = { 'us-west-2': made('us-west-2').image.ImageId, 'eu-west-1': made('eu-west-1').image.ImageId };
    assert.deepStrictEqual(
      a.ctx.distributor.get(d.id)!.destinations.map((x) => [x.region, x.phase, x.imageId]),
      [
        ['us-east-1', 'done', 'wsi-abc123def'],
        ['us-west-2', 'copying', ids['us-west-2']],
        ['eu-west-1', 'copying', ids['eu-west-1']],
      ],
    );
    assert.strictEqual(a.distributionStatusBar.text, '$(sync~spin) Distributing Standard-Win11-v2: 1 of 3 regions');

    // While they are PENDING: one look per region, by ID; nothing shared before the copy is available.
    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(emulator.log.map((r) => [r.operation, r.region, r.params]).sort(), [
      ['DescribeWorkspaceImages', 'eu-west-1', { ImageIds: [ids['eu-west-1']] }],
      ['DescribeWorkspaceImages', 'us-west-2', { ImageIds: [ids['us-west-2']] }],
    ]);

    emulator.world.settleAll();
    emulator.clearLog();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(
      wsShares().sort(),
      ['eu-west-1', 'us-west-2'].flatMap((r) => [A1, A2].map((x) => `${r}/${ids[r as keyof typeof ids]}/${x}/true`)),
    );
    assert.deepStrictEqual(
      dests(a.ctx.distributor.get(d.id)),
      ['us-east-1', 'us-west-2', 'eu-west-1'].map((r) => [r, 'done', undefined]),
    );
    for (const region of ['us-west-2', 'eu-west-1']) {
      const img = made(region);
      assert.deepStrictEqual(
        [img.image.State, img.tags, [...img.sharedWith]],
        ['AVAILABLE', [{ Key: 'team', Value: 'it' }], [A1, A2]],
      );
    }
    assert.deepStrictEqual(
      emulator.log.filter((r) => r.operation === 'CopyWorkspaceImage' || r.operation.includes('Tag')),
      [],
      'no copy repeated, no tag request',
    );
    assert.strictEqual(a.distributionStatusBar.text, undefined);
    assert.ok(p.notes.includes('info: Standard-Win11-v2 is distributed to 3 regions.'));
    assert.deepStrictEqual(emulator.validationErrors(), []);
  });

  test('WorkSpaces: a copy whose answer is lost is found by name, even by a window that reloads before the answer; never copied twice', async () => {
    const source = { region: 'us-east-1', name: 'Dev-AmazonLinux2', id: 'wsi-linux0001' };
    const d = newDistribution({
      profile: a.ctx.scope.profile,
      service: 'workspaces',
      source,
      name: 'Dev-AL2-Dist',
      regions: ['us-west-2', 'eu-west-1'],
      tags: {},
      accounts: [A1],
      use: { fleets: false, imageBuilders: false },
      now: Date.now(),
    });
    // us-west-2: AWS makes the copy but its answer is lost (a 500 after the work): the runner looks by name.
    emulator.inject({ kind: 'error-after', operation: 'CopyWorkspaceImage', region: 'us-west-2' });
    await a.ctx.distributor.start(d);
    const west = [...emulator.world.region('us-west-2').workspaces.values()].find(
      (i) => i.image.Name === 'Dev-AL2-Dist',
    )!;
    assert.deepStrictEqual(
      a.ctx.distributor.get(d.id)!.destinations.map((x) => [x.region, x.phase, x.imageId]),
      [
        ['us-west-2', 'copying', west.image.ImageId],
        ['eu-west-1', 'copying', a.ctx.distributor.get(d.id)!.destinations[1].imageId],
      ],
    );
    assert.deepStrictEqual(
      emulator
        .requests({ operation: 'CopyWorkspaceImage' })
        .map((r) => r.region)
        .sort(),
      ['eu-west-1', 'us-west-2'],
      'one copy each',
    );

    // eu-west-1: the window closes while its copy's answer is on the way (the marker stays, the ID never came).
    const again = await reloadWithLostCopy(a, d, 'eu-west-1');
    try {
      emulator.clearLog();
      emulator.world.settleAll();
      await again.tick();
      const euId = [...emulator.world.region('eu-west-1').workspaces.values()].find(
        (i) => i.image.Name === 'Dev-AL2-Dist',
      )!.image.ImageId;
      assert.deepStrictEqual(
        again.get(d.id)!.destinations.map((x) => [x.region, x.phase, x.imageId]),
        [
          ['us-west-2', 'done', west.image.ImageId],
          ['eu-west-1', 'done', euId],
        ],
      );
      assert.deepStrictEqual(
        emulator.requests({ operation: 'CopyWorkspaceImage' }),
        [],
        'the lost copy was found by looking, not sent again',
      );
      assert.deepStrictEqual(
        emulator.requests({ operation: 'DescribeWorkspaceImages', region: 'eu-west-1' }).map((r) => r.params.ImageType),
        ['OWNED'],
        'one look through the owned list finds it by name',
      );
      assert.deepStrictEqual(wsShares().sort(), [
        `eu-west-1/${euId}/${A1}/true`,
        `us-west-2/${west.image.ImageId}/${A1}/true`,
      ]);
    } finally {
      await backFromReload(a, again);
    }
  });

  test('WorkSpaces: an older image of the name is not taken for a lost copy; a failed copy that holds the name is not copied over by Retry Step', async () => {
    // eu-west-1: a window closed with its copy's answer on the way, and eu-west-1 has an older image of that name.
    const older = emulator.world.putWorkSpaces('eu-west-1', {
      ImageId: 'wsi-older0001',
      Name: 'Flaky-WS',
      _ageDays: 30,
    });
    emulator.world.putWorkSpaces('us-east-1', { ImageId: 'wsi-flaky0001', Name: 'Flaky-WS', _copyFails: true });
    const d = newDistribution({
      profile: a.ctx.scope.profile,
      service: 'workspaces',
      source: { region: 'us-east-1', name: 'Flaky-WS', id: 'wsi-flaky0001' },
      name: 'Flaky-WS',
      regions: ['us-west-2', 'eu-west-1'],
      tags: {},
      accounts: [A1],
      use: { fleets: false, imageBuilders: false },
      now: Date.now(),
    });
    await a.jobStore.update(`${GlobalStateKeys.distributions}/${d.id}`, {
      ...d,
      destinations: d.destinations.map((x) =>
        x.region === 'eu-west-1'
          ? { ...x, phase: 'copy-requested', requested: 'copy', requestedAt: Date.now() - 1000 }
          : x,
      ),
    });
    emulator.clearLog();
    await a.ctx.distributor.tick();
    const lost = a.ctx.distributor.get(d.id)!.destinations[1];
    assert.deepStrictEqual([lost.phase, lost.imageId, lost.failed?.step], ['queued', undefined, 'copy']);
    assert.strictEqual(
      lost.failed!.reason,
      "eu-west-1 has an older image named Flaky-WS: it is not this distribution's copy, and it holds the name. Delete it, then Retry Step.",
    );
    assert.deepStrictEqual(
      emulator.requests({ region: 'eu-west-1' }).map((r) => r.operation),
      ['DescribeWorkspaceImages'],
      'looked at, never copied over or shared',
    );
    assert.deepStrictEqual([...older.sharedWith], []);
    // Retry Step while the older image still holds the name: nothing is sent, and the user is told why.
    emulator.clearLog();
    const held = answer(a, [{ pick: (l) => l.endsWith('Flaky-WS → eu-west-1') }, { choose: 'Retry Step' }]);
    await vscode.commands.executeCommand('cloudImages.showDistributionProgress');
    assert.deepStrictEqual(held.notes, [
      'warning: eu-west-1 still has an image named Flaky-WS (wsi-older0001), so AWS would refuse the copy. Delete it (or wait until its deletion ends), then Retry Step. Nothing was sent.',
    ]);
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.params.ImageIds]),
      [['DescribeWorkspaceImages', ['wsi-older0001']]],
    );

    // us-west-2: the copy AWS made fails (ERROR) and stays listed, holding the name.
    emulator.world.settleAll();
    await a.ctx.distributor.tick();
    const broken = a.ctx.distributor.get(d.id)!.destinations[0];
    const failedId = [...emulator.world.region('us-west-2').workspaces.values()].find(
      (i) => i.image.Name === 'Flaky-WS',
    )!.image.ImageId;
    assert.deepStrictEqual([broken.phase, broken.failed?.step, broken.failed?.imageId], ['queued', 'copy', failedId]);
    emulator.clearLog();
    const p = answer(a, [{ pick: (l) => l.endsWith('Flaky-WS → us-west-2') }, { choose: 'Retry Step' }]);
    await vscode.commands.executeCommand('cloudImages.showDistributionProgress');
    assert.deepStrictEqual(p.notes, [
      `warning: us-west-2 still has an image named Flaky-WS (${failedId}), so AWS would refuse the copy. Delete it (or wait until its deletion ends), then Retry Step. Nothing was sent.`,
    ]);
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.params.ImageIds]),
      [['DescribeWorkspaceImages', [failedId]]],
    );
    assert.strictEqual(
      a.ctx.distributor.get(d.id)!.destinations[0].failed?.imageId,
      failedId,
      'still failed, with its reason',
    );

    // Once the failed copy is deleted, Retry Step copies again.
    emulator.world.region('us-west-2').workspaces.delete(failedId);
    emulator.world.region('us-east-1').workspaces.get('wsi-flaky0001')!.copyFails = false;
    emulator.clearLog();
    const again = answer(a, [{ pick: (l) => l.endsWith('Flaky-WS → us-west-2') }, { choose: 'Retry Step' }]);
    await vscode.commands.executeCommand('cloudImages.showDistributionProgress');
    assert.deepStrictEqual(again.notes, []);
    assert.deepStrictEqual(
      emulator.requests({ operation: 'CopyWorkspaceImage' }).map((r) => [r.region, r.status]),
      [['us-west-2', 200]],
    );
    emulator.world.settleAll();
    await a.ctx.distributor.tick();
    assert.deepStrictEqual(dests(a.ctx.distributor.get(d.id)), [
      ['us-west-2', 'done', undefined],
      ['eu-west-1', 'queued', 'copy'],
    ]);
  });

  test('WorkSpaces: an image AWS will not share stops at the share step with its reason; a refused copy fails at the copy, sent once', async () => {
    emulator.inject({ kind: 'access-denied', operation: 'CopyWorkspaceImage', region: 'eu-west-1' });
    const d = newDistribution({
      profile: a.ctx.scope.profile,
      service: 'workspaces',
      source: { region: 'us-west-2', name: 'BYOL-Win10', id: 'wsi-byolwin10' },
      name: 'BYOL-Win10',
      regions: ['us-west-2', 'eu-west-1'],
      tags: {},
      accounts: [A1],
      use: { fleets: false, imageBuilders: false },
      now: Date.now(),
    });
    await a.ctx.distributor.start(d);
    const after = a.ctx.distributor.get(d.id)!;
    assert.deepStrictEqual(dests(after), [
      ['us-west-2', 'tagged', `share:${A1}`],
      ['eu-west-1', 'queued', 'copy'],
    ]);
    assert.match(
      after.destinations[0].failed!.reason,
      /Bring Your Own License \(BYOL\) images across accounts is not supported/,
    );
    assert.match(after.destinations[1].failed!.reason, /^Access denied in eu-west-1/);
    assert.strictEqual(
      emulator.requests({ operation: 'UpdateWorkspaceImagePermission' }).length,
      1,
      'sent once, refused',
    );
    assert.strictEqual(
      emulator.requests({ operation: 'CopyWorkspaceImage' }).length,
      1,
      'a refused copy is not resent',
    );
    assert.strictEqual(a.distributionStatusBar.text, '$(error) Distributing BYOL-Win10: 2 of 2 regions failed');
  });
});
