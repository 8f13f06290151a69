// AppStream images to and from EC2 AMIs: CreateImportedImage (a dry run first, then the request sent once through
// the write client; a lost answer settled by describing the image by name) and export tasks (CreateExportImageTask
// sent once, a lost answer settled by listing the tasks for the one of that image and AMI name made since the
// request; ListExportImageTasks pages; GetExportImageTask for one). SDK shapes become records here only.

import type { CreateImportedImageRequest, ExportImageTask } from '@aws-sdk/client-appstream';
import type { ImageRecord, Page } from '../core/image';
import { imageNameOfArn, type ExportTaskRecord } from '../core/importExport';
import { toRecord } from './appstream';
import type { ClientPool } from './clients';
import { answeredWithoutId, copyFound, sendOnce } from './reconcile';

/** The tree's page of export tasks (the model allows 1-500; AWS's default is 50). */
export const EXPORTS_PAGE = 50;
/** The tracker's page: every task of a region in one request while there are at most this many. */
export const EXPORTS_LOOK_PAGE = 500;

export interface ImportRequest {
  readonly region: string;
  readonly name: string;
  readonly amiId: string;
  readonly roleArn: string;
  readonly description?: string;
  readonly displayName?: string;
  readonly tags?: Record<string, string>;
}

export interface ExportRequest {
  readonly region: string;
  readonly imageName: string;
  /** The image's ARN: a lost answer is settled by finding a task for it. */
  readonly imageArn?: string;
  readonly amiName: string;
  readonly amiDescription?: string;
  readonly roleArn: string;
  readonly tags?: Record<string, string>;
}

/** What a dry run of the import said: AWS would do it, or its refusal (thrown as it came). */
export type DryRunAnswer = { readonly wouldSucceed: true };

export function toExportTask(profile: string, region: string, t: ExportImageTask): ExportTaskRecord {
  return {
    profile,
    region,
    taskId: t.TaskId ?? '',
    imageArn: t.ImageArn ?? '',
    imageName: imageNameOfArn(t.ImageArn ?? ''),
    amiName: t.AmiName ?? '',
    amiDescription: t.AmiDescription || undefined,
    state: t.State ?? 'EXPORTING',
    amiId: t.AmiId || undefined,
    created: t.CreatedDate,
    errors: (t.ErrorDetails ?? []).map((e) => ({
      ...(e.ErrorCode ? { code: e.ErrorCode } : {}),
      message: e.ErrorMessage ?? '',
    })),
    tags: { ...(t.TagSpecifications ?? {}) },
  };
}

const hasTags = (tags: Record<string, string> | undefined): tags is Record<string, string> =>
  !!tags && Object.keys(tags).length > 0;

export class AppStreamImportExport {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  private importInput(req: ImportRequest): CreateImportedImageRequest {
    return {
      Name: req.name,
      SourceAmiId: req.amiId,
      IamRoleArn: req.roleArn,
      ...(req.description ? { Description: req.description } : {}),
      ...(req.displayName ? { DisplayName: req.displayName } : {}),
      ...(hasTags(req.tags) ? { Tags: req.tags } : {}),
    };
  }

