// "Delete Image…": one image or a multi-selection, always behind a modal confirmation that names the images,
// their regions and the consequence (or, with cloudImages.deleteConfirmation = typeName, typing the name).
// What uses the images is checked first (usageCheck.ts): an image in use is not sent to AWS. A shared image's
// confirmation names the accounts and offers to stop sharing first (deleteShared.ts). AWS's refusals (in use
// after all, shared, bundles ...) are reported in words; nothing is retried.
import { t } from '../platform/l10n';
import { jobId, type CopyJob } from '../core/copyJobs';
import { secondaryId, SERVICE_LABELS, type ImageRecord } from '../core/image';
import { stateKind } from '../core/imageState';
import { typedConfirmation } from '../core/rules';
import { refusalOf } from '../aws/errors';

import type { CommandContext } from './context';
import { selectedImages } from './args';
import { chooseSharedDelete, sharingLines, sharingOf, unshareAll } from './deleteShared';
import { pickOwnedImage } from './pickImage';
import { report, type ErrorReport, warn } from './run';
import { checkUsage } from './usageCheck';

export interface DeleteResult {
  deleted: ImageRecord[];
  failed: { image: ImageRecord; message: string }[];
}

const deletable = (r: ImageRecord): boolean =>
  r.ownership === 'owned' && ['available', 'failed'].includes(stateKind(r.state));

export async function deleteImage(ctx: CommandContext, arg: unknown, all: unknown): Promise<DeleteResult | undefined> {
  let images = selectedImages(arg, all);
  if (!images.length) {
    const picked = await pickOwnedImage(ctx, t('Delete Image'));
    if (!picked) return undefined;
    images = [picked];
  }
  return deleteImages(ctx, images);
}

/** Deletes these images after one confirmation (the clean-up's choices come here too). */
export async function deleteImages(ctx: CommandContext, chosen: ImageRecord[]): Promise<DeleteResult | undefined> {
  let images = chosen;
  const refused = images.filter((r) => !deletable(r));
  if (refused.length) {
    warn(
      ctx,
      t(
        'Not deleted: {0}. Only images you own that are available or failed can be deleted.',
        refused.map((r) => r.name).join(', '),
      ),
    );
    return undefined;
  }

  const usage = await checkUsage(ctx, images);
  if (usage.inUse.length) {
    warn(ctx, usage.inUse.map((u) => t('Not deleted: {0}', u.message)).join(' '));
  }
  const inUse = usage.inUse.map((u) => ({ image: u.image, message: u.message }));
  images = usage.free;
  if (!images.length) return { deleted: [], failed: inUse };

  const sharing = await sharingOf(ctx, images);
  const one = images.length === 1;
  const regions = [...new Set(images.map((r) => r.region))];
  const message = one
    ? t('Delete the image {0} from {1}?', images[0].name, images[0].region)
    : t('Delete {0} images from {1}?', images.length, regions.join(', '));
  const detail = [
    ...images.map(
      (r) => `• ${r.name} (${[SERVICE_LABELS[r.service], r.region, secondaryId(r)].filter(Boolean).join(', ')})`,
    ),
    ...sharingLines(sharing),
    '',
    one
      ? t(
          'The image is deleted permanently: no fleet, image builder or bundle can be created from it again. This cannot be undone.',
        )
      : t(
          'The images are deleted permanently: no fleet, image builder or bundle can be created from them again. This cannot be undone.',
        ),
    ...usage.unchecked.map((line) => `\n${line}`),
  ].join('\n');

  let confirmed: boolean;
  let unshareFirst = false;
  const deleteLabel = one ? t('Delete') : t('Delete {0} Images', images.length);
  const typeName = ctx.settings().deleteConfirmation === 'typeName';
  if (sharing.shared.size) {
    const choice = await chooseSharedDelete(ctx, sharing, { message, detail, deleteLabel, modal: !typeName });
    if (choice === undefined) return undefined;
    unshareFirst = choice;
  }
  if (sharing.shared.size && !typeName) {
    confirmed = true;
  } else if (typeName) {
    const expected = one ? images[0].name : String(images.length);
    const typed = await ctx.prompts.input({
      title: message,
      prompt: `${detail.replace(/\n+/g, ' ')} ${one ? t('Type the image name to confirm.') : t('Type the number of images to confirm.')}`,
      placeHolder: expected,
      validate: typedConfirmation(expected),
    });
    confirmed = typed === expected;
  } else {
    confirmed = await ctx.prompts.confirm(message, detail, deleteLabel);
  }
  if (!confirmed) return undefined;

  const result: DeleteResult = { deleted: [], failed: inUse };
  const failures: ErrorReport[] = [];
  const failedImages: ImageRecord[] = [];
  for (const image of images) {
    const accounts = sharing.shared.get(image);
    const unshared = unshareFirst && accounts ? await unshareAll(ctx, image, accounts) : undefined;
    if (unshared) {
      failedImages.push(image);
      failures.push(unshared);
      continue;
    }
    try {
      // Sent once: a lost answer is settled by looking at the image, never by sending the delete again.
      const after = await ctx.scope.session(image.profile).api.delete(image);
      ctx.refreshes.record(image, after, 'deleted');
      // AppStream takes a while (DELETING): the tracker follows it until AWS no longer lists the image.
      if (after) ctx.tracker.add(deletionJob(image, after.state));
      result.deleted.push(image);
    } catch (e) {
      // Something started using it since the usage was listed: list again next time.
      if (refusalOf(e) === 'in-use') ctx.usage.forget(image.profile, image.region);
      failedImages.push(image);
      failures.push({
        error: e,
        title: t('Could not delete {0}', image.name),
        context: { profile: image.profile, region: image.region, action: t('the delete of {0}', image.name) },
      });
    }
  }
  report(ctx, failures).forEach((f, i) => result.failed.push({ image: failedImages[i], message: f.message }));
  return result;
}

/** A delete in progress, followed like a copy: its "destination" is the image being deleted. */
function deletionJob(image: ImageRecord, state: string): CopyJob {
  return {
    id: jobId(image, 'delete'),
    kind: 'delete',
    profile: image.profile,
    service: image.service,
    sourceRegion: image.region,
    sourceName: image.name,
    sourceId: image.id,
    destRegion: image.region,
    destName: image.name,
    destId: image.id,
    startedAt: Date.now(),
    state,
  };
}
