// "Delete" on a stopped or failed image builder, behind a modal confirmation that says what is lost (whatever was
// installed on it and not yet saved in an image); DeleteImageBuilder sent once, followed until AWS no longer lists it.
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import type { CommandContext } from './context';
import { builderFor, followBuilder, sendingFor } from './builderArgs';
import { builderArg } from './pickBuilder';
import { report } from './run';

export async function deleteImageBuilder(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const b = builderFor(ctx, await builderArg(ctx, arg, 'delete', t('Delete Image Builder')), 'delete');
  if (!b) return undefined;
  const confirmed = await ctx.prompts.confirm(
    t('Delete the image builder {0} from {1}?', b.name, b.region),
    [
      b.imageArn ? t('Made from {0}.', b.imageArn) : undefined,
      t(
        'Everything installed or changed on this image builder that has not been saved in an image (with the Image Assistant) is lost with it. Images already made from it are kept. This cannot be undone.',
      ),
    ]
      .filter(Boolean)
      .join('\n\n'),
    t('Delete'),
  );
  if (!confirmed) return undefined;
  try {
    await sendingFor(b, () => ctx.scope.session(b.profile).api.deleteBuilder(b.region, b.name));
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not delete {0}', b.name),
        context: {
          profile: b.profile,
          region: b.region,
          action: t('the delete of {0}', b.name),
          builder: true,
          iamAction: 'appstream:DeleteImageBuilder',
        },
      },
    ]);
    return undefined;
  }
  return followBuilder(ctx, b, 'builder-delete', 'DELETING');
}
