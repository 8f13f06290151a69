// The health report's reasons (core/health.ts, core/platformSupport.ts) with a fixed clock, its Markdown, CSV
// and JSON (hostile names escaped), and the row marks (core/healthMarks.ts).
import * as assert from 'node:assert';
import { healthOf, type HealthInput } from '../../src/core/health';
import { HealthMarks, markTooltip } from '../../src/core/healthMarks';
import { healthCsv, healthJson, healthMarkdown, type HealthReport } from '../../src/core/healthReport';
import type { ImageRecord } from '../../src/core/image';
import { supportStatus } from '../../src/core/platformSupport';
import type { ImageUser } from '../../src/core/usage';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY = 86_400_000;

function image(name: string, over: Partial<ImageRecord> & { ageDays?: number } = {}): ImageRecord {
  const { ageDays = 10, ...rest } = over;
  return {
    profile: 'demo',
    service: 'appstream',
    region: 'us-east-1',
    id: name,
    name,
    state: 'AVAILABLE',
    ownership: 'owned',
    arn: `arn:aws:appstream:us-east-1:123456789012:image/${name}`,
    created: new Date(NOW - ageDays * DAY),
    ownerAccountId: '123456789012',
    applications: [],
    reasons: [],
    raw: {},
    ...rest,
  };
}

const fleet = (imageName: string): ImageUser => ({ kind: 'fleet', name: 'f', imageName });

function reasons(r: ImageRecord, over: Partial<HealthInput> = {}): string[] {
  return healthOf({
    image: r,
    users: [fleet(r.name)],
    sharedWith: undefined,
    knownAccounts: new Set(['210987654321']),
    now: NOW,
    maxAgeDays: 180,
    ...over,
  }).map((x) => `${x.kind}: ${x.text}`);
}

