// Create Image Builder: each input rule at its boundaries and against the endpoint's transcription of the model,
// the refusals in words, what builder-create's states mean, and ImageApi.createBuilder against the local endpoint
// with the real SDK (what AWS receives, the endpoint's refusals, a lost answer settled by looking, once).
import * as assert from 'node:assert';
import type { Emulator } from '../emulator/server';
import { APPSTREAM, validate } from '../emulator/schema';
import { generatedStrings } from '../support/random';
import { isolatedAws, startEndpoint, type IsolatedAws } from '../support/localAws';
import { ClientPool } from '../../src/aws/clients';
import { ImageApi } from '../../src/aws/images';
import { LostAnswerError, toFailure } from '../../src/aws/errors';
import {
  builderDescriptionProblem,
  builderDisplayNameProblem,
  builderNameProblem,
  builderSourceProblem,
  instanceTypeProblem,
  networkOffers,
  securityGroupsProblem,
  subnetProblem,
  type BuilderCreateRequest,
} from '../../src/core/builderCreate';
import { describeFailure } from '../../src/core/errors';
import { JOB_KINDS } from '../../src/core/jobKinds';
import type { CopyJob } from '../../src/core/copyJobs';

describe('create image builder: input rules', () => {
  it('names: 1-101 characters of letters, digits, _ . -, starting with a letter or digit; as the model says', () => {
    assert.strictEqual(builderNameProblem('a'), undefined);
    assert.strictEqual(builderNameProblem('b'.repeat(101)), undefined);
    assert.strictEqual(builderNameProblem(''), 'Enter a name for the image builder.');
    assert.strictEqual(
      builderNameProblem('b'.repeat(102)),
      'The name is 102 characters long; AppStream allows at most 101.',
    );
    assert.strictEqual(builderNameProblem('.x'), 'The name must start with a letter or a digit.');
    assert.strictEqual(
      builderNameProblem('a/b c'),
      'Not allowed in an image builder name: "/", space. Use letters, digits, "_", "." and "-".',
    );
    const base = { InstanceType: 'stream.standard.medium', ImageName: 'x' };
    for (const v of generatedStrings(11, 2000, 60)) {
      const model = validate(APPSTREAM.CreateImageBuilder, { ...base, Name: v });
      assert.strictEqual(builderNameProblem(v) === undefined, model === undefined, JSON.stringify(v));
    }
  });

  it('display name up to 100, description up to 256 characters (counted as characters, not UTF-16 units)', () => {
    assert.strictEqual(builderDisplayNameProblem('d'.repeat(100)), undefined);
    assert.match(builderDisplayNameProblem('d'.repeat(101))!, /101 characters long; AppStream allows at most 100/);
    assert.strictEqual(builderDescriptionProblem('😀'.repeat(256)), undefined);
    assert.match(builderDescriptionProblem('d'.repeat(257))!, /257 characters long; AppStream allows at most 256/);
  });

  it('instance types: the stream.* families, with two-part families', () => {
    for (const ok of [
      'stream.standard.medium',
      'stream.graphics.g4dn.xlarge',
      'stream.memory.z1d.large',
      'stream.graphics-pro.4xlarge',
    ]) {
      assert.strictEqual(instanceTypeProblem(ok), undefined, ok);
    }
    assert.strictEqual(instanceTypeProblem(''), 'Enter an instance type, such as stream.standard.medium.');
    assert.strictEqual(
      instanceTypeProblem('m5.large'),
      'm5.large is not an AppStream instance type: they start with "stream.".',
    );
    assert.match(instanceTypeProblem('stream.standard')!, /use stream\.<family>\.<size>/);
    assert.match(instanceTypeProblem('stream.Standard.medium')!, /use stream\.<family>\.<size>/);
  });

  it('subnets and security groups: the prefix and 8 or 17 hex digits; at most 5 groups, none twice', () => {
    assert.strictEqual(subnetProblem('subnet-0a1b2c3d'), undefined);
    assert.strictEqual(subnetProblem('subnet-0a1b2c3d4e5f60718'), undefined);
    for (const bad of ['subnet-0a1b2c3', 'subnet-0A1B2C3D', 'sg-0a1b2c3d', 'subnet-0a1b2c3d4e5f6071']) {
      assert.match(subnetProblem(bad)!, /is not a subnet ID/, bad);
    }
    assert.strictEqual(securityGroupsProblem(''), undefined);
    assert.strictEqual(securityGroupsProblem('sg-01234567, sg-0123456789abcdef0'), undefined);
    assert.match(securityGroupsProblem('sg-01234567 subnet-01234567')!, /subnet-01234567 is not a security group ID/);
    assert.strictEqual(securityGroupsProblem('sg-01234567,sg-01234567'), 'A security group is listed twice.');
    const six = Array.from({ length: 6 }, (_, i) => `sg-0000000${i}`).join(',');
    assert.strictEqual(securityGroupsProblem(six), 'An image builder takes at most 5 security groups; 6 were entered.');
    assert.strictEqual(
      securityGroupsProblem('sg-00000001,sg-00000002', 1),
      'An image builder takes at most 5 security groups; 1 more fit.',
    );
  });

  it('source images: available; owned, public, or shared for builders; supported', () => {
    const img = (state: string, ownership: 'owned' | 'shared' | 'public') =>
      ({ service: 'appstream', state, ownership, name: 'I' }) as const;
    assert.strictEqual(builderSourceProblem(img('AVAILABLE', 'owned'), {}), undefined);
    assert.strictEqual(builderSourceProblem(img('AVAILABLE', 'public'), {}), undefined);
    assert.strictEqual(builderSourceProblem(img('AVAILABLE', 'shared'), { allowed: true }), undefined);
    assert.match(builderSourceProblem(img('AVAILABLE', 'shared'), { allowed: false })!, /for fleets only/);
    assert.match(builderSourceProblem(img('PENDING', 'owned'), {})!, /I is PENDING: only an available image/);
    assert.match(
      builderSourceProblem(img('AVAILABLE', 'owned'), { supported: false })!,
      /does not support image builders/,
    );
  });

  it('offers: the subnets, security groups and roles in use, once each, sorted', () => {
    assert.deepStrictEqual(
      networkOffers([
        { subnetIds: ['subnet-2', 'subnet-1'], securityGroupIds: ['sg-1'], iamRoleArn: 'arn:r2' },
        { subnetIds: ['subnet-1'], securityGroupIds: [], iamRoleArn: undefined },
        { subnetIds: [], securityGroupIds: ['sg-1', 'sg-0'], iamRoleArn: 'arn:r1' },
      ]),
      { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-0', 'sg-1'], roleArns: ['arn:r1', 'arn:r2'] },
    );
  });

  it('every modeled refusal of CreateImageBuilder is in words, and says nothing was created', () => {
    const words = (name: string) =>
      describeFailure({ name, message: 'AWS said so.' }, { builderCreate: true, region: 'us-east-1' });
    const expected: Record<string, RegExp> = {
      LimitExceededException: /as many image builders in us-east-1 as its quota allows/,
      InvalidRoleException: /cannot use that IAM role/,
      IncompatibleImageException: /cannot be made from this image with that instance type/,
      ResourceAlreadyExistsException: /of that name already exists in us-east-1: choose another name/,
      InvalidParameterCombinationException: /do(es)? not accept these settings together/,
      ResourceNotAvailableException: /only an available image can be/,
      ResourceNotFoundException: /was not found in us-east-1/,
      InvalidAccountStatusException: /cannot create AppStream resources in us-east-1/,
      ConcurrentModificationException: /Another change to this resource is under way/,
      OperationNotPermittedException: /does not permit this image builder/,
      RequestLimitExceededException: /AWS is throttling requests in us-east-1/,
    };
    for (const [name, re] of Object.entries(expected)) {
      const f = words(name);
      assert.match(f.message, re, name);
      assert.ok(f.message.startsWith('AWS said so.') || name === 'RequestLimitExceededException', name);
      if (name !== 'RequestLimitExceededException') assert.match(f.message, /Nothing was created\.$/, name);
    }
  });

  it('builder-create ends at RUNNING, fails at FAILED, or STOPPED once seen', () => {
    const k = JOB_KINDS['builder-create'];
    const job = { seen: false } as CopyJob;
    assert.strictEqual(k.read, 'builders');
    assert.deepStrictEqual(
      ['PENDING', 'RUNNING', 'FAILED', 'UPDATING_AGENT'].map((s) => k.outcomeOf(s, job)),
      [undefined, 'succeeded', 'failed', undefined],
    );
    assert.strictEqual(k.outcomeOf('STOPPED', job), undefined, 'the first look may come before AWS lists it');
    assert.strictEqual(k.outcomeOf('STOPPED', { ...job, seen: true }), 'failed');
  });
});

describe('create image builder: against the local endpoint', () => {
  let emu: Emulator;
  let aws: IsolatedAws;
  let pool: ClientPool;
  let api: ImageApi;
  const req = (over: Partial<BuilderCreateRequest> = {}): BuilderCreateRequest => ({
    region: 'us-east-1',
    name: 'unit-builder',
    imageName: 'Finance-Win2022',
    instanceType: 'stream.standard.medium',
    subnetIds: [],
    securityGroupIds: [],
    internetAccess: false,
    startedAt: Date.now(),
    ...over,
  });
  const failure = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
  const words = async (p: Promise<unknown>) =>
    toFailure(await failure(p), { builderCreate: true, region: 'us-east-1' }).message;

  beforeEach(async () => {
    emu = await startEndpoint({ scenario: 'default', copyDelayMs: 60_000, deleteDelayMs: 60_000 });
    aws = isolatedAws({
      config: ['[profile keys]', 'region = us-east-1'],
      credentials: ['[keys]', 'aws_access_key_id = AKIABUILDERS00000000', 'aws_secret_access_key = x'],
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

  it('creates a PENDING builder that is RUNNING after the delay, with what was asked', async () => {
    const b = await api.createBuilder(
      req({
        displayName: 'Unit',
        subnetIds: ['subnet-0a1b2c3d4e5f60718'],
        securityGroupIds: ['sg-0123456789abcdef0'],
        iamRoleArn: 'arn:aws:iam::123456789012:role/AppStreamBuilderRole',
        tags: { team: 'unit' },
      }),
    );
    assert.deepStrictEqual(
      [b.name, b.state, b.instanceType, b.displayName, b.subnetIds, b.securityGroupIds, b.iamRoleArn, b.profile],
      [
        'unit-builder',
        'PENDING',
        'stream.standard.medium',
        'Unit',
        ['subnet-0a1b2c3d4e5f60718'],
        ['sg-0123456789abcdef0'],
        'arn:aws:iam::123456789012:role/AppStreamBuilderRole',
        'keys',
      ],
    );
    assert.match(b.imageArn!, /image\/Finance-Win2022$/);
    emu.world.settleAll();
    assert.strictEqual((await api.describeBuilders('us-east-1', ['unit-builder']))[0].state, 'RUNNING');
    const offers = await api.builderNetworkOffers('us-west-2');
    assert.deepStrictEqual(offers.roleArns, ['arn:aws:iam::123456789012:role/AppStreamFleetRole']);
  });

  it('refuses as AWS does, each in words', async () => {
    assert.match(await words(api.createBuilder(req({ name: 'dev-builder' }))), /choose another name/);
    assert.match(await words(api.createBuilder(req({ imageName: 'No-Such' }))), /could not be found/);
    assert.match(await words(api.createBuilder(req({ imageName: 'Broken-Build' }))), /its state is FAILED/);
    assert.match(
      await words(
        api.createBuilder(
          req({
            imageName: undefined,
            imageArn: 'arn:aws:appstream:us-east-1:444455556666:image/Partner-Shared-Image',
          }),
        ),
      ),
      /not shared with this account for image builders\. AWS does not permit this image builder/,
    );
    assert.match(await words(api.createBuilder(req({ subnetIds: ['subnet-1', 'subnet-2'] }))), /only one subnet/);
    assert.match(await words(api.createBuilder(req({ securityGroupIds: ['sg-01234567'] }))), /only with a subnet/);
    assert.match(
      await words(api.createBuilder(req({ iamRoleArn: 'arn:aws:iam::123456789012:role/NoSuchRole' }))),
      /cannot assume the role/,
    );
    emu.world.builderQuota = 5;
    assert.match(await words(api.createBuilder(req())), /quota of 5/);
    assert.strictEqual(emu.world.region('us-east-1').imageBuilders.size, 5, 'nothing created');
  });

  it('the model constraints the endpoint enforces: ValidationException', async () => {
    const e = await failure(api.createBuilder(req({ description: 'd'.repeat(257) })));
    assert.strictEqual((e as { name?: string }).name, 'ValidationException');
    const t = await failure(api.createBuilder(req({ tags: { 'aws:x': '1' } })));
    assert.strictEqual((t as { name?: string }).name, 'ValidationException');
  });

  it('a lost answer is settled by describing the builder: sent once; an older builder of the name is not the one', async () => {
    emu.inject({ kind: 'error-after', operation: 'CreateImageBuilder' });
    emu.clearLog();
    const b = await api.createBuilder(req());
    assert.deepStrictEqual(
      emu.log.map((r) => [r.operation, r.params.Names]),
      [
        ['CreateImageBuilder', undefined],
        ['DescribeImageBuilders', ['unit-builder']],
      ],
    );
    assert.strictEqual(b.state, 'PENDING');
    emu.inject({ kind: 'drop', operation: 'CreateImageBuilder' });
    const e = await failure(api.createBuilder(req({ name: 'dev-builder' })));
    assert.ok(e instanceof LostAnswerError && e.outcome === 'not-done');
    assert.match(
      toFailure(e, { builderCreate: true, action: 'the creation' }).message,
      /an older image builder \(dev-builder\)/,
    );
    emu.inject({ kind: 'drop', operation: 'CreateImageBuilder' });
    const n = await failure(api.createBuilder(req({ name: 'never-made' })));
    assert.ok(n instanceof LostAnswerError && n.outcome === 'not-done');
    assert.strictEqual(emu.log.filter((r) => r.operation === 'CreateImageBuilder').length, 3);
  });
});
