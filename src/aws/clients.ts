// SDK clients per (service, region, read|write) for one profile. The SDK is loaded on the first request, not
// at activation. Credentials come only from the standard chain; endpoints only from the standard configuration
// (AWS_ENDPOINT_URL*, the profile's endpoint_url / services section), resolved for the chosen profile
// (endpoints.ts): nothing else ever chooses where signed requests go. Every request has deadlines
// (core/deadlines.ts: connection, whole answer, credentials), and mutating calls go through clients that never
// resend them blindly (retry.ts). The clients of a profile share its credential provider, one HTTP handler
// (transport.ts: one connection pool) and one measure of AWS's clock (clock.ts).

import type { AppStreamClient } from '@aws-sdk/client-appstream';
import type { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type { CallLogger } from '../core/calls';
import { CREDENTIALS_TIMEOUT_MS, RESPONSE_TIMEOUT_MS } from '../core/deadlines';
import type { ServiceId } from '../core/regions';
import { AwsClock } from './clock';
import { withDeadline } from './credentials';
import { configuredEndpoint } from './endpoints';
import { effectiveProfile } from './profiles';
import { retryStrategy, type RequestKind } from './retry';
import { Transport } from './transport';

export type { CallRecord, CallLogger } from '../core/calls';

export interface ClientOptions {
  /** Undefined: the SDK's own default (AWS_PROFILE, else "default", with environment keys first). */
  profile?: string;
  logger: CallLogger;
  /** The whole answer's deadline per attempt; RESPONSE_TIMEOUT_MS unless a test needs a shorter one. */
  answerTimeoutMs?: number;
  /** Credential resolution's deadline per request; CREDENTIALS_TIMEOUT_MS unless a test needs a shorter one. */
  credentialsTimeoutMs?: number;
  /** How long a client dropped by reset() may still start a request (RETIRE_GRACE_MS; tests shorten it). */
  retireGraceMs?: number;
}

type AnyClient = AppStreamClient | WorkSpacesClient;

/** How long a dropped client may still be starting a request that was already handed to it. */
const RETIRE_GRACE_MS = 30_000;

interface Instrumentable {
  middlewareStack: {
    add: (mw: never, opts: { step: 'initialize' | 'deserialize'; name: string; priority?: 'low' }) => void;
  };
  destroy(): void;
}

/** A client and the number of its requests still in flight, so a reset never tears down a pending request. */
interface Entry {
  client: Promise<AnyClient>;
  inFlight: number;
  retired: boolean;
  destroyed?: boolean;
  /** The HTTP handler it sends through, closed when its last client is gone after a reset. */
  transport: Transport;
}

export class ClientPool {
  /** AWS's clock as this profile's answers tell it. */
  readonly clock = new AwsClock();
  private readonly clients = new Map<string, Entry>();
  private credentials: Promise<unknown> | undefined;
  private transport: Transport | undefined;
  /** The clients not yet destroyed, per HTTP handler. */
  private readonly users = new Map<Transport, Set<Entry>>();

  constructor(private readonly opts: ClientOptions) {}

  get profile(): string | undefined {
    return this.opts.profile;
  }

  appstream(region: string, kind: RequestKind = 'read'): Promise<AppStreamClient> {
    return this.get('appstream', region, kind) as Promise<AppStreamClient>;
  }

  workspaces(region: string, kind: RequestKind = 'read'): Promise<WorkSpacesClient> {
    return this.get('workspaces', region, kind) as Promise<WorkSpacesClient>;
  }

  /**
   * A client held across several requests (a paginator): it counts as in flight until released, so a reset
   * in between does not tear it down under the next page.
   */
  async lease<S extends ServiceId>(
    service: S,
    region: string,
  ): Promise<{ client: S extends 'appstream' ? AppStreamClient : WorkSpacesClient; release(): void }> {
    const pending = this.get(service, region, 'read');
    const entry = this.clients.get(`${service}/${region}/read`)!;
    entry.inFlight++;
    let client: AnyClient;
    try {
      client = await pending;
    } catch (e) {
      entry.inFlight--;
      throw e;
    }
    let released = false;
    return {
      client: client as never,
      release: () => {
        if (released) return;
        released = true;
        if (--entry.inFlight === 0 && entry.retired) this.destroy(entry);
      },
    };
  }

  /**
   * Drops clients and cached credentials, so the next call reads the chain again (after "aws sso login").
   * A client with requests in flight is destroyed only when they have settled: destroying it would fail them
   * with a connection error (and, for a copy or delete, leave the outcome unknown).
   */
  reset(): void {
    for (const entry of this.clients.values()) {
      entry.retired = true;
      // A caller may hold this client between getting it and sending (its request is not counted yet): give
      // it time to start before an idle client is torn down; a busy one goes when its last request settles.
      const idle = setTimeout(() => {
        if (entry.inFlight === 0) this.destroy(entry);
      }, this.opts.retireGraceMs ?? RETIRE_GRACE_MS);
      idle.unref?.();
    }
    this.clients.clear();
    this.credentials = undefined;
    // The next clients get a new connection pool; this one closes once its clients are gone.
    const old = this.transport;
    this.transport = undefined;
    if (old && !this.users.get(old)?.size) this.closeTransport(old);
  }

  private async credentialProvider(): Promise<unknown> {
    this.credentials ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      withDeadline(
        fromNodeProviderChain(this.opts.profile ? { profile: this.opts.profile } : {}),
        effectiveProfile(this.opts.profile),
        this.opts.credentialsTimeoutMs ?? CREDENTIALS_TIMEOUT_MS,
      ),
    );
    return this.credentials;
  }

  private currentTransport(): Transport {
    if (!this.transport) {
      this.transport = new Transport(this.opts.answerTimeoutMs ?? RESPONSE_TIMEOUT_MS);
      this.users.set(this.transport, new Set());
    }
    return this.transport;
  }

  private destroy(entry: Entry): void {
    if (entry.destroyed) return;
    entry.destroyed = true;
    void entry.client.then(
      (c) => c.destroy(),
      () => undefined,
    );
    this.forget(entry);
  }

  /** The entry no longer uses its transport; a transport replaced by a reset closes with its last client. */
  private forget(entry: Entry): void {
    const users = this.users.get(entry.transport);
    users?.delete(entry);
    if (users && users.size === 0 && entry.transport !== this.transport) this.closeTransport(entry.transport);
  }

  private closeTransport(t: Transport): void {
    this.users.delete(t);
    t.close();
  }

  private get(service: ServiceId, region: string, kind: RequestKind): Promise<AnyClient> {
    const key = `${service}/${region}/${kind}`;
    let entry = this.clients.get(key);
    if (!entry) {
      const transport = this.currentTransport();
      const created: Entry = { client: Promise.resolve(undefined as never), inFlight: 0, retired: false, transport };
      this.users.get(transport)!.add(created);
      created.client = this.create(service, region, kind, created);
      created.client.catch(() => {
        if (this.clients.get(key) === created) this.clients.delete(key);
        created.destroyed = true;
        this.forget(created);
      });
      this.clients.set(key, created);
      entry = created;
    }
    return entry.client;
  }

  private async create(service: ServiceId, region: string, kind: RequestKind, entry: Entry): Promise<AnyClient> {
    const credentials = (await this.credentialProvider()) as never;
    const endpoint = this.opts.profile ? await configuredEndpoint(service, this.opts.profile) : undefined;
    const config = {
      region,
      credentials,
      retryStrategy: (await retryStrategy(kind)) as never,
      requestHandler: entry.transport as never,
      ...(this.opts.profile ? { profile: this.opts.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
    };
    const client =
      service === 'appstream'
        ? new (await import('@aws-sdk/client-appstream')).AppStreamClient(config)
        : new (await import('@aws-sdk/client-workspaces')).WorkSpacesClient(config);
    this.instrument(client as unknown as Instrumentable, service, region, entry);
    this.measureClock(client as unknown as Instrumentable);
    return client;
  }

  // Innermost, next to the HTTP handler: each attempt's own send and headers times around its Date header.
  private measureClock(client: Instrumentable): void {
    const clock = this.clock;
    type Raw = { response?: { headers?: Record<string, string | undefined> } };
    const mw = (next: (a: unknown) => Promise<Raw>) => async (args: unknown) => {
      const sentAt = Date.now();
      // Inside the deserializer: every answer, an error answer (a throttle, a 5xx) included, arrives here as a
      // response with AWS's Date; what throws here got no answer at all.
      const out = await next(args);
      clock.observe(out.response?.headers?.date, sentAt, Date.now());
      return out;
    };
    client.middlewareStack.add(mw as never, { step: 'deserialize', name: 'cloudImagesAwsClock', priority: 'low' });
  }

  // Outermost step, so the duration includes the SDK's retries and the request ID is the final attempt's.
  private instrument(client: Instrumentable, service: ServiceId, region: string, entry: Entry): void {
    const log = this.opts.logger;
    const mw =
      (
        next: (a: unknown) => Promise<{ output: { $metadata?: { requestId?: string } } }>,
        context: { commandName?: string },
      ) =>
      async (args: unknown) => {
        const t0 = Date.now();
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        entry.inFlight++;
        try {
          const result = await next(args);
          log({ service, operation, region, ms: Date.now() - t0, requestId: result.output.$metadata?.requestId });
          return result;
        } catch (e) {
          const err = e as { name?: string; $metadata?: { requestId?: string } };
          log({
            service,
            operation,
            region,
            ms: Date.now() - t0,
            requestId: err.$metadata?.requestId,
            error: err.name ?? String(e),
          });
          throw e;
        } finally {
          if (--entry.inFlight === 0 && entry.retired) this.destroy(entry);
        }
      };
    client.middlewareStack.add(mw as never, { step: 'initialize', name: 'cloudImagesCallLog' });
  }
}

/**
 * Loads the SDK in the background (the view was opened; the first expansion will need it), so the first
 * expansion pays only for its request. Not at activation: activation stays fast.
 */
export function preloadSdk(): void {
  void Promise.all([
    import('@aws-sdk/client-appstream'),
    import('@aws-sdk/client-workspaces'),
    import('@aws-sdk/credential-providers'),
  ]).catch(() => undefined);
}
