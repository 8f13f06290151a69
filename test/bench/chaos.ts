// The bench's chaos section ("Trustworthy under faults"): paging 10,000 images and tracking 50 copies while the
// local endpoint fails requests at random, with seeded odds (CHAOS_VARIANTS: the issue's 10% throttling, 5% 500s,
// 2% dropped connections, 1% stalls; or the same with fewer stalls). The two parts run side by side, each with
// its own endpoint and profile. Figures, checked against what the endpoint holds:
//  - listing: images listed (all 10,000, none twice), requests sent, time, error rows the user had to Retry, and
//    the longest a row showed "Loading…" (a page request's start to its items or error row);
//  - copies: how many ended as the endpoint says (AVAILABLE -> succeeded, FAILED / ERROR -> failed), requests
//    sent by operation, failed polls, and the time until every copy had ended: fake time, which skips ahead while
//    nothing is in flight and keeps pace with real time while requests are (SDK retries, the 15 s deadline).
// The extension's own layers do the work: AwsSession (SDK clients, deadlines, retry strategy), PagedList, and
// CopyTracker on its PollLoop. The "user" does what the tree offers: Load more until the end, and Retry on an
// error row (which, as the Retry command does, drops the session's clients first).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type Chaos, type LoggedRequest } from '../emulator/server';
import { AwsSession } from '../../src/aws/session';
import { failureFacts } from '../../src/aws/errors';
import { describeFailure } from '../../src/core/errors';
import { PagedList } from '../../src/core/pagedList';
import type { ImageListKey, ImageRecord } from '../../src/core/image';
import { destinationOf, jobId, type CopyJob } from '../../src/core/copyJobs';
import type { ServiceId } from '../../src/core/regions';
import { CopyTracker } from '../../src/jobs/tracker';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { prng } from '../emulator/faults';

export type Put = (key: string, value: string | number) => void;

/**
 * The issue's odds, and the two faults that come after a 200 status: an answer that stalls after its headers
 * (costs the 15 s deadline, as a stall does) and one whose connection is reset mid-body.
 */
export const ISSUE_ODDS: Omit<Chaos, 'seed'> = {
  throttle: 0.1,
  serverError: 0.05,
  drop: 0.02,
  stall: 0.01,
  stallAfterHeaders: 0.002,
  dropMidBody: 0.01,
};

const IMAGES = 10_000;
const PAGE_SIZE = 25;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const s = (x: number): string => `${(x / 1000).toFixed(1)} s`;

/** "a 3, b 1" from counts, largest first. */
function tally(xs: readonly string[]): string {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return (
    [...m]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none'
  );
}

/** What the endpoint did with the requests: answered, or which fault. */
function faults(log: readonly LoggedRequest[]): string {
  return tally(log.map((r) => (r.status === 200 ? 'answered' : (r.error ?? String(r.status)))));
}

/** A failure as the user reads it (its kind: throttled, timeout, service, network ...). */
const kindOf = (e: unknown): string => describeFailure(failureFacts(e)).kind;

/** A tracked copy as Copy Image records it, in flight since `startedAt`. */
export function trackedCopy(
  profile: string,
  service: ServiceId,
  destRegion: string,
  destId: string,
  startedAt: number,
): CopyJob {
  const job = {
    profile,
    service,
    sourceRegion: 'us-east-1',
    sourceName: 's',
    sourceId: 's',
    destRegion,
    destName: destId,
    destId,
    startedAt,
    state: service === 'appstream' ? 'COPYING' : 'PENDING',
  };
  return { ...job, id: jobId(destinationOf(job)) };
}

type Rows = [string, string][];

/** A session of the profile and its us-east-1 Private list: the list both listing parts page. */
function privateList(profile: string): { session: AwsSession; key: ImageListKey } {
  const session = new AwsSession(profile, () => undefined);
  return {
    session,
    key: { profile: session.profileName, region: 'us-east-1', service: 'appstream', listType: 'PRIVATE' },
  };
}

