// What a distribution's steps send to AWS and read back, through ImageApi (distributor.ts decides when): the
// images ImageApi acts on, the tags, a marker's outcome read back, an image holding the copy's name, and whether
// the distribution's profile can still be used.
import type { Destination, Distribution, Step } from '../core/distribution';
import { profileGone } from '../core/distribution';
import type { ImageRef } from '../core/imageRef';
import { SERVICES_CAN } from '../core/services';
import { sameUse } from '../core/sharing';
import type { Found, ImageApi, SourceImage, Wanted } from '../aws/images';
import { profileMissing } from '../aws/profiles';

export function imageRef(d: Distribution, dest: Destination): ImageRef {
  return { profile: d.profile, service: d.service, region: dest.region, id: dest.imageId ?? d.name };
}

/** The image the copies are made from: what ImageApi.copy needs of it. */
export function sourceOf(d: Distribution): SourceImage {
  return { profile: d.profile, service: d.service, region: d.sourceRegion, id: d.sourceId, name: d.sourceName };
}

export function applyTags(api: ImageApi, d: Distribution, dest: Destination): Promise<void> {
  if (!dest.arn) return Promise.reject(new Error(`The image in ${dest.region} has no ARN to tag yet.`));
  return api.applyTags({ service: d.service, region: dest.region, arn: dest.arn }, d.tags);
}

/** Whether AWS carried out a tag or share step whose answer never came: its tags, or that account's permission, read back. */
export async function readBack(
  api: ImageApi,
  d: Distribution,
  dest: Destination,
  step: Step,
  signal?: AbortSignal,
): Promise<boolean> {
  if (step === 'tag') {
    const tags = await api.tags({ ...imageRef(d, dest), arn: dest.arn }, signal);
    return Object.entries(d.tags).every(([k, v]) => tags[k] === v);
  }
  const account = step.slice('share:'.length);
  const found = (await api.sharedAccounts(imageRef(d, dest), signal)).find((a) => a.accountId === account);
  return !!found && (!SERVICES_CAN[d.service].sharingHasUse || sameUse(found.use, d.use));
}

/** An image holding the copy's name in the region: by the ID the copy failed with (it may still be there), else by name. */
export async function nameHolder(
  api: ImageApi,
  d: Distribution,
  region: string,
  imageId?: string,
): Promise<string | undefined> {
  const lookFor = async (w: Wanted): Promise<Found | undefined> =>
    [...(await api.find(d.service, region, [w])).values()][0];
  const holder =
    (imageId ? await lookFor({ id: imageId, name: d.name, since: 0 }) : undefined) ??
    (await lookFor({ name: d.name, since: 0 }));
  return holder?.record.id;
}

/** Why the profile cannot be used: the files no longer name it (aws/profiles profileMissing). */
export async function profileProblem(profile: string): Promise<string | undefined> {
  return (await profileMissing(profile)) ? profileGone(profile) : undefined;
}
