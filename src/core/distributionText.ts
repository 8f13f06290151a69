// How a distribution (distribution.ts) reads: progress, each destination's step in words, its steps with marks,
// the requests it will send, and whether it asks for attention.
import { asksForAttention, expiredAfter, KEEP_DISTRIBUTION_MS, TAG_TRIES } from './jobs';
import { needsTagStep, PHASES, isFinished, type Destination, type Distribution, type Step } from './distribution';

/** Why a distribution of a profile the AWS files no longer name stops. */
export function profileGone(profile: string): string {
  return `The profile ${profile} is no longer in your AWS config or credentials files, so this region cannot go on. Add the profile back, then Retry Step.`;
}

export interface Progress {
  done: number;
  failed: number;
  total: number;
}

export function progress(d: Distribution): Progress {
  return {
    done: d.destinations.filter((x) => x.phase === 'done').length,
    failed: d.destinations.filter((x) => x.failed).length,
    total: d.destinations.length,
  };
}

/** The regions where the tags could not be applied (the shares went out all the same). */
export function untagged(d: Distribution): Destination[] {
  return d.destinations.filter((x) => x.tagsFailed);
}

export function stepLabel(step: Step): string {
  if (step === 'copy') return 'copy';
  if (step === 'tag') return 'tagging';
  return `sharing with ${step.slice('share:'.length)}`;
}

/** What a destination is doing, in words: "Copying", "Shared with 1 of 2 accounts", "Failed at copy". */
export function destinationLabel(d: Distribution, dest: Destination): string {
  if (dest.failed) return `Failed at ${stepLabel(dest.failed.step)}`;
  const untagged = dest.tagsFailed ? ', tags not applied' : '';
  switch (dest.phase) {
    case 'queued':
      return dest.waiting ? 'Waiting for a copy slot' : 'Queued';
    case 'copy-requested':
      return 'Copy requested';
    case 'copying':
      return 'Copying';
    case 'available':
      if (dest.requested === 'tag') return 'Tagging';
      return dest.tagTries
        ? `Available, tags refused ${dest.tagTries} of ${TAG_TRIES} times: trying again`
        : 'Available';
    case 'tagged':
      return `Shared with ${dest.shared.length} of ${d.accounts.length} accounts${untagged}`;
    case 'done':
      return `Done${untagged}`;
  }
}

/** Every step of a destination with a mark: done (✓), failed (✗) or to come (·). */
export function stepsOf(d: Distribution, dest: Destination): { label: string; mark: '✓' | '✗' | '·' }[] {
  const at = PHASES.indexOf(dest.phase);
  const mark = (doneWhen: boolean, step: Step): '✓' | '✗' | '·' =>
    doneWhen ? '✓' : dest.failed?.step === step ? '✗' : '·';
  const steps: { label: string; mark: '✓' | '✗' | '·' }[] = [];
  if (!dest.isSource) {
    steps.push({ label: 'copy requested', mark: mark(at >= PHASES.indexOf('copying'), 'copy') });
    steps.push({ label: 'available', mark: at >= PHASES.indexOf('available') ? '✓' : '·' });
  }
  if (needsTagStep(d, dest)) {
    steps.push({ label: 'tagged', mark: dest.tagsFailed ? '✗' : mark(at >= PHASES.indexOf('tagged'), 'tag') });
  }
  for (const a of d.accounts) {
    steps.push({ label: `shared with ${a}`, mark: mark(dest.shared.includes(a), `share:${a}`) });
  }
  return steps;
}

/** The requests a distribution sends when all goes well, by kind (the summary before it starts). */
export function plannedRequests(
  d: Pick<Distribution, 'service' | 'tags' | 'accounts' | 'sourceRegion'>,
  regions: readonly string[],
): { copies: number; tags: number; shares: number } {
  const copies = regions.filter((r) => r !== d.sourceRegion).length;
  return {
    copies,
    tags: needsTagStep(d, { isSource: false }) ? copies : 0,
    shares: regions.length * d.accounts.length,
  };
}

export function expired(d: Distribution, now: number): boolean {
  if (!isFinished(d)) return false;
  const last = Math.max(d.startedAt, ...d.destinations.map((x) => x.finishedAt ?? x.failed?.at ?? 0));
  return expiredAfter(last, KEEP_DISTRIBUTION_MS, now);
}

/** A distribution with a failure, or tags that could not be applied, that the user has not seen. */
export function needsAttention(d: Distribution): boolean {
  return asksForAttention({
    acknowledged: d.acknowledged,
    endedBadly: d.destinations.some((x) => x.failed || x.tagsFailed),
  });
}
