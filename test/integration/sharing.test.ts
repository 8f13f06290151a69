// Sharing in the tree, in the real extension host against the local endpoint: the shared mark, "Shared with"
// rows loaded on expansion (one request per page), Share Image…, Change Permissions…, Stop Sharing… and the
// delete of a shared image, with exactly the requests AWS would receive.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { emulator, freshStart } from './env';
import { answer, AS, find, imageRow, rows, US_EAST, US_WEST, WS } from './tree.helpers';
import type { CloudImagesApi } from '../../src/extension';
import type { ShareResult, UnshareResult } from '../../src/commands/sharing';
import type { DeleteResult } from '../../src/commands/deleteImage';

const WRITES = new Set([
  'UpdateImagePermissions',
  'DeleteImagePermissions',
  'UpdateWorkspaceImagePermission',
  'DeleteImage',
  'DeleteWorkspaceImage',
]);
// What uses an image is listed before a delete (usage.test.ts covers those requests): left out here.
const USAGE = new Set(['DescribeFleets', 'DescribeImageBuilders', 'DescribeWorkspaceBundles']);
const calls = () => emulator.log.filter((r) => !USAGE.has(r.operation)).map((r) => [r.operation, r.params]);
const writes = () => emulator.log.filter((r) => WRITES.has(r.operation)).map((r) => [r.operation, r.params]);
const acct = (i: number): string => String(100000000000 + i);

