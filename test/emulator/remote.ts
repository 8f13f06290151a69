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
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir?: string,
  ) {}

  static async start(opts: { scenario: string | Scenario; latencyMs: number }): Promise<RemoteEmulator> {
    // A scenario given as an object goes to a file the endpoint reads (again on reset), removed on stop().
    const dir = typeof opts.scenario === 'string' ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'ci-emulator-'));
    const scenario = dir ? path.join(dir, 'scenario.json') : (opts.scenario as string);
    if (dir) fs.writeFileSync(scenario, JSON.stringify(opts.scenario));
    const child = spawn(
      process.execPath,
      [path.join(__dirname, 'main.js'), '--scenario', scenario, '--latency', String(opts.latencyMs)],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      },
    );
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
      return new RemoteEmulator(url, child, dir);
    } catch (e) {
      child.kill();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  private async control<T>(name: string): Promise<T> {
    const res = await fetch(`${this.url}/_emulator/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
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
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
