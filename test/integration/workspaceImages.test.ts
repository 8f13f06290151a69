// Images made from a WorkSpace and BYOL imports, in the real extension host against the local endpoint: only the
// WorkSpaces AWS makes an image of are offered, every answer checked as typed, what AWS receives, the new image
// listed at once and followed to AVAILABLE (its ending offers Reveal in Explorer, which shows its row) or to ERROR
// with the checks it failed in words, each refusal in words, lost answers settled by looking (sent once), and a
// reload while both kinds are in flight.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { CopyJob } from '../../src/core/copyJobs';
import { regionsOf } from '../../src/core/regions';
import { CopyTracker } from '../../src/jobs/tracker';
import { GlobalStateKeys } from '../../src/platform/ids';
import { ScriptedPrompts, type Answer } from '../support/prompts';
import { api, emulator, finishTrackedCopies, freshStart, until } from './env';
import { find, rows, US_EAST, WS } from './tree.helpers';

const CREATE = 'cloudImages.createWorkspaceImage';
const IMPORT = 'cloudImages.importWorkspaceImage';
const REVEAL = 'Reveal in Explorer';
const sent = (op: string) => emulator.requests({ operation: op }).map((r) => r.params);

/** Answers the questions, records each notification with the actions it offered, and clicks `click` when offered. */
class Prompts extends ScriptedPrompts {
  readonly offered: string[][] = [];
  constructor(
    answers: Answer[],
    private readonly click?: string,
  ) {
    super(answers);
  }
  override async notify(severity: 'info' | 'warning' | 'error', message: string, ...actions: string[]) {
    await super.notify(severity, message);
    this.offered.push(actions);
    return this.click && actions.includes(this.click) ? this.click : undefined;
  }
}

function script(a: CloudImagesApi, answers: Answer[], click?: string): Prompts {
  const p = new Prompts(answers, click);
  a.ctx.prompts = p;
  return p;
}

const madeNamed = (name: string) =>
  [...emulator.world.region('us-east-1').workspaces.values()].find((i) => i.image.Name === name)!;

async function ownedRows(a: CloudImagesApi) {
  return rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
}

async function settle(a: CloudImagesApi): Promise<void> {
  emulator.world.settleAll();
  await a.ctx.tracker.tick();
}

