// The local endpoint under bad input and under the faults tests inject: it never crashes or hangs, bad
// requests get AWS's error shape, and each fault looks to the real SDK clients as it would from AWS.
import * as assert from 'node:assert';
import * as http from 'node:http';
import {
  AppStreamClient,
  CopyImageCommand,
  DeleteImageCommand,
  DescribeImagesCommand,
  type AppStreamClientConfig,
} from '@aws-sdk/client-appstream';
import {
  WorkSpacesClient,
  CopyWorkspaceImageCommand,
  DescribeWorkspaceImagesCommand,
} from '@aws-sdk/client-workspaces';
import { Emulator } from '../emulator/server';
import { startEndpoint } from '../support/localAws';

const credentials = { accessKeyId: 'AKIAFAULTTEST0000000', secretAccessKey: 'x' };
const MiB = 1024 * 1024;
const json = { 'Content-Type': 'application/json' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The connection failed without an answer, as the SDK reports it. */
const connectionError = (e: unknown): boolean =>
  /socket hang up|ECONNRESET|EPIPE|ECONNREFUSED/.test(`${(e as Error).message} ${(e as { code?: string }).code}`);

describe('local endpoint: bad input over raw HTTP', () => {
  let emu: Emulator;
  const escaped: unknown[] = [];
  const onEscape = (e: unknown): void => void escaped.push(e);

  before(() => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });
  after(() => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
  });
  beforeEach(async () => {
    escaped.length = 0;
    emu = await startEndpoint();
  });
  afterEach(() => emu.stop());

  /** A signed-looking AWS request (the emulator reads the scope, it does not check signatures). */
  const awsHeaders = (operation: string, region = 'us-east-1'): Record<string, string> => ({
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': `PhotonAdminProxyService.${operation}`,
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIARAWHTTP000000000/20260101/${region}/appstream/aws4_request, SignedHeaders=host, Signature=0`,
  });

  /** Controls take JSON only (guard.ts); AWS calls pass their own headers. */
  async function post(
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ): Promise<Answer> {
    const res = await fetch(emu.url + path, { method: 'POST', body, headers });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const aws = (body: string | Buffer, operation = 'DescribeImages'): Promise<Answer> =>
    post('/', body, awsHeaders(operation));

  /** Sends the body in chunks without a Content-Length, as a client streaming an upload would. */
  function postChunked(path: string, headers: Record<string, string>, chunk: Buffer, count: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        emu.url + path,
        { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
        },
      );
      // Writing on after the server has answered and closed fails with EPIPE/ECONNRESET: expected here.
      req.on('error', (e) => (connectionError(e) ? undefined : reject(e)));
      let sent = 0;
      const pump = (): void => {
        while (sent < count) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  /** The server is alive and well: a normal request still works, and nothing escaped as an unhandled error. */
  async function stillServes(): Promise<void> {
    const client = new AppStreamClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
    const out = await client.send(new DescribeImagesCommand({ Type: 'PUBLIC' }));
    assert.strictEqual(out.Images!.length, 2);
    assert.deepStrictEqual(escaped, []);
  }

  it('malformed JSON on a control route is a 400 {error}, not a crash', async () => {
    for (const path of ['/_emulator/fault', '/_emulator/latency', '/_emulator/chaos', '/_emulator/reset']) {
      const r = await post(path, '{"kind": "throttle",');
      assert.strictEqual(r.status, 400, path);
      assert.match(String(r.body.error), /not valid JSON/);
    }
    assert.strictEqual((await post('/_emulator/nonsense', '{}')).status, 404);
    await stillServes();
  });

  it('latency and copy-delay take only a number of milliseconds; anything else is a 400 that changes nothing', async () => {
    for (const body of ['{"ms": null}', '{"ms": "100"}', '{"ms": -5}', '{"ms": true}', '{}', '[100]', 'null', '']) {
      const r = await post('/_emulator/latency', body);
      assert.strictEqual(r.status, 400, body);
      assert.match(String(r.body.error), /"ms"/);
      assert.strictEqual((await post('/_emulator/copy-delay', body)).status, 400, body);
    }
    assert.strictEqual(emu.latencyMs, 0);
    assert.strictEqual(emu.world.copyDelayMs, 5000);
    assert.strictEqual((await post('/_emulator/latency', '{"ms": 0.5}')).status, 200);
    assert.strictEqual(emu.latencyMs, 0.5);
    await stillServes();
  });

  it('faults and chaos that are not well formed are refused, over HTTP and in process', async () => {
    for (const body of [
      '{"kind": "meteor"}',
      '{"kind": "stall", "times": 0}',
      '{"kind": "stall", "times": 1.5}',
      '{"kind": "drop", "operation": 7}',
      '{"kind": "drop", "typo": 1}',
      '[]',
    ]) {
      const r = await post('/_emulator/fault', body);
      assert.strictEqual(r.status, 400, body);
      assert.ok(r.body.error, body);
    }
    for (const body of ['{"throttle": 2}', '{"drop": 0.6, "stall": 0.6}', '{"seed": "x"}', '{"lag": 0.1}', '[]']) {
      assert.strictEqual((await post('/_emulator/chaos', body)).status, 400, body);
    }
    assert.throws(() => emu.inject({ kind: 'meteor' as 'drop' }), TypeError);
    assert.throws(() => emu.chaos({ throttle: -0.1 }), RangeError);
    await stillServes(); // and no fault was queued by any of the above
  });

  it("malformed or non-object JSON to AWS is a SerializationException in AWS's error shape", async () => {
    for (const body of ['{"Names": [', 'not json', '[]', '"x"', '42', 'null']) {
      const r = await aws(body);
      assert.strictEqual(r.status, 400, body);
      assert.strictEqual(r.body.__type, 'SerializationException', body);
      assert.strictEqual(typeof r.body.message, 'string');
    }
    assert.strictEqual(emu.validationErrors().length, 6);
    await stillServes();
  });

  it('JSON nested deeper than 64 levels is refused before parsing; 64 levels still get a normal answer', async () => {
    const nest = (n: number): string => `{"Names": ${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
    const deep = await aws(nest(200_000));
    assert.strictEqual(deep.status, 400);
    assert.strictEqual(deep.body.__type, 'SerializationException');
    assert.match(String(deep.body.message), /deeper than 64/);
    assert.strictEqual((await aws(nest(65))).body.__type, 'SerializationException');
    // 64 levels: parsed and validated like any request (Names holds strings, not lists).
    const ok = await aws(nest(64));
    assert.strictEqual(ok.body.__type, 'ValidationException');
    // Brackets inside strings do not count.
    assert.strictEqual(
      (await aws(JSON.stringify({ Names: ['['.repeat(1000)] }))).body.__type,
      'ResourceNotFoundException',
    );
    assert.strictEqual((await post('/_emulator/fault', `{"kind": ${'['.repeat(100)}`)).status, 400);
    // The log, which holds every request's params, can still be served.
    assert.strictEqual((await fetch(`${emu.url}/_emulator/log`)).status, 200);
    await stillServes();
  });

  it('a body over 1 MiB gets 413 and is not read to the end, with or without a Content-Length', async () => {
    const big = Buffer.alloc(MiB + 1, 0x20);
    const declared = await aws(big);
    assert.strictEqual(declared.status, 413);
    assert.strictEqual(declared.body.__type, 'RequestEntityTooLargeException');
    assert.strictEqual(typeof declared.body.message, 'string');
    // 64 MiB streamed: answered once the first MiB is exceeded.
    const streamed = await postChunked('/', awsHeaders('DescribeImages'), Buffer.alloc(64 * 1024, 0x20), 1024);
    assert.strictEqual(streamed.status, 413);
    assert.strictEqual(streamed.body.__type, 'RequestEntityTooLargeException');
    const control = await postChunked(
      '/_emulator/latency',
      { 'Content-Type': 'application/json' },
      Buffer.alloc(64 * 1024, 0x20),
      1024,
    );
    assert.strictEqual(control.status, 413);
    assert.ok(control.body.error);
    // Exactly 1 MiB is allowed (and then answered on its merits).
    const padded = `{"Type": "PUBLIC"${' '.repeat(MiB - 18)}}`;
    assert.strictEqual(Buffer.byteLength(padded), MiB);
    assert.strictEqual((await aws(padded)).status, 200);
    await stillServes();
  });

  it('a client that disconnects mid-body is let go without an unhandled error', async () => {
    for (const path of ['/', '/_emulator/fault']) {
      await new Promise<void>((resolve) => {
        const headers = { ...awsHeaders('DescribeImages'), ...(path === '/' ? {} : json), 'Content-Length': '1000' };
        const req = http.request(emu.url + path, { method: 'POST', headers });
        req.on('error', () => undefined);
        req.write('{"Type": ', () =>
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 20),
        );
      });
    }
    for (let i = 0; i < 50 && !emu.log.some((r) => r.error === 'ClientAborted'); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepStrictEqual(
      emu.log.map((r) => [r.status, r.error]),
      [[0, 'ClientAborted']],
    );
    await new Promise((r) => setTimeout(r, 20));
    await stillServes();
  });

  it('an unexpected error inside the endpoint is a 500 InternalFailure (AWS shape) or a 500 {error} (control)', async () => {
    const world = emu.world;
    Object.defineProperty(emu, 'world', {
      configurable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const r = await aws('{}');
    assert.strictEqual(r.status, 500);
    assert.strictEqual(r.body.__type, 'InternalFailure');
    assert.match(String(r.body.message), /boom/);
    assert.deepStrictEqual([emu.log[0].status, emu.log[0].error], [500, 'InternalFailure']);
    const c = await post('/_emulator/settle', '');
    assert.strictEqual(c.status, 500);
    assert.match(String(c.body.error), /boom/);
    Object.defineProperty(emu, 'world', { configurable: true, writable: true, value: world });
    await stillServes();
  });

  it("requests that are not AWS calls get AWS's error shape", async () => {
    const get = await fetch(emu.url);
    assert.strictEqual(get.status, 400);
    assert.strictEqual(((await get.json()) as Record<string, unknown>).__type, 'UnknownOperationException');
    const unsigned = await post('/', '{}', { 'X-Amz-Target': 'PhotonAdminProxyService.DescribeImages' });
    assert.deepStrictEqual([unsigned.status, unsigned.body.__type], [403, 'MissingAuthenticationTokenException']);
    const unknown = await aws('{}', 'LaunchRocket');
    assert.deepStrictEqual([unknown.status, unknown.body.__type], [400, 'UnknownOperationException']);
    await stillServes();
  });
});

describe('local endpoint: faults as the real SDK clients see them', () => {
  let emu: Emulator;
  const appstream = (region = 'us-east-1', extra: AppStreamClientConfig = {}) =>
    new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts: 1, ...extra });
  const workspaces = (region = 'us-east-1') =>
    new WorkSpacesClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const copyToWest = (name: string) =>
    new CopyImageCommand({
      SourceImageName: 'Finance-Win2022',
      DestinationImageName: name,
      DestinationRegion: 'us-west-2',
    });
  const westImage = async (name: string) => {
    try {
      return (await appstream('us-west-2').send(new DescribeImagesCommand({ Names: [name] }))).Images![0];
    } catch (e) {
      if ((e as Error).name === 'ResourceNotFoundException') return undefined;
      throw e;
    }
  };

  beforeEach(async () => {
    emu = await startEndpoint();
  });
  afterEach(() => emu.stop());

  it('stall: the request is read and never answered, so the client times out and nothing changes', async () => {
    emu.inject({ kind: 'stall', operation: 'CopyImage' });
    const impatient = appstream('us-east-1', { requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true } });
    const t0 = Date.now();
    await assert.rejects(
      impatient.send(copyToWest('Stalled-Copy')),
      (e: unknown) => (e as Error).name === 'TimeoutError',
    );
    assert.ok(Date.now() - t0 < 2000);
    assert.strictEqual(await westImage('Stalled-Copy'), undefined);
    const stalled = emu.requests({ operation: 'CopyImage' });
    assert.deepStrictEqual(
      stalled.map((r) => [r.status, r.error, r.params.DestinationImageName]),
      [[0, 'Stalled', 'Stalled-Copy']],
    );
  });

  it('stall: releaseStalls() and POST /_emulator/release-stalls close held requests; stop() does not wait for them', async () => {
    emu.inject({ kind: 'stall', times: 2 });
    const held = [
      appstream().send(new DescribeImagesCommand({})),
      workspaces().send(new DescribeWorkspaceImagesCommand({})),
    ];
    const outcomes = held.map((p) =>
      p.then(
        () => 'answered',
        (e: unknown) => (connectionError(e) ? 'reset' : String(e)),
      ),
    );
    for (let i = 0; i < 100 && emu.log.filter((r) => r.error === 'Stalled').length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const released = await (
      await fetch(`${emu.url}/_emulator/release-stalls`, { method: 'POST', headers: json })
    ).json();
    assert.deepStrictEqual(released, { released: 2 });
    assert.deepStrictEqual(await Promise.all(outcomes), ['reset', 'reset']);
    assert.strictEqual(emu.releaseStalls(), 0);
    // One more stalled request is simply cut off when the endpoint stops.
    emu.inject({ kind: 'stall' });
    const last = appstream()
      .send(new DescribeImagesCommand({}))
      .then(
        () => 'answered',
        (e: unknown) => (connectionError(e) ? 'reset' : String(e)),
      );
    for (let i = 0; i < 100 && emu.log.filter((r) => r.error === 'Stalled').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await emu.stop();
    assert.strictEqual(await last, 'reset');
  });

  it('drop-after: the copy and the delete really happen, but the client only sees a connection error', async () => {
    emu.inject({ kind: 'drop-after', operation: 'CopyImage' });
    await assert.rejects(appstream().send(copyToWest('Dropped-Copy')), connectionError);
    assert.strictEqual((await westImage('Dropped-Copy'))?.State, 'COPYING');
    emu.inject({ kind: 'drop-after', operation: 'DeleteImage' });
    await assert.rejects(appstream().send(new DeleteImageCommand({ Name: 'Image-00001' })), connectionError);
    const after = await appstream().send(new DescribeImagesCommand({ Names: ['Image-00001'] }));
    assert.strictEqual(after.Images![0].State, 'DELETING');
    assert.deepStrictEqual(
      emu.log.filter((r) => r.status === 0).map((r) => [r.operation, r.error]),
      [
        ['CopyImage', 'DroppedAfterWork'],
        ['DeleteImage', 'DroppedAfterWork'],
      ],
    );
    // A retry of the copy now meets the work already done.
    await assert.rejects(
      appstream().send(copyToWest('Dropped-Copy')),
      (e: unknown) => (e as Error).name === 'ResourceAlreadyExistsException',
    );
  });

  it('error-after: a 500 InternalFailure although the work was done (injected over HTTP)', async () => {
    const r = await fetch(`${emu.url}/_emulator/fault`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ kind: 'error-after', operation: 'CopyWorkspaceImage' }),
    });
    assert.strictEqual(r.status, 200);
    await assert.rejects(
      workspaces().send(
        new CopyWorkspaceImageCommand({
          Name: 'After-Error',
          SourceImageId: 'wsi-abc123def',
          SourceRegion: 'us-east-1',
        }),
      ),
      (e: unknown) =>
        (e as Error).name === 'InternalFailure' &&
        (e as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode === 500,
    );
    const images = (await workspaces().send(new DescribeWorkspaceImagesCommand({ ImageType: 'OWNED' }))).Images!;
    assert.strictEqual(images.filter((i) => i.Name === 'After-Error').length, 1);
    assert.deepStrictEqual([emu.log[0].status, emu.log[0].error], [500, 'InternalFailure']);
  });

  it('the existing kinds still work, and faults are taken in order, per operation and region', async () => {
    emu.inject({ kind: 'access-denied', operation: 'DescribeImages', region: 'us-west-2' });
    emu.inject({ kind: 'expired-token', operation: 'DescribeImages' });
    emu.inject({ kind: 'server-error', times: 2 });
    const names: string[] = [];
    for (const region of ['us-east-1', 'us-west-2', 'us-east-1', 'us-east-1', 'us-east-1']) {
      names.push(
        await appstream(region)
          .send(new DescribeImagesCommand({ Type: 'PUBLIC' }))
          .then(
            () => 'ok',
            (e: unknown) => (e as Error).name,
          ),
      );
    }
    assert.deepStrictEqual(names, [
      'ExpiredTokenException',
      'AccessDeniedException',
      'InternalFailure',
      'InternalFailure',
      'ok',
    ]);
  });

  it('chaos: seeded odds give the same faults for the same requests, and can be turned off', async () => {
    const odds = { throttle: 0.25, serverError: 0.15, drop: 0.1, stall: 0.05, seed: 42 };
    const impatient = () =>
      appstream('us-east-1', { requestHandler: { requestTimeout: 500, throwOnRequestTimeout: true } });
    const run = async (): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++) {
        out.push(
          await impatient()
            .send(new DescribeImagesCommand({ Type: 'PUBLIC' }))
            .then(
              () => 'ok',
              (e: unknown) => (connectionError(e) ? 'reset' : (e as Error).name),
            ),
        );
      }
      return out;
    };
    emu.chaos(odds);
    const first = await run();
    const logged = emu.log.map((r) => r.error ?? 'ok');
    emu.reset(); // clears chaos
    assert.deepStrictEqual(await run(), Array(20).fill('ok'));
    emu.reset();
    const r = await fetch(`${emu.url}/_emulator/chaos`, { method: 'POST', headers: json, body: JSON.stringify(odds) });
    assert.strictEqual(r.status, 200);
    assert.deepStrictEqual(await run(), first);
    assert.deepStrictEqual(
      emu.log.map((x) => x.error ?? 'ok'),
      logged,
    );
    // Every kind turned up, and most requests got through.
    assert.deepStrictEqual(
      new Set(first),
      new Set(['ok', 'ThrottlingException', 'InternalFailure', 'reset', 'TimeoutError']),
    );
    assert.ok(first.filter((x) => x === 'ok').length >= 5, first.join());
    emu.chaos({ ...odds, seed: 7 });
    assert.notDeepStrictEqual(await run(), first);
    await fetch(`${emu.url}/_emulator/chaos`, { method: 'POST', headers: json, body: 'null' });
    assert.deepStrictEqual(await run(), Array(20).fill('ok'));
    // Control routes never roll the dice.
    emu.chaos({ drop: 1 });
    assert.strictEqual((await fetch(`${emu.url}/_emulator/log`)).status, 200);
    emu.chaos(undefined);
  });

  it('a 101-character AppStream name is valid (the model has only the pattern); 102 is not', async () => {
    const name101 = `A${'b'.repeat(100)}`;
    assert.deepStrictEqual((await appstream().send(copyToWest(name101))).DestinationImageName, name101);
    assert.strictEqual((await westImage(name101))?.Name, name101);
    await assert.rejects(
      appstream().send(copyToWest(`${name101}c`)),
      (e: unknown) =>
        (e as Error).name === 'ValidationException' &&
        /destinationImageName.*regular expression/.test((e as Error).message),
    );
    assert.strictEqual(emu.validationErrors().length, 1);
  });

  it('a region where the service does not exist is unreachable: the connection closes unanswered', async () => {
    await assert.rejects(appstream('mars-1').send(new DescribeImagesCommand({})), connectionError);
    await assert.rejects(appstream('cn-northwest-1').send(new DescribeImagesCommand({})), connectionError);
    await assert.rejects(workspaces('eu-south-1').send(new DescribeWorkspaceImagesCommand({})), connectionError);
    assert.deepStrictEqual(
      emu.log.map((r) => [r.service, r.region, r.status, r.error]),
      [
        ['appstream', 'mars-1', 0, 'NoSuchEndpoint'],
        ['appstream', 'cn-northwest-1', 0, 'NoSuchEndpoint'],
        ['workspaces', 'eu-south-1', 0, 'NoSuchEndpoint'],
      ],
    );
    // Where the service exists, the same calls are answered; the SDK's own retries resend an unreachable one.
    assert.strictEqual(
      (await workspaces('cn-northwest-1').send(new DescribeWorkspaceImagesCommand({}))).$metadata.httpStatusCode,
      200,
    );
    emu.clearLog();
    await assert.rejects(appstream('mars-1', { maxAttempts: 2 }).send(new DescribeImagesCommand({})), connectionError);
    assert.strictEqual(emu.log.length, 2);
  });
});
