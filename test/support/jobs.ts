// A tracked copy as Copy Image records it, for tracker tests: profile demo, from us-east-1, COPYING since
// 1,000,000 ms, to `Copy` in us-west-2 unless told otherwise.
import { jobId, type CopyJob } from '../../src/core/copyJobs';

export function copyJob(over: Partial<CopyJob> = {}): CopyJob {
  const service = over.service ?? 'appstream';
  const destRegion = over.destRegion ?? 'us-west-2';
  const destId = over.destId ?? 'Copy';
  return {
    id: jobId({ profile: 'demo', service, region: destRegion, id: destId }),
    profile: 'demo',
    service,
    sourceRegion: 'us-east-1',
    sourceName: 'Src',
    sourceId: 'Src',
    destRegion,
    destName: destId,
    destId,
    startedAt: 1_000_000,
    state: 'COPYING',
    ...over,
  };
}

/** A copy as version 0.1 stored it, in one list under the store key: no profile, an ID of its own form. */
export const V01_COPY = {
  id: 'appstream:us-west-2:Old',
  service: 'appstream',
  sourceRegion: 'us-east-1',
  sourceName: 'Src',
  sourceId: 'Src',
  destRegion: 'us-west-2',
  destName: 'Old',
  destId: 'Old',
  startedAt: 1_000_000,
  state: 'COPYING',
} as const;
