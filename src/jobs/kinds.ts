// The job kinds' entries that need more than core (core/jobKinds.ts says what each kind's states mean): how each
// read looks at AWS (the one ImageApi call per poll group, shared by every kind with that read, run alike in
// production, tests and the bench), and each kind's words in the status bar, progress list and notifications.
import { builderStateLabel, type BuilderRecord } from '../core/builders';
import type { CopyJob, JobKind, PollGroup } from '../core/copyJobs';
import type { JobRead } from '../core/jobKinds';
import type { Observation } from '../core/jobs';
import { stateReason } from '../core/present';
import { exportStateLabel, exportTaskReason } from '../core/importExport';
import { fleetStateLabel } from '../core/rollout';
import type { ImageApi } from '../aws/images';
import { t } from '../platform/l10n';

export type Look = (api: ImageApi, group: PollGroup, signal?: AbortSignal) => Promise<Map<string, Observation>>;

export const LOOKS: Record<JobRead, Look> = {
  // One DescribeImages per region (AppStream), one DescribeWorkspaceImages per 25 IDs: a missing ID is gone.
  images: async (api, g, signal) =>
    new Map(
      (await api.describe(g.service, g.region, g.ids, signal)).map((r) => [
        r.id,
        { state: r.state, reason: stateReason(r), arn: r.arn },
      ]),
    ),
  // One ListExportImageTasks per (profile, region), every task of the region on one page of up to 500.
  exports: async (api, g, signal) =>
    new Map(
      (await api.exportTasks(g.region, g.ids, signal)).map((x) => [
        x.taskId,
        { state: x.state, reason: exportTaskReason(x), ...(x.amiId ? { result: x.amiId } : {}) },
      ]),
    ),
  // One DescribeImageBuilders per (profile, region) with the names: a deleted builder is absent (gone).
  builders: async (api, g, signal) =>
    new Map(
      (await api.describeBuilders(g.region, g.ids, signal)).map((b) => [
        b.name,
        { state: b.state, reason: builderReason(b), arn: b.arn },
      ]),
    ),
  // One DescribeFleets per (profile, region) with the names: a deleted fleet is absent (gone).
  fleets: async (api, g, signal) =>
    new Map(
      (await api.describeFleets(g.region, g.ids, signal)).map((f) => [
        f.name,
        { state: f.state, image: f.imageName ?? f.imageArn },
      ]),
    ),
};

/** AWS's reasons for a builder's state, in words (untrusted): its StateChangeReason and each of its errors. */
function builderReason(b: BuilderRecord): string | undefined {
  const all = [b.stateReason, ...b.errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message))];
  const said = all.filter((x): x is string => !!x);
  return said.length ? said.join('; ') : undefined;
}

export interface KindWords {
  /** "1 image copy", "2 image copies". */
  count(n: number): string;
  /** The noun in a sentence about one job: "copy". */
  noun(): string;
  /** The state in words, where it is not an image's (image builders). */
  stateLabel?(state: string): string;
  /** How the job ended, for its notification, where a kind words it itself (image builders). */
  ending?(job: CopyJob): {
    severity: 'info' | 'error';
    message: string;
    /** An action that puts this text on the clipboard (an export's AMI ID). */
    copy?: { label: string; text: string };
  };
}

