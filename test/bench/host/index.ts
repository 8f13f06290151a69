// Benchmark inside a real extension host: activation time, and time from opening the view to the first image
// row with 100 ms endpoint latency. Writes its figures to CLOUD_IMAGES_BENCH_OUT.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RemoteEmulator } from '../../emulator/remote';
import type { CloudImagesApi } from '../../../src/extension';
import { accountFigures } from './accounts';

export async function run(): Promise<void> {
  // The endpoint runs in its own process, as AWS does: in this one it would take the CPU being measured.
  const emu = await RemoteEmulator.start({ scenario: 'default', latencyMs: 100 });
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-bench-host-'));
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      '[bench]\naws_access_key_id = AKIABENCH00000000000\naws_secret_access_key = x\n',
    );
    fs.writeFileSync(path.join(dir, 'config'), '[profile bench]\nregion = us-east-1\n');
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_ENDPOINT_URL: emu.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    await vscode.workspace
      .getConfiguration('cloudImages')
      .update('profile', 'bench', vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('cloudImages')
      .update('regions', ['us-east-1'], vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<CloudImagesApi>('cloud-images.cloud-images')!;
    const t0 = performance.now();
    const a = await ext.activate();
    const activation = performance.now() - t0;

    const t1 = performance.now();
    await vscode.commands.executeCommand('cloudImages.images.focus');
    const [region] = await a.ctx.tree.getChildren();
    const [service] = await a.ctx.tree.getChildren(region);
    const [type] = await a.ctx.tree.getChildren(service);
    const images = await a.ctx.tree.getChildren(type);
    const firstRow = performance.now() - t1;

    const figures = {
      'activation time in the extension host': `${activation.toFixed(0)} ms`,
      'open view to first image row, 100 ms endpoint latency (includes SDK load)': `${firstRow.toFixed(0)} ms (${images.length} rows, ${(await emu.log()).length} request)`,
    };
    await vscode.commands.executeCommand('cloudImages.refresh');
    const t2 = performance.now();
    const [r2] = await a.ctx.tree.getChildren();
    const [s2] = await a.ctx.tree.getChildren(r2);
    const [ty2] = await a.ctx.tree.getChildren(s2);
    await a.ctx.tree.getChildren(ty2);
    Object.assign(figures, {
      'refresh to first image row, 100 ms endpoint latency (warm)': `${(performance.now() - t2).toFixed(0)} ms`,
    });

    // As a user clicks: the view is open (the SDK loads meanwhile), a second later the first expansion.
    await vscode.commands.executeCommand('cloudImages.refresh');
    const [r3] = await a.ctx.tree.getChildren();
    await new Promise((r) => setTimeout(r, 1000));
    await emu.clearLog();
    const t3 = performance.now();
    const [s3] = await a.ctx.tree.getChildren(r3);
    const [ty3] = await a.ctx.tree.getChildren(s3);
    await a.ctx.tree.getChildren(ty3);
    Object.assign(figures, {
      'a second after the view opens, expand to first image row (100 ms latency)': `${(performance.now() - t3).toFixed(0)} ms (goal: within 1.3 × one round trip)`,
    });
    Object.assign(figures, await accountFigures(a, dir));
    fs.writeFileSync(process.env.CLOUD_IMAGES_BENCH_OUT ?? path.join(dir, 'bench.json'), JSON.stringify(figures));
  } finally {
    emu.stop();
  }
}
