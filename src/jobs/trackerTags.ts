// A tracked copy's pending tags: AppStream tags a copy only once it exists, so the tracker (tracker.ts) applies
// them, through the test hook or the profile's ImageApi, one try per poll while the copy is listed with an ARN.
import { afterTagAttempt, type CopyJob, type Observation } from '../core/copyJobs';
import type { TrackerDeps } from './tracker';

export type ApplyTags = (job: CopyJob, arn: string, signal?: AbortSignal) => Promise<void>;

/** Applies a job's pending tags to what it follows; undefined: tags are not applied (no ImageApi, no hook). */
export function tagApplier(deps: Pick<TrackerDeps, 'api' | 'applyTags'>): ApplyTags | undefined {
  const api = deps.api;
  return (
    deps.applyTags ??
    (api &&
      ((job, arn, signal) =>
        api(job.profile).applyTags(
          { service: job.service, region: job.destRegion, arn },
          job.pendingTags ?? {},
          signal,
        )))
  );
}

/**
 * The job after one poll's try at its tags (`why`: a refusal in words). Tags go on as soon as the copy has an ARN
 * (while it copies, too), and are retried on later polls. Not after the deadline: a tag attempt that is not sent
 * is no failed try (the next poll tries).
 */
export async function tagOnPoll(
  job: CopyJob,
  obs: Observation | undefined,
  apply: ApplyTags | undefined,
  why: (e: unknown) => string,
  signal?: AbortSignal,
): Promise<CopyJob> {
  if (!job.pendingTags || job.tagsFailed || job.outcome === 'failed' || !obs?.arn || !apply || signal?.aborted) {
    return job;
  }
  let error: string | undefined;
  try {
    await apply(job, obs.arn, signal);
  } catch (e) {
    error = why(e);
  }
  return afterTagAttempt(job, error);
}
