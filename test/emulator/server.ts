// The local AppStream 2.0 + WorkSpaces endpoint. One port serves both services (dispatch on X-Amz-Target);
// the calling region comes from the SigV4 credential scope. Binds to 127.0.0.1 only.
//
// Test controls: per-request latency, faults queued on demand (faults.ts), seeded chaos for the benchmark,
// AWS's clock ahead or behind (clockOffsetMs), a request log, and the same controls over HTTP under
// /_emulator/ for tests in another process. One request's path through it is serve.ts.
//
// It never crashes or hangs on input (serve.ts), and its memory and connections are bounded (log.ts,
// paging.ts, guard.ts).

import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AppStreamService } from './appstream';
import { BuilderService } from './builders';
import { ImportExportService } from './importExport';
import { RolloutService } from './rollout';
import { BuilderCreateService } from './builderCreate';
import { WorkSpacesService } from './workspaces';
import { WorkSpaceImageService } from './workspaceImages';
import { TagService } from './tags';
import { AwsError } from './errors';
import { handleControl } from './control';
import { capConnections, MAX_CONNECTIONS, REQUEST_TIMEOUT_MS } from './guard';
import { MAX_LOG_ENTRIES, MAX_REJECTED, MAX_REJECTED_SINCE_START, pushBounded } from './log';
import { ChaosDice, chaosProblem, faultProblem, type Chaos, type Fault, type FaultKind } from './faults';
import { validate, type Members } from './schema';
import { serveAws, type AwsHost, type LoggedRequest, type Service } from './serve';
import { loadScenario, type Scenario } from './scenario';
import { World, type Json } from './state';

export type { Chaos, Fault, FaultKind } from './faults';
export type { LoggedRequest } from './serve';

export interface EmulatorOptions {
  scenario?: Scenario | string;
  port?: number;
  latencyMs?: number;
  copyDelayMs?: number;
  deleteDelayMs?: number;
  now?: () => number;
  /** AWS's clock ahead (+) or behind (-) ours: the Date header and every time the endpoint stamps. Default 0. */
  clockOffsetMs?: number;
  /** Limits, smaller in tests that check them: the log's entries (10,000), open connections (256), and the
   *  time a request's headers and body may take to arrive (30 s). */
  maxLogEntries?: number;
  maxConnections?: number;
  requestTimeoutMs?: number;
}

type Handlers = Record<Service, Record<string, (c: { region: string; input: Json }) => Json>>;

export class Emulator implements AwsHost {
  /** The scenario's own account (requests signed with any key not given to another account). */
  world: World;
  /** The scenario's other accounts, by access key ID. */
  private accountWorlds = new Map<string, { world: World; handlers: Handlers }>();
  /** The newest requests (at most maxLogEntries). */
  readonly log: LoggedRequest[] = [];
  /** Requests rejected as invalid since the log was last cleared (at most 1,000). */
  readonly rejected: LoggedRequest[] = [];
  /** The first 100 rejected since start; neither clearLog() nor reset() empties it. */
  private readonly rejectedSinceStart: LoggedRequest[] = [];
  latencyMs: number;
  /** AWS's clock ahead (+) or behind (-) ours; may be changed at any time. */
  clockOffsetMs: number;
  private faults: Required<Fault>[] = [];
  private dice?: ChaosDice;
  private readonly stalled = new Set<Socket>();
  private handlers: Handlers;
  private server?: http.Server;
  private seq = 0;
  url = '';

  constructor(private readonly opts: EmulatorOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.clockOffsetMs = opts.clockOffsetMs ?? 0;
    this.world = this.seed();
    this.handlers = Emulator.servicesOf(this.world);
  }