describe('Image health: reasons', () => {
  it('a recent, used, supported image with the latest agent needs nothing', () => {
    assert.deepStrictEqual(reasons(image('Fine', { platform: 'WINDOWS_SERVER_2022', agentLatest: true })), []);
  });

  it('older than N days: strictly more days than asked', () => {
    assert.deepStrictEqual(reasons(image('A', { ageDays: 180 })), []);
    assert.deepStrictEqual(reasons(image('A', { ageDays: 181 })), ['old: 181 days old (older than 180 days)']);
    assert.deepStrictEqual(reasons(image('A', { ageDays: 31 }), { maxAgeDays: 30 }), [
      'old: 31 days old (older than 30 days)',
    ]);
    assert.deepStrictEqual(reasons(image('A', { created: undefined })), [], 'no date: not old');
  });

  it('an AppStream update is its agent; a WorkSpaces update is an update', () => {
    const as = image('A', {
      agentVersion: '1.1.1200',
      agentLatest: false,
      update: { available: true, description: 'A newer AppStream 2.0 agent is available.' },
    });
    assert.deepStrictEqual(reasons(as), [
      'agent: agent 1.1.1200 (Create Updated Image makes an image with the latest)',
    ]);
    // No agent field and no update: nothing is guessed.
    assert.deepStrictEqual(reasons(image('B', { agentLatest: false })), []);
    const ws = image('wsi-1', {
      service: 'workspaces',
      name: 'W',
      update: { available: true, description: 'Windows updates are available.' },
    });
    assert.deepStrictEqual(reasons(ws, { users: [{ kind: 'bundle', name: 'b', imageId: 'wsi-1' }] }), [
      'update: Windows updates are available.',
    ]);
  });

  it('unused only when the usage listing was read', () => {
    assert.deepStrictEqual(reasons(image('A'), { users: [] }), ['unused: not used by any fleet or image builder']);
    assert.deepStrictEqual(reasons(image('A'), { users: [fleet('Other')] }), [
      'unused: not used by any fleet or image builder',
    ]);
    assert.deepStrictEqual(reasons(image('A'), { users: undefined }), []);
    const ws = image('wsi-1', { service: 'workspaces', name: 'W' });
    assert.deepStrictEqual(reasons(ws, { users: [] }), ['unused: not used by any bundle']);
  });

  it('end of support: past, near (within 6 months), or far, by the fixed clock', () => {
    assert.deepStrictEqual(reasons(image('A', { platform: 'AMAZON_LINUX2' })), [
      'endOfSupport: Amazon Linux 2 support ended 2026-06-30 (AWS Amazon Linux 2 FAQs)',
    ]);
    assert.deepStrictEqual(reasons(image('A', { platform: 'WINDOWS_SERVER_2016' })), [
      'endOfSupport: Windows Server 2016 support ends 2027-01-12 (Microsoft Lifecycle (extended support))',
    ]);
    assert.deepStrictEqual(reasons(image('A', { platform: 'WINDOWS_SERVER_2019' })), []);
    assert.deepStrictEqual(reasons(image('A', { platform: 'WINDOWS' })), [], 'no version named: no date');
    // The last day itself is still supported; the day after is past. Six months ahead is near, a day more is not.
    assert.strictEqual(supportStatus('WINDOWS_SERVER_2016', Date.parse('2027-01-12T23:59:59Z'))?.status, 'near');
    assert.strictEqual(supportStatus('WINDOWS_SERVER_2016', Date.parse('2027-01-13T00:00:00Z'))?.status, 'past');
    assert.strictEqual(supportStatus('WINDOWS_SERVER_2016', Date.parse('2026-07-12T00:00:00Z'))?.status, 'near');
    assert.strictEqual(supportStatus('WINDOWS_SERVER_2016', Date.parse('2026-07-11T00:00:00Z')), undefined);
  });

  it('failed, with what AWS said', () => {
    const r = image('A', { state: 'FAILED', reasons: [{ label: 'State reason', text: 'IMAGE_COPY_FAILURE: no' }] });
    assert.deepStrictEqual(reasons(r), ['failed: IMAGE_COPY_FAILURE: no']);
    assert.deepStrictEqual(
      reasons(image('wsi-1', { service: 'workspaces', name: 'W', state: 'ERROR' }), { users: undefined }),
      ['failed: Error'],
    );
  });

  it('shared with accounts no profile knows (its own account and known ones are not named)', () => {
    assert.deepStrictEqual(reasons(image('A'), { sharedWith: ['210987654321', '123456789012'] }), []);
    assert.deepStrictEqual(reasons(image('A'), { sharedWith: ['210987654321', '777788889999'] }), [
      'unknownShare: 777788889999',
    ]);
    assert.deepStrictEqual(reasons(image('A'), { sharedWith: ['1', '2'] }), ['unknownShare: 1, 2']);
  });

  it('several reasons in a fixed order', () => {
    const r = image('A', { ageDays: 400, platform: 'AMAZON_LINUX2', state: 'FAILED' });
    assert.deepStrictEqual(
      reasons(r, { users: [], sharedWith: ['9'] }).map((x) => x.split(':')[0]),
      ['old', 'unused', 'endOfSupport', 'failed', 'unknownShare'],
    );
  });
});

const HOSTILE = 'x|y`z`<img src=x onerror=alert(1)>\n# h';

function report(): HealthReport {
  const bad = image(HOSTILE, { ageDays: 200 });
  const ok = image('=cmd|calc', { ageDays: 1 });
  return {
    at: NOW,
    maxAgeDays: 180,
    places: [{ profile: 'demo', account: '123456789012', region: 'us-east-1' }],
    rows: [
      { image: ok, account: '123456789012', reasons: [] },
      {
        image: bad,
        account: '123456789012',
        reasons: [
          { kind: 'old', text: '200 days old (older than 180 days)' },
          { kind: 'failed', text: 'Failed: <b>|pipe|</b>' },
        ],
      },
    ],
    gaps: ['demo · us-west-2 · WorkSpaces images: Access | denied'],
  };
}

