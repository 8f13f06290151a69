// The local endpoint's imports and exports, driven by the real SDK client: CreateImportedImage's dry run and its
// states (IMPORTING -> VALIDATING -> AVAILABLE, or FAILED with errors), its refusals, the export tasks with their
// states, listing and paging, and the model's request constraints.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  CreateExportImageTaskCommand,
  CreateImportedImageCommand,
  DescribeImagesCommand,
  GetExportImageTaskCommand,
  ListExportImageTasksCommand,
} from '@aws-sdk/client-appstream';
import { Emulator } from '../emulator/server';

const ROLE = 'arn:aws:iam::123456789012:role/AppStreamImport';
const AMI = 'ami-0123456789abcdef0';
const named = (name: string, message?: RegExp) => (e: unknown) => {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  assert.strictEqual(err.name, name, err.message);
  if (message) assert.match(err.message ?? '', message);
  return true;
};

describe('local endpoint: imports and exports', () => {
  let emu: Emulator;
  const credentials = { accessKeyId: 'AKIAIMPORTS000000000', secretAccessKey: 'x' };
  const as = () => new AppStreamClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  const state = async (name: string) => (await as().send(new DescribeImagesCommand({ Names: [name] }))).Images![0];

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default', copyDelayMs: 300 });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('a dry run answers DryRunOperationException (412) and creates nothing; the import goes IMPORTING -> VALIDATING -> AVAILABLE', async () => {
    const input = { Name: 'Imported-1', SourceAmiId: AMI, IamRoleArn: ROLE, Tags: { team: 'it' } };
    await assert.rejects(
      as().send(new CreateImportedImageCommand({ ...input, DryRun: true })),
      (e: unknown) =>
        named('DryRunOperationException')(e) &&
        (e as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode === 412,
    );
    await assert.rejects(state('Imported-1'), named('ResourceNotFoundException'));
    const out = await as().send(new CreateImportedImageCommand(input));
    assert.deepStrictEqual([out.Image!.Name, out.Image!.State], ['Imported-1', 'IMPORTING']);
    await new Promise((r) => setTimeout(r, 180));
    assert.strictEqual((await state('Imported-1')).State, 'VALIDATING');
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual((await state('Imported-1')).State, 'AVAILABLE');
  });

  it('an AMI seeded to fail validation ends FAILED with IMAGE_IMPORT_FAILURE and an ImageErrors entry', async () => {
    await as().send(
      new CreateImportedImageCommand({ Name: 'Bad-1', SourceAmiId: 'ami-0fa11ed0fa11ed000', IamRoleArn: ROLE }),
    );
    emu.world.settleAll();
    const img = await state('Bad-1');
    assert.strictEqual(img.State, 'FAILED');
    assert.strictEqual(img.StateChangeReason!.Code, 'IMAGE_IMPORT_FAILURE');
    assert.strictEqual(img.ImageErrors![0].ErrorCode, 'IMAGE_IMPORT_VALIDATION_FAILED');
  });

  it('refuses an import as AWS names it: name taken, unknown AMI, incompatible AMI, role, quota; and the model constraints', async () => {
    const send = (o: Record<string, unknown>) =>
      as().send(new CreateImportedImageCommand({ Name: 'X-1', SourceAmiId: AMI, IamRoleArn: ROLE, ...o } as never));
    await assert.rejects(send({ Name: 'Finance-Win2022' }), named('ResourceAlreadyExistsException'));
    await assert.rejects(send({ SourceAmiId: 'ami-0000000000000000f' }), named('ResourceNotFoundException'));
    await assert.rejects(send({ SourceAmiId: 'ami-0a1b2c3d' }), named('IncompatibleImageException'));
    await assert.rejects(send({ IamRoleArn: 'arn:aws:iam::999999999999:role/Other' }), named('InvalidRoleException'));
    await assert.rejects(send({ SourceAmiId: 'ami-XYZ' }), named('ValidationException', /sourceAmiId/));
    await assert.rejects(send({ Description: 'bad!' }), named('ValidationException', /description/));
    await assert.rejects(send({ DisplayName: 'x'.repeat(101) }), named('ValidationException', /displayName/));
    await assert.rejects(send({ Tags: { 'aws:x': 'y' } }), named('ValidationException', /tags/));
    await assert.rejects(send({ AgentSoftwareVersion: 'NEWEST' }), named('ValidationException'));
    await assert.rejects(send({ IamRoleArn: undefined }), named('ValidationException', /iamRoleArn/));
    await send({ Name: 'Q-1' });
    await send({ Name: 'Q-2' });
    await assert.rejects(send({ Name: 'Q-3' }), named('LimitExceededException'));
  });

  it('lists the seeded export tasks newest first, reads one, and follows a new one to COMPLETED with an AMI ID', async () => {
    const listed = (await as().send(new ListExportImageTasksCommand({}))).ExportImageTasks!;
    assert.deepStrictEqual(
      listed.map((t) => [t.AmiName, t.State]),
      [
        ['finance-win2022-ami', 'COMPLETED'],
        ['design-ami', 'FAILED'],
      ],
    );
    assert.ok(listed[0].CreatedDate instanceof Date);
    const created = await as().send(
      new CreateExportImageTaskCommand({ ImageName: 'Finance-Win2022', AmiName: 'fin-2', IamRoleArn: ROLE }),
    );
    const id = created.ExportImageTask!.TaskId!;
    assert.strictEqual(created.ExportImageTask!.State, 'EXPORTING');
    assert.match(created.ExportImageTask!.ImageArn!, /:image\/Finance-Win2022$/);
    const first = await as().send(new ListExportImageTasksCommand({ MaxResults: 1 }));
    assert.deepStrictEqual([first.ExportImageTasks!.length, !!first.NextToken], [1, true]);
    emu.world.settleAll();
    const done = (await as().send(new GetExportImageTaskCommand({ TaskId: id }))).ExportImageTask!;
    assert.strictEqual(done.State, 'COMPLETED');
    assert.match(done.AmiId!, /^ami-[0-9a-f]{17}$/);
    await assert.rejects(
      as().send(new GetExportImageTaskCommand({ TaskId: '00000000-0000-4000-8000-000000000000' })),
      named('ResourceNotFoundException'),
    );
  });

  it('an export of a scenario image that fails ends FAILED with ErrorDetails; refusals and constraints as AWS names them', async () => {
    const send = (o: Record<string, unknown>) =>
      as().send(
        new CreateExportImageTaskCommand({
          ImageName: 'Flaky-Source',
          AmiName: 'flaky-ami',
          IamRoleArn: ROLE,
          ...o,
        } as never),
      );
    const id = (await send({})).ExportImageTask!.TaskId!;
    await assert.rejects(send({}), named('ConcurrentModificationException'));
    emu.world.settleAll();
    const failed = (await as().send(new GetExportImageTaskCommand({ TaskId: id }))).ExportImageTask!;
    assert.deepStrictEqual([failed.State, failed.ErrorDetails![0].ErrorCode], ['FAILED', 'EXPORT_FAILED']);
    await assert.rejects(send({ ImageName: 'No-Such' }), named('ResourceNotFoundException'));
    await assert.rejects(send({ ImageName: 'Partner-Shared-Image' }), named('OperationNotPermittedException'));
    await assert.rejects(send({ ImageName: 'Broken-Build' }), named('ResourceNotAvailableException'));
    await assert.rejects(send({ IamRoleArn: 'arn:aws:s3:::bucket' }), named('InvalidRoleException'));
    await assert.rejects(send({ AmiName: 'ab' }), named('ValidationException', /amiName/));
    await assert.rejects(send({ AmiDescription: 'd'.repeat(257) }), named('ValidationException', /amiDescription/));
    await assert.rejects(
      as().send(new ListExportImageTasksCommand({ MaxResults: 501 })),
      named('ValidationException', /maxResults/),
    );
  });
});
