// A throwaway AWS configuration for the demo and the end-to-end tests: a profile with fake keys and the local
// endpoint in AWS_ENDPOINT_URL. Nothing touches the user's own ~/.aws.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export async function startEndpoint(opts) {
  const { Emulator } = require(path.join(ROOT, 'out', 'test', 'emulator', 'server.js'));
  const emu = new Emulator(opts);
  await emu.start();
  return emu;
}

export function throwawayAws(endpoint) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-images-demo-'));
  // demo-prod signs in as a second account (the scenarios give its key images of their own).
  fs.writeFileSync(
    path.join(dir, 'config'),
    '[profile demo]\nregion = us-east-1\n\n[profile demo-west]\nregion = us-west-2\n\n[profile demo-prod]\nregion = us-east-1\n',
  );
  fs.writeFileSync(
    path.join(dir, 'credentials'),
    [
      '[demo]\naws_access_key_id = AKIADEMO000000000000\naws_secret_access_key = demo\n',
      '[demo-west]\naws_access_key_id = AKIADEMOWEST00000000\naws_secret_access_key = demo\n',
      '[demo-prod]\naws_access_key_id = AKIAPRODACCOUNT00000\naws_secret_access_key = demo\n',
    ].join('\n'),
  );
  return {
    dir,
    env: {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_ENDPOINT_URL: endpoint,
      AWS_PROFILE: 'demo',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeUserSettings(userDataDir, extra = {}) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'workbench.enableExperiments': false,
        'git.enabled': false,
        'cloudImages.regions': ['us-east-1', 'us-west-2', 'eu-central-1'],
        ...extra,
      },
      null,
      2,
    ),
  );
}
