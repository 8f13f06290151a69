// Odd names and untrusted text outside tooltips: CSV cells a spreadsheet would run, names that are also
// properties of every object ("constructor", "toString"), stored jobs that are implausible, a profile the files
// no longer name, and settings that change under the view without an event.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportRow, toCsv, toJson } from '../../src/core/exportImages';
import { describeFilter, parseFilter } from '../../src/core/filter';
import { elapsed, jobId, type CopyJob } from '../../src/core/copyJobs';
import { MAX_STORED_NAME_CHARS, parseJob } from '../../src/core/storedJob';
import type { ImageRecord } from '../../src/core/image';
import { listProfiles, ProfileNotInFilesError } from '../../src/aws/profiles';
import { Scope, type ScopeSettings } from '../../src/aws/scope';
import { toFailure } from '../../src/aws/errors';
import { CopyTracker } from '../../src/jobs/tracker';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { isolatedAws, type IsolatedAws } from '../support/localAws';

const record: ImageRecord = {
  profile: 'demo',
  service: 'appstream',
  region: 'us-east-1',
  id: 'Img',
  name: '=HYPERLINK("https://evil.example","open")',
  state: 'AVAILABLE',
  ownership: 'shared',
  platform: "+cmd|' /C calc'!A0",
  ownerAccountId: '@SUM(1+1)',
  agentVersion: '-2+3',
  update: { available: true, description: '\tTAB' },
  applications: [],
  reasons: [],
  raw: {},
};

describe('Export: CSV cells a spreadsheet would run', () => {
  it('starts every cell beginning with =, +, -, @, tab or carriage return with a quote, in CSV only', () => {
    const row = exportRow(record, '111122223333');
    const [, line] = toCsv([row]).split('\n');
    const cells = line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    const byColumn = (name: string): string => cells[toCsv([]).trim().split(',').indexOf(name)];
    assert.strictEqual(byColumn('name'), '"\'=HYPERLINK(""https://evil.example"",""open"")"');
    assert.strictEqual(byColumn('platform'), "'+cmd|' /C calc'!A0");
    assert.strictEqual(byColumn('owner'), "'@SUM(1+1)");
    assert.strictEqual(byColumn('agentVersion'), "'-2+3");
    assert.strictEqual(byColumn('update'), "'\tTAB");
    assert.strictEqual(byColumn('account'), '111122223333', 'other cells as they are');
    assert.match(
      toCsv([exportRow({ ...record, name: '\rX' }, undefined)]),
      /^demo,,us-east-1,AppStream 2\.0,SHARED,"'\rX",/m,
    );
  });
  it('keeps JSON exact', () => {
    const [parsed] = JSON.parse(toJson([exportRow(record, undefined)])) as Record<string, string>[];
    assert.strictEqual(parsed.name, record.name);
    assert.strictEqual(parsed.platform, record.platform);
    assert.strictEqual(parsed.update, '\tTAB');
  });
});

describe('names that are properties of every object', () => {
  it('a stored filter with state "toString" is dropped, not shown as a function', () => {
    assert.strictEqual(parseFilter({ states: ['toString'] }), undefined);
    assert.strictEqual(parseFilter({ states: ['constructor', '__proto__', 'hasOwnProperty'] }), undefined);
    const f = parseFilter({ states: ['toString', 'failed'] })!;
    assert.deepStrictEqual(f.states, ['failed']);
    assert.strictEqual(describeFilter(f), 'state failed');
  });

  describe('profiles named toString and constructor in the AWS files', () => {
    let aws: IsolatedAws;
    beforeEach(() => {
      aws = isolatedAws({
        config: [
          '[profile toString]',
          'region = eu-west-1',
          '',
          '[profile constructor]',
          'region = us-west-2',
          '',
          '[profile plain]',
          'region = eu-central-1',
          '',
        ],
        credentials: ['[constructor]', 'aws_access_key_id = AKIACONSTRUCTOR00000', 'aws_secret_access_key = x', ''],
      });
    });
    afterEach(() => aws.restore());

    it('are listed with their own region and kind', async () => {
      assert.deepStrictEqual(
        (await listProfiles()).map((p) => [p.name, p.kind, p.region]),
        [
          ['constructor', 'keys', 'us-west-2'],
          ['plain', 'other', 'eu-central-1'],
          ['toString', 'other', 'eu-west-1'],
        ],
      );
    });

    it('show their own regions side by side, with no per-profile regions set', async () => {
      const settings: ScopeSettings = {
        profile: undefined,
        profiles: ['toString', 'constructor', 'plain'],
        regions: undefined,
        profileRegions: {},
      };
      const scope = new Scope(
        () => undefined,
        () => settings,
      );
      try {
        const view = await scope.view();
        assert.deepStrictEqual(
          view.profiles.map((p) => [p.profile, p.known, p.regions]),
          [
            ['toString', true, ['eu-west-1']],
            ['constructor', true, ['us-west-2']],
            ['plain', true, ['eu-central-1']],
          ],
        );
        assert.deepStrictEqual(await scope.regions('constructor'), ['us-west-2']);
      } finally {
        scope.dispose();
      }
    });

    it('a profile the files no longer name: its jobs say so, in words that name it, and nothing is sent', async () => {
      const scope = new Scope(
        () => undefined,
        () => ({ profile: 'plain', profiles: [], regions: undefined, profileRegions: {} }),
      );
      try {
        await scope.checkProfile('toString');
        assert.strictEqual(scope.profileGone('toString'), false);
        const e = await scope.checkProfile('deleted').then(
          () => undefined,
          (x: unknown) => x,
        );
        assert.ok(e instanceof ProfileNotInFilesError);
        assert.strictEqual(
          toFailure(e, { region: 'us-west-2' }).message,
          'The profile deleted is no longer in your AWS config or credentials files: add it back to check what it started.',
        );
        assert.strictEqual(scope.profileGone('deleted'), true);
        fs.appendFileSync(path.join(aws.dir, 'config'), '\n[profile deleted]\nregion = us-east-1\n');
        await scope.checkProfile('deleted');
        assert.strictEqual(scope.profileGone('deleted'), false, 'back in the files: checked again');
      } finally {
        scope.dispose();
      }
    });
  });
});

