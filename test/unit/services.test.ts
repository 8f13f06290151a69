// What each service can do (core/services.ts), as the user meets it: the "Shared with" row and the "Shared" mark
// after a change of sharing, where a copy may go, and what the rows of a service show.
import * as assert from 'node:assert';
import type { ImageRecord } from '../../src/core/image';
import { kindLabel } from '../../src/core/usage';
import { SERVICES, type ServiceId } from '../../src/core/regions';
import { afterSharingChange, SERVICES_CAN } from '../../src/core/services';
import { offersSharedWith } from '../../src/core/sharing';
import { exportRow } from '../../src/core/exportImages';

const owned = (service: ServiceId, extra: Partial<ImageRecord> = {}): ImageRecord => ({
  profile: 'p',
  service,
  region: 'us-east-1',
  id: service === 'appstream' ? 'Golden' : 'wsi-golden001',
  name: 'Golden',
  state: 'AVAILABLE',
  ownership: 'owned',
  applications: [],
  reasons: [],
  raw: {},
  ...extra,
});

describe('what each service can do', () => {
  it('AppStream: sharing an image marks its row shared at once and offers its accounts; stopping with the last account clears both', () => {
    const listed = owned('appstream', { sharedWithOthers: false });
    assert.ok(!offersSharedWith(listed), 'an unshared AppStream image has no "Shared with" row');
    const shared = afterSharingChange(listed, true);
    assert.strictEqual(exportRow(shared!, undefined).sharedWithOthers, 'true');
    assert.ok(offersSharedWith(shared!));
    const unshared = afterSharingChange(shared!, false);
    assert.strictEqual(exportRow(unshared!, undefined).sharedWithOthers, 'false');
    assert.ok(!offersSharedWith(unshared!));
  });

  it('WorkSpaces: listings say nothing of sharing, so every owned image offers its accounts and a change is asked of AWS again', () => {
    const listed = owned('workspaces');
    assert.ok(offersSharedWith(listed));
    assert.strictEqual(afterSharingChange(listed, true), undefined, 'no made-up mark: the row is read again');
    assert.strictEqual(afterSharingChange(listed, false), undefined);
    assert.ok(
      !offersSharedWith(owned('workspaces', { ownership: 'shared' })),
      'an image shared with me has no accounts to show',
    );
  });

  it('the service rows: their icons and what can use their images', () => {
    assert.deepStrictEqual(
      SERVICES.map((s) => [s, SERVICES_CAN[s].icon, SERVICES_CAN[s].usageKinds.map(kindLabel).join(', ')]),
      [
        ['appstream', 'window', 'fleet, image builder'],
        ['workspaces', 'vm', 'bundle'],
      ],
    );
  });
});