describe('Image health: the report', () => {
  it('Markdown: a summary per account and region, one row per image, every untrusted text escaped', () => {
    const md = healthMarkdown(report());
    const lines = md.split('\n');
    assert.strictEqual(lines[0], '# Image health report');
    assert.strictEqual(
      lines[2],
      'As of 2026-12-07 12:00 UTC: 2 owned images in 1 profile and region pairs; 1 need attention.',
    );
    assert.ok(lines.includes('| demo (123456789012) | us-east-1 | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 0 |'), md);
    const row = lines.find((l) => l.includes('onerror'))!;
    assert.strictEqual(
      row,
      '| demo (123456789012) | us-east-1 | AppStream 2.0 | x\\|y\\`z\\`\\<img src\\=x onerror\\=alert\\(1\\)\\> \\# h | Available |  | ' +
        'Old: 200 days old \\(older than 180 days\\); Failed: Failed\\: \\<b\\>\\|pipe\\|\\</b\\> |',
    );
    // Every table row keeps its cells: no name breaks the table or a line.
    for (const l of lines.filter((x) => x.startsWith('| demo'))) {
      assert.strictEqual(l.replace(/\\\|/g, '').split('|').length - 2, l.includes('AppStream') ? 7 : 11, l);
    }
    assert.ok(lines.includes('- demo · us\\-west\\-2 · WorkSpaces images\\: Access \\| denied'), md);
    assert.ok(
      md.includes(
        '| Windows Server 2016 | 2027-01-12 | [Microsoft Lifecycle (extended support)](https://learn.microsoft.com/lifecycle/products/windows-server-2016) |',
      ),
    );
  });

  it('CSV: a column per reason, formula-like cells quoted as text; JSON exact', () => {
    const csv = healthCsv(report()).split('\n');
    assert.strictEqual(
      csv[0],
      'profile,account,region,service,name,id,state,platform,created,old,agent,update,unused,endOfSupport,failed,unknownShare',
    );
    assert.strictEqual(
      csv[1],
      "demo,123456789012,us-east-1,AppStream 2.0,'=cmd|calc,'=cmd|calc,AVAILABLE,,2026-12-06T12:00:00.000Z,,,,,,,",
    );
    // The name's line break stays inside its quoted cell.
    assert.ok(
      csv
        .slice(2)
        .join('\n')
        .startsWith('demo,123456789012,us-east-1,AppStream 2.0,"x|y`z`<img src=x onerror=alert(1)>\n# h",'),
    );
    assert.ok(csv.join('\n').endsWith(',200 days old (older than 180 days),,,,,Failed: <b>|pipe|</b>,\n'));
    const json = JSON.parse(healthJson(report())) as { images: { name: string; reasons: unknown[] }[]; gaps: string[] };
    assert.deepStrictEqual(
      json.images.map((i) => [i.name, i.reasons.length]),
      [
        ['=cmd|calc', 0],
        [HOSTILE, 2],
      ],
    );
    assert.deepStrictEqual(json.gaps, ['demo · us-west-2 · WorkSpaces images: Access | denied']);
  });
});

describe('Image health: row marks', () => {
  it('a mark lasts while the image is as the report saw it, and goes with clear()', () => {
    const marks = new HealthMarks();
    const r = image('A', { ageDays: 200 });
    marks.set([
      { image: r, reasons: [{ kind: 'old', text: '200 days old' }] },
      { image: image('B'), reasons: [] },
    ]);
    assert.strictEqual(marks.size, 1);
    assert.deepStrictEqual(
      marks.of(r)?.map((x) => x.kind),
      ['old'],
    );
    assert.deepStrictEqual(marks.of({ ...r }), marks.of(r), 'a new listing of the same image keeps it');
    assert.strictEqual(marks.of({ ...r, state: 'FAILED' }), undefined, 'a changed image loses it');
    assert.strictEqual(marks.of(image('B')), undefined);
    assert.strictEqual(marks.of({ ...r, profile: 'other' }), undefined);
    marks.clear();
    assert.strictEqual(marks.of(r), undefined);
  });

  it('the tooltip says each reason in words, escaped', () => {
    assert.strictEqual(
      markTooltip([{ kind: 'failed', text: 'Failed: [x](command:evil)' }]),
      '\n\n**Health report**  \nFailed: Failed\\: \\[x\\]\\(command\\:evil\\)',
    );
  });
});
