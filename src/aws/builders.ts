// AppStream image builders: DescribeImageBuilders as typed records, Start / Stop / Delete sent once through the
// write client (a lost answer settled by describing the builder), and the streaming URL of Connect, which is a
// credential: it is returned to the caller and nowhere else (the call log records no answer body, and a failure
// never quotes what came back).

import type { ImageBuilder } from '@aws-sdk/client-appstream';
import type { BuilderRecord } from '../core/builders';
import type { Page } from '../core/image';
import type { ClientPool } from './clients';
import { sendOnce } from './reconcile';

/** DescribeImageBuilders' page: the model gives MaxResults no bounds; 25 is what AWS's console asks for. */
export const BUILDERS_PAGE = 25;

const isNotFound = (e: unknown): boolean => (e as { name?: string }).name === 'ResourceNotFoundException';

const joined = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(': ');

/** The SDK's image builder as the product's record: mapped here only. */
export function toBuilderRecord(profile: string, region: string, b: ImageBuilder): BuilderRecord {
  const reason = joined(b.StateChangeReason?.Code, b.StateChangeReason?.Message);
  return {
    profile,
    region,
    name: b.Name ?? '',
    arn: b.Arn || undefined,
    state: b.State ?? 'PENDING',
    displayName: b.DisplayName || undefined,
    description: b.Description || undefined,
    instanceType: b.InstanceType || undefined,
    platform: b.Platform || undefined,
    imageArn: b.ImageArn || undefined,
    agentVersion: b.AppstreamAgentVersion || undefined,
    latestAgent:
      b.LatestAppstreamAgentVersion === 'TRUE' ? true : b.LatestAppstreamAgentVersion === 'FALSE' ? false : undefined,
    created: b.CreatedTime,
    stateReason: reason || undefined,
    errors: (b.ImageBuilderErrors ?? []).map((e) => ({
      ...(e.ErrorCode ? { code: e.ErrorCode } : {}),
      message: e.ErrorMessage ?? '',
      ...(e.ErrorTimestamp ? { time: e.ErrorTimestamp } : {}),
    })),
    subnetIds: b.VpcConfig?.SubnetIds ?? [],
    securityGroupIds: b.VpcConfig?.SecurityGroupIds ?? [],
    iamRoleArn: b.IamRoleArn || undefined,
    internetAccess: b.EnableDefaultInternetAccess,
  };
}

/** States a builder is in once a start was carried out (it may have moved on since). */
const STARTED = new Set([
  'PENDING',
  'UPDATING_AGENT',
  'RUNNING',
  'UPDATING',
  'PENDING_QUALIFICATION',
  'PENDING_SYNCING_APPS',
  'SYNCING_APPS',
  'REBOOTING',
  'SNAPSHOTTING',
]);

/**
 * A failure of the streaming URL call, with anything that looks like a URL taken out of its message: a body cut
 * off mid-way or replaced by a proxy's page surfaces as a parse error that may quote what arrived, the URL
 * included. Its name, code and status stay, so it reads in words like any other failure.
 */
function withoutUrls(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return e;
  const err = e as { name?: string; message?: string; code?: string; $metadata?: unknown; cause?: { code?: string } };
  const message = (err.message ?? '').replace(/https?:\/\/\S+|parameters=\S+/gi, '[withheld]');
  return Object.assign(new Error(message), {
    name: err.name ?? 'Error',
    ...(err.code ? { code: err.code } : {}),
    ...(err.$metadata ? { $metadata: err.$metadata } : {}),
    ...(err.cause?.code ? { cause: { code: err.cause.code } } : {}),
  });
}

export class AppStreamBuilders {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  /** One page of the account's builders in the region (one request). */
  async list(
    profile: string,
    region: string,
    nextToken: string | undefined,
    signal?: AbortSignal,
  ): Promise<Page<BuilderRecord>> {
    const { DescribeImageBuildersCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(
      new DescribeImageBuildersCommand({ MaxResults: BUILDERS_PAGE, ...(nextToken ? { NextToken: nextToken } : {}) }),
      { abortSignal: signal },
    );
    return {
      items: (out.ImageBuilders ?? []).map((b) => toBuilderRecord(profile, region, b)),
      nextToken: out.NextToken || undefined,
    };
  }

  /** Every builder of these names, all pages; fails whole when one name is gone (ResourceNotFoundException). */
  private async byNames(region: string, names: string[], signal?: AbortSignal): Promise<BuilderRecord[]> {
    const { DescribeImageBuildersCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out: BuilderRecord[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new DescribeImageBuildersCommand({ Names: names, ...(token ? { NextToken: token } : {}) }),
        { abortSignal: signal },
      );
      out.push(...(page.ImageBuilders ?? []).map((b) => toBuilderRecord(this.profile, region, b)));
      token = page.NextToken || undefined;
    } while (token);
    return out;
  }

  /**
   * The builders of these names that exist: one request while all exist; a batch that hits a deleted one falls
   * back to one request per name to tell which remain. A missing name is absent from the answer.
   */
  async describe(region: string, names: string[], signal?: AbortSignal): Promise<BuilderRecord[]> {
    const unique = [...new Set(names)];
    if (!unique.length) return [];
    try {
      return await this.byNames(region, unique, signal);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      if (unique.length === 1) return [];
    }
    const found: BuilderRecord[] = [];
    for (const name of unique) {
      try {
        found.push(...(await this.byNames(region, [name], signal)));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return found;
  }

  private async state(region: string, name: string): Promise<string | undefined> {
    return (await this.describe(region, [name]))[0]?.state;
  }

  /** StartImageBuilder, sent once; a lost answer is settled by looking: started when it is PENDING or later. */
  async start(region: string, name: string): Promise<void> {
    const { StartImageBuilderCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new StartImageBuilderCommand({ Name: name }));
        return true;
      },
      async () => (STARTED.has((await this.state(region, name)) ?? '') ? true : undefined),
    );
  }

  /** StopImageBuilder, sent once; a lost answer is settled by looking: stopped when it is STOPPING or STOPPED. */
  async stop(region: string, name: string): Promise<void> {
    const { StopImageBuilderCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new StopImageBuilderCommand({ Name: name }));
        return true;
      },
      async () => (['STOPPING', 'STOPPED'].includes((await this.state(region, name)) ?? '') ? true : undefined),
    );
  }

  /** DeleteImageBuilder, sent once; a lost answer is settled by looking: deleted when it is DELETING or gone. */
  async delete(region: string, name: string): Promise<void> {
    const { DeleteImageBuilderCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new DeleteImageBuilderCommand({ Name: name }));
        return true;
      },
      async () => {
        const state = await this.state(region, name);
        return state === undefined || state === 'DELETING' ? true : undefined;
      },
    );
  }

  /**
   * CreateImageBuilderStreamingURL: the URL, for the caller to open and forget. It creates nothing that a second
   * request would duplicate (each answer is a new link), so the ordinary client may resend it.
   */
  async streamingUrl(region: string, name: string, validitySeconds: number): Promise<string> {
    const { CreateImageBuilderStreamingURLCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    let url: string | undefined;
    try {
      url = (await client.send(new CreateImageBuilderStreamingURLCommand({ Name: name, Validity: validitySeconds })))
        .StreamingURL;
    } catch (e) {
      throw withoutUrls(e);
    }
    if (!url) throw new Error(`AWS answered without a streaming URL for the image builder ${name}.`);
    return url;
  }
}
