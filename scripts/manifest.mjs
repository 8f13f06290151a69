// Generates the `contributes` and `capabilities` sections of package.json and package.nls.json from one list, so
// titles, menus and palette visibility of a command are stated once. The known regions and the settings' bounds
// and defaults come from src/core (bundled here by esbuild), so the manifest and the code cannot disagree.
// Run: node scripts/manifest.mjs (npm run manifest).
import fs from 'node:fs';
import * as esbuild from 'esbuild';

const core = await importTs(`export { knownRegions } from './src/core/regions';
export * from './src/core/settingsRules';`);

const C = 'Cloud Images';
// [id suffix, title, icon, shown in palette]
const commands = [
  ['refresh', 'Refresh', '$(refresh)', true],
  ['refreshNode', 'Refresh', '$(refresh)', false],
  ['retry', 'Retry', '$(debug-restart)', false],
  ['loadMore', 'Load More', '$(ellipsis)', false],
  ['loadAll', 'Load All', '$(cloud-download)', false],
  ['selectProfile', 'Select Profile…', '$(account)', true],
  ['selectProfiles', 'Select Profiles…', '$(organization)', true],
  ['selectProfileRegions', 'Select Regions for This Profile…', '$(globe)', false],
  ['selectRegions', 'Select Regions…', '$(globe)', true],
  ['findImage', 'Find Image…', '$(search)', true],
  ['showImageDetails', 'Show Image Details', '$(json)', false],
  ['copyArn', 'Copy ARN', '$(copy)', false],
  ['copyImageId', 'Copy Image ID', '$(copy)', false],
  ['copyName', 'Copy Name', '$(copy)', false],
  ['openInConsole', 'Open in AWS Console', '$(link-external)', false],
  ['showLog', 'Show Log', '$(output)', true],
  ['copyImage', 'Copy Image…', '$(files)', true],
  ['deleteImage', 'Delete Image…', '$(trash)', true],
  ['showCopyProgress', 'Show Copy Progress', '$(sync)', true],
  ['clearFinishedCopies', 'Clear Finished Copies', '$(clear-all)', true],
  ['filter', 'Filter…', '$(filter)', true],
  ['clearFilter', 'Clear Filter', '$(filter-filled)', true],
  ['toggleSort', 'Toggle Sort: Name / Newest First', '$(sort-precedence)', true],
  ['exportImages', 'Export Images…', '$(export)', true],
  ['findUnusedImages', 'Find Unused Images…', '$(filter)', true],
  ['shareImage', 'Share Image…', '$(person-add)', true],
  ['changeImagePermissions', 'Change Permissions…', '$(edit)', false],
  ['stopSharing', 'Stop Sharing…', '$(person-remove)', false],
  ['createUpdatedImage', 'Create Updated Image…', '$(arrow-circle-up)', true],
  ['distributeImage', 'Distribute Image…', '$(globe)', true],
  ['showDistributionProgress', 'Show Distribution Progress', '$(globe)', true],
  ['startImageBuilder', 'Start Image Builder', '$(debug-start)', true],
  ['stopImageBuilder', 'Stop Image Builder', '$(debug-stop)', true],
  ['deleteImageBuilder', 'Delete Image Builder…', '$(trash)', true],
  ['connectImageBuilder', 'Connect to Image Builder', '$(link-external)', true],
  ['startAndConnectImageBuilder', 'Start and Connect', '$(debug-alt)', true],
  ['createImageBuilder', 'Create Image Builder…', '$(add)', true],
  ['createImageBuilderFromImage', 'Create Image Builder from This Image…', '$(tools)', false],
  ['importImage', 'Import Image from AMI…', '$(cloud-upload)', true],
  ['exportImageToAmi', 'Export Image to AMI…', '$(export)', true],
  ['copyAmiId', 'Copy AMI ID', '$(copy)', false],
  ['showExportTask', 'Show Export Task Details', '$(info)', false],
  ['imageHealthReport', 'Image Health Report…', '$(pulse)', true],
  ['clearHealthMarks', 'Clear Health Report Marks', '$(clear-all)', true],
  ['useInFleets', 'Use in Fleets…', '$(server-environment)', true],
  ['changeFleetImage', 'Change Image…', '$(arrow-swap)', false],
  ['useInBundles', 'Use in Bundles…', '$(package)', true],
  ['createWorkspaceImage', 'WorkSpaces: Create Image from WorkSpace…', '$(device-desktop)', true],
  ['importWorkspaceImage', 'WorkSpaces: Import BYOL Image…', '$(cloud-upload)', true],
  ['editTags', 'Edit Tags…', '$(tag)', true],
];

