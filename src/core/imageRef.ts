// The identity of an image, and every key built from identities, in one place: tree node IDs, tracked jobs,
// poll groups and clients all include the profile, so two accounts can be side by side without collisions.

import type { ServiceId } from './regions';

export interface ImageRef {
  /** The AWS profile whose credentials see the image. */
  readonly profile: string;
  readonly service: ServiceId;
  readonly region: string;
  /** What the API addresses the image by: the AppStream name, or the WorkSpaces `wsi-` ID. */
  readonly id: string;
}

export function sameImage(a: ImageRef, b: ImageRef): boolean {
  return a.profile === b.profile && a.service === b.service && a.region === b.region && a.id === b.id;
}

// "/" cannot occur in a profile name's AWS use (section names), a region, a service or an image ID.
const join = (...parts: string[]): string => parts.map((p) => p.replace(/\//g, '%2F')).join('/');

export const Keys = {
  /** Tree nodes. */
  profile: (profile: string): string => join(profile),
  region: (profile: string, region: string): string => join(profile, region),
  service: (profile: string, region: string, service: ServiceId): string => join(profile, region, service),
  list: (k: { profile: string; region: string; service: ServiceId; listType: string }): string => join(k.profile, k.region, k.service, k.listType),
  image: (listId: string, id: string): string => `${listId}/${join(id)}`,
  /** A tracked copy, by its destination. */
  job: (ref: ImageRef): string => join(ref.profile, ref.service, ref.region, ref.id),
  /** What one background request watches: one (profile, service, region). */
  group: (kind: string, ref: Pick<ImageRef, 'profile' | 'service' | 'region'>): string => `${kind}:${join(ref.profile, ref.service, ref.region)}`,
};
