// The roll-out job kind: a fleet given a new image (UpdateFleet), followed until AWS lists it at rest (RUNNING or
// STOPPED) on that image. Its destination is the fleet: destId = destName = the fleet's name, destRegion = its
// region; sourceName = the image it is moving to. Every such job of a (profile, region) shares one DescribeFleets
// with the fleets' names (the 'fleets' read).
import type { CopyJob } from './copyJobs';
import type { JobKindRules } from './jobKinds';
import type { Observation } from './jobs';

export type RolloutJobKind = 'fleet-image';

/** The fleet is on the job's image: AWS names it, or gives its ARN (the job keeps it in sourceId). */
const onImage = (job: CopyJob, seen: Observation | undefined): boolean =>
  !!seen?.image && (seen.image === job.sourceName || seen.image === job.sourceId);

export const ROLLOUT_KINDS: Record<RolloutJobKind, JobKindRules> = {
  // FleetState has no updating state: a running fleet stays RUNNING and replaces its instances as sessions end;
  // a stopped one stays STOPPED and starts on the image. Done once it is at rest on the image; on another image
  // after a look that saw it (the first may come before AWS lists the change), someone else changed it.
  'fleet-image': {
    read: 'fleets',
    keySuffix: '#fleet-image',
    outcomeOf: (state, before, seen) => {
      if (!onImage(before, seen)) return before.seen ? 'failed' : undefined;
      return state === 'RUNNING' || state === 'STOPPED' ? 'succeeded' : undefined;
    },
    failedReason: () => 'The fleet is on another image now: it was changed again since.',
    unlisted: { gone: 'The fleet is no longer listed in its region.' },
    describe: (j) => `fleet ${j.destName} → ${j.sourceName} (${j.destRegion})`,
  },
};

export const isRolloutJobKind = (kind: string): kind is RolloutJobKind => Object.hasOwn(ROLLOUT_KINDS, kind);
