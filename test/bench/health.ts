// `npm run bench`, the health report: 3 profiles (3 accounts) × 4 regions at 100 ms endpoint latency, through
// the command's own gathering (commands/healthListing.ts): requests by operation and time, cold, then again a
// moment later (lists and usage from memory, as after a Find or a first report).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../emulator/server';
import type { RegionSeed } from '../emulator/scenario';
import { Scope } from '../../src/aws/scope';
import { UsageIndex } from '../../src/aws/usage';
import { gatherHealth } from '../../src/commands/healthListing';
import type { CommandContext } from '../../src/commands/context';
import type { ImageRecord } from '../../src/core/image';
import { SearchCache } from '../../src/core/searchCache';
import { DEFAULT_SETTINGS, type CloudImagesSettings } from '../../src/core/settingsRules';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
const KEYS = ['AKIAHEALTHBENCHA0000', 'AKIAHEALTHBENCHB0000', 'AKIAHEALTHBENCHC0000'];
const PROFILES = ['health-a', 'health-b', 'health-c'];

/** Per region: 30 AppStream and 20 WorkSpaces images, 12 fleets, one AppStream image shared with another account. */
function region(): RegionSeed {
  return {
    appstream: [{ Name: 'Shared-Golden', _sharedWith: ['999988887777'] }],
    generate: { appstreamPrivate: 30, workspacesOwned: 20, fleets: 12, fleetImage: 'Image-00030' },
  };
}

export async function healthBench(put: (k: string, v: string | number) => void): Promise<void> {
  const regions = Object.fromEntries(REGIONS.map((r) => [r, region()]));
  const emu = new Emulator({
    scenario: {
      regions,
      accounts: KEYS.slice(1).map((k, i) => ({ accessKeyIds: [k], accountId: `11112222333${i}`, regions })),
    },
  });
  await emu.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-bench-health-'));
  fs.writeFileSync(
    path.join(dir, 'credentials'),
    PROFILES.map((p, i) => `[${p}]\naws_access_key_id = ${KEYS[i]}\naws_secret_access_key = x\n`).join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'config'), PROFILES.map((p) => `[profile ${p}]\nregion = us-east-1\n`).join('\n'));
  // The bench's own profile files are put back at the end: the parts after this one sign in with them.
  const before = {
    AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE,
    AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
  };
  Object.assign(process.env, {
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_ENDPOINT_URL: emu.url,
  });
  const settings = (): CloudImagesSettings => ({
    ...DEFAULT_SETTINGS,
    profile: PROFILES[0],
    profiles: PROFILES,
    regions: REGIONS,
  });
  const scope = new Scope(() => undefined, settings);
  const usage = new UsageIndex((profile) => scope.session(profile).api);
  const quiet = (): void => undefined;
  const ctx = {
    scope,
    usage,
    settings,
    searchCache: new SearchCache<ImageRecord>(),
    // No tree here: every list is read (or taken from what the last report kept).
    tree: { openedList: () => undefined },
    log: { info: quiet, warn: quiet, error: quiet, trace: quiet, debug: quiet },
  } as unknown as CommandContext;
  const places = PROFILES.flatMap((profile) => REGIONS.map((r) => ({ profile, region: r })));

  // Warm: the SDK loaded and each profile's credentials read, as after the first request of a session.
  await Promise.all(
    PROFILES.map((p) =>
      scope
        .session(p)
        .api.listPage({ profile: p, region: 'us-east-1', service: 'appstream', listType: 'PRIVATE' }, undefined, 1),
    ),
  );
  emu.latencyMs = 100;
  for (const run of ['cold', 'again']) {
    emu.clearLog();
    const t0 = performance.now();
    const report = await gatherHealth(ctx, places, 180, new AbortController().signal);
    const ms = performance.now() - t0;
    const ops = new Map<string, number>();
    for (const r of emu.log) ops.set(r.operation, (ops.get(r.operation) ?? 0) + 1);
    const attention = report.rows.filter((r) => r.reasons.length).length;
    put(
      `health report, 3 profiles × 4 regions, 100 ms latency, ${run}`,
      `${ms.toFixed(0)} ms, ${emu.log.length} requests, ${report.rows.length} images (${attention} need attention), ${report.gaps.length} gaps`,
    );
    put(
      `health report requests by operation, ${run}`,
      [...ops]
        .sort()
        .map(([op, n]) => `${op} ${n}`)
        .join(', '),
    );
  }
  for (const p of PROFILES) scope.session(p).dispose();
  await emu.stop();
  Object.assign(process.env, before);
  fs.rmSync(dir, { recursive: true, force: true });
}
