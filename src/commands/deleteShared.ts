// Deleting images that are shared with other accounts. WorkSpaces refuses to delete a shared image until it is
// unshared; AppStream takes a deleted image away from the other accounts' fleets. So the delete confirmation
// lists the accounts and offers "Stop sharing with N accounts, then delete" as an explicit choice — never the
// default button — done in that order. Which images are shared is asked of AWS before the confirmation: only
// for images that may be (AppStream says it in every listing; WorkSpaces listings do not, so every owned
// WorkSpaces image is asked, one request per page of its accounts).
import { t } from '../platform/l10n';
import type { ImageRecord } from '../core/image';
import { toFailure } from '../aws/errors';
import { SERVICES, type ServiceId } from '../core/regions';
import { afterSharingChange } from '../core/services';
import { offersSharedWith } from '../core/sharing';
import type { CommandContext } from './context';
import type { ErrorReport } from './run';
import { sharingContext } from './sharing';

export interface SharingOfImages {
  /** The images shared with other accounts, and those accounts. */
  shared: Map<ImageRecord, string[]>;
  /** Images whose accounts could not be read, with why (the delete may still be tried). */
  unknown: Map<ImageRecord, string>;
}

export async function sharingOf(ctx: CommandContext, images: ImageRecord[]): Promise<SharingOfImages> {
  const out: SharingOfImages = { shared: new Map(), unknown: new Map() };
  for (const image of images.filter(offersSharedWith)) {
    try {
      const accounts = (await ctx.scope.session(image.profile).api.sharedAccounts(image)).map((a) => a.accountId);
      if (accounts.length) out.shared.set(image, accounts);
    } catch (e) {
      out.unknown.set(image, toFailure(e, sharingContext(image, 'list', '')).message);
    }
  }
  return out;
}

export const sharedCount = (s: SharingOfImages): number => [...s.shared.values()].reduce((n, a) => n + a.length, 0);

/** What deleting a shared image does, in each service's words. */
const deleteSharedEffect = (): Record<ServiceId, string> => ({
  appstream: t("AppStream 2.0: deleting a shared image takes it away from those accounts' fleets."),
  workspaces: t('WorkSpaces does not delete a shared image: stop sharing it first.'),
});

/** Lines for the confirmation's detail: who each image is shared with, and what a delete does to them. */
export function sharingLines(s: SharingOfImages): string[] {
  const lines: string[] = [];
  for (const [image, accounts] of s.shared) {
    lines.push(t('{0} is shared with {1}.', image.name, accounts.join(', ')));
  }
  const services = new Set([...s.shared.keys()].map((r) => r.service));
  lines.push(...SERVICES.filter((id) => services.has(id)).map((id) => deleteSharedEffect()[id]));
  for (const [image, why] of s.unknown) lines.push(t('Could not check who {0} is shared with: {1}', image.name, why));
  return lines.length ? ['', ...lines] : [];
}

/** The label of the explicit choice. */
export function unshareThenDeleteLabel(s: SharingOfImages): string {
  const n = sharedCount(s);
  return n === 1 ? t('Stop sharing with 1 account, then delete') : t('Stop sharing with {0} accounts, then delete', n);
}

/**
 * The delete of shared images, confirmed: `true` to stop sharing first, `false` to delete only, undefined when
 * cancelled. With the modal dialog, "Delete" stays the default button; with a typed confirmation, a pick asks
 * first (the typed name follows).
 */
export async function chooseSharedDelete(
  ctx: CommandContext,
  s: SharingOfImages,
  q: { message: string; detail: string; deleteLabel: string; modal: boolean },
): Promise<boolean | undefined> {
  const unshare = unshareThenDeleteLabel(s);
  if (q.modal) {
    const chosen = await ctx.prompts.choose(q.message, q.detail, [q.deleteLabel, unshare]);
    return chosen === undefined ? undefined : chosen === unshare;
  }
  return ctx.prompts.pick(
    [
      { label: q.deleteLabel, value: false, detail: q.detail.replace(/\n+/g, ' ') },
      { label: unshare, value: true },
    ],
    { title: q.message, placeHolder: sharingLines(s).filter(Boolean).join(' ') },
  );
}

/** Stops sharing the image with every account, in order; the first refusal is returned (the image is then not deleted). */
export async function unshareAll(
  ctx: CommandContext,
  image: ImageRecord,
  accounts: string[],
): Promise<ErrorReport | undefined> {
  const api = ctx.scope.session(image.profile).api;
  for (const accountId of accounts) {
    try {
      await api.unshare(image, accountId);
    } catch (e) {
      return {
        error: e,
        title: t('Could not stop sharing {0} with {1}, so it was not deleted', image.name, accountId),
        context: sharingContext(image, 'unshare', t('unsharing {0} with {1}', image.name, accountId)),
      };
    }
  }
  ctx.refreshes.sharing(image, afterSharingChange(image, false), 'sharing');
  return undefined;
}
