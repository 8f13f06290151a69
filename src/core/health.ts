// "Image Health Report": what needs attention on an owned image, and why, in words. Pure: the image, what uses
// the images of its region, the accounts it is shared with, the accounts the profiles are known to sign in as
// and the clock in; the reasons out.

import type { ImageRecord } from './image';
import { stateKind, stateLabel } from './imageState';
import { supportStatus } from './platformSupport';
import type { ServiceId } from './regions';
import { usersOf, type ImageUser } from './usage';

export const HEALTH_KINDS = ['old', 'agent', 'update', 'unused', 'endOfSupport', 'failed', 'unknownShare'] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

/** Short names: the summary's columns, the CSV's headers (with the kind) and the row marks' tooltip. */
export const HEALTH_LABELS: Record<HealthKind, string> = {
  old: 'Old',
  agent: 'Agent not latest',
  update: 'Update available',
  unused: 'Unused',
  endOfSupport: 'End of support',
  failed: 'Failed',
  unknownShare: 'Shared with unknown accounts',
};

export interface HealthReason {
  readonly kind: HealthKind;
  /** In words, with what AWS said (untrusted: escaped wherever shown). */
  readonly text: string;
}

export const DEFAULT_MAX_AGE_DAYS = 180;
const DAY_MS = 86_400_000;

/**
 * Where an update AWS offers is a newer agent (AppStream: LatestAppstreamAgentVersion FALSE is what makes
 * Create Updated Image possible), it is reported once, as "agent not the latest"; elsewhere as an update.
 */
const UPDATE_IS_AGENT: Record<ServiceId, boolean> = { appstream: true, workspaces: false };

export interface HealthInput {
  readonly image: ImageRecord;
  /** What uses images of the image's region and service; undefined when that listing could not be read. */
  readonly users: readonly ImageUser[] | undefined;
  /** The accounts the image is shared with; undefined when not looked at (not shared) or not readable. */
  readonly sharedWith: readonly string[] | undefined;
  /** Accounts some configured profile signs in as. */
  readonly knownAccounts: ReadonlySet<string>;
  readonly now: number;
  readonly maxAgeDays: number;
}

const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);

/** The reasons an owned image needs attention, in HEALTH_KINDS order; none when it is fine. */
export function healthOf(input: HealthInput): HealthReason[] {
  const { image: r, now } = input;
  const out: HealthReason[] = [];
  const ageDays = r.created ? Math.floor((now - r.created.getTime()) / DAY_MS) : undefined;
  if (ageDays !== undefined && ageDays > input.maxAgeDays) {
    out.push({ kind: 'old', text: `${days(ageDays)} old (older than ${days(input.maxAgeDays)})` });
  }
  if (r.update?.available) {
    if (UPDATE_IS_AGENT[r.service]) {
      const version = r.agentVersion ? `agent ${r.agentVersion}` : 'an older agent';
      out.push({ kind: 'agent', text: `${version} (Create Updated Image makes an image with the latest)` });
    } else {
      out.push({ kind: 'update', text: r.update.description ?? 'AWS offers an update' });
    }
  }
  if (input.users && !usersOf(r, input.users).length) {
    out.push({
      kind: 'unused',
      text: r.service === 'appstream' ? 'not used by any fleet or image builder' : 'not used by any bundle',
    });
  }
  const support = supportStatus(r.platform, now);
  if (support) {
    const { entry, status } = support;
    out.push({
      kind: 'endOfSupport',
      text: `${entry.name} support ${status === 'past' ? 'ended' : 'ends'} ${entry.endOfSupport} (${entry.source})`,
    });
  }
  if (stateKind(r.state) === 'failed') {
    const why = r.reasons.map((x) => x.text).join('; ');
    out.push({ kind: 'failed', text: why || stateLabel(r.state) });
  }
  const unknown = (input.sharedWith ?? []).filter((a) => !input.knownAccounts.has(a) && a !== r.ownerAccountId);
  if (unknown.length) {
    out.push({ kind: 'unknownShare', text: unknown.join(', ') });
  }
  return out;
}

/** The reasons in a line ("Old, Unused"): a row's mark. */
export function healthLabels(reasons: readonly HealthReason[]): string {
  return reasons.map((x) => HEALTH_LABELS[x.kind]).join(', ');
}
