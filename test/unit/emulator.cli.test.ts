// Conformance of the local endpoint with an independent client: the AWS CLI and AWS's own service models.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Emulator } from '../emulator/server';
import { APPSTREAM, WORKSPACES, type Members, type Shape } from '../emulator/schema';

const run = promisify(execFile);

// Every input shape of the emulated operations, as botocore (the aws CLI's own library) has it.
const BOTOCORE_SHAPES = `
import json, sys, botocore.session
session = botocore.session.get_session()
def shape(sh):
    d = {'type': sh.type_name}
    for k in ('min', 'max', 'pattern'):
        if k in sh.metadata: d[k] = sh.metadata[k]
    if getattr(sh, 'enum', None): d['enum'] = list(sh.enum)
    if sh.type_name == 'structure':
        d['members'] = {n: dict(shape(m), required=n in sh.required_members) for n, m in sh.members.items()}
    elif sh.type_name == 'list': d['member'] = shape(sh.member)
    elif sh.type_name == 'map': d['key'], d['value'] = shape(sh.key), shape(sh.value)
    return d
ops = json.loads(sys.argv[1])
print(json.dumps({svc: {op: shape(session.get_service_model(svc).operation_model(op).input_shape) for op in names} for svc, names in ops.items()}))
`;

const TYPES = {
  string: 'string',
  int: 'integer',
  bool: 'boolean',
  list: 'list',
  map: 'map',
  struct: 'structure',
} as const;
// The models escape '-' where JS needs no escape (and, with the u flag, allows none outside a class).
const samePattern = (p: string): string => p.replace(/\\-/g, '-');

/** schema.ts's shape in botocore's terms. */
function asModel(shape: Shape): Record<string, unknown> {
  const d: Record<string, unknown> = { type: shape.t === 'int' && shape.long ? 'long' : TYPES[shape.t] };
  const bounds = shape as { min?: number; max?: number };
  for (const k of ['min', 'max'] as const) if (bounds[k] !== undefined) d[k] = bounds[k];
  if (shape.t === 'string' && shape.pattern) d.pattern = samePattern(shape.pattern.source);
  if (shape.t === 'string' && shape.enum) d.enum = [...shape.enum];
  if (shape.t === 'struct') d.members = asModelMembers(shape.members);
  if (shape.t === 'list') d.member = asModel(shape.of);
  if (shape.t === 'map') [d.key, d.value] = [asModel(shape.key), asModel(shape.value)];
  return d;
}
const asModelMembers = (members: Members): Record<string, unknown> =>
  Object.fromEntries(Object.entries(members).map(([n, m]) => [n, { ...asModel(m), required: !!m.required }]));

function normalizeModel(d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d };
  if (typeof d.pattern === 'string') out.pattern = samePattern(d.pattern);
  if (d.members) {
    out.members = Object.fromEntries(
      Object.entries(d.members as Record<string, Record<string, unknown>>).map(([n, m]) => [n, normalizeModel(m)]),
    );
  }
  for (const k of ['member', 'key', 'value']) if (d[k]) out[k] = normalizeModel(d[k] as Record<string, unknown>);
  return out;
}

