// "Distribute Image…": an owned, available image to several regions in one go: copied there (AppStream: at most
// AWS's quota of copies in flight per region, more wait for a slot), with the source's tags (AWS copies none:
// AppStream's are applied once the copy exists, WorkSpaces' go with the copy request) and shared with the same
// accounts everywhere. A summary lists every step and its requests
// before anything is sent; the distributor (src/jobs/distributor.ts) runs it as one tracked job.
import * as vscode from 'vscode';
import { copyQuota, needsTagStep, newDistribution, plannedRequests, type Distribution } from '../core/distribution';
import { copyCarriesTags, imageNameRule } from '../core/rules';
import { STEP_REQUESTS } from '../aws/images';
import { sharingHasUse } from '../core/sharing';
import type { CommandContext } from './context';
import { askDestinations, nameTaken, ownedAndAvailable } from './guards';
import { imageNodeArg } from './args';
import { pickOwnedImage } from './pickImage';
import { askAccountIds, askUseFor } from './sharing';

export async function distributeImage(ctx: CommandContext, arg: unknown): Promise<Distribution | undefined> {
  const source = imageNodeArg(arg)?.record ?? await pickOwnedImage(ctx, vscode.l10n.t('Distribute Image'));
  if (!source) return undefined;
  if (!ownedAndAvailable(ctx, source, (name, why) => vscode.l10n.t('{0} cannot be distributed: only available images you own can be (it is {1}).', name, why))) return undefined;
  const title = vscode.l10n.t('Distribute {0} ({1})', source.name, source.region);

  const regions = await askDestinations(ctx, source, {
    title, placeHolder: vscode.l10n.t('Regions to distribute the image to'), sourceRegion: vscode.l10n.t('source region: shared, not copied'),
    noneChosen: vscode.l10n.t('Choose at least one region. Nothing was distributed.'),
  });
  if (!regions) return undefined;

  const accounts = await askAccountIds(ctx, source, title,
    vscode.l10n.t('AWS account IDs to share the image with in every region: 12 digits each, separated by commas, spaces or new lines'));
  if (!accounts) return undefined;
  const use = await askUseFor(ctx, source.service, title);
  if (!use) return undefined;

  const copies = regions.filter((r) => r !== source.region);
  let name = source.name;
  if (copies.length) {
    const chosen = await ctx.prompts.input({
      title, prompt: vscode.l10n.t('Name of the image in {0}', copies.join(', ')),
      value: source.name, validate: imageNameRule(source.service),
      validateOnAccept: (v) => nameTaken(ctx, source, copies, v),
    });
    if (chosen === undefined) return undefined;
    name = chosen;
  }

  // The source's tags go with the copies (the source region keeps its own): asked only when something is copied.
  let tags: Record<string, string> = copies.length ? await ctx.scope.session(source.profile).api.tags(source) : {};
  if (Object.keys(tags).length) {
    const withCopy = copyCarriesTags(source.service);
    const apply = await ctx.prompts.pick([
      { label: Object.keys(tags).length === 1 ? vscode.l10n.t('Apply 1 tag') : vscode.l10n.t('Apply {0} tags', Object.keys(tags).length), detail: Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', '), value: true },
      { label: vscode.l10n.t('Do not apply tags'), value: false },
    ], {
      title, placeHolder: withCopy
        ? vscode.l10n.t('AWS does not copy tags. Send the source image\'s tags with every copy?')
        : vscode.l10n.t('AWS does not copy tags. Apply the source image\'s tags to every copy?'),
    });
    if (apply === undefined) return undefined;
    if (!apply) tags = {};
  }

  const d = newDistribution({
    profile: source.profile, service: source.service, source: { region: source.region, name: source.name, id: source.id, arn: source.arn },
    name, regions, tags, accounts, use, now: Date.now(),
  });
  if (!await ctx.prompts.confirm(
    vscode.l10n.t('Distribute {0} to {1} and {2}?', source.name,
      regions.length === 1 ? vscode.l10n.t('1 region') : vscode.l10n.t('{0} regions', regions.length),
      accounts.length === 1 ? vscode.l10n.t('1 account') : vscode.l10n.t('{0} accounts', accounts.length)),
    summary(d, regions), vscode.l10n.t('Distribute'))) return undefined;

  await ctx.distributor.start(d);
  void ctx.prompts.notify('info', vscode.l10n.t('Distributing {0} to {1}. Progress is shown in the status bar.', source.name, regions.join(', ')));
  return ctx.distributor.get(d.id) ?? d;
}

/** Every step of every region with its requests, then the totals: what the user agrees to. */
export function summary(d: Distribution, regions: readonly string[]): string {
  const n = d.accounts.length;
  const op = STEP_REQUESTS[d.service];
  const tagCount = Object.keys(d.tags).length;
  // A copy is tagged once it exists (AppStream), or carries the tags in its request (WorkSpaces).
  const tagsAfter = needsTagStep(d, { isSource: false });
  const tag = tagsAfter ? [vscode.l10n.t('tag (1 {0})', op.tag ?? '')] : [];
  const share = n === 1 ? vscode.l10n.t('share with 1 account (1 {0})', op.share) : vscode.l10n.t('share with {0} accounts ({0} {1})', n, op.share);
  const copy = !tagCount || tagsAfter ? vscode.l10n.t('copy as {0} (1 {1})', d.name, op.copy)
    : tagCount === 1 ? vscode.l10n.t('copy as {0} with 1 tag (1 {1})', d.name, op.copy)
      : vscode.l10n.t('copy as {0} with {1} tags (1 {2})', d.name, tagCount, op.copy);
  const lines = regions.map((r) => (r === d.sourceRegion
    ? `• ${r} (${vscode.l10n.t('source region')}): ${[vscode.l10n.t('no copy'), share].join(', ')}`
    : `• ${r}: ${[copy, vscode.l10n.t('wait until available'), ...tag, share].join(', ')}`));
  const p = plannedRequests(d, regions);
  const quota = copyQuota(d.service);
  return [
    ...lines, '',
    [
      vscode.l10n.t('In all: {0} copies, {1} tag requests, {2} shares.', p.copies, p.tags, p.shares),
      ...(Number.isFinite(quota) && p.copies > 0 ? [vscode.l10n.t('AWS copies at most {0} images at a time into one region: more wait for a slot.', quota)] : []),
      vscode.l10n.t('Each region is checked with one request per poll interval.'),
    ].join(' '),
    sharingHasUse(d.service)
      ? vscode.l10n.t('The accounts may use the image for: {0}.', [d.use.fleets ? vscode.l10n.t('fleets') : '', d.use.imageBuilders ? vscode.l10n.t('image builders') : ''].filter(Boolean).join(', '))
      : vscode.l10n.t('The accounts may copy the image into their own account, in the same region.'),
  ].join('\n');
}
