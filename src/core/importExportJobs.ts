// The import and export job kinds, as entries of JOB_KINDS (jobKinds.ts). An import follows the new image like a
// copy (read 'images': destId = its name) through IMPORTING -> VALIDATING -> AVAILABLE or FAILED. An export
// follows its task (read 'exports': destId = the task ID, destName = the AMI name, sourceName = the image), all
// of a region's tasks read by one ListExportImageTasks per poll, until COMPLETED (the AMI ID kept as `result`)
// or FAILED.
import type { JobKindRules } from './jobKinds';

export type ImportExportJobKind = 'import' | 'export';

export const IMPORT_EXPORT_KINDS: Record<ImportExportJobKind, JobKindRules> = {
  import: {
    read: 'images',
    keySuffix: '#import',
    makesImage: true,
    outcomeOf: (state) => (state === 'AVAILABLE' ? 'succeeded' : state === 'FAILED' ? 'failed' : undefined),
    failedReason: () => 'AWS could not import the AMI.',
    unlisted: { gone: 'The imported image is no longer listed in its region.' },
    describe: (j) => `import ${j.sourceName} as ${j.destName} (${j.destRegion})`,
  },
  export: {
    read: 'exports',
    keySuffix: '#export',
    // Any other state at rest ends it badly: FAILED, and TIMED_OUT, which newer models of the API add.
    outcomeOf: (state) => (state === 'COMPLETED' ? 'succeeded' : state === 'EXPORTING' ? undefined : 'failed'),
    failedReason: (state) =>
      state === 'TIMED_OUT' ? 'The export to an AMI timed out.' : 'AWS could not export the image.',
    unlisted: { gone: 'The export task is no longer listed in its region.' },
    describe: (j) => `export ${j.sourceName} to AMI ${j.destName} (${j.destRegion})`,
  },
};

export const isImportExportJobKind = (kind: string): kind is ImportExportJobKind =>
  Object.hasOwn(IMPORT_EXPORT_KINDS, kind);
