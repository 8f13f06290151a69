// Bench: export tasks to AMI followed by the tracker. 20 tasks in flight over 4 regions (5 each, among 25 older
// tasks per region that are done): requests per tick (expected one ListExportImageTasks per region, not one
// GetExportImageTask per task), the look when all complete, and requests while idle afterwards (fake clock).
import { Emulator } from '../emulator/server';
import type { ExportTaskSeed, RegionSeed } from '../emulator/scenario';
import { AwsSession } from '../../src/aws/session';
import { jobId, type CopyJob } from '../../src/core/copyJobs';
import { CopyTracker } from '../../src/jobs/tracker';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
const hex = (n: number): string => n.toString(16).padStart(12, '0');
const taskId = (r: number, i: number): string => `0000000${r}-0000-4000-8000-${hex(i)}`;

export async function exportTasksFollowed(put: (k: string, v: string | number) => void): Promise<void> {
  const regions: Record<string, RegionSeed> = {};
  for (const [r, region] of REGIONS.entries()) {
    const tasks: ExportTaskSeed[] = [];
    for (let i = 0; i < 30; i++) {
      const inFlight = i < 5;
      tasks.push({
        TaskId: taskId(r, i),
        ImageName: `Image-${i}`,
        AmiName: `ami-name-${i}`,
        State: inFlight ? 'EXPORTING' : 'COMPLETED',
        ...(inFlight ? { _settleAfterMs: 3_600_000 } : { AmiId: `ami-${hex(i).padStart(17, '0')}` }),
        CreatedDate: new Date(Date.parse('2026-11-01T00:00:00Z') + (30 - i) * 3_600_000).toISOString(),
      });
    }
    regions[region] = { exportTasks: tasks };
  }
  const emu = new Emulator({ scenario: { regions }, copyDelayMs: 3_600_000 });
  await emu.start();
  process.env.AWS_ENDPOINT_URL = emu.url;
  const session = new AwsSession('bench', () => undefined);
  const clock = new FakeClock();
  clock.t = Date.now();
  const t = new CopyTracker({
    store: new MemoryStore(),
    storeKey: 'copies',
    clock,
    intervalMs: () => 30_000,
    defaultProfile: () => session.profileName,
    api: () => session.api,
  });
  for (const [r, region] of REGIONS.entries()) {
    for (let i = 0; i < 5; i++) {
      const dest = { profile: session.profileName, service: 'appstream' as const, region, id: taskId(r, i) };
      const job: CopyJob = {
        id: jobId(dest, 'export'),
        kind: 'export',
        profile: session.profileName,
        service: 'appstream',
        sourceRegion: region,
        sourceName: `Image-${i}`,
        sourceId: `Image-${i}`,
        destRegion: region,
        destName: `ami-name-${i}`,
        destId: taskId(r, i),
        startedAt: Date.now(),
        state: 'EXPORTING',
      };
      t.add(job);
    }
  }
  await t.tick(); // warm: SDK load, credentials, connections
  emu.clearLog();
  await t.tick();
  const ops = (): string =>
    Object.entries(
      emu.log.reduce<Record<string, number>>((m, r) => ({ ...m, [r.operation]: (m[r.operation] ?? 0) + 1 }), {}),
    )
      .map(([op, n]) => `${n} ${op}`)
      .join(', ') || '0';
  put(
    `exports: requests per tick, 20 export tasks over 4 regions (30 tasks listed per region)`,
    `${emu.log.length} (${ops()})`,
  );
  emu.world.settleAll();
  emu.clearLog();
  await t.tick();
  const done = t.all().filter((j) => j.outcome === 'succeeded' && j.result).length;
  put(
    'exports: the look that sees them COMPLETED (requests)',
    `${emu.log.length}; ${done} of 20 completed with an AMI ID`,
  );
  emu.clearLog();
  await clock.advance(10 * 60_000, 20);
  put('exports: requests over 10 idle minutes after (fake clock)', emu.log.length);
  t.dispose();
  await emu.stop();
  session.dispose();
}
