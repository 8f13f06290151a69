// SDK clients per (service, region) for one profile. The SDK is loaded on the first request, not at
// activation. Credentials come only from the standard chain; endpoints only from the standard configuration
// (AWS_ENDPOINT_URL*, the profile's endpoint_url / services section), resolved for the chosen profile
// (endpoints.ts): nothing else ever chooses where signed requests go.

import type { AppStreamClient } from '@aws-sdk/client-appstream';
import type { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type { ServiceId } from '../core/regions';
import { configuredEndpoint } from './endpoints';

export interface CallRecord {
  service: ServiceId;
  operation: string;
  region: string;
  ms: number;
  requestId?: string;
  error?: string;
}

export type CallLogger = (call: CallRecord) => void;

export interface ClientOptions {
  /** Undefined: the SDK's own default (AWS_PROFILE, else "default", with environment keys first). */
  profile?: string;
  logger: CallLogger;
  maxAttempts?: number;
}

interface Instrumentable {
  middlewareStack: { add: (mw: never, opts: { step: 'initialize'; name: string }) => void };
}

export class ClientPool {
  private readonly clients = new Map<string, Promise<AppStreamClient | WorkSpacesClient>>();
  private credentials: Promise<unknown> | undefined;

  constructor(private readonly opts: ClientOptions) {}

  get profile(): string | undefined {
    return this.opts.profile;
  }

  appstream(region: string): Promise<AppStreamClient> {
    return this.get('appstream', region) as Promise<AppStreamClient>;
  }

  workspaces(region: string): Promise<WorkSpacesClient> {
    return this.get('workspaces', region) as Promise<WorkSpacesClient>;
  }

  /** Drops clients and cached credentials, so the next call reads the chain again (after "aws sso login"). */
  reset(): void {
    for (const c of this.clients.values()) void c.then((client) => client.destroy(), () => undefined);
    this.clients.clear();
    this.credentials = undefined;
  }

  private async credentialProvider(): Promise<unknown> {
    this.credentials ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain(this.opts.profile ? { profile: this.opts.profile } : {}));
    return this.credentials;
  }

  private get(service: ServiceId, region: string): Promise<AppStreamClient | WorkSpacesClient> {
    const key = `${service}/${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(service, region);
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  private async create(service: ServiceId, region: string): Promise<AppStreamClient | WorkSpacesClient> {
    const credentials = (await this.credentialProvider()) as never;
    const endpoint = this.opts.profile ? await configuredEndpoint(service, this.opts.profile) : undefined;
    const config = {
      region,
      credentials,
      maxAttempts: this.opts.maxAttempts,
      ...(this.opts.profile ? { profile: this.opts.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
    };
    const client = service === 'appstream'
      ? new (await import('@aws-sdk/client-appstream')).AppStreamClient(config)
      : new (await import('@aws-sdk/client-workspaces')).WorkSpacesClient(config);
    this.instrument(client as unknown as Instrumentable, service, region);
    return client;
  }

  // Outermost step, so the duration includes the SDK's retries and the request ID is the final attempt's.
  private instrument(client: Instrumentable, service: ServiceId, region: string): void {
    const log = this.opts.logger;
    const mw = (next: (a: unknown) => Promise<{ output: { $metadata?: { requestId?: string } } }>, context: { commandName?: string }) =>
      async (args: unknown) => {
        const t0 = Date.now();
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        try {
          const result = await next(args);
          log({ service, operation, region, ms: Date.now() - t0, requestId: result.output.$metadata?.requestId });
          return result;
        } catch (e) {
          const err = e as { name?: string; $metadata?: { requestId?: string } };
          log({ service, operation, region, ms: Date.now() - t0, requestId: err.$metadata?.requestId, error: err.name ?? String(e) });
          throw e;
        }
      };
    client.middlewareStack.add(mw as never, { step: 'initialize', name: 'cloudImagesCallLog' });
  }
}
