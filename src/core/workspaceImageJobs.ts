// The job kinds of WorkSpaces images made from something else: an image made from a WorkSpace
// (CreateWorkspaceImage) and a BYOL import (ImportWorkspaceImage), each followed PENDING -> AVAILABLE or ERROR
// by its `wsi-` ID on the 'images' read (one DescribeWorkspaceImages per 25 IDs, shared with copies). The job's
// destination is the new image; its source is the WorkSpace (sourceId = its `ws-` ID) or the AMI.
import type { CopyJob } from './copyJobs';
import type { JobKindRules } from './jobKinds';

export type WorkSpaceImageJobKind = 'ws-create' | 'ws-import';

const made = (state: string): 'succeeded' | 'failed' | undefined =>
  state === 'AVAILABLE' ? 'succeeded' : state === 'ERROR' ? 'failed' : undefined;

const gone = 'The new image is no longer listed in its region.';

export const WORKSPACE_IMAGE_KINDS: Record<WorkSpaceImageJobKind, JobKindRules> = {
  'ws-create': {
    read: 'images',
    makesImage: true,
    outcomeOf: made,
    failedReason: () => 'AWS could not make the image from the WorkSpace.',
    unlisted: { gone },
    describe: (j: CopyJob) => `image ${j.destName} from WorkSpace ${j.sourceId} (${j.destRegion})`,
  },
  'ws-import': {
    read: 'images',
    makesImage: true,
    outcomeOf: made,
    failedReason: () => 'AWS could not import the image.',
    unlisted: { gone },
    describe: (j: CopyJob) => `import of ${j.sourceId} as ${j.destName} (${j.destRegion})`,
  },
};

export const isWorkSpaceImageJobKind = (kind: string): kind is WorkSpaceImageJobKind =>
  Object.hasOwn(WORKSPACE_IMAGE_KINDS, kind);
