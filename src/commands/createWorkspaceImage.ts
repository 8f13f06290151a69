// "Create Image from WorkSpace…": AWS makes a new image of a WorkSpace's system (CreateWorkspaceImage), in the
// WorkSpace's region; the tracker follows it PENDING -> AVAILABLE or ERROR. Only an available or stopped WorkSpace
// is offered (AWS refuses the others). Sent once: a lost answer is settled by looking for the image by name.
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import type { Started } from '../aws/images';
import type { CommandContext } from './context';
import { askNewImage, followNewImage, pickWorkSpace, whereFor } from './workspaceImageFlow';
import { report } from './run';

export async function createWorkspaceImage(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const title = t('Create Image from WorkSpace');
  const where = await whereFor(ctx, arg, title);
  if (!where) return undefined;
  const ws = await pickWorkSpace(ctx, where, title);
  if (!ws) return undefined;
  const who = ws.userName ?? ws.computerName ?? ws.id;
  const answers = await askNewImage(ctx, where, t('Create Image from WorkSpace {0} ({1})', ws.id, where.region), {
    name: '',
    description: `Image of WorkSpace ${ws.id}`,
  });
  if (!answers) return undefined;
  const go = t('Create Image');
  const confirmed = await ctx.prompts.confirm(
    t('Create the image {0} from WorkSpace {1} ({2}) in {3}?', answers.name, ws.id, who, where.region),
    t(
      'AWS makes the image from the WorkSpace as it is now; its user may not be able to use it until the image is made, which can take an hour or more. The WorkSpace itself is not changed.',
    ),
    go,
  );
  if (!confirmed) return undefined;

  const startedAt = Date.now();
  let started: Started;
  try {
    started = await ctx.scope.session(where.profile).api.createWorkSpaceImage({
      region: where.region,
      workspaceId: ws.id,
      ...answers,
      startedAt,
    });
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not create an image from WorkSpace {0}', ws.id),
        context: {
          ...where,
          wsImage: 'create',
          iamAction: 'workspaces:CreateWorkspaceImage',
          action: t('the image of WorkSpace {0}', ws.id),
        },
      },
    ]);
    return undefined;
  }
  const job = followNewImage(ctx, 'ws-create', where, {
    started,
    name: answers.name,
    sourceId: ws.id,
    sourceName: who,
    startedAt,
  });
  void ctx.prompts.notify(
    'info',
    t(
      'Creating {0} from WorkSpace {1} ({2}) in {3}. Progress is shown in the status bar.',
      answers.name,
      ws.id,
      who,
      where.region,
    ),
  );
  return job;
}
