// Image builders: the states in words and the actions each allows, the validity input rule, the ImageApi's builder
// calls against the local endpoint with the real SDK (listing, describing, Start / Stop / Delete sent once and a
// lost answer settled by describing, refusals in words, the streaming URL kept out of the call log and out of
// failures), and the three job kinds that follow them.
import * as assert from 'node:assert';
import type { Emulator } from '../emulator/server';
import { isolatedAws, startEndpoint, type IsolatedAws } from '../support/localAws';
import { ClientPool, type CallRecord } from '../../src/aws/clients';
import { ImageApi } from '../../src/aws/images';
import { LostAnswerError, toFailure } from '../../src/aws/errors';
import {
  BUILDER_STATES,
  BUILDER_STREAMING_VALIDITY_S,
  builderActions,
  builderInTransition,
  builderStateLabel,
  builderValidityProblem,
  runningTooLong,
} from '../../src/core/builders';
import { describeFailure } from '../../src/core/errors';
import { advance, describeJob, jobId, pollGroups, type CopyJob } from '../../src/core/copyJobs';
import { parseJob } from '../../src/core/storedJob';
import { KIND_WORDS, LOOKS } from '../../src/jobs/kinds';

describe('image builders: states, actions, validity', () => {
  it('knows the 14 states of the model, in words, and which are in transition', () => {
    assert.strictEqual(BUILDER_STATES.length, 14);
    assert.deepStrictEqual(
      ['RUNNING', 'PENDING_QUALIFICATION', 'UPDATING_AGENT', 'DELETING', 'PENDING_IMAGE_IMPORT'].map(builderStateLabel),
      ['Running', 'Pending qualification', 'Updating agent', 'Deleting…', 'Pending image import'],
    );
    assert.deepStrictEqual(
      BUILDER_STATES.filter((s) => !builderInTransition(s)),
      ['RUNNING', 'STOPPED', 'FAILED'],
    );
  });

  it('offers each action only in the states AWS accepts it in', () => {
    const offered = (action: keyof ReturnType<typeof builderActions>) =>
      BUILDER_STATES.filter((s) => builderActions(s)[action]);
    assert.deepStrictEqual(offered('start'), ['STOPPED']);
    assert.deepStrictEqual(offered('stop'), ['RUNNING']);
    assert.deepStrictEqual(offered('connect'), ['RUNNING']);
    assert.deepStrictEqual(offered('delete'), ['STOPPED', 'FAILED']);
  });

  it('says a builder has been running for more than a day (billed by the hour)', () => {
    const now = Date.parse('2026-11-10T12:00:00Z');
    const made = (h: number) => new Date(now - h * 3_600_000);
    assert.strictEqual(runningTooLong({ state: 'RUNNING', created: made(25) }, now), true);
    assert.strictEqual(runningTooLong({ state: 'RUNNING', created: made(23) }, new Date(now)), false);
    assert.strictEqual(runningTooLong({ state: 'STOPPED', created: made(100) }, now), false);
    assert.strictEqual(runningTooLong({ state: 'RUNNING' }, now), false);
  });

  it('takes a validity of whole seconds from 1 to 604800 (default 3600)', () => {
    assert.deepStrictEqual(BUILDER_STREAMING_VALIDITY_S, { default: 3600, min: 1, max: 604800 });
    for (const ok of ['1', '3600', ' 604800 ']) assert.strictEqual(builderValidityProblem(ok), undefined, ok);
    for (const bad of ['', '0', '604801', '1.5', '-1', '1e3', 'abc']) assert.ok(builderValidityProblem(bad), bad);
    assert.strictEqual(
      builderValidityProblem('604801'),
      '604801 seconds is out of range: AWS accepts 1 to 604800 (7 days).',
    );
  });

  it('words each refusal of the builder operations as what to do', () => {
    const words = (name: string) =>
      describeFailure({ name, message: 'AWS said so.' }, { builder: true, region: 'us-east-1' }).message;
    assert.match(words('ResourceNotAvailableException'), /^AWS said so\. .*only a stopped builder starts/);
    assert.match(words('OperationNotPermittedException'), /Start needs a stopped builder, Stop and Connect a running/);
    assert.match(words('ConcurrentModificationException'), /changing state: wait until it is running or stopped/);
    assert.match(words('IncompatibleImageException'), /create a new image builder from a newer image/);
    assert.match(words('InvalidAccountStatusException'), /contact AWS Support/);
    assert.match(words('ResourceNotFoundException'), /may already be deleted: refresh the view/);
    assert.strictEqual(describeFailure({ name: 'IncompatibleImageException', message: 'x' }).kind, 'not-available');
  });
});

