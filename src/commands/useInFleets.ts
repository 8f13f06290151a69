// "Use in Fleets…" on an owned available AppStream image: the region's fleets that take an image (Always-On and
// On-Demand; Elastic fleets run app blocks and are not offered), picked several at once, then the confirmation
// and one UpdateFleet per fleet (rolloutFleets.ts).
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import type { ImageRecord } from '../core/image';
import { FLEETS_SERVICE, fleetChoice } from '../core/rollout';
import type { CommandContext } from './context';
import { imageNodeArg } from './args';
import { ownedAndAvailable } from './guards';
import { pickOwnedImage } from './pickImage';
import { rollOutToFleets } from './rolloutFleets';
import { fleetPickDescription } from './rolloutText';
import { report, warn } from './run';

export async function useInFleets(ctx: CommandContext, arg: unknown): Promise<CopyJob[] | undefined> {
  const image = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Use in Fleets')));
  if (!image) return undefined;
  if (image.service !== FLEETS_SERVICE) {
    warn(ctx, t('{0} is a WorkSpaces image: fleets are AppStream 2.0; use Use in Bundles instead.', image.name));
    return undefined;
  }
  const usable = ownedAndAvailable(ctx, image, (name, why) =>
    t('{0} cannot be given to fleets: only available images you own can (it is {1}).', name, why),
  );
  if (!usable) return undefined;
  const fleets = await listFleets(ctx, image);
  if (!fleets) return undefined;
  const { offered, elastic } = fleetChoice(fleets, image);
  if (!offered.length) {
    void ctx.prompts.notify('info', noFleetsText(image, fleets.length, elastic.length));
    return undefined;
  }
  const chosen = await ctx.prompts.pickMany(
    offered.map((f) => ({ label: f.name, description: fleetPickDescription(f), value: f })),
    {
      title: t('Use {0} in Fleets ({1})', image.name, image.region),
      placeHolder: elastic.length
        ? t('Fleets to give the image ({0} Elastic not listed: they take no image)', elastic.length)
        : t('Fleets to give the image'),
    },
  );
  if (!chosen?.length) return undefined;
  return rollOutToFleets(ctx, image, chosen);
}

async function listFleets(ctx: CommandContext, image: ImageRecord) {
  try {
    return await ctx.scope.session(image.profile).api.fleets(image.region);
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not list the fleets of {0}', image.region),
        context: { profile: image.profile, region: image.region, iamAction: 'appstream:DescribeFleets' },
      },
    ]);
    return undefined;
  }
}

/** Why no fleet is offered: none in the region, only Elastic ones (they take no image), or all on it already. */
export function noFleetsText(image: Pick<ImageRecord, 'name' | 'region'>, all: number, elastic: number): string {
  if (!all) return t('There are no fleets in {0}. Nothing was sent.', image.region);
  if (elastic === all) {
    return t(
      'The fleets of {0} are all Elastic: Elastic fleets run applications from app blocks and take no image. Nothing was sent.',
      image.region,
    );
  }
  if (!elastic) return t('Every fleet of {0} already uses {1}. Nothing was sent.', image.region, image.name);
  return t(
    'Every fleet of {0} that takes an image already uses {1} ({2} Elastic fleets take no image). Nothing was sent.',
    image.region,
    image.name,
    elastic,
  );
}
