// The local AppStream 2.0 + WorkSpaces endpoint. One port serves both services (dispatch on X-Amz-Target);
// the calling region comes from the SigV4 credential scope. Binds to 127.0.0.1 only.
//
// Test controls: per-request latency, faults queued on demand (faults.ts: throttling, 5xx, access denied,
// expired token, a dropped connection, a stalled request, and an answer lost after the work was done),
// seeded chaos for the benchmark, a request log, and the same controls over HTTP under /_emulator/ for tests
// in another process.
//
// It never crashes or hangs on input: bodies over 1 MiB get 413 and are not read further, a client leaving
// mid-body is let go, JSON that is malformed or nested deeper than 64 levels gets SerializationException,
// and anything unexpected becomes a 500 InternalFailure. A region where the service does not exist has no
// endpoint in reality (DNS fails), so the connection is closed without an answer.

import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AppStreamService } from './appstream';
import { WorkSpacesService } from './workspaces';
import { AwsError } from './errors';
import { readBody, parseJson, MAX_BODY_BYTES } from './body';
import { handleControl } from './control';
import { ChaosDice, chaosProblem, faultError, faultProblem, internalFailure, type Chaos, type Fault, type FaultKind } from './faults';
import { APPSTREAM_REGIONS, WORKSPACES_REGIONS } from './regions';
import { APPSTREAM, WORKSPACES, validate, type Members } from './schema';
import { loadScenario, type Scenario } from './scenario';
import { World, type Json } from './state';

export type { Chaos, Fault, FaultKind } from './faults';

export interface LoggedRequest {
  seq: number;
  at: number;
  service: 'appstream' | 'workspaces';
  operation: string;
  region: string;
  accessKeyId: string;
  params: Json;
  /** 0 when nothing was answered; `error` then says why: ConnectionDropped, DroppedAfterWork, Stalled,
   *  NoSuchEndpoint (no such service in that region), ClientAborted (the client left mid-body). */
  status: number;
  error?: string;
  requestId: string;
}

export interface EmulatorOptions {
  scenario?: Scenario | string;
  port?: number;
  latencyMs?: number;
  copyDelayMs?: number;
  deleteDelayMs?: number;
  now?: () => number;
}

type Service = 'appstream' | 'workspaces';

const TARGETS: Record<string, { service: Service; schema: Record<string, Members>; regions: ReadonlySet<string> }> = {
  PhotonAdminProxyService: { service: 'appstream', schema: APPSTREAM, regions: APPSTREAM_REGIONS },
  WorkspacesService: { service: 'workspaces', schema: WORKSPACES, regions: WORKSPACES_REGIONS },
};