describe('image builders: ImageApi against the local endpoint', () => {
  let emu: Emulator;
  let aws: IsolatedAws;
  let calls: CallRecord[];
  let pool: ClientPool;
  let api: ImageApi;
  const sent = (op: string): number => emu.log.filter((r) => r.operation === op).length;
  const failure = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );

  beforeEach(async () => {
    emu = await startEndpoint({ scenario: 'default', copyDelayMs: 60_000, deleteDelayMs: 60_000 });
    aws = isolatedAws({
      config: ['[profile keys]', 'region = us-east-1'],
      credentials: ['[keys]', 'aws_access_key_id = AKIABUILDERS00000000', 'aws_secret_access_key = x'],
      env: { AWS_ENDPOINT_URL: emu.url },
    });
    calls = [];
    pool = new ClientPool({ profile: 'keys', logger: (c) => calls.push(c) });
    api = new ImageApi(pool, 'keys');
  });
  afterEach(async () => {
    pool.reset();
    aws.restore();
    await emu.stop();
  });

  it('lists a region page by page (MaxResults 25) as typed records', async () => {
    for (let i = 0; i < 26; i++) emu.world.putImageBuilder('eu-west-1', { Name: `b-${i}`, ImageName: 'none' });
    const first = await api.listBuilders('keys', 'eu-west-1', undefined);
    assert.strictEqual(first.items.length, 25);
    assert.ok(first.nextToken);
    assert.deepStrictEqual(emu.log.at(-1)!.params, { MaxResults: 25 });
    const all = await api.listBuilders('keys', 'us-east-1', undefined);
    assert.strictEqual(all.nextToken, undefined);
    const dev = all.items.find((b) => b.name === 'dev-builder')!;
    assert.deepStrictEqual(
      { ...dev, created: undefined },
      {
        profile: 'keys',
        region: 'us-east-1',
        name: 'dev-builder',
        arn: 'arn:aws:appstream:us-east-1:123456789012:image-builder/dev-builder',
        state: 'RUNNING',
        displayName: 'Developer tools',
        description: 'Builds the developer desktop',
        instanceType: 'stream.standard.large',
        platform: 'WINDOWS_SERVER_2022',
        imageArn: 'arn:aws:appstream:us-east-1::image/AppStream-WinServer2022-11-01-2026',
        agentVersion: '1.1.1500',
        latestAgent: true,
        created: undefined,
        stateReason: undefined,
        errors: [],
        subnetIds: ['subnet-0a1b2c3d4e5f60718'],
        securityGroupIds: ['sg-0123456789abcdef0'],
        iamRoleArn: 'arn:aws:iam::123456789012:role/AppStreamBuilderRole',
        internetAccess: false,
      },
    );
    assert.ok(runningTooLong(dev, Date.now()));
    const broken = all.items.find((b) => b.name === 'broken-builder')!;
    assert.strictEqual(broken.stateReason, 'INTERNAL_ERROR: The image builder could not be started.');
    assert.deepStrictEqual(broken.errors, [
      {
        code: 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES',
        message: 'The subnet has no free IP addresses.',
        time: new Date('2026-11-02T10:05:00Z'),
      },
    ]);
    assert.strictEqual(all.items.find((b) => b.name === 'legacy-builder')!.latestAgent, false);
  });

  it('describes by name in one request; a deleted name is absent, not an error', async () => {
    emu.clearLog();
    const found = await api.describeBuilders('us-east-1', ['dev-builder', 'finance-builder']);
    assert.deepStrictEqual(
      found.map((b) => b.name),
      ['dev-builder', 'finance-builder'],
    );
    assert.strictEqual(sent('DescribeImageBuilders'), 1);
    const some = await api.describeBuilders('us-east-1', ['dev-builder', 'gone-builder']);
    assert.deepStrictEqual(
      some.map((b) => b.name),
      ['dev-builder'],
    );
    assert.deepStrictEqual(await api.describeBuilders('us-east-1', ['gone-builder']), []);
    assert.deepStrictEqual(await api.describeBuilders('us-east-1', []), []);
  });

  it('Start, Stop and Delete are each sent once and move the builder', async () => {
    await api.startBuilder('us-east-1', 'finance-builder');
    await api.stopBuilder('us-east-1', 'dev-builder');
    await api.deleteBuilder('us-east-1', 'legacy-builder');
    assert.deepStrictEqual(
      (await api.describeBuilders('us-east-1', ['finance-builder', 'dev-builder', 'legacy-builder'])).map((b) => [
        b.name,
        b.state,
      ]),
      [
        ['finance-builder', 'PENDING'],
        ['dev-builder', 'STOPPING'],
        ['legacy-builder', 'DELETING'],
      ],
    );
    for (const op of ['StartImageBuilder', 'StopImageBuilder', 'DeleteImageBuilder']) {
      assert.strictEqual(sent(op), 1, op);
    }
  });

  it('a lost answer of each mutation (error-after, drop-after) is settled by describing the builder, never resent', async () => {
    const cases = [
      ['StartImageBuilder', () => api.startBuilder('us-east-1', 'finance-builder')],
      ['StopImageBuilder', () => api.stopBuilder('us-east-1', 'dev-builder')],
      ['DeleteImageBuilder', () => api.deleteBuilder('us-east-1', 'legacy-builder')],
    ] as const;
    for (const [i, [op, call]] of cases.entries()) {
      emu.inject({ kind: i === 1 ? 'drop-after' : 'error-after', operation: op });
      emu.clearLog();
      await call();
      assert.deepStrictEqual(
        emu.log.map((r) => r.operation),
        [op, 'DescribeImageBuilders'],
        `${op}: sent once, then looked at`,
      );
    }
    // A delete whose builder is already gone when looked at: done.
    emu.world.deleteDelayMs = 0;
    emu.inject({ kind: 'error-after', operation: 'DeleteImageBuilder' });
    await api.deleteBuilder('us-east-1', 'broken-builder');
  });

  it('a lost request that AWS never carried out reads "not done"; a failed look reads "could not be checked"', async () => {
    emu.inject({ kind: 'drop', operation: 'StartImageBuilder' });
    const e = await failure(api.startBuilder('us-east-1', 'finance-builder'));
    assert.ok(e instanceof LostAnswerError && e.outcome === 'not-done');
    assert.match(
      toFailure(e, { region: 'us-east-1', action: 'the start of finance-builder', builder: true }).message,
      /Cloud Images checked and the start of finance-builder was not carried out: nothing changed\. Try again\.$/,
    );
    assert.strictEqual(sent('StartImageBuilder'), 1);
    emu.inject({ kind: 'error-after', operation: 'StopImageBuilder' });
    emu.inject({ kind: 'throttle', operation: 'DescribeImageBuilders', times: 5 });
    const u = await failure(api.stopBuilder('us-east-1', 'dev-builder'));
    assert.ok(u instanceof LostAnswerError && u.outcome === 'unknown');
    assert.strictEqual(sent('StopImageBuilder'), 1);
  });

  it('each refusal reaches the user in words', async () => {
    const words = async (p: Promise<unknown>) => toFailure(await failure(p), { builder: true }).message;
    assert.match(await words(api.startBuilder('us-east-1', 'dev-builder')), /only a stopped builder starts/);
    assert.match(await words(api.stopBuilder('us-east-1', 'finance-builder')), /Stop and Connect a running one/);
    assert.match(await words(api.deleteBuilder('us-east-1', 'dev-builder')), /Delete a stopped or failed one/);
    await api.startBuilder('us-east-1', 'finance-builder');
    assert.match(await words(api.stopBuilder('us-east-1', 'finance-builder')), /is changing state/);
    assert.match(await words(api.builderStreamingUrl('us-east-1', 'legacy-builder', 60)), /Connect a running one/);
    emu.world.builderSim('us-east-1', 'flaky-builder').incompatible = 'The image is not compatible.';
    assert.match(await words(api.startBuilder('us-east-1', 'flaky-builder')), /from a newer image/);
    assert.match(await words(api.startBuilder('us-east-1', 'nobody')), /may already be deleted/);
  });

  it('the streaming URL goes to the caller only: not in the call log, not in a failure', async () => {
    const url = await api.builderStreamingUrl('us-east-1', 'dev-builder', 120);
    assert.match(url, /parameters=SECRET-/);
    assert.deepStrictEqual(emu.log.at(-1)!.params, { Name: 'dev-builder', Validity: 120 });
    const logged = JSON.stringify(calls);
    assert.match(logged, /CreateImageBuilderStreamingURL/);
    assert.doesNotMatch(logged, /SECRET|authenticate/);
    for (const kind of ['drop-mid-body', 'bad-body'] as const) {
      emu.inject({ kind, operation: 'CreateImageBuilderStreamingURL', times: 3 });
      const e = (await failure(api.builderStreamingUrl('us-east-1', 'dev-builder', 120))) as Error;
      const said = toFailure(e, { builder: true }).message;
      for (const text of [e.message, said, JSON.stringify(e), String((e as { stack?: string }).stack)]) {
        assert.doesNotMatch(text, /SECRET|parameters=/, `${kind}: ${text}`);
      }
      emu.clearFaults();
    }
    assert.doesNotMatch(JSON.stringify(calls), /SECRET/);
  });
});

