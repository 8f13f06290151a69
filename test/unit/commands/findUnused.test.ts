// "Find Unused Images…" in plain mocha: which images are offered for deletion and why, and that only what the
// user chose, and confirmed, is sent.
import * as assert from 'node:assert';
import { findUnusedImages } from '../../../src/commands/findUnused';
import { regionLabel } from '../../../src/core/regions';
import { commandHarness, type CommandHarness } from '../../support/commandContext';

describe('command: Find Unused Images', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
  });
  afterEach(() => h.dispose());

  it('an invalid age is refused in the box, and nothing is listed', async () => {
    h.emu.clearLog();
    const p = h.answer([{ pick: regionLabel('eu-central-1') }, { input: ['0', '-3'] }]);
    assert.strictEqual(await findUnusedImages(h.ctx, undefined, undefined), undefined);
    assert.strictEqual(p.shown[1].messages!.length, 2);
    assert.strictEqual(h.emu.log.length, 0);
  });

  it("offers old images that nothing uses, keeps each family's newest, and deletes only what is chosen and confirmed", async () => {
    h.emu.clearLog();
    const p = h.answer([
      { pick: regionLabel('eu-central-1') },
      { input: ['100'] },
      { pick: 'Leave them out' },
      { pickMany: ['Finance-Win2022-2026-01-15', 'golden_v10'] },
      { confirm: true },
    ]);
    const result = await findUnusedImages(h.ctx, undefined, undefined);
    const offered = p.shown[3].items!;
    assert.ok(
      offered.includes('Finance-Win2022-2026-01-15') && offered.includes('Finance-Win2022-2026-06-01'),
      'old versions of a family',
    );
    for (const kept of [
      'Finance-Win2022-2026-11-20',
      'Kiosk-Base',
      'golden_v11',
      'golden_v12',
      'Nightly-20261115',
      'Partner-Export-2026-03-01',
    ]) {
      assert.ok(!offered.includes(kept), `${kept} is the newest of its family, in use, recent or shared`);
    }
    assert.strictEqual(p.shown[4].title, 'Delete 2 images from eu-central-1?');
    assert.deepStrictEqual(
      h.emu.requests({ operation: 'DeleteImage' }).map((r) => r.params),
      [{ Name: 'Finance-Win2022-2026-01-15' }, { Name: 'golden_v10' }],
    );
    assert.deepStrictEqual(
      result!.deleted!.deleted.map((r) => r.name),
      ['Finance-Win2022-2026-01-15', 'golden_v10'],
    );
    assert.ok(
      h.logged.some((l) => l.startsWith('info: Find Unused Images: kept golden_v12')),
      'the log says why each image was kept',
    );
  });

  it('candidates chosen, the delete declined: no DeleteImage', async () => {
    const p = h.answer([
      { pick: regionLabel('eu-central-1') },
      { input: ['100'] },
      { pick: 'Leave them out' },
      { pickMany: ['golden_v10'] },
      { confirm: false },
    ]);
    const result = await findUnusedImages(h.ctx, undefined, undefined);
    assert.deepStrictEqual(
      result!.chosen.map((r) => r.name),
      ['golden_v10'],
    );
    assert.strictEqual(result!.deleted, undefined);
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(h.emu.requests({ operation: 'DeleteImage' }), []);
  });

  it('a region that cannot be listed is reported in words; nothing is offered from it', async () => {
    h.emu.inject({ kind: 'access-denied', operation: 'DescribeImages', region: 'eu-central-1' });
    const p = h.answer([{ pick: regionLabel('eu-central-1') }, { input: ['100'] }]);
    assert.strictEqual(await findUnusedImages(h.ctx, undefined, undefined), undefined);
    assert.strictEqual(p.notes.length, 1);
    assert.match(p.notes[0], /^error: Could not look for unused images in eu-central-1: Access denied in eu-central-1/);
  });
});
