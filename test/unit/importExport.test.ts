// Imports from and exports to EC2 AMIs: the input rules (description, display name, AMI name; the AMI ID and role
// in idRules.test.ts, the tags in tagList.test.ts), the two job kinds and what each state means, the 'exports' look, the refusals in words, and the
// ImageApi's calls against the local endpoint with the real SDK: dry run, each create sent once with a lost answer
// settled by looking, the task listing in one request per region.
import * as assert from 'node:assert';
import type { Emulator } from '../emulator/server';
import { isolatedAws, startEndpoint, type IsolatedAws } from '../support/localAws';
import { ClientPool } from '../../src/aws/clients';
import { ImageApi } from '../../src/aws/images';
import { toFailure } from '../../src/aws/errors';
import {
  amiDescriptionRule,
  amiNameRule,
  importDescriptionRule,
  importDisplayNameRule,
  suggestedAmiName,
} from '../../src/core/importExport';
import { advance, describeJob, jobId, pollGroups, type CopyJob } from '../../src/core/copyJobs';
import { parseJob } from '../../src/core/storedJob';
import { KIND_WORDS, LOOKS } from '../../src/jobs/kinds';
import { stateKind, stateLabel } from '../../src/core/imageState';

const ROLE = 'arn:aws:iam::123456789012:role/AppStreamImport';

describe('imports and exports: input rules', () => {
  it('checks the import description and display name as the model does', () => {
    assert.strictEqual(importDescriptionRule(''), undefined);
    assert.strictEqual(importDescriptionRule('Finance (2026) v1.2_a-b'), undefined);
    assert.match(importDescriptionRule('a'.repeat(257))!, /257 characters long; AppStream allows at most 256/);
    assert.match(importDescriptionRule('50% off!')!, /Not allowed in the description of an imported image: "%", "!"/);
    assert.match(importDisplayNameRule('d'.repeat(101))!, /at most 100/);
    assert.match(importDisplayNameRule('Ünïcode')!, /Not allowed in the display name/);
  });

  it('checks the AMI name and description; suggests a valid AMI name', () => {
    assert.strictEqual(amiNameRule('finance-(v1)/2026.01_a'), undefined);
    assert.match(amiNameRule('')!, /Enter a name/);
    assert.match(amiNameRule('ab')!, /at least 3/);
    assert.match(amiNameRule('a'.repeat(129))!, /at most 128/);
    assert.match(amiNameRule('my ami')!, /Not allowed in an AMI name: space/);
    assert.match(amiDescriptionRule('x'.repeat(257))!, /at most 256/);
    assert.strictEqual(suggestedAmiName('Finance-Win2022'), 'Finance-Win2022');
    assert.strictEqual(suggestedAmiName('ab'), 'ab-ami');
  });
});

describe('imports and exports: image states', () => {
  it('has words and a kind for every ImageState of the model, IMPORTING and VALIDATING in transition', () => {
    const all = ['PENDING', 'AVAILABLE', 'FAILED', 'COPYING', 'DELETING', 'CREATING', 'IMPORTING', 'VALIDATING'];
    assert.deepStrictEqual(
      all.map((x) => [stateLabel(x), stateKind(x)]),
      [
        ['Pending', 'transitional'],
        ['Available', 'available'],
        ['Failed', 'failed'],
        ['Copying', 'transitional'],
        ['Deleting…', 'deleting'],
        ['Creating', 'transitional'],
        ['Importing', 'transitional'],
        ['Validating', 'transitional'],
      ],
    );
  });
});

