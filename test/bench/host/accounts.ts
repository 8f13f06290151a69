// Figures of the accounts and clean-up features, measured in the real extension host the way a user drives
// them: Find across 3 profiles × 4 regions × 5 list types, a second Find, "Used by" for 200 images of one
// region, and Find Unused Images over 3 regions, all with 100 ms endpoint latency.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RemoteEmulator } from '../../emulator/remote';
import type { RegionSeed, Scenario } from '../../emulator/scenario';
import { ScriptedPrompts } from '../../support/prompts';
import type { CloudImagesApi } from '../../../src/extension';
import type { SearchOptions } from '../../../src/platform/prompts';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
const KEYS = { a: 'AKIABENCHACCOUNTA000', b: 'AKIABENCHACCOUNTB000', c: 'AKIABENCHACCOUNTC000' };

function region(i: number, big = false): RegionSeed {
  return {
    appstream: [
      { Name: `Golden-${i}`, CreatedTime: '2026-01-01T00:00:00Z' },
      { Name: `Golden-${i}-2026-06`, CreatedTime: '2026-06-01T00:00:00Z' },
    ],
    workspaces: [{ ImageId: `wsi-bench0000${i}`, Name: `WS-Golden-${i}`, Created: '2026-02-01T00:00:00Z' }],
    generate: { appstreamPublic: 30, ...(big ? { appstreamPrivate: 198 } : {}) },
  };
}

function scenario(): Scenario {
  const regions = (offset: number, bigIn?: string): Record<string, RegionSeed> =>
    Object.fromEntries(REGIONS.map((r, i) => [r, region(offset + i, r === bigIn)]));
  return {
    accountId: '111111111111',
    regions: regions(0, 'us-east-1'),
    accounts: [
      { accessKeyIds: [KEYS.b], accountId: '222222222222', regions: regions(10) },
      { accessKeyIds: [KEYS.c], accountId: '333333333333', regions: regions(20) },
    ],
  };
}

/** The scripted quick pick, timing the search itself (apart from revealing the image chosen afterwards). */
class TimedSearch extends ScriptedPrompts {
  searchMs = 0;

  override search<T>(opts: SearchOptions<T>): Promise<T | undefined> {
    const t = performance.now();
    return super.search({
      ...opts,
      run: async (...args) => {
        try {
          return await opts.run(...args);
        } finally {
          this.searchMs = performance.now() - t;
        }
      },
    });
  }
}

const ms = (t: number): string => `${(performance.now() - t).toFixed(0)} ms`;

export async function accountFigures(a: CloudImagesApi, dir: string): Promise<Record<string, string>> {
  const emu = await RemoteEmulator.start({ scenario: scenario(), latencyMs: 100 });
  const config = vscode.workspace.getConfiguration('cloudImages');
  const figures: Record<string, string> = {};
  try {
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      Object.entries(KEYS)
        .map(([p, k]) => `[bench-${p}]\naws_access_key_id = ${k}\naws_secret_access_key = x\n`)
        .join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'config'),
      Object.keys(KEYS)
        .map((p) => `[profile bench-${p}]\nregion = us-east-1\n`)
        .join('\n'),
    );
    process.env.AWS_ENDPOINT_URL = emu.url;
    await config.update('regions', REGIONS, vscode.ConfigurationTarget.Global);
    await config.update(
      'profiles',
      Object.keys(KEYS).map((p) => `bench-${p}`),
      vscode.ConfigurationTarget.Global,
    );
    await a.globalState.update('cloudImages.findIncludesPublic', true);
    await vscode.commands.executeCommand('cloudImages.refresh');
    // Warm: the SDK, credentials and a connection per profile (what an open view has already).
    for (const p of Object.keys(KEYS)) {
      await a.ctx.scope
        .session(`bench-${p}`)
        .api.describe('appstream', 'us-east-1', ['Golden-0'])
        .catch(() => undefined);
    }
    await emu.clearLog();
    const timed = new TimedSearch([{ search: 'Image-00198' }]);
    a.ctx.prompts = timed;
    let t = performance.now();
    await vscode.commands.executeCommand('cloudImages.findImage', 'Image-00198');
    const lists = 3 * 4 * 5;
    figures[
      `Find across 3 profiles × 4 regions × 5 list types (${lists} lists, one of 8 pages), 100 ms latency: time`
    ] =
      `${timed.searchMs.toFixed(0)} ms to search every list (goal: within 1.3 × 8 pages × 100 ms = 1040 ms); ${ms(t)} with revealing the image chosen`;
    figures['… requests (each page once) / peak requests in flight'] =
      `${(await emu.log()).length} / ${await emu.peakInFlight()}`;
    await emu.clearLog();
    a.ctx.prompts = new ScriptedPrompts([{ search: 'Image-00198' }]);
    t = performance.now();
    await vscode.commands.executeCommand('cloudImages.findImage', 'Image-00198');
    let took = ms(t);
    figures['a second Find within the reuse window: requests / time'] = `${(await emu.log()).length} / ${took}`;

    // "Used by" for 200 images of one region: the listings only, not one request per image.
    await config.update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await config.update('profile', 'bench-a', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('cloudImages.refresh');
    const records = [];
    for await (const page of a.ctx.scope
      .session('bench-a')
      .api.pages({ profile: 'bench-a', region: 'us-east-1', service: 'appstream', listType: 'PRIVATE' }, 25)) {
      records.push(...page);
    }
    await emu.clearLog();
    t = performance.now();
    await Promise.all(records.map((r) => a.ctx.usage.users(r)));
    took = ms(t);
    const log = await emu.log();
    figures[`Used by for ${records.length} images in one region: requests / time`] =
      `${log.length} (${[...new Set(log.map((r) => r.operation))].join(', ')}) / ${took}`;

    // Find Unused Images over 3 regions, side by side.
    await config.update('regions', REGIONS.slice(1), vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('cloudImages.refresh');
    await emu.clearLog();
    a.ctx.prompts = new ScriptedPrompts([{ pick: 'All selected regions' }, { input: ['30'] }, 'escape']);
    t = performance.now();
    await vscode.commands.executeCommand('cloudImages.findUnusedImages');
    took = ms(t);
    figures['Find Unused Images over 3 regions, 100 ms latency: requests / time'] =
      `${(await emu.log()).length} / ${took} (regions in parallel; one region alone is about 2 round trips)`;
  } finally {
    await config.update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await config.update('regions', ['us-east-1'], vscode.ConfigurationTarget.Global);
    await config.update('profile', 'bench', vscode.ConfigurationTarget.Global);
    emu.stop();
  }
  return figures;
}