/** Faults that answer, before any work, with an error. */
const ANSWERING: ReadonlySet<FaultKind> = new Set(['throttle', 'server-error', 'unavailable', 'access-denied', 'expired-token']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type Handlers = Record<Service, Record<string, (c: { region: string; input: Json }) => Json>>;

export class Emulator {
  /** The scenario's own account (requests signed with any key not given to another account). */
  world: World;
  /** The scenario's other accounts, by access key ID. */
  private accountWorlds = new Map<string, { world: World; handlers: Handlers }>();
  readonly log: LoggedRequest[] = [];
  /** Every request rejected as invalid since start; clearLog() keeps it. */
  readonly rejected: LoggedRequest[] = [];
  latencyMs: number;
  private faults: Required<Fault>[] = [];
  private dice?: ChaosDice;
  private readonly stalled = new Set<Socket>();
  private handlers: Handlers;
  private server?: http.Server;
  private seq = 0;
  url = '';

  constructor(private readonly opts: EmulatorOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.world = this.seed();
    this.handlers = this.services();
  }

  private seed(): World {
    const scenario = typeof this.opts.scenario === 'object' ? this.opts.scenario : loadScenario(this.opts.scenario ?? 'default');
    const make = (s: Scenario): World => {
      const world = new World(s, this.opts.now);
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
    return { appstream: new AppStreamService(world).operations, workspaces: new WorkSpacesService(world).operations };
  }

  private services(): Handlers {
    return Emulator.servicesOf(this.world);
  }

  /** The account a request signed with this access key ID acts in. */
  worldOf(accessKeyId: string): World {
    return this.accountWorlds.get(accessKeyId)?.world ?? this.world;
  }

  /** Back to the scenario's images, with no faults, no chaos, no stalled requests and an empty log (the rejected log is kept). */
  reset(): void {
    this.world = this.seed();
    this.handlers = this.services();
    this.clearFaults();
    this.chaos(undefined);
    this.releaseStalls();
    this.clearLog();
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    // Idle connections stay open as AWS's do (Node's default): a client's keep-alive agent reuses them. (At 1 s,
    // Node's agent, which lets a socket go a second before the server's timeout, would open one per request.)
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', () => this.connections++);
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
    return this.log.filter((r) =>
      (!filter.operation || r.operation === filter.operation) &&
      (!filter.region || r.region === filter.region) &&
      (!filter.service || r.service === filter.service));
  }

  /** Requests AWS would have rejected as invalid: a client that validates its input keeps this empty. */
  validationErrors(): LoggedRequest[] {
    return this.rejected;
  }

  clearLog(): void {
    this.log.length = 0;
    this.peakInFlight = this.inFlight;
  }

  /** TCP connections accepted since start. */
  connections = 0;

  /** AWS requests being answered now, and the most at once since the log was last cleared (the benchmark's figure). */
  inFlight = 0;
  peakInFlight = 0;

  private takeFault(operation: string, region: string): Required<Fault> | undefined {
    const i = this.faults.findIndex((f) => (!f.operation || f.operation === operation) && (!f.region || f.region === region));
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** The one entry point: nothing thrown or rejected below it escapes to the server. */
  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    // A client that leaves mid-body ends readBody(); a late error on either stream must not go unhandled.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const control = req.url?.startsWith('/_emulator/') ?? false;
    const ctx: { entry?: LoggedRequest } = {};
    let work: Promise<void>;
    try {
      work = control ? handleControl(this, req, res) : this.serve(req, res, ctx);
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
      res.writeHead(500, { 'Content-Type': control ? 'application/json' : 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    } catch {
      res.destroy();
    }
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse, ctx: { entry?: LoggedRequest }): Promise<void> {
    const requestId = randomUUID();
    const [prefix, operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
    const target = Object.hasOwn(TARGETS, prefix) ? TARGETS[prefix] : undefined;
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
    const entry: LoggedRequest = {
      seq: ++this.seq, at: Date.now(), service: target?.service ?? 'appstream', operation, region: scope?.[2] ?? '',
      accessKeyId: scope?.[1] ?? '', params: {}, status: 200, requestId,
    };
    ctx.entry = entry;
    this.log.push(entry);
    const unanswered = (error: string): void => {
      entry.status = 0;
      entry.error = error;
    };
    const send = (status: number, payload: Json, close = false): void => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(text),
        ...(close ? { Connection: 'close' } : {}),
      });
      res.end(text);
    };
    const note = (e: AwsError): void => {
      entry.status = e.status;
      entry.error = e.type;
      if (['ValidationException', 'SerializationException', 'RequestEntityTooLargeException'].includes(e.type)) this.rejected.push(entry);
    };
    const fail = (e: AwsError, close = false): void => {
      note(e);
      send(e.status, { __type: e.type, message: e.message, ...e.members }, close);
    };

    // Decided on the headers alone: in reality the client fails on DNS and never sends anything.
    if (target && scope && !target.regions.has(entry.region)) {
      unanswered('NoSuchEndpoint');
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    if (!body.ok && body.why === 'aborted') return unanswered('ClientAborted');
    if (!body.ok) {
      // The rest of the body stays unread; the connection closes after the answer.
      return fail(new AwsError('RequestEntityTooLargeException', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413), true);
    }
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));

    if (req.method !== 'POST' || !target) return fail(new AwsError('UnknownOperationException', 'Unknown operation.'));
    if (!scope) return fail(new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403));
    if (scope[3] !== target.service) {
      return fail(new AwsError('InvalidSignatureException', `Credential should be scoped to correct service: '${target.service}'.`, 403));
    }
    const parsed = parseJson(body.text);
    if (!parsed.ok) return fail(new AwsError('SerializationException', parsed.problem));
    if (!isObject(parsed.value)) return fail(new AwsError('SerializationException', 'The request body must be a JSON object.'));
    const input = parsed.value as Json;
    entry.params = input;

    const fault = this.takeFault(operation, entry.region)?.kind ?? this.dice?.roll();
    if (fault === 'drop') {
      unanswered('ConnectionDropped');
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      // Read, never answered: the socket stays open until releaseStalls() or stop().
      unanswered('Stalled');
      const socket = req.socket;
      this.stalled.add(socket);
      socket.once('close', () => this.stalled.delete(socket));
      return;
    }
    if (fault && ANSWERING.has(fault)) return fail(faultError(fault, operation));

    const outcome = this.perform(target.service, target.schema, operation, entry.region, entry.accessKeyId, input);
    // The work is done (or refused) either way; the client just never learns which.
    if (fault === 'drop-after') {
      if (outcome instanceof AwsError) note(outcome);
      unanswered('DroppedAfterWork');
      req.socket.destroy();
      return;
    }
    if (fault === 'error-after') {
      if (outcome instanceof AwsError) note(outcome);
      return fail(internalFailure());
    }
    if (outcome instanceof AwsError) return fail(outcome);
    send(200, outcome);
  }

  /** The operation itself, as AWS would do it: the answer, or the error it would answer with. */
  private perform(service: Service, schema: Record<string, Members>, operation: string, region: string, accessKeyId: string, input: Json): Json | AwsError {
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
