// "Stop" on a running image builder (StopImageBuilder, sent once), followed to STOPPED as a tracked job.
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import type { CommandContext } from './context';
import { builderFor, followBuilder, sendingFor } from './builderArgs';
import { builderArg } from './pickBuilder';
import { report } from './run';

export async function stopImageBuilder(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const b = builderFor(ctx, await builderArg(ctx, arg, 'stop', t('Stop Image Builder')), 'stop');
  if (!b) return undefined;
  try {
    await sendingFor(b, () => ctx.scope.session(b.profile).api.stopBuilder(b.region, b.name));
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not stop {0}', b.name),
        context: {
          profile: b.profile,
          region: b.region,
          action: t('the stop of {0}', b.name),
          builder: true,
          iamAction: 'appstream:StopImageBuilder',
        },
      },
    ]);
    return undefined;
  }
  const job = followBuilder(ctx, b, 'builder-stop', 'STOPPING');
  void ctx.prompts.notify('info', t('Stopping the image builder {0}. Progress is shown in the status bar.', b.name));
  return job;
}
