// The command table: every command the extension contributes, each with its handler, all run through wrap().
import { registerCommand } from '../platform/context';
import type { Disposable } from '../platform/editor';
import type { CopyJob } from '../core/copyJobs';
import { Commands, InternalCommands, type CommandId, type InternalCommandId } from '../platform/ids';
import type { CommandContext, Handler } from './context';
import { wrap } from './run';
import { loadAll, loadMore, refresh, refreshNode, retry } from './refresh';
import { selectProfile } from './selectProfile';
import { selectProfileRegions, selectProfiles } from './selectProfiles';
import { selectRegions } from './selectRegions';
import { findImage } from './findImage';
import { copyArn, copyImageId, copyName, openInConsole, showDetails } from './imageInfo';
import { copyImage } from './copyImage';
import { deleteImage } from './deleteImage';
import { clearFinishedCopies, openJob, retryTags, showCopyProgress } from './copyProgress';
import { clearFilter, filterImages, toggleSort } from './filter';
import { exportImages } from './exportImages';
import { findUnusedImages } from './findUnused';
import { changePermissions, shareImage, stopSharing } from './sharing';
import { createUpdatedImage } from './createUpdatedImage';
import { distributeImage } from './distributeImage';
import { showDistributionProgress } from './distributionProgress';
import { startAndConnect, startImageBuilder } from './startImageBuilder';
import { stopImageBuilder } from './stopImageBuilder';
import { deleteImageBuilder } from './deleteImageBuilder';
import { connectImageBuilder } from './connectImageBuilder';
import { importImage } from './importImage';
import { copyAmiId, exportImageToAmi, showExportTask } from './exportImage';
import { clearHealthMarks, imageHealthReport } from './healthReport';
import { useInFleets } from './useInFleets';
import { changeFleetImage } from './changeFleetImage';
import { useInBundles } from './useInBundles';
import { createImageBuilder, createImageBuilderFromImage } from './createImageBuilder';
import { createWorkspaceImage } from './createWorkspaceImage';
import { importWorkspaceImage } from './importWorkspaceImage';
import { editTags } from './editTags';

export const COMMAND_TABLE: Record<CommandId, Handler> = {
  [Commands.refresh]: refresh,
  [Commands.refreshNode]: refreshNode,
  [Commands.retry]: retry,
  [Commands.loadMore]: loadMore,
  [Commands.loadAll]: loadAll,
  [Commands.selectProfile]: selectProfile,
  [Commands.selectProfiles]: selectProfiles,
  [Commands.selectProfileRegions]: selectProfileRegions,
  [Commands.selectRegions]: selectRegions,
  [Commands.findImage]: findImage,
  [Commands.showDetails]: showDetails,
  [Commands.copyArn]: copyArn,
  [Commands.copyImageId]: copyImageId,
  [Commands.copyName]: copyName,
  [Commands.openInConsole]: openInConsole,
  [Commands.showLog]: (ctx) => ctx.log.show(),
  [Commands.copyImage]: copyImage,
  [Commands.deleteImage]: deleteImage,
  [Commands.showCopyProgress]: showCopyProgress,
  [Commands.clearFinishedCopies]: clearFinishedCopies,
  [Commands.filter]: filterImages,
  [Commands.clearFilter]: clearFilter,
  [Commands.toggleSort]: toggleSort,
  [Commands.exportImages]: exportImages,
  [Commands.findUnusedImages]: findUnusedImages,
  [Commands.shareImage]: shareImage,
  [Commands.changePermissions]: changePermissions,
  [Commands.stopSharing]: stopSharing,
  [Commands.createUpdatedImage]: createUpdatedImage,
  [Commands.distributeImage]: distributeImage,
  [Commands.showDistributionProgress]: showDistributionProgress,
  [Commands.startImageBuilder]: startImageBuilder,
  [Commands.stopImageBuilder]: stopImageBuilder,
  [Commands.deleteImageBuilder]: deleteImageBuilder,
  [Commands.connectImageBuilder]: connectImageBuilder,
  [Commands.startAndConnectImageBuilder]: startAndConnect,
  [Commands.importImage]: importImage,
  [Commands.exportImageToAmi]: exportImageToAmi,
  [Commands.copyAmiId]: copyAmiId,
  [Commands.showExportTask]: showExportTask,
  [Commands.imageHealthReport]: imageHealthReport,
  [Commands.clearHealthMarks]: clearHealthMarks,
  [Commands.useInFleets]: useInFleets,
  [Commands.changeFleetImage]: changeFleetImage,
  [Commands.useInBundles]: useInBundles,
  [Commands.createImageBuilder]: createImageBuilder,
  [Commands.createImageBuilderFromImage]: createImageBuilderFromImage,
  [Commands.createWorkspaceImage]: createWorkspaceImage,
  [Commands.importWorkspaceImage]: importWorkspaceImage,
  [Commands.editTags]: editTags,
};

/** What a notification's action runs (jobs/notifications.ts): not contributed. */
export const INTERNAL_TABLE: Record<InternalCommandId, Handler> = {
  [InternalCommands.openJob]: (ctx, job) => openJob(ctx, job as CopyJob),
  [InternalCommands.retryTags]: (ctx, job) => retryTags(ctx, job as CopyJob),
};

export function registerCommands(ctx: CommandContext): Disposable[] {
  return Object.entries({ ...COMMAND_TABLE, ...INTERNAL_TABLE }).map(([id, handler]) =>
    registerCommand(id, wrap(id, handler, ctx)),
  );
}
