// "Image Health Report…" in the real extension host against the local endpoint's default scenario: the report's
// text exactly, the requests AWS would receive, the lists reused, the marks on the rows and the reveal.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, freshStart, PROFILES, setSetting } from './env';
import { answer, AS, find, rows, US_EAST, US_WEST, WS, type Row } from './tree.helpers';
import type { CloudImagesApi } from '../../src/extension';
import type { HealthResult } from '../../src/commands/healthReport';

const DAY = 86_400_000;
const KEYS: Record<string, string> = {
  AKIADEMOPROFILE00000: 'demo',
  AKIAOTHERPROFILE0000: 'other',
  AKIAPRODACCOUNT00000: 'prod',
};
const ACCOUNTS: Record<string, string> = { demo: '123456789012', other: '210987654321', prod: '345678901234' };
// The generated images of us-east-1 (test/emulator/state.ts): one an hour from 2024-01-01, platforms in turn.
const GENERATED_FROM = Date.parse('2024-01-01T00:00:00Z');
const PLATFORMS = ['WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'AMAZON_LINUX2', 'WINDOWS_SERVER_2016'];
const AS_UNUSED = 'Unused: not used by any fleet or image builder';
const WS_UNUSED = 'Unused: not used by any bundle';

/** What the scenario's images should be reported with at `at` (the report's own clock), older than 180 days. */
function expectedRows(at: number): string[][] {
  const old = (created: number): string[] => {
    const age = Math.floor((at - created) / DAY);
    return age > 180 ? [`Old: ${age} days old \\(older than 180 days\\)`] : [];
  };
  const iso = (s: string): number => Date.parse(s);
  const ws2016 = `End of support: Windows Server 2016 support ${at >= iso('2027-01-13') ? 'ended' : 'ends'} 2027\\-01\\-12 \\(Microsoft Lifecycle \\(extended support\\)\\)`;
  const al2 = 'End of support: Amazon Linux 2 support ended 2026\\-06\\-30 \\(AWS Amazon Linux 2 FAQs\\)';
  const eos: Record<string, string[]> = { AMAZON_LINUX2: [al2], WINDOWS_SERVER_2016: [ws2016] };
  const platform = (p: string): string => p.replace(/_/g, '\\_');
  const rows: string[][] = [
    // [profile, region, service, image, state, platform, ...reasons]
    [
      'demo',
      'us-east-1',
      AS,
      'Broken\\-Build',
      'Failed',
      platform('WINDOWS_SERVER_2019'),
      ...old(iso('2026-11-01T10:00:00Z')),
      AS_UNUSED,
      'Failed: IMAGE\\_UPDATE\\_FAILURE\\: The image could not be updated\\.; NETWORK\\_INTERFACE\\_LIMIT\\_EXCEEDED\\: The network interface limit was exceeded\\.',
    ],
    [
      'demo',
      'us-east-1',
      AS,
      'Design\\-Win2019',
      'Available',
      platform('WINDOWS_SERVER_2019'),
      ...old(iso('2026-08-20T08:00:00Z')),
      AS_UNUSED,
    ],
    [
      'demo',
      'us-east-1',
      AS,
      'Engineering\\-Linux',
      'Available',
      platform('AMAZON_LINUX2'),
      ...old(iso('2026-09-12T14:00:00Z')),
      al2,
    ],
    [
      'demo',
      'us-east-1',
      AS,
      'Finance\\-Win2022',
      'Available',
      platform('WINDOWS_SERVER_2022'),
      ...old(iso('2026-10-02T09:30:00Z')),
    ],
    [
      'demo',
      'us-east-1',
      AS,
      'Flaky\\-Source',
      'Available',
      platform('WINDOWS_SERVER_2016'),
      ...old(iso('2026-07-01T08:00:00Z')),
      AS_UNUSED,
      ws2016,
    ],
  ];
  for (let i = 1; i <= 40; i++) {
    const p = PLATFORMS[i % PLATFORMS.length];
    const n = String(i).padStart(5, '0');
    rows.push([
      'demo',
      'us-east-1',
      AS,
      `Image\\-${n}`,
      'Available',
      platform(p),
      ...old(GENERATED_FROM + i * 3_600_000),
      AS_UNUSED,
      ...(eos[p] ?? []),
    ]);
  }
  rows.push(
    [
      'demo',
      'us-east-1',
      WS,
      'Callcenter\\-Win10 \\(wsi\\-bundled01\\)',
      'Available',
      'WINDOWS',
      ...old(iso('2026-05-01T12:00:00Z')),
    ],
    [
      'demo',
      'us-east-1',
      WS,
      'Dev\\-AmazonLinux2 \\(wsi\\-linux0001\\)',
      'Available',
      'LINUX',
      ...old(iso('2026-04-01T12:00:00Z')),
      WS_UNUSED,
    ],
    [
      'demo',
      'us-east-1',
      WS,
      'Import\\-Failed \\(wsi\\-errored01\\)',
      'Error',
      'WINDOWS',
      ...old(iso('2026-10-20T12:00:00Z')),
      WS_UNUSED,
      'Failed: ImageImportFailure\\: The image could not be imported\\.; OfficeInstalled\\: Microsoft Office is installed\\. \\(Microsoft Office is installed\\: remove it \\(WorkSpaces installs Office itself\\)\\.\\)',
    ],
    [
      'demo',
      'us-east-1',
      WS,
      'Standard\\-Win11 \\(wsi\\-abc123def\\)',
      'Available',
      'WINDOWS',
      ...old(iso('2026-09-01T12:00:00Z')),
      'Update available: Windows updates are available\\.',
      WS_UNUSED,
    ],
  );
  for (let i = 1; i <= 30; i++) {
    const n = String(i).padStart(5, '0');
    rows.push([
      'demo',
      'us-east-1',
      WS,
      `WS\\-Image\\-${n} \\(wsi\\-${String(i).padStart(9, '0')}\\)`,
      'Available',
      'WINDOWS',
      ...old(GENERATED_FROM + i * 3_600_000),
      WS_UNUSED,
    ]);
  }
  rows.push(
    [
      'demo',
      'us-west-2',
      AS,
      'Finance\\-Win2022\\-West',
      'Available',
      platform('WINDOWS_SERVER_2022'),
      ...old(iso('2026-10-05T09:30:00Z')),
      'Agent not latest: agent 1\\.1\\.1200 \\(Create Updated Image makes an image with the latest\\)',
      AS_UNUSED,
    ],
    [
      'demo',
      'us-west-2',
      WS,
      'BYOL\\-Win10 \\(wsi\\-byolwin10\\)',
      'Available',
      'WINDOWS',
      ...old(iso('2026-08-15T12:00:00Z')),
      WS_UNUSED,
    ],
    [
      'demo',
      'us-west-2',
      WS,
      'Contractor\\-Win10 \\(wsi\\-contract01\\)',
      'Available',
      'WINDOWS',
      'Shared with unknown accounts: 777788889999',
    ],
    [
      'demo',
      'us-west-2',
      WS,
      'Standard\\-Win11\\-West \\(wsi\\-west00001\\)',
      'Available',
      'WINDOWS',
      ...old(iso('2026-09-02T12:00:00Z')),
      WS_UNUSED,
    ],
    [
      'other',
      'us-east-1',
      AS,
      'Test\\-Win2022',
      'Available',
      platform('WINDOWS_SERVER_2019'),
      ...old(iso('2026-09-01T10:00:00Z')),
      AS_UNUSED,
    ],
    [
      'other',
      'us-east-1',
      WS,
      'Test\\-WS\\-Image \\(wsi\\-test00001\\)',
      'Available',
      'WINDOWS',
      ...old(iso('2026-09-02T10:00:00Z')),
      WS_UNUSED,
    ],
    [
      'other',
      'us-west-2',
      AS,
      'Test\\-West\\-Only',
      'Available',
      platform('WINDOWS_SERVER_2019'),
      ...old(iso('2026-09-03T10:00:00Z')),
      AS_UNUSED,
    ],
    [
      'prod',
      'us-east-1',
      AS,
      'Prod\\-Finance\\-2026\\-11',
      'Available',
      platform('WINDOWS_SERVER_2019'),
      ...old(iso('2026-11-01T10:00:00Z')),
      AS_UNUSED,
    ],
    [
      'prod',
      'us-east-1',
      AS,
      'Prod\\-Image\\-00037',
      'Available',
      platform('WINDOWS_SERVER_2019'),
      ...old(iso('2026-11-02T10:00:00Z')),
      AS_UNUSED,
    ],
  );
  return rows;
}

const LABELS = [
  'Old',
  'Agent not latest',
  'Update available',
  'Unused',
  'End of support',
  'Failed',
  'Shared with unknown accounts',
];

function expectedDocument(at: number): string {
  const rows = expectedRows(at);
  const places = [
    'demo us-east-1',
    'demo us-west-2',
    'other us-east-1',
    'other us-west-2',
    'prod us-east-1',
    'prod us-west-2',
  ];
  const summary = places.map((place) => {
    const [profile, region] = place.split(' ');
    const here = rows.filter((r) => r[0] === profile && r[1] === region);
    const has = (label: string) => here.filter((r) => r.slice(6).some((x) => x.startsWith(`${label}: `))).length;
    const need = here.filter((r) => r.length > 6).length;
    return `| ${profile} (${ACCOUNTS[profile]}) | ${region} | ${here.length} | ${need} | ${LABELS.map(has).join(' | ')} |`;
  });
  const need = rows.filter((r) => r.length > 6).length;
  return [
    '# Image health report',
    '',
    `As of ${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC: ${rows.length} owned images in 6 profile and region pairs; ${need} need attention.`,
    '',
    'Reasons: older than 180 days; agent not the latest; update available; not used by any fleet, image builder or bundle; platform support ended or ends within 6 months; failed; shared with accounts that no configured profile signs in as.',
    '',
    '## Summary',
    '',
    `| Profile (account) | Region | Images | Need attention | ${LABELS.join(' | ')} |`,
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...summary,
    '',
    '## Images',
    '',
    '| Profile (account) | Region | Service | Image | State | Platform | Why |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r[0]} (${ACCOUNTS[r[0]]}) | ${r.slice(1, 6).join(' | ')} | ${r.length > 6 ? r.slice(6).join('; ') : 'Fine'} |`,
    ),
    '',
    '## End of support dates',
    '',
    '| Platform | Last day of support | Source |',
    '|---|---|---|',
    '| Windows Server 2016 | 2027-01-12 | [Microsoft Lifecycle (extended support)](https://learn.microsoft.com/lifecycle/products/windows-server-2016) |',
    '| Windows Server 2019 | 2029-01-09 | [Microsoft Lifecycle (extended support)](https://learn.microsoft.com/lifecycle/products/windows-server-2019) |',
    '| Windows Server 2022 | 2031-10-14 | [Microsoft Lifecycle (extended support)](https://learn.microsoft.com/lifecycle/products/windows-server-2022) |',
    '| Amazon Linux 2 | 2026-06-30 | [AWS Amazon Linux 2 FAQs](https://aws.amazon.com/amazon-linux-2/faqs/) |',
    '| Red Hat Enterprise Linux 8 | 2029-05-31 | [Red Hat Enterprise Linux life cycle (maintenance support)](https://access.redhat.com/support/policy/updates/errata) |',
    '| Rocky Linux 8 | 2029-05-31 | [Rocky Linux release guide (end of life)](https://wiki.rockylinux.org/rocky/version/) |',
    '| Ubuntu 24.04 LTS | 2029-04-30 | [Ubuntu release cycle (standard support, April 2029)](https://ubuntu.com/about/release-cycle) |',
    '',
  ].join('\n');
}

