// The modeled refusals of the tag operations (AppStream TagResource / UntagResource / ListTagsForResource,
// WorkSpaces CreateTags / DeleteTags / DescribeTags) as what to do next: describeFailure (errors.ts) uses them
// with `tags` set.
import type { FailureKind } from './errors';
import { clip } from './refusals';

export function tagRefusal(f: { name: string; message: string }): { kind: FailureKind; message: string } | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'ResourceNotFoundException':
      return { kind: 'not-found', message: `${msg} It may have been deleted: refresh the view.` };
    case 'LimitExceededException':
    case 'ResourceLimitExceededException':
      return {
        kind: 'limit',
        message: `${msg} A resource can have at most 50 tags: remove some before adding others.`,
      };
    case 'InvalidAccountStatusException':
      return {
        kind: 'not-available',
        message: `${msg} The account cannot change AppStream resources now (suspended, or not enabled for the region): contact AWS Support.`,
      };
    case 'InvalidParameterValuesException':
    case 'ValidationException':
      return { kind: 'invalid-input', message: `AWS rejected the tags: ${msg} Change the key or value and try again.` };
  }
  return undefined;
}
