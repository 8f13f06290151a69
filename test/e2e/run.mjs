// End-to-end tests: the packaged .vsix installed into code-server, the local endpoint behind the standard AWS
// configuration, and the real workbench driven in headless Chromium. Each step checks what is on screen and
// what the endpoint received. Screenshots are kept in test-artifacts/e2e; with --update-readme-pictures the
// README's pictures in media/ are refreshed from them.
import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startEndpoint, throwawayAws, writeUserSettings } from '../../scripts/demo-env.mjs';
import {
  freePort,
  mkFresh,
  runCodeServerCli,
  csEnv,
  startCodeServer,
  stopCodeServer,
  launchChromium,
} from '../../scripts/vscode-offline/lib.mjs';
import { Workbench } from './workbench.mjs';
import { lifecycleSteps } from './lifecycle.mjs';

const TIMEOUT_MS = 8 * 60_000;
const updatePictures = process.argv.includes('--update-readme-pictures');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const vsix = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const shotsDir = path.join(ROOT, 'test-artifacts', 'e2e');
fs.rmSync(shotsDir, { recursive: true, force: true });

const steps = [];
let passed = 0;
let failed = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`  ✖ ${name}\n${e.stack ?? e}`);
    throw e;
  } finally {
    steps.push(name);
  }
}

/** One picture of two windows' screenshots side by side (drawn in a scratch page), for the record. */
async function sideBySide(name, files) {
  const scratch = await ctx.newPage();
  try {
    await scratch.setViewportSize({ width: 1400, height: 470 });
    const imgs = files
      .map((f) => `<img src="data:image/png;base64,${fs.readFileSync(f).toString('base64')}">`)
      .join('');
    await scratch.setContent(
      `<body style="margin:0;display:flex;gap:10px;background:#888">${imgs}</body><style>img{width:695px}</style>`,
    );
    await scratch.screenshot({ path: path.join(shotsDir, `${name}.png`) });
  } finally {
    await scratch.close();
  }
}

/**
 * A request of the step's own, not the background's: the tracker's looks by name, and the tag read of a tooltip
 * (the pointer may rest on a row just clicked) are not.
 */
const asked = (r) => !r.params.Names && r.operation !== 'ListTagsForResource';

/** Ends the endpoint's copy of `name` into `region` now; its other copies go on. */
function settleCopy(region, name) {
  const copy = emu.world.region(region).appstream.get(name);
  assert.ok(copy?.transition, `no copy of ${name} in flight in ${region}`);
  copy.transition.at = 0;
}

const hardStop = setTimeout(() => {
  console.error(`e2e: timed out after ${TIMEOUT_MS / 1000} s`);
  process.exit(124);
}, TIMEOUT_MS);

