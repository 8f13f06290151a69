import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, freshStart, setSetting, until, PROFILES } from './env';
import { AS, EU_WEST, find, rows, US_EAST, US_WEST, WS } from './tree.helpers';
import type { TypeNode } from '../../src/tree/nodes';
import { ScriptedPrompts } from '../support/prompts';

suite('Image explorer', () => {
  suiteSetup(() => emulator.reset());
  setup(freshStart);

  test('opening the view and expanding regions and services sends no request', async () => {
    const a = await api();
    const regions = await rows(a);
    assert.deepStrictEqual(
      regions.map((r) => r.label),
      [US_EAST, US_WEST],
    );
    const services = await rows(a, regions[0].node);
    assert.deepStrictEqual(
      services.map((r) => r.label),
      [AS, WS],
    );
    assert.deepStrictEqual(
      (await rows(a, services[0].node)).map((r) => r.label),
      // The image builders and exports to AMI of the region beside its image lists (listed only when expanded).
      ['Private', 'Shared with me', 'Public', 'Image Builders', 'Exports to AMI'],
    );
    assert.deepStrictEqual(
      (await rows(a, services[1].node)).map((r) => r.label),
      ['Owned', 'Shared with me'],
    );
    assert.strictEqual(emulator.log.length, 0);
  });

  test('expanding a type sends exactly one list request for one page, "Load more…" the next one', async () => {
    const a = await api();
    const privateNode = await find(a, US_EAST, AS, 'Private');
    const first = await rows(a, privateNode.node);
    assert.strictEqual(first.length, 26);
    assert.strictEqual(first[25].label, 'Load more…');
    const calls = emulator.requests({ operation: 'DescribeImages' });
    assert.strictEqual(emulator.log.length, 1);
    assert.deepStrictEqual(calls[0].params, { Type: 'PRIVATE', MaxResults: 25 });
    assert.strictEqual(calls[0].region, 'us-east-1');
    assert.strictEqual(calls[0].accessKeyId, 'AKIADEMOPROFILE00000');

    // Two clicks on "Load more…" while the page is on its way fetch it once.
    await Promise.all([
      vscode.commands.executeCommand('cloudImages.loadMore', first[25].node),
      vscode.commands.executeCommand('cloudImages.loadMore', first[25].node),
    ]);
    const all = await rows(a, privateNode.node);
    assert.strictEqual(all.length, 45);
    assert.ok(!all.some((r) => r.label === 'Load more…'));
    assert.strictEqual(emulator.log.length, 2);
    assert.ok(emulator.log[1].params.NextToken);
    // Loaded pages are kept: showing the node again sends nothing.
    await rows(a, privateNode.node);
    assert.strictEqual(emulator.log.length, 2);
    assert.strictEqual(a.ctx.tree.getTreeItem(privateNode.node).description, '45 images');
  });

  test('the page size setting is the MaxResults sent', async () => {
    const a = await api();
    await setSetting('pageSize', 10);
    try {
      const list = await rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
      assert.strictEqual(list.length, 11);
      assert.deepStrictEqual(
        emulator.log.map((r) => r.params),
        [{ ImageType: 'OWNED', MaxResults: 10 }],
      );
    } finally {
      await setSetting('pageSize', undefined);
    }
  });

  test('refreshing one node re-lists only that node', async () => {
    const a = await api();
    const pub = await find(a, US_EAST, AS, 'Public');
    const shared = await find(a, US_EAST, AS, 'Shared with me');
    assert.deepStrictEqual(
      (await rows(a, pub.node)).map((r) => r.label),
      ['AppStream-AmazonLinux2-10-15-2026', 'AppStream-WinServer2022-11-01-2026'],
    );
    assert.deepStrictEqual(
      (await rows(a, shared.node)).map((r) => r.label),
      ['Partner-Shared-Image'],
    );
    assert.strictEqual(emulator.log.length, 2);
    await vscode.commands.executeCommand('cloudImages.refreshNode', pub.node);
    await rows(a, pub.node);
    await rows(a, shared.node);
    assert.strictEqual(emulator.log.length, 3);
    assert.deepStrictEqual(emulator.log[2].params, { Type: 'PUBLIC', MaxResults: 25 });
  });

  test('"Load all" pages to the end', async () => {
    const a = await api();
    const owned = await find(a, US_EAST, WS, 'Owned');
    await vscode.commands.executeCommand('cloudImages.loadAll', owned.node);
    assert.strictEqual((await rows(a, owned.node)).length, 34);
    assert.strictEqual(emulator.log.length, 2);
  });

  test('image rows show state, date, icon, tooltip and a context value that says what applies', async () => {
    const a = await api();
    const priv = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    const finance = priv.find((r) => r.label === 'Finance-Win2022')!;
    assert.strictEqual(finance.description, 'Available · 2026-10-02');
    assert.strictEqual(finance.icon, 'pass');
    assert.strictEqual(finance.contextValue, 'image.appstream.owned.available');
    assert.match(finance.tooltip!, /ARN: arn:aws:appstream:us-east-1:123456789012:image\/Finance-Win2022/);
    assert.match(finance.tooltip!, /Platform: WINDOWS_SERVER_2022/);
    assert.match(finance.tooltip!, /Agent version: 1\.1\.1500 \(latest\)/);
    assert.match(finance.tooltip!, /Created: 2026-10-02 09:30 UTC/);
    const broken = priv.find((r) => r.label === 'Broken-Build')!;
    assert.strictEqual(broken.icon, 'error');
    assert.strictEqual(broken.contextValue, 'image.appstream.owned.failed');
    assert.match(broken.tooltip!, /State reason: IMAGE_UPDATE_FAILURE: The image could not be updated/);
    assert.match(
      broken.tooltip!,
      /Error: NETWORK_INTERFACE_LIMIT_EXCEEDED: The network interface limit was exceeded\./,
    );
    const apps = await rows(a, finance.node);
    assert.deepStrictEqual(
      apps.map((r) => [r.label, r.description]),
      [
        ['Used by', undefined],
        ['Microsoft Excel', 'Excel · WINDOWS_SERVER_2022'],
        ['Notepad', 'WINDOWS_SERVER_2022'],
      ],
    );

    const pub = await rows(a, (await find(a, US_EAST, AS, 'Public')).node);
    assert.strictEqual(pub[0].contextValue, 'image.appstream.public.available');
    const wsShared = await rows(a, (await find(a, US_EAST, WS, 'Shared with me')).node);
    assert.deepStrictEqual(
      wsShared.map((r) => [r.label, r.contextValue]),
      [['Vendor-Golden-Image', 'image.workspaces.shared.available']],
    );
    assert.match(wsShared[0].tooltip!, /Owner account: 444455556666/);
    const wsOwned = await rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
    const failed = wsOwned.find((r) => r.label === 'Import-Failed')!;
    assert.strictEqual(failed.contextValue, 'image.workspaces.owned.failed');
    assert.match(failed.tooltip!, /Error detail: OfficeInstalled: Microsoft Office is installed\./);
    const win11 = wsOwned.find((r) => r.label === 'Standard-Win11')!;
    assert.match(win11.tooltip!, /Updates: Windows updates are available\./);
    assert.match(win11.tooltip!, /Tenancy: DEFAULT/);
  });

  test('an empty type shows "No images"', async () => {
    const a = await api();
    await setSetting('regions', ['eu-west-1']);
    try {
      assert.deepStrictEqual(
        (await rows(a)).map((r) => r.label),
        [EU_WEST],
      );
      const empty = await rows(a, (await find(a, EU_WEST, WS, 'Owned')).node);
      assert.deepStrictEqual(
        empty.map((r) => r.label),
        ['No images'],
      );
    } finally {
      await setSetting('regions', ['us-east-1', 'us-west-2']);
    }
  });

  test('a failing list becomes an error row with the reason and Retry; the rest keeps working', async () => {
    const a = await api();
    emulator.inject({ kind: 'access-denied', operation: 'DescribeImages', region: 'us-east-1' });
    const priv = await find(a, US_EAST, AS, 'Private');
    const errorRows = await rows(a, priv.node);
    assert.strictEqual(errorRows.length, 1);
    assert.match(errorRows[0].label, /^Access denied in us-east-1: your IAM identity is not allowed to do this\./);
    assert.strictEqual(errorRows[0].contextValue, 'error.access-denied');
    assert.strictEqual(errorRows[0].command, 'cloudImages.retry');
    // Another node is unaffected.
    assert.strictEqual((await rows(a, (await find(a, US_WEST, AS, 'Private')).node)).length, 1);
    await vscode.commands.executeCommand('cloudImages.retry', errorRows[0].node);
    assert.strictEqual((await rows(a, priv.node)).length, 26);
  });

  test('throttling after the SDK retries, and a dropped connection, read in words', async () => {
    const a = await api();
    emulator.inject({ kind: 'throttle', operation: 'DescribeWorkspaceImages', times: 3 });
    const owned = await rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
    assert.deepStrictEqual(
      owned.map((r) => r.label),
      ['AWS is throttling requests in us-east-1. Wait a moment and retry.'],
    );
    assert.strictEqual(emulator.requests({ operation: 'DescribeWorkspaceImages' }).length, 3);
    emulator.inject({ kind: 'drop', operation: 'DescribeImages', times: 3 });
    const pub = await rows(a, (await find(a, US_WEST, AS, 'Public')).node);
    assert.match(pub[0].label, /^Could not reach AWS in us-west-2 \(.+\)\. Check your network or proxy and retry\.$/);
  });

  test('a region that is not enabled says so', async () => {
    const a = await api();
    await setSetting('regions', ['eu-south-2']);
    try {
      const r = await rows(a, (await find(a, 'Europe (Spain) eu-south-2', AS, 'Private')).node);
      assert.deepStrictEqual(
        r.map((x) => x.label),
        [
          "The region eu-south-2 is not enabled for this account (it is an opt-in region). Enable it in the AWS console's account settings, or deselect it.",
        ],
      );
      assert.strictEqual(r[0].contextValue, 'error.region-not-enabled');
    } finally {
      await setSetting('regions', ['us-east-1', 'us-west-2']);
    }
  });

  test('switching profile refreshes the tree, drops clients and pages, and shows the profile', async () => {
    const a = await api();
    await rows(a, (await find(a, US_EAST, AS, 'Public')).node);
    assert.strictEqual(a.ctx.treeView.description, PROFILES.main);
    await setSetting('profile', PROFILES.other);
    try {
      assert.strictEqual(a.ctx.treeView.description, PROFILES.other);
      await rows(a, (await find(a, US_EAST, AS, 'Public')).node);
      assert.strictEqual(emulator.log.length, 2, 'the page of the old profile was not reused');
      assert.strictEqual(emulator.log[1].accessKeyId, 'AKIAOTHERPROFILE0000');

      await setSetting('profile', PROFILES.expired);
      const r = await rows(a, (await find(a, US_EAST, AS, 'Public')).node);
      assert.deepStrictEqual(
        r.map((x) => x.label),
        [
          `Your AWS credentials have expired. Refresh them (for SSO: "aws sso login --profile ${PROFILES.expired}") and retry.`,
        ],
      );
      assert.strictEqual(r[0].contextValue, 'error.expired-credentials');

      // A profile that is in neither file: the tree is empty so the welcome view explains.
      await setSetting('profile', 'nobody');
      assert.deepStrictEqual(await rows(a), []);
    } finally {
      await setSetting('profile', PROFILES.main);
    }
  });

  test('images in transition refresh with one batched request per service and region', async () => {
    const a = await api();
    const now = Date.now();
    const west = emulator.world.region('us-west-2');
    emulator.world.putAppStream('us-west-2', { Name: 'Copying-A', State: 'COPYING' }).transition = {
      at: now + 600_000,
      to: 'AVAILABLE',
    };
    emulator.world.putAppStream('us-west-2', { Name: 'Copying-B', State: 'COPYING' }).transition = {
      at: now + 600_000,
      to: 'AVAILABLE',
    };
    const priv = await find(a, US_WEST, AS, 'Private');
    const before = await rows(a, priv.node);
    assert.deepStrictEqual(
      before.filter((r) => r.icon === 'sync~spin').map((r) => r.label),
      ['Copying-A', 'Copying-B'],
    );
    emulator.clearLog();
    await a.refresher.tick();
    assert.strictEqual(emulator.log.length, 1);
    assert.deepStrictEqual(emulator.log[0].params, { Names: ['Copying-A', 'Copying-B'] });
    // AWS finishes one copy and the other image is deleted meanwhile.
    west.appstream.get('Copying-A')!.transition!.at = 0;
    west.appstream.delete('Copying-B');
    await a.refresher.tick();
    const after = await rows(a, priv.node);
    assert.deepStrictEqual(
      after.map((r) => [r.label, r.description?.split(' · ')[0]]),
      [
        ['Copying-A', 'Available'],
        ['Finance-Win2022-West', 'Available'],
      ],
    );
    emulator.clearLog();
    await a.refresher.tick();
    assert.strictEqual(emulator.log.length, 0, 'nothing in transition: no request');
    assert.strictEqual(a.refresher.active, false);
    west.appstream.delete('Copying-A');
  });

  test('details, clipboard and console actions on an image row', async () => {
    const a = await api();
    const finance = (await rows(a, (await find(a, US_EAST, AS, 'Private')).node)).find(
      (r) => r.label === 'Finance-Win2022',
    )!;
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('cloudImages.showImageDetails', finance.node);
    assert.strictEqual(doc.languageId, 'json');
    const record = JSON.parse(doc.getText()) as Record<string, unknown>;
    assert.strictEqual(record.Arn, 'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022');
    assert.strictEqual((record.Applications as unknown[]).length, 2);
    assert.strictEqual(doc.uri.scheme, 'cloud-images');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    await vscode.commands.executeCommand('cloudImages.copyArn', finance.node);
    assert.strictEqual(
      await vscode.env.clipboard.readText(),
      'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022',
    );
    await vscode.commands.executeCommand('cloudImages.copyName', finance.node);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'Finance-Win2022');
    const ws = (await rows(a, (await find(a, US_EAST, WS, 'Owned')).node)).find((r) => r.label === 'Standard-Win11')!;
    await vscode.commands.executeCommand('cloudImages.copyImageId', ws.node);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'wsi-abc123def');
    const url = await vscode.commands.executeCommand<string>('cloudImages.openInConsole', ws.node);
    assert.strictEqual(
      url,
      'https://us-east-1.console.aws.amazon.com/workspaces/home?region=us-east-1#images:search=wsi-abc123def',
    );
  });

  test('Find Image pages every selected region and type and reveals the chosen image', async () => {
    const a = await api();
    const p = new ScriptedPrompts([{ search: 'Image-00037' }]);
    a.ctx.prompts = p;
    const record = await vscode.commands.executeCommand<{ name: string; region: string }>(
      'cloudImages.findImage',
      'Image-00037',
    );
    assert.strictEqual(p.shown[0].value, 'Image-00037', 'the query fills the filter');
    assert.strictEqual(record?.name, 'Image-00037');
    assert.strictEqual(record?.region, 'us-east-1');
    // The workbench reports the selection back asynchronously.
    const selected = await until(() => a.ctx.treeView.selection[0], 'the revealed row to be selected');
    assert.strictEqual(selected?.kind, 'image');
    assert.strictEqual(selected.kind === 'image' && selected.record.name, 'Image-00037');
    const privNode = (selected as { parent: TypeNode }).parent;
    assert.ok(privNode.list.items.length >= 37, 'the tree paged to the image to reveal it');
    const listCalls = emulator
      .requests()
      .filter((r) => r.operation === 'DescribeImages' || r.operation === 'DescribeWorkspaceImages');
    assert.ok(
      listCalls.some((r) => r.region === 'us-west-2'),
      'both selected regions were searched',
    );
  });
});

