// What `npm test` (its pretest) and `npm start` (without `code` on PATH) need from the machine, beyond npm:
//   --browser      Debian's chromium: the headless browser that drives the workbench (integration, e2e)
//   --aws          the AWS CLI (Debian's awscli): the local endpoint's CLI conformance tests (unit tier)
//   --code-server  code-server in the git-ignored .vscode-test/ (scripts/setup-code-server.sh); installing it
//                  needs libkrb5-dev, ripgrep and a C++ toolchain, checked only while it is not installed yet
// No flag: all three, what `npm test` needs.
// Everything present: prints nothing and exits at once. Something missing: as root with apt-get, one line of
// what is installed and why, then apt-get; otherwise one line with the command to run and why, exit 1.
// CLOUD_IMAGES_CHECK_DEB=NAME also requires the Debian package NAME (exercises the missing path in tests of
// this script without uninstalling anything).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETUP = path.join(ROOT, 'scripts', 'setup-code-server.sh');

const flags = new Set(process.argv.slice(2));
for (const f of flags) {
  if (!['--browser', '--aws', '--code-server'].includes(f)) {
    console.error(`ensure-system: unknown argument ${f} (use --browser, --aws, --code-server)`);
    process.exit(2);
  }
}
const want = (f) => flags.size === 0 || flags.has(f);

const onPath = (cmd) =>
  (process.env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
const hasDpkg = onPath('dpkg');

// Debian packages installed ("install ok installed"), read with one dpkg call.
function installedDebs(names) {
  const r = spawnSync('dpkg', ['-s', ...names], { encoding: 'utf8' });
  const ok = new Set();
  for (const stanza of (r.stdout || '').split(/\n\s*\n/)) {
    const pkg = /^Package: (\S+)/m.exec(stanza)?.[1];
    if (pkg && /^Status: install ok installed/m.test(stanza)) ok.add(pkg);
  }
  return ok;
}

const codeServerInstalled = () => spawnSync('bash', [SETUP, '--check']).status === 0;

// Each need: the Debian package that provides it, why, and how to tell it is there without dpkg.
const needs = [];
if (want('--browser'))
  needs.push({
    deb: 'chromium',
    why: 'headless browser for the workbench tests',
    present: () => fs.existsSync('/usr/bin/chromium'),
  });
if (want('--aws'))
  needs.push({ deb: 'awscli', why: "AWS CLI for the endpoint's conformance tests", present: () => onPath('aws') });
const needCodeServer = want('--code-server') && !codeServerInstalled();
if (needCodeServer) {
  const why = 'to install code-server into .vscode-test/ offline';
  needs.push({ deb: 'libkrb5-dev', why, present: () => true /* no portable check; the install reports it */ });
  needs.push({ deb: 'ripgrep', why, present: () => onPath('rg') });
  for (const [deb, cmd] of [
    ['g++', 'g++'],
    ['make', 'make'],
    ['python3', 'python3'],
  ])
    needs.push({ deb, why, present: () => onPath(cmd) });
}
if (process.env.CLOUD_IMAGES_CHECK_DEB)
  needs.push({
    deb: process.env.CLOUD_IMAGES_CHECK_DEB,
    why: 'asked for by CLOUD_IMAGES_CHECK_DEB',
    present: () => false,
  });

// The aws CLI and the build tools count when they are on PATH, whatever installed them; the rest by dpkg.
const byCommand = new Set(['awscli', 'g++', 'make', 'python3']);
function missingNeeds() {
  const debs = hasDpkg ? installedDebs(needs.filter((n) => !byCommand.has(n.deb)).map((n) => n.deb)) : new Set();
  return needs.filter((n) => (hasDpkg && !byCommand.has(n.deb) ? !debs.has(n.deb) : !n.present()));
}

// "chromium: why; libkrb5-dev ripgrep: why" — packages that share a reason are named together.
function reasons(list) {
  const groups = new Map();
  for (const n of list) groups.set(n.why, [...(groups.get(n.why) || []), n.deb]);
  if (groups.size === 1) return [...groups.keys()][0];
  return [...groups].map(([why, debs]) => `${debs.join(' ')}: ${why}`).join('; ');
}

const missing = missingNeeds();
if (missing.length) {
  const names = missing.map((n) => n.deb).join(' ');
  const what = `Debian package${missing.length > 1 ? 's' : ''} ${names} (${reasons(missing)})`;
  const isRoot = process.getuid?.() === 0;
  if (!onPath('apt-get')) {
    console.error(`Cloud Images needs the equivalents of ${what}: install them with your system's package manager`);
    process.exit(1);
  }
  if (!isRoot) {
    const cmd = onPath('sudo') ? `run sudo apt-get install -y ${names}` : `as root, run apt-get install -y ${names}`;
    console.error(`Cloud Images needs ${what}: ${cmd}`);
    process.exit(1);
  }
  console.log(`Cloud Images: installing ${what}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing.map((n) => n.deb)],
  ]) {
    // apt-get's and dpkg's progress is shown only when it fails.
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout || ''}${r.stderr || ''}`.split('\n').slice(-30).join('\n'));
      console.error(
        `Cloud Images: apt-get ${args[0]} failed (exit ${r.status ?? r.signal}); install ${names} and run again`,
      );
      process.exit(1);
    }
  }
  const still = missingNeeds();
  if (still.length) {
    console.error(`Cloud Images: still missing after apt-get: ${still.map((n) => n.deb).join(' ')}`);
    process.exit(1);
  }
}

if (needCodeServer) {
  const r = spawnSync('bash', [SETUP], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