describe('imports and exports: job kinds', () => {
  const base = {
    profile: 'p',
    service: 'appstream' as const,
    sourceRegion: 'us-east-1',
    destRegion: 'us-east-1',
    startedAt: 1000,
  };
  const importJob: CopyJob = {
    ...base,
    id: jobId({ profile: 'p', service: 'appstream', region: 'us-east-1', id: 'Imp' }, 'import'),
    kind: 'import',
    sourceName: 'ami-0123456789abcdef0',
    sourceId: 'ami-0123456789abcdef0',
    destName: 'Imp',
    destId: 'Imp',
    state: 'IMPORTING',
  };
  const exportJob: CopyJob = {
    ...base,
    id: jobId({ profile: 'p', service: 'appstream', region: 'us-east-1', id: 'task-1' }, 'export'),
    kind: 'export',
    sourceName: 'Finance',
    sourceId: 'Finance',
    destName: 'fin-ami',
    destId: 'task-1',
    state: 'EXPORTING',
  };

  it('an import goes IMPORTING -> VALIDATING -> AVAILABLE, or FAILED with AWS’s reason', () => {
    const v = advance(importJob, { state: 'VALIDATING' }, 2000);
    assert.deepStrictEqual([v.outcome, v.state], [undefined, 'VALIDATING']);
    assert.strictEqual(advance(v, { state: 'AVAILABLE' }, 3000).outcome, 'succeeded');
    const f = advance(v, { state: 'FAILED', reason: 'IMAGE_IMPORT_FAILURE: bad; E1: agent' }, 3000);
    assert.deepStrictEqual([f.outcome, f.reason], ['failed', 'IMAGE_IMPORT_FAILURE: bad; E1: agent']);
    assert.strictEqual(describeJob(importJob), 'import ami-0123456789abcdef0 as Imp (us-east-1)');
    assert.match(importJob.id, /#import$/);
    assert.deepStrictEqual(
      pollGroups([importJob, exportJob]).map((g) => [g.read, g.ids]),
      [
        ['images', ['Imp']],
        ['exports', ['task-1']],
      ],
    );
  });

  it('an export ends COMPLETED with its AMI ID kept (and stored), or FAILED with ErrorDetails', () => {
    const done = advance(exportJob, { state: 'COMPLETED', result: 'ami-0feedfacecafe0001' }, 2000);
    assert.deepStrictEqual([done.outcome, done.result], ['succeeded', 'ami-0feedfacecafe0001']);
    assert.strictEqual(parseJob(JSON.parse(JSON.stringify(done)), 'p')!.result, 'ami-0feedfacecafe0001');
    const ending = KIND_WORDS.export.ending!(done);
    assert.strictEqual(
      ending.message,
      'Image Finance was exported to the AMI ami-0feedfacecafe0001 (fin-ami) in us-east-1.',
    );
    assert.deepStrictEqual(ending.copy, { label: 'Copy AMI ID', text: 'ami-0feedfacecafe0001' });
    const failed = advance(exportJob, { state: 'FAILED', reason: 'EXPORT_FAILED: snapshot' }, 2000);
    assert.strictEqual(
      KIND_WORDS.export.ending!(failed).message,
      'Image Finance could not be exported to an AMI in us-east-1: EXPORT_FAILED: snapshot',
    );
    const gone = advance({ ...exportJob, seen: true }, undefined, 2000);
    assert.deepStrictEqual(
      [gone.outcome, gone.reason],
      ['disappeared', 'The export task is no longer listed in its region.'],
    );
    assert.strictEqual(describeJob(exportJob), 'export Finance to AMI fin-ami (us-east-1)');
    assert.strictEqual(KIND_WORDS.export.count(2), '2 exports to AMI');
    assert.strictEqual(KIND_WORDS.import.count(1), '1 image import');
  });

  it('refusals of both requests read in words', () => {
    const role = toFailure(Object.assign(new Error('Cannot assume.'), { name: 'InvalidRoleException' }), {
      importExport: 'import',
    });
    assert.match(role.message, /^Cannot assume\. AppStream cannot use this IAM role: .*iam:PassRole/);
    const limit = toFailure(Object.assign(new Error('Limit.'), { name: 'LimitExceededException' }), {
      importExport: 'export',
      region: 'us-east-1',
    });
    assert.match(limit.message, /As many export tasks are running in us-east-1 as your quota allows/);
    const amiGone = toFailure(Object.assign(new Error('No AMI.'), { name: 'ResourceNotFoundException' }), {
      importExport: 'import',
    });
    assert.match(amiGone.message, /AWS found no such AMI: check the AMI ID/);
  });
});

describe('imports and exports: ImageApi against the local endpoint', () => {
  let emu: Emulator;
  let aws: IsolatedAws;
  let pool: ClientPool;
  let api: ImageApi;
  const sent = (op: string) => emu.log.filter((r) => r.operation === op);
  const req = {
    region: 'us-east-1',
    name: 'Imp-1',
    amiId: 'ami-0123456789abcdef0',
    roleArn: ROLE,
    tags: { team: 'it' },
  };

  beforeEach(async () => {
    emu = await startEndpoint({ scenario: 'default', copyDelayMs: 60_000 });
    aws = isolatedAws({
      config: ['[profile keys]', 'region = us-east-1'],
      credentials: ['[keys]', 'aws_access_key_id = AKIAIMPORTS000000000', 'aws_secret_access_key = x'],
      env: { AWS_ENDPOINT_URL: emu.url },
    });
    pool = new ClientPool({ profile: 'keys', logger: () => undefined });
    api = new ImageApi(pool, 'keys');
  });
  afterEach(async () => {
    pool.reset();
    aws.restore();
    await emu.stop();
  });

  it('a dry run that passes creates nothing; one AWS would refuse says why', async () => {
    assert.deepStrictEqual(await api.importDryRun(req), { wouldSucceed: true });
    assert.deepStrictEqual(
      sent('CreateImportedImage').map((r) => r.params),
      [{ Name: 'Imp-1', SourceAmiId: 'ami-0123456789abcdef0', IamRoleArn: ROLE, Tags: { team: 'it' }, DryRun: true }],
    );
    assert.deepStrictEqual(await api.describe('appstream', 'us-east-1', ['Imp-1']), []);
    await assert.rejects(api.importDryRun({ ...req, amiId: 'ami-0a1b2c3d' }), { name: 'IncompatibleImageException' });
  });

  it('a lost import answer (error-after) is settled by describing the image by name: sent once', async () => {
    emu.inject({ kind: 'error-after', operation: 'CreateImportedImage' });
    const started = await api.importImage(req, Date.now());
    assert.deepStrictEqual(started, { id: 'Imp-1', state: 'IMPORTING' });
    assert.strictEqual(sent('CreateImportedImage').length, 1);
    // Lost before AWS did it (drop): the look finds nothing, and says so.
    emu.inject({ kind: 'drop', operation: 'CreateImportedImage' });
    const e = await api.importImage({ ...req, name: 'Imp-2' }, Date.now()).catch((x: unknown) => x);
    assert.match(toFailure(e, { action: 'the import' }).message, /the import was not carried out: nothing changed/);
    assert.strictEqual(sent('CreateImportedImage').length, 2);
  });

  it('a lost export answer (drop-after) is settled by listing the tasks: sent once, the task found', async () => {
    emu.inject({ kind: 'drop-after', operation: 'CreateExportImageTask' });
    const task = await api.exportImage(
      { region: 'us-east-1', imageName: 'Finance-Win2022', amiName: 'fin-lost', roleArn: ROLE },
      Date.now(),
    );
    assert.deepStrictEqual([task.amiName, task.state, task.imageName], ['fin-lost', 'EXPORTING', 'Finance-Win2022']);
    assert.strictEqual(sent('CreateExportImageTask').length, 1);
    assert.ok(sent('ListExportImageTasks').length >= 1);
  });

  it('the exports look reads every task of a region in one ListExportImageTasks; GetExportImageTask reads one', async () => {
    emu.clearLog();
    const ids = ['0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'];
    const seen = await LOOKS.exports(api, {
      profile: 'keys',
      service: 'appstream',
      region: 'us-east-1',
      read: 'exports',
      ids,
    });
    assert.deepStrictEqual(
      [...seen.entries()].map(([id, o]) => [id, o.state, o.result, o.reason]),
      [
        [ids[0], 'COMPLETED', 'ami-0feedfacecafe0001', undefined],
        [ids[1], 'FAILED', undefined, 'EXPORT_FAILED: The snapshot of [the image](http://evil.example) failed.'],
      ],
    );
    assert.deepStrictEqual(
      sent('ListExportImageTasks').map((r) => r.params),
      [{ MaxResults: 500 }],
    );
    const one = await api.exportTask('us-east-1', ids[0]);
    assert.deepStrictEqual([one.amiId, one.tags], ['ami-0feedfacecafe0001', { team: 'finance' }]);
    assert.strictEqual(sent('GetExportImageTask').length, 1);
  });
});
