// Imports from and exports to EC2 AMIs in the real extension host, against the local endpoint: Import Image from
// AMI (a dry run first, then one request, followed to AVAILABLE or FAILED), Export Image to AMI (one request,
// followed to COMPLETED with the AMI ID, or FAILED), the Exports to AMI row, every input rule and refusal in
// words, lost answers settled by looking, and a reload while each kind is in flight.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { CopyJob } from '../../src/core/copyJobs';
import { regionsOf } from '../../src/core/regions';
import { CopyTracker } from '../../src/jobs/tracker';
import { GlobalStateKeys } from '../../src/platform/ids';
import type { Answer } from '../support/prompts';
import { api, emulator, finishTrackedCopies, freshStart, until } from './env';
import { answer, AS, find, imageRow, rows, US_EAST, US_WEST, type Row } from './tree.helpers';

const ROLE = 'arn:aws:iam::123456789012:role/AppStreamImport';
const AMI = 'ami-0123456789abcdef0';
const EXPORTS = 'Exports to AMI';

const sent = (op: string): Record<string, unknown>[] =>
  emulator.log.filter((r) => r.operation === op).map((r) => r.params as Record<string, unknown>);

async function settle(a: CloudImagesApi): Promise<void> {
  emulator.world.settleAll();
  await a.ctx.tracker.tick();
}

const job = (a: CloudImagesApi, id: string): CopyJob | undefined => a.ctx.tracker.all().find((j) => j.id === id);

async function serviceRow(a: CloudImagesApi): Promise<Row> {
  return find(a, US_EAST, AS);
}

/** An image of the region's Private list, every page loaded (a new image comes after the first page). */
async function privateRow(a: CloudImagesApi, name: string): Promise<Row> {
  const list = await find(a, US_EAST, AS, 'Private');
  await vscode.commands.executeCommand('cloudImages.loadAll', list.node);
  const row = (await rows(a, list.node)).find((r) => r.label === name);
  if (!row) throw new Error(`${name} not listed`);
  return row;
}

async function exportRows(a: CloudImagesApi): Promise<Row[]> {
  return rows(a, (await find(a, US_EAST, AS, EXPORTS)).node);
}

/** The answers of the import flow: name, AMI, role, description, display name, tags, then the dry run's confirm. */
const importAnswers = (name: string, ami = AMI, go = true): Answer[] => [
  { input: [name] },
  { input: [ami] },
  { input: [ROLE] },
  { input: ['Imported from EC2'] },
  { input: [''] },
  { input: ['team=it'] },
  { confirm: go },
];

const exportAnswers = (amiName: string, role = ROLE): Answer[] => [
  { input: [amiName] },
  { input: [''] },
  { input: [role] },
  { input: ['team=finance'] },
];

