// The requests one destination sends (distributor.ts decides when): its tags and shares one after the other, a
// copy, what an error means for the step, and a marker's outcome read back after a lost answer.
import {
  copyMustWait,
  copyStarted,
  nameHeld,
  nextFor,
  notDone,
  requested,
  sharedWith,
  stepFailed,
  tagRefused,
  taggedDone,
  type Destination,
  type Distribution,
  type Step,
} from '../core/distribution';
import { isQuotaRefusal, LostAnswerError } from '../aws/errors';
import { applyTags, imageRef, readBack, sourceOf } from './distributionCalls';
import { DistributionRecords } from './distributionRecords';

// A layer between the records and the runner (not free functions): every step writes through the records'
// markers (mark, answer, patch, sending), which are this window's own.
export abstract class DistributionSteps extends DistributionRecords {
  /** Tags and shares of one destination, one after the other, while the state machine has one to send. */
  protected async steps(id: string, region: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const cur = this.destOf(id, region);
      if (!cur || signal?.aborted) return;
      const next = nextFor(cur.d, cur.dest, this.inFlight(id, cur.dest));
      if (next?.kind === 'tag') {
        await this.send(cur.d, region, 'tag', () => applyTags(this.deps.api(cur.d.profile), cur.d, cur.dest));
      } else if (next?.kind === 'share') {
        await this.send(cur.d, region, `share:${next.account}`, () =>
          this.deps.api(cur.d.profile).share(imageRef(cur.d, cur.dest), next.account, cur.d.use),
        );
      } else if (next?.kind === 'reconcile') await this.reconcile(cur.d, cur.dest, next.step, signal);
      else return;
      const after = this.destOf(id, region);
      // Stop at a failure, a lost answer or refused tags: the next round looks, or tries, again.
      if (!after || after.dest.failed || after.dest.requested || after.dest.phase === 'available') return;
    }
  }

  /** Sends one tag or share step, recorded as requested first. */
  private async send(d: Distribution, region: string, step: Step, call: () => Promise<void>): Promise<void> {
    const m = this.mark(d.id, region);
    this.patch(d.id, region, (x) => requested(x, step, this.shared.clock.now(), this.me));
    this.sending.add(m);
    try {
      await call();
      this.answer(d.id, region, step, (x) =>
        step === 'tag' ? taggedDone(x) : sharedWith(d, x, step.slice('share:'.length), this.shared.clock.now()),
      );
    } catch (e) {
      this.afterError(d, region, step, e);
    } finally {
      this.sending.delete(m);
    }
  }

  protected async copy(id: string, region: string): Promise<'quota-full' | undefined> {
    const cur = this.destOf(id, region);
    if (!cur || cur.dest.phase !== 'queued' || cur.dest.failed) return undefined;
    const { d } = cur;
    const m = this.mark(id, region);
    const startedAt = this.shared.clock.now();
    this.patch(id, region, (x) => requested(x, 'copy', startedAt, this.me));
    this.sending.add(m);
    try {
      const started = await this.deps.api(d.profile).copy({
        source: sourceOf(d),
        destRegion: region,
        name: d.name,
        tags: d.tags,
        startedAt,
      });
      this.answer(id, region, 'copy', (x) => copyStarted(x, started.id, this.shared.clock.now()));
    } catch (e) {
      if (!isQuotaRefusal(e)) {
        this.afterError(d, region, 'copy', e);
        return undefined;
      }
      this.answer(id, region, 'copy', (x) => copyMustWait(x, this.shared.describe(e, region)));
      return 'quota-full';
    } finally {
      this.sending.delete(m);
    }
    return undefined;
  }

  /**
   * A lost answer AWS did not act on may be sent again (next round), unless an older image holds the copy's
   * name (AWS would refuse it: the step fails, naming it). A copy not listed yet keeps its marker, as one whose
   * outcome is unknown does, and is looked for again (AWS lists a new copy after a while: core/observed).
   * Refused tags are tried again next round (tagRefused); any other refusal stops the destination at that step.
   */
  private afterError(d: Distribution, region: string, step: Step, e: unknown): void {
    if (e instanceof LostAnswerError) {
      if (e.nameHeldBy) {
        this.answer(d.id, region, step, (x) => nameHeld(x, d.name, e.nameHeldBy, this.shared.clock.now()));
      } else if (e.outcome === 'not-done' && step !== 'copy') this.answer(d.id, region, step, notDone);
      this.deps.onError?.(e);
      return;
    }
    const why = this.shared.describe(e, region);
    this.answer(d.id, region, step, (x) =>
      step === 'tag' ? tagRefused(x, why) : stepFailed(x, step, why, this.shared.clock.now()),
    );
  }

  /** A tag or share marker left by a window that closed before the answer: read back what AWS has. */
  private async reconcile(d: Distribution, dest: Destination, step: Step, signal?: AbortSignal): Promise<void> {
    const done = await readBack(this.deps.api(d.profile), d, dest, step, signal);
    const now = this.shared.clock.now();
    this.patch(d.id, dest.region, (x) =>
      !done ? notDone(x) : step === 'tag' ? taggedDone(x) : sharedWith(d, x, step.slice('share:'.length), now),
    );
  }
}
