// The distribution state machine (src/core/distribution.ts): every transition of a destination, the copy
// quota per region, Retry Step, and the stored form.
import * as assert from 'node:assert';
import {
  cannotGoOn,
  copiesInFlight,
  copiesToStart,
  copyMustWait,
  copyQuota,
  copyStarted,
  destinationLabel,
  expired,
  groups,
  heldElsewhere,
  isFinished,
  isTerminal,
  MARKER_LIVE_MS,
  MAX_REASON_CHARS,
  needsAttention,
  newDistribution,
  nextFor,
  notDone,
  observed,
  othersInFlight,
  parseDistribution,
  plannedRequests,
  profileGone,
  progress,
  requested,
  retryStep,
  settle,
  sharedWith,
  stepFailed,
  stepsOf,
  taggedDone,
  tagRefused,
  UNSEEN_GRACE_MS,
  untagged,
  withDestination,
  type Destination,
  type Distribution,
} from '../../src/core/distribution';
import { KEEP_DISTRIBUTION_MS as KEEP_FINISHED_MS, TAG_TRIES } from '../../src/core/jobs';

const A1 = '111122223333';
const A2 = '444455556666';
const T0 = 1_000_000;

function dist(
  over: { regions?: string[]; tags?: Record<string, string>; accounts?: string[]; now?: number; name?: string } = {},
): Distribution {
  const d = newDistribution({
    profile: 'demo',
    service: 'appstream',
    source: {
      region: 'us-east-1',
      name: 'Golden',
      id: 'Golden',
      arn: 'arn:aws:appstream:us-east-1:123456789012:image/Golden',
    },
    name: over.name ?? 'Golden',
    regions: over.regions ?? ['us-west-2', 'eu-west-1'],
    tags: over.tags ?? { team: 'vdi' },
    accounts: over.accounts ?? [A1, A2],
    use: { fleets: true, imageBuilders: false },
    now: over.now ?? T0,
  });
  return { ...d, destinations: d.destinations.map((x) => settle(d, x, T0)) };
}

const dest = (d: Distribution, region: string): Destination => d.destinations.find((x) => x.region === region)!;
const move = (d: Distribution, region: string, f: (x: Destination) => Destination, now = T0): Distribution =>
  withDestination(d, region, f, now);

