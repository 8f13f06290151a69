// "Use in Bundles…" on an owned available WorkSpaces image: the account's bundles of the region with their image,
// picked several at once; a confirmation that new WorkSpaces launched from them get the image and existing ones
// only when rebuilt; one UpdateWorkspaceBundle per bundle, sent once and read back (a lost answer settled so).
// The change is complete when AWS answers: it is reported at once, and what uses the images is listed again.
import { t } from '../platform/l10n';
import type { ImageRecord } from '../core/image';
import { BUNDLES_SERVICE, bundleChoice, type BundleRecord } from '../core/rollout';
import type { CommandContext } from './context';
import { imageNodeArg } from './args';
import { ownedAndAvailable } from './guards';
import { pickOwnedImage } from './pickImage';
import { bundleConfirmation, bundlePickDescription } from './rolloutText';
import { report, warn } from './run';
import { sendEach } from './sendEach';

export async function useInBundles(ctx: CommandContext, arg: unknown): Promise<BundleRecord[] | undefined> {
  const image = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Use in Bundles')));
  if (!image) return undefined;
  if (image.service !== BUNDLES_SERVICE) {
    warn(ctx, t('{0} is an AppStream 2.0 image: bundles are WorkSpaces; use Use in Fleets instead.', image.name));
    return undefined;
  }
  const usable = ownedAndAvailable(ctx, image, (name, why) =>
    t('{0} cannot be given to bundles: only available images you own can (it is {1}).', name, why),
  );
  if (!usable) return undefined;
  const api = ctx.scope.session(image.profile).api;
  let bundles: BundleRecord[];
  try {
    bundles = await api.bundles(image.region);
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not list the bundles of {0}', image.region),
        context: { profile: image.profile, region: image.region, iamAction: 'workspaces:DescribeWorkspaceBundles' },
      },
    ]);
    return undefined;
  }
  const { offered, already } = bundleChoice(bundles, image);
  if (!offered.length) {
    void ctx.prompts.notify(
      'info',
      already.length
        ? t('Every bundle of this account in {0} already uses {1}. Nothing was sent.', image.region, image.name)
        : t('This account has no bundles in {0}. Nothing was sent.', image.region),
    );
    return undefined;
  }
  const chosen = await ctx.prompts.pickMany(
    offered.map((b) => ({ label: b.name, description: bundlePickDescription(b), value: b })),
    { title: t('Use {0} in Bundles ({1})', image.name, image.region), placeHolder: t('Bundles to give the image') },
  );
  if (!chosen?.length) return undefined;
  return rollOutToBundles(ctx, image, chosen);
}

/** Bundles this window is sending an UpdateWorkspaceBundle for (a second run must not send it twice). */
const sending = new Set<string>();
const bundleKey = (b: BundleRecord): string => JSON.stringify([b.profile, b.region, b.id]);

async function rollOutToBundles(
  ctx: CommandContext,
  image: ImageRecord,
  chosen: readonly BundleRecord[],
): Promise<BundleRecord[]> {
  const busy = chosen.filter((b) => sending.has(bundleKey(b)));
  if (busy.length) {
    warn(ctx, t('Nothing was sent: a change of {0} is already on its way.', busy.map((b) => b.name).join(', ')));
    return [];
  }
  const words = bundleConfirmation(image, image.region, chosen);
  if (!(await ctx.prompts.confirm(words.message, words.detail, words.action))) return [];
  const api = ctx.scope.session(image.profile).api;
  const { done, errors } = await sendEach(
    chosen,
    sending,
    bundleKey,
    async (b): Promise<BundleRecord> => {
      const after = await api.setBundleImage(b.region, b.id, image.id);
      return { ...b, imageId: after.imageId ?? image.id, state: after.state ?? b.state };
    },
    (b, error) => ({
      error,
      title: t('Bundle {0} was not given {1}', b.name, image.name),
      context: {
        profile: image.profile,
        region: b.region,
        rollout: 'bundle',
        iamAction: 'workspaces:UpdateWorkspaceBundle',
        action: t('the image change of bundle {0}', b.name),
      },
    }),
  );
  if (done.length) {
    ctx.refreshes.usage(image.profile, image.region, BUNDLES_SERVICE, 'rollout');
    void ctx.prompts.notify(
      'info',
      done.length === 1
        ? t('Bundle {0} now has the image {1}: new WorkSpaces launched from it get it.', done[0].name, image.name)
        : t('{0} bundles now have the image {1}: new WorkSpaces launched from them get it.', done.length, image.name),
    );
  }
  if (errors.length) report(ctx, errors);
  return done;
}
