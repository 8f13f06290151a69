// One look at destination images for the copy tracker: AppStream by names (one DescribeImages), WorkSpaces by
// IDs (one DescribeWorkspaceImages for up to 25).
import type { Observation } from '../core/copyJobs';
import { stateReason } from '../core/present';
import type { ServiceId } from '../core/regions';
import type { ImageApi } from './images';
import { describeAppStreamNames } from './lookup';

export async function observeImages(api: ImageApi, service: ServiceId, region: string, ids: string[]): Promise<Map<string, Observation>> {
  const records = service === 'appstream'
    ? await describeAppStreamNames(api.appstream, region, ids)
    : await api.workspaces.describeByIds(region, ids);
  return new Map(records.map((r) => [r.id, { state: r.state, reason: stateReason(r), arn: r.arn }]));
}
