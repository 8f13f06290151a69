// "Delete Image…" in plain mocha: the confirmation's decisions, and the DeleteImage requests AWS receives.
import * as assert from 'node:assert';
import { deleteImage } from '../../../src/commands/deleteImage';
import { commandHarness, type CommandHarness } from '../../support/commandContext';

const EAST = { service: 'appstream' as const, region: 'us-east-1' };

describe('command: Delete Image', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
  });
  afterEach(() => h.dispose());

  it('a declined confirmation sends no DeleteImage', async () => {
    const image = await h.row(EAST, 'Image-00011');
    h.emu.clearLog();
    const p = h.answer([{ confirm: false }]);
    assert.strictEqual(await deleteImage(h.ctx, image, undefined), undefined);
    assert.strictEqual(p.shown[0].title, 'Delete the image Image-00011 from us-east-1?');
    assert.match(p.shown[0].detail!, /This cannot be undone\.$/);
    assert.deepStrictEqual(h.emu.requests({ operation: 'DeleteImage' }), []);
    assert.deepStrictEqual([h.tracked, p.notes], [[], []]);
  });

  it('confirmed: one DeleteImage, and the tracker follows the deletion', async () => {
    const image = await h.row(EAST, 'Image-00011');
    h.emu.clearLog();
    h.answer([{ confirm: true }]);
    const result = await deleteImage(h.ctx, image, undefined);
    assert.deepStrictEqual(
      result!.deleted.map((r) => r.name),
      ['Image-00011'],
    );
    assert.deepStrictEqual(
      h.emu.requests({ operation: 'DeleteImage' }).map((r) => r.params),
      [{ Name: 'Image-00011' }],
    );
    assert.deepStrictEqual(
      h.tracked.map((j) => [j.kind, j.destName, j.destRegion]),
      [['delete', 'Image-00011', 'us-east-1']],
    );
  });

  it('with a typed confirmation, a wrong name is refused in the box and nothing is sent', async () => {
    h.settings = { deleteConfirmation: 'typeName' };
    const image = await h.row(EAST, 'Image-00011');
    h.emu.clearLog();
    const p = h.answer([{ input: ['Image-0001', 'image-00011'] }]);
    assert.strictEqual(await deleteImage(h.ctx, image, undefined), undefined);
    assert.strictEqual(p.shown[0].messages!.length, 2, 'each wrong name is refused');
    assert.deepStrictEqual(h.emu.requests({ operation: 'DeleteImage' }), []);
  });

  it('several images: one confirmation names them all; an image in use is left out, with what to do', async () => {
    const free = await h.row(EAST, 'Image-00011');
    const used = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([{ confirm: true }]);
    const result = await deleteImage(h.ctx, free, [free, used]);
    assert.deepStrictEqual(p.notes, [
      'warning: Not deleted: Finance-Win2022 is used by image builder finance-builder: delete the image builder, then delete the image.',
    ]);
    assert.strictEqual(p.shown[0].title, 'Delete the image Image-00011 from us-east-1?');
    assert.deepStrictEqual(
      h.emu.requests({ operation: 'DeleteImage' }).map((r) => r.params),
      [{ Name: 'Image-00011' }],
    );
    assert.deepStrictEqual(
      result!.failed.map((f) => f.image.name),
      ['Finance-Win2022'],
    );
  });

  it('an image that is not deletable (in transition) is refused before any question or request', async () => {
    const image = await h.row({ service: 'appstream', region: 'eu-central-1' }, 'Incoming-2026-04-01');
    h.emu.clearLog();
    const p = h.answer([]);
    assert.strictEqual(await deleteImage(h.ctx, image, undefined), undefined);
    assert.deepStrictEqual(p.notes, [
      'warning: Not deleted: Incoming-2026-04-01. Only images you own that are available or failed can be deleted.',
    ]);
    assert.deepStrictEqual([p.shown, h.emu.log.length], [[], 0]);
  });
});
