// Create Image Builder in the real extension host, against the local endpoint: the questions and their checks as
// typed, what AWS receives, the new row at once, the builder followed to RUNNING (or FAILED), each refusal in
// words, a lost answer settled by looking (sent once), a tracker restarted mid-create; and the palette pickers of
// the other builder commands.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { CopyJob } from '../../src/core/copyJobs';
import { CopyTracker } from '../../src/jobs/tracker';
import { GlobalStateKeys } from '../../src/platform/ids';
import type { Answer } from '../support/prompts';
import { api, emulator, finishTrackedCopies, freshStart, until } from './env';
import { answer, AS, find, imageRow, rows, US_EAST, US_WEST, type Row } from './tree.helpers';

const BUILDERS = 'Image Builders';
const PUBLIC_IMAGE = 'AppStream-WinServer2022-11-01-2026';

const sent = (op: string): unknown[] => emulator.log.filter((r) => r.operation === op).map((r) => r.params);

async function buildersRow(a: CloudImagesApi, region = US_WEST): Promise<Row> {
  return find(a, region, AS, BUILDERS);
}

async function builderRows(a: CloudImagesApi, region = US_WEST): Promise<Row[]> {
  return rows(a, (await buildersRow(a, region)).node);
}

/** The shortest answers after the name: no display name change, no description, default type, no VPC/role. */
function quick(name: string, source?: string, over: { type?: Answer[]; role?: Answer[] } = {}): Answer[] {
  return [
    { input: [name] },
    { input: [''] },
    { input: [''] },
    ...(source ? [{ pickPaged: source }] : []),
    ...(over.type ?? [{ pick: 'stream.standard.medium' }]),
    { pick: 'No subnet (no VPC)' },
    ...(over.role ?? [{ pick: 'No role' }]),
    { pick: 'No default internet access' },
    { input: [''] },
    { confirm: true },
  ];
}

