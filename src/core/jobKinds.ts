// What each kind of tracked job means, as one table entry: the read that looks at what it follows, which states
// AWS reports end it well or badly, what "no longer listed" means, and its line in lists and logs. How it looks
// (an ImageApi call) and its translated words are its entry in jobs/kinds.ts. The tracker and its state machine
// (copyJobs.ts) hold nothing kind-specific.
import { BUILDER_KINDS } from './builderJobs';
import { IMPORT_EXPORT_KINDS } from './importExportJobs';
import { ROLLOUT_KINDS } from './rolloutJobs';
import { WORKSPACE_IMAGE_KINDS } from './workspaceImageJobs';
import type { CopyJob, CopyOutcome, JobKind } from './copyJobs';
import type { Observation } from './jobs';

/**
 * The read a kind is looked at with, one request per (profile, service, region) and read: kinds that share a
 * read share the request (a copy and a deletion in one region cost one DescribeImages).
 */
export type JobRead = 'images' | 'builders' | 'fleets' | 'exports';

export interface JobKindRules {
  readonly read: JobRead;
  /** Appended to the job's key when it follows a resource another kind may follow too (a deletion beside a copy). */
  readonly keySuffix?: string;
  /**
   * What a state AWS reports means: the job ended well or badly, or (undefined) it is still under way. `before`:
   * the job as it was before this look (what was seen of it so far); `seen`: the whole look (a fleet's image).
   */
  outcomeOf(state: string, before: CopyJob, seen?: Observation): Exclude<CopyOutcome, 'disappeared'> | undefined;
  /** AWS's reason for a failure when it gives none, in the words of the state it reports. */
  failedReason?(state: string): string;
  /**
   * AWS no longer lists it: the job is done at once (`state`: what it now reads), or, once it has been seen or
   * UNSEEN_GRACE_MS after the start (AWS lists a new resource after a while), it is gone with this reason.
   */
  readonly unlisted: { readonly done: string } | { readonly gone: string };
  /** One line for lists and logs (names are untrusted: escaped where they are shown). */
  describe(job: CopyJob): string;
  /** Its success is a new image (destId): its ending offers "Reveal in Explorer". */
  readonly makesImage?: boolean;
}

const imageMade = (state: string): 'succeeded' | 'failed' | undefined =>
  state === 'AVAILABLE' ? 'succeeded' : state === 'FAILED' || state === 'ERROR' ? 'failed' : undefined;

/** Every kind of tracked job; a stored job without a kind is a copy (the shape before kinds existed). */
export const JOB_KINDS: Record<JobKind, JobKindRules> = {
  copy: {
    read: 'images',
    outcomeOf: imageMade,
    unlisted: { gone: 'The copy is no longer listed in the destination region.' },
    makesImage: true,
    describe: (j) => `${j.sourceName} (${j.sourceRegion}) → ${j.destName} (${j.destRegion})`,
  },
  update: {
    read: 'images',
    outcomeOf: imageMade,
    unlisted: { gone: 'The updated image is no longer listed in its region.' },
    makesImage: true,
    describe: (j) => `${j.sourceName} → updated ${j.destName} (${j.destRegion})`,
  },
  // Done when AWS no longer lists the image; an image that leaves DELETING for another state was not deleted.
  delete: {
    read: 'images',
    outcomeOf: (state) => (state === 'DELETING' ? undefined : 'failed'),
    keySuffix: '#delete',
    failedReason: (state) => `AWS did not delete it: it is ${state} again.`,
    unlisted: { done: 'DELETED' },
    describe: (j) => `delete ${j.destName} (${j.destRegion})`,
  },
  ...BUILDER_KINDS,
  ...IMPORT_EXPORT_KINDS,
  ...ROLLOUT_KINDS,
  ...WORKSPACE_IMAGE_KINDS,
};

export const JOB_KIND_IDS = Object.keys(JOB_KINDS) as JobKind[];
