// The AWS side of the integration suite: the local endpoint and a throwaway shared config, reached by the
// extension only through the standard AWS configuration (no test hook in the extension).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Emulator } from '../emulator/server';
import type { CloudImagesApi } from '../../src/extension';
import { GlobalStateKeys } from '../../src/platform/ids';

export const EXTENSION_ID = 'cloud-images.cloud-images';
export let emulator: Emulator;
let dir: string;

export const PROFILES = {
  main: 'demo',
  other: 'other',
  expired: 'expired',
  /** A third account (the endpoint gives its key its own images). */
  prod: 'prod',
};

export async function setUpAws(): Promise<void> {
  emulator = new Emulator({ scenario: 'default', copyDelayMs: 1500, deleteDelayMs: 300 });
  await emulator.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-images-aws-'));
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  fs.writeFileSync(
    config,
    [
      `[profile ${PROFILES.main}]`,
      'region = us-east-1',
      '',
      `[profile ${PROFILES.other}]`,
      'region = us-west-2',
      '',
      `[profile ${PROFILES.expired}]`,
      'region = us-east-1',
      '',
      `[profile ${PROFILES.prod}]`,
      'region = eu-west-1',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    credentials,
    [
      `[${PROFILES.main}]`,
      'aws_access_key_id = AKIADEMOPROFILE00000',
      'aws_secret_access_key = demo-secret',
      '',
      `[${PROFILES.other}]`,
      'aws_access_key_id = AKIAOTHERPROFILE0000',
      'aws_secret_access_key = other-secret',
      '',
      `[${PROFILES.expired}]`,
      'aws_access_key_id = AKIAEXPIREDSESSION00',
      'aws_secret_access_key = expired-secret',
      '',
      `[${PROFILES.prod}]`,
      'aws_access_key_id = AKIAPRODACCOUNT00000',
      'aws_secret_access_key = prod-secret',
      '',
    ].join('\n'),
  );
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_ENDPOINT_URL: emulator.url,
    // Skip the EC2 metadata service probe of the credential chain: there is no instance here.
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  await vscode.workspace
    .getConfiguration('cloudImages')
    .update('profile', PROFILES.main, vscode.ConfigurationTarget.Global);
  await vscode.workspace
    .getConfiguration('cloudImages')
    .update('regions', ['us-east-1', 'us-west-2'], vscode.ConfigurationTarget.Global);
}

export async function tearDownAws(): Promise<void> {
  await emulator?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

export async function api(): Promise<CloudImagesApi> {
  const ext = vscode.extensions.getExtension<CloudImagesApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('cloudImages').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Waits until `check` returns a value (not undefined/false), polling; fails with `what` after `ms`. */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 15000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Collapses and hides the real view, so the workbench does not re-read expanded nodes behind a test's back
 * when the tree refreshes (request counts stay exact).
 */
export async function quietView(): Promise<void> {
  // The collapse command exists once the view has been shown.
  await vscode.commands
    .executeCommand('workbench.actions.treeView.cloudImages.images.collapseAll')
    .then(undefined, () => undefined);
  await vscode.commands.executeCommand('workbench.view.explorer');
}

/**
 * Each test starts from a quiet view, an empty request log, no faults, and a tree that holds no pages, with
 * copies that stay in flight until a test settles them. Returns the extension's API.
 */
export async function freshStart(): Promise<CloudImagesApi> {
  const a = await api();
  await quietView();
  emulator.clearLog();
  emulator.clearFaults();
  emulator.world.copyDelayMs = 600_000;
  a.ctx.refreshes.all('user');
  await forgetTrackedCopies(a);
  return a;
}

/** Lets AWS finish every copy still tracked from earlier tests, and forgets them. */
export async function finishTrackedCopies(a: CloudImagesApi): Promise<void> {
  emulator.world.settleAll();
  await a.ctx.tracker.tick();
  a.ctx.tracker.clearFinished();
}

/** No copy tracked by an earlier test (in flight or not), and no poll lease: the tracker starts empty. */
export async function forgetTrackedCopies(a: CloudImagesApi): Promise<void> {
  await a.ctx.tracker.flushed();
  for (const key of a.jobStore.keys()) {
    if (key.startsWith(GlobalStateKeys.copies)) await a.jobStore.update(key, undefined);
  }
  a.ctx.tracker.clearFinished();
}
