// The local endpoint's image builders, driven by the real SDK client: the scenario's builders, DescribeImageBuilders
// by name and paged, each state transition of Start / Stop / Delete, the refusals in other states, the streaming
// URL, the model's request constraints, faults on these operations, and settleAll.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  CreateImageBuilderStreamingURLCommand,
  DeleteImageBuilderCommand,
  DeleteImageCommand,
  DescribeImageBuildersCommand,
  StartImageBuilderCommand,
  StopImageBuilderCommand,
} from '@aws-sdk/client-appstream';
import { Emulator } from '../emulator/server';

const errorName = (name: string) => (e: unknown) => (e as { name?: string }).name === name;

describe('local endpoint: image builders', () => {
  let emu: Emulator;
  const credentials = { accessKeyId: 'AKIABUILDERS00000000', secretAccessKey: 'x' };
  const as = (region = 'us-east-1') => new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const state = async (name: string, region = 'us-east-1') =>
    (await as(region).send(new DescribeImageBuildersCommand({ Names: [name] }))).ImageBuilders![0].State;

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default', copyDelayMs: 200, deleteDelayMs: 100 });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('lists the scenario builders as AWS does: times as dates, errors, agent, VPC; by name; unknown name is not found', async () => {
    const all = (await as().send(new DescribeImageBuildersCommand({}))).ImageBuilders!;
    assert.deepStrictEqual(
      all.map((b) => [b.Name, b.State]),
      [
        ['broken-builder', 'FAILED'],
        ['dev-builder', 'RUNNING'],
        ['finance-builder', 'STOPPED'],
        ['flaky-builder', 'STOPPED'],
        ['legacy-builder', 'STOPPED'],
      ],
    );
    const [broken, dev, , , legacy] = all;
    assert.ok(dev.CreatedTime instanceof Date && Date.now() - dev.CreatedTime.getTime() > 2 * 86_400_000);
    assert.deepStrictEqual(dev.VpcConfig, {
      SubnetIds: ['subnet-0a1b2c3d4e5f60718'],
      SecurityGroupIds: ['sg-0123456789abcdef0'],
    });
    assert.strictEqual(legacy.LatestAppstreamAgentVersion, 'FALSE');
    assert.strictEqual(broken.ImageBuilderErrors![0].ErrorCode, 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES');
    assert.ok(broken.ImageBuilderErrors![0].ErrorTimestamp instanceof Date);
    assert.strictEqual(broken.StateChangeReason!.Code, 'INTERNAL_ERROR');
    assert.ok(!('_startFails' in all[3]), 'the endpoint keeps its own members to itself');
    const two = await as().send(new DescribeImageBuildersCommand({ Names: ['dev-builder', 'finance-builder'] }));
    assert.deepStrictEqual(
      two.ImageBuilders!.map((b) => b.Name),
      ['dev-builder', 'finance-builder'],
    );
    await assert.rejects(
      as().send(new DescribeImageBuildersCommand({ Names: ['dev-builder', 'no-such-builder'] })),
      errorName('ResourceNotFoundException'),
    );
    assert.strictEqual((await as('us-west-2').send(new DescribeImageBuildersCommand({}))).ImageBuilders!.length, 1);
  });

  it('pages with fresh tokens', async () => {
    const first = await as().send(new DescribeImageBuildersCommand({ MaxResults: 2 }));
    assert.strictEqual(first.ImageBuilders!.length, 2);
    assert.ok(first.NextToken);
    const second = await as().send(new DescribeImageBuildersCommand({ MaxResults: 2, NextToken: first.NextToken }));
    const third = await as().send(new DescribeImageBuildersCommand({ MaxResults: 2, NextToken: second.NextToken }));
    assert.strictEqual(third.NextToken, undefined);
    assert.strictEqual([...first.ImageBuilders!, ...second.ImageBuilders!, ...third.ImageBuilders!].length, 5);
  });

  it('Start: STOPPED -> PENDING -> RUNNING after the copy delay; a builder seeded to fail ends FAILED with errors', async () => {
    const out = await as().send(new StartImageBuilderCommand({ Name: 'finance-builder' }));
    assert.strictEqual(out.ImageBuilder!.State, 'PENDING');
    assert.strictEqual(await state('finance-builder'), 'PENDING');
    await new Promise((r) => setTimeout(r, 250));
    assert.strictEqual(await state('finance-builder'), 'RUNNING');
    await as().send(new StartImageBuilderCommand({ Name: 'flaky-builder' }));
    emu.world.settleAll();
    const [flaky] = (await as().send(new DescribeImageBuildersCommand({ Names: ['flaky-builder'] }))).ImageBuilders!;
    assert.strictEqual(flaky.State, 'FAILED');
    assert.strictEqual(flaky.ImageBuilderErrors![0].ErrorCode, 'INTERNAL_SERVICE_ERROR');
  });

  it('Stop: RUNNING -> STOPPING -> STOPPED; Delete: -> DELETING -> gone (and the image it used is free again)', async () => {
    assert.strictEqual(
      (await as().send(new StopImageBuilderCommand({ Name: 'dev-builder' }))).ImageBuilder!.State,
      'STOPPING',
    );
    emu.world.settleAll();
    assert.strictEqual(await state('dev-builder'), 'STOPPED');
    await assert.rejects(
      as().send(new DeleteImageCommand({ Name: 'Finance-Win2022' })),
      errorName('ResourceInUseException'),
    );
    const del = await as().send(new DeleteImageBuilderCommand({ Name: 'finance-builder' }));
    assert.strictEqual(del.ImageBuilder!.State, 'DELETING');
    assert.strictEqual(await state('finance-builder'), 'DELETING');
    await new Promise((r) => setTimeout(r, 150));
    await assert.rejects(state('finance-builder'), errorName('ResourceNotFoundException'));
    await as().send(new DeleteImageCommand({ Name: 'Finance-Win2022' }));
    // A FAILED builder can be deleted too.
    await as().send(new DeleteImageBuilderCommand({ Name: 'broken-builder' }));
    emu.world.settleAll();
    await assert.rejects(state('broken-builder'), errorName('ResourceNotFoundException'));
  });

  it('refuses each operation in the states AWS does not accept it in, with the modeled errors', async () => {
    const refused = async (p: Promise<unknown>, name: string, pattern: RegExp) =>
      assert.rejects(p, (e: Error) => e.name === name && pattern.test(e.message));
    await refused(
      as().send(new StartImageBuilderCommand({ Name: 'dev-builder' })),
      'ResourceNotAvailableException',
      /RUNNING/,
    );
    await refused(
      as().send(new StopImageBuilderCommand({ Name: 'finance-builder' })),
      'OperationNotPermittedException',
      /STOPPED/,
    );
    await refused(
      as().send(new DeleteImageBuilderCommand({ Name: 'dev-builder' })),
      'OperationNotPermittedException',
      /Stop it/,
    );
    await refused(
      as().send(new CreateImageBuilderStreamingURLCommand({ Name: 'finance-builder' })),
      'OperationNotPermittedException',
      /not running/,
    );
    await as().send(new StartImageBuilderCommand({ Name: 'finance-builder' }));
    for (const cmd of [
      new StartImageBuilderCommand({ Name: 'finance-builder' }),
      new StopImageBuilderCommand({ Name: 'finance-builder' }),
      new DeleteImageBuilderCommand({ Name: 'finance-builder' }),
    ]) {
      await refused(as().send(cmd as never), 'ConcurrentModificationException', /PENDING/);
    }
    await refused(as().send(new StartImageBuilderCommand({ Name: 'nobody' })), 'ResourceNotFoundException', /nobody/);
    emu.world.builderSim('us-east-1', 'legacy-builder').incompatible = 'The image is not compatible with this agent.';
    await refused(
      as().send(new StartImageBuilderCommand({ Name: 'legacy-builder' })),
      'IncompatibleImageException',
      /not compatible/,
    );
  });

  it('the streaming URL of a running builder: a fake secret, a new one each time, expiring after Validity', async () => {
    const before = Date.now();
    const a = await as().send(new CreateImageBuilderStreamingURLCommand({ Name: 'dev-builder', Validity: 60 }));
    const b = await as().send(new CreateImageBuilderStreamingURLCommand({ Name: 'dev-builder' }));
    assert.match(
      a.StreamingURL!,
      /^https:\/\/appstream2\.us-east-1\.aws\.amazon\.com\/authenticate\?parameters=SECRET-/,
    );
    assert.notStrictEqual(a.StreamingURL, b.StreamingURL);
    const ttl = a.Expires!.getTime() - before;
    assert.ok(ttl > 55_000 && ttl < 65_000, `${ttl}`);
    const ttlDefault = b.Expires!.getTime() - before;
    assert.ok(ttlDefault > 3_590_000 && ttlDefault < 3_610_000, `${ttlDefault}`);
  });

  it('enforces the request constraints of the models (and the documented Validity bounds)', async () => {
    const invalid = (p: Promise<unknown>, member: RegExp) =>
      assert.rejects(p, (e: Error) => e.name === 'ValidationException' && member.test(e.message));
    await invalid(as().send(new StartImageBuilderCommand({ Name: '' })), /'name'/);
    await invalid(
      as().send(new StartImageBuilderCommand({ Name: 'finance-builder', AppstreamAgentVersion: 'x'.repeat(101) })),
      /'appstreamAgentVersion'/,
    );
    await invalid(as().send(new StopImageBuilderCommand({ Name: '' })), /'name'/);
    await invalid(as().send(new DeleteImageBuilderCommand({ Name: '-bad' })), /'name'.*pattern/);
    for (const Validity of [0, 604801]) {
      await invalid(
        as().send(new CreateImageBuilderStreamingURLCommand({ Name: 'dev-builder', Validity })),
        /'validity'/,
      );
    }
    await as().send(new CreateImageBuilderStreamingURLCommand({ Name: 'dev-builder', Validity: 604800 }));
    assert.strictEqual(emu.validationErrors().length, 6);
  });

  it('faults hit these operations too: error-after stops the builder although the client sees a 500', async () => {
    emu.inject({ kind: 'error-after', operation: 'StopImageBuilder' });
    await assert.rejects(
      as().send(new StopImageBuilderCommand({ Name: 'dev-builder' })),
      (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode === 500,
    );
    assert.strictEqual(await state('dev-builder'), 'STOPPING');
    emu.inject({ kind: 'throttle', operation: 'DescribeImageBuilders' });
    await assert.rejects(state('dev-builder'), errorName('ThrottlingException'));
  });

  it('settleAll ends every builder transition at once', async () => {
    await as().send(new StartImageBuilderCommand({ Name: 'finance-builder' }));
    await as().send(new StopImageBuilderCommand({ Name: 'dev-builder' }));
    await as().send(new DeleteImageBuilderCommand({ Name: 'legacy-builder' }));
    emu.world.settleAll();
    assert.deepStrictEqual(
      (await as().send(new DescribeImageBuildersCommand({}))).ImageBuilders!.map((b) => [b.Name, b.State]),
      [
        ['broken-builder', 'FAILED'],
        ['dev-builder', 'STOPPED'],
        ['finance-builder', 'RUNNING'],
        ['flaky-builder', 'STOPPED'],
      ],
    );
  });
});
