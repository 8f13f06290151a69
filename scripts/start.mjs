// `npm start`: try Cloud Images without an AWS account. Builds the extension, starts the local AppStream /
// WorkSpaces endpoint with the demo scenario, and opens the extension against it: VS Code desktop when `code`
// is on PATH, else code-server on 127.0.0.1 (the URL is printed). Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startEndpoint, throwawayAws, writeUserSettings } from './demo-env.mjs';
import { freePort, mkFresh, startCodeServer, stopCodeServer } from './vscode-offline/lib.mjs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// Without `code` the demo runs in code-server: check (or, as root, install) what that needs before building.
const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
const useCode = hasCode && !process.env.CLOUD_IMAGES_DEMO_CODE_SERVER;
if (!useCode) run(process.execPath, [path.join(ROOT, 'scripts', 'ensure-system.mjs'), '--code-server']);
run('npm', ['run', '--silent', 'build']);
run('npm', ['run', '--silent', 'compile-tests']);

const emu = await startEndpoint({ scenario: 'demo' });
const aws = throwawayAws(emu.url);
console.log(`local AppStream/WorkSpaces endpoint: ${emu.url} (scenario "demo")`);

const stops = [];
if (useCode) {
  const userDataDir = path.join(aws.dir, 'user-data');
  writeUserSettings(userDataDir, { 'cloudImages.profile': 'demo' });
  const code = spawn(
    'code',
    ['--new-window', '--wait', `--user-data-dir=${userDataDir}`, `--extensionDevelopmentPath=${ROOT}`, ROOT],
    { env: { ...process.env, ...aws.env }, stdio: 'inherit' },
  );
  stops.push(async () => code.kill());
  code.on('exit', () => shutdown());
  console.log('opened VS Code with Cloud Images; close that window or press Ctrl-C to stop.');
} else {
  const base = mkFresh('demo-');
  const userDataDir = path.join(base, 'user-data');
  writeUserSettings(userDataDir, { 'cloudImages.profile': 'demo' });
  const port = Number(process.env.PORT) || (await freePort());
  const server = await startCodeServer({
    base,
    port,
    userDataDir,
    extensionsDir: path.join(base, 'extensions'),
    env: aws.env,
  });
  stops.push(() => stopCodeServer(server.proc));
  const workspace = path.join(base, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`],
    ['skipWelcome', 'true'],
  ];
  console.log(
    `\nCloud Images is running in code-server. Open:\n\n  ${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}\n`,
  );
  console.log('Press Ctrl-C to stop.');
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const s of stops) await s().catch(() => {});
  await emu.stop();
  aws.cleanup();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