  private seed(): World {
    const scenario =
      typeof this.opts.scenario === 'object' ? this.opts.scenario : loadScenario(this.opts.scenario ?? 'default');
    const make = (s: Scenario): World => {
      const world = new World(s, () => this.awsNow());
      if (this.opts.copyDelayMs !== undefined) world.copyDelayMs = this.opts.copyDelayMs;
      if (this.opts.deleteDelayMs !== undefined) world.deleteDelayMs = this.opts.deleteDelayMs;
      return world;
    };
    this.accountWorlds = new Map();
    for (const account of scenario.accounts ?? []) {
      const world = make({ ...scenario, accountId: account.accountId, regions: account.regions, accounts: undefined });
      const handlers = Emulator.servicesOf(world);
      for (const key of account.accessKeyIds) this.accountWorlds.set(key, { world, handlers });
    }
    return make(scenario);
  }

  private static servicesOf(world: World): Handlers {
    const tags = new TagService(world);
    const rollout = new RolloutService(world);
    return {
      appstream: {
        ...new AppStreamService(world).operations,
        ...new BuilderService(world).operations,
        ...new BuilderCreateService(world).operations,
        ...tags.appstream,
        ...rollout.appstream,
        ...new ImportExportService(world).operations,
      },
      workspaces: {
        ...new WorkSpacesService(world).operations,
        ...new WorkSpaceImageService(world).operations,
        ...tags.workspaces,
        ...rollout.workspaces,
      },
    };
  }

  /** The time by AWS's clock. */
  awsNow(): number {
    return (this.opts.now ?? Date.now)() + this.clockOffsetMs;
  }

  /** The account a request signed with this access key ID acts in. */
  worldOf(accessKeyId: string): World {
    return this.accountWorlds.get(accessKeyId)?.world ?? this.world;
  }

  /** Back to the scenario's images, with no faults, no chaos, no stalled requests and an empty log. */
  reset(): void {
    this.world = this.seed();
    this.handlers = Emulator.servicesOf(this.world);
    this.clearFaults();
    this.chaos(undefined);
    this.releaseStalls();
    this.clearLog();
  }

