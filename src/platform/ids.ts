// Every identifier the manifest and the code share, named once. package.json must use the same strings; the
// integration tests check that every contributed command is registered and vice versa.

export const EXTENSION_ID = 'cloud-images.cloud-images';
export const VIEW_CONTAINER = 'cloudImages';
export const VIEW_ID = 'cloudImages.images';
export const OUTPUT_CHANNEL = 'Cloud Images';
export const DETAILS_SCHEME = 'cloud-images';

export const Commands = {
  refresh: 'cloudImages.refresh',
  refreshNode: 'cloudImages.refreshNode',
  loadMore: 'cloudImages.loadMore',
  loadAll: 'cloudImages.loadAll',
  retry: 'cloudImages.retry',
  selectProfile: 'cloudImages.selectProfile',
  selectProfiles: 'cloudImages.selectProfiles',
  selectProfileRegions: 'cloudImages.selectProfileRegions',
  selectRegions: 'cloudImages.selectRegions',
  findImage: 'cloudImages.findImage',
  showDetails: 'cloudImages.showImageDetails',
  copyArn: 'cloudImages.copyArn',
  copyImageId: 'cloudImages.copyImageId',
  copyName: 'cloudImages.copyName',
  openInConsole: 'cloudImages.openInConsole',
  showLog: 'cloudImages.showLog',
  copyImage: 'cloudImages.copyImage',
  deleteImage: 'cloudImages.deleteImage',
  showCopyProgress: 'cloudImages.showCopyProgress',
  clearFinishedCopies: 'cloudImages.clearFinishedCopies',
  filter: 'cloudImages.filter',
  clearFilter: 'cloudImages.clearFilter',
  toggleSort: 'cloudImages.toggleSort',
  exportImages: 'cloudImages.exportImages',
  findUnusedImages: 'cloudImages.findUnusedImages',
  shareImage: 'cloudImages.shareImage',
  changePermissions: 'cloudImages.changeImagePermissions',
  stopSharing: 'cloudImages.stopSharing',
  createUpdatedImage: 'cloudImages.createUpdatedImage',
  distributeImage: 'cloudImages.distributeImage',
  showDistributionProgress: 'cloudImages.showDistributionProgress',
  startImageBuilder: 'cloudImages.startImageBuilder',
  stopImageBuilder: 'cloudImages.stopImageBuilder',
  deleteImageBuilder: 'cloudImages.deleteImageBuilder',
  connectImageBuilder: 'cloudImages.connectImageBuilder',
  startAndConnectImageBuilder: 'cloudImages.startAndConnectImageBuilder',
  importImage: 'cloudImages.importImage',
  exportImageToAmi: 'cloudImages.exportImageToAmi',
  copyAmiId: 'cloudImages.copyAmiId',
  showExportTask: 'cloudImages.showExportTask',
  imageHealthReport: 'cloudImages.imageHealthReport',
  clearHealthMarks: 'cloudImages.clearHealthMarks',
  useInFleets: 'cloudImages.useInFleets',
  changeFleetImage: 'cloudImages.changeFleetImage',
  useInBundles: 'cloudImages.useInBundles',
  createImageBuilder: 'cloudImages.createImageBuilder',
  createImageBuilderFromImage: 'cloudImages.createImageBuilderFromImage',
  createWorkspaceImage: 'cloudImages.createWorkspaceImage',
  importWorkspaceImage: 'cloudImages.importWorkspaceImage',
  editTags: 'cloudImages.editTags',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * Commands the extension runs itself (a notification's action), not contributed: the leading "_" keeps them out of
 * the palette and of getCommands(true), as VS Code's own internal commands.
 */
export const InternalCommands = {
  /** Reveals a tracked job's image, or shows why it failed; takes the CopyJob. */
  openJob: '_cloudImages.openJob',
  /** Applies a tracked copy's tags again; takes the CopyJob. */
  retryTags: '_cloudImages.retryTags',
} as const;

export type InternalCommandId = (typeof InternalCommands)[keyof typeof InternalCommands];

export const Settings = {
  section: 'cloudImages',
  profile: 'profile',
  regions: 'regions',
  profiles: 'profiles',
  profileRegions: 'profileRegions',
  pageSize: 'pageSize',
  sortOrder: 'sortOrder',
  deleteConfirmation: 'deleteConfirmation',
  pollIntervalSeconds: 'pollIntervalSeconds',
} as const;

export const ContextKeys = {
  noCredentials: 'cloudImages.noCredentials',
  filtered: 'cloudImages.filtered',
  /** The last health report marked some image rows. */
  healthMarks: 'cloudImages.healthMarks',
} as const;

export const GlobalStateKeys = {
  copies: 'cloudImages.trackedCopies',
  /** Distributions, one key each under this prefix (`<key>/<id>`), and their runner's lease. */
  distributions: 'cloudImages.distributions',
  /** Find Image searches public AppStream images too (the user's last choice). */
  findIncludesPublic: 'cloudImages.findIncludesPublic',
  /** The view's filter, kept across reloads. */
  filter: 'cloudImages.filter',
  /** Seconds an image builder's streaming link stays valid (Connect asks once). */
  builderStreamingValidity: 'cloudImages.builderStreamingValidity',
  /** The health report's "older than N days" (asked once, remembered). */
  healthMaxAgeDays: 'cloudImages.healthMaxAgeDays',
} as const;