let server, ctx, emu, aws;
try {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package`);
  emu = await startEndpoint({ scenario: 'default', copyDelayMs: 6000, deleteDelayMs: 2000 });
  aws = throwawayAws(emu.url);
  const base = mkFresh('e2e-');
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  writeUserSettings(userDataDir, {
    'cloudImages.profile': 'demo',
    'cloudImages.regions': ['us-east-1', 'us-west-2'],
    'cloudImages.pollIntervalSeconds': 5,
  });
  const inst = await runCodeServerCli(
    ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    csEnv(base),
  );
  if (inst.code !== 0) throw new Error(`install-extension failed: ${inst.out}`);
  console.log(`installed ${path.basename(vsix)} into code-server`);
  const port = await freePort();
  server = await startCodeServer({ base, port, userDataDir, extensionsDir, env: aws.env });
  ctx = await launchChromium(base, { width: 1400, height: 900 });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const wb = new Workbench(page, shotsDir);
  const workspace = path.join(base, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });

  console.log('e2e: Cloud Images in a real workbench');
  await step('open the Cloud Images view: regions, no request', async () => {
    await page.locator('.activitybar [aria-label^="Cloud Images"]').first().click();
    await wb.row('US East (N. Virginia) us-east-1').waitFor({ timeout: 60000 });
    await wb.row('US West (Oregon) us-west-2').waitFor();
    assert.strictEqual(emu.log.length, 0);
    // A wider side bar, as a user would drag it, so that rows and descriptions read in full.
    const sashes = await page.locator('.monaco-sash.vertical').all();
    let box = null;
    for (const s of sashes) {
      const b = await s.boundingBox();
      if (b && b.x > 300 && b.x < 400 && b.height > 400) box = b;
    }
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(620, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    await wb.shot('view');
  });

  await step('expand a region, a service and a type: one request, one page', async () => {
    await wb.expand('US East (N. Virginia) us-east-1');
    await wb.expand('AppStream 2.0');
    await wb.expand('Private');
    await wb.row('Finance-Win2022').waitFor({ timeout: 30000 });
    await wb.row('Load more…').waitFor();
    assert.deepStrictEqual(
      emu.log.map((r) => [r.operation, r.params]),
      [['DescribeImages', { Type: 'PRIVATE', MaxResults: 25 }]],
    );
    await wb.shot('expanded');
  });

  await step('read a tooltip', async () => {
    await wb.row('Finance-Win2022').hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'ARN' }).first();
    await hover.waitFor({ timeout: 15000 });
    const text = await hover.innerText();
    assert.match(text, /ARN: arn:aws:appstream:us-east-1:123456789012:image\/Finance-Win2022/);
    assert.match(text, /Platform: WINDOWS_SERVER_2022/);
    await wb.shot('tooltip');
    await page.mouse.move(700, 850);
  });

  await step('load more: the next page, once', async () => {
    await wb.row('Load more…').click();
    await page.waitForFunction(
      () => ![...document.querySelectorAll('.monaco-list-row')].some((e) => e.textContent.includes('Load more')),
      null,
      { timeout: 30000 },
    );
    // (The tooltip of the step before read the image's tags: one ListTagsForResource, not a listing.)
    const listings = emu.requests({ operation: 'DescribeImages' });
    assert.strictEqual(listings.length, 2);
    assert.ok(listings[1].params.NextToken);
  });

  await step('copy an image from the context menu: an invalid name is explained, a valid one is sent', async () => {
    emu.clearLog();
    await wb.contextMenu('Finance-Win2022', 'Copy Image…');
    await wb.quickInput.waitFor();
    await wb.typeInto('us-west-2');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'us-west-2' }).first().click();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor();
    await page.waitForFunction(
      () => document.querySelector('.quick-input-widget .quick-input-box input')?.value === 'Finance-Win2022-copy',
    );
    await wb.typeInto('bad name!');
    // The message follows each keystroke: wait for the one of the whole text.
    const expected = 'Not allowed in an AppStream image name: space, "!". Use letters, digits, "_", "." and "-".';
    await page
      .waitForFunction(
        (t) => document.querySelector('.quick-input-widget .quick-input-message')?.textContent?.trim() === t,
        expected,
        { timeout: 10000 },
      )
      .catch(() => undefined);
    assert.strictEqual(await wb.quickInputMessage(), expected);
    await wb.shot('copy-invalid-name');
    await wb.typeInto('Finance-Win2022-E2E');
    await page.keyboard.press('Enter');
    // Description (carried over), then the tag question.
    await page.waitForFunction(
      () =>
        document.querySelector('.quick-input-widget .quick-input-box input')?.value ===
        'Finance apps on Windows Server 2022',
    );
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Copy 2 tags' }).first().waitFor();
    await page.keyboard.press('Enter');
    const copy = await (async () => {
      for (let i = 0; i < 100; i++) {
        const c = emu.requests({ operation: 'CopyImage' });
        if (c.length) return c[0];
        await page.waitForTimeout(100);
      }
      throw new Error('no CopyImage request');
    })();
    assert.deepStrictEqual(copy.params, {
      SourceImageName: 'Finance-Win2022',
      DestinationRegion: 'us-west-2',
      DestinationImageName: 'Finance-Win2022-E2E',
      DestinationImageDescription: 'Finance apps on Windows Server 2022',
    });
    assert.strictEqual(copy.region, 'us-east-1');
  });

  await step('watch the status bar through the copy to the notification', async () => {
    await wb.statusBar('1 image copy');
    await wb.shot('copy-in-progress');
    const done = await wb.notification('Image copy done', 60000);
    assert.strictEqual(done, 'Image copy done: Finance-Win2022-E2E is available in us-west-2.');
    // Done and nothing to look at: the status-bar item leaves (the copy stays in Show Copy Progress).
    await wb.statusBarGone('1 image copy');
    await wb.shot('copy-done');
    const polls = emu.requests({ operation: 'DescribeImages', region: 'us-west-2' }).filter((r) => r.params.Names);
    assert.ok(polls.length >= 1 && polls.length <= 3, `${polls.length} polls`);
    assert.strictEqual(emu.requests({ operation: 'TagResource' }).length, 1);
    await page.keyboard.press('Escape');
  });

  await step('delete an image through the confirmation', async () => {
    emu.clearLog();
    await wb.contextMenu('Image-00001', 'Delete Image…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete the image Image-00001 from us-east-1\?/);
    assert.match(await dialog.innerText(), /cannot be undone/);
    await wb.shot('delete-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.monaco-list-row')].some(
          (e) => e.textContent.includes('Image-00001') && e.textContent.includes('Deleting'),
        ),
      null,
      { timeout: 15000 },
    );
    // What uses the region's images is listed first (once; later deletes reuse it), then the delete.
    assert.deepStrictEqual(
      emu.log.map((r) => r.operation),
      ['DescribeFleets', 'DescribeFleets', 'DescribeImageBuilders', 'DeleteImage'],
    );
    assert.deepStrictEqual(emu.log.at(-1).params, { Name: 'Image-00001' });
  });

  await step('an image in use: not sent to AWS, and what to do in words', async () => {
    emu.clearLog();
    await wb.contextMenu('Engineering-Linux', 'Delete Image…');
    const msg = await wb.notification('Not deleted: Engineering-Linux');
    assert.strictEqual(
      msg,
      'Not deleted: Engineering-Linux is used by fleet engineering-fleet: give the fleet another image (or delete the fleet), then delete the image.',
    );
    assert.deepStrictEqual(emu.log, [], 'no question, no request: the usage listing is kept');
    await wb.shot('delete-in-use');
  });

  await step('delete from the command palette: pick region, service, and an image on the second page', async () => {
    emu.clearLog();
    await page.keyboard.press('F1');
    await wb.typeInto('>Cloud Images: Delete Image');
    // "Delete Image Builder…" matches too: the image's command is chosen by its whole title.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Delete Image…' }).first().click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'us-east-1' }).first().waitFor();
    await wb.typeInto('us-east-1');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'AppStream 2.0' }).first().waitFor();
    await wb.typeInto('AppStream');
    await page.keyboard.press('Enter');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Broken-Build' })
      .first()
      .waitFor({ timeout: 15000 });
    await wb.typeInto('Image-00030');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Load more' })
      .first()
      .waitFor({ timeout: 15000 });
    // Not on the first page: only "Load more…" is left; Enter fetches the next page.
    await page.keyboard.press('Enter');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Image-00030' })
      .first()
      .waitFor({ timeout: 15000 });
    await wb.shot('palette-load-more');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Image-00030' }).first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete the image Image-00030 from us-east-1\?/);
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    for (let i = 0; i < 100 && !emu.requests({ operation: 'DeleteImage' }).length; i++) await page.waitForTimeout(100);
    // The refresher's look at Image-00001 (still deleting) may fall in this step: it is not the palette's; nor is
    // the tag read of a tooltip (the pointer rests on the tree row right-clicked in the step before).
    const palette = emu.log.filter(asked);
    assert.deepStrictEqual(
      palette.map((r) => [r.operation, r.params.NextToken ? 'next page' : (r.params.Type ?? r.params.Name)]),
      [
        ['DescribeImages', 'PRIVATE'],
        ['DescribeImages', 'next page'],
        ['DeleteImage', 'Image-00030'],
      ],
    );
  });

  await step('a deleted image leaves the tree once AWS has removed it, without a manual refresh', async () => {
    await page.waitForFunction(
      () => ![...document.querySelectorAll('.monaco-list-row')].some((e) => e.textContent.includes('Image-00001')),
      null,
      { timeout: 30000 },
    );
    const batched = emu
      .requests({ operation: 'DescribeImages' })
      .filter((r) => Array.isArray(r.params.Names) && r.params.Names.includes('Image-00001'));
    assert.ok(batched.length >= 1, 'the refresher asked AWS about the image in transition');
  });

  await step('switch the region selection', async () => {
    await page
      .locator(
        '.pane-header .action-label[aria-label^="Select Regions"], .title-actions .action-label[aria-label^="Select Regions"]',
      )
      .first()
      .click();
    await wb.quickInput.waitFor();
    await wb.typeInto('eu-west-1');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'eu-west-1' }).first().click();
    await page.keyboard.press('Enter');
    await wb.row('Europe (Ireland) eu-west-1').waitFor({ timeout: 15000 });
    assert.deepStrictEqual((await wb.rowTexts()).filter((t) => /^(US|Europe)/.test(t)).length >= 3, true);
    await wb.shot('regions');
  });

  await step('Select Profiles: two accounts side by side, each with its own regions', async () => {
    await wb.command('Cloud Images: Select Profiles…');
    await wb.quickInput.waitFor();
    await wb.typeInto('demo-prod');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'demo-prod' }).first().click();
    await page.keyboard.press('Enter');
    await wb.row('demo-prod').waitFor({ timeout: 15000 });
    await wb.row('demo').waitFor();
    await wb.expand('demo-prod');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.monaco-list-row[aria-level="2"]')].some((e) =>
        e.textContent.includes('us-east-1'),
      ),
    );
    await wb.shot('profiles');
  });

  await step('Find Image searches both accounts and reveals an image of the second one', async () => {
    emu.clearLog();
    await wb.command('Cloud Images: Find Image…');
    await wb.typeInto('Prod-Finance');
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Prod-Finance-2026-11' }).first();
    await item.waitFor({ timeout: 20000 });
    await wb.shot('find-accounts');
    await item.click();
    await page
      .locator('.monaco-list-row[role="treeitem"].selected', { hasText: 'Prod-Finance-2026-11' })
      .waitFor({ timeout: 15000 });
    const keys = new Set(emu.log.map((r) => r.accessKeyId));
    assert.ok(
      keys.has('AKIADEMO000000000000') && keys.has('AKIAPRODACCOUNT00000'),
      `searched with ${[...keys].join(', ')}`,
    );
    // The prod row says which account it is, now that a response has told it.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.monaco-list-row[aria-level="1"]')].some(
        (e) => e.textContent.includes('demo-prod') && e.textContent.includes('345678901234'),
      ),
    );
  });

  await step('a filter by name narrows the tree, says so, and clears', async () => {
    await wb.row('Prod-Image-00037').waitFor({ timeout: 10000 });
    emu.clearLog();
    await wb.command('Cloud Images: Filter…');
    await wb.typeInto('finance');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'State: available' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByText("Filtered: name contains 'finance'").first().waitFor({ timeout: 10000 });
    await wb.row('Prod-Image-00037').waitFor({ state: 'detached', timeout: 10000 });
    await wb.row('Prod-Finance-2026-11').waitFor();
    // (Looks by name are the tracker's, following the deletes of earlier steps.)
    assert.strictEqual(emu.log.filter(asked).length, 0, 'filtering sends no request');
    await wb.shot('filter');
    await wb.command('Cloud Images: Clear Filter');
    await wb.row('Prod-Image-00037').waitFor({ timeout: 10000 });
    // Back to one profile for the steps that follow.
    await wb.command('Cloud Images: Select Profile…');
    await wb.typeInto('demo');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /^demo/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await wb.row('US East (N. Virginia) us-east-1').waitFor({ timeout: 15000 });
    // Two settings change (profile, profiles): let the second redraw land before expanding again.
    await page.waitForTimeout(1500);
    await wb.expand('US East (N. Virginia) us-east-1');
    await wb.expand('AppStream 2.0');
    await wb.expand('Private');
    await wb.row('Finance-Win2022').waitFor({ timeout: 15000 });
  });

  await step('Used by: what uses an image, listed only when asked', async () => {
    emu.clearLog();
    await wb.expand('Finance-Win2022');
    assert.strictEqual(emu.log.filter(asked).length, 0, 'expanding the image sends nothing');
    await wb.expand('Used by');
    await page
      .locator('.monaco-list-row[role="treeitem"]', { hasText: /image builder(?!s)/i })
      .first()
      .waitFor({ timeout: 15000 });
    assert.deepStrictEqual([...new Set(emu.log.filter(asked).map((r) => r.operation))].sort(), [
      'DescribeFleets',
      'DescribeImageBuilders',
    ]);
    await wb.shot('used-by');
    assert.deepStrictEqual(
      (await page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).filter((t) =>
        /already registered/.test(t),
      ),
      [],
      'the workbench took every row',
    );
  });

  await step(
    'share an image from the context menu: the account row appears; stop sharing through the warning',
    async () => {
      emu.clearLog();
      await wb.contextMenu('Flaky-Source', 'Share Image…');
      await wb.typeInto('111122223333');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Image builders' }).first().waitFor();
      await page.keyboard.press('Enter'); // fleets, as offered
      await wb.notification('Flaky-Source is now shared with 111122223333');
      assert.deepStrictEqual(
        emu.requests({ operation: 'UpdateImagePermissions' }).map((r) => r.params),
        [
          {
            Name: 'Flaky-Source',
            SharedAccountId: '111122223333',
            ImagePermissions: { allowFleet: true, allowImageBuilder: false },
          },
        ],
      );
      await wb.expand('Flaky-Source');
      await wb.expand('Shared with');
      await wb.row('111122223333').waitFor({ timeout: 15000 });
      await wb.shot('shared-with');
      await wb.contextMenu('111122223333', 'Stop Sharing…');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /AWS scales them to zero/);
      await wb.shot('stop-sharing');
      await dialog.locator('.monaco-button', { hasText: /^Stop Sharing$/ }).click();
      await wb.row('111122223333').waitFor({ state: 'detached', timeout: 15000 });
      assert.deepStrictEqual(
        emu.requests({ operation: 'DeleteImagePermissions' }).map((r) => r.params),
        [{ Name: 'Flaky-Source', SharedAccountId: '111122223333' }],
      );
      await page.keyboard.press('Escape');
    },
  );

  await step(
    'Find Unused Images on a region row, then delete two of the candidates behind one confirmation',
    async () => {
      emu.clearLog();
      await wb.contextMenu('US East (N. Virginia) us-east-1', 'Find Unused Images…');
      await wb.quickInput.waitFor();
      await page.keyboard.press('Enter'); // older than 30 days, as offered
      const shared = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Leave them out' }).first();
      const candidate = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Image-00002' }).first();
      await Promise.race([shared.waitFor({ timeout: 20000 }), candidate.waitFor({ timeout: 20000 })]);
      if (await shared.isVisible()) await page.keyboard.press('Enter');
      for (const name of ['Image-00002', 'Image-00003']) {
        await wb.typeInto(name);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
      }
      await wb.shot('unused');
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Delete 2 images from us-east-1\?/);
      await dialog.locator('.monaco-button', { hasText: /^Delete 2 Images$/ }).click();
      await page.waitForFunction(
        () =>
          ['Image-00002', 'Image-00003'].every((n) =>
            [...document.querySelectorAll('.monaco-list-row')].some(
              (e) => e.textContent.includes(n) && e.textContent.includes('Deleting'),
            ),
          ),
        null,
        { timeout: 15000 },
      );
      assert.deepStrictEqual(
        emu
          .requests({ operation: 'DeleteImage' })
          .map((r) => r.params.Name)
          .sort(),
        ['Image-00002', 'Image-00003'],
      );
    },
  );

  await step(
    'Create Updated Image: a dry run, the name, the new image followed to the end in the status bar',
    async () => {
      emu.clearLog();
      await wb.row('US East (N. Virginia) us-east-1').click(); // collapse it: one "AppStream 2.0" row on screen
      await wb.row('US East (N. Virginia) us-east-1').and(page.locator('[aria-expanded="false"]')).waitFor();
      await wb.expand('US West (Oregon) us-west-2');
      await wb.expand('AppStream 2.0');
      await wb.expand('Private');
      await wb.row('Finance-Win2022-West').waitFor({ timeout: 15000 });
      await page.getByText('Update available').first().waitFor();
      await wb.contextMenu('Finance-Win2022-West', 'Create Updated Image…');
      await wb.quickInput.waitFor();
      for (let i = 0; i < 3; i++) {
        // name, description, display name: as suggested
        const before = await page.locator('.quick-input-widget .quick-input-box input').inputValue();
        await page.keyboard.press('Enter');
        await page
          .waitForFunction(
            (b) =>
              document.querySelector('.quick-input-widget .quick-input-box input')?.value !== b ||
              !document.querySelector('.quick-input-widget:not([style*="display: none"])'),
            before,
            { timeout: 15000 },
          )
          .catch(() => undefined);
      }
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: /Apply \d+ tags?/ })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      const ops = emu.log.map((r) => r.operation);
      assert.ok(ops.includes('CreateUpdatedImage'), ops.join(', '));
      await wb.statusBar('1 image update', 15000);
      await wb.shot('update-in-progress');
      emu.world.settleAll();
      const done = await wb.notification('Image update done', 60000);
      assert.match(done, /is available in us-west-2/);
      await wb.statusBarGone('image update');
      assert.strictEqual(
        emu.requests({ operation: 'CreateUpdatedImage' }).filter((r) => !r.params.dryRun).length,
        1,
        'sent once',
      );
      // Back to us-east-1's images for the steps that follow.
      await wb.row('US West (Oregon) us-west-2').click();
      await wb.row('US West (Oregon) us-west-2').and(page.locator('[aria-expanded="false"]')).waitFor();
      await wb.expand('US East (N. Virginia) us-east-1');
      if (
        !(await wb
          .row('Finance-Win2022')
          .waitFor({ timeout: 3000 })
          .then(
            () => true,
            () => false,
          ))
      ) {
        await wb.expand('AppStream 2.0');
        await wb.expand('Private');
      }
      await wb.row('Finance-Win2022').waitFor({ timeout: 15000 });
    },
  );

  await step(
    'Distribute Image… to 2 regions and 1 account: the summary, then followed to the end in the status bar',
    async () => {
      await wb.command('Notifications: Clear All Notifications');
      emu.clearLog();
      const rejectedBefore = emu.validationErrors().length;
      const delay = emu.world.copyDelayMs;
      emu.world.copyDelayMs = 10 * 60_000; // in flight until the test ends each region's copy
      const name = 'Finance-Win2022';
      const regions = ['us-west-2', 'eu-central-1'];
      try {
        await wb.contextMenu(name, 'Distribute Image…');
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'source region: shared, not copied' })
          .first()
          .waitFor();
        for (const region of regions) {
          await wb.typeInto(region);
          await page.locator('.quick-input-list .monaco-list-row', { hasText: region }).first().click();
        }
        await page.keyboard.press('Enter');
        await wb.inputWithPlaceholder('111122223333, 444455556666');
        await wb.typeInto('111122223333');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Image builders' }).first().waitFor();
        await page.keyboard.press('Enter'); // fleets, as offered
        // The name in every destination: the source's, free in both (checked when accepted).
        await page.waitForFunction(
          (v) => document.querySelector('.quick-input-widget .quick-input-box input')?.value === v,
          name,
        );
        await page.keyboard.press('Enter');
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'Apply 2 tags' })
          .first()
          .waitFor({ timeout: 15000 });
        await page.keyboard.press('Enter');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor();
        const summary = await dialog.innerText();
        assert.match(summary, /Distribute Finance-Win2022 to 2 regions and 1 account\?/);
        for (const region of regions) {
          assert.match(
            summary,
            new RegExp(
              `• ${region}: copy as Finance-Win2022 \\(1 CopyImage\\), wait until available, tag \\(1 TagResource\\), share with 1 account \\(1 UpdateImagePermissions\\)`,
            ),
          );
        }
        assert.match(summary, /In all: 2 copies, 2 tag requests, 2 shares\./);
        assert.match(summary, /The accounts may use the image for: fleets\./);
        // Before the user agrees, only reads: the name looked up in each destination, the source's tags.
        assert.deepStrictEqual(
          emu.log
            .filter((r) => !['DescribeImages', 'ListTagsForResource'].includes(r.operation))
            .map((r) => r.operation),
          [],
        );
        assert.deepStrictEqual(
          emu
            .requests({ operation: 'DescribeImages' })
            .filter((r) => r.params.Names?.includes(name))
            .map((r) => [r.region, r.error])
            .sort(),
          regions.map((region) => [region, 'ResourceNotFoundException']).sort(),
          'the name is looked up, and free, in each destination',
        );
        await wb.shot('distribute-confirm');
        await dialog.locator('.monaco-button', { hasText: /^Distribute$/ }).click();

        await wb.statusBar(`Distributing ${name}: 0 of 2 regions`, 15000);
        assert.strictEqual(
          await wb.notification(`Distributing ${name} to`),
          `Distributing ${name} to ${regions.join(', ')}. Progress is shown in the status bar.`,
        );
        for (let i = 0; i < 100 && emu.requests({ operation: 'CopyImage' }).length < 2; i++)
          await page.waitForTimeout(100);
        // One region's copy ends: it is tagged and shared there on the next poll, while the other still copies.
        settleCopy('us-west-2', name);
        await wb.statusBar(`Distributing ${name}: 1 of 2 regions`, 15000);
        await wb.shot('distribute-in-progress');
        settleCopy('eu-central-1', name);
        const done = await wb.notification(`${name} is distributed`, 30000);
        assert.strictEqual(done, `${name} is distributed to 2 regions.`);
        await wb.statusBarGone(`Distributing ${name}`, 15000);

        // What AWS received: one copy per destination (asked of the source region), then in each destination its
        // tags and the share; nothing sent twice, nothing refused, nothing invalid.
        assert.deepStrictEqual(
          emu
            .requests({ operation: 'CopyImage' })
            .map((r) => [r.region, r.status, r.params])
            .sort(),
          regions
            .map((region) => [
              'us-east-1',
              200,
              { SourceImageName: name, DestinationRegion: region, DestinationImageName: name },
            ])
            .sort(),
        );
        assert.deepStrictEqual(
          emu
            .requests({ operation: 'TagResource' })
            .map((r) => [r.region, r.status, r.params])
            .sort(),
          regions
            .map((region) => [
              region,
              200,
              {
                ResourceArn: `arn:aws:appstream:${region}:123456789012:image/${name}`,
                Tags: { team: 'finance', 'cost-center': '1234' },
              },
            ])
            .sort(),
        );
        assert.deepStrictEqual(
          emu
            .requests({ operation: 'UpdateImagePermissions' })
            .map((r) => [r.region, r.status, r.params])
            .sort(),
          regions
            .map((region) => [
              region,
              200,
              {
                Name: name,
                SharedAccountId: '111122223333',
                ImagePermissions: { allowFleet: true, allowImageBuilder: false },
              },
            ])
            .sort(),
        );
        // The only errors are the name look-ups before the copies ("not found" is how AWS says the name is free).
        const refused = emu.log.filter(
          (r) =>
            r.status !== 200 &&
            !(
              r.operation === 'DescribeImages' &&
              r.error === 'ResourceNotFoundException' &&
              r.params.Names?.includes(name) &&
              r.seq < emu.requests({ operation: 'CopyImage' })[0].seq
            ),
        );
        assert.deepStrictEqual(
          refused.map((r) => `${r.operation} ${r.region}: ${r.error}`),
          [],
        );
        assert.deepStrictEqual(emu.validationErrors().slice(rejectedBefore), []);
      } finally {
        emu.world.copyDelayMs = delay;
      }
    },
  );

  // Image builders, tags, imports, the health report and Use in Fleets (lifecycle.mjs).
  await lifecycleSteps({ step, wb, page, ctx, emu });

  // Several windows, one truth. Two tabs of one browser profile on one code-server are two VS Code windows:
  // code-server starts an extension host per window, and both windows share the browser's global state
  // (IndexedDB "vscode-web-state-db-global"): a write in one tab is broadcast to the other tabs, whose
  // workbench hands the extension's new global state to its extension host without a reload. Tracked copies
  // live there; one window polls AWS (the lease), the other follows the stored jobs.
  let pageB, wbB;
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  const westPolls = () =>
    emu.requests({ operation: 'DescribeImages', region: 'us-west-2' }).filter((r) => r.params.Names);
  await step('two windows: a copy started in one shows in the status bars of both', async () => {
    emu.world.copyDelayMs = 10 * 60_000; // in flight until the test settles it
    await wb.command('Notifications: Clear All Notifications');
    pageB = await ctx.newPage();
    wbB = wb.other(pageB);
    await pageB.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await pageB.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // The view activates the extension in window B (the side bar may open on it already).
    const east = wbB.row('US East (N. Virginia) us-east-1');
    if (
      !(await east.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await pageB.locator('.activitybar [aria-label^="Cloud Images"]').first().click();
      await east.waitFor({ timeout: 60000 });
    }
    await wb.copyFromTree('Finance-Win2022', 'us-west-2', 'Finance-Win2022-A', { tags: true });
    await wb.statusBar('1 image copy');
    // Window B has nothing of its own in flight and keeps no timer while idle: it looks at the shared store
    // when the user comes to it (the window gains focus), and then follows the copy on its loop.
    await pageB.bringToFront();
    const seen = await wbB.statusBar('1 image copy', 15000).then(
      () => true,
      () => false,
    );
    if (!seen) {
      // Say where it stopped: B's workbench storage, B's extension host (Show Copy Progress reads its globalState).
      const keys = await wbB.storedGlobalStateKeys(extensionId);
      const inStorage = keys.some((k) => k.endsWith('/Finance-Win2022-A'));
      await wbB.command('Cloud Images: Show Copy Progress');
      const listed = await pageB
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Finance-Win2022-A' })
        .first()
        .waitFor({ timeout: 5000 })
        .then(
          () => true,
          () => false,
        );
      await pageB.keyboard.press('Escape');
      assert.fail(
        `window B's status bar did not show the copy started in window A within 15 s. The job ${inStorage ? 'is' : 'is not'} in window B's ` +
          `stored global state (keys: ${keys.join(', ')}); window B's Show Copy Progress ${listed ? 'lists' : 'does not list'} it` +
          `${inStorage && listed ? ": the store reached window B's extension host, whose tracker did not look again" : ''}.`,
      );
    }
  });

  await step(
    'two windows: a copy started in the other while the first polls is not lost; each destination is polled once per interval',
    async () => {
      await wbB.expand('US East (N. Virginia) us-east-1');
      await wbB.expand('AppStream 2.0');
      await wbB.expand('Private');
      await wbB.copyFromTree('Finance-Win2022', 'us-west-2', 'Finance-Win2022-B', { tags: true });
      await wbB.statusBar('2 image copies');
      await wb.statusBar('2 image copies', 15000);
      await sideBySide('two-windows-copying', [await wb.shot('two-windows-a'), await wbB.shot('two-windows-b')]);
      emu.clearLog();
      await page.waitForTimeout(12_000);
      // One window polls (at a 5 s interval: 2 or 3 in 12 s), the other follows: not one poll per window.
      const polls = westPolls();
      assert.ok(
        polls.length >= 1 && polls.length <= 3,
        `${polls.length} polls of us-west-2 in 12 s with two windows open`,
      );
      // Both copies in the one request: the copy window B started is watched by the window that polls.
      assert.deepStrictEqual([...polls.at(-1).params.Names].sort(), ['Finance-Win2022-A', 'Finance-Win2022-B']);
      await wbB.statusBar('2 image copies');
    },
  );

  await step('two windows: each ending is notified once, in one window, and both status bars let go', async () => {
    emu.world.settleAll();
    const done = { A: 'Image copy done: Finance-Win2022-A', B: 'Image copy done: Finance-Win2022-B' };
    const wins = { A: wb, B: wbB };
    // Whichever window's poll ends a copy says so; the other only follows the store.
    const deadline = Date.now() + 30_000;
    const where = {};
    while (Date.now() < deadline && Object.keys(where).length < 2) {
      for (const [copy, text] of Object.entries(done)) {
        for (const [w, bench] of Object.entries(wins)) if (!where[copy] && (await bench.toasts(text))) where[copy] = w;
      }
      await page.waitForTimeout(250);
    }
    assert.deepStrictEqual(Object.keys(where).sort(), ['A', 'B'], `endings notified: ${JSON.stringify(where)}`);
    console.log(`    copy A's ending notified in window ${where.A}, copy B's in window ${where.B}`);
    await wb.statusBarGone('image cop', 15000);
    await wbB.statusBarGone('image cop', 15000);
    await page.waitForTimeout(1000);
    for (const text of Object.values(done)) {
      const counts = [await wb.toasts(text), await wbB.toasts(text)];
      assert.ok(
        counts.filter((n) => n > 0).length === 1 && counts.every((n) => n <= 1),
        `"${text}" shown in window A ${counts[0]} time(s), in window B ${counts[1]} time(s)`,
      );
    }
    await sideBySide('two-windows-done', [await wb.shot('two-windows-done-a'), await wbB.shot('two-windows-done-b')]);
  });

  await step('two windows: Clear finished in one empties the list in the other', async () => {
    await wb.command('Cloud Images: Show Copy Progress');
    // The list may be longer than the box (the lifecycle steps' jobs): typing narrows it ("Clear finished" stays).
    await wb.typeInto('Clear finished');
    const clear = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Clear finished' }).first();
    await clear.waitFor();
    await clear.click();
    await wb.quickInput.waitFor({ state: 'hidden' });
    // A person switching windows takes a moment; the store reaches window B in much less.
    await pageB.waitForTimeout(1000);
    await wbB.command('Cloud Images: Show Copy Progress');
    const msg = await wbB.notification('No image copies are tracked', 10000);
    assert.strictEqual(msg, 'No image copies are tracked. Start one with "Copy Image…".');
    await pageB.keyboard.press('Escape');
  });
} catch (e) {
  if (!failed) {
    failed++;
    console.log(`  ✖ setup: ${e.stack ?? e}`);
  }
  if (ctx) {
    await ctx
      .pages()[0]
      ?.screenshot({ path: path.join(shotsDir, 'failure.png') })
      .catch(() => {});
    await ctx
      .pages()[1]
      ?.screenshot({ path: path.join(shotsDir, 'failure-window-b.png') })
      .catch(() => {});
    const html = await ctx
      .pages()[0]
      ?.locator('.monaco-list-row')
      .first()
      .evaluate((e) => e.outerHTML)
      .catch(() => '');
    console.log(`first list row: ${html}`);
  }
} finally {
  if (ctx) await ctx.close().catch(() => {});
  await stopCodeServer(server?.proc);
  await emu?.stop();
  aws?.cleanup();
  clearTimeout(hardStop);
}

