// Rolling an image out: AppStream fleets (UpdateFleet) and WorkSpaces bundles (UpdateWorkspaceBundle) as the
// product's records, which of them can take an image, and what AWS does to each when it does. The words a user
// reads are the commands' (rolloutText.ts); the states and types here are the models' (botocore 1.43.11).
import type { ImageRecord } from './image';

/** Every FleetType of the model. Elastic fleets run applications from app blocks: they take no image. */
export const FLEET_TYPES = ['ALWAYS_ON', 'ON_DEMAND', 'ELASTIC'] as const;
/** Every FleetState of the model: there is no updating state (a running fleet stays RUNNING on its new image). */
export const FLEET_STATES = ['STARTING', 'RUNNING', 'STOPPING', 'STOPPED'] as const;

/** A fleet as DescribeFleets lists it, in the product's terms (mapped in src/aws/fleets.ts only). */
export interface FleetRecord {
  readonly profile: string;
  readonly region: string;
  /** What AWS addresses it by in its region. */
  readonly name: string;
  readonly displayName?: string;
  /** A FleetType; a type this version does not know is kept as AWS wrote it. */
  readonly type?: string;
  /** A FleetState, as AWS wrote it. */
  readonly state: string;
  readonly imageName?: string;
  readonly imageArn?: string;
  /** ComputeCapacityStatus: instances wanted and running (Elastic fleets count sessions instead). */
  readonly desired?: number;
  readonly running?: number;
  readonly inUse?: number;
}

/** A bundle of the account as DescribeWorkspaceBundles lists it (mapped in src/aws/bundles.ts only). */
export interface BundleRecord {
  readonly profile: string;
  readonly region: string;
  /** The `wsb-` ID AWS addresses it by. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** The `wsi-` image it launches WorkSpaces from. */
  readonly imageId?: string;
  /** A WorkspaceBundleState (AVAILABLE, PENDING, ERROR), as AWS wrote it. */
  readonly state?: string;
  /** The bundle's owner as AWS says it: the account's ID for its own, "Amazon" for AWS's. */
  readonly owner?: string;
}

/** Whether a fleet can be given an image: every type but Elastic (which runs app blocks, not images). */
export function takesImage(f: Pick<FleetRecord, 'type'>): boolean {
  return f.type !== 'ELASTIC';
}

/** Whether the fleet runs this image now (by name, or by ARN where AWS gave only that). */
export function fleetOn(
  f: Pick<FleetRecord, 'imageName' | 'imageArn'>,
  image: Pick<ImageRecord, 'name' | 'arn'>,
): boolean {
  return (f.imageName !== undefined && f.imageName === image.name) || (!!f.imageArn && f.imageArn === image.arn);
}

/** The fleets of a region split by what a roll-out of `image` can do with them. */
export interface FleetChoice {
  /** Fleets that can be moved to the image. */
  readonly offered: FleetRecord[];
  /** Elastic fleets: they take no image. */
  readonly elastic: FleetRecord[];
  /** Fleets already on the image. */
  readonly already: FleetRecord[];
}

export function fleetChoice(fleets: readonly FleetRecord[], image: Pick<ImageRecord, 'name' | 'arn'>): FleetChoice {
  const byName = [...fleets].sort((a, b) => a.name.localeCompare(b.name));
  return {
    offered: byName.filter((f) => takesImage(f) && !fleetOn(f, image)),
    elastic: byName.filter((f) => !takesImage(f)),
    already: byName.filter((f) => takesImage(f) && fleetOn(f, image)),
  };
}

/** What an image change does to a fleet in each state, as AWS documents it (UpdateFleet, "Update a fleet"). */
export type FleetEffect = 'replaced' | 'on-start' | 'busy';

export function fleetEffect(state: string): FleetEffect {
  if (state === 'RUNNING') return 'replaced';
  if (state === 'STOPPED') return 'on-start';
  // STARTING and STOPPING: AWS refuses changes while a fleet moves (ConcurrentModificationException).
  return 'busy';
}

/** The bundles a roll-out of a WorkSpaces image may change: the account's own, not those already on it. */
export function bundleChoice(
  bundles: readonly BundleRecord[],
  image: Pick<ImageRecord, 'id'>,
): { offered: BundleRecord[]; already: BundleRecord[] } {
  const byName = [...bundles].sort((a, b) => a.name.localeCompare(b.name));
  return {
    offered: byName.filter((b) => b.imageId !== image.id),
    already: byName.filter((b) => b.imageId === image.id),
  };
}

const FLEET_STATE_LABELS: Record<string, string> = {
  STARTING: 'Starting',
  RUNNING: 'Running',
  STOPPING: 'Stopping',
  STOPPED: 'Stopped',
};

/** A fleet's state in words ("Running"); a state this version does not know as AWS wrote it. */
export function fleetStateLabel(state: string): string {
  return FLEET_STATE_LABELS[state] ?? state;
}

const FLEET_TYPE_LABELS: Record<string, string> = {
  ALWAYS_ON: 'Always-On',
  ON_DEMAND: 'On-Demand',
  ELASTIC: 'Elastic',
};

/** A fleet's type in the console's words ("Always-On"). */
export function fleetTypeLabel(type: string | undefined): string {
  return type ? (FLEET_TYPE_LABELS[type] ?? type) : 'unknown type';
}

/** The service whose images fleets run, and the one whose images bundles launch. */
export { BUNDLES_SERVICE, FLEETS_SERVICE } from './services';
