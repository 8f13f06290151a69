// What Use in Fleets and Change Image share: the confirmation, one UpdateFleet per fleet (sent once, a lost
// answer settled by reading the fleet back), each accepted change followed as a 'fleet-image' job, every refusal
// in words, and what uses the region's images listed again at once.
import { t } from '../platform/l10n';
import { jobId, jobKind, isInFlight, type CopyJob } from '../core/copyJobs';
import type { ImageRecord } from '../core/image';
import { FLEETS_SERVICE, type FleetRecord } from '../core/rollout';
import { isRolloutJobKind } from '../core/rolloutJobs';
import type { CommandContext } from './context';
import { fleetConfirmation } from './rolloutText';
import { report, warn } from './run';
import { sendEach } from './sendEach';

/** The image to roll out: its name and ARN, and whether it is the account's own (by name) or shared (by ARN). */
export type RolloutImage = Pick<ImageRecord, 'profile' | 'region' | 'name' | 'arn' | 'ownership'>;

/** Fleets this window is sending an UpdateFleet for (a double click must not send it twice). */
const sending = new Set<string>();
const fleetKey = (f: Pick<FleetRecord, 'profile' | 'region' | 'name'>): string =>
  JSON.stringify([f.profile, f.region, f.name]);

/** A fleet whose earlier change (ours) is still followed or on its way: another is refused, with why. */
function busyFleets(ctx: CommandContext, fleets: readonly FleetRecord[]): FleetRecord[] {
  const followed = ctx.tracker
    .inFlight()
    .filter((j) => isRolloutJobKind(jobKind(j)) && isInFlight(j))
    .map((j) => fleetKey({ profile: j.profile, region: j.destRegion, name: j.destId }));
  return fleets.filter((f) => sending.has(fleetKey(f)) || followed.includes(fleetKey(f)));
}

/** The job that follows a fleet to rest on its new image. */
export function fleetJob(f: FleetRecord, image: RolloutImage, state: string): CopyJob {
  const ref = { profile: f.profile, service: FLEETS_SERVICE, region: f.region, id: f.name };
  return {
    id: jobId(ref, 'fleet-image'),
    kind: 'fleet-image',
    profile: f.profile,
    service: FLEETS_SERVICE,
    sourceRegion: image.region,
    sourceName: image.name,
    sourceId: image.arn ?? image.name,
    destRegion: f.region,
    destName: f.name,
    destId: f.name,
    startedAt: Date.now(),
    state,
  };
}

/** Confirms, then gives each fleet the image; answers the jobs that follow the changes AWS accepted. */
export async function rollOutToFleets(
  ctx: CommandContext,
  image: RolloutImage,
  chosen: readonly FleetRecord[],
): Promise<CopyJob[]> {
  const busy = busyFleets(ctx, chosen);
  if (busy.length) {
    warn(
      ctx,
      t(
        'Nothing was sent: {0} is still moving to the image given before; wait until that ends.',
        busy.map((f) => f.name).join(', '),
      ),
    );
    return [];
  }
  const words = fleetConfirmation(image.name, image.region, chosen);
  if (!(await ctx.prompts.confirm(words.message, words.detail, words.action))) return [];

  const api = ctx.scope.session(image.profile).api;
  const byArn = image.ownership !== 'owned' && !!image.arn;
  const { done: jobs, errors } = await sendEach(
    chosen,
    sending,
    fleetKey,
    async (f) => {
      const after = await api.setFleetImage(f.region, f.name, { name: image.name, arn: image.arn, byArn });
      const job = fleetJob(f, image, after.state);
      ctx.tracker.add(job);
      return job;
    },
    (f, error) => ({
      error,
      title: t('Fleet {0} was not given {1}', f.name, image.name),
      context: {
        profile: image.profile,
        region: f.region,
        rollout: 'fleet',
        iamAction: 'appstream:UpdateFleet',
        action: t('the image change of fleet {0}', f.name),
      },
    }),
  );
  if (jobs.length) {
    ctx.refreshes.usage(image.profile, image.region, FLEETS_SERVICE, 'rollout');
    void ctx.prompts.notify(
      'info',
      jobs.length === 1
        ? t('Fleet {0} is moving to {1}. Progress is shown in the status bar.', jobs[0].destName, image.name)
        : t('{0} fleets are moving to {1}. Progress is shown in the status bar.', jobs.length, image.name),
    );
  }
  if (errors.length) report(ctx, errors);
  return jobs;
}