suite('Profile and region pickers', () => {
  suiteSetup(() => emulator.reset());

  test('Select Profile lists the profiles of the config and credentials files and switches to the choice', async () => {
    const a = await api();
    const p = new ScriptedPrompts([{ pick: 'other' }]);
    a.ctx.prompts = p;
    try {
      assert.strictEqual(await vscode.commands.executeCommand('cloudImages.selectProfile'), 'other');
      assert.deepStrictEqual(p.shown[0].items, ['demo', 'expired', 'other', 'prod']);
      assert.strictEqual(vscode.workspace.getConfiguration('cloudImages').get('profile'), 'other');
      assert.strictEqual(a.ctx.treeView.description, 'other');
    } finally {
      await setSetting('profile', PROFILES.main);
    }
  });

  test('untrusted text in a tooltip reads as text (no heading, link, image or HTML), in a tooltip that is not trusted', async () => {
    const a = await api();
    const name = 'Hostile-Shared';
    emulator.world.putAppStream('us-east-1', {
      Name: name,
      Visibility: 'SHARED',
      DisplayName: '<img src=x onerror=alert(1)>',
      Description:
        'Patched\n# Click here\nhttps://evil.example/login [x](command:workbench.action.terminal.new) ![p](https://evil.example/p.png)',
    });
    try {
      const shared = (await rows(a, (await find(a, US_EAST, AS, 'Shared with me')).node)).find(
        (r) => r.label === name,
      )!;
      const md = a.ctx.tree.getTreeItem(shared.node).tooltip as vscode.MarkdownString;
      assert.ok(md instanceof vscode.MarkdownString);
      assert.deepStrictEqual(
        [md.isTrusted ?? false, md.supportHtml ?? false, md.supportThemeIcons ?? false],
        [false, false, false],
      );
      const lines = md.value.split('\n');
      assert.ok(lines.includes('Description: Patched  '), md.value);
      // Each line of the description is text: the heading, the autolink, the link and the image are escaped.
      assert.ok(lines.includes('\\# Click here  '), md.value);
      assert.ok(
        md.value.includes(
          'https\\://evil\\.example/login \\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) \\!\\[p\\]',
        ),
        md.value,
      );
      assert.ok(md.value.includes('Display name: \\<img src\\=x onerror\\=alert\\(1\\)\\>'), md.value);
      // And as the user reads it: the description as written, one line each.
      assert.match(
        shared.tooltip!,
        /Description: Patched {2}\n# Click here {2}\nhttps:\/\/evil\.example\/login \[x\]\(command:/,
      );
    } finally {
      emulator.world.region('us-east-1').appstream.delete(name);
    }
  });

  test('Select Regions offers every region where either service exists; Escape or an empty choice changes nothing', async () => {
    const a = await api();
    let p = new ScriptedPrompts(['escape']);
    a.ctx.prompts = p;
    await vscode.commands.executeCommand('cloudImages.selectRegions');
    assert.strictEqual(p.shown[0].items!.length, 22);
    assert.ok(p.shown[0].items!.includes('af-south-1') && p.shown[0].items!.includes('eu-south-2'));
    assert.deepStrictEqual(vscode.workspace.getConfiguration('cloudImages').get('regions'), ['us-east-1', 'us-west-2']);
    p = new ScriptedPrompts([{ pickMany: [] }]);
    a.ctx.prompts = p;
    await vscode.commands.executeCommand('cloudImages.selectRegions');
    assert.deepStrictEqual(vscode.workspace.getConfiguration('cloudImages').get('regions'), ['us-east-1', 'us-west-2']);
    a.ctx.prompts = new ScriptedPrompts([{ pickMany: ['eu-west-1', 'us-east-1'] }]);
    try {
      await vscode.commands.executeCommand('cloudImages.selectRegions');
      assert.deepStrictEqual(
        (await rows(a)).map((r) => r.label),
        [US_EAST, EU_WEST],
      );
    } finally {
      await setSetting('regions', ['us-east-1', 'us-west-2']);
    }
  });
});
