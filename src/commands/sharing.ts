// Sharing an owned image: "Share Image…" (several accounts at once, checked as they are typed; AppStream asks
// what they may do), "Change Permissions…" on an AppStream account row and "Stop Sharing…" on account rows,
// behind a confirmation that says what the accounts lose. Every change is sent once (a lost answer is settled
// by looking at the account's permissions) and AWS's refusals are reported as what to do.
import { t } from '../platform/l10n';
import type { FailureContext } from '../core/errors';
import type { ImageRecord } from '../core/image';
import { accountIdsRule, parseAccountIds } from '../core/accountRules';
import { offersSharedWith, ownerAccountOf, sameUse, SHARING_IAM, sharingHasUse, type ImageUse } from '../core/sharing';
import { SERVICE_LABELS } from '../core/image';
import { SERVICES, type ServiceId } from '../core/regions';
import { afterSharingChange } from '../core/services';
import type { AccountNode, SharedWithNode } from '../tree/nodes';
import type { CommandContext } from './context';
import { ownedAndAvailable } from './guards';
import { imageNodeArg, isNode } from './args';
import { pickOwnedImage } from './pickImage';
import { report, type ErrorReport, warn } from './run';

export interface ShareResult {
  shared: string[];
  /** The account AWS refused, and why; the accounts after it were not tried. */
  failed?: { accountId: string; message: string };
  notTried: string[];
}

export interface UnshareResult {
  unshared: { image: string; accountId: string }[];
  failed: { image: string; accountId: string; message: string }[];
}

/** What a failure of a sharing request is reported with: the image's region, and the IAM action it needs. */
export function sharingContext(image: ImageRecord, op: keyof typeof SHARING_IAM, action: string): FailureContext {
  return {
    profile: image.profile,
    region: image.region,
    sharing: true,
    iamAction: SHARING_IAM[op][image.service],
    action,
  };
}

const sharedWithArg = (arg: unknown): SharedWithNode | undefined =>
  isNode(arg) && arg.kind === 'sharedWith' ? arg : undefined;
const accountArg = (arg: unknown): AccountNode | undefined => (isNode(arg) && arg.kind === 'account' ? arg : undefined);

export async function shareImage(ctx: CommandContext, arg: unknown): Promise<ShareResult | undefined> {
  const image =
    imageNodeArg(arg)?.record ?? sharedWithArg(arg)?.parent.record ?? (await pickOwnedImage(ctx, t('Share Image')));
  if (!image) return undefined;
  if (
    !ownedAndAvailable(ctx, image, (name, why) =>
      t('{0} cannot be shared: only available images you own can be shared (it is {1}).', name, why),
    )
  ) {
    return undefined;
  }
  const api = ctx.scope.session(image.profile).api;
  const title = t('Share {0} ({1})', image.name, image.region);
  // The accounts it is shared with already, so the input box can say so (an unshared AppStream image has none).
  let already: string[] = [];
  try {
    already = offersSharedWith(image) ? (await api.sharedAccounts(image)).map((a) => a.accountId) : [];
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not read who {0} is shared with', image.name),
        context: sharingContext(image, 'list', t('reading who {0} is shared with', image.name)),
      },
    ]);
    return undefined;
  }
  const accounts = await askAccountIds(
    ctx,
    image,
    title,
    t('AWS account IDs to share with: 12 digits each, several separated by commas, spaces or new lines'),
    already,
  );
  if (!accounts) return undefined;
  const use = await askUseFor(ctx, image.service, title);
  if (!use) return undefined;

  const result: ShareResult = { shared: [], notTried: [] };
  for (const [i, accountId] of accounts.entries()) {
    try {
      // Sent once: a lost answer is settled by looking at this account's permissions.
      await api.share(image, accountId, use);
      result.shared.push(accountId);
    } catch (e) {
      // What AWS refused for one account (the image, the quota) it would refuse for the next: stop, and say so.
      result.notTried = accounts.slice(i + 1);
      const rest = result.notTried.length ? t(' (not tried: {0})', result.notTried.join(', ')) : '';
      const [f] = report(ctx, [
        {
          error: e,
          title: t('Could not share {0} with {1}{2}', image.name, accountId, rest),
          context: sharingContext(image, 'share', t('sharing {0} with {1}', image.name, accountId)),
        },
      ]);
      result.failed = { accountId, message: f.message };
      break;
    }
  }
  if (result.shared.length) {
    ctx.refreshes.sharing(image, afterSharingChange(image, true), 'sharing');
    void ctx.prompts.notify('info', t('{0} is now shared with {1}.', image.name, result.shared.join(', ')));
  }
  return result;
}

/** What AppStream accounts may do with the image: fleets, image builders, or both (at least one). */
/** Account IDs to share `image` with, checked as typed (12 digits, not its owner, not twice, not in `already`). */
export async function askAccountIds(
  ctx: CommandContext,
  image: ImageRecord,
  title: string,
  prompt: string,
  already: readonly string[] = [],
): Promise<string[] | undefined> {
  const text = await ctx.prompts.input({
    title,
    placeHolder: '111122223333, 444455556666',
    prompt,
    validate: accountIdsRule({ ownAccount: ownerAccountOf(image), alreadyShared: new Set(already) }),
  });
  return text === undefined ? undefined : parseAccountIds(text);
}

/** What the accounts may use the image for: AppStream asks; WorkSpaces shares by letting them copy it, nothing to choose. */
export function askUseFor(ctx: CommandContext, service: ServiceId, title: string): Promise<ImageUse | undefined> {
  return sharingHasUse(service)
    ? askUse(ctx, title, undefined)
    : Promise.resolve({ fleets: false, imageBuilders: false });
}