suite('Images from a WorkSpace and BYOL imports', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(async () => {
    await freshStart();
    // The scenario's region holds 34 images: enough room for this suite's (a test that wants the quota sets it).
    emulator.world.wsImageQuota = 1000;
  });

  test('from the WorkSpaces row: checked as typed, sent once, listed at once, followed to AVAILABLE; Reveal in Explorer shows it', async () => {
    const a = await api();
    const service = await find(a, US_EAST, WS);
    await ownedRows(a); // the Owned list is open: the new image appears in it at once
    const p = script(
      a,
      [
        { pickPaged: 'bob' },
        { input: ['Bob Golden', 'x'.repeat(65), 'Standard-Win11', 'Bob-Golden'] },
        { input: ['', 'Golden; v1', 'Golden image of bob'] },
        { input: ['team', 'aws:owner=me', 'team=it, purpose=golden'] },
        { confirm: true },
      ],
      REVEAL,
    );
    emulator.clearLog();
    const job = await vscode.commands.executeCommand<CopyJob>(CREATE, service.node);
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(p.shown[1].messages, [
      'Not allowed in a WorkSpaces image name: space. Use letters, digits and _ . / ( ) \\ -',
      'The name is 65 characters long; WorkSpaces allows at most 64.',
      'An image named Standard-Win11 already exists in us-east-1. Choose another name.',
    ]);
    assert.strictEqual(p.shown[2].value, 'Image of WorkSpace ws-b2c3d4e5f6');
    assert.deepStrictEqual(p.shown[2].messages, [
      'Enter a description: WorkSpaces requires one for a new image.',
      'Not allowed in a WorkSpaces description: ";". Use letters, digits, spaces and _ . / ( ) -',
    ]);
    assert.deepStrictEqual(p.shown[3].messages, [
      '"team" is not key=value: write each tag as key=value, separated by commas.',
      '"aws:owner": keys starting with "aws:" are reserved for AWS.',
    ]);
    const tags = [
      { Key: 'team', Value: 'it' },
      { Key: 'purpose', Value: 'golden' },
    ];
    assert.deepStrictEqual(sent('CreateWorkspaceImage'), [
      { Name: 'Bob-Golden', Description: 'Golden image of bob', WorkspaceId: 'ws-b2c3d4e5f6', Tags: tags },
    ]);
    assert.deepStrictEqual(sent('DescribeWorkspaces'), [{ Limit: 25 }]);
    const made = madeNamed('Bob-Golden');
    assert.deepStrictEqual(made.tags, tags);
    assert.deepStrictEqual(
      [job.kind, job.destId, job.state, job.sourceId],
      ['ws-create', made.image.ImageId, 'PENDING', 'ws-b2c3d4e5f6'],
    );
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image from a WorkSpace');
    assert.deepStrictEqual(p.notes, [
      'info: Creating Bob-Golden from WorkSpace ws-b2c3d4e5f6 (bob) in us-east-1. Progress is shown in the status bar.',
    ]);
    await until(
      async () => (await ownedRows(a)).find((r) => r.label === 'Bob-Golden' && r.icon === 'sync~spin'),
      'the new image listed at once, PENDING',
    );

    await settle(a);
    await until(() => p.notes.length === 2, 'the ending notified');
    assert.strictEqual(
      p.notes[1],
      'info: Image Bob-Golden, made from WorkSpace ws-b2c3d4e5f6, is available in us-east-1.',
    );
    assert.deepStrictEqual(p.offered[1], [REVEAL]);
    const selected = await until(
      () => a.ctx.treeView.selection.find((n) => n.kind === 'image' && n.record.name === 'Bob-Golden'),
      'the new image revealed',
    );
    assert.ok(selected.kind === 'image' && selected.record.id === made.image.ImageId);
    const row = (await ownedRows(a)).find((r) => r.label === 'Bob-Golden')!;
    assert.deepStrictEqual([row.icon, row.contextValue], ['pass', 'image.workspaces.owned.available']);
    assert.strictEqual(sent('CreateWorkspaceImage').length, 1, 'sent once');
  });

  test('from the palette: only available or stopped WorkSpaces are offered; an image AWS cannot make ends in ERROR with its checks in words', async () => {
    const a = await api();
    const p = script(a, [
      { pick: 'US East (N. Virginia) us-east-1' },
      { pickPaged: 'frank' },
      { input: ['Frank-Image'] },
      { input: ['Frank desktop'] },
      { input: [''] },
      { confirm: true },
    ]);
    const job = await vscode.commands.executeCommand<CopyJob>(CREATE);
    const offered = (p.shown[0].items ?? []).map((label) => label.split(' ').pop()!);
    assert.deepStrictEqual([...offered].sort(), regionsOf('workspaces').sort(), 'only the regions of WorkSpaces');
    assert.deepStrictEqual(p.shown[1].items, ['alice', 'bob', 'frank'], 'no PENDING, REBOOTING, ERROR or TERMINATED');
    assert.deepStrictEqual(sent('CreateWorkspaceImage'), [
      { Name: 'Frank-Image', Description: 'Frank desktop', WorkspaceId: 'ws-f6a7b8c9d0' },
    ]);
    await settle(a);
    const ended = a.ctx.tracker.all().find((j) => j.id === job.id)!;
    assert.deepStrictEqual([ended.outcome, ended.state], ['failed', 'ERROR']);
    await until(() => p.notes.length === 2, 'the ending notified');
    assert.strictEqual(
      p.notes[1],
      'error: Image Frank-Image was not made from WorkSpace ws-f6a7b8c9d0 in us-east-1: DomainAccountServicesFound: Services run as a domain account. (Services run as a domain account: change them to local accounts.); PendingReboot (A reboot is pending: restart the machine first.)',
    );
    assert.deepStrictEqual(p.offered[1], ['Show Details'], 'nothing to reveal');
  });

  test('a region with no WorkSpace AWS makes an image of says so and sends nothing else; more than a page of WorkSpaces is paged', async () => {
    const a = await api();
    let p = script(a, [{ pick: 'US West (Oregon) us-west-2' }]);
    assert.strictEqual(await vscode.commands.executeCommand(CREATE), undefined);
    assert.deepStrictEqual(p.notes, [
      'info: No WorkSpace in us-west-2 can be made into an image: AWS makes an image only of a WorkSpace that is available or stopped. Nothing was sent.',
    ]);
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.region]),
      [['DescribeWorkspaces', 'us-west-2']],
    );
    // 30 terminated WorkSpaces listed first: the first page offers nothing, so the second is read before the pick.
    const desktops = emulator.world.region('us-east-1').desktops;
    for (let i = 0; i < 30; i++) {
      emulator.world.putDesktop('us-east-1', {
        WorkspaceId: `ws-00000000${String(i).padStart(2, '0')}`,
        State: 'TERMINATED',
      });
    }
    try {
      emulator.clearLog();
      p = script(a, [{ pick: 'US East (N. Virginia) us-east-1' }, { pickPaged: 'frank' }, 'escape']);
      await vscode.commands.executeCommand(CREATE);
      assert.deepStrictEqual(p.shown[1].items, ['alice', 'bob', 'frank']);
      const pages = sent('DescribeWorkspaces');
      assert.strictEqual(pages.length, 2);
      assert.deepStrictEqual(pages[0], { Limit: 25 });
      assert.ok(typeof pages[1].NextToken === 'string');
      assert.strictEqual(sent('CreateWorkspaceImage').length, 0, 'given up: nothing sent');
    } finally {
      for (const id of [...desktops.keys()]) if (id.startsWith('ws-00000000')) desktops.delete(id);
    }
  });

  test('Import BYOL Image from the Owned row: the AMI checked, every ingestion process offered, followed to AVAILABLE or to ERROR in words', async () => {
    const a = await api();
    const owned = await find(a, US_EAST, WS, 'Owned');
    const p = script(
      a,
      [
        { input: ['ami-XYZ', 'ami-0123456789ABCDEF0', ' ami-0123456789abcdef0 '] },
        { pick: 'BYOL_REGULAR_WSP' },
        { input: ['Byol-Win11'] },
        { input: ['Windows 11 BYOL'] },
        { input: ['cost=byol'] },
      ],
      REVEAL,
    );
    const job = await vscode.commands.executeCommand<CopyJob>(IMPORT, owned.node);
    assert.deepStrictEqual(p.shown[0].messages, [
      'An AMI ID is "ami-" followed by 8 or 17 lower-case hexadecimal digits (0-9, a-f), e.g. ami-0123456789abcdef0.',
      'An AMI ID is "ami-" followed by 8 or 17 lower-case hexadecimal digits (0-9, a-f), e.g. ami-0123456789abcdef0.',
    ]);
    assert.deepStrictEqual(p.shown[1].items, [
      'BYOL_REGULAR',
      'BYOL_GRAPHICS',
      'BYOL_GRAPHICSPRO',
      'BYOL_GRAPHICS_G4DN',
      'BYOL_REGULAR_WSP',
      'BYOL_GRAPHICS_G4DN_WSP',
      'BYOL_REGULAR_BYOP',
      'BYOL_GRAPHICS_G4DN_BYOP',
    ]);
    assert.deepStrictEqual(sent('ImportWorkspaceImage'), [
      {
        Ec2ImageId: 'ami-0123456789abcdef0',
        IngestionProcess: 'BYOL_REGULAR_WSP',
        ImageName: 'Byol-Win11',
        ImageDescription: 'Windows 11 BYOL',
        Tags: [{ Key: 'cost', Value: 'byol' }],
      },
    ]);
    const made = madeNamed('Byol-Win11');
    assert.deepStrictEqual([job.kind, job.destId, job.state], ['ws-import', made.image.ImageId, 'PENDING']);
    assert.deepStrictEqual(p.notes, [
      'info: Importing ami-0123456789abcdef0 as Byol-Win11 in us-east-1. Progress is shown in the status bar.',
    ]);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 BYOL image import');

    const q = script(a, [
      { input: ['ami-0fedcba987654321f'] },
      { pick: 'BYOL_REGULAR' },
      { input: ['Byol-Office'] },
      { input: ['Has Office'] },
      { input: [''] },
    ]);
    const bad = await vscode.commands.executeCommand<CopyJob>(IMPORT, owned.node);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 2 BYOL image imports');
    await settle(a);
    // Each ending is told through the Prompts of the moment: the second script's.
    await until(() => q.notes.length === 3, 'both endings notified');
    assert.deepStrictEqual(q.notes.slice(1).sort(), [
      'error: Image Byol-Office was not imported from ami-0fedcba987654321f in us-east-1: OfficeInstalled: Office is installed. (Microsoft Office is installed: remove it (WorkSpaces installs Office itself).); WindowsUpdatesEnabled (Windows Update is enabled: turn it off before the import.)',
      'info: Image Byol-Win11, imported from ami-0123456789abcdef0, is available in us-east-1.',
    ]);
    assert.deepStrictEqual(
      [job.id, bad.id].map((id) => a.ctx.tracker.all().find((j) => j.id === id)?.outcome),
      ['succeeded', 'failed'],
    );
  });

  test('each refusal of AWS is said in words, and nothing is tracked', async () => {
    const a = await api();
    const service = await find(a, US_EAST, WS);
    const desktops = emulator.world.region('us-east-1').desktops;
    const alice = desktops.get('ws-a1b2c3d4e5')!;
    /** Runs the command; `meanwhile` changes the world once the questions begin (after the WorkSpace was offered). */
    const refused = async (answers: Answer[], meanwhile: () => void, command = CREATE): Promise<string[]> => {
      const p = script(a, answers);
      const ask = p.input.bind(p);
      let done = false;
      p.input = (o) => {
        if (!done) meanwhile();
        done = true;
        return ask(o);
      };
      assert.strictEqual(await vscode.commands.executeCommand(command, service.node), undefined);
      return p.notes;
    };
    // A fresh list each time: the answers are used up as they are given.
    const fromAlice = (): Answer[] => [
      { pickPaged: 'alice' },
      { input: ['Refused'] },
      { input: ['Refused'] },
      { input: [''] },
      { confirm: true },
    ];
    try {
      let notes = await refused(fromAlice(), () => (alice.State = 'REBOOTING'));
      assert.strictEqual(notes.length, 1);
      assert.match(
        notes[0],
        /^error: Could not create an image from WorkSpace ws-a1b2c3d4e5: The WorkSpace ws-a1b2c3d4e5 is REBOOTING; an image can be created only from a WorkSpace that is AVAILABLE or STOPPED\. AWS makes an image only of a WorkSpace that is available or stopped: wait until it is, then try again\. Nothing was created\./,
      );
      alice.State = 'AVAILABLE';
      notes = await refused(fromAlice(), () => desktops.delete(alice.WorkspaceId));
      assert.match(
        notes[0],
        /^error: Could not create an image from WorkSpace ws-a1b2c3d4e5: The WorkSpace ws-a1b2c3d4e5 could not be found\. The WorkSpace may have been removed in us-east-1\. Nothing was created\./,
      );
      desktops.set(alice.WorkspaceId, alice);
      notes = await refused(fromAlice(), () => (emulator.world.wsImageQuota = 0));
      assert.match(
        notes[0],
        /^error: Could not create an image from WorkSpace ws-a1b2c3d4e5: The limit of 0 images in us-east-1 has been reached\. The account has as many WorkSpaces images in us-east-1 as AWS allows: delete an image you no longer need, or request a higher quota\./,
      );
      emulator.world.wsImageQuota = 1000;
      notes = await refused(fromAlice(), () =>
        emulator.inject({ kind: 'access-denied', operation: 'CreateWorkspaceImage' }),
      );
      assert.match(notes[0], /Access denied in us-east-1: .*\(it needs workspaces:CreateWorkspaceImage\)/);
      const importing = (ami: string): Answer[] => [
        { input: [ami] },
        { pick: 'BYOL_REGULAR' },
        { input: ['Refused'] },
        { input: ['Refused'] },
        { input: [''] },
      ];
      notes = await refused(importing('ami-00000000'), () => undefined, IMPORT);
      assert.match(
        notes[0],
        /^error: Could not import ami-00000000: The EC2 image ami-00000000 could not be found in us-east-1\. Check the AMI ID: the AMI must exist in us-east-1 and be owned by or shared with this account\. Nothing was imported\./,
      );
      notes = await refused(importing('ami-1234abcd'), () => undefined, IMPORT);
      assert.match(
        notes[0],
        /^error: Could not import ami-1234abcd: AWS cannot import this AMI: The image ami-1234abcd runs linux; only Windows 10 and 11 images can be imported\. BYOL imports need a BYOL-enabled account/,
      );
    } finally {
      alice.State = 'AVAILABLE';
      desktops.set(alice.WorkspaceId, alice);
      emulator.world.wsImageQuota = 1000;
    }
    assert.deepStrictEqual(a.ctx.tracker.all(), []);
    assert.strictEqual(a.statusBar.text, undefined);
    assert.ok(![...emulator.world.region('us-east-1').workspaces.values()].some((i) => i.image.Name === 'Refused'));
  });

  test('lost answers: the image AWS made is found by name and followed; nothing is sent twice', async () => {
    const a = await api();
    const service = await find(a, US_EAST, WS);
    const ops = () => emulator.log.map((r) => r.operation);
    // A 500 after AWS made the image.
    emulator.inject({ kind: 'error-after', operation: 'CreateWorkspaceImage' });
    let p = script(a, [
      { pickPaged: 'alice' },
      { input: ['Lost-Create'] },
      { input: ['Lost answer'] },
      { input: [''] },
      { confirm: true },
    ]);
    const created = await vscode.commands.executeCommand<CopyJob>(CREATE, service.node);
    assert.strictEqual(sent('CreateWorkspaceImage').length, 1);
    assert.strictEqual(ops().at(-1), 'DescribeWorkspaceImages', 'then a look for the image by name');
    assert.deepStrictEqual(
      [created.kind, created.destId, created.state],
      ['ws-create', madeNamed('Lost-Create').image.ImageId, 'PENDING'],
    );
    assert.match(p.notes[0], /^info: Creating Lost-Create from WorkSpace ws-a1b2c3d4e5/);
    // The answer cut off mid-body after AWS imported it.
    emulator.clearLog();
    emulator.inject({ kind: 'drop-mid-body', operation: 'ImportWorkspaceImage' });
    const byol = (name: string): Answer[] => [
      { input: ['ami-0123456789abcdef0'] },
      { pick: 'BYOL_REGULAR' },
      { input: [name] },
      { input: ['Lost answer'] },
      { input: [''] },
    ];
    p = script(a, byol('Lost-Import'));
    const imported = await vscode.commands.executeCommand<CopyJob>(IMPORT, service.node);
    assert.strictEqual(sent('ImportWorkspaceImage').length, 1);
    assert.strictEqual(ops().at(-1), 'DescribeWorkspaceImages');
    assert.deepStrictEqual([imported.kind, imported.destId], ['ws-import', madeNamed('Lost-Import').image.ImageId]);
    // Lost before AWS saw it: the look finds nothing, and the user is told nothing was done.
    emulator.clearLog();
    emulator.inject({ kind: 'drop', operation: 'ImportWorkspaceImage' });
    p = script(a, byol('Never-Imported'));
    assert.strictEqual(await vscode.commands.executeCommand(IMPORT, service.node), undefined);
    assert.strictEqual(sent('ImportWorkspaceImage').length, 1);
    assert.match(
      p.notes[0],
      /^error: Could not import ami-0123456789abcdef0: AWS did not answer in us-east-1 \(.*\); Cloud Images checked and the import of ami-0123456789abcdef0 was not carried out: nothing changed\. Try again\./,
    );
    assert.deepStrictEqual(
      a.ctx.tracker
        .all()
        .map((j) => j.destName)
        .sort(),
      ['Lost-Create', 'Lost-Import'],
    );
  });

  test('a reload while an image from a WorkSpace and an import are in flight: a new tracker follows both to the end', async () => {
    const a = await api();
    const service = await find(a, US_EAST, WS);
    script(a, [
      { pickPaged: 'alice' },
      { input: ['Reload-Create'] },
      { input: ['Reload'] },
      { input: [''] },
      { confirm: true },
    ]);
    const c = await vscode.commands.executeCommand<CopyJob>(CREATE, service.node);
    script(a, [
      { input: ['ami-0123456789abcdef0'] },
      { pick: 'BYOL_GRAPHICS_G4DN' },
      { input: ['Reload-Import'] },
      { input: ['Reload'] },
      { input: [''] },
    ]);
    const i = await vscode.commands.executeCommand<CopyJob>(IMPORT, service.node);
    await a.ctx.tracker.flushed();
    for (const j of [c, i]) {
      const saved = a.jobStore.get<CopyJob>(`${GlobalStateKeys.copies}/${j.id}`)!;
      assert.deepStrictEqual([saved.kind, saved.state, saved.destId], [j.kind, 'PENDING', j.destId]);
    }
    // As after a window reload: the closing window gives up its poll lease, and a fresh tracker reads the store.
    await a.jobStore.update(`${GlobalStateKeys.copies}.lease`, undefined);
    const finished: CopyJob[] = [];
    const again = new CopyTracker({
      store: a.jobStore,
      storeKey: GlobalStateKeys.copies,
      intervalMs: () => 3_600_000,
      defaultProfile: () => a.ctx.scope.profile,
      api: (profile) => a.ctx.scope.session(profile).api,
      onFinished: (j) => finished.push(j),
    });
    try {
      again.resume();
      assert.ok(again.active, 'resumed watching');
      emulator.world.settleAll();
      emulator.clearLog();
      await again.tick();
      // Both kinds share the images read: one DescribeWorkspaceImages with both IDs.
      assert.deepStrictEqual(
        emulator.log.map((r) => [r.operation, r.region, [...(r.params.ImageIds as string[])].sort()]),
        [['DescribeWorkspaceImages', 'us-east-1', [c.destId, i.destId].sort()]],
      );
      assert.deepStrictEqual(finished.map((j) => [j.kind, j.destName, j.outcome]).sort(), [
        ['ws-create', 'Reload-Create', 'succeeded'],
        ['ws-import', 'Reload-Import', 'succeeded'],
      ]);
    } finally {
      again.dispose();
    }
  });
});