const VIEW = 'view == cloudImages.images';
const IMAGE = 'viewItem =~ /^image\\./';
// An image row's contextValue may end in `.update` (AWS offers an update for it): see imageContextValue.
const OWNED_COPYABLE = 'viewItem =~ /^image\\.[a-z]+\\.owned\\.available(\\.update)?$/';
const OWNED_DELETABLE = 'viewItem =~ /^image\\.[a-z]+\\.owned\\.(available|failed)(\\.update)?$/';
const OWNED_UPDATABLE = 'viewItem =~ /^image\\.[a-z]+\\.owned\\.available\\.update$/';
const TYPE = 'viewItem =~ /^type\\./';
// A builder row's contextValue is `builder.<state>` followed by each action AWS accepts in that state
// (src/tree/builders.ts builderContextValue): `builder.stopped.start.delete`.
const BUILDER_CAN = (action) => `viewItem =~ /^builder\\.[a-z_]+(\\.[a-z]+)*\\.${action}(\\.|$)/`;

const menus = {
  'view/title': [
    ['filter', 'navigation@0', '!cloudImages.filtered'],
    ['clearFilter', 'navigation@0', 'cloudImages.filtered'],
    ['findImage', 'navigation@1'],
    ['selectRegions', 'navigation@2'],
    ['selectProfile', 'navigation@3'],
    ['refresh', 'navigation@4'],
    ['selectProfiles', 'profiles@1'],
    ['toggleSort', 'view@1'],
    ['exportImages', 'view@2'],
    ['showCopyProgress', 'copies@1'],
    ['showDistributionProgress', 'copies@2'],
    ['showLog', 'log@1'],
    ['imageHealthReport', 'view@3'],
    ['clearHealthMarks', 'view@4', 'cloudImages.healthMarks'],
  ].map(([c, group, also]) => ({ command: `cloudImages.${c}`, when: also ? `${VIEW} && ${also}` : VIEW, group })),
  'view/item/context': [
    ['selectProfileRegions', `${VIEW} && viewItem =~ /^profile/`, 'inline'],
    ['selectProfileRegions', `${VIEW} && viewItem =~ /^profile/`, '1_profile@1'],
    ['exportImages', `${VIEW} && viewItem =~ /^(type\\.|region|profile)/`, '3_export@1'],
    ['refreshNode', `${VIEW} && ${TYPE}`, 'inline'],
    ['refreshNode', `${VIEW} && ${TYPE}`, '1_load@1'],
    ['loadAll', `${VIEW} && ${TYPE}`, '1_load@2'],
    ['retry', `${VIEW} && viewItem =~ /^error\\./`, 'inline@9'],
    [
      'selectProfile',
      `${VIEW} && viewItem =~ /^error\\.(no|expired|invalid)-credentials$|^error\\.credentials-timeout$/`,
      'inline@1',
    ],
    ['selectRegions', `${VIEW} && viewItem == error.region-not-enabled`, 'inline@1'],
    ['copyImage', `${VIEW} && ${OWNED_COPYABLE}`, 'inline@1'],
    ['deleteImage', `${VIEW} && ${OWNED_DELETABLE}`, 'inline@2'],
    ['copyImage', `${VIEW} && ${OWNED_COPYABLE}`, '1_modify@1'],
    ['deleteImage', `${VIEW} && ${OWNED_DELETABLE}`, '1_modify@2'],
    ['createUpdatedImage', `${VIEW} && ${OWNED_UPDATABLE}`, '1_modify@4'],
    ['showImageDetails', `${VIEW} && ${IMAGE}`, '2_inspect@1'],
    ['openInConsole', `${VIEW} && ${IMAGE}`, '2_inspect@2'],
    ['copyArn', `${VIEW} && viewItem =~ /^image\\.appstream\\./`, '9_cutcopypaste@1'],
    ['copyImageId', `${VIEW} && viewItem =~ /^image\\.workspaces\\./`, '9_cutcopypaste@2'],
    ['copyName', `${VIEW} && ${IMAGE}`, '9_cutcopypaste@3'],
    ['findUnusedImages', `${VIEW} && viewItem == region`, '1_cleanup@1'],
    ['shareImage', `${VIEW} && ${OWNED_COPYABLE}`, '1_modify@3'],
    ['distributeImage', `${VIEW} && ${OWNED_COPYABLE}`, '1_modify@5'],
    ['shareImage', `${VIEW} && viewItem =~ /^sharedWith\\./`, 'inline@1'],
    ['shareImage', `${VIEW} && viewItem =~ /^sharedWith\\./`, '1_modify@1'],
    ['changeImagePermissions', `${VIEW} && viewItem == account.appstream`, '1_modify@1'],
    ['stopSharing', `${VIEW} && viewItem =~ /^account\\./`, '1_modify@2'],
    ['stopSharing', `${VIEW} && viewItem =~ /^account\\./`, 'inline@1'],
    ['refreshNode', `${VIEW} && viewItem == builders`, 'inline'],
    ['refreshNode', `${VIEW} && viewItem == builders`, '1_load@1'],
    ['connectImageBuilder', `${VIEW} && ${BUILDER_CAN('connect')}`, 'inline@1'],
    ['startImageBuilder', `${VIEW} && ${BUILDER_CAN('start')}`, 'inline@1'],
    ['connectImageBuilder', `${VIEW} && ${BUILDER_CAN('connect')}`, '1_builder@1'],
    ['startImageBuilder', `${VIEW} && ${BUILDER_CAN('start')}`, '1_builder@2'],
    ['startAndConnectImageBuilder', `${VIEW} && ${BUILDER_CAN('start')}`, '1_builder@3'],
    ['stopImageBuilder', `${VIEW} && ${BUILDER_CAN('stop')}`, '1_builder@4'],
    ['deleteImageBuilder', `${VIEW} && ${BUILDER_CAN('delete')}`, '2_delete@1'],
    ['importImage', `${VIEW} && viewItem =~ /^(service\\.appstream|type\\.appstream\\.private)$/`, '1_create@1'],
    ['exportImageToAmi', `${VIEW} && viewItem =~ /^image\\.appstream\\.owned\\.available(\\.update)?$/`, '1_modify@7'],
    ['refreshNode', `${VIEW} && viewItem == exports`, 'inline'],
    ['refreshNode', `${VIEW} && viewItem == exports`, '1_load@1'],
    ['copyAmiId', `${VIEW} && viewItem == exportTask.completed`, 'inline@1'],
    ['copyAmiId', `${VIEW} && viewItem == exportTask.completed`, '9_cutcopypaste@1'],
    ['showExportTask', `${VIEW} && viewItem =~ /^exportTask\\./`, '2_inspect@1'],
    ['imageHealthReport', `${VIEW} && viewItem =~ /^(region|profile)/`, '3_export@2'],
    ['useInFleets', `${VIEW} && viewItem =~ /^image\\.appstream\\.owned\\.available(\\.update)?$/`, '1_rollout@1'],
    ['useInBundles', `${VIEW} && viewItem =~ /^image\\.workspaces\\.owned\\.available(\\.update)?$/`, '1_rollout@2'],
    ['changeFleetImage', `${VIEW} && viewItem == usage.fleet`, '1_modify@1'],
    ['createImageBuilder', `${VIEW} && viewItem == builders`, 'inline@1'],
    ['createImageBuilder', `${VIEW} && viewItem == builders`, '1_builder@1'],
    ['createImageBuilderFromImage', `${VIEW} && viewItem =~ /^image\\.appstream\\.[a-z]+\\.available/`, '1_modify@8'],
    ['createWorkspaceImage', `${VIEW} && viewItem =~ /^(service|type)\\.workspaces(\\.owned)?$/`, '1_make@1'],
    ['importWorkspaceImage', `${VIEW} && viewItem =~ /^(service|type)\\.workspaces(\\.owned)?$/`, '1_make@2'],
    ['editTags', `${VIEW} && ${OWNED_DELETABLE}`, '1_modify@6'],
    ['editTags', `${VIEW} && viewItem =~ /^builder\\./`, '1_builder@5'],
  ].map(([c, when, group]) => ({ command: `cloudImages.${c}`, when, group })),
  commandPalette: commands.filter((c) => !c[3]).map(([c]) => ({ command: `cloudImages.${c}`, when: 'false' })),
};

