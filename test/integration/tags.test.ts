// Tags in the real extension host, against the local endpoint: Edit Tags on AppStream and WorkSpaces images and on
// an image builder (exactly the requests AWS receives), keys and values checked as typed, the 50-tag limit before
// anything is sent, lost answers sent once and read back, tags escaped in the tooltip and the details, and the
// view filter's "tag key=value" with the exact count of the tag reads it needs.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { EditTagsResult } from '../../src/commands/editTags';
import type { TypeNode } from '../../src/tree/nodes';
import { api, emulator, freshStart } from './env';
import { answer, AS, find, rows, US_EAST, WS, type Row } from './tree.helpers';

const FINANCE_ARN = 'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022';
const sent = (op: string): unknown[] => emulator.log.filter((r) => r.operation === op).map((r) => r.params);
const ops = (): string[] => emulator.log.map((r) => r.operation);
const TAG_OPS = ['ListTagsForResource', 'TagResource', 'UntagResource', 'DescribeTags', 'CreateTags', 'DeleteTags'];
const tagOps = (): string[] => ops().filter((o) => TAG_OPS.includes(o));

async function image(a: CloudImagesApi, service: string, type: string, name: string): Promise<Row> {
  const row = (await rows(a, (await find(a, US_EAST, service, type)).node)).find((r) => r.label === name);
  if (!row) throw new Error(`${name} not listed`);
  return row;
}

const editTags = (node: unknown) =>
  vscode.commands.executeCommand<EditTagsResult | undefined>('cloudImages.editTags', node);
const asTags = (name: string) => Object.fromEntries(emulator.world.region('us-east-1').appstream.get(name)!.tags);
const wsTags = (id: string) => emulator.world.region('us-east-1').workspaces.get(id)!.tags;

