// One AWS request, from its headers to its answer: the target and region, the body, the faults a test asked
// for, the operation itself (the Emulator's perform), and the request log's entry. The Emulator is the host.
//
// It never crashes or hangs on input: bodies over 1 MiB get 413 and are not read further, a client leaving
// mid-body is let go, JSON that is malformed or nested deeper than 64 levels gets SerializationException,
// and anything unexpected becomes a 500 InternalFailure (server.ts). A region where the service does not
// exist has no endpoint in reality (DNS fails), so the connection is closed without an answer.

import type * as http from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AwsError } from './errors';
import { readBody, parseJson, MAX_BODY_BYTES } from './body';
import { BROKEN_ANSWER_ERRORS, isBrokenAnswer, sendBroken } from './answers';
import { faultError, internalFailure, type FaultKind } from './faults';
import { APPSTREAM_REGIONS, WORKSPACES_REGIONS } from './regions';
import { APPSTREAM, WORKSPACES, type Members } from './schema';
import { summarise } from './log';
import type { Json } from './state';

export type Service = 'appstream' | 'workspaces';

export interface LoggedRequest {
  seq: number;
  at: number;
  service: Service;
  operation: string;
  region: string;
  accessKeyId: string;
  /** The request's members; for a body over 4 KiB, a summary (log.ts). */
  params: Json;
  /** 0 when no usable answer was given; `error` then says why: ConnectionDropped, DroppedAfterWork, Stalled,
   *  NoSuchEndpoint (no such service in that region), ClientAborted (the client left mid-body), or, after a
   *  200 status line, StalledAfterHeaders, DroppedMidBody, BadBody. */
  status: number;
  error?: string;
  requestId: string;
}

/** What a request needs of the endpoint. */
export interface AwsHost {
  readonly latencyMs: number;
  nextSeq(): number;
  record(entry: LoggedRequest): void;
  /** A request AWS would refuse as invalid. */
  reject(entry: LoggedRequest): void;
  /** The queued fault that matches, else chaos's draw, else none. */
  nextFault(operation: string, region: string): FaultKind | undefined;
  /** Keeps a socket the endpoint chose to leave hanging, until released or stopped. */
  hold(socket: Socket): void;
  perform(
    service: Service,
    schema: Record<string, Members>,
    operation: string,
    region: string,
    accessKeyId: string,
    input: Json,
  ): Json | AwsError;
}

const TARGETS: Record<string, { service: Service; schema: Record<string, Members>; regions: ReadonlySet<string> }> = {
  PhotonAdminProxyService: { service: 'appstream', schema: APPSTREAM, regions: APPSTREAM_REGIONS },
  WorkspacesService: { service: 'workspaces', schema: WORKSPACES, regions: WORKSPACES_REGIONS },
};

/** Faults that answer, before any work, with an error. */
const ANSWERING: ReadonlySet<FaultKind> = new Set([
  'throttle',
  'server-error',
  'unavailable',
  'access-denied',
  'expired-token',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function serveAws(
  host: AwsHost,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: { entry?: LoggedRequest },
): Promise<void> {
  const requestId = randomUUID();
  const [prefix, operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
  const target = Object.hasOwn(TARGETS, prefix) ? TARGETS[prefix] : undefined;
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
    String(req.headers.authorization ?? ''),
  );
  const entry: LoggedRequest = {
    seq: host.nextSeq(),
    at: Date.now(),
    service: target?.service ?? 'appstream',
    operation,
    region: scope?.[2] ?? '',
    accessKeyId: scope?.[1] ?? '',
    params: {},
    status: 200,
    requestId,
  };
  ctx.entry = entry;
  host.record(entry);
  const unanswered = (error: string): void => {
    entry.status = 0;
    entry.error = error;
  };
  const send = (status: number, payload: Json, close = false): void => {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      'Content-Type': 'application/x-amz-json-1.1',
      'x-amzn-RequestId': requestId,
      'Content-Length': Buffer.byteLength(text),
      ...(close ? { Connection: 'close' } : {}),
    });
    res.end(text);
  };
  const note = (e: AwsError): void => {
    entry.status = e.status;
    entry.error = e.type;
    if (['ValidationException', 'SerializationException', 'RequestEntityTooLargeException'].includes(e.type)) {
      host.reject(entry);
    }
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
    return fail(
      new AwsError('RequestEntityTooLargeException', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413),
      true,
    );
  }
  if (host.latencyMs) await new Promise((r) => setTimeout(r, host.latencyMs));

  if (req.method !== 'POST' || !target) return fail(new AwsError('UnknownOperationException', 'Unknown operation.'));
  if (!scope) return fail(new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403));
  if (scope[3] !== target.service) {
    return fail(
      new AwsError(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: '${target.service}'.`,
        403,
      ),
    );
  }
  const parsed = parseJson(body.text);
  if (!parsed.ok) return fail(new AwsError('SerializationException', parsed.problem));
  if (!isObject(parsed.value)) {
    return fail(new AwsError('SerializationException', 'The request body must be a JSON object.'));
  }
  const input = parsed.value as Json;
  entry.params = summarise(input, body.text.length);

  const fault = host.nextFault(operation, entry.region);
  if (fault === 'drop') {
    unanswered('ConnectionDropped');
    req.socket.destroy();
    return;
  }
  if (fault === 'stall') {
    // Read, never answered: the socket stays open until releaseStalls() or stop().
    unanswered('Stalled');
    host.hold(req.socket);
    return;
  }
  if (fault && ANSWERING.has(fault)) return fail(faultError(fault, operation));

  const outcome = host.perform(target.service, target.schema, operation, entry.region, entry.accessKeyId, input);
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
  if (isBrokenAnswer(fault)) {
    if (outcome instanceof AwsError) note(outcome);
    // As for drop-after: no usable answer reached the client, although a 200 status line did.
    unanswered(BROKEN_ANSWER_ERRORS[fault]);
    const payload =
      outcome instanceof AwsError ? { __type: outcome.type, message: outcome.message, ...outcome.members } : outcome;
    sendBroken(
      fault,
      res,
      { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId },
      JSON.stringify(payload),
      (socket) => host.hold(socket),
    );
    return;
  }
  if (outcome instanceof AwsError) return fail(outcome);
  send(200, outcome);
}
