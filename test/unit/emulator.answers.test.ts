// Faults that break an answer after the work was done and a 200 status line was sent: what the client
// receives (raw HTTP and the real SDK), and that the work really happened.
import * as assert from 'node:assert';
import * as http from 'node:http';
import { AppStreamClient, CopyImageCommand, DescribeImagesCommand } from '@aws-sdk/client-appstream';
import { Emulator } from '../emulator/server';
import { startEndpoint } from '../support/localAws';

const credentials = { accessKeyId: 'AKIAANSWERTEST000000', secretAccessKey: 'x' };

interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body bytes as they arrive. */
  chunks: Buffer[];
  /** How the response ended: 'end' (complete), 'aborted' (cut short), or still pending. */
  ended: Promise<'end' | 'aborted'>;
}

describe('local endpoint: answers broken after a 200 status', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEndpoint();
  });
  afterEach(() => emu.stop());

  const appstream = () => new AppStreamClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  const copyBody = (name: string) =>
    JSON.stringify({ SourceImageName: 'Finance-Win2022', DestinationImageName: name, DestinationRegion: 'us-west-2' });
  const westNames = async (): Promise<string[]> =>
    (
      await new AppStreamClient({ region: 'us-west-2', endpoint: emu.url, credentials }).send(
        new DescribeImagesCommand({}),
      )
    ).Images!.map((i) => i.Name!);

  /** A raw CopyImage; resolves once the status line and headers are in. */
  function rawCopy(name: string): Promise<Received> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        emu.url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-amz-json-1.1',
            'X-Amz-Target': 'PhotonAdminProxyService.CopyImage',
            Authorization:
              'AWS4-HMAC-SHA256 Credential=AKIARAWHTTP000000000/20260101/us-east-1/appstream/aws4_request, SignedHeaders=host, Signature=0',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          const ended = new Promise<'end' | 'aborted'>((done) => {
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done('end'));
            res.on('aborted', () => done('aborted'));
            res.on('error', () => done('aborted'));
          });
          resolve({ status: res.statusCode!, headers: res.headers, chunks, ended });
        },
      );
      req.on('error', reject);
      req.end(copyBody(name));
    });
  }
  const bytes = (r: Received): number => Buffer.concat(r.chunks).length;
  async function until(what: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(what());
  }

  it('stall-after-headers: 200 and half the body, then silence until the stall is released; the copy was made', async () => {
    emu.inject({ kind: 'stall-after-headers', operation: 'CopyImage' });
    const r = await rawCopy('Half-Then-Nothing');
    assert.strictEqual(r.status, 200);
    const full = Number(r.headers['content-length']);
    await until(() => bytes(r) > 0);
    assert.ok(bytes(r) < full, `${bytes(r)} of ${full}`);
    assert.throws(() => JSON.parse(Buffer.concat(r.chunks).toString()) as unknown);
    assert.deepStrictEqual(
      emu.log.map((e) => [e.operation, e.status, e.error]),
      [['CopyImage', 0, 'StalledAfterHeaders']],
    );
    assert.ok((await westNames()).includes('Half-Then-Nothing'));
    // Held, not ended: only releasing the stall ends it, cut short.
    const state = await Promise.race([r.ended, new Promise((res) => setImmediate(() => res('pending')))]);
    assert.strictEqual(state, 'pending');
    assert.strictEqual(emu.releaseStalls(), 1);
    assert.strictEqual(await r.ended, 'aborted');
  });

  it('stall-after-headers: the SDK call stays pending until the stall is released, then fails', async () => {
    emu.inject({ kind: 'stall-after-headers', operation: 'DescribeImages' });
    let settled = false;
    const call = appstream()
      .send(new DescribeImagesCommand({}))
      .finally(() => (settled = true));
    const outcome = call.then(
      () => 'answered',
      (e: unknown) => (e as Error).name,
    );
    await until(() => emu.log.some((e) => e.error === 'StalledAfterHeaders'));
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(settled, false);
    emu.releaseStalls();
    assert.notStrictEqual(await outcome, 'answered');
  });

  it('drop-mid-body: 200 and half the body, then a connection reset; the copy was made', async () => {
    emu.inject({ kind: 'drop-mid-body', operation: 'CopyImage' });
    const r = await rawCopy('Half-Then-Reset');
    assert.strictEqual(r.status, 200);
    assert.strictEqual(await r.ended, 'aborted');
    assert.ok(
      bytes(r) > 0 && bytes(r) < Number(r.headers['content-length']),
      `${bytes(r)} of ${String(r.headers['content-length'])}`,
    );
    assert.deepStrictEqual(
      emu.log.map((e) => [e.status, e.error]),
      [[0, 'DroppedMidBody']],
    );
    assert.ok((await westNames()).includes('Half-Then-Reset'));
    emu.inject({ kind: 'drop-mid-body' });
    await assert.rejects(appstream().send(new DescribeImagesCommand({})));
  });

  it('bad-body: a complete 200 that is HTML, not JSON (injected over HTTP); the copy was made', async () => {
    const set = await fetch(`${emu.url}/_emulator/fault`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'bad-body', operation: 'CopyImage', times: 2 }),
    });
    assert.strictEqual(set.status, 200);
    const r = await rawCopy('Html-Answer');
    assert.strictEqual(await r.ended, 'end');
    assert.strictEqual(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    const text = Buffer.concat(r.chunks).toString();
    assert.match(text, /<html>.*proxy error/);
    assert.throws(() => JSON.parse(text) as unknown);
    assert.deepStrictEqual(
      emu.log.map((e) => [e.status, e.error]),
      [[0, 'BadBody']],
    );
    assert.ok((await westNames()).includes('Html-Answer'));
    await assert.rejects(
      appstream().send(
        new CopyImageCommand({
          SourceImageName: 'Finance-Win2022',
          DestinationImageName: 'Html-2',
          DestinationRegion: 'us-west-2',
        }),
      ),
    );
    assert.ok((await westNames()).includes('Html-2'));
  });

  it('chaos takes stallAfterHeaders and dropMidBody odds', async () => {
    emu.chaos({ dropMidBody: 1 });
    await assert.rejects(appstream().send(new DescribeImagesCommand({})));
    emu.chaos({ stallAfterHeaders: 1 });
    const held = appstream()
      .send(new DescribeImagesCommand({}))
      .then(
        () => 'answered',
        () => 'failed',
      );
    await until(() => emu.log.some((e) => e.error === 'StalledAfterHeaders'));
    emu.releaseStalls();
    assert.strictEqual(await held, 'failed');
    assert.deepStrictEqual(
      emu.log.map((e) => e.error),
      ['DroppedMidBody', 'StalledAfterHeaders'],
    );
  });
});