suite('Create image builder', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(freshStart);
  teardown(() => {
    emulator.clearFaults();
    emulator.world.builderQuota = 8;
  });

  test('from the Image Builders row: every answer checked as typed, one CreateImageBuilder, the row at once, followed to RUNNING', async () => {
    const a = await api();
    const listed = await builderRows(a);
    assert.deepStrictEqual(
      listed.map((r) => r.label),
      ['west-builder'],
    );
    const p = answer(a, [
      { input: ['bad name!', '-lead', 'new-builder'] },
      { input: ['x'.repeat(101), 'New builder'] },
      { input: ['d'.repeat(257), 'Builds the new desktop'] },
      { pickPaged: PUBLIC_IMAGE },
      { pick: 'Another instance type…' },
      { input: ['m5.large', 'stream.standard.large'] },
      { pick: 'subnet-0fedcba9876543210' },
      { pickMany: ['sg-0fedcba9876543210'] },
      { input: ['sg-xyz', 'sg-0fedcba9876543210', 'sg-1,sg-2,sg-3,sg-4,sg-5', 'sg-0123456789abcdef0'] },
      { pick: 'arn:aws:iam::123456789012:role/AppStreamFleetRole' },
      { pick: 'Default internet access' },
      { input: ['aws:team=x', 'team', 'team=a, team=b', 'team=desktop, owner=it'] },
      { confirm: true },
    ]);
    emulator.clearLog();
    const job = await vscode.commands.executeCommand<CopyJob>(
      'cloudImages.createImageBuilder',
      (await buildersRow(a)).node,
    );

    const messages = p.shown.filter((s) => s.kind === 'input').map((s) => s.messages);
    assert.deepStrictEqual(messages, [
      [
        'Not allowed in an image builder name: space, "!". Use letters, digits, "_", "." and "-".',
        'The name must start with a letter or a digit.',
      ],
      ['The display name is 101 characters long; AppStream allows at most 100.'],
      ['The description is 257 characters long; AppStream allows at most 256.'],
      ['m5.large is not an AppStream instance type: they start with "stream.".'],
      [
        'sg-xyz is not a security group ID: sg- followed by 8 or 17 hexadecimal digits.',
        'sg-0fedcba9876543210 is already chosen above.',
        'sg-1 is not a security group ID: sg- followed by 8 or 17 hexadecimal digits.',
      ],
      [
        '"aws:team": keys starting with "aws:" are reserved for AWS.',
        '"team" is not key=value: write each tag as key=value, separated by commas.',
        'The tag key "team" is given twice.',
      ],
    ]);
    const picks = Object.fromEntries(p.shown.filter((s) => s.kind === 'pick').map((s) => [s.placeHolder, s.items]));
    assert.deepStrictEqual(picks['Subnet (an image builder uses one)'], [
      'subnet-0a1b2c3d4e5f60718',
      'subnet-0fedcba9876543210',
      'Enter a subnet ID…',
      'No subnet (no VPC)',
    ]);
    assert.deepStrictEqual(picks['IAM role the image builder assumes (optional)'], [
      'arn:aws:iam::123456789012:role/AppStreamFleetRole',
      'Enter a role ARN…',
      'No role',
    ]);
    assert.strictEqual(picks['Instance type']![0], 'stream.standard.medium', 'the default first');
    const confirm = p.shown.find((s) => s.kind === 'confirm')!;
    assert.strictEqual(confirm.title, 'Create the image builder new-builder in us-west-2?');
    assert.match(confirm.detail!, /Security groups: sg-0fedcba9876543210, sg-0123456789abcdef0/);

    assert.deepStrictEqual(sent('CreateImageBuilder'), [
      {
        Name: 'new-builder',
        InstanceType: 'stream.standard.large',
        ImageName: PUBLIC_IMAGE,
        DisplayName: 'New builder',
        Description: 'Builds the new desktop',
        VpcConfig: {
          SubnetIds: ['subnet-0fedcba9876543210'],
          SecurityGroupIds: ['sg-0fedcba9876543210', 'sg-0123456789abcdef0'],
        },
        IamRoleArn: 'arn:aws:iam::123456789012:role/AppStreamFleetRole',
        EnableDefaultInternetAccess: true,
        Tags: { team: 'desktop', owner: 'it' },
      },
    ]);
    assert.strictEqual(job.kind, 'builder-create');
    assert.ok(a.ctx.tracker.inFlight().some((j) => j.id === job.id));
    emulator.clearLog();
    const shown = (await builderRows(a)).find((r) => r.label === 'new-builder');
    assert.ok(shown, 'listed at once');
    assert.deepStrictEqual(
      [shown.icon, shown.description],
      ['sync~spin', 'Pending · stream.standard.large · WINDOWS_SERVER_2022'],
    );
    assert.deepStrictEqual(sent('DescribeImageBuilders'), [], 'shown without a request');
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image builder being created');

    emulator.clearLog();
    await a.ctx.tracker.tick();
    assert.deepStrictEqual(sent('DescribeImageBuilders'), [{ Names: ['new-builder'] }], 'one look per region');
    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    const ended = a.ctx.tracker.all().find((j) => j.id === job.id)!;
    assert.deepStrictEqual([ended.outcome, ended.state], ['succeeded', 'RUNNING']);
    await until(
      () => p.notes.includes('info: Image builder new-builder was created and is running in us-west-2.'),
      `the ending notified: ${p.notes.join(' | ')}`,
    );
    const running = (await builderRows(a)).find((r) => r.label === 'new-builder')!;
    assert.strictEqual(running.contextValue, 'builder.running.stop.connect');
    assert.deepStrictEqual(sent('CreateImageBuilder'), [], 'never sent again while followed');
  });

  test('from an image row: the image is the source; a shared image not allowed for builders sends nothing', async () => {
    const a = await api();
    const shared = await imageRow(a, US_EAST, AS, 'Shared with me', 'Partner-Shared-Image');
    const refused = answer(a, []);
    emulator.clearLog();
    await vscode.commands.executeCommand('cloudImages.createImageBuilderFromImage', shared.node);
    assert.deepStrictEqual(refused.notes, [
      'warning: Nothing was sent: Partner-Shared-Image is shared with this account for fleets only: its owner has not allowed image builders from it.',
    ]);
    assert.deepStrictEqual(sent('CreateImageBuilder'), []);

    const own = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    const p = answer(a, quick('finance-two'));
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createImageBuilderFromImage', own.node);
    assert.ok(!p.shown.some((s) => s.kind === 'pickPaged'), 'no source question');
    assert.deepStrictEqual(sent('CreateImageBuilder'), [
      {
        Name: 'finance-two',
        InstanceType: 'stream.standard.medium',
        ImageName: 'Finance-Win2022',
        EnableDefaultInternetAccess: false,
      },
    ]);
    assert.strictEqual(job.destRegion, 'us-east-1');
  });

  test('from the palette: profile and region asked, then the source among the images AWS builds from', async () => {
    const a = await api();
    const p = answer(a, [
      { pick: (l) => l.endsWith('us-west-2') },
      ...quick('palette-builder', 'Finance-Win2022-West'),
    ]);
    emulator.clearLog();
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createImageBuilder');
    assert.strictEqual(job.destName, 'palette-builder');
    const source = p.shown.find((s) => s.kind === 'pickPaged')!;
    assert.ok(source.items!.includes('Finance-Win2022-West'));
    assert.deepStrictEqual((sent('CreateImageBuilder')[0] as { ImageName: string }).ImageName, 'Finance-Win2022-West');
  });

  const refusals: {
    what: string;
    setUp?(): void;
    name: string;
    source?: string;
    over?: Parameters<typeof quick>[2];
    words: RegExp;
  }[] = [
    {
      what: 'a name taken',
      name: 'dev-builder',
      words:
        /An image builder named dev-builder already exists\. An image builder of that name already exists in us-east-1: choose another name\. Nothing was created\./,
    },
    {
      what: 'a role AppStream cannot assume',
      name: 'role-builder',
      over: {
        role: [{ pick: 'Enter a role ARN…' }, { input: ['role/x', 'arn:aws:iam::123456789012:role/NoSuchRole'] }],
      },
      words:
        /AppStream 2\.0 cannot assume the role .*NoSuchRole\. AppStream cannot use that IAM role: check that it exists and that its trust policy lets appstream\.amazonaws\.com assume it/,
    },
    {
      what: 'the quota of builders',
      name: 'one-too-many',
      setUp: () => (emulator.world.builderQuota = 5),
      words:
        /quota of 5 in us-east-1 has been reached\. The account has as many image builders in us-east-1 as its quota allows: delete an image builder you no longer need, or request a higher quota/,
    },
    {
      what: 'an instance type the image cannot run on',
      name: 'linux-graphics',
      source: 'Engineering-Linux',
      over: { type: [{ pick: 'Another instance type…' }, { input: ['stream.graphics-pro.4xlarge'] }] },
      words:
        /not supported for the platform AMAZON_LINUX2\. An image builder cannot be made from this image with that instance type/,
    },
  ];
  for (const r of refusals) {
    test(`refused for ${r.what}: said in words, nothing created`, async () => {
      const a = await api();
      r.setUp?.();
      const before = emulator.world.region('us-east-1').imageBuilders.size;
      const p = answer(a, [
        { pick: (l) => l.endsWith('us-east-1') },
        ...quick(r.name, r.source ?? 'Finance-Win2022', r.over),
      ]);
      emulator.clearLog();
      const job = await vscode.commands.executeCommand<CopyJob | undefined>('cloudImages.createImageBuilder');
      assert.strictEqual(job, undefined);
      assert.strictEqual(sent('CreateImageBuilder').length, 1);
      assert.strictEqual(p.notes.length, 1, p.notes.join('\n'));
      assert.match(p.notes[0], new RegExp(`^error: Could not create the image builder ${r.name}: `));
      assert.match(p.notes[0], r.words);
      assert.strictEqual(emulator.world.region('us-east-1').imageBuilders.size, before);
    });
  }

  test('refused for an image no longer available, and for one gone, in words', async () => {
    const a = await api();
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    emulator.world.region('us-east-1').appstream.get('Design-Win2019')!.image.State = 'UPDATING';
    let p = answer(a, quick('design-builder'));
    await vscode.commands.executeCommand('cloudImages.createImageBuilderFromImage', row.node);
    assert.match(p.notes[0], /its state is UPDATING\. The image cannot be used now: only an available image can be\./);
    emulator.world.region('us-east-1').appstream.delete('Design-Win2019');
    p = answer(a, quick('design-builder'));
    await vscode.commands.executeCommand('cloudImages.createImageBuilderFromImage', row.node);
    assert.match(
      p.notes[0],
      /The image Design-Win2019 could not be found\. The image \(or the subnet, security group or role\) was not found in us-east-1/,
    );
  });

  test('a lost answer (500 after the work) is settled by looking: sent once, followed', async () => {
    const a = await api();
    for (const kind of ['error-after', 'drop-mid-body'] as const) {
      const name = `lost-${kind}`;
      emulator.inject({ kind, operation: 'CreateImageBuilder' });
      answer(a, [{ pick: (l) => l.endsWith('us-west-2') }, ...quick(name, PUBLIC_IMAGE)]);
      emulator.clearLog();
      const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createImageBuilder');
      assert.deepStrictEqual(
        emulator.log.map((r) => r.operation).slice(-2),
        ['CreateImageBuilder', 'DescribeImageBuilders'],
        `${kind}: one create, then a look`,
      );
      assert.strictEqual(sent('CreateImageBuilder').length, 1, `${kind}: sent once`);
      assert.deepStrictEqual(sent('DescribeImageBuilders').at(-1), { Names: [name] });
      assert.deepStrictEqual([job.kind, job.destName, job.state], ['builder-create', name, 'PENDING']);
    }
  });

  test('a lost answer where an older builder holds the name: nothing created, and said so', async () => {
    const a = await api();
    emulator.inject({ kind: 'drop', operation: 'CreateImageBuilder' });
    const p = answer(a, [{ pick: (l) => l.endsWith('us-east-1') }, ...quick('dev-builder', 'Finance-Win2022')]);
    emulator.clearLog();
    const job = await vscode.commands.executeCommand<CopyJob | undefined>('cloudImages.createImageBuilder');
    assert.strictEqual(job, undefined);
    assert.strictEqual(sent('CreateImageBuilder').length, 1);
    assert.match(
      p.notes[0],
      /the creation of the image builder dev-builder was not carried out: an older image builder \(dev-builder\) already has that name in us-east-1/,
    );
  });

  test('a builder that ends FAILED is said with AWS’s errors', async () => {
    const a = await api();
    const p = answer(a, [
      { pick: (l) => l.endsWith('us-west-2') },
      { input: ['full-subnet'] },
      { input: [''] },
      { input: [''] },
      { pickPaged: PUBLIC_IMAGE },
      { pick: 'stream.standard.medium' },
      { pick: 'Enter a subnet ID…' },
      { input: ['subnet-12', 'subnet-0badc0ffee0000000'] },
      { pickMany: [] },
      { input: [''] },
      { pick: 'No role' },
      { pick: 'No default internet access' },
      { input: [''] },
      { confirm: true },
    ]);
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createImageBuilder');
    assert.deepStrictEqual(p.shown.find((s) => s.kind === 'input' && s.messages?.length)?.messages, [
      'subnet-12 is not a subnet ID: subnet- followed by 8 or 17 hexadecimal digits.',
    ]);
    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    const ended = a.ctx.tracker.all().find((j) => j.id === job.id)!;
    assert.strictEqual(ended.outcome, 'failed');
    await until(
      () => p.notes.find((n) => n.startsWith('error: Image builder full-subnet could not be created in us-west-2:')),
      'the failure notified',
    );
    assert.match(
      ended.reason!,
      /SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES: The subnet subnet-0badc0ffee0000000 has no free IP addresses/,
    );
  });

  test('a create in flight is followed by a new tracker after a reload', async () => {
    const a = await api();
    answer(a, [{ pick: (l) => l.endsWith('us-west-2') }, ...quick('reload-builder', PUBLIC_IMAGE)]);
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createImageBuilder');
    await a.ctx.tracker.flushed();
    await a.jobStore.update(`${GlobalStateKeys.copies}.lease`, undefined);
    const again = new CopyTracker({
      store: a.jobStore,
      storeKey: GlobalStateKeys.copies,
      intervalMs: () => 3_600_000,
      defaultProfile: () => a.ctx.scope.profile,
      api: (profile) => a.ctx.scope.session(profile).api,
    });
    try {
      again.resume();
      assert.ok(
        again.all().some((j) => j.id === job.id && j.kind === 'builder-create'),
        'resumed',
      );
      emulator.world.settleAll();
      emulator.clearLog();
      await again.tick();
      assert.deepStrictEqual(sent('DescribeImageBuilders'), [{ Names: ['reload-builder'] }]);
      assert.strictEqual(again.all().find((j) => j.id === job.id)?.outcome, 'succeeded');
    } finally {
      again.dispose();
    }
  });
});