// Literal messages in each call: the l10n bundle lists what it finds written out.
export const KIND_WORDS: Record<JobKind, KindWords> = {
  copy: { count: (n) => (n === 1 ? t('1 image copy') : t('{0} image copies', n)), noun: () => t('copy') },
  update: { count: (n) => (n === 1 ? t('1 image update') : t('{0} image updates', n)), noun: () => t('update') },
  delete: { count: (n) => (n === 1 ? t('1 image deletion') : t('{0} image deletions', n)), noun: () => t('deletion') },
  'builder-start': {
    count: (n) => (n === 1 ? t('1 image builder starting') : t('{0} image builders starting', n)),
    noun: () => t('start'),
    stateLabel: builderStateLabel,
    ending: (j) =>
      j.outcome === 'succeeded'
        ? { severity: 'info', message: t('Image builder {0} is running in {1}.', j.destName, j.destRegion) }
        : {
            severity: 'error',
            message: t('Image builder {0} did not start in {1}: {2}', j.destName, j.destRegion, why(j)),
          },
  },
  import: {
    count: (n) => (n === 1 ? t('1 image import') : t('{0} image imports', n)),
    noun: () => t('import'),
    ending: (j) =>
      j.outcome === 'succeeded'
        ? {
            severity: 'info',
            message: t(
              'Image {0} was imported from {1} and is available in {2}.',
              j.destName,
              j.sourceName,
              j.destRegion,
            ),
          }
        : {
            severity: 'error',
            message: t(
              'Image {0} could not be imported from {1} in {2}: {3}',
              j.destName,
              j.sourceName,
              j.destRegion,
              why(j),
            ),
          },
  },
  export: {
    count: (n) => (n === 1 ? t('1 export to AMI') : t('{0} exports to AMI', n)),
    noun: () => t('export'),
    stateLabel: exportStateLabel,
    ending: (j) =>
      j.outcome === 'succeeded'
        ? {
            severity: 'info',
            message: j.result
              ? t(
                  'Image {0} was exported to the AMI {1} ({2}) in {3}.',
                  j.sourceName,
                  j.result,
                  j.destName,
                  j.destRegion,
                )
              : t('Image {0} was exported to the AMI {1} in {2}.', j.sourceName, j.destName, j.destRegion),
            ...(j.result ? { copy: { label: t('Copy AMI ID'), text: j.result } } : {}),
          }
        : {
            severity: 'error',
            message: t('Image {0} could not be exported to an AMI in {1}: {2}', j.sourceName, j.destRegion, why(j)),
          },
  },
  'fleet-image': {
    count: (n) => (n === 1 ? t('1 fleet changing image') : t('{0} fleets changing image', n)),
    noun: () => t('image change'),
    stateLabel: fleetStateLabel,
    ending: (j) =>
      j.outcome === 'succeeded'
        ? {
            severity: 'info',
            message:
              j.state === 'STOPPED'
                ? t('Fleet {0} in {1} now has the image {2}: it starts on it.', j.destName, j.destRegion, j.sourceName)
                : t(
                    'Fleet {0} in {1} now has the image {2}: new sessions use it, and instances move to it as sessions end.',
                    j.destName,
                    j.destRegion,
                    j.sourceName,
                  ),
          }
        : {
            severity: 'error',
            message: t('Fleet {0} in {1} did not move to {2}: {3}', j.destName, j.destRegion, j.sourceName, why(j)),
          },
  },
  'builder-stop': {
    count: (n) => (n === 1 ? t('1 image builder stopping') : t('{0} image builders stopping', n)),
    noun: () => t('stop'),
    stateLabel: builderStateLabel,
    ending: (j) =>
      j.outcome === 'succeeded'
        ? { severity: 'info', message: t('Image builder {0} is stopped in {1}.', j.destName, j.destRegion) }
        : {
            severity: 'error',
            message: t('Image builder {0} did not stop in {1}: {2}', j.destName, j.destRegion, why(j)),
          },
  },
  'builder-delete': {
    count: (n) => (n === 1 ? t('1 image builder deletion') : t('{0} image builder deletions', n)),
    noun: () => t('deletion'),
    stateLabel: builderStateLabel,
    ending: (j) =>
      j.outcome === 'succeeded'
        ? { severity: 'info', message: t('Image builder {0} was deleted from {1}.', j.destName, j.destRegion) }
        : {
            severity: 'error',
            message: t('Image builder {0} was not deleted in {1}: {2}', j.destName, j.destRegion, why(j)),
          },
  },
  'builder-create': {
    count: (n) => (n === 1 ? t('1 image builder being created') : t('{0} image builders being created', n)),
    noun: () => t('creation'),
    stateLabel: builderStateLabel,
    ending: (j) =>
      j.outcome === 'succeeded'
        ? {
            severity: 'info',
            message: t('Image builder {0} was created and is running in {1}.', j.destName, j.destRegion),
          }
        : {
            severity: 'error',
            message: t('Image builder {0} could not be created in {1}: {2}', j.destName, j.destRegion, why(j)),
          },
  },
  'ws-create': {
    count: (n) => (n === 1 ? t('1 image from a WorkSpace') : t('{0} images from WorkSpaces', n)),
    noun: () => t('image'),
    ending: (j) =>
      j.outcome === 'succeeded'
        ? {
            severity: 'info',
            message: t(
              'Image {0}, made from WorkSpace {1}, is available in {2}.',
              j.destName,
              j.sourceId,
              j.destRegion,
            ),
          }
        : {
            severity: 'error',
            message: t(
              'Image {0} was not made from WorkSpace {1} in {2}: {3}',
              j.destName,
              j.sourceId,
              j.destRegion,
              why(j),
            ),
          },
  },
  'ws-import': {
    count: (n) => (n === 1 ? t('1 BYOL image import') : t('{0} BYOL image imports', n)),
    noun: () => t('import'),
    ending: (j) =>
      j.outcome === 'succeeded'
        ? {
            severity: 'info',
            message: t('Image {0}, imported from {1}, is available in {2}.', j.destName, j.sourceId, j.destRegion),
          }
        : {
            severity: 'error',
            message: t('Image {0} was not imported from {1} in {2}: {3}', j.destName, j.sourceId, j.destRegion, why(j)),
          },
  },
};

/** Why a job ended badly: AWS's reason, or that it is no longer listed. */
function why(j: CopyJob): string {
  return j.reason ?? (j.outcome === 'disappeared' ? t('it is no longer listed') : t('AWS gave no reason'));
}
