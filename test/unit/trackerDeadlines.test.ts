// The copy tracker when AWS never answers or loses an answer: a look that hangs is aborted at the poll loop's
// deadline and reaches the copy as a failed check; tags whose answer is lost are sent once and read back
// (against the local endpoint, through the real SDK clients).
import * as assert from 'node:assert';
import { cannotCheck, CANNOT_CHECK_AFTER_MS } from '../../src/core/copyJobs';
import { PollLoop } from '../../src/core/pollLoop';
import { CopyTracker, TASK_DEADLINE_MS } from '../../src/jobs/tracker';
import { AwsSession } from '../../src/aws/session';
import { LostAnswerError } from '../../src/aws/errors';
import { Emulator } from '../emulator/server';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { copyJob } from '../support/jobs';

const job = copyJob;

describe('copy tracker: a look that never answers', () => {
  it('is aborted at the deadline, one at a time, and the copy reads "cannot check" after 30 minutes', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const loop = new PollLoop({ clock, intervalMs: () => 30_000, taskDeadlineMs: TASK_DEADLINE_MS, random: () => 1 });
    let inFlight = 0;
    let most = 0;
    let looks = 0;
    const tracker = new CopyTracker({
      store,
      storeKey: 'copies',
      clock,
      loop,
      intervalMs: () => 30_000,
      defaultProfile: () => 'demo',
      // As the SDK's send does with a request that gets no answer: it ends only when its signal aborts.
      look: (_g, signal) =>
        new Promise((_, reject) => {
          looks++;
          most = Math.max(most, ++inFlight);
          signal?.addEventListener('abort', () => {
            inFlight--;
            reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
          });
        }),
    });
    tracker.add(job());
    await clock.advance(CANNOT_CHECK_AFTER_MS + 5 * 60_000);
    const [copy] = tracker.all();
    assert.ok(cannotCheck(copy, clock.now()), 'shown as "cannot check", not spinning');
    assert.match(copy.checkError!, /no answer within 2 min/);
    assert.strictEqual(most, 1, 'never two looks of the region at once');
    assert.ok(looks >= 5, `looked again after each deadline (${looks} looks)`);
    tracker.dispose();
  });
});