async function listing(emu: Emulator, profile: string, label: string, odds: Chaos): Promise<Rows> {
  const rows: Rows = [];
  const put = (k: string, v: string): number => rows.push([k, v]);
  const { session, key } = privateList(profile);
  try {
    await session.api.listPage(key, undefined, 1); // warm, without faults: SDK load, credentials, connection
    emu.clearLog();
    emu.chaos(odds);

    const list = new PagedList<ImageRecord>((t) => session.api.listPage(key, t, PAGE_SIZE));
    let longest = 0;
    const loadings: number[] = [];
    const errors: string[] = [];
    // One page request as a row shows it: "Loading…" from the call until items or an error row.
    const page = async (load: () => Promise<void>): Promise<void> => {
      const t0 = performance.now();
      await load();
      const took = performance.now() - t0;
      loadings.push(took);
      longest = Math.max(longest, took);
      if (list.error) errors.push(kindOf(list.error));
    };
    const t0 = performance.now();
    await page(() => list.ensureLoaded());
    for (;;) {
      if (list.error) {
        // Retry on the error row (commands/refresh.ts retry): clients dropped, then the page asked for again.
        session.pool.reset();
        if (list.loaded) await page(() => list.loadMore());
        else {
          list.reset();
          await page(() => list.ensureLoaded());
        }
        continue;
      }
      if (!list.hasMore) break;
      await page(() => list.loadMore());
    }
    const took = performance.now() - t0;

    const ids = list.items.map((r) => r.id);
    const unique = new Set(ids);
    const expected = Array.from({ length: IMAGES }, (_, i) => `Image-${String(i + 1).padStart(5, '0')}`);
    const missing = expected.filter((id) => !unique.has(id)).length;
    const sorted = [...loadings].sort((a, b) => a - b);
    put(
      `chaos${label}: list 10,000 images: images listed`,
      `${unique.size} distinct of ${ids.length} listed; ${ids.length - unique.size} twice, ${missing} missing${unique.size === IMAGES && ids.length === IMAGES && !missing ? ' (ok)' : ' (WRONG)'}`,
    );
    put(
      `chaos${label}: list 10,000 images: requests sent`,
      `${emu.log.length} for ${Math.ceil(IMAGES / PAGE_SIZE)} pages (${faults(emu.log)})`,
    );
    put(`chaos${label}: list 10,000 images: time`, s(took));
    put(
      `chaos${label}: list 10,000 images: error rows retried by the user`,
      `${errors.length}${errors.length ? ` (${tally(errors)})` : ''}`,
    );
    put(
      `chaos${label}: list 10,000 images: longest a row showed "Loading…"`,
      `${ms(longest)} (median ${ms(sorted[Math.floor(sorted.length / 2)])}, 99th percentile ${ms(sorted[Math.floor(sorted.length * 0.99)])}, ${loadings.length} page loads)`,
    );
  } finally {
    emu.chaos(undefined);
    emu.releaseStalls();
    session.dispose();
  }
  return rows;
}

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'ca-central-1'];
/** Copies the endpoint fails: (service, region, index). */
const FAILING = new Set([
  'appstream/us-west-2/4',
  'appstream/ap-northeast-1/2',
  'workspaces/eu-west-1/1',
  'workspaces/ca-central-1/3',
]);
/** The tracker gives up on nothing by itself: this is only the bench's own limit (fake time). */
const FAKE_LIMIT_MS = 6 * 3_600_000;

