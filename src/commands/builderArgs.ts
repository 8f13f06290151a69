// What the image builder commands share: the builder row they act on, the tracked job that follows an action to
// its end, and the row's state shown at once (AWS accepted the action; the job's ending lists the builders again).
import { describeJob, jobId, jobKind, type CopyJob } from '../core/copyJobs';
import { isBuilderJobKind, type BuilderJobKind } from '../core/builderJobs';
import { builderActions, builderStateLabel, type BuilderActions, type BuilderRecord } from '../core/builders';
import { BUILDERS_SERVICE } from '../core/services';
import type { BuilderNode } from '../tree/builders';
import { t } from '../platform/l10n';
import type { CommandContext } from './context';
import { isNode } from './args';
import { PickedBuilder } from './pickBuilder';
import { warn } from './run';

export function builderNodeArg(arg: unknown): BuilderNode | undefined {
  return isNode(arg) && arg.kind === 'builder' ? arg : undefined;
}

/** The builder of the row, if AWS accepts `action` in its state; otherwise says why nothing was sent. */
export function builderFor(ctx: CommandContext, arg: unknown, action: keyof BuilderActions): BuilderRecord | undefined {
  const b = builderNodeArg(arg)?.record ?? (arg instanceof PickedBuilder ? arg.record : undefined);
  if (!b) return undefined;
  // A start, stop or delete of ours still under way: AWS may not show it on the row yet, and would get it twice.
  const busy = ctx.tracker
    .inFlight()
    .find(
      (j) =>
        isBuilderJobKind(jobKind(j)) && j.profile === b.profile && j.destRegion === b.region && j.destId === b.name,
    );
  if (inFlight.has(builderKey(b)) && action !== 'connect') {
    warn(ctx, t('Nothing was sent: a request for {0} is already on its way.', b.name));
    return undefined;
  }
  if (busy && action !== 'connect') {
    warn(ctx, t('Nothing was sent: {0} is still changing ({1}); wait until that ends.', b.name, describeJob(busy)));
    return undefined;
  }
  if (builderActions(b.state)[action]) return b;
  const needs: Record<keyof BuilderActions, string> = {
    start: t('only a stopped image builder can be started'),
    stop: t('only a running image builder can be stopped'),
    delete: t('only a stopped or failed image builder can be deleted'),
    connect: t('only a running image builder can be connected to'),
  };
  warn(
    ctx,
    t('Nothing was sent: {0} is {1}, and {2}.', b.name, builderStateLabel(b.state).toLowerCase(), needs[action]),
  );
  return undefined;
}

/** Builders this window is sending a start, stop or delete for (a double click must not send it twice). */
const inFlight = new Set<string>();
const builderKey = (b: BuilderRecord): string => JSON.stringify([b.profile, b.region, b.name]);

/** Sends a start, stop or delete of the builder; until AWS answers, another is refused (builderFor). */
export async function sendingFor<T>(b: BuilderRecord, send: () => Promise<T>): Promise<T> {
  inFlight.add(builderKey(b));
  try {
    return await send();
  } finally {
    inFlight.delete(builderKey(b));
  }
}

/** The job that follows a builder action on the poll loop: its "destination" is the builder itself. */
export function builderJob(b: BuilderRecord, kind: BuilderJobKind, state: string): CopyJob {
  const ref = { profile: b.profile, service: BUILDERS_SERVICE, region: b.region, id: b.name };
  return {
    id: jobId(ref, kind),
    kind,
    profile: b.profile,
    service: BUILDERS_SERVICE,
    sourceRegion: b.region,
    sourceName: b.name,
    sourceId: b.name,
    destRegion: b.region,
    destName: b.name,
    destId: b.name,
    startedAt: Date.now(),
    state,
  };
}

/** AWS accepted the action: the row shows the state it moves to, and the tracker follows it from there. */
export function followBuilder(ctx: CommandContext, b: BuilderRecord, kind: BuilderJobKind, state: string): CopyJob {
  ctx.refreshes.builder({ ...b, state }, 'builder-action');
  const job = builderJob(b, kind, state);
  ctx.tracker.add(job);
  return job;
}
