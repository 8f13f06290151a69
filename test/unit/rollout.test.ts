// Roll-outs, the pure parts: which fleets and bundles are offered, what the confirmation says per fleet, how the
// 'fleet-image' job reads what AWS reports, and every modeled refusal of UpdateFleet and UpdateWorkspaceBundle in words.
import * as assert from 'node:assert';
import { advance, type CopyJob } from '../../src/core/copyJobs';
import { describeFailure } from '../../src/core/errors';
import { bundleChoice, fleetChoice, fleetEffect, type BundleRecord, type FleetRecord } from '../../src/core/rollout';
import { bundleConfirmation, fleetConfirmation, fleetPickDescription } from '../../src/commands/rolloutText';
import { noFleetsText } from '../../src/commands/useInFleets';
import { fleetJob } from '../../src/commands/rolloutFleets';

const f = (name: string, o: Partial<FleetRecord> = {}): FleetRecord => ({
  profile: 'p',
  region: 'ca-central-1',
  name,
  type: 'ALWAYS_ON',
  state: 'RUNNING',
  imageName: 'Old',
  ...o,
});
const image = { name: 'New', arn: 'arn:aws:appstream:ca-central-1:123456789012:image/New' };

describe('roll-out rules', () => {
  it('offers fleets that take an image and are not on it; Elastic ones never', () => {
    const c = fleetChoice(
      [
        f('b'),
        f('a', { type: 'ON_DEMAND' }),
        f('e', { type: 'ELASTIC', imageName: undefined }),
        f('n', { imageName: 'New' }),
      ],
      image,
    );
    assert.deepStrictEqual(
      [c.offered.map((x) => x.name), c.elastic.map((x) => x.name), c.already.map((x) => x.name)],
      [['a', 'b'], ['e'], ['n']],
    );
    // A fleet that names only the ARN (shared image) is on it too.
    assert.deepStrictEqual(
      fleetChoice([f('x', { imageName: undefined, imageArn: image.arn })], image).already.length,
      1,
    );
  });

  it('says what an image change does in each fleet state (FleetState has no updating state)', () => {
    assert.deepStrictEqual(['RUNNING', 'STOPPED', 'STARTING', 'STOPPING'].map(fleetEffect), [
      'replaced',
      'on-start',
      'busy',
      'busy',
    ]);
  });

  it('offers the account’s bundles not on the image', () => {
    const b = (id: string, imageId: string): BundleRecord => ({ profile: 'p', region: 'r', id, name: id, imageId });
    const c = bundleChoice([b('wsb-b', 'wsi-old'), b('wsb-a', 'wsi-new')], { id: 'wsi-new' });
    assert.deepStrictEqual([c.offered.map((x) => x.id), c.already.map((x) => x.id)], [['wsb-b'], ['wsb-a']]);
  });
});

describe('roll-out words', () => {
  it('describes a fleet in the pick with type, state, capacity and image', () => {
    assert.strictEqual(
      fleetPickDescription(f('a', { desired: 2, running: 1 })),
      'Always-On · Running · 1 of 2 running · on Old',
    );
    assert.strictEqual(
      fleetPickDescription(f('a', { type: 'ON_DEMAND', state: 'STOPPED', imageName: undefined })),
      'On-Demand · Stopped · no image',
    );
  });

  it('confirms per fleet what AWS does, and that the old image stays', () => {
    const c = fleetConfirmation('New', 'ca-central-1', [
      f('run'),
      f('stop', { type: 'ON_DEMAND', state: 'STOPPED' }),
      f('busy', { state: 'STOPPING', imageName: 'Older' }),
    ]);
    assert.strictEqual(c.message, 'Give 3 fleets the image New in ca-central-1?');
    assert.strictEqual(c.action, 'Change 3 Fleets');
    assert.deepStrictEqual(c.detail.split('\n'), [
      '• run (Always-On, running): Old → New. New sessions start on New; instances on Old are replaced as their sessions end (no session is ended).',
      '• stop (On-Demand, stopped): Old → New. It uses New when it is next started.',
      '• busy (Always-On, stopping): AWS refuses changes while a fleet starts or stops; it will likely answer that the fleet is busy.',
      '',
      'Old, Older stays as it is: no image is deleted.',
      'One UpdateFleet is sent per fleet.',
    ]);
    const one = fleetConfirmation('New', 'r', [f('solo')]);
    assert.deepStrictEqual([one.message, one.action], ['Give fleet solo the image New in r?', 'Change Image']);
  });

  it('confirms a bundle change: new WorkSpaces get the image, existing ones when rebuilt', () => {
    const c = bundleConfirmation({ name: 'Img', id: 'wsi-new' }, 'r', [
      { profile: 'p', region: 'r', id: 'wsb-1', name: 'Desk', imageId: 'wsi-old' },
    ]);
    assert.deepStrictEqual([c.message, c.action], ['Give bundle Desk the image Img in r?', 'Change Bundle']);
    assert.match(
      c.detail,
      /New WorkSpaces launched from these bundles get Img\. Existing WorkSpaces keep their image until they are rebuilt\./,
    );
  });

  it('says why no fleet is offered', () => {
    const img = { name: 'New', region: 'r' };
    assert.strictEqual(noFleetsText(img, 0, 0), 'There are no fleets in r. Nothing was sent.');
    assert.match(
      noFleetsText(img, 2, 2),
      /are all Elastic: Elastic fleets run applications from app blocks and take no image/,
    );
    assert.strictEqual(noFleetsText(img, 1, 0), 'Every fleet of r already uses New. Nothing was sent.');
    assert.match(noFleetsText(img, 3, 1), /that takes an image already uses New \(1 Elastic fleets take no image\)/);
  });
});