suite('Image builder commands from the palette', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(freshStart);

  test('Connect, Stop, Start and Delete ask the region, then offer only the builders the action fits', async () => {
    const a = await api();
    const east = (l: string): boolean => l.endsWith('us-east-1');
    const savedBrowser = a.ctx.browser;
    const opened: string[] = [];
    a.ctx.browser = { open: async (url) => (opened.push(url), true) };
    await a.globalState.update(GlobalStateKeys.builderStreamingValidity, 3600);
    try {
      let p = answer(a, [{ pick: east }, { pickPaged: 'dev-builder' }]);
      emulator.clearLog();
      assert.strictEqual(await vscode.commands.executeCommand('cloudImages.connectImageBuilder'), true);
      assert.deepStrictEqual(p.shown[1].items, ['dev-builder'], 'only running builders');
      assert.deepStrictEqual(sent('CreateImageBuilderStreamingURL'), [{ Name: 'dev-builder', Validity: 3600 }]);
      assert.strictEqual(opened.length, 1);

      p = answer(a, [{ pick: (l) => l.endsWith('us-west-2') }, { pickPaged: 'west-builder' }]);
      const stop = await vscode.commands.executeCommand<CopyJob>('cloudImages.stopImageBuilder');
      assert.deepStrictEqual([stop.kind, sent('StopImageBuilder')], ['builder-stop', [{ Name: 'west-builder' }]]);

      p = answer(a, [{ pick: east }, { pickPaged: 'finance-builder' }]);
      const start = await vscode.commands.executeCommand<CopyJob>('cloudImages.startImageBuilder');
      assert.deepStrictEqual(p.shown[1].items, ['finance-builder', 'flaky-builder', 'legacy-builder'], 'only stopped');
      assert.deepStrictEqual([start.kind, sent('StartImageBuilder')], ['builder-start', [{ Name: 'finance-builder' }]]);

      p = answer(a, [{ pick: east }, { pickPaged: 'legacy-builder' }, { confirm: false }]);
      await vscode.commands.executeCommand('cloudImages.deleteImageBuilder');
      assert.deepStrictEqual(
        p.shown[1].items,
        ['broken-builder', 'flaky-builder', 'legacy-builder'],
        'stopped or failed (finance-builder is starting now)',
      );
      assert.match(p.shown[2].title, /Delete the image builder legacy-builder from us-east-1\?/);
      assert.deepStrictEqual(sent('DeleteImageBuilder'), [], 'declined');
    } finally {
      a.ctx.browser = savedBrowser;
      await a.globalState.update(GlobalStateKeys.builderStreamingValidity, undefined);
    }
  });
});