suite('Sharing', () => {
  let a: CloudImagesApi;
  /** An account row's description: what it may do, after the profile that signs in as it when one is known. */
  const label = (accountId: string, use: string): string =>
    [a.ctx.scope.profileOfAccount(accountId), use].filter(Boolean).join(' · ');
  setup(async () => {
    // Every test starts from the scenario's sharing.
    emulator.reset();
    a = await freshStart();
  });

  test('a shared AppStream image carries a mark; its accounts are read only when "Shared with" is expanded, one request', async () => {
    const list = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    assert.strictEqual(list.find((r) => r.label === 'Design-Win2019')!.description, 'Available · 2026-08-20 · Shared');
    assert.strictEqual(
      list.find((r) => r.label === 'Finance-Win2022')!.description,
      'Available · 2026-10-02',
      'not shared: no mark',
    );
    const finance = await rows(a, list.find((r) => r.label === 'Finance-Win2022')!.node);
    assert.ok(
      !finance.some((r) => r.label === 'Shared with'),
      'an unshared AppStream image offers no "Shared with" row',
    );
    emulator.clearLog();
    const design = (await rows(a, list.find((r) => r.label === 'Design-Win2019')!.node)).filter(
      (r) => r.label !== 'Used by',
    );
    assert.deepStrictEqual(
      design.map((r) => [r.label, r.contextValue]),
      [['Shared with', 'sharedWith.appstream']],
    );
    assert.strictEqual(emulator.log.length, 0, 'expanding the image sends nothing');
    const accounts = await rows(a, design[0].node);
    assert.deepStrictEqual(
      accounts.map((r) => [r.label, r.description, r.contextValue]),
      [
        ['210987654321', label('210987654321', 'fleets'), 'account.appstream'],
        ['345678901234', label('345678901234', 'image builders'), 'account.appstream'],
      ],
    );
    assert.deepStrictEqual(calls(), [['DescribeImagePermissions', { Name: 'Design-Win2019', MaxResults: 500 }]]);
    assert.strictEqual(a.ctx.tree.getTreeItem(design[0].node).description, '2 accounts');
    await rows(a, design[0].node);
    assert.strictEqual(emulator.log.length, 1, 'kept until a refresh');
  });

  test('every owned WorkSpaces image offers "Shared with" (listings do not say); 30 accounts are two requests of 25', async () => {
    const img = emulator.world.region('us-east-1').workspaces.get('wsi-linux0001')!;
    for (let i = 0; i < 28; i++) img.sharedWith.add(acct(i));
    const dev = await find(a, US_EAST, WS, 'Owned', 'Dev-AmazonLinux2');
    assert.strictEqual(
      dev.description,
      'Available · 2026-04-01',
      'WorkSpaces listings carry no shared flag, so no mark',
    );
    emulator.clearLog();
    const shared = await find(a, US_EAST, WS, 'Owned', 'Dev-AmazonLinux2', 'Shared with');
    const accounts = await rows(a, shared.node);
    assert.strictEqual(accounts.length, 30);
    assert.deepStrictEqual(
      accounts.slice(0, 2).map((r) => [r.label, r.description, r.contextValue]),
      [
        ['210987654321', label('210987654321', 'may copy the image'), 'account.workspaces'],
        ['345678901234', label('345678901234', 'may copy the image'), 'account.workspaces'],
      ],
    );
    const perms = emulator.requests({ operation: 'DescribeWorkspaceImagePermissions' });
    assert.deepStrictEqual(
      perms.map((r) => [r.params.ImageId, r.params.MaxResults, typeof r.params.NextToken]),
      [
        ['wsi-linux0001', 25, 'undefined'],
        ['wsi-linux0001', 25, 'string'],
      ],
    );
    emulator.clearLog();
    const none = await rows(a, (await find(a, US_EAST, WS, 'Owned', 'Standard-Win11', 'Shared with')).node);
    assert.deepStrictEqual(
      none.map((r) => r.label),
      ['Not shared with any account'],
    );
    assert.strictEqual(emulator.requests({ operation: 'DescribeWorkspaceImagePermissions' }).length, 1);
  });

  test('Share Image… from the row: several accounts at once, each checked as typed; AppStream asks what they may do', async () => {
    const finance = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    emulator.clearLog();
    const p = answer(a, [
      {
        input: [
          '',
          '11112222333',
          '11112222333a',
          '123456789012',
          '111122223333, 111122223333',
          '111122223333, 444455556666\n777788889999',
        ],
      },
      { pickMany: ['Fleets', 'Image builders'] },
    ]);
    const result = await vscode.commands.executeCommand<ShareResult>('cloudImages.shareImage', finance.node);
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(p.shown[0].messages, [
      'Enter one or more 12-digit AWS account IDs, separated by commas, spaces or new lines.',
      '11112222333 has 11 digits; an AWS account ID has 12.',
      '11112222333a is not an AWS account ID: use 12 digits, without letters or dashes.',
      '123456789012 is the account that owns the image.',
      '111122223333 is listed twice.',
    ]);
    assert.deepStrictEqual(p.shown[1].items, ['Fleets', 'Image builders']);
    assert.deepStrictEqual(result, { shared: ['111122223333', '444455556666', '777788889999'], notTried: [] });
    // Not shared before: nothing to read first. Then one request per account.
    assert.deepStrictEqual(
      calls(),
      ['111122223333', '444455556666', '777788889999'].map((id) => [
        'UpdateImagePermissions',
        {
          Name: 'Finance-Win2022',
          SharedAccountId: id,
          ImagePermissions: { allowFleet: true, allowImageBuilder: true },
        },
      ]),
    );
    assert.deepStrictEqual(p.notes, [
      'info: Finance-Win2022 is now shared with 111122223333, 444455556666, 777788889999.',
    ]);
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    assert.strictEqual(row.description, 'Available · 2026-10-02 · Shared', 'the row now carries the mark');
    const accounts = await rows(a, (await find(a, US_EAST, AS, 'Private', 'Finance-Win2022', 'Shared with')).node);
    assert.deepStrictEqual(
      accounts.map((r) => r.description),
      ['fleets, image builders', 'fleets, image builders', 'fleets, image builders'],
    );
  });

  test('invalid account IDs send nothing; accounts already shared with are named; no use chosen shares nothing', async () => {
    const design = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    emulator.clearLog();
    let p = answer(a, [
      {
        input: [
          '12345678901',
          'abcdefabcdef',
          '123456789012',
          '111122223333 111122223333',
          '210987654321, 345678901234 111122223333',
        ],
      },
    ]);
    assert.strictEqual(await vscode.commands.executeCommand('cloudImages.shareImage', design.node), undefined);
    assert.deepStrictEqual(
      p.shown[0].messages!.at(-1),
      'The image is already shared with 210987654321, 345678901234: remove them from the list.',
    );
    assert.strictEqual(p.shown[0].messages!.length, 5, 'every value was refused');
    assert.deepStrictEqual(
      calls(),
      [['DescribeImagePermissions', { Name: 'Design-Win2019', MaxResults: 500 }]],
      'only the read of who it is shared with',
    );

    emulator.clearLog();
    p = answer(a, [{ input: ['111122223333'] }, { pickMany: [] }]);
    assert.strictEqual(await vscode.commands.executeCommand('cloudImages.shareImage', design.node), undefined);
    assert.deepStrictEqual(p.notes, ['warning: Choose fleets, image builders or both. Nothing was changed.']);
    assert.deepStrictEqual(writes(), []);
  });

  test('Share Image… from the palette for WorkSpaces; an image AWS will not share says why, and the rest are not tried', async () => {
    let p = answer(a, [
      { pick: 'US East (N. Virginia) us-east-1' },
      { pick: 'WorkSpaces' },
      { pickPaged: 'Standard-Win11' },
      { input: ['123456789012', '111122223333'] },
    ]);
    const result = await vscode.commands.executeCommand<ShareResult>('cloudImages.shareImage');
    assert.strictEqual(p.remaining, 0, 'WorkSpaces asks nothing about use: a shared image may be copied');
    assert.deepStrictEqual(p.shown[3].messages, ['123456789012 is the account that owns the image.']);
    assert.deepStrictEqual(result.shared, ['111122223333']);
    assert.deepStrictEqual(
      emulator.requests({ operation: 'DescribeWorkspaceImagePermissions' }).map((r) => r.params),
      [{ ImageId: 'wsi-abc123def', MaxResults: 25 }],
    );
    assert.deepStrictEqual(writes(), [
      [
        'UpdateWorkspaceImagePermission',
        { ImageId: 'wsi-abc123def', AllowCopyImage: true, SharedAccountId: '111122223333' },
      ],
    ]);

    const byol = await imageRow(a, US_WEST, WS, 'Owned', 'BYOL-Win10');
    emulator.clearLog();
    p = answer(a, [{ input: ['111122223333, 444455556666'] }]);
    const refused = await vscode.commands.executeCommand<ShareResult>('cloudImages.shareImage', byol.node);
    assert.deepStrictEqual(refused.shared, []);
    assert.deepStrictEqual(refused.notTried, ['444455556666']);
    assert.deepStrictEqual(p.notes, [
      'error: Could not share BYOL-Win10 with 111122223333 (not tried: 444455556666): AWS will not share this image (BYOL_IMAGE_SHARING_NOT_SUPPORTED): ' +
        'Sharing Bring Your Own License (BYOL) images across accounts is not supported in this Region. Nothing was shared; AWS Support can tell whether it can be.',
    ]);
    assert.strictEqual(
      emulator.requests({ operation: 'UpdateWorkspaceImagePermission' }).length,
      1,
      'a refusal is not retried',
    );
  });

  test('Change Permissions… on an AppStream account: taking fleets away is confirmed first, with what AWS does to them', async () => {
    const accounts = await rows(a, (await find(a, US_EAST, AS, 'Private', 'Design-Win2019', 'Shared with')).node);
    emulator.clearLog();
    let p = answer(a, [{ pickMany: ['Image builders'] }, { confirm: false }]);
    await vscode.commands.executeCommand('cloudImages.changeImagePermissions', accounts[0].node);
    assert.strictEqual(p.shown[1].title, 'Stop 210987654321 from using Design-Win2019 in fleets?');
    assert.strictEqual(
      p.shown[1].detail,
      'Fleets in account 210987654321 that use the image lose it, and AWS scales them to zero.',
    );
    assert.deepStrictEqual(writes(), [], 'declined: nothing sent');

    p = answer(a, [{ pickMany: ['Image builders'] }, { confirm: true }]);
    await vscode.commands.executeCommand('cloudImages.changeImagePermissions', accounts[0].node);
    assert.deepStrictEqual(calls(), [
      [
        'UpdateImagePermissions',
        {
          Name: 'Design-Win2019',
          SharedAccountId: '210987654321',
          ImagePermissions: { allowFleet: false, allowImageBuilder: true },
        },
      ],
    ]);
    const after = await rows(a, (await find(a, US_EAST, AS, 'Private', 'Design-Win2019', 'Shared with')).node);
    assert.deepStrictEqual(
      after.map((r) => r.description),
      [label('210987654321', 'image builders'), label('345678901234', 'image builders')],
      'the accounts are read again',
    );

    // Adding a use needs no warning; the same use sends nothing.
    emulator.clearLog();
    p = answer(a, [{ pickMany: ['Image builders'] }]);
    await vscode.commands.executeCommand('cloudImages.changeImagePermissions', after[1].node);
    assert.deepStrictEqual(p.notes, [
      'info: 345678901234 already has these permissions on Design-Win2019. Nothing was changed.',
    ]);
    assert.deepStrictEqual(writes(), []);
  });

  test('Stop Sharing… on several AppStream accounts and on a WorkSpaces account, behind a confirmation that says what happens', async () => {
    const design = await rows(a, (await find(a, US_EAST, AS, 'Private', 'Design-Win2019', 'Shared with')).node);
    emulator.clearLog();
    let p = answer(a, [{ confirm: false }]);
    await vscode.commands.executeCommand(
      'cloudImages.stopSharing',
      design[0].node,
      design.map((r) => r.node),
    );
    assert.strictEqual(p.shown[0].title, 'Stop sharing with 2 accounts?');
    assert.deepStrictEqual(p.shown[0].items, ['Stop Sharing with 2 Accounts']);
    assert.match(p.shown[0].detail!, /• Design-Win2019 \(AppStream 2\.0, us-east-1\): 210987654321, 345678901234/);
    assert.match(
      p.shown[0].detail!,
      /fleets in these accounts that use the image lose it, and AWS scales them to zero/,
    );
    assert.strictEqual(emulator.log.length, 0);

    p = answer(a, [{ confirm: true }]);
    const result = await vscode.commands.executeCommand<UnshareResult>(
      'cloudImages.stopSharing',
      design[0].node,
      design.map((r) => r.node),
    );
    assert.deepStrictEqual(result.failed, []);
    assert.deepStrictEqual(
      calls(),
      ['210987654321', '345678901234'].map((id) => [
        'DeleteImagePermissions',
        { Name: 'Design-Win2019', SharedAccountId: id },
      ]),
    );
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    assert.strictEqual(row.description, 'Available · 2026-08-20', 'no longer shared: the mark is gone');
    assert.ok(!(await rows(a, row.node)).some((r) => r.label === 'Shared with'));

    const dev = await rows(a, (await find(a, US_EAST, WS, 'Owned', 'Dev-AmazonLinux2', 'Shared with')).node);
    emulator.clearLog();
    p = answer(a, [{ confirm: true }]);
    await vscode.commands.executeCommand('cloudImages.stopSharing', dev[0].node, [dev[0].node]);
    assert.strictEqual(p.shown[0].title, 'Stop sharing Dev-AmazonLinux2 with 210987654321?');
    assert.match(
      p.shown[0].detail!,
      /WorkSpaces: the accounts can no longer copy the image\. Copies they have already made stay theirs\./,
    );
    assert.doesNotMatch(p.shown[0].detail!, /scales them to zero/);
    assert.deepStrictEqual(calls(), [
      [
        'UpdateWorkspaceImagePermission',
        { ImageId: 'wsi-linux0001', AllowCopyImage: false, SharedAccountId: '210987654321' },
      ],
    ]);
  });

  test('deleting shared images lists the accounts and offers to stop sharing first (never the default); done in that order', async () => {
    const design = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    emulator.clearLog();
    let p = answer(a, [{ choose: 'Stop sharing with 2 accounts, then delete' }]);
    let result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', design.node);
    assert.strictEqual(p.shown[0].kind, 'choose');
    assert.deepStrictEqual(
      p.shown[0].items,
      ['Delete', 'Stop sharing with 2 accounts, then delete'],
      'Delete stays the default button',
    );
    assert.match(p.shown[0].detail!, /Design-Win2019 is shared with 210987654321, 345678901234\./);
    assert.match(p.shown[0].detail!, /deleting a shared image takes it away from those accounts' fleets/);
    assert.deepStrictEqual(
      result.deleted.map((r) => r.name),
      ['Design-Win2019'],
    );
    assert.deepStrictEqual(calls(), [
      ['DescribeImagePermissions', { Name: 'Design-Win2019', MaxResults: 500 }],
      ['DeleteImagePermissions', { Name: 'Design-Win2019', SharedAccountId: '210987654321' }],
      ['DeleteImagePermissions', { Name: 'Design-Win2019', SharedAccountId: '345678901234' }],
      ['DeleteImage', { Name: 'Design-Win2019' }],
    ]);

    // WorkSpaces refuses to delete a shared image: plain Delete is refused in words, and nothing is unshared.
    const dev = await imageRow(a, US_EAST, WS, 'Owned', 'Dev-AmazonLinux2');
    emulator.clearLog();
    p = answer(a, [{ choose: 'Delete' }]);
    result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', dev.node);
    assert.match(p.shown[0].detail!, /WorkSpaces does not delete a shared image: stop sharing it first\./);
    assert.match(result.failed[0].message, /shared with other accounts/);
    assert.deepStrictEqual(writes(), [['DeleteWorkspaceImage', { ImageId: 'wsi-linux0001' }]]);

    emulator.clearLog();
    p = answer(a, [{ choose: 'Stop sharing with 2 accounts, then delete' }]);
    result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', dev.node);
    assert.deepStrictEqual(
      result.deleted.map((r) => r.id),
      ['wsi-linux0001'],
    );
    assert.deepStrictEqual(calls(), [
      ['DescribeWorkspaceImagePermissions', { ImageId: 'wsi-linux0001', MaxResults: 25 }],
      [
        'UpdateWorkspaceImagePermission',
        { ImageId: 'wsi-linux0001', AllowCopyImage: false, SharedAccountId: '210987654321' },
      ],
      [
        'UpdateWorkspaceImagePermission',
        { ImageId: 'wsi-linux0001', AllowCopyImage: false, SharedAccountId: '345678901234' },
      ],
      ['DeleteWorkspaceImage', { ImageId: 'wsi-linux0001' }],
    ]);
  });

  test('a lost UpdateImagePermissions answer: sent once, then looked at; done is reported as done, not done as "nothing changed"', async () => {
    const finance = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    emulator.clearLog();
    emulator.inject({ kind: 'drop-after', operation: 'UpdateImagePermissions' });
    let p = answer(a, [{ input: ['111122223333'] }, { pickMany: ['Fleets'] }]);
    let result = await vscode.commands.executeCommand<ShareResult>('cloudImages.shareImage', finance.node);
    assert.deepStrictEqual(result.shared, ['111122223333']);
    assert.deepStrictEqual(calls(), [
      [
        'UpdateImagePermissions',
        {
          Name: 'Finance-Win2022',
          SharedAccountId: '111122223333',
          ImagePermissions: { allowFleet: true, allowImageBuilder: false },
        },
      ],
      ['DescribeImagePermissions', { Name: 'Finance-Win2022', MaxResults: 500, SharedAwsAccountIds: ['111122223333'] }],
    ]);
    assert.deepStrictEqual(p.notes, ['info: Finance-Win2022 is now shared with 111122223333.']);
    assert.ok(emulator.world.region('us-east-1').appstream.get('Finance-Win2022')!.sharedWith.has('111122223333'));

    const design = await imageRow(a, US_EAST, AS, 'Private', 'Design-Win2019');
    emulator.clearLog();
    emulator.inject({ kind: 'drop', operation: 'UpdateImagePermissions' });
    p = answer(a, [{ input: ['444455556666'] }, { pickMany: ['Fleets'] }]);
    result = await vscode.commands.executeCommand<ShareResult>('cloudImages.shareImage', design.node);
    assert.deepStrictEqual(result.shared, []);
    assert.strictEqual(emulator.requests({ operation: 'UpdateImagePermissions' }).length, 1, 'never resent');
    assert.match(
      p.notes[0],
      /^error: Could not share Design-Win2019 with 444455556666: AWS did not answer in us-east-1 \(connection lost: ECONNRESET\); Cloud Images checked and sharing Design-Win2019 with 444455556666 was not carried out: nothing changed\. Try again\.$/,
    );
  });

  test('the quota of accounts per image and a denied request read as what to do', async () => {
    const img = emulator.world.region('us-east-1').appstream.get('Finance-Win2022')!;
    for (let i = 0; i < 100; i++) img.sharedWith.set(acct(i), { allowFleet: true, allowImageBuilder: false });
    img.image.ImageSharedWithOthers = 'TRUE';
    const finance = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    let p = answer(a, [{ input: ['999999999999'] }, { pickMany: ['Fleets'] }]);
    await vscode.commands.executeCommand('cloudImages.shareImage', finance.node);
    assert.match(
      p.notes[0],
      /^error: Could not share Finance-Win2022 with 999999999999: The image Finance-Win2022 is already shared with the maximum number of accounts \(100\)\. The image is shared with as many accounts as AWS allows in us-east-1 \(100 unless your quota was raised\): stop sharing it with an account first, or request a higher quota\./,
    );

    emulator.inject({ kind: 'access-denied', operation: 'UpdateWorkspaceImagePermission' });
    const win11 = await imageRow(a, US_EAST, WS, 'Owned', 'Standard-Win11');
    p = answer(a, [{ input: ['111122223333'] }]);
    await vscode.commands.executeCommand('cloudImages.shareImage', win11.node);
    assert.match(
      p.notes[0],
      /^error: Could not share Standard-Win11 with 111122223333: Access denied in us-east-1: your IAM identity is not allowed to do this \(it needs workspaces:UpdateWorkspaceImagePermission\)\./,
    );
  });
});
