// The clients' transport against the local endpoint: the whole answer has a deadline (a body that stalls after
// the headers fails a list and leaves a copy "outcome unknown", settled by looking), an answer broken after a 200
// is a lost answer (settled by looking, never resent), credentials have a deadline, and the clients of a profile
// share one connection pool.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Emulator } from '../emulator/server';
import { isolatedAws, startEndpoint, type IsolatedAws } from '../support/localAws';
import { ClientPool } from '../../src/aws/clients';
import { ImageApi } from '../../src/aws/images';
import { toFailure } from '../../src/aws/errors';
import type { ImageListKey } from '../../src/core/image';

/** Short enough for a test, long enough for the endpoint's own answers on a loaded machine. */
const ANSWER_MS = 1_000;

describe('transport: deadlines, broken answers, credentials, one connection pool', () => {
  let emu: Emulator;
  let aws: IsolatedAws;
  const pools: ClientPool[] = [];
  const key: ImageListKey = { profile: 'keys', region: 'us-east-1', service: 'appstream', listType: 'PRIVATE' };

  const api = (profile = 'keys', extra: Partial<ConstructorParameters<typeof ClientPool>[0]> = {}): ImageApi => {
    const pool = new ClientPool({ profile, logger: () => undefined, answerTimeoutMs: ANSWER_MS, ...extra });
    pools.push(pool);
    return new ImageApi(pool, profile);
  };
  const rejection = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
  const sent = (op: string): number => emu.log.filter((r) => r.operation === op).length;

  beforeEach(async () => {
    emu = await startEndpoint();
    aws = isolatedAws({ env: { AWS_ENDPOINT_URL: emu.url } });
    const dir = aws.dir;
    fs.writeFileSync(
      path.join(dir, 'slow-credentials.js'),
      [
        // Hangs (longer than the test's credential deadline) until the test writes "ready" beside it.
        `const fs = require('node:fs');`,
        `if (fs.existsSync(${JSON.stringify(path.join(dir, 'ready'))})) {`,
        `  console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIASLOWPROCESS00000', SecretAccessKey: 'very-secret-value' }));`,
        `} else setTimeout(() => undefined, 5000);`,
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        '[profile keys]',
        'region = us-east-1',
        '',
        '[profile slow]',
        'region = us-east-1',
        `credential_process = ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(dir, 'slow-credentials.js'))}`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      ['[keys]', 'aws_access_key_id = AKIAKEYSPROFILE00000', 'aws_secret_access_key = very-secret-value', ''].join(
        '\n',
      ),
    );
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });

  afterEach(async () => {
    for (const p of pools.splice(0)) p.reset();
    emu.releaseStalls();
    await emu.stop();
    aws.restore();
  });

  it('a list whose answer stalls after the headers fails at the deadline, as a timeout, and is not resent', async () => {
    const images = api();
    emu.inject({ kind: 'stall-after-headers', operation: 'DescribeImages' });
    const e = await rejection(images.listPage(key, undefined, 25));
    assert.strictEqual(
      toFailure(e, { region: 'us-east-1' }).message,
      'AWS did not answer in us-east-1 in 15 s. Check your network or proxy and retry.',
    );
    assert.strictEqual(sent('DescribeImages'), 1);
    // The connection of the stalled answer was given up; the next list works.
    assert.strictEqual((await images.listPage(key, undefined, 25)).items.length > 0, true);
  });

  it('a copy whose answer stalls after the headers is settled by looking: the copy is returned, CopyImage sent once', async () => {
    const images = api();
    const [source] = await images.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    emu.inject({ kind: 'stall-after-headers', operation: 'CopyImage' });
    emu.clearLog();
    const copy = await images.copy({ source, destRegion: 'eu-west-1', name: 'Stalled-Copy', startedAt: Date.now() });
    assert.deepStrictEqual(copy, { id: 'Stalled-Copy', state: 'COPYING' });
    assert.strictEqual(sent('CopyImage'), 1);
  });

  for (const kind of ['drop-mid-body', 'bad-body'] as const) {
    it(`a copy whose 200 answer is broken (${kind}) is a lost answer: found by looking, sent once (both services)`, async () => {
      const images = api();
      const [as] = await images.describe('appstream', 'us-east-1', ['Finance-Win2022']);
      const [ws] = await images.describe('workspaces', 'us-east-1', ['wsi-abc123def']);
      emu.inject({ kind, operation: 'CopyImage' });
      emu.clearLog();
      assert.deepStrictEqual(
        await images.copy({ source: as, destRegion: 'eu-west-1', name: `Broken-${kind}`, startedAt: Date.now() }),
        { id: `Broken-${kind}`, state: 'COPYING' },
      );
      assert.strictEqual(sent('CopyImage'), 1);
      emu.inject({ kind, operation: 'CopyWorkspaceImage' });
      const made = await images.copy({
        source: ws,
        destRegion: 'eu-west-1',
        name: `Broken-${kind}`,
        startedAt: Date.now(),
      });
      assert.match(made.id, /^wsi-/);
      assert.strictEqual(emu.world.region('eu-west-1').workspaces.get(made.id)?.image.Name, `Broken-${kind}`);
      assert.strictEqual(sent('CopyWorkspaceImage'), 1);
    });
  }

  it('a list whose answer is cut off or unreadable says so (with Retry), not "could not reach AWS"', async () => {
    const images = api();
    emu.inject({ kind: 'drop-mid-body', operation: 'DescribeImages', times: 3 });
    const cut = toFailure(await rejection(images.listPage(key, undefined, 25)), { region: 'us-east-1' });
    assert.deepStrictEqual(
      [cut.kind, cut.message],
      ['network', "AWS's answer in us-east-1 was cut off (ECONNRESET). Check your network or proxy and retry."],
    );
    emu.inject({ kind: 'bad-body', operation: 'DescribeImages' });
    const bad = toFailure(await rejection(images.listPage(key, undefined, 25)), { region: 'us-east-1' });
    assert.strictEqual(
      bad.message,
      "AWS's answer in us-east-1 could not be read (it was not what AWS sends; a proxy may have answered instead). Retry; if it keeps happening, check your proxy.",
    );
    assert.ok(!bad.message.includes('<html>'), 'the page that came instead is not quoted');
  });

  it('credentials that never come fail at their deadline, naming the profile and the fix; Retry tries the chain again', async () => {
    // 3 s, not less: the retry below spawns the credential process again, which takes over a second on a loaded machine.
    const images = api('slow', { credentialsTimeoutMs: 3000 });
    const e = await rejection(images.listPage({ ...key, profile: 'slow' }, undefined, 25));
    const f = toFailure(e, { region: 'us-east-1' });
    assert.deepStrictEqual([f.kind, f.userMustFix], ['credentials-timeout', true]);
    assert.strictEqual(
      f.message,
      'Getting credentials for profile "slow" took longer than 30 s: check its credential_process, or run "aws sso login --profile slow", then retry.',
    );
    assert.strictEqual(emu.log.length, 0, 'nothing was sent');
    fs.writeFileSync(path.join(aws.dir, 'ready'), '');
    images.pool.reset();
    await images.listPage({ ...key, profile: 'slow' }, undefined, 25);
    assert.deepStrictEqual(
      emu.log.map((r) => r.accessKeyId),
      ['AKIASLOWPROCESS00000'],
    );
  });

  it('the clients of a profile share one connection pool, closed after a reset once nothing is in flight', async () => {
    let opened = 0;
    let closed = 0;
    const sockets = new Set<net.Socket>();
    const port = Number(new URL(emu.url).port);
    const proxy = net.createServer((down) => {
      opened++;
      sockets.add(down);
      const up = net.connect(port, '127.0.0.1');
      down.pipe(up).pipe(down);
      const end = (): void => void (down.destroy(), up.destroy());
      down.once('close', () => void (closed++, end()));
      down.on('error', end);
      up.on('error', end);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      const images = api('keys', { retireGraceMs: 20 });
      const [source] = await images.describe('appstream', 'us-east-1', ['Finance-Win2022']);
      await images.listPage({ ...key, service: 'workspaces', listType: 'OWNED', region: 'eu-west-1' }, undefined, 5);
      await images.copy({ source, destRegion: 'eu-west-1', name: 'Pooled-Copy', startedAt: Date.now() });
      assert.strictEqual(emu.log.length, 3, 'three clients: AppStream and WorkSpaces reads, AppStream writes');
      assert.strictEqual(opened, 1, 'one connection for all of them');
      // A request in flight across a reset finishes on the old pool, which closes after it.
      emu.latencyMs = 100;
      const inFlight = images.listPage(key, undefined, 5);
      await new Promise((r) => setTimeout(r, 30));
      images.pool.reset();
      assert.ok((await inFlight).items.length > 0);
      for (let i = 0; i < 100 && closed < 1; i++) await new Promise((r) => setTimeout(r, 10));
      assert.strictEqual(closed, 1, 'the old pool closed its connection');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });
});
