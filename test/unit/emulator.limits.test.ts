// The local endpoint's own limits and clock: AWS's clock ahead or behind, a bounded request log and paging
// tokens that expire, page sizes bounded as the models say, controls only for same-origin JSON, and caps on
// connections and on slow requests.
import * as assert from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import {
  AppStreamClient,
  CopyImageCommand,
  DescribeImageBuildersCommand,
  DescribeImagePermissionsCommand,
  DescribeImagesCommand,
} from '@aws-sdk/client-appstream';
import {
  WorkSpacesClient,
  DescribeWorkspaceImagePermissionsCommand,
  DescribeWorkspaceImagesCommand,
} from '@aws-sdk/client-workspaces';
import { Emulator, type EmulatorOptions } from '../emulator/server';
import { Pager } from '../emulator/paging';
import { startEndpoint } from '../support/localAws';

const credentials = { accessKeyId: 'AKIALIMITSTEST000000', secretAccessKey: 'x' };
const json = { 'Content-Type': 'application/json' };
const HOUR = 3600_000;
const name = (e: unknown): string => (e as Error).name;

describe('local endpoint: clock, limits and who may use the controls', () => {
  let emu: Emulator;
  const start = async (opts: EmulatorOptions = {}): Promise<void> => {
    emu = await startEndpoint({ scenario: 'default', ...opts });
  };
  afterEach(() => emu.stop());
  const appstream = (region = 'us-east-1') =>
    new AppStreamClient({ region, endpoint: emu.url, credentials, maxAttempts: 1 });
  const workspaces = () =>
    new WorkSpacesClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });

  /** A raw request with exactly these headers (Host and Origin included). */
  function raw(
    path: string,
    method: string,
    headers: Record<string, string>,
    body = '',
  ): Promise<{ status: number; text: string; date?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(emu.url + path, { method, headers, setHost: !('Host' in headers) }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text, date: res.headers.date }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const port = (): string => new URL(emu.url).port;

  it("AWS's clock: the Date header and the times the endpoint stamps follow clockOffsetMs (option and control)", async () => {
    const t = Date.UTC(2026, 0, 15, 12, 0, 0);
    await start({ now: () => t, clockOffsetMs: 2 * HOUR });
    const out = await appstream().send(new DescribeImagesCommand({ Type: 'PRIVATE' }));
    assert.ok(out.Images!.length > 0);
    const first = await raw('/_emulator/log', 'GET', {});
    assert.strictEqual(first.date, new Date(t + 2 * HOUR).toUTCString());
    await appstream().send(
      new CopyImageCommand({
        SourceImageName: 'Finance-Win2022',
        DestinationImageName: 'Stamped',
        DestinationRegion: 'us-west-2',
      }),
    );
    const copy = (await appstream('us-west-2').send(new DescribeImagesCommand({ Names: ['Stamped'] }))).Images![0];
    assert.strictEqual(copy.CreatedTime!.getTime(), t + 2 * HOUR);
    const set = await raw('/_emulator/clock-offset', 'POST', json, JSON.stringify({ ms: -90_000 }));
    assert.strictEqual(set.status, 200);
    assert.strictEqual((await raw('/', 'POST', {})).date, new Date(t - 90_000).toUTCString());
    assert.strictEqual((await raw('/_emulator/clock-offset', 'POST', json, '{"ms": "soon"}')).status, 400);
  });

  it('the request log keeps the newest entries only, and a large body is logged as a summary', async () => {
    await start({ maxLogEntries: 5 });
    for (let i = 0; i < 8; i++) await appstream().send(new DescribeImagesCommand({ Type: 'PUBLIC' }));
    assert.deepStrictEqual(
      emu.log.map((r) => r.seq),
      [4, 5, 6, 7, 8],
    );
    const long = 'd'.repeat(10_000);
    await assert.rejects(
      appstream().send(
        new CopyImageCommand({
          SourceImageName: 'Finance-Win2022',
          DestinationImageName: 'Long-Description',
          DestinationRegion: 'us-west-2',
          DestinationImageDescription: long,
        }),
      ),
      (e: unknown) => name(e) === 'ValidationException',
    );
    const params = emu.log[emu.log.length - 1].params;
    assert.strictEqual(params.SourceImageName, 'Finance-Win2022');
    assert.strictEqual(params.DestinationImageDescription, '(10002 characters, not kept)');
    assert.match(String(params._truncated), /request body had \d+ characters/);
    assert.ok(JSON.stringify(params).length < 4096);
  });

  it('requests refused as invalid are kept until the log is cleared or reset; the first ones since start stay', async () => {
    await start();
    const invalid = () =>
      assert.rejects(
        appstream().send(new DescribeImagesCommand({ MaxResults: 26 })),
        (e: unknown) => name(e) === 'ValidationException',
      );
    await invalid();
    assert.strictEqual(emu.validationErrors().length, 1);
    emu.clearLog();
    assert.deepStrictEqual(emu.validationErrors(), []);
    await invalid();
    emu.reset();
    assert.deepStrictEqual(emu.validationErrors(), []);
    assert.deepStrictEqual(
      emu.validationErrorsSinceStart().map((r) => r.params),
      [{ MaxResults: 26 }, { MaxResults: 26 }],
    );
  });

  it("a paging token expires after 10 minutes by AWS's clock, with the error an invalid token gets", async () => {
    let t = Date.UTC(2026, 0, 15);
    await start({ now: () => t });
    const first = await appstream().send(new DescribeImagesCommand({ Type: 'PRIVATE', MaxResults: 1 }));
    const second = await appstream().send(
      new DescribeImagesCommand({ Type: 'PRIVATE', MaxResults: 1, NextToken: first.NextToken }),
    );
    t += 10 * 60_000 + 1000;
    await assert.rejects(
      appstream().send(new DescribeImagesCommand({ Type: 'PRIVATE', MaxResults: 1, NextToken: second.NextToken })),
      (e: unknown) => name(e) === 'ValidationException' && /Invalid pagination token/.test((e as Error).message),
    );
  });

  it('at most so many paging tokens are kept: the oldest is refused first', () => {
    const pager = new Pager(() => 0, 2);
    const items = [1, 2, 3, 4, 5];
    const tokens = [0, 1, 2].map(() => pager.page(items, 'q', 1, undefined).next!);
    assert.throws(() => pager.page(items, 'q', 1, tokens[0]), /Invalid pagination token/);
    assert.deepStrictEqual(pager.page(items, 'q', 1, tokens[2]).items, [2]);
  });

  it('every MaxResults is bounded: out of range is a ValidationException (DescribeImageBuilders -1 no longer pages for ever)', async () => {
    await start();
    const refused = (p: Promise<unknown>) =>
      assert.rejects(p, (e: unknown) => name(e) === 'ValidationException' && /maxResults/.test((e as Error).message));
    await refused(appstream().send(new DescribeImageBuildersCommand({ MaxResults: -1 })));
    await refused(appstream().send(new DescribeImageBuildersCommand({ MaxResults: 26 })));
    assert.strictEqual(
      (await appstream().send(new DescribeImageBuildersCommand({ MaxResults: 0 }))).ImageBuilders!.length,
      5,
    );
    await refused(appstream().send(new DescribeImagesCommand({ MaxResults: 26 })));
    await refused(appstream().send(new DescribeImagePermissionsCommand({ Name: 'Finance-Win2022', MaxResults: 501 })));
    await refused(workspaces().send(new DescribeWorkspaceImagesCommand({ MaxResults: 0 })));
    await refused(
      workspaces().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: 'wsi-abc123def', MaxResults: 26 })),
    );
  });

  it('the controls take same-origin JSON only: a foreign Origin or Host is 403, another content type 415, GET of a change 405', async () => {
    await start();
    const fault = JSON.stringify({ kind: 'throttle' });
    const own = { Host: `127.0.0.1:${port()}`, ...json };
    assert.strictEqual(
      (await raw('/_emulator/fault', 'POST', { ...own, Origin: 'http://evil.example' }, fault)).status,
      403,
    );
    assert.strictEqual((await raw('/_emulator/fault', 'POST', { ...own, Origin: 'null' }, fault)).status, 403);
    assert.strictEqual(
      (await raw('/_emulator/fault', 'POST', { ...own, Host: `evil.example:${port()}` }, fault)).status,
      403,
    );
    assert.strictEqual((await raw('/_emulator/fault', 'POST', { ...own, Host: '127.0.0.1:1' }, fault)).status, 403);
    assert.strictEqual(
      (await raw('/_emulator/fault', 'POST', { ...own, 'Content-Type': 'text/plain' }, fault)).status,
      415,
    );
    assert.strictEqual(
      (await raw('/_emulator/fault', 'POST', { ...own, 'Content-Type': 'application/x-www-form-urlencoded' }, fault))
        .status,
      415,
    );
    assert.strictEqual((await raw('/_emulator/log', 'GET', { ...own, Origin: 'http://evil.example' })).status, 403);
    // None of the above queued anything.
    assert.strictEqual((await appstream().send(new DescribeImagesCommand({ Type: 'PUBLIC' }))).Images!.length, 2);
    emu.inject({ kind: 'throttle' });
    assert.strictEqual((await raw('/_emulator/reset', 'GET', own)).status, 405);
    await assert.rejects(
      appstream().send(new DescribeImagesCommand({ Type: 'PUBLIC' })),
      (e: unknown) => name(e) === 'ThrottlingException',
    );
    // The endpoint's own origin, by either name, is welcome.
    const local = {
      Host: `localhost:${port()}`,
      Origin: `http://localhost:${port()}`,
      'Content-Type': 'application/json; charset=utf-8',
    };
    assert.strictEqual((await raw('/_emulator/fault', 'POST', local, fault)).status, 200);
    assert.strictEqual((await raw('/_emulator/log', 'GET', { Host: `127.0.0.1:${port()}` })).status, 200);
  });

  /** A raw TCP connection; `closed` resolves with everything received when the server closes it. */
  function connect(): Promise<{ socket: net.Socket; closed: Promise<string> }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port()), '127.0.0.1', () => resolve({ socket, closed }));
      let got = '';
      socket.on('data', (d: Buffer) => (got += d.toString()));
      const closed = new Promise<string>((done) => socket.on('close', () => done(got)));
      socket.on('error', () => undefined);
      socket.once('error', reject);
    });
  }

  it('connections beyond the cap are closed at once, unanswered; below it, requests are served', async () => {
    await start({ maxConnections: 3 });
    const open = await Promise.all([connect(), connect(), connect()]);
    const extra = await connect();
    extra.socket.write(`GET /_emulator/log HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\n\r\n`);
    assert.strictEqual(await extra.closed, '');
    open[0].socket.destroy();
    await open[0].closed;
    const next = await connect();
    next.socket.write(`GET /_emulator/log HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nConnection: close\r\n\r\n`);
    assert.match(await next.closed, /^HTTP\/1\.1 200/);
    for (const c of open) c.socket.destroy();
  });

  it('connections the endpoint holds on purpose (stall faults) do not count against the cap', async () => {
    await start({ maxConnections: 2 });
    emu.inject({ kind: 'stall', times: 3 });
    const held = [0, 1, 2].map(() =>
      appstream()
        .send(new DescribeImagesCommand({}))
        .then(
          () => 'answered',
          () => 'released',
        ),
    );
    for (let i = 0; i < 200 && emu.log.filter((r) => r.error === 'Stalled').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.strictEqual((await appstream().send(new DescribeImagesCommand({ Type: 'PUBLIC' }))).Images!.length, 2);
    assert.strictEqual(emu.releaseStalls(), 3);
    assert.deepStrictEqual(await Promise.all(held), ['released', 'released', 'released']);
  });

  it('a request whose headers or body never finish gets 408; a stall the endpoint chose outlives the deadline', async () => {
    await start({ requestTimeoutMs: 200 });
    const headers = await connect();
    headers.socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\n`);
    assert.match(await headers.closed, /^HTTP\/1\.1 408/);
    const body = await connect();
    body.socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nContent-Length: 100\r\n\r\n{"Type":`);
    assert.match(await body.closed, /^HTTP\/1\.1 408/);
    emu.inject({ kind: 'stall' });
    let settled = false;
    const held = appstream()
      .send(new DescribeImagesCommand({}))
      .catch(() => undefined)
      .finally(() => (settled = true));
    for (let i = 0; i < 200 && !emu.log.some((r) => r.error === 'Stalled'); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 1000)); // several deadlines and deadline checks
    assert.strictEqual(settled, false);
    assert.strictEqual(emu.releaseStalls(), 1);
    await held;
  });
});