if (!failed && updatePictures) {
  const pick = {
    expanded: 'explorer.png',
    tooltip: 'tooltip.png',
    'copy-invalid-name': 'copy-validation.png',
    'copy-in-progress': 'copy-progress.png',
    'delete-confirm': 'delete-confirm.png',
    'delete-in-use': 'delete-in-use.png',
    profiles: 'accounts.png',
    'find-accounts': 'find-accounts.png',
    filter: 'filter.png',
    'used-by': 'used-by.png',
    'shared-with': 'shared-with.png',
    unused: 'unused.png',
    'update-in-progress': 'update-progress.png',
    'two-windows-copying': 'two-windows.png',
    'distribute-confirm': 'distribute-confirm.png',
    'distribute-in-progress': 'distribute-progress.png',
    'builder-running': 'builder-running.png',
    'edit-tags': 'edit-tags.png',
    'import-in-progress': 'import-progress.png',
    'use-in-fleets-confirm': 'use-in-fleets.png',
  };
  for (const f of fs.readdirSync(shotsDir)) {
    const key = f.replace(/^\d+-/, '').replace(/\.png$/, '');
    if (pick[key]) fs.copyFileSync(path.join(shotsDir, f), path.join(ROOT, 'media', pick[key]));
  }
  console.log('README pictures updated in media/');
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