/** The requests sent, counted as "operation profile region". */
function sent(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of emulator.log) {
    const k = `${r.operation} ${KEYS[r.accessKeyId] ?? r.accessKeyId} ${r.region}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const LISTINGS: Record<string, number> = {
  // Each owned list once, to its end (25 a page: us-east-1's 45 AppStream and 34 WorkSpaces images take two).
  'DescribeImages demo us-east-1': 2,
  'DescribeWorkspaceImages demo us-east-1': 2,
  'DescribeImages demo us-west-2': 1,
  'DescribeWorkspaceImages demo us-west-2': 1,
  'DescribeImages other us-east-1': 1,
  'DescribeWorkspaceImages other us-east-1': 1,
  'DescribeImages other us-west-2': 1,
  'DescribeWorkspaceImages other us-west-2': 1,
  'DescribeImages prod us-east-1': 1,
  'DescribeWorkspaceImages prod us-east-1': 1,
  'DescribeImages prod us-west-2': 1,
  'DescribeWorkspaceImages prod us-west-2': 1,
  // What uses them, once per region and service (us-east-1's 13 fleets take two pages of DescribeFleets).
  'DescribeFleets demo us-east-1': 2,
  'DescribeImageBuilders demo us-east-1': 1,
  'DescribeWorkspaceBundles demo us-east-1': 1,
  'DescribeFleets demo us-west-2': 1,
  'DescribeImageBuilders demo us-west-2': 1,
  'DescribeWorkspaceBundles demo us-west-2': 1,
  'DescribeFleets other us-east-1': 1,
  'DescribeImageBuilders other us-east-1': 1,
  'DescribeWorkspaceBundles other us-east-1': 1,
  'DescribeFleets other us-west-2': 1,
  'DescribeImageBuilders other us-west-2': 1,
  'DescribeWorkspaceBundles other us-west-2': 1,
  'DescribeFleets prod us-east-1': 1,
  'DescribeImageBuilders prod us-east-1': 1,
  'DescribeWorkspaceBundles prod us-east-1': 1,
  'DescribeFleets prod us-west-2': 1,
  'DescribeImageBuilders prod us-west-2': 1,
  'DescribeWorkspaceBundles prod us-west-2': 1,
};
const PERMISSIONS: Record<string, number> = {
  // AppStream: only the image its listing says is shared; WorkSpaces: each available owned image.
  'DescribeImagePermissions demo us-east-1': 1,
  'DescribeWorkspaceImagePermissions demo us-east-1': 33,
  'DescribeWorkspaceImagePermissions demo us-west-2': 3,
  'DescribeWorkspaceImagePermissions other us-east-1': 1,
};

async function privateRows(
  a: CloudImagesApi,
  profile: string,
  region: string,
  service: string,
  type: string,
): Promise<Row[]> {
  return rows(a, (await find(a, profile, region, service, type)).node);
}

suite('Image health report', () => {
  suiteSetup(async () => {
    emulator.reset();
    await setSetting('profiles', [PROFILES.main, PROFILES.other, PROFILES.prod]);
  });
  suiteTeardown(() => setSetting('profiles', undefined));
  setup(freshStart);
  // A report's marks stay on the rows until cleared: the suites after this one see rows without them.
  teardown(() => vscode.commands.executeCommand('cloudImages.clearHealthMarks'));

  test('the report on the default scenario: its text exactly, one listing per list and region, then from memory', async () => {
    const a = await api();
    await a.globalState.update('cloudImages.healthMaxAgeDays', undefined);
    const p = answer(a, [{ pick: 'All shown profiles and regions' }, { input: ['0', '180'] }, 'escape']);
    const result = await vscode.commands.executeCommand<HealthResult>('cloudImages.imageHealthReport');
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(p.shown[0].items, [
      'All shown profiles and regions',
      'demo',
      'other',
      'prod',
      'us-east-1',
      'us-west-2',
    ]);
    assert.strictEqual(p.shown[1].value, '180', 'the default age');
    assert.strictEqual(result.markdown, expectedDocument(result.report.at));
    const doc = vscode.window.activeTextEditor?.document;
    assert.strictEqual(doc?.languageId, 'markdown');
    assert.strictEqual(doc?.getText(), result.markdown);
    assert.deepStrictEqual(sent(), { ...LISTINGS, ...PERMISSIONS });
    // Owned lists only: no shared or public list is read.
    assert.deepStrictEqual(
      [...new Set(emulator.requests({ operation: 'DescribeImages' }).map((r) => (r.params as { Type?: string }).Type))],
      ['PRIVATE'],
    );

    // Again, a moment later: the lists and what uses them come from memory; only the sharing is asked again.
    emulator.clearLog();
    const q = answer(a, [{ pick: 'demo' }, { input: ['180'] }, { pick: 'Export as CSV' }]);
    const again = await vscode.commands.executeCommand<HealthResult>('cloudImages.imageHealthReport');
    assert.strictEqual(q.shown[1].value, '180', 'remembered');
    assert.deepStrictEqual(sent(), {
      'DescribeImagePermissions demo us-east-1': 1,
      'DescribeWorkspaceImagePermissions demo us-east-1': 33,
      'DescribeWorkspaceImagePermissions demo us-west-2': 3,
    });
    const csv = again.exported!.content.split('\n');
    assert.strictEqual(
      csv[0],
      'profile,account,region,service,name,id,state,platform,created,old,agent,update,unused,endOfSupport,failed,unknownShare',
    );
    const contractor = csv.find((l) => l.includes('wsi-contract01'))!;
    assert.ok(
      contractor.startsWith(
        'demo,123456789012,us-west-2,WorkSpaces,Contractor-Win10,wsi-contract01,AVAILABLE,WINDOWS,',
      ),
    );
    assert.ok(contractor.endsWith(',,,,,,,777788889999'), contractor);
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), again.exported!.content);
  });

  test('from a region row: that region only; rows marked with the reasons until the marks are cleared; reveal from the report', async () => {
    const a = await api();
    const west = await find(a, 'demo', US_WEST);
    // The tree read the AppStream list to its end: the report takes it from there.
    await privateRows(a, 'demo', US_WEST, AS, 'Private');
    emulator.clearLog();
    const p = answer(a, [{ input: ['180'] }, { pick: 'Finance-Win2022-West' }]);
    const result = await vscode.commands.executeCommand<HealthResult>('cloudImages.imageHealthReport', west.node, [
      west.node,
    ]);
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(result.report.rows.map((r) => [r.image.name, r.reasons.map((x) => x.kind)]).sort(), [
      ['BYOL-Win10', ['unused']],
      ['Contractor-Win10', ['unknownShare']],
      ['Finance-Win2022-West', ['agent', 'unused']],
      ['Standard-Win11-West', ['unused']],
    ]);
    assert.deepStrictEqual(sent(), {
      'DescribeWorkspaceImages demo us-west-2': 1,
      'DescribeFleets demo us-west-2': 1,
      'DescribeImageBuilders demo us-west-2': 1,
      'DescribeWorkspaceBundles demo us-west-2': 1,
      'DescribeWorkspaceImagePermissions demo us-west-2': 3,
    });
    // The chosen image is revealed and selected, with no request.
    assert.deepStrictEqual(
      a.ctx.treeView.selection.map((n) => (n.kind === 'image' ? n.record.name : n.id)),
      ['Finance-Win2022-West'],
    );

    const marked = (list: Row[], name: string) => list.find((r) => r.label === name)!;
    const as = await privateRows(a, 'demo', US_WEST, AS, 'Private');
    const ws = await privateRows(a, 'demo', US_WEST, WS, 'Owned');
    assert.match(marked(as, 'Finance-Win2022-West').description!, / · ⚠ Agent not latest, Unused$/);
    assert.match(
      marked(as, 'Finance-Win2022-West').tooltip!,
      /\*\*Health report\*\* {2}\nAgent not latest: agent 1.1.1200 \(Create Updated Image makes an image with the latest\) {2}\nUnused: not used by any fleet or image builder$/,
    );
    assert.match(marked(ws, 'Contractor-Win10').description!, / · ⚠ Shared with unknown accounts$/);
    // A region the report did not cover has no marks.
    const east = await privateRows(a, 'demo', US_EAST, AS, 'Private');
    assert.ok(!east.some((r) => r.description?.includes('⚠')));

    await vscode.commands.executeCommand('cloudImages.clearHealthMarks');
    const after = await privateRows(a, 'demo', US_WEST, AS, 'Private');
    assert.doesNotMatch(marked(after, 'Finance-Win2022-West').description!, /⚠/);
    assert.doesNotMatch(marked(after, 'Finance-Win2022-West').tooltip!, /Health report/);
  });

  test('what could not be read is said in the report (once per list), and its reasons are left out', async () => {
    const a = await api();
    const west = await find(a, 'demo', US_WEST);
    emulator.inject({
      kind: 'access-denied',
      operation: 'DescribeWorkspaceImagePermissions',
      region: 'us-west-2',
      times: 3,
    });
    emulator.inject({ kind: 'access-denied', operation: 'DescribeFleets', region: 'us-west-2' });
    const p = answer(a, [{ input: ['180'] }, 'escape']);
    const result = await vscode.commands.executeCommand<HealthResult>('cloudImages.imageHealthReport', west.node);
    const denied = (op: string) =>
      `Access denied in us-west-2: your IAM identity is not allowed to do this. User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${op}`;
    assert.deepStrictEqual(result.report.gaps, [
      `demo · us-west-2 · what uses AppStream 2.0 images: ${denied('DescribeFleets')}`,
      `demo · us-west-2 · the accounts 3 WorkSpaces images are shared with: ${denied('DescribeWorkspaceImagePermissions')}`,
    ]);
    assert.deepStrictEqual(p.notes, [
      'warning: The health report is incomplete: 2 listings could not be read (the report says which).',
    ]);
    assert.deepStrictEqual(result.report.rows.map((r) => [r.image.name, r.reasons.map((x) => x.kind)]).sort(), [
      ['BYOL-Win10', ['unused']],
      ['Contractor-Win10', []],
      ['Finance-Win2022-West', ['agent']],
      ['Standard-Win11-West', ['unused']],
    ]);
    assert.match(result.markdown, /\n## Not read\n\n- demo/);
  });
});