describe('distribution state machine', () => {
  it('walks a destination through copy requested -> copying -> available -> tagged -> shared with each account -> done', () => {
    let d = dist();
    const W = 'us-west-2';
    assert.deepStrictEqual(nextFor(d, dest(d, W)), { kind: 'copy' });
    assert.strictEqual(destinationLabel(d, dest(d, W)), 'Queued');
    d = move(d, W, (x) => requested(x, 'copy', T0));
    assert.deepStrictEqual([dest(d, W).phase, dest(d, W).requested], ['copy-requested', 'copy']);
    assert.strictEqual(nextFor(d, dest(d, W), true), undefined, 'the answer is awaited: nothing else is sent');
    d = move(d, W, (x) => copyStarted(x, 'Golden', T0 + 1));
    assert.deepStrictEqual(
      [dest(d, W).phase, dest(d, W).requested, dest(d, W).imageId],
      ['copying', undefined, 'Golden'],
    );
    assert.deepStrictEqual(nextFor(d, dest(d, W)), { kind: 'look' });
    d = move(d, W, (x) => observed(x, { state: 'COPYING' }, T0 + 2, 'Golden'));
    assert.deepStrictEqual([dest(d, W).phase, dest(d, W).seen], ['copying', true]);
    d = move(d, W, (x) =>
      observed(
        x,
        { state: 'AVAILABLE', arn: 'arn:aws:appstream:us-west-2:123456789012:image/Golden' },
        T0 + 3,
        'Golden',
      ),
    );
    assert.deepStrictEqual(
      [dest(d, W).phase, dest(d, W).arn],
      ['available', 'arn:aws:appstream:us-west-2:123456789012:image/Golden'],
    );
    assert.deepStrictEqual(nextFor(d, dest(d, W)), { kind: 'tag' });
    d = move(d, W, (x) => requested(x, 'tag', T0));
    assert.strictEqual(destinationLabel(d, dest(d, W)), 'Tagging');
    d = move(d, W, taggedDone);
    assert.strictEqual(dest(d, W).phase, 'tagged');
    assert.deepStrictEqual(nextFor(d, dest(d, W)), { kind: 'share', account: A1 });
    d = move(d, W, (x) => sharedWith(d, requested(x, `share:${A1}`, T0), A1, T0));
    assert.strictEqual(destinationLabel(d, dest(d, W)), 'Shared with 1 of 2 accounts');
    assert.deepStrictEqual(nextFor(d, dest(d, W)), { kind: 'share', account: A2 });
    d = move(d, W, (x) => sharedWith(d, x, A2, T0 + 9), T0 + 9);
    assert.deepStrictEqual(
      [dest(d, W).phase, dest(d, W).finishedAt, nextFor(d, dest(d, W))],
      ['done', T0 + 9, undefined],
    );
    assert.deepStrictEqual(
      stepsOf(d, dest(d, W)).map((s) => `${s.mark} ${s.label}`),
      ['✓ copy requested', '✓ available', '✓ tagged', `✓ shared with ${A1}`, `✓ shared with ${A2}`],
    );
    assert.ok(!isFinished(d), 'eu-west-1 is still queued');
    assert.deepStrictEqual(progress(d), { done: 1, failed: 0, total: 2 });
  });

  it('a source-region destination is not copied, nor tagged (the tags are its own): it is shared', () => {
    const d = dist({ regions: ['us-east-1', 'us-west-2'] });
    const src = dest(d, 'us-east-1');
    assert.deepStrictEqual(
      [src.isSource, src.phase, src.imageId, nextFor(d, src)],
      [true, 'tagged', 'Golden', { kind: 'share', account: A1 }],
    );
    assert.ok(src.arn?.endsWith(':image/Golden'));
    assert.deepStrictEqual(
      stepsOf(d, src).map((s) => s.label),
      [`shared with ${A1}`, `shared with ${A2}`],
    );
    assert.deepStrictEqual(plannedRequests(d, ['us-east-1', 'us-west-2']), { copies: 1, tags: 1, shares: 4 });
  });

  it('a destination stored available with nothing to tag goes on to its shares', () => {
    const d = dist({ tags: {}, accounts: [A1] });
    const stored: Destination = { ...dest(d, 'us-west-2'), phase: 'available', imageId: 'Golden' };
    assert.deepStrictEqual(nextFor(d, stored), { kind: 'share', account: A1 });
    assert.strictEqual(sharedWith(d, stored, A1, T0).phase, 'done');
  });

  it('with no tags the tag step is skipped; with no accounts either, an available destination is done', () => {
    let d = dist({ tags: {}, accounts: [A1] });
    d = move(d, 'us-west-2', (x) => copyStarted(requested(x, 'copy', T0), 'Golden', T0));
    d = move(d, 'us-west-2', (x) => observed(x, { state: 'AVAILABLE' }, T0, 'Golden'));
    assert.deepStrictEqual(
      [dest(d, 'us-west-2').phase, nextFor(d, dest(d, 'us-west-2'))],
      ['tagged', { kind: 'share', account: A1 }],
    );
    const bare = dist({ tags: {}, accounts: [], regions: ['us-east-1'] });
    assert.strictEqual(dest(bare, 'us-east-1').phase, 'done');
    assert.ok(isFinished(bare));
  });

  it('a failed copy, a vanished copy and a refused step stop the destination with the reason; the others go on', () => {
    let d = dist();
    d = move(d, 'us-west-2', (x) => copyStarted(requested(x, 'copy', T0), 'Golden', T0));
    d = move(d, 'us-west-2', (x) =>
      observed(x, { state: 'FAILED', reason: 'IMAGE_COPY_FAILURE: no' }, T0 + 5, 'Golden'),
    );
    const w = dest(d, 'us-west-2');
    assert.deepStrictEqual([w.phase, w.failed?.step, w.imageId], ['queued', 'copy', undefined]);
    assert.match(w.failed!.reason, /^IMAGE_COPY_FAILURE: no Delete the failed copy in us-west-2/);
    assert.strictEqual(nextFor(d, w), undefined, 'nothing more until Retry Step');
    assert.strictEqual(destinationLabel(d, w), 'Failed at copy');
    assert.deepStrictEqual(
      copiesToStart([d], { profile: 'demo', service: 'appstream', region: 'us-west-2' }),
      [],
      'a failed copy is not requeued on its own',
    );
    assert.deepStrictEqual(nextFor(d, dest(d, 'eu-west-1')), { kind: 'copy' }, 'another region is not held up');

    // Not listed: within the grace it may just not be listed yet; after it (or once seen) it is gone.
    let v = copyStarted(requested(dest(dist(), 'eu-west-1'), 'copy', T0), 'Golden', T0);
    assert.strictEqual(observed(v, undefined, T0 + UNSEEN_GRACE_MS - 1, 'Golden').failed, undefined);
    assert.strictEqual(
      observed(v, undefined, T0 + UNSEEN_GRACE_MS + 1, 'Golden').failed?.reason,
      'The copy is no longer listed in the destination region.',
    );
    v = observed(v, { state: 'COPYING' }, T0 + 1, 'Golden');
    assert.strictEqual(observed(v, undefined, T0 + 2, 'Golden').failed?.step, 'copy');

    const share = stepFailed(
      requested({ ...dest(d, 'eu-west-1'), phase: 'tagged' }, `share:${A2}`, T0),
      `share:${A2}`,
      'Access denied',
      T0 + 7,
    );
    assert.deepStrictEqual(
      [share.phase, share.requested, share.failed],
      ['tagged', undefined, { step: `share:${A2}`, reason: 'Access denied', at: T0 + 7 }],
    );
    assert.strictEqual(destinationLabel(d, share), `Failed at sharing with ${A2}`);
    assert.deepStrictEqual(
      stepsOf(d, share).map((s) => s.mark),
      ['✓', '✓', '✓', '·', '✗'],
    );
  });

  it('Retry Step clears the failure and the same step comes next: a failed copy waits for a slot again', () => {
    const share = stepFailed(
      { ...dest(dist(), 'eu-west-1'), phase: 'tagged', shared: [A1] },
      `share:${A2}`,
      'denied',
      T0,
    );
    assert.deepStrictEqual(nextFor(dist(), retryStep(share)), { kind: 'share', account: A2 });
    const tag = stepFailed({ ...dest(dist(), 'eu-west-1'), phase: 'available', arn: 'arn' }, 'tag', 'denied', T0);
    assert.deepStrictEqual(nextFor(dist(), retryStep(tag)), { kind: 'tag' });
    let d = move(dist(), 'us-west-2', (x) => stepFailed(requested(x, 'copy', T0), 'copy', 'denied', T0));
    const g = { profile: 'demo', service: 'appstream' as const, region: 'us-west-2' };
    assert.deepStrictEqual(copiesToStart([d], g), []);
    d = move(d, 'us-west-2', retryStep);
    assert.deepStrictEqual(copiesToStart([d], g), [{ id: d.id, region: 'us-west-2' }]);
    assert.strictEqual(retryStep(dest(d, 'eu-west-1')), dest(d, 'eu-west-1'), 'nothing to retry: unchanged');
  });

  it('at most COPY_QUOTA copies in flight per region over every distribution, oldest first; the rest stay queued', () => {
    const g = { profile: 'demo', service: 'appstream' as const, region: 'us-west-2' };
    const ds = [3, 1, 2].map((i) => dist({ regions: ['us-west-2'], now: T0 + i }));
    const byAge = [...ds].sort((a, b) => a.startedAt - b.startedAt);
    assert.deepStrictEqual(
      copiesToStart(ds, g),
      byAge.slice(0, 2).map((d) => ({ id: d.id, region: 'us-west-2' })),
    );
    let all = ds.map((d) =>
      d === byAge[0] || d === byAge[1] ? move(d, 'us-west-2', (x) => requested(x, 'copy', T0)) : d,
    );
    assert.strictEqual(copiesInFlight(all, g), 2, 'a requested copy holds its slot before the answer');
    assert.deepStrictEqual(copiesToStart(all, g), []);
    assert.deepStrictEqual(
      copiesToStart(all, g, 3),
      [{ id: byAge[2].id, region: 'us-west-2' }],
      'the quota is a parameter',
    );
    assert.deepStrictEqual(
      copiesToStart(all, { ...g, region: 'eu-west-1' }),
      [],
      'another region has its own slots (none queued there)',
    );
    // One ends: its slot frees for the oldest waiting.
    all = all.map((d) =>
      d.id === byAge[0].id
        ? move(d, 'us-west-2', (x) => observed(copyStarted(x, 'Golden', T0), { state: 'AVAILABLE' }, T0, 'Golden'))
        : d,
    );
    assert.strictEqual(copiesInFlight(all, g), 1);
    assert.deepStrictEqual(copiesToStart(all, g), [{ id: byAge[2].id, region: 'us-west-2' }]);
    assert.strictEqual(
      copiesInFlight(all, { ...g, profile: 'other' }),
      0,
      'per profile: another account has its own quota',
    );
  });

  it('LimitExceeded puts the copy back in the queue as waiting, not failed; a lost answer not acted on may be sent again', () => {
    const x = copyMustWait(requested(dest(dist(), 'us-west-2'), 'copy', T0), 'quota full');
    assert.deepStrictEqual([x.phase, x.requested, x.failed, x.waiting], ['queued', undefined, undefined, 'quota full']);
    assert.strictEqual(destinationLabel(dist(), x), 'Waiting for a copy slot');
    assert.deepStrictEqual(nextFor(dist(), x), { kind: 'copy' });
    const lost = notDone(requested(dest(dist(), 'us-west-2'), 'copy', T0));
    assert.deepStrictEqual([lost.phase, lost.requested], ['queued', undefined]);
    const lostShare = notDone(requested({ ...dest(dist(), 'us-west-2'), phase: 'tagged' }, `share:${A1}`, T0));
    assert.deepStrictEqual([lostShare.phase, lostShare.requested], ['tagged', undefined]);
  });

  it('a marker left by a closed window is looked at, never resent: copy by its listing, tag and share by reading them back', () => {
    const d = dist();
    const copy = requested(dest(d, 'us-west-2'), 'copy', T0);
    assert.deepStrictEqual(nextFor(d, copy, false), { kind: 'look' });
    const found = observed(copy, { state: 'COPYING', arn: 'arn:x' }, T0 + 60_000, 'Golden');
    assert.deepStrictEqual(
      [found.phase, found.imageId, found.copyStartedAt, found.requested],
      ['copying', 'Golden', T0, undefined],
    );
    // AWS lists a new copy after a while: not listed yet is looked at again, until UNSEEN_GRACE_MS after the request.
    const notYet = observed(copy, undefined, T0 + 60_000, 'Golden');
    assert.deepStrictEqual(
      [notYet.phase, notYet.requested, notYet.failed],
      ['copy-requested', 'copy', undefined],
      'not listed yet: looked for again, not requested again',
    );
    assert.deepStrictEqual(nextFor(d, notYet), { kind: 'look' });
    const absent = observed(copy, undefined, T0 + UNSEEN_GRACE_MS + 1, 'Golden');
    assert.deepStrictEqual(
      [absent.phase, absent.requested, absent.failed],
      ['queued', undefined, undefined],
      'never made: may be requested again',
    );
    const share = requested({ ...dest(d, 'us-west-2'), phase: 'tagged' }, `share:${A1}`, T0);
    assert.deepStrictEqual(nextFor(d, share, false), { kind: 'reconcile', step: `share:${A1}` });
    assert.strictEqual(nextFor(d, share, true), undefined);
  });

  it('WorkSpaces: no copy quota, no tag step (the copies carry the tags), and a copy found after a lost answer is followed by its own ID', () => {
    const ws = (now: number): Distribution => {
      const d = newDistribution({
        profile: 'demo',
        service: 'workspaces',
        source: { region: 'us-east-1', name: 'Std', id: 'wsi-abc123def' },
        name: 'Std',
        regions: ['us-east-1', 'us-west-2'],
        tags: { team: 'it' },
        accounts: [A1],
        use: { fleets: false, imageBuilders: false },
        now,
      });
      return { ...d, destinations: d.destinations.map((x) => settle(d, x, T0)) };
    };
    const all = [0, 1, 2, 3].map((i) => ws(T0 + i));
    assert.strictEqual(copyQuota('workspaces'), Number.POSITIVE_INFINITY);
    assert.strictEqual(copyQuota('appstream'), 2);
    assert.strictEqual(
      copiesToStart(all, { profile: 'demo', service: 'workspaces', region: 'us-west-2' }).length,
      4,
      'all start at once',
    );
    const d = all[0];
    assert.deepStrictEqual(
      nextFor(d, dest(d, 'us-east-1')),
      { kind: 'share', account: A1 },
      'the source region: shared, not tagged',
    );
    assert.deepStrictEqual(plannedRequests(d, ['us-east-1', 'us-west-2']), { copies: 1, tags: 0, shares: 2 });
    const lost = requested(dest(d, 'us-west-2'), 'copy', T0);
    const found = observed(lost, { id: 'wsi-new000001', state: 'PENDING' }, T0 + 5, 'Std');
    assert.deepStrictEqual([found.phase, found.imageId], ['copying', 'wsi-new000001']);
    const ready = withDestination(
      d,
      'us-west-2',
      () => observed(found, { id: 'wsi-new000001', state: 'AVAILABLE' }, T0 + 9, 'Std'),
      T0 + 9,
    );
    assert.deepStrictEqual(
      [dest(ready, 'us-west-2').phase, nextFor(ready, dest(ready, 'us-west-2'))],
      ['tagged', { kind: 'share', account: A1 }],
    );
    assert.deepStrictEqual(
      stepsOf(ready, dest(ready, 'us-west-2')).map((x) => x.label),
      ['copy requested', 'available', `shared with ${A1}`],
    );
    const broken = observed(
      found,
      { id: 'wsi-new000001', state: 'ERROR', reason: 'Error: ImageCopyFailure' },
      T0 + 9,
      'Std',
    );
    assert.deepStrictEqual(
      [broken.phase, broken.imageId, broken.failed],
      [
        'queued',
        undefined,
        {
          step: 'copy',
          reason: 'Error: ImageCopyFailure Delete the failed copy in us-west-2 before retrying.',
          at: T0 + 9,
          imageId: 'wsi-new000001',
        },
      ],
      "the failed copy's ID is kept: it holds the name until deleted",
    );
    assert.deepStrictEqual(
      parseDistribution(JSON.parse(JSON.stringify(withDestination(d, 'us-west-2', () => broken, T0 + 9))))!
        .destinations[1].failed?.imageId,
      'wsi-new000001',
    );
    const other = observed(lost, { id: 'wsi-old000001', older: true, state: 'AVAILABLE' }, T0 + 5, 'Std');
    assert.deepStrictEqual(
      [other.phase, other.imageId, other.failed],
      [
        'queued',
        undefined,
        {
          step: 'copy',
          at: T0 + 5,
          imageId: 'wsi-old000001',
          reason:
            "us-west-2 has an older image named Std: it is not this distribution's copy, and it holds the name. Delete it, then Retry Step.",
        },
      ],
      'an older image of the name is not taken for the copy; its ID is kept for the words of Retry Step',
    );
  });

  it('poll groups: one per (profile, service, region) with a destination under way', () => {
    const a = dist({ regions: ['us-west-2', 'eu-west-1'] });
    const b = move(dist({ regions: ['us-west-2', 'ap-northeast-1'], now: T0 + 1 }), 'ap-northeast-1', (x) =>
      stepFailed(x, 'copy', 'no', T0),
    );
    assert.deepStrictEqual(
      groups([a, b])
        .map((g) => g.region)
        .sort(),
      ['eu-west-1', 'us-west-2'],
      'a failed destination is not polled',
    );
  });

  it('a finished distribution asks for attention only for an unseen failure, and expires after a week', () => {
    let d = dist({ regions: ['us-west-2'], accounts: [], tags: {} });
    d = move(d, 'us-west-2', (x) => stepFailed(x, 'copy', 'no', T0));
    assert.ok(isFinished(d) && needsAttention(d));
    assert.ok(!needsAttention({ ...d, acknowledged: true }));
    assert.ok(!expired(d, T0 + KEEP_FINISHED_MS) && expired(d, T0 + KEEP_FINISHED_MS + 1));
    assert.ok(!expired(dist(), T0 + 10 * KEEP_FINISHED_MS), 'one under way never expires');
  });

  it('parses what it stores, and drops damaged entries or fields', () => {
    let d = dist();
    d = move(d, 'us-west-2', (x) => copyStarted(requested(x, 'copy', T0), 'Golden', T0));
    d = move(d, 'eu-west-1', (x) => stepFailed(x, 'copy', 'no', T0));
    const stored = JSON.parse(JSON.stringify(d));
    assert.deepStrictEqual(parseDistribution(stored), JSON.parse(JSON.stringify(d)));
    assert.strictEqual(parseDistribution(undefined), undefined);
    assert.strictEqual(parseDistribution([]), undefined);
    assert.strictEqual(parseDistribution({ ...stored, service: 'ec2' }), undefined);
    assert.strictEqual(parseDistribution({ ...stored, accounts: ['12'] }), undefined);
    assert.strictEqual(parseDistribution({ ...stored, destinations: [] }), undefined);
    assert.strictEqual(
      parseDistribution({ ...stored, destinations: [{ ...stored.destinations[0], region: 'mars-1' }] }),
      undefined,
    );
    assert.strictEqual(
      parseDistribution({
        ...stored,
        destinations: [{ ...stored.destinations[0], phase: 'copying', imageId: undefined }],
      }),
      undefined,
      'a copy with nothing to follow',
    );
    const timeless = parseDistribution({
      ...stored,
      destinations: [
        { ...stored.destinations[0], phase: 'copy-requested', requested: 'copy', requestedAt: undefined },
        stored.destinations[1],
      ],
    })!;
    assert.strictEqual(
      timeless.destinations[0].requestedAt,
      d.startedAt,
      'a marker without its time dates from the start: nothing older counts as its copy',
    );
    const odd = parseDistribution({
      ...stored,
      acknowledged: 'yes',
      destinations: [
        { ...stored.destinations[0], requested: 'share:1', failed: { step: 'x' } },
        stored.destinations[1],
      ],
    })!;
    assert.deepStrictEqual(
      [odd.acknowledged, odd.destinations[0].requested, odd.destinations[0].failed],
      [undefined, undefined, undefined],
      'bad optional fields are dropped',
    );
  });

  it('refused tags are tried again on later rounds; after TAG_TRIES the shares go out all the same and the ending says so', () => {
    const W = 'us-west-2';
    let d = dist({ regions: [W], accounts: [A1] });
    d = move(d, W, (x) =>
      observed(copyStarted(requested(x, 'copy', T0), 'Golden', T0), { state: 'AVAILABLE', arn: 'arn:x' }, T0, 'Golden'),
    );
    for (let i = 1; i < TAG_TRIES; i++) {
      d = move(d, W, (x) => tagRefused(requested(x, 'tag', T0, 'w1'), 'Access denied'));
      assert.deepStrictEqual(
        [dest(d, W).phase, dest(d, W).failed, dest(d, W).requested, dest(d, W).tagTries],
        ['available', undefined, undefined, i],
      );
      assert.deepStrictEqual(
        nextFor(d, dest(d, W)),
        { kind: 'tag' },
        'tried again next round, not a dead "Failed at tagging"',
      );
      assert.strictEqual(
        destinationLabel(d, dest(d, W)),
        `Available, tags refused ${i} of ${TAG_TRIES} times: trying again`,
      );
    }
    d = move(d, W, (x) => tagRefused(requested(x, 'tag', T0, 'w1'), 'Access denied'));
    assert.deepStrictEqual(
      [dest(d, W).phase, dest(d, W).failed, dest(d, W).tagsFailed],
      ['tagged', undefined, 'Access denied'],
    );
    assert.deepStrictEqual(nextFor(d, dest(d, W)), { kind: 'share', account: A1 }, 'the shares still go out');
    d = move(d, W, (x) => sharedWith(d, x, A1, T0 + 5), T0 + 5);
    assert.deepStrictEqual(
      [dest(d, W).phase, isFinished(d), needsAttention(d), destinationLabel(d, dest(d, W))],
      ['done', true, true, 'Done, tags not applied'],
    );
    assert.deepStrictEqual(
      stepsOf(d, dest(d, W)).map((x) => `${x.mark} ${x.label}`),
      ['✓ copy requested', '✓ available', '✗ tagged', `✓ shared with ${A1}`],
    );
    assert.deepStrictEqual([untagged(d).map((x) => x.region), progress(d)], [[W], { done: 1, failed: 0, total: 1 }]);
    assert.ok(!needsAttention({ ...d, acknowledged: true }));
    // Retry Step: the tags again (only them: the shares are done).
    d = move(d, W, retryStep);
    assert.deepStrictEqual(
      [dest(d, W).phase, dest(d, W).tagsFailed, dest(d, W).tagTries, nextFor(d, dest(d, W))],
      ['available', undefined, undefined, { kind: 'tag' }],
    );
    d = move(d, W, taggedDone, T0 + 9);
    assert.deepStrictEqual([dest(d, W).phase, dest(d, W).finishedAt, needsAttention(d)], ['done', T0 + 9, false]);
  });

  it('a marker names its window: another window leaves it alone while that window holds the lease or the marker is fresh', () => {
    const x = requested(dest(dist(), 'us-west-2'), 'copy', T0, 'A');
    assert.strictEqual(x.requestedBy, 'A');
    assert.strictEqual(
      othersInFlight(x, 'A', 'A', T0 + 1),
      false,
      'my own marker: mine to look at once its answer is lost',
    );
    assert.strictEqual(
      othersInFlight(x, 'B', undefined, T0 + MARKER_LIVE_MS - 1),
      true,
      'fresh: its answer may still come',
    );
    assert.strictEqual(
      othersInFlight(x, 'B', 'A', T0 + 10 * MARKER_LIVE_MS),
      true,
      'its window still polls: its to settle',
    );
    assert.strictEqual(othersInFlight(x, 'B', 'B', T0 + MARKER_LIVE_MS), false, 'its window is gone: taken over');
    assert.strictEqual(
      othersInFlight(requested(dest(dist(), 'us-west-2'), 'copy', T0), 'B', undefined, T0 + 1),
      false,
      'a marker of no window (stored before markers named one)',
    );
    assert.strictEqual(copyStarted(x, 'Golden', T0).requestedBy, undefined, 'the answer clears it');
    const held = { ...dist(), heldBy: 'A', heldAt: T0 };
    assert.deepStrictEqual(
      [
        heldElsewhere(held, 'B', undefined, T0 + 1),
        heldElsewhere(held, 'A', undefined, T0 + 1),
        heldElsewhere(held, 'B', 'A', T0 + 10 * MARKER_LIVE_MS),
        heldElsewhere(held, 'B', 'B', T0 + MARKER_LIVE_MS),
        heldElsewhere(dist(), 'B', undefined, T0),
      ],
      [true, false, true, false, false],
    );
  });

  it('a profile that cannot be used stops each region where it is, in words, without undoing anything; Retry Step goes on from there', () => {
    const why = profileGone('old-account');
    assert.strictEqual(
      why,
      'The profile old-account is no longer in your AWS config or credentials files, so this region cannot go on. Add the profile back, then Retry Step.',
    );
    let d = dist({ regions: ['us-east-1', 'us-west-2', 'eu-west-1'], accounts: [A1] });
    d = move(d, 'us-west-2', (x) => copyStarted(requested(x, 'copy', T0), 'Golden', T0));
    for (const r of ['us-east-1', 'us-west-2', 'eu-west-1']) d = move(d, r, (x) => cannotGoOn(d, x, why, T0 + 1));
    assert.deepStrictEqual(
      d.destinations.map((x) => [x.region, x.phase, x.imageId, x.failed?.step, x.failed?.reason]),
      [
        ['us-east-1', 'tagged', 'Golden', `share:${A1}`, why],
        ['us-west-2', 'copying', 'Golden', 'copy', why],
        ['eu-west-1', 'queued', undefined, 'copy', why],
      ],
    );
    assert.ok(isFinished(d) && needsAttention(d), 'not polled for ever: it needs attention');
    assert.deepStrictEqual(groups([d]), []);
    const again = move(d, 'us-west-2', retryStep);
    assert.deepStrictEqual(
      nextFor(again, dest(again, 'us-west-2')),
      { kind: 'look' },
      'the copy under way is followed again, not requested again',
    );
    const lost = cannotGoOn(d, requested(dest(dist(), 'us-west-2'), 'copy', T0, 'A'), why, T0);
    assert.deepStrictEqual(
      [lost.requested, lost.failed?.step, nextFor(d, retryStep(lost))],
      ['copy', 'copy', { kind: 'look' }],
      'a marker is kept: looked at after Retry Step',
    );
    assert.strictEqual(
      cannotGoOn(d, dest(dist({ regions: ['us-east-1'], accounts: [A1] }), 'us-east-1'), why, T0).failed?.step,
      `share:${A1}`,
    );
    const done = dest(dist({ regions: ['us-east-1'], accounts: [], tags: {} }), 'us-east-1');
    assert.strictEqual(cannotGoOn(d, done, why, T0), done, 'a finished region is left as it is');
  });

  it('stored entries are checked for plausibility: times in the future are now, strings of megabytes drop the entry, reasons are clipped when written', () => {
    const NOW = T0 + 1_000;
    let d = dist();
    d = move(d, 'us-west-2', (x) => requested(x, 'copy', T0, 'A'));
    d = move(d, 'eu-west-1', (x) => stepFailed(x, 'copy', 'no', T0));
    const stored = JSON.parse(JSON.stringify({ ...d, heldBy: 'A', heldAt: T0 }));
    assert.deepStrictEqual(
      parseDistribution(stored, NOW),
      stored,
      "what it writes reads back the same (the marker's window, the holder)",
    );
    const YEAR = 365 * 24 * 3_600_000;
    const future = parseDistribution(
      {
        ...stored,
        startedAt: NOW + YEAR,
        heldAt: NOW + YEAR,
        destinations: [
          { ...stored.destinations[0], requestedAt: NOW + YEAR },
          {
            ...stored.destinations[1],
            failed: { ...stored.destinations[1].failed, at: NOW + YEAR },
            finishedAt: NOW + YEAR,
          },
        ],
      },
      NOW,
    )!;
    assert.deepStrictEqual(
      [
        future.startedAt,
        future.heldAt,
        future.destinations[0].requestedAt,
        future.destinations[1].failed?.at,
        future.destinations[1].finishedAt,
      ],
      [NOW, NOW, NOW, NOW, NOW],
      'a marker set "in the future" would never be looked at',
    );
    assert.strictEqual(
      othersInFlight(future.destinations[0], 'B', undefined, NOW + MARKER_LIVE_MS),
      false,
      'so it is taken over in time',
    );
    const mega = 'x'.repeat(2 ** 20);
    for (const [what, bad] of [
      ['name', { ...stored, name: mega }],
      ['profile', { ...stored, profile: mega }],
      ['a tag value', { ...stored, tags: { team: mega } }],
      [
        'a reason',
        {
          ...stored,
          destinations: [
            stored.destinations[0],
            { ...stored.destinations[1], failed: { ...stored.destinations[1].failed, reason: mega } },
          ],
        },
      ],
      ['a wait', { ...stored, destinations: [{ ...stored.destinations[0], waiting: mega }, stored.destinations[1]] }],
      [
        "a marker's window",
        { ...stored, destinations: [{ ...stored.destinations[0], requestedBy: mega }, stored.destinations[1]] },
      ],
      ['the holder', { ...stored, heldBy: mega }],
      ['60 tags', { ...stored, tags: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v'])) }],
    ] as const) {
      assert.strictEqual(parseDistribution(bad, NOW), undefined, `a string of megabytes in ${what}: dropped`);
    }
    const long = stepFailed(dest(d, 'us-west-2'), 'copy', mega, T0);
    assert.strictEqual(
      long.failed!.reason.length,
      MAX_REASON_CHARS,
      'an AWS message is clipped when written, so what is written is always read back',
    );
    assert.ok(parseDistribution(JSON.parse(JSON.stringify(move(d, 'us-west-2', () => long))), NOW));
    assert.strictEqual(
      tagRefused(tagRefused(tagRefused(dest(d, 'us-west-2'), mega), mega), mega).tagsFailed!.length,
      MAX_REASON_CHARS,
    );
    assert.ok(isTerminal(parseDistribution(stored, NOW)!.destinations[1]));
  });
});
