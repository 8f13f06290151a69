// "Start" on a stopped image builder (StartImageBuilder, sent once), followed to RUNNING as a tracked job; and
// "Start and Connect", which then waits for that job and opens a streaming session.
import { t } from '../platform/l10n';
import { withProgress } from '../platform/progress';
import type { CopyJob } from '../core/copyJobs';
import type { BuilderRecord } from '../core/builders';
import type { CommandContext } from './context';
import { builderFor, followBuilder, sendingFor } from './builderArgs';
import { builderArg } from './pickBuilder';
import { openStreamingSession, streamingValidity } from './connectImageBuilder';
import { report, reportReason } from './run';

export async function startImageBuilder(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const b = builderFor(ctx, await builderArg(ctx, arg, 'start', t('Start Image Builder')), 'start');
  if (!b) return undefined;
  const job = await start(ctx, b);
  if (job) {
    void ctx.prompts.notify('info', t('Starting the image builder {0}. Progress is shown in the status bar.', b.name));
  }
  return job;
}

async function start(ctx: CommandContext, b: BuilderRecord): Promise<CopyJob | undefined> {
  try {
    await sendingFor(b, () => ctx.scope.session(b.profile).api.startBuilder(b.region, b.name));
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not start {0}', b.name),
        context: {
          profile: b.profile,
          region: b.region,
          action: t('the start of {0}', b.name),
          builder: true,
          iamAction: 'appstream:StartImageBuilder',
        },
      },
    ]);
    return undefined;
  }
  return followBuilder(ctx, b, 'builder-start', 'PENDING');
}

/** How often Start and Connect looks at the tracked start (the tracker's own poll loop asks AWS). */
const WAIT_STEP_MS = 1000;

/** Starts a stopped builder, follows it to RUNNING, then connects (the validity is asked before anything is sent). */
export async function startAndConnect(ctx: CommandContext, arg: unknown): Promise<boolean> {
  const b = builderFor(ctx, await builderArg(ctx, arg, 'start', t('Start and Connect')), 'start');
  if (!b) return false;
  const validity = await streamingValidity(ctx);
  if (validity === undefined) return false;
  const job = await start(ctx, b);
  if (!job) return false;
  const ended = await withProgress(t('Starting {0}, then connecting', b.name), async (progress, token) => {
    progress(t('Waiting for the image builder to be running (this takes several minutes)…'));
    for (;;) {
      const now = ctx.tracker.all().find((j) => j.id === job.id);
      if (!now || now.outcome) return now;
      if (token.isCancellationRequested) return undefined;
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  });
  // Cancelled: the start goes on, followed in the status bar; only the connection is given up.
  if (!ended) return false;
  if (ended.outcome !== 'succeeded') {
    reportReason(
      ctx,
      t('Could not connect to {0}', b.name),
      ended.reason ?? t('The image builder did not reach RUNNING.'),
      t('the start of {0}', b.name),
    );
    return false;
  }
  return openStreamingSession(ctx, { ...b, state: 'RUNNING' }, validity);
}
