// The local AppStream 2.0 + WorkSpaces endpoint. One port serves both services (dispatch on X-Amz-Target);
// the calling region comes from the SigV4 credential scope. Binds to 127.0.0.1 only.
//
// Test controls: per-request latency, faults queued on demand (throttling, 5xx, dropped connections, access
// denied, expired token), a request log, and the same controls over HTTP under /_emulator/ for tests in
// another process.

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AppStreamService } from './appstream';
import { WorkSpacesService } from './workspaces';
import { AwsError } from './errors';
import { APPSTREAM, WORKSPACES, validate, type Members } from './schema';
import { loadScenario, type Scenario } from './scenario';
import { World, type Json } from './state';

export type FaultKind = 'throttle' | 'server-error' | 'unavailable' | 'drop' | 'access-denied' | 'expired-token';

export interface Fault {
  kind: FaultKind;
  /** Only requests of this operation (e.g. "DescribeImages"); any when absent. */
  operation?: string;
  region?: string;
  /** How many matching requests it hits; then it is used up. Default 1. */
  times?: number;
}

export interface LoggedRequest {
  seq: number;
  at: number;
  service: 'appstream' | 'workspaces';
  operation: string;
  region: string;
  accessKeyId: string;
  params: Json;
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

const TARGETS: Record<string, { service: 'appstream' | 'workspaces'; schema: Record<string, Members> }> = {
  PhotonAdminProxyService: { service: 'appstream', schema: APPSTREAM },
  WorkspacesService: { service: 'workspaces', schema: WORKSPACES },
};

export class Emulator {
  world: World;
  readonly log: LoggedRequest[] = [];
  /** Every request rejected as invalid since start; clearLog() keeps it. */
  readonly rejected: LoggedRequest[] = [];
  latencyMs: number;
  private faults: Required<Fault>[] = [];
  private handlers: Record<'appstream' | 'workspaces', Record<string, (c: { region: string; input: Json }) => Json>>;
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
    const world = new World(scenario, this.opts.now);
    if (this.opts.copyDelayMs !== undefined) world.copyDelayMs = this.opts.copyDelayMs;
    if (this.opts.deleteDelayMs !== undefined) world.deleteDelayMs = this.opts.deleteDelayMs;
    return world;
  }

  private services(): Emulator['handlers'] {
    return { appstream: new AppStreamService(this.world).operations, workspaces: new WorkSpacesService(this.world).operations };
  }

  /** Back to the scenario's images, with no faults and an empty log (the rejected log is kept). */
  reset(): void {
    this.world = this.seed();
    this.handlers = this.services();
    this.clearFaults();
    this.clearLog();
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  inject(fault: Fault): void {
    this.faults.push({ operation: '', region: '', times: 1, ...fault } as Required<Fault>);
  }

  clearFaults(): void {
    this.faults = [];
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
  }

  private takeFault(operation: string, region: string): Required<Fault> | undefined {
    const i = this.faults.findIndex((f) => (!f.operation || f.operation === operation) && (!f.region || f.region === region));
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.url?.startsWith('/_emulator/')) return this.control(req.url, body, res);
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));

    const requestId = randomUUID();
    const send = (status: number, payload: Json): void => {
      const text = JSON.stringify(payload);
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    const sendError = (e: AwsError): void => send(e.status, { __type: e.type, message: e.message, ...e.members });

    const [prefix, operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
    const target = TARGETS[prefix];
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
    const entry: LoggedRequest = {
      seq: ++this.seq, at: Date.now(), service: target?.service ?? 'appstream', operation, region: scope?.[2] ?? '',
      accessKeyId: scope?.[1] ?? '', params: {}, status: 200, requestId,
    };
    this.log.push(entry);
    const fail = (e: AwsError): void => {
      entry.status = e.status;
      entry.error = e.type;
      if (e.type === 'ValidationException' || e.type === 'SerializationException') this.rejected.push(entry);
      sendError(e);
    };

    if (req.method !== 'POST' || !target) return fail(new AwsError('UnknownOperationException', 'Unknown operation.'));
    if (!scope) return fail(new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403));
    if (scope[3] !== target.service) {
      return fail(new AwsError('InvalidSignatureException', `Credential should be scoped to correct service: '${target.service}'.`, 403));
    }
    let input: Json;
    try {
      input = body.trim() ? (JSON.parse(body) as Json) : {};
    } catch {
      return fail(new AwsError('SerializationException', 'The request body is not valid JSON.'));
    }
    entry.params = input;

    const fault = this.takeFault(operation, entry.region);
    if (fault?.kind === 'drop') {
      entry.status = 0;
      entry.error = 'ConnectionDropped';
      req.socket.destroy();
      return;
    }
    if (fault) return fail(faultError(fault.kind, operation));
    if (this.world.invalidKeys.has(entry.accessKeyId) || this.world.disabledRegions.has(entry.region)) {
      return fail(new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400));
    }
    if (this.world.expiredKeys.has(entry.accessKeyId)) {
      return fail(new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400));
    }

    const members = target.schema[operation];
    const handler = this.handlers[target.service][operation];
    if (!members || !handler) return fail(new AwsError('UnknownOperationException', `Unknown operation ${operation}.`));
    const invalid = validate(members, input);
    if (invalid) return fail(new AwsError('ValidationException', `1 validation error detected: ${invalid}`));
    try {
      send(200, handler({ region: entry.region, input }));
    } catch (e) {
      if (e instanceof AwsError) return fail(e);
      fail(new AwsError('InternalFailure', String(e), 500));
    }
  }

  private control(url: string, body: string, res: http.ServerResponse): void {
    const reply = (payload: unknown, status = 200): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const arg = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    switch (url) {
      case '/_emulator/log': return reply(this.log);
      case '/_emulator/clear-log': this.clearLog(); return reply({});
      case '/_emulator/fault': this.inject(arg as unknown as Fault); return reply({});
      case '/_emulator/clear-faults': this.clearFaults(); return reply({});
      case '/_emulator/latency': this.latencyMs = Number(arg.ms ?? 0); return reply({});
      case '/_emulator/copy-delay': this.world.copyDelayMs = Number(arg.ms ?? 0); return reply({});
      case '/_emulator/settle': this.world.settleAll(); return reply({});
      case '/_emulator/reset': this.reset(); return reply({});
      default: return reply({ error: 'unknown control' }, 404);
    }
  }
}

function faultError(kind: FaultKind, operation: string): AwsError {
  switch (kind) {
    case 'throttle': return new AwsError('ThrottlingException', 'Rate exceeded', 400);
    case 'server-error': return new AwsError('InternalFailure', 'An internal error occurred.', 500);
    case 'unavailable': return new AwsError('ServiceUnavailable', 'Service is unavailable.', 503);
    case 'access-denied':
      return new AwsError('AccessDeniedException', `User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${operation}`, 400);
    case 'expired-token': return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    default: return new AwsError('InternalFailure', 'unknown fault', 500);
  }
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emu = new Emulator(opts);
  await emu.start(opts.port ?? 0);
  return emu;
}
