// Entry of the integration suite, with @vscode/test-electron's contract: run(): Promise<void>. It runs inside
// the real extension host; the local AWS endpoint is started in-process and the standard AWS configuration
// (throwaway config files, AWS_ENDPOINT_URL) points the extension's real SDK clients at it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { setUpAws, tearDownAws } from './env';

export async function run(): Promise<void> {
  // CLOUD_IMAGES_TEST_GREP runs only the tests whose titles match (a contributor's quick loop; CI runs all).
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60000,
    ...(process.env.CLOUD_IMAGES_TEST_GREP ? { grep: process.env.CLOUD_IMAGES_TEST_GREP } : {}),
  });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  await setUpAws();
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const runner = mocha.run((failures) => {
        console.log(`${passed.length} passed, ${failures} failed`);
        const results = process.env.CLOUD_IMAGES_TEST_RESULTS;
        if (results) fs.writeFileSync(results, JSON.stringify({ passed, failed }, null, 2));
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
      runner.on('pass', (t) => passed.push(t.fullTitle()));
      runner.on('fail', (t, err) => {
        failed.push({ title: t.fullTitle(), error: String((err as Error)?.stack ?? err) });
        console.error(`FAIL ${t.fullTitle()}: ${String((err as Error)?.stack ?? err)}`);
      });
    });
  } finally {
    await tearDownAws();
  }
}