suite('Tags', () => {
  suiteSetup(() => emulator.reset());
  setup(async () => {
    emulator.reset();
    await freshStart();
  });
  teardown(() => vscode.commands.executeCommand('cloudImages.clearFilter'));

  test('AppStream image: a tag added and one removed are one UntagResource and one TagResource, the removal confirmed', async () => {
    const a = await api();
    const row = await image(a, AS, 'Private', 'Finance-Win2022');
    emulator.clearLog();
    const p = answer(a, [
      { pick: 'Add Tag…' },
      { input: ['env'] },
      { input: ['prod'] },
      { pick: 'cost-center' },
      { pick: 'Remove' },
      { pick: 'Apply 2 changes' },
      { confirm: true },
    ]);
    const r = await editTags(row.node);
    assert.deepStrictEqual(p.shown[0].items, ['Add Tag…', 'cost-center', 'team', 'Cancel'], 'no Apply before a change');
    assert.deepStrictEqual(p.shown.at(-2)!.items, [
      'Add Tag…',
      '$(trash) cost-center',
      'env',
      'team',
      'Apply 2 changes',
      'Cancel',
    ]);
    assert.strictEqual(p.shown.at(-1)!.title, 'Remove the tag cost-center from Finance-Win2022?');
    assert.match(p.shown.at(-1)!.detail!, /lost/);
    assert.deepStrictEqual(sent('UntagResource'), [{ ResourceArn: FINANCE_ARN, TagKeys: ['cost-center'] }]);
    assert.deepStrictEqual(sent('TagResource'), [{ ResourceArn: FINANCE_ARN, Tags: { env: 'prod' } }]);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'UntagResource', 'TagResource']);
    assert.deepStrictEqual(asTags('Finance-Win2022'), { team: 'finance', env: 'prod' });
    assert.deepStrictEqual(r, { sent: true, tags: { team: 'finance', env: 'prod' } });
    assert.deepStrictEqual(p.notes, ['info: Tags of Finance-Win2022 changed: 1 added, 1 removed.']);
    // The row's tooltip shows them at once, without another request.
    const again = await image(a, AS, 'Private', 'Finance-Win2022');
    assert.match(again.tooltip!, /Tags \(2\):\s+· env=prod\s+· team=finance/);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'UntagResource', 'TagResource']);
  });

  test('WorkSpaces image: one DeleteTags and one CreateTags by image ID', async () => {
    const a = await api();
    const row = await image(a, WS, 'Owned', 'Standard-Win11');
    emulator.clearLog();
    const p = answer(a, [
      { pick: 'team' },
      { pick: 'Remove' },
      { pick: 'Add Tag…' },
      { input: ['cost#center'] },
      { input: [''] },
      { pick: 'Apply 2 changes' },
      { confirm: true },
    ]);
    await editTags(row.node);
    assert.deepStrictEqual(sent('DeleteTags'), [{ ResourceId: 'wsi-abc123def', TagKeys: ['team'] }]);
    assert.deepStrictEqual(sent('CreateTags'), [
      { ResourceId: 'wsi-abc123def', Tags: [{ Key: 'cost#center', Value: '' }] },
    ]);
    assert.deepStrictEqual(tagOps(), ['DescribeTags', 'DeleteTags', 'CreateTags']);
    assert.deepStrictEqual(wsTags('wsi-abc123def'), [{ Key: 'cost#center', Value: '' }]);
    assert.deepStrictEqual(p.notes, ['info: Tags of Standard-Win11 changed: 1 added, 1 removed.']);
  });

  test('an image builder is tagged by its ARN; a change alone needs no confirmation', async () => {
    const a = await api();
    const builder = (await rows(a, (await find(a, US_EAST, AS, 'Image Builders')).node)).find(
      (r) => r.label === 'finance-builder',
    )!;
    emulator.clearLog();
    const p = answer(a, [{ pick: 'Add Tag…' }, { input: ['owner'] }, { input: ['ana'] }, { pick: 'Apply 1 change' }]);
    await editTags(builder.node);
    const arn = 'arn:aws:appstream:us-east-1:123456789012:image-builder/finance-builder';
    assert.deepStrictEqual(sent('ListTagsForResource'), [{ ResourceArn: arn }]);
    assert.deepStrictEqual(sent('TagResource'), [{ ResourceArn: arn, Tags: { owner: 'ana' } }]);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'TagResource']);
    assert.deepStrictEqual(p.notes, ['info: Tags of finance-builder changed: 1 added.']);
  });

  test('keys and values are checked as typed; a declined removal or Cancel sends nothing', async () => {
    const a = await api();
    const row = await image(a, AS, 'Private', 'Finance-Win2022');
    emulator.clearLog();
    const p = answer(a, [
      { pick: 'Add Tag…' },
      { input: ['aws:owner', 'AWS:owner', 'cost#center', 'k'.repeat(129), 'team', 'owner'] },
      { input: ['v'.repeat(257), '<b>', 'ana'] },
      { pick: 'team' },
      { pick: 'Remove' },
      { pick: 'Apply 2 changes' },
      { confirm: false },
      { pick: 'Cancel' },
    ]);
    const r = await editTags(row.node);
    const [, key, value] = p.shown;
    assert.deepStrictEqual(key.messages, [
      'Keys starting with "aws:" are reserved for AWS.',
      'Keys starting with "aws:" are reserved for AWS.',
      'Not allowed in a tag key: "#". Use letters, digits, spaces and _ . : / = + - @.',
      'The key is 129 characters long; at most 128 are allowed.',
      'Finance-Win2022 already has a tag team: choose it in the list to change its value.',
    ]);
    assert.deepStrictEqual(value.messages, [
      'The value is 257 characters long; at most 256 are allowed.',
      'Not allowed in a tag value: "<", ">". Use letters, digits, spaces and _ . : / = + - @.',
    ]);
    assert.strictEqual(r?.sent, false);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource'], 'only the read');
    assert.deepStrictEqual(asTags('Finance-Win2022'), { team: 'finance', 'cost-center': '1234' });
  });

  test('the 51st tag is refused before anything is sent; with one removed, the removal goes first', async () => {
    const a = await api();
    const img = emulator.world.region('us-east-1').appstream.get('Image-00011')!;
    img.tags = new Map(Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(2, '0')}`, `v${i}`]));
    const row = await image(a, AS, 'Private', 'Image-00011');
    emulator.clearLog();
    const p = answer(a, [
      { pick: 'Add Tag…' },
      { input: ['k50'] },
      { pick: 'k00' },
      { pick: 'Remove' },
      { pick: 'Add Tag…' },
      { input: ['k50'] },
      { input: ['new'] },
      { pick: 'Apply 2 changes' },
      { confirm: true },
    ]);
    await editTags(row.node);
    assert.match(p.shown[0].placeHolder!, /^50 of 50 tags/);
    assert.deepStrictEqual(p.shown[1].messages, ['Image-00011 has 50 tags, the most AWS allows: remove one first.']);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'UntagResource', 'TagResource']);
    assert.strictEqual(img.tags.size, 50);
    assert.strictEqual(img.tags.get('k50'), 'new');
    assert.ok(!img.tags.has('k00'));
  });

  test('AWS refuses a 51st tag (another change came first): the refusal in words, and what AWS holds', async () => {
    const a = await api();
    const img = emulator.world.region('us-east-1').appstream.get('Image-00011')!;
    img.tags = new Map(Array.from({ length: 49 }, (_, i) => [`k${i}`, '']));
    const row = await image(a, AS, 'Private', 'Image-00011');
    emulator.clearLog();
    const p = answer(a, [
      { pick: 'Add Tag…' },
      { input: ['mine'] },
      { input: ['x'] },
      {
        // While the list is open, someone tags the image in the console: it now has 50.
        pick: (label) => label === 'Apply 1 change' && !!img.tags.set('theirs', 'y'),
      },
    ]);
    await editTags(row.node);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'TagResource', 'ListTagsForResource']);
    assert.ok(
      p.notes.some((n) => n.includes('A resource can have at most 50 tags: remove some before adding others.')),
      p.notes.join('\n'),
    );
    assert.ok(
      p.notes.some((n) => n.includes('Tags of Image-00011 as AWS holds them now: Not set: mine=x.')),
      p.notes.join('\n'),
    );
    assert.strictEqual(img.tags.size, 50);
  });

  test('a lost answer: each request sent once, the tags read back and the user told what was applied', async () => {
    const a = await api();
    const row = await image(a, AS, 'Private', 'Finance-Win2022');
    emulator.clearLog();
    // AWS applies the tag, but its answer is a 500: the look finds it applied.
    emulator.inject({ kind: 'error-after', operation: 'TagResource' });
    let p = answer(a, [{ pick: 'Add Tag…' }, { input: ['env'] }, { input: ['prod'] }, { pick: 'Apply 1 change' }]);
    await editTags(row.node);
    assert.strictEqual(sent('TagResource').length, 1, 'sent once');
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'TagResource', 'ListTagsForResource']);
    assert.deepStrictEqual(p.notes, [
      'info: Tags of Finance-Win2022: AWS’s answer was lost; reading the tags back shows the changes were applied (1 added).',
    ]);

    // WorkSpaces: the answer of DeleteTags is cut mid-body after the work.
    const ws = await image(a, WS, 'Owned', 'Standard-Win11');
    emulator.clearLog();
    emulator.inject({ kind: 'drop-mid-body', operation: 'DeleteTags' });
    p = answer(a, [{ pick: 'team' }, { pick: 'Remove' }, { pick: 'Apply 1 change' }, { confirm: true }]);
    await editTags(ws.node);
    assert.deepStrictEqual(tagOps(), ['DescribeTags', 'DeleteTags', 'DescribeTags']);
    assert.deepStrictEqual(wsTags('wsi-abc123def'), []);
    assert.match(p.notes[0], /^info: Tags of Standard-Win11: AWS’s answer was lost; .* applied \(1 removed\)\.$/);

    // Refused after the removal went through: the user is told what AWS holds (read back), nothing resent.
    emulator.clearLog();
    emulator.inject({ kind: 'access-denied', operation: 'TagResource' });
    p = answer(a, [
      { pick: 'team' },
      { pick: 'Remove' },
      { pick: 'Add Tag…' },
      { input: ['owner'] },
      { input: ['ana'] },
      { pick: 'Apply 2 changes' },
      { confirm: true },
    ]);
    await editTags((await image(a, AS, 'Private', 'Finance-Win2022')).node);
    assert.deepStrictEqual(tagOps(), ['ListTagsForResource', 'UntagResource', 'TagResource', 'ListTagsForResource']);
    assert.ok(
      p.notes.some((n) => /Could not change the tags of Finance-Win2022.*appstream:TagResource/s.test(n)),
      p.notes.join('\n'),
    );
    assert.ok(
      p.notes.some((n) =>
        n.includes('Tags of Finance-Win2022 as AWS holds them now: Removed: team. Not set: owner=ana.'),
      ),
      p.notes.join('\n'),
    );
  });

  test('the tooltip reads the tags on hover (once) and shows them escaped; the details show them too', async () => {
    const a = await api();
    const row = await image(a, WS, 'Owned', 'Import-Failed');
    emulator.clearLog();
    const item = a.ctx.tree.getTreeItem(row.node);
    assert.strictEqual(item.tooltip, undefined, 'left for the hover to resolve');
    const token = new vscode.CancellationTokenSource().token;
    const md = (await a.ctx.tree.resolveTreeItem(item, row.node, token)).tooltip as vscode.MarkdownString;
    assert.deepStrictEqual(sent('DescribeTags'), [{ ResourceId: 'wsi-errored01' }]);
    assert.strictEqual(md.isTrusted, false);
    assert.strictEqual(md.supportHtml, false);
    assert.ok(
      md.value.includes(
        '· note\\=\\# \\*\\*Urgent\\*\\* \\[fix\\]\\(https\\://evil\\.example/x\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\$\\(zap\\)',
      ),
      md.value,
    );
    assert.match(md.value, /Tags \(2\):/);
    // Hovered again (or redrawn): known, no request.
    assert.match((a.ctx.tree.getTreeItem(row.node).tooltip as vscode.MarkdownString).value, /team\\=it/);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('cloudImages.showImageDetails', row.node);
    assert.deepStrictEqual((JSON.parse(doc.getText()) as { Tags: unknown }).Tags, {
      team: 'it',
      note: '# **Urgent** [fix](https://evil.example/x) <img src=x onerror=alert(1)> $(zap)',
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.strictEqual(tagOps().length, 1, 'read once for the hover and the details');
    // Images of other accounts: no tags read, the tooltip is there at once.
    const shared = (await rows(a, (await find(a, US_EAST, WS, 'Shared with me')).node))[0];
    assert.ok(a.ctx.tree.getTreeItem(shared.node).tooltip instanceof vscode.MarkdownString);
  });

  test('the filter "tag key=value" reads the tags of the loaded own images, one request each, once', async () => {
    const a = await api();
    const priv = (await find(a, US_EAST, AS, 'Private')).node as TypeNode;
    const owned = (await find(a, US_EAST, WS, 'Owned')).node as TypeNode;
    await rows(a, priv);
    await rows(a, owned);
    const asLoaded = priv.list.items.length;
    const wsLoaded = owned.list.items.length;
    assert.ok(asLoaded >= 25 && wsLoaded >= 25, `${asLoaded} and ${wsLoaded} loaded`);
    emulator.clearLog();
    answer(a, [{ input: ['tag team=finance'] }, { pickMany: [] }]);
    await vscode.commands.executeCommand('cloudImages.filter');
    assert.strictEqual(sent('ListTagsForResource').length, asLoaded, 'one per loaded AppStream image');
    assert.strictEqual(new Set(sent('ListTagsForResource').map((p) => JSON.stringify(p))).size, asLoaded, 'each once');
    assert.strictEqual(sent('DescribeTags').length, wsLoaded, 'one per loaded WorkSpaces image');
    assert.strictEqual(ops().length, asLoaded + wsLoaded, 'nothing else');
    assert.deepStrictEqual(
      (await rows(a, priv)).map((r) => r.label),
      ['Finance-Win2022', 'Load more…'],
      'the rest of the list is not loaded',
    );
    assert.match(a.ctx.treeView.message!, /tag 'team=finance'/);
    assert.deepStrictEqual(
      (await rows(a, owned)).filter((r) => r.node.kind === 'image'),
      [],
    );

    // Another tag filter: the tags are known, nothing is sent.
    answer(a, [{ input: ['tag team'] }, { pickMany: [] }]);
    await vscode.commands.executeCommand('cloudImages.filter');
    assert.deepStrictEqual(
      (await rows(a, owned)).filter((r) => r.node.kind === 'image').map((r) => r.label),
      ['Import-Failed', 'Standard-Win11'],
    );
    assert.strictEqual(ops().length, asLoaded + wsLoaded, 'no more requests');
  });

  test('Edit Tags from the palette asks for an owned image', async () => {
    const a = await api();
    emulator.clearLog();
    const p = answer(a, [
      { pick: (l) => l.startsWith('US East (N. Virginia)') },
      { pick: 'WorkSpaces' },
      { pickPaged: 'Standard-Win11' },
      { pick: 'Cancel' },
    ]);
    const r = await vscode.commands.executeCommand<EditTagsResult>('cloudImages.editTags');
    assert.deepStrictEqual(r, { sent: false, tags: { team: 'it' } });
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(tagOps(), ['DescribeTags']);
  });
});