describe('copy tracker: tags at the local endpoint', () => {
  let emu: Emulator;
  let saved: NodeJS.ProcessEnv;
  let session: AwsSession;
  const ARN = 'arn:aws:appstream:us-east-1:';

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default' });
    await emu.start();
    saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIATAGTEST000000000',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_ENDPOINT_URL: emu.url,
    });
    delete process.env.AWS_PROFILE;
    session = new AwsSession(undefined, () => undefined);
  });
  afterEach(async () => {
    session.dispose();
    process.env = saved;
    await emu.stop();
  });

  /** The real tracker over the real image API: the copy is Finance-Win2022 in us-east-1, with a tag to apply. */
  function tracked(clock = new FakeClock()) {
    const tracker = new CopyTracker({
      store: new MemoryStore(),
      storeKey: 'copies',
      clock,
      intervalMs: () => 30_000,
      random: () => 1,
      defaultProfile: () => 'demo',
      api: () => session.api,
    });
    tracker.add(job({ destRegion: 'us-east-1', destId: 'Finance-Win2022', pendingTags: { release: '2026.07' } }));
    return tracker;
  }
  const tagRequests = (): number => emu.requests({ operation: 'TagResource' }).length;
  const tagsNow = async (): Promise<Record<string, string>> => {
    const [img] = await session.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    assert.ok(img.arn?.startsWith(ARN));
    return session.api.tags(img);
  };

  /** Waits (real time, for real I/O) until `done` holds; fails after 5 s. */
  async function until(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 250 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(done(), what);
  }

  it("a copy AWS reports FAILED ends failed with AWS's reason, read by the look production runs", async () => {
    emu.world.putAppStream('us-west-2', {
      Name: 'Broken-Copy',
      State: 'FAILED',
      StateChangeReason: { Code: 'IMAGE_COPY_FAILURE', Message: 'The copy failed.' },
    });
    const tracker = tracked();
    tracker.add(job({ destRegion: 'us-west-2', destId: 'Broken-Copy' }));
    await tracker.tick();
    const broken = tracker.all().find((j) => j.destId === 'Broken-Copy')!;
    assert.deepStrictEqual([broken.outcome, broken.reason], ['failed', 'IMAGE_COPY_FAILURE: The copy failed.']);
    tracker.dispose();
  });

  it('a DescribeImages that never answers is aborted at the poll deadline, and the copy records the failed check', async () => {
    const clock = new FakeClock();
    emu.inject({ kind: 'stall', operation: 'DescribeImages', times: Infinity });
    const tracker = tracked(clock);
    await clock.advance(30_000);
    await until(() => emu.requests({ operation: 'DescribeImages' }).length === 1, 'the look reached the endpoint');
    await clock.advance(TASK_DEADLINE_MS);
    await until(() => tracker.all()[0].checkFailingSince !== undefined, 'the aborted look reached the copy');
    assert.match(tracker.all()[0].checkError!, /no answer within 2 min/);
    assert.strictEqual(
      emu.requests({ operation: 'DescribeImages' }).length,
      1,
      'no second look while the first was in flight',
    );
    tracker.dispose();
  });

  it('a 500 after TagResource did the work: sent once, settled by reading the tags back, and the copy ends with its tags', async () => {
    const [img] = await session.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    emu.inject({ kind: 'error-after', operation: 'TagResource' });
    emu.clearLog();
    await session.api.applyTags({ service: 'appstream', region: 'us-east-1', arn: img.arn }, { owner: 'it' });
    assert.deepStrictEqual(
      emu.log.map((r) => r.operation),
      ['TagResource', 'ListTagsForResource'],
      'sent once, then read back',
    );
    assert.strictEqual((await tagsNow()).owner, 'it');

    const tracker = tracked();
    emu.inject({ kind: 'error-after', operation: 'TagResource' });
    emu.clearLog();
    await tracker.tick();
    assert.strictEqual(tagRequests(), 1, 'TagResource sent once');
    const [copy] = tracker.all();
    assert.deepStrictEqual(
      [copy.outcome, copy.tagsFailed, copy.pendingTags],
      ['succeeded', undefined, undefined],
      'no "tags could not be applied"',
    );
    assert.strictEqual((await tagsNow()).release, '2026.07');
    tracker.dispose();
  });

  it('a connection dropped before TagResource did anything: not done, and the tracker applies the tags on its next look', async () => {
    const [img] = await session.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    emu.inject({ kind: 'drop', operation: 'TagResource' });
    emu.clearLog();
    const e = await session.api
      .applyTags({ service: 'appstream', region: 'us-east-1', arn: img.arn }, { owner: 'it' })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    assert.ok(e instanceof LostAnswerError && e.outcome === 'not-done', `not done: ${String(e)}`);
    assert.strictEqual(tagRequests(), 1, 'not resent blindly');

    const tracker = tracked();
    emu.inject({ kind: 'drop', operation: 'TagResource' });
    emu.clearLog();
    await tracker.tick();
    let [copy] = tracker.all();
    assert.deepStrictEqual(
      [copy.outcome, copy.pendingTags],
      [undefined, { release: '2026.07' }],
      'still pending: not called done without its tags',
    );
    await tracker.tick();
    [copy] = tracker.all();
    assert.deepStrictEqual([copy.outcome, copy.tagsFailed, copy.pendingTags], ['succeeded', undefined, undefined]);
    assert.strictEqual(tagRequests(), 2, 'one dropped, one applied on the next look');
    assert.strictEqual((await tagsNow()).release, '2026.07');
    tracker.dispose();
  });
});
