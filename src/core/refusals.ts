// AWS's refusals of sharing and image-update requests, in words that say what to do about them, and the small
// wording helpers describeFailure (errors.ts) shares with them.

import type { FailureFacts, FailureKind } from './errors';
import { RESPONSE_TIMEOUT_MS } from './deadlines';
import { brokenAnswer, isNetwork, isTimeout } from './failureSigns';

/** A refusal in the user's words: describeFailure adds the request ID, and marks it as the user's to fix. */
export interface Refusal {
  kind: FailureKind;
  message: string;
}

/** The modeled refusals of the image permission operations, as what to do about sharing. */
export function sharingRefusal(f: FailureFacts, where: string): Refusal | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'ResourceNotFoundException':
      return {
        kind: 'not-found',
        message: `${msg} The image may be gone, or no longer shared with that account: refresh the view.`,
      };
    case 'ResourceNotAvailableException':
    case 'ResourceUnavailableException':
      return {
        kind: 'not-available',
        message: `${msg} Only an available image can be shared: wait until it is available, then try again.`,
      };
    case 'LimitExceededException':
    case 'ResourceLimitExceededException':
      return {
        kind: 'limit',
        message: `${msg} The image is shared with as many accounts as AWS allows${where} (100 unless your quota was raised): stop sharing it with an account first, or request a higher quota.`,
      };
    case 'OperationNotSupportedException':
      return {
        kind: 'not-available',
        message: `AWS will not share this image${f.reason ? ` (${f.reason})` : ''}: ${msg} Nothing was shared; AWS Support can tell whether it can be.`,
      };
  }
  return undefined;
}

/** The modeled refusals of CreateUpdatedImage and CreateUpdatedWorkspaceImage, as what to do next. */
export function updateRefusal(f: FailureFacts, where: string): Refusal | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'LimitExceededException':
    case 'ResourceLimitExceededException':
      return {
        kind: 'limit',
        message: `${msg} As many image updates are in progress${where} as AWS allows (5 unless your quota was raised): wait for one to finish, then try again.`,
      };
    case 'IncompatibleImageException':
      return {
        kind: 'incompatible',
        message: `${msg} AWS cannot make an updated image of this one (managed updates are for Windows images built on a supported base image). Update it on an image builder instead.`,
      };
    case 'OperationNotSupportedException':
      return {
        kind: 'incompatible',
        message: `AWS does not update images of this operating system${f.reason ? ` (${f.reason})` : ''}: ${msg} Only Windows 10, Windows Server 2016 and Windows Server 2019 images can be updated this way; nothing was created.`,
      };
    case 'OperationNotPermittedException':
      return {
        kind: 'not-available',
        message: `${msg} AWS does not permit an updated image of it: only available images you own, with an update, can be updated. Nothing was created.`,
      };
    case 'InvalidResourceStateException':
      return {
        kind: 'not-available',
        message: `${msg} Only an available image with an update can be updated: refresh the view to see its state.`,
      };
  }
  return undefined;
}

/** Why a mutating call's answer was lost, in a few words for the "AWS did not answer (…)" messages. */
export function lostBecause(f: FailureFacts): string {
  if (isTimeout(f)) return `no answer in ${RESPONSE_TIMEOUT_MS / 1000} s`;
  if (brokenAnswer(f)) {
    return isNetwork(f) ? `the answer was cut off: ${f.code ?? 'connection lost'}` : 'the answer could not be read';
  }
  if (isNetwork(f)) return `connection lost: ${f.code ?? clip(f.message)}`;
  return `${f.name}${f.httpStatus ? `, HTTP ${f.httpStatus}` : ''}`;
}

/** AWS's own message, kept whole unless it is very long (some carry whole policies). */
export function clip(s: string): string {
  const t = s.trim();
  return t.length > 300 ? `${t.slice(0, 297)}…` : t;
}