describe('the view follows the settings as they are read now', () => {
  it('a change no event named (a remote window dropping machine-scoped values) is found on the next read', async () => {
    let settings: ScopeSettings = {
      profile: 'demo',
      profiles: ['demo', 'other', 'prod'],
      regions: undefined,
      profileRegions: {},
    };
    const scope = new Scope(
      () => undefined,
      () => settings,
    );
    const heard: string[] = [];
    scope.onSettingsChange((c) => heard.push(c));
    try {
      assert.deepStrictEqual(
        (await scope.view()).profiles.map((p) => p.profile),
        ['demo', 'other', 'prod'],
      );
      settings = { ...settings, profiles: [] };
      const view = await scope.view();
      assert.deepStrictEqual([view.several, view.profiles.map((p) => p.profile)], [false, ['demo']]);
      await new Promise((r) => setTimeout(r, 0));
      assert.deepStrictEqual(heard, ['profile'], 'told once, after the read');
      settings = { ...settings, profileRegions: { demo: ['eu-west-1'] } };
      assert.strictEqual(scope.settingsChanged(), 'regions');
      assert.strictEqual(scope.settingsChanged(), undefined, 'nothing new');
      assert.deepStrictEqual(heard, ['profile', 'regions']);
    } finally {
      scope.dispose();
    }
  });
});

describe('stored jobs are checked for plausibility', () => {
  const now = Date.UTC(2026, 11, 7, 12);
  const stored = {
    service: 'appstream',
    profile: 'demo',
    sourceRegion: 'us-east-1',
    sourceName: 'Src',
    sourceId: 'Src',
    destRegion: 'us-west-2',
    destName: 'Copy',
    destId: 'Copy',
    startedAt: now - 60_000,
    state: 'COPYING',
  };
  it('a start time in the future is clamped to now (and an ending never comes before the start)', () => {
    const j = parseJob({ ...stored, startedAt: now + 3_600_000 }, 'demo', now)!;
    assert.strictEqual(j.startedAt, now);
    assert.strictEqual(elapsed(j, now), '0 s');
    const ended = parseJob(
      { ...stored, outcome: 'failed', finishedAt: now + 10 * 3_600_000, checkFailingSince: 5 },
      'demo',
      now,
    )!;
    assert.deepStrictEqual([ended.finishedAt, ended.checkFailingSince], [now, stored.startedAt]);
  });
  it('a string of megabytes, or more tags than AWS allows, makes the entry implausible: it is dropped', () => {
    const mb = 'x'.repeat(1_000_000);
    for (const over of [
      { destName: mb },
      { sourceName: mb },
      { profile: mb },
      { reason: mb },
      { checkError: mb },
      { tagsFailed: mb },
      { pendingTags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      { pendingTags: { k: mb } },
    ]) {
      assert.strictEqual(parseJob({ ...stored, ...over }, 'demo', now), undefined, Object.keys(over)[0]);
    }
    assert.ok(
      parseJob({ ...stored, destName: 'x'.repeat(MAX_STORED_NAME_CHARS) }, 'demo', now),
      'a long name that is still a name is kept',
    );
  });
  it('the tracker drops the implausible entry, keeps the rest, and counts what it dropped', async () => {
    const store = new MemoryStore();
    const ok = { ...stored, startedAt: 1_000_000 };
    store.data.set('copies', [ok, { ...ok, destId: 'Huge', destName: 'x'.repeat(1_000_000) }]);
    const dropped: number[] = [];
    const t = new CopyTracker({
      store,
      storeKey: 'copies',
      clock: new FakeClock(),
      intervalMs: () => 30_000,
      look: async () => new Map(),
      defaultProfile: () => 'demo',
      onDropped: (n) => dropped.push(n),
    });
    try {
      t.resume();
      await t.flushed();
      assert.deepStrictEqual(
        t.all().map((j: CopyJob) => j.id),
        [jobId({ profile: 'demo', service: 'appstream', region: 'us-west-2', id: 'Copy' })],
      );
      assert.deepStrictEqual(dropped, [1]);
    } finally {
      t.dispose();
    }
  });
});
