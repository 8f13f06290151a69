// The listings that say what uses images: AppStream DescribeFleets and DescribeImageBuilders, WorkSpaces
// DescribeWorkspaceBundles for the account's own bundles (Owner left out). Each is paged to the end; the SDK
// has no paginator for the AppStream two, so all three follow NextToken the same way.

import type { ImageUser } from '../core/usage';
import type { ClientPool } from './clients';

async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...p.items);
    token = p.next || undefined;
  } while (token);
  return out;
}

const tokenArg = (token: string | undefined) => (token ? { NextToken: token } : {});

/** Every fleet and image builder of the account in the region, with the image each is built on. */
export async function appStreamUsers(pool: ClientPool, region: string, signal?: AbortSignal): Promise<ImageUser[]> {
  const { DescribeFleetsCommand, DescribeImageBuildersCommand } = await import('@aws-sdk/client-appstream');
  const client = await pool.appstream(region);
  const fleets = await allPages(async (token) => {
    const out = await client.send(new DescribeFleetsCommand(tokenArg(token)), { abortSignal: signal });
    return {
      items: (out.Fleets ?? []).map((f): ImageUser => ({
        kind: 'fleet',
        name: f.Name ?? '',
        state: f.State,
        imageName: f.ImageName || undefined,
        imageArn: f.ImageArn || undefined,
      })),
      next: out.NextToken,
    };
  });
  const builders = await allPages(async (token) => {
    const out = await client.send(new DescribeImageBuildersCommand(tokenArg(token)), { abortSignal: signal });
    return {
      items: (out.ImageBuilders ?? []).map((b): ImageUser => ({
        kind: 'imageBuilder',
        name: b.Name ?? '',
        state: b.State,
        imageArn: b.ImageArn || undefined,
      })),
      next: out.NextToken,
    };
  });
  return [...fleets, ...builders];
}

/** Every bundle of the account in the region (Owner unset: the account's own, not Amazon's). */
export async function workSpacesUsers(pool: ClientPool, region: string, signal?: AbortSignal): Promise<ImageUser[]> {
  const { DescribeWorkspaceBundlesCommand } = await import('@aws-sdk/client-workspaces');
  const client = await pool.workspaces(region);
  return allPages(async (token) => {
    const out = await client.send(new DescribeWorkspaceBundlesCommand(tokenArg(token)), { abortSignal: signal });
    return {
      items: (out.Bundles ?? []).map((b): ImageUser => ({
        kind: 'bundle',
        name: b.Name || b.BundleId || '',
        id: b.BundleId,
        state: b.State,
        imageId: b.ImageId || undefined,
      })),
      next: out.NextToken,
    };
  });
}
