// The rules of a new WorkSpaces image (made from a WorkSpace or imported), the ErrorDetails codes in words, the
// refusals of both requests in words, and the job kinds that follow them.
import * as assert from 'node:assert';
import { WorkspaceImageErrorDetailCode, WorkspaceImageIngestionProcess } from '@aws-sdk/client-workspaces';
import { canMakeImageOf, INGESTION_PROCESSES, newImageDescription } from '../../src/core/workspaceImages';
import { IMAGE_ERROR_DETAIL_WORDS, imageErrorDetailWords } from '../../src/core/workspaceImageErrors';
import { describeFailure } from '../../src/core/errors';
import { JOB_KINDS } from '../../src/core/jobKinds';
import { advance, type CopyJob } from '../../src/core/copyJobs';
import { toRecord } from '../../src/aws/workspaces';

describe('images from a WorkSpace and BYOL imports', () => {
  it('words every ErrorDetails code of the model in one short sentence, and no other', () => {
    const codes = Object.values(WorkspaceImageErrorDetailCode).sort();
    assert.deepStrictEqual(Object.keys(IMAGE_ERROR_DETAIL_WORDS).sort(), codes);
    for (const code of codes) {
      const words = imageErrorDetailWords(code)!;
      assert.match(words, /^[A-Z].{8,90}\.$/, `${code}: ${words}`);
    }
    assert.strictEqual(imageErrorDetailWords('SomethingNew'), undefined);
    assert.strictEqual(imageErrorDetailWords('toString'), undefined);
  });

  it('a WorkSpaces image’s error details carry the code in words', () => {
    const r = toRecord('p', 'us-east-1', {
      ImageId: 'wsi-123456789',
      State: 'ERROR',
      ErrorDetails: [{ ErrorCode: 'PendingReboot' }, { ErrorCode: 'Brand-New' as never, ErrorMessage: 'As AWS says.' }],
    });
    assert.deepStrictEqual(
      r.reasons.map((x) => x.text),
      ['PendingReboot (A reboot is pending: restart the machine first.)', 'Brand-New: As AWS says.'],
    );
  });

  it('offers every ingestion process of the model, each explained', () => {
    assert.deepStrictEqual(
      INGESTION_PROCESSES.map((p) => p.value).sort(),
      Object.values(WorkspaceImageIngestionProcess).sort(),
    );
    for (const p of INGESTION_PROCESSES) assert.ok(p.words.length > 8, p.value);
  });

  it('only an AVAILABLE or STOPPED WorkSpace is made into an image', () => {
    const states = ['AVAILABLE', 'STOPPED', 'PENDING', 'REBOOTING', 'ERROR', 'TERMINATED', 'SUSPENDED', 'STOPPING'];
    assert.deepStrictEqual(
      states.filter((state) => canMakeImageOf({ state })),
      ['AVAILABLE', 'STOPPED'],
    );
  });

  it('requires a description as the model’s pattern and length', () => {
    assert.strictEqual(newImageDescription(''), 'Enter a description: WorkSpaces requires one for a new image.');
    assert.strictEqual(newImageDescription('Golden image (v2) - 2026/12'), undefined);
    assert.match(newImageDescription('semi;colon')!, /Not allowed in a WorkSpaces description: ";"/);
    assert.match(newImageDescription('x'.repeat(257))!, /257 characters long; WorkSpaces allows at most 256/);
  });

  it('says each modeled refusal of both requests in words', () => {
    const said = (name: string, wsImage: 'create' | 'import', reason?: string) =>
      describeFailure({ name, message: 'AWS said no.', reason }, { region: 'us-east-1', wsImage });
    assert.deepStrictEqual(
      [said('InvalidResourceStateException', 'create').kind, said('InvalidResourceStateException', 'create').message],
      [
        'not-available',
        'AWS said no. AWS makes an image only of a WorkSpace that is available or stopped: wait until it is, then try again. Nothing was created.',
      ],
    );
    assert.match(
      said('ResourceNotFoundException', 'create').message,
      /The WorkSpace may have been removed in us-east-1/,
    );
    assert.match(
      said('ResourceNotFoundException', 'import').message,
      /Check the AMI ID: the AMI must exist in us-east-1 and be owned by or shared with this account/,
    );
    assert.match(
      said('ResourceLimitExceededException', 'create').message,
      /as many WorkSpaces images in us-east-1 as AWS allows/,
    );
    assert.strictEqual(said('ResourceAlreadyExistsException', 'import').kind, 'already-exists');
    assert.match(
      said('OperationNotSupportedException', 'import', 'BYOL').message,
      /^AWS cannot import this AMI \(BYOL\)/,
    );
    assert.match(
      said('OperationNotSupportedException', 'create').message,
      /^AWS cannot make an image of this WorkSpace/,
    );
    assert.match(
      describeFailure(
        { name: 'AccessDeniedException', message: 'no' },
        { wsImage: 'create', iamAction: 'workspaces:CreateWorkspaceImage' },
      ).message,
      /it needs workspaces:CreateWorkspaceImage/,
    );
  });

  it('follows both kinds PENDING -> AVAILABLE or ERROR, on the images read, each making an image', () => {
    for (const kind of ['ws-create', 'ws-import'] as const) {
      const rules = JOB_KINDS[kind];
      assert.deepStrictEqual([rules.read, rules.makesImage], ['images', true]);
      const job: CopyJob = {
        id: 'x',
        kind,
        profile: 'p',
        service: 'workspaces',
        sourceRegion: 'us-east-1',
        sourceName: 'alice',
        sourceId: 'ws-a1b2c3d4e5',
        destRegion: 'us-east-1',
        destName: 'Golden',
        destId: 'wsi-123456789',
        startedAt: 0,
        state: 'PENDING',
      };
      assert.strictEqual(advance(job, { state: 'PENDING' }, 1).outcome, undefined);
      assert.strictEqual(advance(job, { state: 'AVAILABLE' }, 1).outcome, 'succeeded');
      const failed = advance(job, { state: 'ERROR', reason: 'PendingReboot (A reboot is pending.)' }, 1);
      assert.deepStrictEqual([failed.outcome, failed.reason], ['failed', 'PendingReboot (A reboot is pending.)']);
      assert.strictEqual(advance(job, { state: 'ERROR' }, 1).reason, rules.failedReason!('ERROR'));
    }
    assert.match(
      JOB_KINDS['ws-create'].describe({ destName: 'G', sourceId: 'ws-1', destRegion: 'r' } as CopyJob),
      /from WorkSpace ws-1/,
    );
    assert.ok(JOB_KINDS.copy.makesImage && JOB_KINDS.update.makesImage);
    assert.ok(!JOB_KINDS.delete.makesImage && !JOB_KINDS['builder-start'].makesImage);
  });
});
