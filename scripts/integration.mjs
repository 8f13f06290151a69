// Runs a mocha suite (a module exporting run(): Promise<void>) inside a real VS Code extension host:
//  1. desktop VS Code through @vscode/test-electron where it can be downloaded;
//  2. otherwise (offline machines, CI) code-server's Node extension host driven by headless Chromium.
// VSCODE_TEST_BACKEND=electron|code-server forces one. A hang is a failure: hard timeout, exit 124.
// Usage: node scripts/integration.mjs [suite dir, default out/test/integration]
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extensionDevelopmentPath = root;
const extensionTestsPath = path.resolve(process.argv[2] || path.join(root, 'out', 'test', 'integration'));
const backend = process.env.VSCODE_TEST_BACKEND || 'auto';
const timeoutSeconds = process.env.TEST_TIMEOUT || '600';

async function tryElectron() {
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: '1.100.3',
      cachePath: path.join(root, '.vscode-test'),
    });
  } catch (e) {
    if (backend === 'electron') throw e;
    console.log(`[integration] desktop VS Code unavailable (${(e && e.message) || e}); using code-server`);
    return null;
  }
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv: env,
    launchArgs: ['--disable-extensions'],
  });
}

let code = null;
if (backend !== 'code-server') {
  try {
    code = await tryElectron();
  } catch (e) {
    console.error('[integration] electron backend failed:', e);
    code = 1;
  }
}
if (code === null) {
  const setup = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'ensure-system.mjs'), '--browser', '--code-server'],
    { stdio: 'inherit' },
  );
  if (setup.status !== 0) process.exit(setup.status ?? 1);
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'scripts', 'vscode-offline', 'run-ext-tests.mjs'),
      '--extensionDevelopmentPath',
      extensionDevelopmentPath,
      '--extensionTestsPath',
      extensionTestsPath,
      '--timeout',
      timeoutSeconds,
    ],
    { stdio: 'inherit' },
  );
  code = r.status ?? 1;
}
process.exit(code);