const nls = {
  'extension.displayName': C,
  'extension.description': 'Browse, copy and delete Amazon AppStream 2.0 and Amazon WorkSpaces images from VS Code.',
  'view.container.title': C,
  'view.images.name': 'Images',
  'welcome.noCredentials':
    'No AWS credentials were found for the selected profile.\n[Select Profile…](command:cloudImages.selectProfile)\nCloud Images uses the standard AWS credential chain: environment variables, the shared config and credentials files (~/.aws), SSO, credential_process and assume-role. To sign in with SSO, run "aws sso login". [Learn more](https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html)',
  'config.profile':
    'The AWS profile from the shared config or credentials file. Empty: AWS_PROFILE, else "default". User or remote settings only: a workspace cannot choose credentials.',
  'config.profiles':
    'Profiles shown side by side, one row each (set with "Select Profiles…"). Empty: the one profile of `cloudImages.profile`. User or remote settings only.',
  'config.profileRegions':
    'Regions per profile (set from a profile row), overriding `cloudImages.regions` for that profile. User or remote settings only.',
  'config.sortOrder': 'How loaded images are ordered in the tree (within the pages loaded so far).',
  'config.sortOrder.name': 'By name.',
  'config.sortOrder.newest': 'Newest first.',
  'config.regions': "The regions shown in the Cloud Images view. Empty: the profile's region, else us-east-1.",
  'config.pageSize': `Images fetched per request (${core.PAGE_SIZE_MIN}-${core.PAGE_SIZE_MAX}). More appear with "Load more…".`,
  'config.deleteConfirmation':
    'How a delete is confirmed: a button in a modal dialog, or typing the image name. User settings only.',
  'config.deleteConfirmation.button': 'Confirm with a button in a modal dialog.',
  'config.deleteConfirmation.typeName': 'Confirm by typing the image name (or, for several images, how many).',
  'config.pollIntervalSeconds': `Seconds between checks of images in transition and of tracked copies (${core.POLL_INTERVAL_MIN_SECONDS}-${core.POLL_INTERVAL_MAX_SECONDS}).`,
  'capabilities.untrustedWorkspaces':
    'In Restricted Mode the profile, regions, page size and poll interval come from user settings only, so an untrusted folder cannot change which account and regions are called, or how often.',
};
for (const [c, title] of commands) nls[`command.${c}`] = title;
const allRegions = core.knownRegions().map((r) => r.code);
const D = core.DEFAULT_SETTINGS;
const setting = (key) => `${core.SETTINGS_SECTION}.${key}`;
// Every setting that decides which requests are made (credentials, regions, page size, polling rate). VS Code
// ignores workspace values of these in Restricted Mode, so an untrusted folder cannot change them.
const restrictedConfigurations = [
  'profile',
  'profiles',
  'profileRegions',
  'regions',
  'pageSize',
  'pollIntervalSeconds',
].map(setting);