async function copies(emu: Emulator, clock: FakeClock, profile: string, label: string, odds: Chaos): Promise<Rows> {
  const rows: Rows = [];
  const put = (k: string, v: string): number => rows.push([k, v]);
  const session = new AwsSession(profile, () => undefined);
  const start = clock.now();
  let lastSettle = start;
  const jobs: CopyJob[] = [];
  const expected = new Map<string, { service: ServiceId; region: string; id: string }>();
  REGIONS.forEach((region, r) => {
    for (let i = 0; i < 5; i++) {
      // Copies end from 2 to 20 minutes in, spread over regions and services.
      const at = (service: number): number => {
        const when = start + (2 + ((r * 7 + i * 3 + service * 5) % 19)) * 60_000;
        lastSettle = Math.max(lastSettle, when);
        return when;
      };
      const as = emu.world.putAppStream(region, { Name: `Copy-${i}`, State: 'COPYING' });
      as.transition = { at: at(0), to: FAILING.has(`appstream/${region}/${i}`) ? 'FAILED' : 'AVAILABLE' };
      const ws = emu.world.putWorkSpaces(region, {
        ImageId: `wsi-copy0000${i}`,
        Name: `WsCopy-${i}`,
        State: 'PENDING',
      });
      ws.transition = { at: at(1), to: FAILING.has(`workspaces/${region}/${i}`) ? 'ERROR' : 'AVAILABLE' };
      for (const [service, id] of [
        ['appstream', `Copy-${i}`],
        ['workspaces', `wsi-copy0000${i}`],
      ] as const) {
        const job = trackedCopy(session.profileName, service, region, id, start);
        jobs.push(job);
        expected.set(job.id, { service, region, id });
      }
    }
  });

  let inFlight = 0;
  const pollErrors: string[] = [];
  const t = new CopyTracker({
    store: new MemoryStore(),
    storeKey: 'copies',
    clock,
    intervalMs: () => 30_000,
    random: prng((odds.seed ?? 1) + 1),
    defaultProfile: () => session.profileName,
    onError: (e) => pollErrors.push(kindOf(e)),
    // The tracker's own look, through an ImageApi that counts its requests in flight (fake time keeps pace with them).
    api: () =>
      new Proxy(session.api, {
        get: (api, key) => {
          const v: unknown = Reflect.get(api, key);
          if (typeof v !== 'function') return v;
          return async (...args: unknown[]) => {
            inFlight++;
            try {
              return await (v as (...a: unknown[]) => Promise<unknown>).apply(api, args);
            } finally {
              inFlight--;
            }
          };
        },
      }),
  });
  try {
    await session.api.describe('appstream', 'us-east-1', ['Copy-0']); // warm, without faults
    await session.api.describe('workspaces', 'us-east-1', ['wsi-copy00000']);
    emu.clearLog();
    emu.chaos(odds);
    const r0 = performance.now();
    for (const j of jobs) t.add(j);
    // Fake time skips ahead while nothing is in flight, and keeps pace with real time while requests are
    // (SDK retries, 15 s deadlines): the poll loop sees the time a user would.
    const ended = (): boolean => t.all().every((j) => j.outcome !== undefined);
    while (!ended() && clock.now() - start < FAKE_LIMIT_MS) {
      if (inFlight > 0) {
        const w0 = performance.now();
        await sleep(5);
        await clock.advance(Math.round(performance.now() - w0));
      } else {
        await clock.advance(1_000);
        await new Promise((r) => setImmediate(r));
      }
    }
    while (inFlight > 0) await sleep(5);
    const real = performance.now() - r0;

    const all = t.all();
    let right = 0;
    const wrong: string[] = [];
    for (const job of all) {
      const e = expected.get(job.id)!;
      const r = emu.world.region(e.region);
      const state =
        e.service === 'appstream' ? r.appstream.get(e.id)?.image.State : r.workspaces.get(e.id)?.image.State;
      const should =
        state === 'AVAILABLE' ? 'succeeded' : state === 'FAILED' || state === 'ERROR' ? 'failed' : undefined;
      if (should && job.outcome === should) right++;
      else wrong.push(`${job.id}: ${job.outcome ?? 'in flight'} (endpoint: ${state ?? 'gone'})`);
    }
    const outcomes = tally(all.map((j) => j.outcome ?? 'in flight'));
    put(
      `chaos${label}: track 50 copies: ended as the endpoint says`,
      `${right}/${jobs.length} (${outcomes})${wrong.length ? `; WRONG: ${wrong.slice(0, 5).join('; ')}` : ''}`,
    );
    put(
      `chaos${label}: track 50 copies: requests sent`,
      `${emu.log.length}: ${tally(emu.log.map((q) => q.operation))} (${faults(emu.log)})`,
    );
    put(
      `chaos${label}: track 50 copies: polls failed (group backed off)`,
      `${pollErrors.length}${pollErrors.length ? ` (${tally(pollErrors)})` : ''}`,
    );
    const lastEnd = Math.max(...all.map((j) => j.finishedAt ?? clock.now()));
    put(
      `chaos${label}: track 50 copies: time until all ended`,
      `${((lastEnd - start) / 60_000).toFixed(1)} min fake time (the last copy settles at ${((lastSettle - start) / 60_000).toFixed(0)} min; 30 s poll interval); ${s(real)} real`,
    );
  } finally {
    t.dispose();
    emu.chaos(undefined);
    emu.releaseStalls();
    session.dispose();
  }
  return rows;
}

const pct = (x = 0): string => `${+(x * 100).toFixed(2)}%`;

/**
 * `issue`: the issue's exact odds. Each stall costs the 15 s response deadline, and pages are asked for one
 * after another, so those alone add about 90 s. `fewer-stalls` keeps every other odd and stalls 0.1% of
 * requests (labelled as such in every row), to keep the section near 2 minutes.
 */
export const CHAOS_VARIANTS = {
  issue: { odds: ISSUE_ODDS, label: '' },
  'fewer-stalls': {
    odds: { ...ISSUE_ODDS, stall: 0.001, stallAfterHeaders: 0.001 },
    label: ' [variant: 0.1% stalls, not 1%]',
  },
} as const;
export type ChaosVariant = keyof typeof CHAOS_VARIANTS;

