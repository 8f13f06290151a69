// Create Image Builder's AWS side: CreateImageBuilder sent once through the write client (a lost answer settled by
// describing the builder by name: found and made since the request means AWS made it), what an image listing says
// about making a builder from the image, and the subnets, security groups and roles the region's builders and
// fleets already use (from their listings: no EC2 or IAM client).
import type { ImageRecord } from '../core/image';
import type { BuilderCreateRequest } from '../core/builderCreate';
import type { BuilderRecord } from '../core/builders';
import type { ClientPool } from './clients';
import { toBuilderRecord } from './builders';
import { answeredWithoutId, copyFound, sendOnce } from './reconcile';

type NetworkUser = Pick<BuilderRecord, 'subnetIds' | 'securityGroupIds' | 'iamRoleArn'>;

/** What the image's listing says about builders from it: shared for builder use, and supported at all. */
export function builderUse(image: Pick<ImageRecord, 'raw'>): { allowed?: boolean; supported?: boolean } {
  const perms = image.raw.ImagePermissions as { allowImageBuilder?: boolean } | undefined;
  const supported = image.raw.ImageBuilderSupported;
  return {
    ...(perms ? { allowed: perms.allowImageBuilder === true } : {}),
    ...(typeof supported === 'boolean' ? { supported } : {}),
  };
}

/** The network settings and roles of every builder and fleet of the region (every page of both listings). */
export async function networkUsers(pool: ClientPool, region: string, signal?: AbortSignal): Promise<NetworkUser[]> {
  const { DescribeImageBuildersCommand, DescribeFleetsCommand } = await import('@aws-sdk/client-appstream');
  const client = await pool.appstream(region);
  const out: NetworkUser[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new DescribeImageBuildersCommand({ ...(token ? { NextToken: token } : {}) }), {
      abortSignal: signal,
    });
    for (const b of page.ImageBuilders ?? []) out.push(toBuilderRecord('', region, b));
    token = page.NextToken || undefined;
  } while (token);
  do {
    const page = await client.send(new DescribeFleetsCommand({ ...(token ? { NextToken: token } : {}) }), {
      abortSignal: signal,
    });
    for (const f of page.Fleets ?? []) {
      out.push({
        subnetIds: f.VpcConfig?.SubnetIds ?? [],
        securityGroupIds: f.VpcConfig?.SecurityGroupIds ?? [],
        iamRoleArn: f.IamRoleArn || undefined,
      });
    }
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/**
 * CreateImageBuilder, sent once; answers the new builder. A lost answer is settled by describing the builder by
 * name: one made since the request is the answer; an older one holding the name means AWS made none.
 */
export async function createBuilder(
  pool: ClientPool,
  profile: string,
  req: BuilderCreateRequest,
  describe: (region: string, names: string[]) => Promise<BuilderRecord[]>,
): Promise<BuilderRecord> {
  const { CreateImageBuilderCommand } = await import('@aws-sdk/client-appstream');
  const client = await pool.appstream(req.region, 'write');
  const input = {
    Name: req.name,
    InstanceType: req.instanceType,
    ...(req.imageArn ? { ImageArn: req.imageArn } : { ImageName: req.imageName }),
    ...(req.displayName ? { DisplayName: req.displayName } : {}),
    ...(req.description ? { Description: req.description } : {}),
    ...(req.subnetIds.length || req.securityGroupIds.length
      ? {
          VpcConfig: {
            ...(req.subnetIds.length ? { SubnetIds: req.subnetIds } : {}),
            ...(req.securityGroupIds.length ? { SecurityGroupIds: req.securityGroupIds } : {}),
          },
        }
      : {}),
    ...(req.iamRoleArn ? { IamRoleArn: req.iamRoleArn } : {}),
    EnableDefaultInternetAccess: req.internetAccess,
    ...(req.tags && Object.keys(req.tags).length ? { Tags: req.tags } : {}),
  };
  return sendOnce(
    async () => {
      const out = await client.send(new CreateImageBuilderCommand(input));
      if (!out.ImageBuilder?.Name) answeredWithoutId();
      return toBuilderRecord(profile, req.region, out.ImageBuilder);
    },
    async () => {
      const found = (await describe(req.region, [req.name]))[0];
      const made = copyFound(found && { id: found.name, created: found.created }, req.startedAt, pool.clock);
      return made ? found : undefined;
    },
  );
}
