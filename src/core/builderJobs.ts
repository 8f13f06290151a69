// The image builder job kinds (Start, Stop, Delete, each followed to its end on the one poll loop): what the
// states AWS reports mean for each, as entries of JOB_KINDS (jobKinds.ts). A builder job's destination is the
// builder itself: destId = destName = sourceName = its name, destRegion = its region; all three share one
// DescribeImageBuilders per (profile, region) (the 'builders' read).
import type { CopyJob } from './copyJobs';
import type { JobKindRules } from './jobKinds';

export type BuilderJobKind = 'builder-start' | 'builder-stop' | 'builder-delete' | 'builder-create';

const gone = 'The image builder is no longer listed in its region.';

/**
 * Done at RUNNING. AWS answers Start and Create with PENDING, so STOPPED on a later look (after one look that saw
 * it at all: the first may come before AWS lists the change) means it stopped without running.
 */
function untilRunning(state: string, before: CopyJob): 'succeeded' | 'failed' | undefined {
  return state === 'RUNNING'
    ? 'succeeded'
    : state === 'FAILED' || (state === 'STOPPED' && before.seen)
      ? 'failed'
      : undefined;
}

export const BUILDER_KINDS: Record<BuilderJobKind, JobKindRules> = {
  'builder-start': {
    read: 'builders',
    keySuffix: '#builder-start',
    outcomeOf: untilRunning,
    failedReason: (state) =>
      state === 'STOPPED'
        ? 'The image builder stopped again without reaching RUNNING.'
        : 'The image builder failed while starting.',
    unlisted: { gone },
    describe: (j) => `start image builder ${j.destName} (${j.destRegion})`,
  },
  'builder-stop': {
    read: 'builders',
    keySuffix: '#builder-stop',
    outcomeOf: (state) => (state === 'STOPPED' ? 'succeeded' : state === 'FAILED' ? 'failed' : undefined),
    failedReason: () => 'The image builder failed while stopping.',
    unlisted: { gone },
    describe: (j) => `stop image builder ${j.destName} (${j.destRegion})`,
  },
  // Done when AWS no longer lists it; a builder that leaves DELETING for another state was not deleted.
  'builder-delete': {
    read: 'builders',
    keySuffix: '#builder-delete',
    // The first look may come before AWS lists the change: only a builder seen since that is not DELETING failed.
    outcomeOf: (state, before: CopyJob) => (state === 'DELETING' || !before.seen ? undefined : 'failed'),
    failedReason: (state) => `AWS did not delete the image builder: it is ${state} again.`,
    unlisted: { done: 'DELETED' },
    describe: (j) => `delete image builder ${j.destName} (${j.destRegion})`,
  },
  'builder-create': {
    read: 'builders',
    keySuffix: '#builder-create',
    outcomeOf: untilRunning,
    failedReason: (state) =>
      state === 'STOPPED'
        ? 'The new image builder stopped before it was running.'
        : 'AWS could not bring the new image builder up.',
    unlisted: { gone: 'The new image builder is no longer listed in its region.' },
    describe: (j) => `create image builder ${j.destName} (${j.destRegion})`,
  },
};

export const isBuilderJobKind = (kind: string): kind is BuilderJobKind => Object.hasOwn(BUILDER_KINDS, kind);