/** Pages the 10,000 images to the end as the tree does (Load more; Retry on an error row): time and requests. */
async function pageAll(
  emu: Emulator,
  profile: string,
): Promise<{ ms: number; requests: number; listed: number; distinct: number }> {
  const { session, key } = privateList(profile);
  try {
    await session.api.listPage(key, undefined, 1); // warm: SDK load, credentials, connection
    const before = emu.log.length === 0 ? 0 : emu.log[emu.log.length - 1].seq;
    const list = new PagedList<ImageRecord>((t) => session.api.listPage(key, t, PAGE_SIZE));
    const t0 = performance.now();
    await list.ensureLoaded();
    while (list.error || list.hasMore) {
      if (list.error) session.pool.reset();
      await list.loadMore();
    }
    const took = performance.now() - t0;
    const requests = emu.log.filter((r) => r.seq > before).length;
    return { ms: took, requests, listed: list.items.length, distinct: new Set(list.items.map((r) => r.id)).size };
  } finally {
    session.dispose();
  }
}

/**
 * Throttling alone (10%, nothing else): how much the read clients' retry strategy slows paging, against the
 * same paging without faults. The issue's goal: at most 3 times the unthrottled time, nothing listed twice.
 */
export async function throttlingAlone(put: Put, seed = 1): Promise<void> {
  const emu = new Emulator({ scenario: 'scale', latencyMs: 0 });
  await emu.start();
  const restore = profiles({ 'bench-throttle': emu.url });
  try {
    const calm = await pageAll(emu, 'bench-throttle');
    emu.chaos({ throttle: 0.1, seed });
    const throttled = await pageAll(emu, 'bench-throttle');
    emu.chaos(undefined);
    put(
      'throttling alone (10%): page 10,000 images',
      `${s(throttled.ms)} and ${throttled.requests} requests, against ${s(calm.ms)} and ${calm.requests} without faults ` +
        `(${(throttled.ms / calm.ms).toFixed(1)}x; ${throttled.distinct} distinct of ${throttled.listed} listed)`,
    );
  } finally {
    await emu.stop();
    restore();
  }
}

/** The chaos section with a variant's odds; `seed` picks the faults' sequence. */
export async function chaos(put: Put, variant: ChaosVariant = 'issue', seed = 1): Promise<void> {
  const { odds, label } = CHAOS_VARIANTS[variant];
  const o: Chaos = { ...odds, seed };
  put(
    `chaos${label}: odds per request`,
    `${pct(o.throttle)} throttling, ${pct(o.serverError)} 500s, ${pct(o.drop)} dropped connections, ${pct(o.stall)} stalls, ` +
      `${pct(o.stallAfterHeaders)} stalls after a 200's headers, ${pct(o.dropMidBody)} connections reset mid-body after a 200 (seed ${seed})`,
  );
  const t0 = performance.now();
  const listEmu = new Emulator({ scenario: 'scale', latencyMs: 0 });
  const clock = new FakeClock();
  clock.t = Date.now();
  // The endpoint's copies settle on the same (fake) time as the tracker's.
  const copyEmu = new Emulator({ scenario: { regions: {} }, latencyMs: 0, now: () => clock.now() });
  await Promise.all([listEmu.start(), copyEmu.start()]);
  // Each part has its own endpoint: one profile each, with its endpoint_url (one process, one environment).
  const restore = profiles({ 'bench-list': listEmu.url, 'bench-copies': copyEmu.url });
  try {
    // Independent, so side by side as in the extension (a list paged while copies are watched); rows in order.
    const [a, b] = await Promise.all([
      listing(listEmu, 'bench-list', label, o),
      copies(copyEmu, clock, 'bench-copies', label, o),
    ]);
    for (const [k, v] of [...a, ...b]) put(k, v);
  } finally {
    for (const emu of [listEmu, copyEmu]) {
      emu.chaos(undefined);
      emu.releaseStalls();
    }
    await Promise.all([listEmu.stop(), copyEmu.stop()]);
    restore();
  }
  put(`chaos${label}: section time (both side by side)`, s(performance.now() - t0));
}

/** Shared AWS files with these profiles, each sending to its endpoint; answers a function that puts the environment back. */
function profiles(endpoints: Record<string, string>): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-bench-chaos-'));
  const names = Object.keys(endpoints);
  fs.writeFileSync(
    path.join(dir, 'credentials'),
    names.map((n) => `[${n}]\naws_access_key_id = AKIABENCH00000000000\naws_secret_access_key = x\n`).join(''),
  );
  fs.writeFileSync(
    path.join(dir, 'config'),
    names.map((n) => `[profile ${n}]\nregion = us-east-1\nendpoint_url = ${endpoints[n]}\n`).join(''),
  );
  const keys = ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_ENDPOINT_URL', 'AWS_PROFILE'] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.AWS_PROFILE;
  return () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
