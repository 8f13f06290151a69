// AppStream image builders: the record the product shows and decides on, what each of the 14 states of the model
// means (in transition, its words, the actions AWS accepts in it), and the input rule of Connect's validity.

/** Every ImageBuilderState of the model (botocore 1.43.11), in its order. */
export const BUILDER_STATES = [
  'PENDING',
  'UPDATING_AGENT',
  'RUNNING',
  'STOPPING',
  'STOPPED',
  'REBOOTING',
  'SNAPSHOTTING',
  'DELETING',
  'FAILED',
  'UPDATING',
  'PENDING_QUALIFICATION',
  'PENDING_SYNCING_APPS',
  'SYNCING_APPS',
  'PENDING_IMAGE_IMPORT',
] as const;

export type BuilderState = (typeof BUILDER_STATES)[number];

export interface BuilderError {
  code?: string;
  /** AWS's words (untrusted). */
  message: string;
  time?: Date;
}

/** An image builder as DescribeImageBuilders lists it, in the product's terms (mapped in src/aws/builders.ts only). */
export interface BuilderRecord {
  profile: string;
  region: string;
  /** What AWS addresses it by in its region. */
  name: string;
  arn?: string;
  /** An ImageBuilderState; a state this version does not know is kept as AWS wrote it. */
  state: string;
  displayName?: string;
  description?: string;
  instanceType?: string;
  platform?: string;
  /** The image it was made from. */
  imageArn?: string;
  agentVersion?: string;
  /** Whether it runs the newest agent; undefined when AWS does not say. */
  latestAgent?: boolean;
  created?: Date;
  /** StateChangeReason, "CODE: message" (untrusted). */
  stateReason?: string;
  /** Every ImageBuilderErrors entry. */
  errors: BuilderError[];
  subnetIds: string[];
  securityGroupIds: string[];
  iamRoleArn?: string;
  internetAccess?: boolean;
}

/** The states a builder stays in until someone acts: every other one moves on by itself. */
const AT_REST = new Set<string>(['RUNNING', 'STOPPED', 'FAILED']);

/** Whether the builder is on its way somewhere (its row spins, it is looked at again soon). */
export function builderInTransition(state: string): boolean {
  return !AT_REST.has(state);
}

/** "Running", "Pending qualification", "Deleting…": the state in words (an unknown state is worded the same way). */
export function builderStateLabel(state: string): string {
  if (state === 'DELETING') return 'Deleting…';
  const words = state.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface BuilderActions {
  start: boolean;
  stop: boolean;
  delete: boolean;
  connect: boolean;
}

/**
 * The actions AWS accepts in a state. Source: AWS's AppStream 2.0 Administration Guide, "Image Builder Actions"
 * (managing-image-builders-actions.html): Start needs a Stopped instance, Stop and Connect a Running one,
 * Delete a Stopped one, and none can be performed in the intermediate states (Pending, Snapshotting, Stopping,
 * Starting, Deleting, Updating, Pending Qualification). Delete is also offered on a FAILED builder: FAILED is not
 * one of the intermediate states, and a failed builder can only be deleted (the console offers it there too).
 */
export function builderActions(state: string): BuilderActions {
  return {
    start: state === 'STOPPED',
    stop: state === 'RUNNING',
    connect: state === 'RUNNING',
    delete: state === 'STOPPED' || state === 'FAILED',
  };
}

const DAY_MS = 24 * 3_600_000;

/**
 * A builder RUNNING for more than a day (it is billed by the hour while running). AWS gives no time of the last
 * start, so the creation time stands in: a builder made a week ago and started an hour ago reads as long-running
 * too, which errs on the side of saying so.
 */
export function runningTooLong(b: Pick<BuilderRecord, 'state' | 'created'>, now: number | Date): boolean {
  if (b.state !== 'RUNNING' || !b.created) return false;
  const t = typeof now === 'number' ? now : now.getTime();
  return t - b.created.getTime() > DAY_MS;
}

/**
 * CreateImageBuilderStreamingURL's Validity, in seconds. The model types it a long without bounds; AWS's API
 * reference says "between 1 and 604800 seconds. The default is 3600 seconds."
 */
export const BUILDER_STREAMING_VALIDITY_S = { default: 3600, min: 1, max: 604800 } as const;

/** Why the text is not a validity AWS accepts (whole seconds, 1 to 604800), or undefined. */
export function builderValidityProblem(text: string): string | undefined {
  const v = text.trim();
  const { min, max } = BUILDER_STREAMING_VALIDITY_S;
  if (!v) return `Enter how many seconds the link stays valid (${min} to ${max}).`;
  if (!/^\d+$/.test(v)) return `Enter whole seconds, from ${min} to ${max} (${max} is 7 days).`;
  const n = Number(v);
  if (n < min || n > max) return `${v} seconds is out of range: AWS accepts ${min} to ${max} (7 days).`;
  return undefined;
}
