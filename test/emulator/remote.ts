// The endpoint in a process of its own, driven over its HTTP controls (control.ts). For the benchmark in the
// extension host: an endpoint in the host's own process would take the CPU the extension is measured on, and
// AWS does not.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Scenario } from './scenario';
import type { LoggedRequest } from './server';

export class RemoteEmulator {
  private constructor(readonly url: string, private readonly child: ChildProcess) {}

  static async start(opts: { scenario: string | Scenario; latencyMs: number }): Promise<RemoteEmulator> {
    let scenario = opts.scenario;
    if (typeof scenario !== 'string') {
      const file = path.join(os.tmpdir(), `ci-emulator-scenario-${process.pid}-${Date.now()}.json`);
      fs.writeFileSync(file, JSON.stringify(scenario));
      scenario = file;
    }
    const child = spawn(process.execPath, [path.join(__dirname, 'main.js'), '--scenario', scenario, '--latency', String(opts.latencyMs)], {
      stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error('the endpoint did not print its URL within 20 s')), 20_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += String(d);
          if (out.includes('\n')) {
            clearTimeout(timer);
            resolve(out.split('\n')[0].trim());
          }
        });
        child.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the endpoint exited (${String(code)}) before it printed its URL`));
        });
      });
      return new RemoteEmulator(url, child);
    } catch (e) {
      child.kill();
      throw e;
    } finally {
      if (scenario !== opts.scenario) fs.rmSync(scenario, { force: true });
    }
  }

  private async control<T>(name: string): Promise<T> {
    const res = await fetch(`${this.url}/_emulator/${name}`, { method: 'POST', body: '{}' });
    if (!res.ok) throw new Error(`/_emulator/${name} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<T>;
  }

  log(): Promise<LoggedRequest[]> {
    return this.control('log');
  }

  async clearLog(): Promise<void> {
    await this.control('clear-log');
  }

  /** The most AWS requests answered at once since the log was last cleared. */
  async peakInFlight(): Promise<number> {
    return (await this.control<{ peak: number }>('peak-in-flight')).peak;
  }

  stop(): void {
    this.child.kill();
  }
}