export async function askUse(
  ctx: CommandContext,
  title: string,
  current: ImageUse | undefined,
): Promise<ImageUse | undefined> {
  const chosen = await ctx.prompts.pickMany(
    [
      {
        label: t('Fleets'),
        description: t('launch fleets from the image'),
        value: 'fleets',
        picked: current?.fleets ?? true,
      },
      {
        label: t('Image builders'),
        description: t('create image builders from the image'),
        value: 'imageBuilders',
        picked: current?.imageBuilders ?? false,
      },
    ],
    { title, placeHolder: t('What may the accounts use the image for?') },
  );
  if (!chosen) return undefined;
  if (!chosen.length) {
    warn(ctx, t('Choose fleets, image builders or both. Nothing was changed.'));
    return undefined;
  }
  return { fleets: chosen.includes('fleets'), imageBuilders: chosen.includes('imageBuilders') };
}

export async function changePermissions(ctx: CommandContext, arg: unknown): Promise<ImageUse | undefined> {
  const node = accountArg(arg);
  if (!node?.account.use) return undefined;
  const image = node.parent.parent.record;
  const { accountId, use: before } = { accountId: node.account.accountId, use: node.account.use };
  const use = await askUse(ctx, t('What {0} may do with {1}', accountId, image.name), before);
  if (!use) return undefined;
  if (sameUse(use, before)) {
    void ctx.prompts.notify(
      'info',
      t('{0} already has these permissions on {1}. Nothing was changed.', accountId, image.name),
    );
    return undefined;
  }
  if (
    before.fleets &&
    !use.fleets &&
    !(await ctx.prompts.confirm(
      t('Stop {0} from using {1} in fleets?', accountId, image.name),
      t('Fleets in account {0} that use the image lose it, and AWS scales them to zero.', accountId),
      t('Change Permissions'),
    ))
  ) {
    return undefined;
  }
  try {
    await ctx.scope.session(image.profile).api.share(image, accountId, use);
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not change what {0} may do with {1}', accountId, image.name),
        context: sharingContext(image, 'share', t('the permissions of {0} on {1}', accountId, image.name)),
      },
    ]);
    return undefined;
  }
  ctx.refreshes.sharing(image, undefined, 'sharing');
  return use;
}

/** The account rows a multi-select command applies to: the selection when the clicked row is part of it. */
function selectedAccounts(arg: unknown, all: unknown): AccountNode[] {
  const clicked = accountArg(arg);
  if (!clicked) return [];
  const many = Array.isArray(all) ? all.map(accountArg).filter((n): n is AccountNode => !!n) : [];
  return many.some((n) => n.id === clicked.id) ? many : [clicked];
}

/** What stopping sharing does to the accounts, in each service's words. */
const unshareEffect = (): Record<ServiceId, string> => ({
  appstream: t(
    'AppStream 2.0: fleets in these accounts that use the image lose it, and AWS scales them to zero; no new image builder can be made from it there.',
  ),
  workspaces: t('WorkSpaces: the accounts can no longer copy the image. Copies they have already made stay theirs.'),
});

export async function stopSharing(ctx: CommandContext, arg: unknown, all: unknown): Promise<UnshareResult | undefined> {
  const nodes = selectedAccounts(arg, all);
  if (!nodes.length) return undefined;
  const byImage = new Map<SharedWithNode, AccountNode[]>();
  for (const n of nodes) byImage.set(n.parent, [...(byImage.get(n.parent) ?? []), n]);
  const images = [...byImage.keys()].map((s) => s.parent.record);
  const one = nodes.length === 1;
  const message = one
    ? t('Stop sharing {0} with {1}?', images[0].name, nodes[0].account.accountId)
    : t('Stop sharing with {0} accounts?', nodes.length);
  const services = new Set(images.map((r) => r.service));
  const detail = [
    ...[...byImage].map(
      ([s, accts]) =>
        `• ${s.parent.record.name} (${SERVICE_LABELS[s.parent.record.service]}, ${s.parent.record.region}): ${accts.map((a) => a.account.accountId).join(', ')}`,
    ),
    '',
    ...SERVICES.filter((id) => services.has(id)).map((id) => unshareEffect()[id]),
  ].join('\n');
  if (
    !(await ctx.prompts.confirm(
      message,
      detail,
      one ? t('Stop Sharing') : t('Stop Sharing with {0} Accounts', nodes.length),
    ))
  ) {
    return undefined;
  }

  const result: UnshareResult = { unshared: [], failed: [] };
  const failures: ErrorReport[] = [];
  for (const [shared, accts] of byImage) {
    const image = shared.parent.record;
    const api = ctx.scope.session(image.profile).api;
    const done = new Set<string>();
    for (const {
      account: { accountId },
    } of accts) {
      try {
        // Sent once: a lost answer is settled by looking whether the account still has the image.
        await api.unshare(image, accountId);
        done.add(accountId);
        result.unshared.push({ image: image.name, accountId });
      } catch (e) {
        failures.push({
          error: e,
          title: t('Could not stop sharing {0} with {1}', image.name, accountId),
          context: sharingContext(image, 'unshare', t('unsharing {0} with {1}', image.name, accountId)),
        });
        result.failed.push({ image: image.name, accountId, message: '' });
      }
    }
    // Every listed account gone: AppStream will say the image is no longer shared.
    const left = shared.list.hasMore || shared.list.items.some((a) => !done.has(a.accountId));
    ctx.refreshes.sharing(image, left ? undefined : afterSharingChange(image, false), 'sharing');
  }
  report(ctx, failures).forEach((f, i) => {
    result.failed[i].message = f.message;
  });
  return result;
}