const contributes = {
  viewsContainers: {
    activitybar: [{ id: 'cloudImages', title: '%view.container.title%', icon: 'media/cloud-images.svg' }],
  },
  views: {
    cloudImages: [
      { id: 'cloudImages.images', name: '%view.images.name%', icon: 'media/cloud-images.svg', contextualTitle: C },
    ],
  },
  viewsWelcome: [
    { view: 'cloudImages.images', contents: '%welcome.noCredentials%', when: 'cloudImages.noCredentials' },
  ],
  commands: commands.map(([c, , icon]) => ({
    command: `cloudImages.${c}`,
    title: `%command.${c}%`,
    category: C,
    icon,
  })),
  menus,
  configuration: {
    title: C,
    properties: {
      [setting('profile')]: { type: 'string', default: '', scope: 'machine', markdownDescription: '%config.profile%' },
      [setting('profiles')]: {
        type: 'array',
        default: [],
        uniqueItems: true,
        items: { type: 'string' },
        scope: 'machine',
        markdownDescription: '%config.profiles%',
      },
      [setting('profileRegions')]: {
        type: 'object',
        default: {},
        scope: 'machine',
        additionalProperties: { type: 'array', uniqueItems: true, items: { type: 'string', enum: allRegions } },
        markdownDescription: '%config.profileRegions%',
      },
      [setting('regions')]: {
        type: 'array',
        default: [],
        uniqueItems: true,
        items: { type: 'string', enum: allRegions },
        markdownDescription: '%config.regions%',
      },
      [setting('pageSize')]: {
        type: 'integer',
        default: D.pageSize,
        minimum: core.PAGE_SIZE_MIN,
        maximum: core.PAGE_SIZE_MAX,
        markdownDescription: '%config.pageSize%',
      },
      [setting('sortOrder')]: {
        type: 'string',
        default: D.sortOrder,
        enum: core.SORT_ORDERS,
        scope: 'application',
        enumDescriptions: core.SORT_ORDERS.map((o) => `%config.sortOrder.${o}%`),
        markdownDescription: '%config.sortOrder%',
      },
      [setting('deleteConfirmation')]: {
        type: 'string',
        default: D.deleteConfirmation,
        enum: core.DELETE_CONFIRMATIONS,
        scope: 'application',
        enumDescriptions: core.DELETE_CONFIRMATIONS.map((c) => `%config.deleteConfirmation.${c}%`),
        markdownDescription: '%config.deleteConfirmation%',
      },
      [setting('pollIntervalSeconds')]: {
        type: 'integer',
        default: D.pollIntervalSeconds,
        minimum: core.POLL_INTERVAL_MIN_SECONDS,
        maximum: core.POLL_INTERVAL_MAX_SECONDS,
        markdownDescription: '%config.pollIntervalSeconds%',
      },
    },
  },
};

const capabilities = {
  // 'limited' is what makes VS Code read restrictedConfigurations (with `true` the list is ignored).
  untrustedWorkspaces: {
    supported: 'limited',
    description: '%capabilities.untrustedWorkspaces%',
    restrictedConfigurations,
  },
  virtualWorkspaces: true,
};

const read = JSON.parse(fs.readFileSync('package.json', 'utf8'));
// The code's strings are translated from l10n/bundle.l10n.<locale>.json (npm run l10n writes the English source
// beside them); placed after `main`, where the manifest's other entry points are.
const pkg = {};
for (const [key, value] of Object.entries(read)) {
  if (key !== 'l10n') pkg[key] = value;
  if (key === 'main') pkg.l10n = './l10n';
}
pkg.capabilities = capabilities;
pkg.contributes = contributes;
fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
fs.writeFileSync('package.nls.json', JSON.stringify(nls, null, 2) + '\n');
console.log(
  `package.json: ${contributes.commands.length} commands, ${allRegions.length} regions, ${restrictedConfigurations.length} restricted settings`,
);

/** Imports TypeScript modules of src/core (pure, no vscode) by bundling `source` in memory. */
async function importTs(source) {
  const out = await esbuild.build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}