describe('image builders: job kinds', () => {
  const job = (kind: CopyJob['kind'], over: Partial<CopyJob> = {}): CopyJob => ({
    id: jobId({ profile: 'p', service: 'appstream', region: 'us-east-1', id: 'dev-builder' }, kind),
    kind,
    profile: 'p',
    service: 'appstream',
    sourceRegion: 'us-east-1',
    sourceName: 'dev-builder',
    sourceId: 'dev-builder',
    destRegion: 'us-east-1',
    destName: 'dev-builder',
    destId: 'dev-builder',
    startedAt: 0,
    state: 'PENDING',
    ...over,
  });
  const look = (j: CopyJob, ...states: (string | undefined)[]): CopyJob =>
    states.reduce((acc, s, i) => advance(acc, s === undefined ? undefined : { state: s }, 1000 + i), j);

  it('start: done at RUNNING; failed at FAILED, or at STOPPED once it has been seen', () => {
    assert.strictEqual(look(job('builder-start'), 'PENDING', 'RUNNING').outcome, 'succeeded');
    const failed = look(job('builder-start'), 'PENDING', 'FAILED');
    assert.deepStrictEqual([failed.outcome, failed.reason], ['failed', 'The image builder failed while starting.']);
    assert.strictEqual(look(job('builder-start'), 'STOPPED').outcome, undefined, 'the first look may lag');
    const stopped = look(job('builder-start'), 'PENDING', 'STOPPED');
    assert.deepStrictEqual(
      [stopped.outcome, stopped.reason],
      ['failed', 'The image builder stopped again without reaching RUNNING.'],
    );
    const why = advance(job('builder-start'), { state: 'FAILED', reason: 'INTERNAL_ERROR: no capacity' }, 1);
    assert.strictEqual(why.reason, 'INTERNAL_ERROR: no capacity');
  });

  it('stop: done at STOPPED, failed at FAILED; delete: done when gone, failed when it leaves DELETING', () => {
    assert.strictEqual(look(job('builder-stop', { state: 'STOPPING' }), 'STOPPING', 'STOPPED').outcome, 'succeeded');
    assert.strictEqual(look(job('builder-stop'), 'FAILED').outcome, 'failed');
    const del = look(job('builder-delete', { state: 'DELETING' }), 'DELETING', undefined);
    assert.deepStrictEqual([del.outcome, del.state], ['succeeded', 'DELETED']);
    // The first look may come before AWS lists the delete: not yet a failure; seen since and STOPPED again, it is.
    assert.strictEqual(look(job('builder-delete', { state: 'DELETING' }), 'STOPPED').outcome, undefined);
    const kept = look(job('builder-delete', { state: 'DELETING' }), 'DELETING', 'STOPPED');
    assert.deepStrictEqual(
      [kept.outcome, kept.reason],
      ['failed', 'AWS did not delete the image builder: it is STOPPED again.'],
    );
  });

  it('keys apart from images and from each other, survive the store, and share one look per (profile, region)', () => {
    const ids = new Set(
      [undefined, 'delete', 'builder-start', 'builder-stop', 'builder-delete'].map((k) =>
        jobId({ profile: 'p', service: 'appstream', region: 'us-east-1', id: 'dev-builder' }, k as CopyJob['kind']),
      ),
    );
    assert.strictEqual(ids.size, 5);
    const stored = parseJob(JSON.parse(JSON.stringify(job('builder-stop'))), 'p')!;
    assert.deepStrictEqual([stored.kind, stored.id], ['builder-stop', job('builder-stop').id]);
    const groups = pollGroups([
      job('builder-start'),
      job('builder-stop', { destId: 'b2', destName: 'b2', id: 'x2' }),
      job('delete', { destId: 'Img', id: 'x3' }),
    ]);
    assert.deepStrictEqual(
      groups.map((g) => [g.read, g.ids]),
      [
        ['builders', ['dev-builder', 'b2']],
        ['images', ['Img']],
      ],
    );
    assert.strictEqual(describeJob(job('builder-start')), 'start image builder dev-builder (us-east-1)');
  });

  it('reads in words in the status bar, the progress list and the notifications', () => {
    assert.deepStrictEqual(
      [
        KIND_WORDS['builder-start'].count(2),
        KIND_WORDS['builder-stop'].count(1),
        KIND_WORDS['builder-delete'].count(3),
      ],
      ['2 image builders starting', '1 image builder stopping', '3 image builder deletions'],
    );
    assert.strictEqual(KIND_WORDS['builder-start'].stateLabel!('PENDING_QUALIFICATION'), 'Pending qualification');
    assert.deepStrictEqual(KIND_WORDS['builder-start'].ending!({ ...job('builder-start'), outcome: 'succeeded' }), {
      severity: 'info',
      message: 'Image builder dev-builder is running in us-east-1.',
    });
    assert.deepStrictEqual(
      KIND_WORDS['builder-delete'].ending!({ ...job('builder-delete'), outcome: 'failed', reason: 'It is STOPPED.' }),
      { severity: 'error', message: 'Image builder dev-builder was not deleted in us-east-1: It is STOPPED.' },
    );
  });

  it("the 'builders' look is one DescribeImageBuilders with the group's names", async () => {
    const seen: unknown[] = [];
    const fake = {
      describeBuilders: async (region: string, names: string[]) => {
        seen.push([region, names]);
        return [
          {
            name: 'dev-builder',
            state: 'FAILED',
            stateReason: 'INTERNAL_ERROR: x',
            errors: [{ code: 'IMAGE_NOT_FOUND', message: 'gone' }],
          },
        ];
      },
    } as unknown as ImageApi;
    const [group] = pollGroups([job('builder-start'), job('builder-stop', { destId: 'b2', destName: 'b2', id: 'x' })]);
    const out = await LOOKS.builders(fake, group);
    assert.deepStrictEqual(seen, [['us-east-1', ['dev-builder', 'b2']]]);
    assert.deepStrictEqual(out.get('dev-builder'), {
      state: 'FAILED',
      reason: 'INTERNAL_ERROR: x; IMAGE_NOT_FOUND: gone',
      arn: undefined,
    });
  });
});
