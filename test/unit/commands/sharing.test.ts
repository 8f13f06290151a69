// "Share Image…" and "Stop Sharing…" decisions in plain mocha: what the user is asked and told, and the
// permission requests AWS receives.
import * as assert from 'node:assert';
import { shareImage } from '../../../src/commands/sharing';
import { commandHarness, type CommandHarness } from '../../support/commandContext';

const EAST = { service: 'appstream' as const, region: 'us-east-1' };
const WS = { service: 'workspaces' as const, region: 'us-east-1' };

describe('command: Share Image', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
  });
  afterEach(() => h.dispose());

  it('an invalid account ID is said in the box, and nothing is shared', async () => {
    const image = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([{ input: ['12345'] }]);
    assert.strictEqual(await shareImage(h.ctx, image), undefined);
    assert.deepStrictEqual(p.shown[0].messages, ['12345 has 5 digits; an AWS account ID has 12.']);
    assert.deepStrictEqual(h.emu.requests({ operation: 'UpdateImagePermissions' }), []);
  });

  it('AppStream: one UpdateImagePermissions per account, with what the user ticked', async () => {
    const image = await h.row(EAST, 'Finance-Win2022');
    h.emu.clearLog();
    const p = h.answer([{ input: ['111122223333, 444455556666'] }, { pickMany: ['Image builders'] }]);
    const result = await shareImage(h.ctx, image);
    assert.deepStrictEqual(result, { shared: ['111122223333', '444455556666'], notTried: [] });
    const perms = { allowFleet: false, allowImageBuilder: true };
    assert.deepStrictEqual(
      h.emu.requests({ operation: 'UpdateImagePermissions' }).map((r) => r.params),
      [
        { Name: 'Finance-Win2022', SharedAccountId: '111122223333', ImagePermissions: perms },
        { Name: 'Finance-Win2022', SharedAccountId: '444455556666', ImagePermissions: perms },
      ],
    );
    assert.deepStrictEqual(p.notes, ['info: Finance-Win2022 is now shared with 111122223333, 444455556666.']);
    assert.ok(h.redraws.length > 0, 'the tree is told to show the new accounts');
  });

  it('WorkSpaces: nothing to choose; each account may copy the image', async () => {
    const image = await h.row(WS, 'Standard-Win11');
    h.emu.clearLog();
    const p = h.answer([{ input: ['111122223333'] }]);
    await shareImage(h.ctx, image);
    assert.deepStrictEqual(
      p.shown.map((s) => s.kind),
      ['input'],
    );
    assert.deepStrictEqual(
      h.emu.requests({ operation: 'UpdateWorkspaceImagePermission' }).map((r) => r.params),
      [{ ImageId: 'wsi-abc123def', SharedAccountId: '111122223333', AllowCopyImage: true }],
    );
  });

  it("the image's own account is refused in the box: AWS is not asked", async () => {
    const image = await h.row(EAST, 'Finance-Win2022');
    const own = image.record.arn!.split(':')[4];
    h.emu.clearLog();
    const p = h.answer([{ input: [own] }]);
    assert.strictEqual(await shareImage(h.ctx, image), undefined);
    assert.deepStrictEqual(p.shown[0].messages, [`${own} is the account that owns the image.`]);
    assert.deepStrictEqual(h.emu.requests({ operation: 'UpdateImagePermissions' }), []);
  });
});
