// What "Create Image from WorkSpace…" and "Import BYOL Image…" share: the region they act in (the row's, or
// picked from the palette), the WorkSpaces picker (only those AWS makes an image of), the questions of a new
// WorkSpaces image (name, required description, tags, each checked as typed against AWS's rules), and the job
// that follows the new image on the poll loop.
import { t } from '../platform/l10n';
import { ownedList } from '../core/image';
import { jobId, type CopyJob } from '../core/copyJobs';
import { escapeCodicons } from '../core/markdown';
import { workSpacesImageName } from '../core/rules';
import type { WorkSpaceImageJobKind } from '../core/workspaceImageJobs';
import {
  canMakeImageOf,
  newImageDescription,
  WORKSPACE_IMAGES_SERVICE as SERVICE,
  type WorkSpaceRecord,
} from '../core/workspaceImages';
import type { Page } from '../core/image';
import { parseTagList, tagListRule } from '../core/tags';
import type { Started } from '../aws/images';
import type { CommandContext } from './context';
import { isNode, typeNodeArg } from './args';
import { nameTakenIn } from './guards';
import { pickPlace, type Place } from './pickPlace';
import { report } from './run';

/** The profile and region a WorkSpaces image command acts in. */
export type Where = Place;

/** The WorkSpaces row (or its Owned row) the command was run on; from the palette, a profile and a region of WorkSpaces. */
export async function whereFor(ctx: CommandContext, arg: unknown, title: string): Promise<Where | undefined> {
  if (isNode(arg) && arg.kind === 'service' && arg.service === SERVICE) {
    return { profile: arg.profile, region: arg.region };
  }
  const type = typeNodeArg(arg);
  if (type?.key.service === SERVICE) return { profile: type.key.profile, region: type.key.region };
  return pickPlace(ctx, title, SERVICE);
}

/**
 * A WorkSpace of the region AWS makes an image of (AVAILABLE or STOPPED), picked from a list searchable by user
 * name, computer name and WorkSpace ID, paged as AWS pages them; when there is none, says so.
 */
export async function pickWorkSpace(
  ctx: CommandContext,
  where: Where,
  title: string,
): Promise<WorkSpaceRecord | undefined> {
  const api = ctx.scope.session(where.profile).api;
  // A page with no eligible WorkSpace is skipped at once: the pick never shows an empty page with "Load more".
  const eligible = async (token: string | undefined): Promise<Page<WorkSpaceRecord>> => {
    for (;;) {
      const page = await api.listWorkSpaces(where.region, token);
      const items = page.items.filter(canMakeImageOf);
      if (items.length || !page.nextToken) return { items, nextToken: page.nextToken };
      token = page.nextToken;
    }
  };
  let first: Page<WorkSpaceRecord>;
  try {
    first = await eligible(undefined);
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not list the WorkSpaces of {0}', where.region),
        context: { ...where, iamAction: 'workspaces:DescribeWorkspaces', action: t('listing the WorkSpaces') },
      },
    ]);
    return undefined;
  }
  if (!first.items.length) {
    void ctx.prompts.notify(
      'info',
      t(
        'No WorkSpace in {0} can be made into an image: AWS makes an image only of a WorkSpace that is available or stopped. Nothing was sent.',
        where.region,
      ),
    );
    return undefined;
  }
  return ctx.prompts.pickPaged<WorkSpaceRecord>({
    title,
    placeHolder: t('WorkSpace: type a user name, computer name or WorkSpace ID (only available or stopped ones)'),
    fetch: async (token) => {
      const page = token === undefined ? first : await eligible(token);
      return {
        items: page.items.map((w) => ({
          label: escapeCodicons(w.userName ?? w.id),
          description: escapeCodicons([w.id, w.computerName].filter(Boolean).join(' · ')),
          detail: escapeCodicons([w.state, w.name].filter(Boolean).join(' · ')),
          value: w,
        })),
        nextToken: page.nextToken,
      };
    },
  });
}

export interface NewImage {
  readonly name: string;
  readonly description: string;
  readonly tags: Record<string, string>;
}

/** Name (free in the region), the required description and tags; undefined when the user gives up. */
export async function askNewImage(
  ctx: CommandContext,
  where: Where,
  title: string,
  suggested: { name: string; description: string },
): Promise<NewImage | undefined> {
  const name = await ctx.prompts.input({
    title,
    prompt: t('Name of the new image in {0}', where.region),
    value: suggested.name,
    validate: workSpacesImageName,
    validateOnAccept: (v) => nameTakenIn(ctx, { profile: where.profile, service: SERVICE }, where.region, v),
  });
  if (name === undefined) return undefined;
  const description = await ctx.prompts.input({
    title,
    prompt: t('Description of the new image (required)'),
    value: suggested.description,
    validate: newImageDescription,
  });
  if (description === undefined) return undefined;
  const tags = await ctx.prompts.input({
    title,
    prompt: t('Tags (optional): key=value, separated by commas; at most 50'),
    value: '',
    placeHolder: 'team=it, purpose=golden',
    validate: tagListRule(SERVICE),
  });
  if (tags === undefined) return undefined;
  const parsed = parseTagList(SERVICE, tags);
  return { name, description, tags: 'tags' in parsed ? parsed.tags : {} };
}

/** Follows the new image on the poll loop (PENDING until AVAILABLE or ERROR); its list shows it at once. */
export function followNewImage(
  ctx: CommandContext,
  kind: WorkSpaceImageJobKind,
  where: Where,
  made: { started: Started; name: string; sourceId: string; sourceName: string; startedAt: number },
): CopyJob {
  const dest = { profile: where.profile, service: SERVICE, region: where.region, id: made.started.id };
  const job: CopyJob = {
    id: jobId(dest, kind),
    kind,
    profile: where.profile,
    service: SERVICE,
    sourceRegion: where.region,
    sourceName: made.sourceName,
    sourceId: made.sourceId,
    destRegion: where.region,
    destName: made.name,
    destId: made.started.id,
    startedAt: made.startedAt,
    state: made.started.state,
  };
  ctx.tracker.add(job);
  ctx.refreshes.listIfOpen(ownedList(dest), 'copy-started');
  return job;
}
