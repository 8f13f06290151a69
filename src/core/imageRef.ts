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

// A part of a row's ID, percent-encoded where it matters: "/" (a name cannot end its part early), "%" (nor pass
// for another name's encoding) and ":" (nor for a row that names nothing, ":more", or for another kind's row).
const part = (s: string): string => s.replace(/[%/:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const path = (...parts: string[]): string => parts.map(part).join('/');

// Job keys are stored in the job files (a job's ID, its file's key): kept as version 0.1 wrote them.
const legacy = (...parts: string[]): string => parts.map((p) => p.replace(/\//g, '%2F')).join('/');

export const Keys = {
  /** Tree rows: the profile, region, service and list type rows, each part encoded. */
  profile: (profile: string): string => path(profile),
  region: (profile: string, region: string): string => path(profile, region),
  service: (profile: string, region: string, service: ServiceId): string => path(profile, region, service),
  list: (k: { profile: string; region: string; service: ServiceId; listType: string }): string =>
    path(k.profile, k.region, k.service, k.listType),
  image: (listId: string, id: string): string => Keys.child(listId, id),
  /**
   * A row under `parentId` that names something (an image, an application, an account, a fleet); `kind` where a
   * parent holds named rows of several kinds (fleets and image builders may share a name).
   */
  child: (parentId: string, name: string, kind?: string): string =>
    `${parentId}/${kind === undefined ? '' : `${kind}:`}${part(name)}`,
  /** The one row of its kind under `parentId` (Load more, No images, the error, Used by): no name's part begins with ":". */
  row: (parentId: string, what: string): string => `${parentId}/:${what}`,
  /** A tracked copy, by its destination. */
  job: (ref: ImageRef): string => legacy(ref.profile, ref.service, ref.region, ref.id),
  /** What one background request watches: one (profile, service, region). */
  group: (kind: string, ref: Pick<ImageRef, 'profile' | 'service' | 'region'>): string =>
    `${kind}:${legacy(ref.profile, ref.service, ref.region)}`,
};
