// "Distribute Image…" in plain mocha: the questions, the summary the user agrees to, and that nothing is
// started or sent before they agree.
import * as assert from 'node:assert';
import { distributeImage } from '../../../src/commands/distributeImage';
import { regionLabel } from '../../../src/core/regions';
import { commandHarness, type CommandHarness } from '../../support/commandContext';

const EAST = { service: 'appstream' as const, region: 'us-east-1' };
const CHANGES = ['CopyImage', 'TagResource', 'UpdateImagePermissions'];

describe('command: Distribute Image', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
  });
  afterEach(() => h.dispose());

  it('a declined summary starts nothing and sends no change; the summary lists every step with its requests', async () => {
    const source = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([
      { pickMany: [regionLabel('us-east-1'), regionLabel('eu-west-1')] },
      { input: ['111122223333'] },
      { pickMany: ['Fleets'] },
      { input: ['Finance-Win2022'] },
      { pick: 'Apply 2 tags' },
      { confirm: false },
    ]);
    assert.strictEqual(await distributeImage(h.ctx, source), undefined);
    const summary = p.shown.at(-1)!;
    assert.strictEqual(summary.title, 'Distribute Finance-Win2022 to 2 regions and 1 account?');
    assert.deepStrictEqual(summary.detail!.split('\n').slice(0, 2), [
      '• us-east-1 (source region): no copy, share with 1 account (1 UpdateImagePermissions)',
      '• eu-west-1: copy as Finance-Win2022 (1 CopyImage), wait until available, tag (1 TagResource), share with 1 account (1 UpdateImagePermissions)',
    ]);
    assert.deepStrictEqual(h.distributed, []);
    assert.deepStrictEqual(
      h.emu.log.filter((r) => CHANGES.includes(r.operation)),
      [],
    );
  });

  it('only the source region: no name asked, no tags read; agreed, the distribution starts with the choices', async () => {
    const source = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([
      { pickMany: [regionLabel('us-east-1')] },
      { input: ['111122223333'] },
      { pickMany: ['Fleets', 'Image builders'] },
      { confirm: true },
    ]);
    const d = await distributeImage(h.ctx, source);
    assert.deepStrictEqual(
      p.shown.map((s) => s.kind),
      ['pickMany', 'input', 'pickMany', 'confirm'],
    );
    assert.deepStrictEqual(h.emu.requests({ operation: 'ListTagsForResource' }), []);
    assert.deepStrictEqual(
      h.distributed.map((x) => [x.destinations.map((r) => r.region), x.accounts, x.use, x.tags]),
      [[['us-east-1'], ['111122223333'], { fleets: true, imageBuilders: true }, {}]],
    );
    assert.strictEqual(d, h.distributed[0]);
    assert.deepStrictEqual(p.notes, [
      'info: Distributing Finance-Win2022 to us-east-1. Progress is shown in the status bar.',
    ]);
  });

  it('an image that is not available is refused with the reason, before any question', async () => {
    const source = await h.row({ service: 'appstream', region: 'eu-central-1' }, 'Incoming-2026-04-01');
    const p = h.answer([]);
    assert.strictEqual(await distributeImage(h.ctx, source), undefined);
    assert.match(
      p.notes[0],
      /^warning: Incoming-2026-04-01 cannot be distributed: only available images you own can be \(it is .+\)\.$/,
    );
    assert.deepStrictEqual(p.shown, []);
  });
});
