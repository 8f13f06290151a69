// "Copy Image…" in plain mocha: scripted answers, the real ImageApi against the local endpoint. What the user is
// told, and what AWS receives.
import * as assert from 'node:assert';
import { copyImage } from '../../../src/commands/copyImage';
import { regionLabel } from '../../../src/core/regions';
import { commandHarness, type CommandHarness } from '../../support/commandContext';

const EAST = { service: 'appstream' as const, region: 'us-east-1' };

describe('command: Copy Image', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
  });
  afterEach(() => h.dispose());

  it('an invalid name in the copy box is said there, and nothing is sent', async () => {
    const source = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([{ pickMany: [regionLabel('us-west-2')] }, { input: ['bad name!'] }]);
    assert.strictEqual(await copyImage(h.ctx, source), undefined);
    assert.strictEqual(p.shown[1].kind, 'input');
    assert.strictEqual(p.shown[1].messages!.length, 1, 'the box says why the name is refused');
    assert.deepStrictEqual(h.emu.requests({ operation: 'CopyImage' }), []);
    assert.deepStrictEqual([h.tracked, p.notes], [[], []]);
  });

  it('a name taken in the destination is said in the box; a free one is copied once, with the tags the user chose', async () => {
    const source = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([
      { pickMany: [regionLabel('us-west-2')] },
      { input: ['Finance-Win2022-West', 'Finance-Copy'] },
      { input: [''] },
      { pick: 'Copy 2 tags' },
    ]);
    const jobs = await copyImage(h.ctx, source);
    assert.deepStrictEqual(p.shown[1].messages, [
      'An image named Finance-Win2022-West already exists in us-west-2. Choose another name.',
    ]);
    assert.deepStrictEqual(
      h.emu.requests({ operation: 'CopyImage' }).map((r) => r.params),
      [{ SourceImageName: 'Finance-Win2022', DestinationImageName: 'Finance-Copy', DestinationRegion: 'us-west-2' }],
    );
    assert.deepStrictEqual(
      jobs!.map((j) => [j.destRegion, j.destName, j.pendingTags]),
      [['us-west-2', 'Finance-Copy', { team: 'finance', 'cost-center': '1234' }]],
      'AppStream copies no tags: the tracker applies them once the copy exists',
    );
    assert.deepStrictEqual(h.tracked, jobs);
    assert.deepStrictEqual(p.notes, [
      'info: Copying Finance-Win2022 to us-west-2. Progress is shown in the status bar.',
    ]);
  });

  it('no destination ticked: a warning, and nothing more is asked or sent', async () => {
    const source = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([{ pickMany: [] }]);
    assert.strictEqual(await copyImage(h.ctx, source), undefined);
    assert.deepStrictEqual(p.notes, ['warning: Choose at least one destination region. Nothing was copied.']);
    assert.ok(
      h.logged.includes('warn: Choose at least one destination region. Nothing was copied.'),
      'the warning is in the log too',
    );
    assert.deepStrictEqual([p.shown.length, h.emu.log.length], [1, 0]);
  });

  it('a failed image is refused with the reason, before any question', async () => {
    const source = await h.row(EAST, 'Broken-Build');
    const p = h.answer([]);
    assert.strictEqual(await copyImage(h.ctx, source), undefined);
    assert.deepStrictEqual(p.shown, []);
    assert.strictEqual(p.notes.length, 1);
    assert.match(
      p.notes[0],
      /^warning: Broken-Build cannot be copied: only available images you own can be copied \(it is .+\)\.$/,
    );
  });

  it('AWS refuses the copy: the failure is reported in words with the region, and nothing is tracked', async () => {
    const source = await h.row(EAST, 'Finance-Win2022');
    h.emu.inject({ kind: 'access-denied', operation: 'CopyImage' });
    const p = h.answer([
      { pickMany: [regionLabel('us-west-2')] },
      { input: ['Finance-Copy'] },
      { input: [''] },
      { pick: 'Do not copy tags' },
    ]);
    assert.deepStrictEqual(await copyImage(h.ctx, source), []);
    assert.strictEqual(p.notes.length, 1);
    assert.match(p.notes[0], /^error: Could not copy Finance-Win2022 to us-west-2: Access denied/);
    assert.deepStrictEqual(h.tracked, []);
  });
});
