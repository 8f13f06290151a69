// End-to-end steps for the image lifecycle flows, in the same workbench as run.mjs: an image builder created from
// an image, followed to Running, connected to (the streaming link handed to the browser, and shown nowhere) and
// stopped; Edit Tags; an image imported from an AMI through the dry run; the Image Health Report; Use in Fleets
// on two fleets. Each step checks what is on screen and what the endpoint received. Called by run.mjs after the
// single-window steps; it leaves the view as it found it (us-east-1's private AppStream images shown).
import assert from 'node:assert';

const EAST = 'US East (N. Virginia) us-east-1';
const CANADA = 'Canada (Central) ca-central-1';
const ACCOUNT = '123456789012';

export async function lifecycleSteps({ step, wb, page, ctx, emu }) {
  const listRow = (text) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  const dialog = page.locator('.monaco-dialog-box');

  /** Waits for the input box that asks `prompt`, replaces its text with `text` (unless undefined), and accepts. */
  async function answer(prompt, text) {
    await page.waitForFunction(
      (p) => {
        const w = document.querySelector('.quick-input-widget');
        return (
          w && w.style.display !== 'none' && (w.querySelector('.quick-input-message')?.textContent ?? '').includes(p)
        );
      },
      prompt,
      { timeout: 15000 },
    );
    if (text !== undefined) await wb.typeInto(text);
    await page.keyboard.press('Enter');
  }

  /** Waits for the pick told by its placeholder, filters it to `label` as typed, and takes the first match. */
  async function choose(placeholder, label) {
    await wb.inputWithPlaceholder(placeholder);
    await wb.typeInto(label);
    await listRow(label).waitFor();
    await page.keyboard.press('Enter');
  }

  async function until(what, fn, timeout = 15000) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = fn();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  }

  const rowWith = (label, text, timeout = 30000) =>
    page.waitForFunction(
      ([l, t]) =>
        [...document.querySelectorAll('.monaco-list-row[role="treeitem"]')].some(
          (e) => e.querySelector('.label-name')?.textContent === l && new RegExp(t).test(e.textContent),
        ),
      [label, text.source],
      { timeout },
    );

  const expanded = async (label) => (await wb.row(label).getAttribute('aria-expanded')) === 'true';
  async function collapse(label) {
    if (await expanded(label)) {
      await wb.row(label).click();
      await wb.row(label).and(page.locator('[aria-expanded="false"]')).waitFor();
    }
  }
  const toastTexts = () => page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
  const writes = () =>
    emu.log.filter((r) => !/^(Describe|List|Get)/.test(r.operation)).map((r) => `${r.operation} ${r.region}`);

  await step(
    'Create Image Builder from This Image: the answers sent once, the row followed to Running, Connect hands the link to the browser only, Stop followed to Stopped',
    async () => {
      await wb.command('Notifications: Clear All Notifications');
      await wb.row('Finance-Win2022').waitFor({ timeout: 15000 });
      emu.clearLog();
      await wb.contextMenu('Finance-Win2022', 'Create Image Builder from This Image…');
      await answer('Name of the image builder in us-east-1', 'e2e-builder');
      await answer('Display name', 'E2E builder');
      await answer('Description', 'Made by the end-to-end run');
      await wb.inputWithPlaceholder('Instance type');
      await listRow('stream.standard.medium').waitFor();
      await page.keyboard.press('Enter'); // the default, offered first
      await choose('Subnet (an image builder uses one)', 'subnet-0a1b2c3d4e5f60718');
      await wb.inputWithPlaceholder('Security groups (at most 5; none is allowed)');
      await wb.typeInto('sg-0123456789abcdef0');
      await listRow('sg-0123456789abcdef0').click();
      await page.keyboard.press('Enter');
      await answer('Other security group IDs', '');
      await choose('IAM role the image builder assumes (optional)', 'AppStreamBuilderRole');
      await choose('Default internet access', 'No default internet access');
      await answer('Tags: key=value', '');
      await dialog.waitFor();
      const summary = await dialog.innerText();
      assert.match(summary, /Create the image builder e2e-builder in us-east-1\?/);
      assert.match(summary, /Source image: Finance-Win2022/);
      assert.match(summary, /Security groups: sg-0123456789abcdef0/);
      assert.match(summary, /billed by the hour/);
      assert.deepStrictEqual(writes(), [], 'nothing is sent before the confirmation');
      await wb.shot('builder-confirm');
      await dialog.locator('.monaco-button', { hasText: /^Create$/ }).click();
      const created = await until('CreateImageBuilder', () => emu.requests({ operation: 'CreateImageBuilder' })[0]);
      assert.strictEqual(created.region, 'us-east-1');
      assert.deepStrictEqual(created.params, {
        Name: 'e2e-builder',
        DisplayName: 'E2E builder',
        Description: 'Made by the end-to-end run',
        ImageName: 'Finance-Win2022',
        InstanceType: 'stream.standard.medium',
        VpcConfig: { SubnetIds: ['subnet-0a1b2c3d4e5f60718'], SecurityGroupIds: ['sg-0123456789abcdef0'] },
        IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/AppStreamBuilderRole`,
        EnableDefaultInternetAccess: false,
      });
      await wb.notification('Creating the image builder e2e-builder in us-east-1');

      // The builder's row, under the region's Image Builders row (Private folded so that both fit on screen).
      await collapse('Private');
      await wb.expand('Image Builders');
      await wb.row('e2e-builder').waitFor({ timeout: 15000 });
      await wb.statusBar('image builder', 15000).catch(() => undefined); // may have ended already
      assert.strictEqual(
        await wb.notification('Image builder e2e-builder was created and is running in us-east-1.', 60000),
        'Image builder e2e-builder was created and is running in us-east-1.',
      );
      await rowWith('e2e-builder', /Running/, 30000);
      await wb.shot('builder-running');
      assert.strictEqual(emu.requests({ operation: 'CreateImageBuilder' }).length, 1, 'sent once');

      // Connect: the streaming link goes to the browser (a new page, perhaps behind the editor's question about
      // the site). The page is answered here: the link never leaves this machine.
      const opened = [];
      const route = /^https:\/\/appstream2\.us-east-1\.aws\.amazon\.com\//;
      await ctx.route(route, (r) => {
        opened.push(r.request().url());
        return r.fulfill({
          contentType: 'text/html',
          body: '<title>AppStream 2.0</title><p>AppStream 2.0 streaming session (answered by the e2e run)</p>',
        });
      });
      const popups = [];
      const onPage = (p) => popups.push(p);
      ctx.on('page', onPage);
      try {
        await wb.command('Notifications: Clear All Notifications');
        await wb.contextMenu('e2e-builder', 'Connect to Image Builder');
        await answer('How many seconds the streaming link stays valid'); // 3600, as offered
        const asked = dialog.filter({ hasText: /external website/i });
        await Promise.race([
          asked.waitFor({ timeout: 20000 }).catch(() => undefined),
          until('the streaming page', () => opened.length, 20000).catch(() => undefined),
        ]);
        if (await asked.isVisible()) {
          await wb.shot('builder-connect');
          await asked.locator('.monaco-button', { hasText: /^Open$/ }).click();
        }
        await until('the streaming page', () => opened.length, 20000);
        const links = emu.requests({ operation: 'CreateImageBuilderStreamingURL' });
        assert.deepStrictEqual(
          links.map((r) => [r.region, r.params]),
          [['us-east-1', { Name: 'e2e-builder', Validity: 3600 }]],
        );
        assert.strictEqual(opened.length, 1);
        assert.match(
          opened[0],
          /^https:\/\/appstream2\.us-east-1\.aws\.amazon\.com\/authenticate\?parameters=SECRET-[0-9a-f]{32}$/,
        );
        if (!wb.shots.some((f) => f.endsWith('-builder-connect.png'))) await wb.shot('builder-connect');
        // The link is a credential: no notification shows it.
        await page.waitForTimeout(1000);
        const secret = opened[0].split('parameters=')[1];
        const shown = await toastTexts();
        assert.deepStrictEqual(
          shown.filter((t) => t.includes(secret) || t.includes('SECRET-') || t.includes('authenticate?')),
          [],
          `notifications: ${shown.join(' | ')}`,
        );
      } finally {
        ctx.off('page', onPage);
        for (const p of popups) await p.close().catch(() => undefined);
        await ctx.unroute(route);
        await page.bringToFront();
      }

      emu.clearLog();
      await wb.contextMenu('e2e-builder', 'Stop Image Builder');
      await wb.notification('Stopping the image builder e2e-builder');
      await rowWith('e2e-builder', /Stopping|Stopped/, 15000);
      assert.strictEqual(
        await wb.notification('Image builder e2e-builder is stopped in us-east-1.', 60000),
        'Image builder e2e-builder is stopped in us-east-1.',
      );
      await rowWith('e2e-builder', /Stopped/, 30000);
      assert.deepStrictEqual(
        emu.requests({ operation: 'StopImageBuilder' }).map((r) => [r.region, r.params]),
        [['us-east-1', { Name: 'e2e-builder' }]],
      );
      assert.strictEqual(emu.requests({ operation: 'StartImageBuilder' }).length, 0, 'created running: no start');
      await collapse('Image Builders');
      await wb.expand('Private');
      await wb.row('Finance-Win2022').waitFor({ timeout: 15000 });
      // Finance-Win2022's Used by lists the new builder without a manual refresh.
      await wb.expand('Finance-Win2022');
      await wb.expand('Used by');
      await rowWith('e2e-builder', /image builder/, 15000);
    },
  );

  await step(
    'Edit Tags: one tag added and one removed, one TagResource and one UntagResource, the tooltip updated',
    async () => {
      await wb.command('Notifications: Clear All Notifications');
      emu.clearLog();
      const arn = `arn:aws:appstream:us-east-1:${ACCOUNT}:image/Finance-Win2022`;
      await wb.contextMenu('Finance-Win2022', 'Edit Tags…');
      await wb.inputWithPlaceholder('2 of 50 tags. Choose a tag to change or remove it.');
      await listRow('Add Tag').waitFor();
      await page.keyboard.press('Enter'); // "Add Tag…", first
      await answer('Tag key', 'env');
      await answer('Value of env', 'prod');
      await listRow('env').waitFor({ timeout: 15000 });
      await wb.typeInto('cost-center');
      await listRow('cost-center').waitFor();
      await page.keyboard.press('Enter');
      await listRow('Change Value').waitFor();
      await wb.typeInto('Remove');
      await listRow('Remove').waitFor();
      await page.keyboard.press('Enter');
      await listRow('Apply 2 changes').waitFor({ timeout: 15000 });
      const items = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      assert.ok(
        items.some((t) => /env/.test(t) && /prod/.test(t) && /added/.test(t)),
        items.join(' | '),
      );
      assert.ok(
        items.some((t) => /cost-center/.test(t) && /to be removed/.test(t)),
        items.join(' | '),
      );
      await wb.shot('edit-tags');
      assert.deepStrictEqual(writes(), [], 'nothing is sent while the list is edited');
      await wb.typeInto('Apply');
      await listRow('Apply 2 changes').waitFor();
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Remove the tag cost-center from Finance-Win2022\?/);
      await dialog.locator('.monaco-button', { hasText: /^Remove and Apply$/ }).click();
      assert.strictEqual(
        await wb.notification('Tags of Finance-Win2022 changed'),
        'Tags of Finance-Win2022 changed: 1 added, 1 removed.',
      );
      assert.deepStrictEqual(
        emu.requests({ operation: 'UntagResource' }).map((r) => [r.region, r.params]),
        [['us-east-1', { ResourceArn: arn, TagKeys: ['cost-center'] }]],
      );
      assert.deepStrictEqual(
        emu.requests({ operation: 'TagResource' }).map((r) => [r.region, r.params]),
        [['us-east-1', { ResourceArn: arn, Tags: { env: 'prod' } }]],
      );
      // The tooltip shows what AWS holds now.
      await page.mouse.move(700, 850);
      await page.waitForTimeout(500);
      await wb.row('Finance-Win2022').hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'env=prod' }).first();
      await hover.waitFor({ timeout: 15000 });
      const text = await hover.innerText();
      assert.match(text, /team=finance/);
      assert.doesNotMatch(text, /cost-center/);
      await page.mouse.move(700, 850);
    },
  );

  await step(
    'Import Image from AMI on the AppStream row: the dry run, then the import followed to Available',
    async () => {
      await wb.command('Notifications: Clear All Notifications');
      emu.clearLog();
      const ami = 'ami-0123456789abcdef0';
      const role = `arn:aws:iam::${ACCOUNT}:role/AppStreamImportRole`;
      await wb.contextMenu('AppStream 2.0', 'Import Image from AMI…');
      await answer('Name of the new image in us-east-1', 'AMI-Import-E2E');
      await answer('ID of the EC2 AMI to import', ami);
      await answer('ARN of the IAM role AppStream uses', role);
      await answer('Description of the image', 'Imported by the end-to-end run');
      await answer('Display name of the image', '');
      await answer('Tags of the image', '');
      await dialog.waitFor({ timeout: 15000 });
      assert.match(
        await dialog.innerText(),
        new RegExp(`Dry run passed: AWS would import ${ami} as the image AMI-Import-E2E in us-east-1\\.`),
      );
      const asked = emu.requests({ operation: 'CreateImportedImage' });
      const expected = {
        Name: 'AMI-Import-E2E',
        SourceAmiId: ami,
        IamRoleArn: role,
        Description: 'Imported by the end-to-end run',
      };
      assert.deepStrictEqual(
        asked.map((r) => [r.region, r.error, r.params]),
        [['us-east-1', 'DryRunOperationException', { ...expected, DryRun: true }]],
        'the dry run only, before the user agrees',
      );
      await wb.shot('import-dry-run');
      await dialog.locator('.monaco-button', { hasText: /^Import$/ }).click();
      await wb.notification(`Importing ${ami} as AMI-Import-E2E in us-east-1`);
      await wb.statusBar('1 image import', 15000);
      await rowWith('AMI-Import-E2E', /Importing|Validating/i, 15000);
      await wb.shot('import-in-progress');
      assert.strictEqual(
        await wb.notification('Image AMI-Import-E2E was imported', 60000),
        `Image AMI-Import-E2E was imported from ${ami} and is available in us-east-1.`,
      );
      await wb.statusBarGone('image import', 15000);
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.monaco-list-row[role="treeitem"]')].some(
            (e) =>
              e.querySelector('.label-name')?.textContent === 'AMI-Import-E2E' &&
              !/Importing|Validating/i.test(e.textContent),
          ),
        null,
        { timeout: 15000 },
      );
      const all = emu.requests({ operation: 'CreateImportedImage' });
      assert.deepStrictEqual(
        all.map((r) => [r.status, r.params]),
        [
          [412, { ...expected, DryRun: true }],
          [200, expected],
        ],
        'the dry run, then the import once',
      );
      const states = emu
        .requests({ operation: 'DescribeImages' })
        .filter((r) => r.params.Names?.includes('AMI-Import-E2E')).length;
      assert.ok(states >= 1, 'followed by name');
    },
  );

  await step('Image Health Report from the palette: the Markdown report with its summary', async () => {
    await wb.command('Notifications: Clear All Notifications');
    emu.clearLog();
    await wb.command('Cloud Images: Image Health Report…');
    await wb.inputWithPlaceholder('Which accounts and regions?');
    await listRow('All shown profiles and regions').waitFor();
    await page.keyboard.press('Enter');
    await answer('Report images older than how many days?'); // as offered
    const editor = page.locator('.editor-instance .view-lines').filter({ hasText: 'Image health report' }).first();
    await editor.waitFor({ timeout: 60000 });
    await wb.inputWithPlaceholder('Reveal an image from the report, or export it', 30000);
    await page.keyboard.press('Escape');
    const text = (await editor.innerText()).replace(/\s+/g, ' '); // the editor wraps long lines
    assert.match(text, /owned images in \d+ profile and region pairs; \d+ need attention/);
    assert.match(text, /## Summary \| Profile \(account\) \| Region \| Images \| Need attention/);
    for (const region of ['eu-west-1', 'us-east-1', 'us-west-2']) {
      assert.match(text, new RegExp(`\\| demo \\(123456789012\\) \\| ${region} \\| \\d+ \\| \\d+ \\|`));
    }
    await page.mouse.move(700, 850);
    await wb.shot('health-report');
    assert.deepStrictEqual(writes(), [], 'the report only reads');
    // Lists read a moment ago are taken as they are; the others are read now (us-east-1's changed above).
    const read = new Set(emu.requests({ operation: 'DescribeImages' }).map((r) => r.region));
    assert.ok(read.has('us-east-1'), [...read].join(', '));
    // The report's editor closes again, and its marks leave the rows (the steps after take pictures of them).
    await wb.command('View: Revert and Close Editor');
    await wb.command('Cloud Images: Clear Health Report Marks');
  });

  await step(
    'Use in Fleets on two fleets of ca-central-1: the confirmation, one UpdateFleet per fleet, followed to the end',
    async () => {
      await wb.command('Notifications: Clear All Notifications');
      await collapse(EAST); // the new region's row comes last: on screen
      await page
        .locator(
          '.pane-header .action-label[aria-label^="Select Regions"], .title-actions .action-label[aria-label^="Select Regions"]',
        )
        .first()
        .click();
      await wb.quickInput.waitFor();
      await wb.typeInto('ca-central-1');
      await listRow('ca-central-1').click();
      await page.keyboard.press('Enter');
      await wb.row(CANADA).waitFor({ timeout: 15000 });
      emu.clearLog();
      await wb.expand(CANADA);
      await wb.expand('AppStream 2.0');
      await wb.expand('Private');
      await wb.row('Kiosk-2026-12').waitFor({ timeout: 15000 });
      await wb.contextMenu('Kiosk-2026-12', 'Use in Fleets…');
      await wb.inputWithPlaceholder('Fleets to give the image (1 Elastic not listed: they take no image)');
      for (const fleet of ['kiosk-always-on', 'kiosk-on-demand']) {
        await wb.typeInto(fleet);
        await listRow(fleet).click();
      }
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      const words = await dialog.innerText();
      assert.match(words, /Give 2 fleets the image Kiosk-2026-12 in ca-central-1\?/);
      assert.match(words, /• kiosk-always-on \(Always-On, running\): Kiosk-2026-10 → Kiosk-2026-12/);
      assert.match(words, /• kiosk-on-demand \(On-Demand, stopped\): Kiosk-2026-10 → Kiosk-2026-12/);
      assert.match(words, /One UpdateFleet is sent per fleet\./);
      assert.deepStrictEqual(writes(), [], 'nothing is sent before the confirmation');
      await wb.shot('use-in-fleets-confirm');
      await dialog.locator('.monaco-button', { hasText: /^Change 2 Fleets$/ }).click();
      await wb.notification('2 fleets are moving to Kiosk-2026-12');
      // The fleets take the image at once here: the status bar may show them for one poll only.
      await wb.statusBar('2 fleets changing image', 5000).catch(() => undefined);
      const endings = [
        'Fleet kiosk-always-on in ca-central-1 now has the image Kiosk-2026-12: new sessions use it, and instances move to it as sessions end.',
        'Fleet kiosk-on-demand in ca-central-1 now has the image Kiosk-2026-12: it starts on it.',
      ];
      for (const e of endings) assert.strictEqual(await wb.notification(e, 60000), e);
      await wb.statusBarGone('fleets changing image', 15000);
      await wb.statusBarGone('fleet changing image', 15000);
      await wb.shot('use-in-fleets-done');
      assert.deepStrictEqual(
        emu
          .requests({ operation: 'UpdateFleet' })
          .map((r) => [r.region, r.status, r.params])
          .sort(),
        [
          ['ca-central-1', 200, { Name: 'kiosk-always-on', ImageName: 'Kiosk-2026-12' }],
          ['ca-central-1', 200, { Name: 'kiosk-on-demand', ImageName: 'Kiosk-2026-12' }],
        ],
      );
      // Back to us-east-1's images for the steps that follow.
      await collapse(CANADA);
      await wb.expand(EAST);
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
}
