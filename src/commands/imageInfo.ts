// Show Image Details, Copy ARN / Image ID / Name, Open in AWS Console: read-only actions on one image row.
import { t } from '../platform/l10n';
import { copyToClipboard } from '../platform/clipboard';
import { openExternal, showDocument } from '../platform/documents';
import type { TextDocument } from '../platform/editor';
import { consoleUrl } from '../core/present';
import { describeUser } from '../core/usage';
import { knownUsers } from '../tree/usage';
import type { CommandContext } from './context';
import { imageNodeArg } from './args';
import type { ImageRecord } from '../core/image';
import { TAG_IAM, tagsReadable, type Tags } from '../core/tags';
import { toFailure } from '../aws/errors';

export async function showDetails(ctx: CommandContext, arg: unknown): Promise<TextDocument | undefined> {
  const node = imageNodeArg(arg);
  if (!node) return undefined;
  // What uses it, if its region's usage has been listed (Show Details sends no request of its own).
  const users = node.record.ownership === 'owned' ? knownUsers(ctx.usage, node.record) : undefined;
  const usedBy = users?.map((u) => `${describeUser(u)}${u.state ? ` (${u.state})` : ''}`);
  return showDocument(ctx.details.set(node.record, usedBy, await detailTags(ctx, node.record)), 'json');
}

/** An owned image's tags (DescribeImages has none): read once, then kept with the tooltip's until refresh. */
async function detailTags(ctx: CommandContext, r: ImageRecord): Promise<Tags | string | undefined> {
  if (!tagsReadable(r)) return undefined;
  try {
    return await ctx.tree.tags.tags(r);
  } catch (e) {
    return `(could not be read: ${toFailure(e, { profile: r.profile, region: r.region, tags: true, iamAction: TAG_IAM.read[r.service] }).message})`;
  }
}

async function copyText(text: string | undefined, what: string): Promise<string | undefined> {
  if (!text) return undefined;
  await copyToClipboard(text, t('Copied {0}: {1}', what, text));
  return text;
}

export const copyArn = (_ctx: CommandContext, arg: unknown) => copyText(imageNodeArg(arg)?.record.arn, 'ARN');
export const copyImageId = (_ctx: CommandContext, arg: unknown) =>
  copyText(imageNodeArg(arg)?.record.id, t('image ID'));
export const copyName = (_ctx: CommandContext, arg: unknown) => copyText(imageNodeArg(arg)?.record.name, t('name'));

export function openInConsole(ctx: CommandContext, arg: unknown): string | undefined {
  const node = imageNodeArg(arg);
  if (!node) return undefined;
  const url = consoleUrl(node.record);
  // Not awaited: the editor may ask the user to confirm the external site, for as long as they take.
  openExternal(url).then(undefined, (e: unknown) => ctx.log.warn(`Could not open ${url}: ${String(e)}`));
  return url;
}
