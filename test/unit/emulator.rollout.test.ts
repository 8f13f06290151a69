// The local endpoint's roll-out operations, driven by the real SDK clients: UpdateFleet's image change as AWS
// makes it (a running fleet stays RUNNING on the new image, a stopped one records it) and each refusal; and
// UpdateWorkspaceBundle with its refusals.
import * as assert from 'node:assert';
import { AppStreamClient, DescribeFleetsCommand, UpdateFleetCommand } from '@aws-sdk/client-appstream';
import {
  DescribeWorkspaceBundlesCommand,
  UpdateWorkspaceBundleCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { Emulator } from '../emulator/server';

const REGION = 'ca-central-1';
const refused = (name: string, message?: RegExp) => (e: unknown) => {
  const err = e as { name?: string; message?: string };
  return err.name === name && (!message || message.test(err.message ?? ''));
};

describe('local endpoint: roll-outs', () => {
  let emu: Emulator;
  const credentials = { accessKeyId: 'AKIAROLLOUT000000000', secretAccessKey: 'x' };
  const as = () => new AppStreamClient({ region: REGION, endpoint: emu.url, credentials, maxAttempts: 1 });
  const ws = () => new WorkSpacesClient({ region: REGION, endpoint: emu.url, credentials, maxAttempts: 1 });
  const fleet = async (name: string) => (await as().send(new DescribeFleetsCommand({ Names: [name] }))).Fleets![0];

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default' });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('lists the scenario fleets with their type, state, capacity and image', async () => {
    const all = (await as().send(new DescribeFleetsCommand({}))).Fleets!;
    assert.deepStrictEqual(
      all.map((f) => [f.Name, f.FleetType, f.State, f.ImageName || undefined, f.ComputeCapacityStatus?.Running]),
      [
        ['kiosk-always-on', 'ALWAYS_ON', 'RUNNING', 'Kiosk-2026-10', 2],
        ['kiosk-elastic', 'ELASTIC', 'RUNNING', undefined, 0],
        ['kiosk-linux', 'ON_DEMAND', 'RUNNING', 'Kiosk-Linux-2026-12', 1],
        ['kiosk-on-demand', 'ON_DEMAND', 'STOPPED', 'Kiosk-2026-10', 0],
        ['kiosk-starting', 'ALWAYS_ON', 'STARTING', 'Kiosk-2026-10', 0],
      ],
    );
  });

  it('gives a running fleet the image and leaves it RUNNING; a stopped one STOPPED; by name or by ARN', async () => {
    const out = await as().send(new UpdateFleetCommand({ Name: 'kiosk-always-on', ImageName: 'Kiosk-2026-12' }));
    assert.deepStrictEqual([out.Fleet!.State, out.Fleet!.ImageName], ['RUNNING', 'Kiosk-2026-12']);
    assert.match(out.Fleet!.ImageArn!, /:image\/Kiosk-2026-12$/);
    const arn = out.Fleet!.ImageArn!;
    await as().send(new UpdateFleetCommand({ Name: 'kiosk-on-demand', ImageArn: arn }));
    const stopped = await fleet('kiosk-on-demand');
    assert.deepStrictEqual([stopped.State, stopped.ImageName], ['STOPPED', 'Kiosk-2026-12']);
  });

  it('refuses as AWS names it: both image members, a fleet starting, an Elastic fleet, unknown or unavailable images, another platform, an unknown fleet', async () => {
    const send = (input: Record<string, unknown>) => as().send(new UpdateFleetCommand(input));
    await assert.rejects(
      send({
        Name: 'kiosk-always-on',
        ImageName: 'Kiosk-2026-12',
        ImageArn: 'arn:aws:appstream:ca-central-1:123456789012:image/Kiosk-2026-12',
      }),
      refused('InvalidParameterCombinationException'),
    );
    await assert.rejects(
      send({ Name: 'kiosk-starting', ImageName: 'Kiosk-2026-12' }),
      refused('ConcurrentModificationException', /STARTING/),
    );
    await assert.rejects(
      send({ Name: 'kiosk-elastic', ImageName: 'Kiosk-2026-12' }),
      refused('InvalidParameterCombinationException', /Elastic/),
    );
    await assert.rejects(send({ Name: 'kiosk-always-on', ImageName: 'No-Such' }), refused('ResourceNotFoundException'));
    await assert.rejects(
      send({ Name: 'no-such-fleet', ImageName: 'Kiosk-2026-12' }),
      refused('ResourceNotFoundException', /fleet/),
    );
    await assert.rejects(
      send({ Name: 'kiosk-linux', ImageName: 'Kiosk-2026-12' }),
      refused('IncompatibleImageException'),
    );
    emu.world.region(REGION).appstream.get('Kiosk-2026-12')!.image.State = 'PENDING';
    await assert.rejects(
      send({ Name: 'kiosk-always-on', ImageName: 'Kiosk-2026-12' }),
      refused('ResourceNotAvailableException'),
    );
    // The model's constraints: a name that breaks the pattern, a description too long.
    await assert.rejects(
      send({ Name: 'bad name!', ImageName: 'Kiosk-2026-10' }),
      refused('ValidationException', /'name'/),
    );
    await assert.rejects(
      send({ Name: 'kiosk-always-on', Description: 'x'.repeat(257) }),
      refused('ValidationException'),
    );
    assert.strictEqual((await fleet('kiosk-always-on')).ImageName, 'Kiosk-2026-10', 'nothing changed');
  });

  it('UpdateWorkspaceBundle: the account’s bundle takes an available image; refusals otherwise', async () => {
    await ws().send(new UpdateWorkspaceBundleCommand({ BundleId: 'wsb-kioskdesk1', ImageId: 'wsi-kiosknew01' }));
    const b = (await ws().send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-kioskdesk1'] }))).Bundles![0];
    assert.strictEqual(b.ImageId, 'wsi-kiosknew01');
    const send = (input: Record<string, string>) => ws().send(new UpdateWorkspaceBundleCommand(input));
    await assert.rejects(
      send({ BundleId: 'wsb-amazon0003', ImageId: 'wsi-kiosknew01' }),
      refused('InvalidParameterValuesException', /not owned/),
    );
    await assert.rejects(
      send({ BundleId: 'wsb-nosuchbundle', ImageId: 'wsi-kiosknew01' }),
      refused('ResourceNotFoundException'),
    );
    await assert.rejects(
      send({ BundleId: 'wsb-kioskdesk1', ImageId: 'wsi-nosuchimage' }),
      refused('ResourceNotFoundException'),
    );
    await assert.rejects(send({ BundleId: 'wsb-kioskdesk1' }), refused('InvalidParameterValuesException'));
    await assert.rejects(send({ BundleId: 'bad', ImageId: 'wsi-kiosknew01' }), refused('ValidationException'));
    emu.world.region(REGION).workspaces.get('wsi-kioskold01')!.image.State = 'PENDING';
    await assert.rejects(
      send({ BundleId: 'wsb-kioskdesk1', ImageId: 'wsi-kioskold01' }),
      refused('ResourceUnavailableException'),
    );
  });
});