describe('local endpoint, driven by the AWS CLI', function () {
  this.timeout(60000);
  let emu: Emulator;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIACLITEST000000000',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_PAGER: '',
  };
  delete env.AWS_PROFILE;
  // The emulator's clock, moved by the tests: lifecycles are checked without waiting.
  let now = Date.parse('2026-11-22T12:00:00Z');

  async function aws(...args: string[]): Promise<{ out: unknown; stderr: string; code: number }> {
    try {
      const { stdout, stderr } = await run('aws', [...args, '--endpoint-url', emu.url, '--output', 'json'], { env });
      return { out: stdout.trim() ? JSON.parse(stdout) : undefined, stderr, code: 0 };
    } catch (e) {
      const err = e as { stderr: string; code: number };
      return { out: undefined, stderr: err.stderr, code: err.code };
    }
  }

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default', copyDelayMs: 60_000, deleteDelayMs: 5_000, now: () => now });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('pages describe-images with fresh tokens until the last page', async () => {
    const r = await aws(
      'appstream',
      'describe-images',
      '--region',
      'us-east-1',
      '--type',
      'PRIVATE',
      '--page-size',
      '10',
    );
    const images = (r.out as { Images: { Name: string }[] }).Images;
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(images.length, 45); // 5 hand-written + 40 generated private images
    const calls = emu.requests({ operation: 'DescribeImages' });
    assert.strictEqual(calls.length, 5);
    assert.deepStrictEqual(
      calls.map((c) => c.params.MaxResults),
      [10, 10, 10, 10, 10],
    );
    const tokens = calls.slice(1).map((c) => c.params.NextToken);
    assert.strictEqual(new Set(tokens).size, 4);
  });

  it('pages describe-workspace-images', async () => {
    const r = await aws(
      'workspaces',
      'describe-workspace-images',
      '--region',
      'us-east-1',
      '--image-type',
      'OWNED',
      '--page-size',
      '7',
    );
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual((r.out as { Images: unknown[] }).Images.length, 34);
    assert.strictEqual(emu.requests({ operation: 'DescribeWorkspaceImages' }).length, 5);
  });

  it('copy-image creates a COPYING image in the destination that becomes AVAILABLE', async () => {
    const r = await aws(
      'appstream',
      'copy-image',
      '--region',
      'us-east-1',
      '--source-image-name',
      'Finance-Win2022',
      '--destination-image-name',
      'Finance-Copy',
      '--destination-region',
      'us-west-2',
      '--destination-image-description',
      'copy',
    );
    assert.deepStrictEqual(r.out, { DestinationImageName: 'Finance-Copy' });
    assert.strictEqual(emu.requests({ operation: 'CopyImage' })[0].region, 'us-east-1');
    const state = async () =>
      (
        (await aws('appstream', 'describe-images', '--region', 'us-west-2', '--names', 'Finance-Copy')).out as {
          Images: { State: string }[];
        }
      ).Images[0].State;
    assert.strictEqual(await state(), 'COPYING');
    now += 60_000;
    assert.strictEqual(await state(), 'AVAILABLE');
  });

  it('delete-image goes through DELETING and is then gone; an image in use is refused', async () => {
    const r = await aws('appstream', 'delete-image', '--region', 'us-east-1', '--name', 'Image-00001');
    assert.strictEqual((r.out as { Image: { State: string } }).Image.State, 'DELETING');
    const still = await aws('appstream', 'describe-images', '--region', 'us-east-1', '--names', 'Image-00001');
    assert.strictEqual((still.out as { Images: { State: string }[] }).Images[0].State, 'DELETING');
    now += 5_000;
    const gone = await aws('appstream', 'describe-images', '--region', 'us-east-1', '--names', 'Image-00001');
    assert.notStrictEqual(gone.code, 0);
    assert.match(gone.stderr, /\(ResourceNotFoundException\) when calling the DescribeImages operation/);
    const inUse = await aws('appstream', 'delete-image', '--region', 'us-east-1', '--name', 'Engineering-Linux');
    assert.match(
      inUse.stderr,
      /An error occurred \(ResourceInUseException\) when calling the DeleteImage operation: The image Engineering-Linux is in use/,
    );
  });

  it('copy-workspace-image is sent to the destination region and returns the new ID', async () => {
    const r = await aws(
      'workspaces',
      'copy-workspace-image',
      '--region',
      'us-west-2',
      '--name',
      'Std-West',
      '--source-image-id',
      'wsi-abc123def',
      '--source-region',
      'us-east-1',
      '--tags',
      'Key=team,Value=it',
    );
    const id = (r.out as { ImageId: string }).ImageId;
    assert.match(id, /^wsi-[0-9a-z]{9}$/);
    const d = await aws('workspaces', 'describe-workspace-images', '--region', 'us-west-2', '--image-ids', id);
    assert.strictEqual((d.out as { Images: { State: string }[] }).Images[0].State, 'PENDING');
    const taken = await aws(
      'workspaces',
      'copy-workspace-image',
      '--region',
      'us-west-2',
      '--name',
      'Std-West',
      '--source-image-id',
      'wsi-abc123def',
      '--source-region',
      'us-east-1',
    );
    assert.match(taken.stderr, /\(ResourceAlreadyExistsException\)/);
  });

  it('answers a request that breaks a constraint with the ValidationException the CLI expects', async () => {
    const r = await aws(
      'appstream',
      'copy-image',
      '--region',
      'us-east-1',
      '--source-image-name',
      'Finance-Win2022',
      '--destination-image-name',
      'bad name!',
      '--destination-region',
      'us-west-2',
    );
    assert.strictEqual(r.code, 255);
    assert.match(
      r.stderr,
      /An error occurred \(ValidationException\) when calling the CopyImage operation: 1 validation error detected: Value 'bad name!' at 'destinationImageName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const bad = await aws('workspaces', 'describe-workspace-images', '--region', 'us-east-1', '--max-results', '26');
    assert.match(bad.stderr, /\(ValidationException\).*maxResults.*less than or equal to 25/);
    assert.strictEqual(emu.validationErrors().length, 2);
  });

  it('checks each request member exactly as the service models constrain it (botocore)', async () => {
    const ops = { appstream: Object.keys(APPSTREAM), workspaces: Object.keys(WORKSPACES) };
    const { stdout } = await run('python3', ['-c', BOTOCORE_SHAPES, JSON.stringify(ops)]);
    const models = JSON.parse(stdout) as Record<'appstream' | 'workspaces', Record<string, Record<string, unknown>>>;
    for (const [service, schema] of [
      ['appstream', APPSTREAM],
      ['workspaces', WORKSPACES],
    ] as const) {
      for (const [op, members] of Object.entries(schema)) {
        assert.deepStrictEqual(
          { type: 'structure', members: asModelMembers(members) },
          normalizeModel(models[service][op]),
          `${service} ${op}`,
        );
      }
    }
  });

  it('answers an unknown NextToken with an error', async () => {
    // --starting-token is the CLI's own; a raw NextToken goes through --cli-input-json.
    const raw = await aws(
      'appstream',
      'describe-images',
      '--region',
      'us-east-1',
      '--no-paginate',
      '--cli-input-json',
      '{"NextToken":"forged"}',
    );
    assert.match(raw.stderr, /\(ValidationException\).*Invalid pagination token/);
  });
});
