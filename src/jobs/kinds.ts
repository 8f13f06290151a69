// The job kinds' entries that need more than core (core/jobKinds.ts says what each kind's states mean): how each
// read looks at AWS (the one ImageApi call per poll group, shared by every kind with that read, run alike in
// production, tests and the bench), and each kind's words in the status bar, progress list and notifications.
import type { JobKind, PollGroup } from '../core/copyJobs';
import type { JobRead } from '../core/jobKinds';
import type { Observation } from '../core/jobs';
import { stateReason } from '../core/present';
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
};

export interface KindWords {
  /** "1 image copy", "2 image copies". */
  count(n: number): string;
  /** The noun in a sentence about one job: "copy". */
  noun(): string;
}

// Literal messages in each call: the l10n bundle lists what it finds written out.
export const KIND_WORDS: Record<JobKind, KindWords> = {
  copy: { count: (n) => (n === 1 ? t('1 image copy') : t('{0} image copies', n)), noun: () => t('copy') },
  update: { count: (n) => (n === 1 ? t('1 image update') : t('{0} image updates', n)), noun: () => t('update') },
  delete: { count: (n) => (n === 1 ? t('1 image deletion') : t('{0} image deletions', n)), noun: () => t('deletion') },
};