  /**
   * CreateImportedImage with DryRun: AWS checks the request and creates nothing. It answers
   * DryRunOperationException when the import would succeed, else the refusal the import would get (thrown).
   * Creating nothing, it may be resent: the ordinary client.
   */
  async dryRunImport(req: ImportRequest): Promise<DryRunAnswer> {
    const { CreateImportedImageCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(req.region);
    try {
      await client.send(new CreateImportedImageCommand({ ...this.importInput(req), DryRun: true }));
    } catch (e) {
      if ((e as { name?: string }).name === 'DryRunOperationException') return { wouldSucceed: true };
      throw e;
    }
    // (inf) A 2xx to a dry run is not documented; it refused nothing either.
    return { wouldSucceed: true };
  }

  /** The image of this name in the region, if any (one DescribeImages). */
  private async byName(region: string, name: string): Promise<ImageRecord | undefined> {
    const { DescribeImagesCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    try {
      const out = await client.send(new DescribeImagesCommand({ Names: [name] }));
      const img = out.Images?.[0];
      return img ? toRecord(this.profile, region, img) : undefined;
    } catch (e) {
      if ((e as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw e;
    }
  }

  /**
   * CreateImportedImage, sent once; answers the new image's name and state. A lost answer is settled by
   * describing the image by name: made since the request, it is ours; an older image of that name: not done.
   */
  async importImage(req: ImportRequest, startedAt: number): Promise<{ id: string; state: string }> {
    const { CreateImportedImageCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(req.region, 'write');
    return sendOnce(
      async () => {
        const out = await client.send(new CreateImportedImageCommand(this.importInput(req)));
        if (!out.Image?.Name) answeredWithoutId();
        return { id: out.Image.Name, state: out.Image.State ?? 'IMPORTING' };
      },
      async () => {
        const found = await this.byName(req.region, req.name);
        const id = copyFound(found, startedAt, this.pool.clock);
        return id && found ? { id, state: found.state } : undefined;
      },
    );
  }

  /** One page of the region's export tasks (one ListExportImageTasks). */
  async listExports(region: string, nextToken?: string, pageSize = EXPORTS_PAGE, signal?: AbortSignal) {
    const { ListExportImageTasksCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(
      new ListExportImageTasksCommand({ MaxResults: pageSize, ...(nextToken ? { NextToken: nextToken } : {}) }),
      { abortSignal: signal },
    );
    return {
      items: (out.ExportImageTasks ?? []).map((t) => toExportTask(this.profile, region, t)),
      nextToken: out.NextToken || undefined,
    } satisfies Page<ExportTaskRecord>;
  }

  /**
   * The tasks with these IDs, from the region's listing: one request while the region has at most 500 tasks,
   * more pages only until every ID is found. A task no page lists is absent (gone).
   */
  async exportsByIds(region: string, ids: readonly string[], signal?: AbortSignal): Promise<ExportTaskRecord[]> {
    const wanted = new Set(ids);
    const found: ExportTaskRecord[] = [];
    let token: string | undefined;
    do {
      const page = await this.listExports(region, token, EXPORTS_LOOK_PAGE, signal);
      for (const t of page.items) if (wanted.delete(t.taskId)) found.push(t);
      token = page.nextToken;
    } while (token && wanted.size);
    return found;
  }

  /** One export task (GetExportImageTask). */
  async exportTask(region: string, taskId: string, signal?: AbortSignal): Promise<ExportTaskRecord> {
    const { GetExportImageTaskCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(new GetExportImageTaskCommand({ TaskId: taskId }), { abortSignal: signal });
    if (!out.ExportImageTask) throw new Error(`AWS answered without the export task ${taskId}.`);
    return toExportTask(this.profile, region, out.ExportImageTask);
  }

  /**
   * CreateExportImageTask, sent once; answers the task. A lost answer is settled by listing the region's tasks:
   * one for this image and AMI name made since the request is ours; none means AWS made none.
   */
  async exportImage(req: ExportRequest, startedAt: number): Promise<ExportTaskRecord> {
    const { CreateExportImageTaskCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(req.region, 'write');
    const input = {
      ImageName: req.imageName,
      AmiName: req.amiName,
      IamRoleArn: req.roleArn,
      ...(req.amiDescription ? { AmiDescription: req.amiDescription } : {}),
      ...(hasTags(req.tags) ? { TagSpecifications: req.tags } : {}),
    };
    const since = this.pool.clock.earliest(startedAt);
    const ours = (t: ExportTaskRecord): boolean =>
      t.amiName === req.amiName &&
      (req.imageArn ? t.imageArn === req.imageArn : t.imageName === req.imageName) &&
      (!t.created || t.created.getTime() >= since);
    return sendOnce(
      async () => {
        const out = await client.send(new CreateExportImageTaskCommand(input));
        if (!out.ExportImageTask?.TaskId) answeredWithoutId();
        return toExportTask(this.profile, req.region, out.ExportImageTask);
      },
      async () => {
        let token: string | undefined;
        do {
          const page = await this.listExports(req.region, token, EXPORTS_LOOK_PAGE);
          const mine = page.items.find(ours);
          if (mine) return mine;
          token = page.nextToken;
        } while (token);
        return undefined;
      },
    );
  }
}
