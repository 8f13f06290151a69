// What a command may act on: copy, update, share and distribute all need an available image the account owns;
// a copy or distribution goes only where AWS takes it, under a name that no image holds, and none of ours is
// about to, in its destinations.
import { t } from '../platform/l10n';
import type { ImageRecord } from '../core/image';
import { isInFlight, jobKind, kindOf } from '../core/copyJobs';
import { isTerminal } from '../core/distribution';
import { copyDestinations, regionLabel, type ServiceId } from '../core/regions';
import { stateKind, stateLabel } from '../core/imageState';
import type { CommandContext } from './context';
import { warn } from './run';

/**
 * True when the image is owned and available; otherwise the user is told why, in `refusal`'s words
 * (`{0}`: the image's name, `{1}`: "not yours" or its state), and nothing is sent.
 */
export function ownedAndAvailable(
  ctx: CommandContext,
  image: ImageRecord,
  refusal: (name: string, why: string) => string,
): boolean {
  if (image.ownership === 'owned' && stateKind(image.state) === 'available') return true;
  warn(ctx, refusal(image.name, image.ownership !== 'owned' ? t('not yours') : stateLabel(image.state)));
  return false;
}

/**
 * The destination regions the user picks for a copy of `source` (only where AWS takes one: copyDestinations);
 * undefined when the pick is closed, or none chosen (`noneChosen` is then said, and nothing is sent).
 */
export async function askDestinations(
  ctx: CommandContext,
  source: ImageRecord,
  words: { title: string; placeHolder: string; sourceRegion: string; noneChosen: string },
): Promise<string[] | undefined> {
  const regions = await ctx.prompts.pickMany(
    copyDestinations(source.service, source.region).map((r) => ({
      label: regionLabel(r),
      value: r,
      description: r === source.region ? words.sourceRegion : undefined,
    })),
    { title: words.title, placeHolder: words.placeHolder },
  );
  if (regions && !regions.length) warn(ctx, words.noneChosen);
  return regions?.length ? regions : undefined;
}

/**
 * The regions where a copy, updated image or distribution of ours is still making an image of this name for the
 * image's profile and service: AWS may not list it yet, and would refuse a second one (a lost answer must never
 * find the other's image as its own).
 */
export function namePending(ctx: CommandContext, of: { profile: string; service: string }, name: string): Set<string> {
  const same = (j: { profile: string; service: string }): boolean =>
    j.profile === of.profile && j.service === of.service;
  return new Set([
    // A delete in flight still holds its name, and AWS lists it meanwhile.
    ...ctx.tracker
      .all()
      .filter(
        (j) =>
          same(j) && isInFlight(j) && kindOf(j).read === 'images' && jobKind(j) !== 'delete' && j.destName === name,
      )
      .map((j) => j.destRegion),
    ...ctx.distributor
      .all()
      .filter((d) => same(d) && d.name === name)
      .flatMap((d) => d.destinations.filter((x) => !x.isSource && !isTerminal(x)).map((x) => x.region)),
  ]);
}

/**
 * "already exists" for the first destination region where the name is taken, checked before anything is sent:
 * by an image AWS lists there, or by one of ours on its way there (namePending).
 */
export async function nameTaken(
  ctx: CommandContext,
  source: ImageRecord,
  regions: readonly string[],
  name: string,
): Promise<string | undefined> {
  const pending = namePending(ctx, source, name);
  for (const region of regions) {
    if (pending.has(region)) {
      return t(
        'An image named {0} is being made in {1} by a copy or distribution in progress. Choose another name.',
        name,
        region,
      );
    }
    if (await ctx.scope.session(source.profile).api.isNameTaken(source.service, region, name)) {
      return t('An image named {0} already exists in {1}. Choose another name.', name, region);
    }
  }
  return undefined;
}

/**
 * The message when `name` is not free for a new image in one region (an image AWS lists there has it, or one of
 * ours is on its way there: namePending), or undefined when it is free. What a create or import flow checks
 * before sending.
 */
export async function nameTakenIn(
  ctx: CommandContext,
  of: { profile: string; service: ServiceId },
  region: string,
  name: string,
): Promise<string | undefined> {
  if (namePending(ctx, of, name).has(region)) {
    return t('An image named {0} is being made in {1} already. Choose another name.', name, region);
  }
  return (await ctx.scope.session(of.profile).api.isNameTaken(of.service, region, name))
    ? t('An image named {0} already exists in {1}. Choose another name.', name, region)
    : undefined;
}
