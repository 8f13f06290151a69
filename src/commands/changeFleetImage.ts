// "Change Image…" on a fleet row under an image's "Used by": the same roll-out from the fleet's side. The fleet is
// read again (its state and type now), then one of the region's available images is picked (the account's own,
// or shared with it), then the confirmation and one UpdateFleet (rolloutFleets.ts).
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import { ownedList, type ImageListKey, type ImageRecord } from '../core/image';
import { stateKind } from '../core/imageState';
import { imageDescription } from '../core/present';
import { FLEETS_SERVICE, fleetOn, fleetTypeLabel, takesImage, type FleetRecord } from '../core/rollout';
import type { UsageRowNode } from '../tree/nodes';
import type { CommandContext } from './context';
import { isNode } from './args';
import { rollOutToFleets } from './rolloutFleets';
import { report, warn } from './run';

function fleetRowArg(arg: unknown): UsageRowNode | undefined {
  return isNode(arg) && arg.kind === 'usageRow' && arg.contextValue === 'usage.fleet' ? arg : undefined;
}

export async function changeFleetImage(ctx: CommandContext, arg: unknown): Promise<CopyJob[] | undefined> {
  const row = fleetRowArg(arg);
  if (!row) return undefined;
  const { profile, region } = row.parent.parent.record;
  const api = ctx.scope.session(profile).api;
  let fleet: FleetRecord | undefined;
  let images: ImageRecord[];
  try {
    [fleet, images] = await Promise.all([
      api.describeFleets(region, [row.label]).then((f) => f[0]),
      regionImages(ctx, profile, region),
    ]);
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not read fleet {0} and the images of {1}', row.label, region),
        context: { profile, region, action: t('reading fleet {0} and the images of {1}', row.label, region) },
      },
    ]);
    return undefined;
  }
  if (!fleet) {
    warn(ctx, t('Fleet {0} is no longer listed in {1}: refresh the view. Nothing was sent.', row.label, region));
    return undefined;
  }
  if (!takesImage(fleet)) {
    warn(
      ctx,
      t(
        '{0} is an Elastic fleet: it runs applications from app blocks and takes no image. Nothing was sent.',
        fleet.name,
      ),
    );
    return undefined;
  }
  const offered = images.filter((r) => !fleetOn(fleet, r));
  if (!offered.length) {
    void ctx.prompts.notify(
      'info',
      t('There is no other available image in {0} to give {1}. Nothing was sent.', region, fleet.name),
    );
    return undefined;
  }
  const image = await ctx.prompts.pick(
    offered.map((r) => ({
      label: r.name,
      description: [r.ownership === 'owned' ? t('yours') : t('shared with you'), imageDescription(r)].join(' · '),
      value: r,
    })),
    {
      title: t('Change Image of Fleet {0} ({1}, {2})', fleet.name, fleetTypeLabel(fleet.type), region),
      placeHolder: t('Image (type to filter); the fleet is on {0}', fleet.imageName ?? fleet.imageArn ?? t('no image')),
    },
  );
  if (!image) return undefined;
  return rollOutToFleets(ctx, image, [fleet]);
}

/** The region's available AppStream images a fleet may take: the account's own, then those shared with it. */
async function regionImages(ctx: CommandContext, profile: string, region: string): Promise<ImageRecord[]> {
  const api = ctx.scope.session(profile).api;
  const owned = ownedList({ profile, service: FLEETS_SERVICE, region });
  const keys: ImageListKey[] = [owned, { ...owned, listType: 'SHARED' }];
  const out: ImageRecord[] = [];
  for (const key of keys) {
    for await (const page of api.pages(key, ctx.settings().pageSize)) {
      out.push(...page.filter((r) => stateKind(r.state) === 'available'));
    }
  }
  return out;
}
