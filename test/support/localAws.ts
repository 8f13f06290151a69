// The local endpoint and a clean AWS environment for unit tests: one place that starts the endpoint, writes the
// shared config and credentials files, and puts process.env back afterwards, so no test sees another's profiles.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../emulator/server';

/** A started endpoint (the default scenario unless told). */
export async function startEndpoint(opts: EmulatorOptions = { scenario: 'default' }): Promise<Emulator> {
  const emu = new Emulator(opts);
  await emu.start();
  return emu;
}

export interface AwsFiles {
  /** Lines of the shared config file, and of the credentials file; absent: no such file. */
  config?: readonly string[];
  credentials?: readonly string[];
  /** Variables set after every AWS_ variable was cleared. */
  env?: Record<string, string>;
}

export interface IsolatedAws {
  /** The folder holding the files (for others a test writes beside them). */
  readonly dir: string;
  /** Removes the files and restores process.env as it was. */
  restore(): void;
}

/** Clears every AWS_ variable, writes the files given and points AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at them. */
export function isolatedAws(files: AwsFiles = {}): IsolatedAws {
  const saved = { ...process.env };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-aws-'));
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  for (const [name, lines, variable] of [
    ['config', files.config, 'AWS_CONFIG_FILE'],
    ['credentials', files.credentials, 'AWS_SHARED_CREDENTIALS_FILE'],
  ] as const) {
    if (!lines) continue;
    fs.writeFileSync(path.join(dir, name), lines.join('\n'));
    process.env[variable] = path.join(dir, name);
  }
  Object.assign(process.env, files.env ?? {});
  return {
    dir,
    restore: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    },
  };
}

/** Environment keys for the endpoint, with no profile: what most tests of the SDK path need. */
export const endpointKeys = (emu: Emulator, accessKeyId = 'AKIASDKTEST000000000'): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: accessKeyId,
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_ENDPOINT_URL: emu.url,
});