describe("the 'fleet-image' job", () => {
  const job = (): CopyJob =>
    fleetJob(f('kiosk'), { profile: 'p', region: 'ca-central-1', ...image, ownership: 'owned' }, 'RUNNING');

  it('ends when AWS lists the fleet at rest on the new image', () => {
    const j = job();
    assert.deepStrictEqual(
      [j.kind, j.destId, j.sourceName, j.id.endsWith('#fleet-image')],
      ['fleet-image', 'kiosk', 'New', true],
    );
    assert.strictEqual(advance(j, { state: 'RUNNING', image: 'New' }, 1).outcome, 'succeeded');
    assert.strictEqual(advance(j, { state: 'STOPPED', image: image.arn }, 1).outcome, 'succeeded', 'by ARN');
    assert.strictEqual(advance(j, { state: 'STARTING', image: 'New' }, 1).outcome, undefined);
  });

  it('fails when the fleet is on another image after it was seen; gone when no longer listed', () => {
    const first = advance(job(), { state: 'RUNNING', image: 'Old' }, 1);
    assert.strictEqual(first.outcome, undefined, 'the first look may come before AWS lists the change');
    const second = advance(first, { state: 'RUNNING', image: 'Other' }, 2);
    assert.deepStrictEqual(
      [second.outcome, second.reason],
      ['failed', 'The fleet is on another image now: it was changed again since.'],
    );
    const gone = advance({ ...job(), seen: true }, undefined, 3);
    assert.deepStrictEqual(
      [gone.outcome, gone.reason],
      ['disappeared', 'The fleet is no longer listed in its region.'],
    );
  });
});

describe('roll-out refusals in words', () => {
  const said = (name: string, rollout: 'fleet' | 'bundle') =>
    describeFailure({ name, message: 'AWS said no.' }, { region: 'r', rollout });

  it('words every modeled refusal of UpdateFleet', () => {
    const cases: [string, string, RegExp][] = [
      [
        'ConcurrentModificationException',
        'concurrent',
        /starting, stopping or being changed: wait until it is running or stopped/,
      ],
      ['ResourceInUseException', 'in-use', /cannot take a new image in its current state/],
      ['OperationNotPermittedException', 'not-available', /an Elastic fleet takes no image/],
      ['IncompatibleImageException', 'incompatible', /does not fit the fleet/],
      ['ResourceNotFoundException', 'not-found', /The fleet or the image is gone/],
      ['ResourceNotAvailableException', 'not-available', /only an available image can be used/],
      [
        'InvalidParameterCombinationException',
        'invalid-input',
        /combination of settings: AWS said no\. Nothing was changed\./,
      ],
      ['LimitExceededException', 'limit', /An AppStream quota was reached in r/],
      ['InvalidRoleException', 'access-denied', /IAM role cannot be assumed/],
      ['InvalidAccountStatusException', 'not-available', /contact AWS Support/],
    ];
    for (const [name, kind, words] of cases) {
      const failure = said(name, 'fleet');
      assert.strictEqual(failure.kind, kind, name);
      assert.match(failure.message, /^AWS said no\.|AWS said no\./, name);
      assert.match(failure.message, words, name);
      assert.strictEqual(failure.userMustFix, true, name);
    }
    // RequestLimitExceededException is throttling: retried, said as such.
    assert.strictEqual(said('RequestLimitExceededException', 'fleet').kind, 'throttled');
  });

  it('words every modeled refusal of UpdateWorkspaceBundle', () => {
    const cases: [string, string, RegExp][] = [
      ['ResourceNotFoundException', 'not-found', /The bundle or the image is gone/],
      ['ResourceUnavailableException', 'not-available', /an image must be available/],
      ['InvalidParameterValuesException', 'invalid-input', /Only a bundle of this account can be changed/],
      ['OperationNotSupportedException', 'not-available', /The bundle keeps its image/],
    ];
    for (const [name, kind, words] of cases) {
      const failure = said(name, 'bundle');
      assert.deepStrictEqual([failure.kind, words.test(failure.message)], [kind, true], name);
    }
    const denied = describeFailure(
      { name: 'AccessDeniedException', message: 'no' },
      { rollout: 'bundle', iamAction: 'workspaces:UpdateWorkspaceBundle' },
    );
    assert.match(denied.message, /it needs workspaces:UpdateWorkspaceBundle/);
  });
});
