// The image builders part of the bench: a region of 200 builders listed to the end (requests for the whole list),
// and 20 builders in transition over 4 regions followed by the tracker (requests per poll tick: one
// DescribeImageBuilders per region, not one per builder). The scenario is made in code.
import { Emulator } from '../emulator/server';
import { AwsSession } from '../../src/aws/session';
import { PagedList } from '../../src/core/pagedList';
import type { BuilderRecord } from '../../src/core/builders';
import type { BuilderJobKind } from '../../src/core/builderJobs';
import { jobId, type CopyJob } from '../../src/core/copyJobs';
import { BUILDERS_SERVICE } from '../../src/core/services';
import { CopyTracker } from '../../src/jobs/tracker';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';

type Put = (k: string, v: string | number) => void;

const IMAGE = 'AppStream-WinServer2022-11-01-2026';

function builderJob(profile: string, region: string, name: string, kind: BuilderJobKind, state: string): CopyJob {
  const ref = { profile, service: BUILDERS_SERVICE, region, id: name };
  return {
    id: jobId(ref, kind),
    kind,
    profile,
    service: BUILDERS_SERVICE,
    sourceRegion: region,
    sourceName: name,
    sourceId: name,
    destRegion: region,
    destName: name,
    destId: name,
    startedAt: Date.now(),
    state,
  };
}

export async function builderBench(put: Put): Promise<void> {
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
  const emu = new Emulator({ scenario: { regions: Object.fromEntries(regions.map((r) => [r, {}])) } });
  await emu.start();
  process.env.AWS_ENDPOINT_URL = emu.url;
  const session = new AwsSession('bench', () => undefined);
  const profile = session.profileName;
  for (let i = 0; i < 200; i++) {
    emu.world.putImageBuilder('us-east-1', { Name: `builder-${String(i).padStart(3, '0')}`, ImageName: IMAGE });
  }
  const list = new PagedList<BuilderRecord>((t) => session.api.listBuilders(profile, 'us-east-1', t));
  await list.ensureLoaded(); // warm: SDK load, credentials, connection
  list.reset();
  emu.clearLog();
  const t0 = performance.now();
  await list.loadAll();
  if (list.error) throw list.error;
  put('image builders: 200 listed to the end: builders / requests', `${list.items.length} / ${emu.log.length}`);
  put('image builders: 200 listed to the end: time', `${(performance.now() - t0).toFixed(0)} ms`);

  // 20 builders in transition, 5 per region: starts, stops and creates followed together.
  const jobs: CopyJob[] = [];
  const kinds: [BuilderJobKind, string, string][] = [
    ['builder-start', 'PENDING', 'RUNNING'],
    ['builder-stop', 'STOPPING', 'STOPPED'],
    ['builder-create', 'PENDING', 'RUNNING'],
  ];
  for (const region of regions) {
    for (let i = 0; i < 5; i++) {
      const [kind, state, to] = kinds[i % kinds.length];
      const name = `moving-${i}`;
      emu.world.putImageBuilder(region, {
        Name: name,
        ImageName: IMAGE,
        State: state,
        _settleAfterMs: 3_600_000,
        _settlesTo: to,
      });
      jobs.push(builderJob(profile, region, name, kind, state));
    }
  }
  const clock = new FakeClock();
  clock.t = Date.now();
  const t = new CopyTracker({
    store: new MemoryStore(),
    storeKey: 'copies',
    clock,
    intervalMs: () => 30_000,
    defaultProfile: () => profile,
    api: () => session.api,
  });
  for (const j of jobs) t.add(j);
  await t.tick(); // warm
  emu.clearLog();
  await t.tick();
  put(
    `image builders: requests per tick, ${jobs.length} builders in transition over ${regions.length} regions`,
    `${emu.log.length} (${[...new Set(emu.log.map((r) => r.operation))].join(', ')})`,
  );
  emu.world.settleAll();
  emu.clearLog();
  await t.tick();
  const ended = t.all().filter((j) => j.outcome === 'succeeded').length;
  put('image builders: settled in one tick: jobs ended well / requests', `${ended} / ${emu.log.length}`);
  emu.clearLog();
  await clock.advance(10 * 60_000, 20);
  put('image builders: requests over 10 idle minutes once all ended', emu.log.length);
  t.dispose();
  await emu.stop();
  session.dispose();
}
