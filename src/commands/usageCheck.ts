// Before a delete: which of the images something uses, from the usage listing of each (profile, region,
// service) involved (listed once, in parallel, and kept for later). An image in use is never sent to AWS. When
// the listing itself fails the delete goes on: AWS still refuses an image in use, and that refusal is reported.
import { t } from '../platform/l10n';
import { toFailure } from '../aws/errors';
import type { ImageRecord } from '../core/image';
import { Keys } from '../core/imageRef';
import { inUseMessage, usersOf, type ImageUser } from '../core/usage';
import type { CommandContext } from './context';

export interface UsageCheck {
  /** Nothing uses these (or their use could not be checked). */
  readonly free: ImageRecord[];
  readonly inUse: { image: ImageRecord; message: string }[];
  /** Why the use of some images could not be checked, in words. */
  readonly unchecked: string[];
}

export async function checkUsage(ctx: CommandContext, images: readonly ImageRecord[]): Promise<UsageCheck> {
  const refs = new Map(
    images.map((r) => [Keys.group('usage', r), { profile: r.profile, region: r.region, service: r.service }]),
  );
  type Listing = { users: readonly ImageUser[] } | { error: unknown };
  const listings = new Map(
    await Promise.all(
      [...refs].map(async ([key, ref]): Promise<[string, Listing]> => {
        try {
          return [key, { users: await ctx.usage.users(ref) }];
        } catch (error) {
          return [key, { error }];
        }
      }),
    ),
  );
  const check: UsageCheck = { free: [], inUse: [], unchecked: [] };
  const failed = new Map<string, string[]>();
  for (const image of images) {
    const listing = listings.get(Keys.group('usage', image))!;
    if ('error' in listing) {
      const why = toFailure(listing.error, { region: image.region, profile: image.profile }).message;
      failed.set(why, [...(failed.get(why) ?? []), image.name]);
      check.free.push(image);
      continue;
    }
    const users = usersOf(image, listing.users);
    if (users.length) check.inUse.push({ image, message: inUseMessage(image.name, users) });
    else check.free.push(image);
  }
  for (const [why, names] of failed) {
    check.unchecked.push(
      t(
        'What uses {0} could not be checked ({1}); AWS refuses the delete of an image that a fleet, image builder or bundle uses.',
        names.join(', '),
        why,
      ),
    );
  }
  return check;
}
