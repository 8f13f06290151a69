// The distributor (src/jobs/distributor.ts) with real SDK clients against the local endpoint, on a fake clock:
// two windows on one store (nothing sent twice), a copy not listed yet, refused tags, a profile that is gone, and
// damaged stored entries.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../emulator/server';
import { ClientPool } from '../../src/aws/clients';
import { ImageApi } from '../../src/aws/images';
import { Distributor } from '../../src/jobs/distributor';
import { TAG_TRIES } from '../../src/core/jobs';
import {
  destinationLabel,
  isFinished,
  needsAttention,
  newDistribution,
  profileGone,
  UNSEEN_GRACE_MS,
  type Distribution,
} from '../../src/core/distribution';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';

const A1 = '111122223333';
const WEST = 'us-west-2';
const INTERVAL = 30_000;

describe('distributor against the local endpoint', () => {
  let emu: Emulator;
  let clock: FakeClock;
  let store: MemoryStore;
  let dir: string;
  let errors: unknown[];
  const running: Distributor[] = [];
  const saved = { ...process.env };
  const apis = new Map<string, ImageApi>();

  beforeEach(async () => {
    clock = new FakeClock();
    store = new MemoryStore();
    errors = [];
    emu = new Emulator({
      scenario: {
        regions: { 'us-east-1': { appstream: [{ Name: 'Finance-Win2022' }, { Name: 'Engineering-Linux' }] } },
      },
      now: () => clock.t,
    });
    await emu.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-dist-'));
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    // The profile "demo" is in the files; any other is not.
    fs.writeFileSync(path.join(dir, 'config'), '[profile demo]\nregion = us-east-1\n');
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      '[demo]\naws_access_key_id = AKIADISTRIBUTOR00000\naws_secret_access_key = x\n',
    );
    Object.assign(process.env, {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_ENDPOINT_URL: emu.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });

  afterEach(async () => {
    for (const r of running.splice(0)) r.dispose();
    for (const a of apis.values()) a.pool.reset();
    apis.clear();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  const api = (profile: string): ImageApi => {
    if (!apis.has(profile)) {
      apis.set(profile, new ImageApi(new ClientPool({ profile, logger: () => undefined }), profile));
    }
    return apis.get(profile)!;
  };

  /** A window's runner: its own loop, on the shared store and clock. */
  function window(windowId: string): Distributor {
    const r = new Distributor({
      store,
      storeKey: 'distributions',
      clock,
      intervalMs: () => INTERVAL,
      windowId,
      random: () => 1,
      api,
      onError: (e) => errors.push(e),
    });
    running.push(r);
    return r;
  }

  function distribution(
    source: string,
    over: { tags?: Record<string, string>; accounts?: string[]; profile?: string; now?: number } = {},
  ): Distribution {
    return newDistribution({
      profile: over.profile ?? 'demo',
      service: 'appstream',
      source: { region: 'us-east-1', name: source, id: source },
      name: source,
      regions: [WEST],
      tags: over.tags ?? {},
      accounts: over.accounts ?? [],
      use: { fleets: true, imageBuilders: false },
      now: over.now ?? clock.t,
    });
  }

  const copiesOf = (source: string) =>
    emu.requests({ operation: 'CopyImage' }).filter((r) => r.params.SourceImageName === source);
  const west = (r: Distributor, id: string) => r.get(id)!.destinations[0];

  /** The next round: the clock moves on (the loop's own timer is not run, so each round is exactly one). */
  async function round(r: Distributor, ms = INTERVAL): Promise<void> {
    clock.t += ms;
    await r.tick();
  }

  async function until(what: () => boolean): Promise<void> {
    while (!what()) await new Promise((r) => setTimeout(r, 5));
  }

  it('two windows: a copy whose answer is slow is sent once, and its result is the copy AWS made, whatever the other window starts or retries', async () => {
    const a = window('A');
    const b = window('B');
    const first = distribution('Finance-Win2022');
    // A's CopyImage is slow to be carried out and answered; meanwhile AWS lists nothing of that name.
    emu.latencyMs = 1_500;
    const started = a.start(first);
    await until(() => emu.requests({ operation: 'CopyImage' }).length === 1);
    emu.latencyMs = 0;
    assert.deepStrictEqual([west(b, first.id).phase, west(b, first.id).requestedBy], ['copy-requested', 'A']);

    // Window B starts another distribution into the same region, asks to retry, and ticks.
    const second = distribution('Engineering-Linux', { now: clock.t + 1 });
    await b.start(second);
    assert.deepStrictEqual(await b.retry(first.id, WEST), {});
    await b.tick();
    await started;

    assert.strictEqual(copiesOf('Finance-Win2022').length, 1, "one CopyImage for A's copy, sent by A");
    assert.strictEqual(copiesOf('Engineering-Linux').length, 1, 'B sent its own');
    assert.deepStrictEqual(
      [west(a, first.id).phase, west(a, first.id).imageId, west(a, first.id).failed],
      ['copying', 'Finance-Win2022', undefined],
    );
    emu.world.settleAll();
    await round(a);
    assert.deepStrictEqual(
      [first, second].map((d) => [west(b, d.id).phase, west(b, d.id).failed]),
      [
        ['done', undefined],
        ['done', undefined],
      ],
    );
    assert.strictEqual(emu.requests({ operation: 'CopyImage' }).length, 2);
  });

  it('a copy whose lost answer was followed by a look that found nothing is looked for again, and requested again only after the grace', async () => {
    const a = window('A');
    const d = distribution('Finance-Win2022');
    // The request is cut before AWS answers; the look right after finds nothing listed.
    emu.inject({ kind: 'drop', operation: 'CopyImage' });
    await a.start(d);
    assert.deepStrictEqual([west(a, d.id).phase, west(a, d.id).requested], ['copy-requested', 'copy']);
    await round(a);
    assert.strictEqual(
      copiesOf('Finance-Win2022').length,
      1,
      'not listed yet is not "never made": not sent again within the grace',
    );
    assert.strictEqual(destinationLabel(a.get(d.id)!, west(a, d.id)), 'Copy requested');
    await round(a, UNSEEN_GRACE_MS);
    assert.deepStrictEqual(
      copiesOf('Finance-Win2022').map((r) => r.error ?? 'ok'),
      ['ConnectionDropped', 'ok'],
      'never listed: requested again, once',
    );
    assert.deepStrictEqual([west(a, d.id).phase, west(a, d.id).failed], ['copying', undefined]);
  });

  it('refused tags are tried again on the next round, then the shares go out', async () => {
    const a = window('A');
    const d = distribution('Finance-Win2022', { tags: { team: 'vdi' }, accounts: [A1] });
    await a.start(d);
    emu.world.settleAll();
    emu.inject({ kind: 'access-denied', operation: 'TagResource' });
    await round(a);
    assert.deepStrictEqual(
      [west(a, d.id).phase, west(a, d.id).failed, west(a, d.id).tagTries],
      ['available', undefined, 1],
      'not a dead "Failed at tagging"',
    );
    assert.deepStrictEqual(emu.requests({ operation: 'UpdateImagePermissions' }), []);
    await round(a);
    assert.deepStrictEqual(
      emu.requests({ operation: 'TagResource' }).map((r) => r.status),
      [400, 200],
    );
    assert.deepStrictEqual(
      emu.requests({ operation: 'UpdateImagePermissions' }).map((r) => [r.region, r.params.SharedAccountId]),
      [[WEST, A1]],
    );
    const img = emu.world.region(WEST).appstream.get('Finance-Win2022')!;
    assert.deepStrictEqual([Object.fromEntries(img.tags), [...img.sharedWith.keys()]], [{ team: 'vdi' }, [A1]]);
    assert.deepStrictEqual(
      [west(a, d.id).phase, destinationLabel(a.get(d.id)!, west(a, d.id)), needsAttention(a.get(d.id)!)],
      ['done', 'Done', false],
    );
  });

  it('tags refused every time: the shares still go out, the ending says the tags were not applied, and Retry Step applies them', async () => {
    const a = window('A');
    const d = distribution('Finance-Win2022', { tags: { team: 'vdi' }, accounts: [A1] });
    await a.start(d);
    emu.world.settleAll();
    emu.inject({ kind: 'access-denied', operation: 'TagResource', times: TAG_TRIES });
    for (let i = 0; i < TAG_TRIES; i++) {
      await round(a);
    }
    const ended = a.get(d.id)!;
    assert.deepStrictEqual(
      [isFinished(ended), needsAttention(ended), destinationLabel(ended, ended.destinations[0])],
      [true, true, 'Done, tags not applied'],
    );
    assert.match(ended.destinations[0].tagsFailed!, /^Access denied|not authorized/);
    assert.deepStrictEqual(
      emu.requests({ operation: 'UpdateImagePermissions' }).map((r) => r.params.SharedAccountId),
      [A1],
    );
    await a.retry(d.id, WEST);
    assert.deepStrictEqual(
      emu.requests({ operation: 'TagResource' }).map((r) => r.status),
      [...Array(TAG_TRIES).fill(400), 200],
    );
    assert.deepStrictEqual(
      [west(a, d.id).phase, west(a, d.id).tagsFailed, needsAttention(a.get(d.id)!)],
      ['done', undefined, false],
    );
    assert.strictEqual(emu.requests({ operation: 'UpdateImagePermissions' }).length, 1, 'the share is not sent again');
  });

  it('a stored distribution of a profile the files no longer name stops in words and needs attention, instead of being polled for ever', async () => {
    const gone = distribution('Finance-Win2022', { profile: 'gone' });
    const kept = distribution('Engineering-Linux', { now: clock.t + 1 });
    for (const d of [gone, kept]) {
      await store.update(`distributions/${d.id}`, {
        ...d,
        destinations: [{ ...d.destinations[0], phase: 'copying', imageId: d.name, copyStartedAt: clock.t }],
      });
    }
    emu.world.putAppStream(WEST, { Name: 'Engineering-Linux', State: 'COPYING' });
    const a = window('A');
    a.resume();
    await round(a);
    const stopped = west(a, gone.id);
    assert.deepStrictEqual(
      [stopped.phase, stopped.failed?.step, stopped.failed?.reason],
      ['copying', 'copy', profileGone('gone')],
    );
    assert.ok(isFinished(a.get(gone.id)!) && needsAttention(a.get(gone.id)!));
    assert.deepStrictEqual(west(a, kept.id).phase, 'copying', "the other profile's distribution goes on");
    emu.clearLog();
    for (let i = 0; i < 3; i++) {
      await round(a);
    }
    assert.ok(emu.log.length > 0);
    assert.deepStrictEqual(
      new Set(emu.log.map((r) => `${r.operation} ${r.params.Names as string}`)),
      new Set(['DescribeImages Engineering-Linux']),
      'only the other profile is polled',
    );
    assert.deepStrictEqual(west(a, gone.id).failed?.reason, profileGone('gone'), 'still stopped, as it was');
  });

  it('drops a damaged stored distribution (a string of megabytes) with a log line, and clamps a start in the future', async () => {
    const damaged = distribution('Finance-Win2022');
    const future = distribution('Engineering-Linux', { now: clock.t + 365 * 24 * 3_600_000 });
    await store.update(`distributions/${damaged.id}`, { ...damaged, name: 'x'.repeat(2 ** 21) });
    await store.update(`distributions/${future.id}`, future);
    const a = window('A');
    a.resume();
    await a.flushed();
    assert.deepStrictEqual(
      errors.map((e) => (e as Error).message),
      ['1 stored distribution could not be read and was dropped'],
    );
    assert.ok(!store.data.has(`distributions/${damaged.id}`));
    assert.deepStrictEqual(
      a.all().map((d) => [d.name, d.startedAt]),
      [['Engineering-Linux', clock.t]],
    );
  });
});