  async start(port = 0): Promise<string> {
    const deadline = this.opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    // Node checks the deadlines every connectionsCheckingInterval (30 s by default): often enough to keep them.
    this.server = http.createServer(
      { requestTimeout: deadline, headersTimeout: deadline, connectionsCheckingInterval: Math.min(1000, deadline / 4) },
      (req, res) => this.handle(req, res),
    );
    // Idle connections stay open as AWS's do (Node's default): a client's keep-alive agent reuses them. (At 1 s,
    // Node's agent, which lets a socket go a second before the server's timeout, would open one per request.)
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', () => this.connections++);
    capConnections(this.server, this.opts.maxConnections ?? MAX_CONNECTIONS, this.stalled);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Closes every connection, stalled ones included. */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.stalled.clear();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Queues a fault for the next matching request(s). Throws on a fault that is not well formed. */
  inject(fault: Fault): void {
    const problem = faultProblem(fault);
    if (problem) throw new TypeError(problem);
    this.faults.push({ operation: '', region: '', times: 1, ...fault } as Required<Fault>);
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Every AWS request (control routes excepted) gets a fault with the given odds, drawn from a PRNG seeded
   *  with `seed`; a queued fault that matches comes first. undefined turns it off. Throws on odds out of range. */
  chaos(odds: Chaos | undefined): void {
    if (odds === undefined || odds === null) {
      this.dice = undefined;
      return;
    }
    const problem = chaosProblem(odds);
    if (problem) throw new RangeError(problem);
    this.dice = new ChaosDice({ ...odds });
  }

  /** Closes the connections of stalled requests (their clients see a connection reset); returns how many. */
  releaseStalls(): number {
    const n = this.stalled.size;
    for (const socket of this.stalled) socket.destroy();
    this.stalled.clear();
    return n;
  }

  requests(filter: { operation?: string; region?: string; service?: string } = {}): LoggedRequest[] {
    return this.log.filter(
      (r) =>
        (!filter.operation || r.operation === filter.operation) &&
        (!filter.region || r.region === filter.region) &&
        (!filter.service || r.service === filter.service),
    );
  }

  /** Requests AWS would have rejected as invalid since the log was cleared: a client that validates its input keeps this empty. */
  validationErrors(): LoggedRequest[] {
    return this.rejected;
  }

  /** The first 100 requests rejected as invalid since start, for a check across a whole suite that clears the log. */
  validationErrorsSinceStart(): LoggedRequest[] {
    return this.rejectedSinceStart;
  }

  clearLog(): void {
    this.log.length = 0;
    this.rejected.length = 0;
    this.peakInFlight = this.inFlight;
  }

  /** TCP connections accepted since start. */
  connections = 0;

  /** AWS requests being answered now, and the most at once since the log was last cleared (the benchmark's figure). */
  inFlight = 0;
  peakInFlight = 0;

  nextFault(operation: string, region: string): FaultKind | undefined {
    const i = this.faults.findIndex(
      (f) => (!f.operation || f.operation === operation) && (!f.region || f.region === region),
    );
    if (i < 0) return this.dice?.roll();
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f.kind;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  record(entry: LoggedRequest): void {
    pushBounded(this.log, entry, this.opts.maxLogEntries ?? MAX_LOG_ENTRIES);
  }

  reject(entry: LoggedRequest): void {
    pushBounded(this.rejected, entry, MAX_REJECTED);
    if (this.rejectedSinceStart.length < MAX_REJECTED_SINCE_START) this.rejectedSinceStart.push(entry);
  }

  hold(socket: Socket): void {
    this.stalled.add(socket);
    socket.once('close', () => this.stalled.delete(socket));
  }

  /** The one entry point: nothing thrown or rejected below it escapes to the server. */
  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    // A client that leaves mid-body ends readBody(); a late error on either stream must not go unhandled.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const control = req.url?.startsWith('/_emulator/') ?? false;
    // Node would stamp the real time; AWS stamps its own (a client may measure its clock's offset from it).
    res.setHeader('Date', new Date(this.awsNow()).toUTCString());
    const ctx: { entry?: LoggedRequest } = {};
    let work: Promise<void>;
    try {
      work = control ? handleControl(this, req, res) : serveAws(this, req, res, ctx);
    } catch (e) {
      work = Promise.reject(e);
    }
    if (!control) {
      this.inFlight++;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      res.once('close', () => this.inFlight--);
    }
    work.catch((e: unknown) => this.crashed(res, control, e, ctx.entry));
  }

  private crashed(res: http.ServerResponse, control: boolean, e: unknown, entry?: LoggedRequest): void {
    const message = `An internal error occurred: ${e instanceof Error ? e.message : String(e)}`;
    if (entry) {
      entry.status = 500;
      entry.error = 'InternalFailure';
    }
    try {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const text = JSON.stringify(control ? { error: message } : { __type: 'InternalFailure', message });
      res.writeHead(500, {
        'Content-Type': control ? 'application/json' : 'application/x-amz-json-1.1',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    } catch {
      res.destroy();
    }
  }

  /** The operation itself, as AWS would do it: the answer, or the error it would answer with. */
  perform(
    service: Service,
    schema: Record<string, Members>,
    operation: string,
    region: string,
    accessKeyId: string,
    input: Json,
  ): Json | AwsError {
    if (this.world.invalidKeys.has(accessKeyId) || this.world.disabledRegions.has(region)) {
      return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
    }
    if (this.world.expiredKeys.has(accessKeyId)) {
      return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    }
    const members = Object.hasOwn(schema, operation) ? schema[operation] : undefined;
    const handlers = this.accountWorlds.get(accessKeyId)?.handlers ?? this.handlers;
    const handler = Object.hasOwn(handlers[service], operation) ? handlers[service][operation] : undefined;
    if (!members || !handler) return new AwsError('UnknownOperationException', `Unknown operation ${operation}.`);
    const invalid = validate(members, input);
    if (invalid) return new AwsError('ValidationException', `1 validation error detected: ${invalid}`);
    try {
      return handler({ region, input });
    } catch (e) {
      if (e instanceof AwsError) return e;
      return new AwsError('InternalFailure', String(e), 500);
    }
  }
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emu = new Emulator(opts);
  await emu.start(opts.port ?? 0);
  return emu;
}
