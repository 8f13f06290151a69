// WorkSpaces images made from something other than an image: from a WorkSpace (CreateWorkspaceImage) or from an
// EC2 AMI (ImportWorkspaceImage, BYOL), and the WorkSpaces a user picks from (DescribeWorkspaces). Each create is
// mutating: sent once through the 'write' client; a lost answer is settled by looking for the new image by name
// among the region's own images, made since the request (names are unique per account and region).
import type { Workspace } from '@aws-sdk/client-workspaces';
import type { Page } from '../core/image';
import type { WorkSpaceRecord } from '../core/workspaceImages';
import type { ClientPool } from './clients';
import { answeredWithoutId, sendOnce, startedSince } from './reconcile';
import type { Started } from './services/serviceImages';
import { WorkSpacesCalls } from './workspaces';

/** DescribeWorkspaces answers at most 25 a page (Limit). */
export const WORKSPACES_PAGE = 25;

export interface FromWorkSpaceRequest {
  readonly region: string;
  readonly workspaceId: string;
  readonly name: string;
  /** Required by AWS (1-256). */
  readonly description: string;
  readonly tags: Record<string, string>;
  /** When the request was sent: an image found after a lost answer must be this new. */
  readonly startedAt: number;
}

export interface ByolImportRequest {
  readonly region: string;
  readonly amiId: string;
  readonly ingestionProcess: string;
  readonly name: string;
  readonly description: string;
  readonly tags: Record<string, string>;
  readonly startedAt: number;
}

export function toWorkSpace(profile: string, region: string, w: Workspace): WorkSpaceRecord {
  return {
    profile,
    region,
    id: w.WorkspaceId ?? '',
    userName: w.UserName || undefined,
    computerName: w.ComputerName || undefined,
    name: w.WorkspaceName || undefined,
    state: w.State ?? 'UNKNOWN',
    bundleId: w.BundleId || undefined,
    directoryId: w.DirectoryId || undefined,
  };
}

const tagList = (tags: Record<string, string>): { Key: string; Value: string }[] | undefined =>
  Object.keys(tags).length ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined;

export class WorkSpacesMaking {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  /** One page of the region's WorkSpaces: one DescribeWorkspaces. */
  async listWorkSpaces(region: string, nextToken?: string, signal?: AbortSignal): Promise<Page<WorkSpaceRecord>> {
    const { DescribeWorkspacesCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    const out = await client.send(
      new DescribeWorkspacesCommand({ Limit: WORKSPACES_PAGE, ...(nextToken ? { NextToken: nextToken } : {}) }),
      { abortSignal: signal },
    );
    return {
      items: (out.Workspaces ?? []).map((w) => toWorkSpace(this.profile, region, w)),
      nextToken: out.NextToken || undefined,
    };
  }

  async fromWorkSpace(req: FromWorkSpaceRequest): Promise<Started> {
    const { CreateWorkspaceImageCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(req.region, 'write');
    const tags = tagList(req.tags);
    return sendOnce(
      async () => {
        const out = await client.send(
          new CreateWorkspaceImageCommand({
            Name: req.name,
            Description: req.description,
            WorkspaceId: req.workspaceId,
            ...(tags ? { Tags: tags } : {}),
          }),
        );
        return { id: out.ImageId ?? answeredWithoutId(), state: out.State ?? 'PENDING' };
      },
      () => this.lookFor(req.region, req.name, req.startedAt),
    );
  }

  async importImage(req: ByolImportRequest): Promise<Started> {
    const { ImportWorkspaceImageCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(req.region, 'write');
    const tags = tagList(req.tags);
    return sendOnce(
      async () => {
        const out = await client.send(
          new ImportWorkspaceImageCommand({
            Ec2ImageId: req.amiId,
            // The SDK types the enum; the value is one of the model's (core/workspaceImages.ts).
            IngestionProcess: req.ingestionProcess as never,
            ImageName: req.name,
            ImageDescription: req.description,
            ...(tags ? { Tags: tags } : {}),
          }),
        );
        return { id: out.ImageId ?? answeredWithoutId(), state: 'PENDING' };
      },
      () => this.lookFor(req.region, req.name, req.startedAt),
    );
  }

  /** After a lost answer: the region's own image of that name made since the request, if AWS made it. */
  private async lookFor(region: string, name: string, startedAt: number): Promise<Started | undefined> {
    const found = await new WorkSpacesCalls(this.pool, this.profile).findOwnedByName(region, name, (r) =>
      startedSince(r, startedAt, this.pool.clock),
    );
    return found ? { id: found.id, state: found.state } : undefined;
  }
}