suite('Imports and exports', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(async () => {
    await freshStart();
  });

  test('Import Image from AMI: a dry run first, then one request; followed to AVAILABLE and listed', async () => {
    const a = await api();
    const p = answer(a, importAnswers('Imported-Win'));
    const imported = await vscode.commands.executeCommand<CopyJob>(
      'cloudImages.importImage',
      (await serviceRow(a)).node,
    );
    const calls = sent('CreateImportedImage');
    const request = {
      Name: 'Imported-Win',
      SourceAmiId: AMI,
      IamRoleArn: ROLE,
      Description: 'Imported from EC2',
      Tags: { team: 'it' },
    };
    assert.deepStrictEqual(calls, [{ ...request, DryRun: true }, request], 'the dry run, then the import, once');
    const confirm = p.shown.find((s) => s.kind === 'confirm')!;
    assert.strictEqual(
      confirm.title,
      `Dry run passed: AWS would import ${AMI} as the image Imported-Win in us-east-1.`,
    );
    assert.deepStrictEqual([imported.kind, imported.state, imported.destId], ['import', 'IMPORTING', 'Imported-Win']);
    const row = await privateRow(a, 'Imported-Win');
    assert.deepStrictEqual([row.icon, row.description?.split(' · ')[0]], ['sync~spin', 'Importing']);

    await settle(a);
    assert.deepStrictEqual([job(a, imported.id)?.outcome, job(a, imported.id)?.state], ['succeeded', 'AVAILABLE']);
    await until(
      () => p.notes.includes(`info: Image Imported-Win was imported from ${AMI} and is available in us-east-1.`),
      `the ending: ${p.notes.join(' | ')}`,
    );
    const after = await privateRow(a, 'Imported-Win');
    assert.strictEqual(after.contextValue, 'image.appstream.owned.available');
  });

  test('from the palette, Import asks the region (AppStream regions only) and sends nothing until answered', async () => {
    const a = await api();
    const p = answer(a, [{ pick: (l) => l.endsWith(' us-east-1') }, 'escape']);
    const done = await vscode.commands.executeCommand('cloudImages.importImage');
    assert.strictEqual(done, undefined);
    assert.deepStrictEqual(
      p.shown.map((s) => [s.kind, s.title]),
      [
        ['pick', 'Import Image from AMI'],
        ['input', 'Import Image from AMI (us-east-1)'],
      ],
    );
    const offered = (p.shown[0].items ?? []).map((label) => label.split(' ').pop()!);
    assert.deepStrictEqual([...offered].sort(), regionsOf('appstream').sort(), 'only the regions of AppStream');
    assert.ok(
      regionsOf('workspaces').some((r) => !offered.includes(r)),
      'a WorkSpaces-only region is not offered',
    );
    assert.deepStrictEqual(sent('CreateImportedImage'), []);
  });

  test('each import answer is checked as typed; a name taken is refused before anything is sent', async () => {
    const a = await api();
    const p = answer(a, [
      { input: ['-bad', 'Finance-Win2022', 'Imported-Checked'] },
      { input: ['ami-123', 'AMI-0123456789ABCDEF0', AMI] },
      { input: ['AppStreamImport', 'arn:aws:s3:::bucket', ROLE] },
      { input: ['50% off!', ''] },
      { input: ['d'.repeat(101), ''] },
      { input: ['aws:owner=me', 'team', ''] },
      { confirm: false },
    ]);
    await vscode.commands.executeCommand('cloudImages.importImage', (await serviceRow(a)).node);
    const said = p.shown.filter((s) => s.kind === 'input').map((s) => s.messages);
    assert.deepStrictEqual(said, [
      [
        'The name must start with a letter or a digit.',
        'An image named Finance-Win2022 already exists in us-east-1. Choose another name.',
      ],
      [
        'An AMI ID is "ami-" followed by 8 or 17 lower-case hexadecimal digits (0-9, a-f), e.g. ami-0123456789abcdef0.',
        'An AMI ID starts with "ami-", e.g. ami-0123456789abcdef0.',
      ],
      [
        'This is not an ARN: an IAM role ARN reads arn:aws:iam::<12-digit account>:role/<name>.',
        'This is not an IAM role ARN: it must read arn:aws:iam::<12-digit account>:role/<name>.',
      ],
      ['Not allowed in the description of an imported image: "%", "!". Use letters, digits, spaces and _ . ( ) -'],
      ['The display name is 101 characters long; AppStream allows at most 100.'],
      [
        '"aws:owner": keys starting with "aws:" are reserved for AWS.',
        '"team" is not key=value: write each tag as key=value, separated by commas.',
      ],
    ]);
    assert.deepStrictEqual(
      sent('CreateImportedImage').map((c) => c.DryRun),
      [true],
      'declined after the dry run: only the dry run was sent',
    );
  });

  test('a dry run AWS refuses is said in words and nothing is imported: incompatible AMI, unknown AMI, role', async () => {
    const a = await api();
    const cases: [string, string, RegExp][] = [
      ['ami-0a1b2c3d', ROLE, /uses a boot mode AppStream does not support\. AppStream cannot import this AMI/],
      ['ami-0000000000000000f', ROLE, /AWS found no such AMI in us-east-1: check the AMI ID/],
      [AMI, 'arn:aws:iam::999999999999:role/Other', /AppStream cannot use this IAM role: .*iam:PassRole/],
    ];
    for (const [ami, role, words] of cases) {
      emulator.clearLog();
      const p = answer(a, [
        { input: ['Imported-Refused'] },
        { input: [ami] },
        { input: [role] },
        { input: [''] },
        { input: [''] },
        { input: [''] },
      ]);
      const done = await vscode.commands.executeCommand('cloudImages.importImage', (await serviceRow(a)).node);
      assert.strictEqual(done, undefined);
      assert.deepStrictEqual(sent('CreateImportedImage').length, 1, 'only the dry run');
      const note = p.notes.find((n) => n.startsWith('error: '))!;
      assert.ok(note.startsWith(`error: Dry run: AWS would not import ${ami} as Imported-Refused: `), note);
      assert.match(note, words);
    }
  });

  test('an import AWS fails in validation ends FAILED with its reason and the image’s errors in words', async () => {
    const a = await api();
    const p = answer(a, importAnswers('Imported-Bad', 'ami-0fa11ed0fa11ed000'));
    const started = await vscode.commands.executeCommand<CopyJob>(
      'cloudImages.importImage',
      (await serviceRow(a)).node,
    );
    await settle(a);
    assert.strictEqual(job(a, started.id)?.outcome, 'failed');
    await until(
      () => p.notes.some((n) => n.startsWith('error: Image Imported-Bad could not be imported')),
      'the failure',
    );
    assert.ok(
      p.notes.includes(
        'error: Image Imported-Bad could not be imported from ami-0fa11ed0fa11ed000 in us-east-1: IMAGE_IMPORT_FAILURE: The AMI failed validation.; IMAGE_IMPORT_VALIDATION_FAILED: The AppStream agent could not be installed on the AMI.',
      ),
      p.notes.join('\n'),
    );
  });

  test('a lost import answer is settled by describing the image: sent once, then followed', async () => {
    const a = await api();
    const p = answer(a, importAnswers('Imported-Lost'));
    // The fault hits the import, not the dry run before it: injected when the user says go.
    const confirm = p.confirm.bind(p);
    p.confirm = async (...args) => {
      emulator.inject({ kind: 'error-after', operation: 'CreateImportedImage' });
      return confirm(...args);
    };
    const started = await vscode.commands.executeCommand<CopyJob>(
      'cloudImages.importImage',
      (await serviceRow(a)).node,
    );
    assert.strictEqual(started?.destId, 'Imported-Lost');
    assert.deepStrictEqual(
      sent('CreateImportedImage').map((c) => c.DryRun ?? false),
      [true, false],
    );
    assert.ok(
      sent('DescribeImages').some((c) => JSON.stringify(c.Names) === '["Imported-Lost"]'),
      'looked by name',
    );
    await settle(a);
    assert.strictEqual(job(a, started.id)?.outcome, 'succeeded');
  });

  test('the Exports to AMI row lists the region’s tasks only when expanded, with errors escaped; Copy AMI ID', async () => {
    const a = await api();
    const service = await rows(a, (await serviceRow(a)).node);
    assert.ok(service.some((r) => r.label === EXPORTS && r.contextValue === 'exports'));
    assert.deepStrictEqual(sent('ListExportImageTasks'), [], 'showing the row sends nothing');
    const listed = await exportRows(a);
    assert.deepStrictEqual(sent('ListExportImageTasks'), [{ MaxResults: 50 }], 'one listing on expansion');
    const done = listed.find((r) => r.label === 'finance-win2022-ami')!;
    assert.deepStrictEqual(
      [done.description, done.icon, done.contextValue],
      ['Completed · ami-0feedfacecafe0001 · Finance-Win2022', 'pass', 'exportTask.completed'],
    );
    const failed = listed.find((r) => r.label === 'design-ami')!;
    assert.deepStrictEqual([failed.icon, failed.contextValue], ['error', 'exportTask.failed']);
    // As the hover reads it, and as written: AWS's text escaped, so its link is no link.
    assert.match(
      failed.tooltip!,
      /Error: EXPORT_FAILED: The snapshot of \[the image\]\(http:\/\/evil\.example\) failed\./,
    );
    const raw = (a.ctx.tree.getTreeItem(failed.node).tooltip as vscode.MarkdownString).value;
    assert.ok(raw.includes('\\[the image\\]\\(http\\:') && !raw.includes('[the image](http'), raw);
    // Details: the task as AWS reads it now, one GetExportImageTask, in words.
    const details = answer(a, ['escape']);
    await vscode.commands.executeCommand('cloudImages.showExportTask', failed.node);
    assert.deepStrictEqual(sent('GetExportImageTask'), [{ TaskId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }]);
    assert.deepStrictEqual(
      [details.shown[0].title, details.shown[0].severity],
      ['Export of Design-Win2019 to the AMI design-ami', 'error'],
    );
    assert.match(details.shown[0].detail!, /State: Failed\nTask ID: .*\nErrors: EXPORT_FAILED: The snapshot of/);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('cloudImages.copyAmiId', done.node);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'ami-0feedfacecafe0001');
  });

  test('a region without export tasks shows an empty row; a listing that fails is an error row with Retry', async () => {
    const a = await api();
    emulator.inject({ kind: 'access-denied', operation: 'ListExportImageTasks', region: 'us-west-2' });
    const row = await find(a, US_WEST, AS, EXPORTS);
    const failed = await rows(a, row.node);
    assert.strictEqual(failed.length, 1);
    assert.strictEqual(failed[0].contextValue, 'error.access-denied');
    assert.match(failed[0].label, /appstream:ListExportImageTasks/);
    assert.strictEqual(failed[0].command, 'cloudImages.retry');
    await vscode.commands.executeCommand('cloudImages.retry', failed[0].node);
    const again = await rows(a, row.node);
    assert.deepStrictEqual(
      again.map((r) => [r.label, r.icon]),
      [['No exports to AMI', 'info']],
    );
    assert.strictEqual(sent('ListExportImageTasks').length, 2, 'listed again on Retry');
  });

  test('Export Image to AMI: one request, followed to COMPLETED; the AMI ID in the ending, copyable; the row lists it', async () => {
    const a = await api();
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    const p = answer(a, exportAnswers('finance-export-1'));
    const clicked: string[] = [];
    const notify = async (severity: string, message: string, ...actions: string[]): Promise<string | undefined> => {
      p.notes.push(`${severity}: ${message}`);
      clicked.push(...actions);
      return actions.includes('Copy AMI ID') ? 'Copy AMI ID' : undefined;
    };
    p.notify = notify as typeof p.notify;
    const started = await vscode.commands.executeCommand<CopyJob>('cloudImages.exportImageToAmi', row.node);
    assert.deepStrictEqual(sent('CreateExportImageTask'), [
      {
        ImageName: 'Finance-Win2022',
        AmiName: 'finance-export-1',
        IamRoleArn: ROLE,
        TagSpecifications: { team: 'finance' },
      },
    ]);
    assert.deepStrictEqual(
      [started.kind, started.state, started.destName],
      ['export', 'EXPORTING', 'finance-export-1'],
    );
    const exporting = (await exportRows(a)).find((r) => r.label === 'finance-export-1')!;
    assert.deepStrictEqual([exporting.icon, exporting.description], ['sync~spin', 'Exporting · Finance-Win2022']);

    emulator.clearLog();
    await settle(a);
    assert.deepStrictEqual(sent('ListExportImageTasks'), [{ MaxResults: 500 }], 'one listing per region per look');
    const ended = job(a, started.id)!;
    assert.strictEqual(ended.outcome, 'succeeded');
    assert.match(ended.result!, /^ami-[0-9a-f]{17}$/);
    const ending = `info: Image Finance-Win2022 was exported to the AMI ${ended.result} (finance-export-1) in us-east-1.`;
    await until(() => p.notes.includes(ending), `the ending: ${p.notes.join(' | ')}`);
    assert.ok(clicked.includes('Copy AMI ID'));
    await until(async () => (await vscode.env.clipboard.readText()) === ended.result, 'the AMI ID copied');
    const listed = (await exportRows(a)).find((r) => r.label === 'finance-export-1')!;
    assert.strictEqual(listed.contextValue, 'exportTask.completed', 'listed again when the job ended');
  });

  test('export answers are checked as typed; refusals and an export AWS fails are said in words', async () => {
    const a = await api();
    const p = answer(a, [
      { input: ['ab', 'my ami', 'flaky-ami'] },
      { input: ['d'.repeat(257), ''] },
      { input: ['role', ROLE] },
      { input: ['a=b;c', ''] },
    ]);
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Flaky-Source');
    const started = await vscode.commands.executeCommand<CopyJob>('cloudImages.exportImageToAmi', row.node);
    assert.deepStrictEqual(
      p.shown.filter((s) => s.kind === 'input').map((s) => s.messages),
      [
        [
          'The AMI name is 2 characters long; EC2 needs at least 3.',
          'Not allowed in an AMI name: space. Use letters, digits and ( ) . - / _',
        ],
        ['The AMI description is 257 characters long; AWS allows at most 256.'],
        ['This is not an ARN: an IAM role ARN reads arn:aws:iam::<12-digit account>:role/<name>.'],
        ['"a": not allowed in a tag value: ";". Use letters, digits, spaces and _ . : / = + - @.'],
      ],
    );
    await settle(a);
    assert.strictEqual(job(a, started.id)?.outcome, 'failed');
    await until(
      () =>
        p.notes.includes(
          'error: Image Flaky-Source could not be exported to an AMI in us-east-1: EXPORT_FAILED: The image could not be exported: its snapshot failed.',
        ),
      `the failure: ${p.notes.join(' | ')}`,
    );
    // A role AWS cannot use: refused in words, nothing followed.
    const refused = answer(a, exportAnswers('design-2', 'arn:aws:iam::999999999999:role/Other'));
    const design = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    const none = await vscode.commands.executeCommand('cloudImages.exportImageToAmi', design.node);
    assert.strictEqual(none, undefined);
    const note = refused.notes.find((n) => n.startsWith('error: '))!;
    assert.match(note, /^error: Could not export Design-Win2019 to an AMI: .*AppStream cannot use this IAM role/);
  });

  test('a lost export answer is settled by listing the tasks: sent once, the task followed', async () => {
    const a = await api();
    answer(a, exportAnswers('design-lost'));
    emulator.inject({ kind: 'drop-after', operation: 'CreateExportImageTask' });
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    const started = await vscode.commands.executeCommand<CopyJob>('cloudImages.exportImageToAmi', row.node);
    assert.strictEqual(sent('CreateExportImageTask').length, 1, 'sent once');
    assert.ok(sent('ListExportImageTasks').length >= 1, 'looked');
    assert.match(started.destId, /^[0-9a-f-]{36}$/);
    await settle(a);
    assert.strictEqual(job(a, started.id)?.outcome, 'succeeded');
  });

  test('after a reload, an import and an export in flight are still followed to their ends', async () => {
    const a = await api();
    answer(a, importAnswers('Imported-Reload'));
    const imp = await vscode.commands.executeCommand<CopyJob>('cloudImages.importImage', (await serviceRow(a)).node);
    answer(a, exportAnswers('engineering-reload'));
    const eng = await imageRow(a, US_EAST, AS, 'Private', 'Engineering-Linux');
    const exp = await vscode.commands.executeCommand<CopyJob>('cloudImages.exportImageToAmi', eng.node);
    await a.ctx.tracker.flushed();
    // As after a window reload: the lease given up, a fresh tracker on the same global state and the real looks.
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
      assert.deepStrictEqual(
        [imp.id, exp.id].map((id) => again.all().find((j) => j.id === id)?.state),
        ['IMPORTING', 'EXPORTING'],
      );
      emulator.world.settleAll();
      emulator.clearLog();
      await again.tick();
      assert.deepStrictEqual(
        [imp.id, exp.id].map((id) => again.all().find((j) => j.id === id)?.outcome),
        ['succeeded', 'succeeded'],
      );
      assert.strictEqual(sent('ListExportImageTasks').length, 1);
    } finally {
      again.dispose();
    }
  });
});
