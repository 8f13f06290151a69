// What uses an image: AppStream fleets and image builders whose image it is, WorkSpaces bundles of the account
// built on it. The listings come from src/aws; matching them to an image and saying it in words is pure, here.

import type { ImageRecord } from './image';
import type { ServiceId } from './regions';

export type UserKind = 'fleet' | 'imageBuilder' | 'bundle';

/** A fleet, an image builder or a bundle, with what it is built on. */
export interface ImageUser {
  readonly kind: UserKind;
  readonly name: string;
  /** A bundle's `wsb-` ID. */
  readonly id?: string;
  readonly state?: string;
  /** Fleets name their image and give its ARN; image builders give only the ARN. */
  readonly imageName?: string;
  readonly imageArn?: string;
  /** Bundles: the WorkSpaces image ID. */
  readonly imageId?: string;
}

const KIND_LABELS: Record<UserKind, string> = { fleet: 'fleet', imageBuilder: 'image builder', bundle: 'bundle' };

export function kindLabel(kind: UserKind): string {
  return KIND_LABELS[kind];
}

/** The users (from one listing of the image's region and service) whose image is this one. */
export function usersOf(
  image: Pick<ImageRecord, 'service' | 'id' | 'name' | 'arn'>,
  users: readonly ImageUser[],
): ImageUser[] {
  if (image.service === 'workspaces') return users.filter((u) => u.kind === 'bundle' && u.imageId === image.id);
  return users.filter(
    (u) =>
      u.kind !== 'bundle' &&
      ((u.imageName !== undefined && u.imageName === image.name) ||
        (u.imageArn !== undefined && u.imageArn === image.arn)),
  );
}

/** "fleet engineering-fleet", "bundle Call center (wsb-callcenter)" */
export function describeUser(u: ImageUser): string {
  return `${KIND_LABELS[u.kind]} ${u.name}${u.id && u.id !== u.name ? ` (${u.id})` : ''}`;
}

/** "fleet a, image builder b", or undefined when nothing uses the image. */
export function usedByText(users: readonly ImageUser[]): string | undefined {
  return users.length ? users.map(describeUser).join(', ') : undefined;
}

/** What the "Used by" row says when nothing uses the image. */
export function unusedText(service: ServiceId): string {
  return service === 'appstream' ? 'Not used by any fleet or image builder' : 'Not used by any bundle of this account';
}

const ADVICE: Record<UserKind, string> = {
  fleet: 'give the fleet another image (or delete the fleet)',
  imageBuilder: 'delete the image builder',
  bundle: 'give the bundle another image (or delete the bundle)',
};

/** Why an image in use was not deleted, and what to do: the delete is never sent for it. */
export function inUseMessage(name: string, users: readonly ImageUser[]): string {
  const kinds = [...new Set(users.map((u) => u.kind))];
  const advice = kinds.map((k) => ADVICE[k]).join(', and ');
  return `${name} is used by ${usedByText(users)}: ${advice}, then delete the image.`;
}
