// AWS failures in words a user can act on: a failure's facts and kinds, and describeFailure. Input is the plain
// shape of an SDK error (name, message, request ID) so this stays pure; src/aws extracts it from the exceptions.

import { builderRefusal } from './builderErrors';
import { importExportRefusal, type ImportExportRequest } from './importExportErrors';
import { builderCreateRefusal } from './builderCreateErrors';
import { tagRefusal } from './tagErrors';
import { CREDENTIALS_TIMEOUT_MS, RESPONSE_TIMEOUT_MS } from './deadlines';
import { brokenAnswer, isNetwork, isThrottled, isTimeout } from './failureSigns';
import { regionInfo } from './regions';
import { clip, lostBecause, sharingRefusal, updateRefusal } from './refusals';
import { rolloutRefusal, type RolloutTarget } from './rolloutErrors';
import { workSpaceImageRefusal } from './workspaceImageErrors';

// The signs are read where the failures are made (src/aws) as well: they stay importable from here.
export { isTimeout, outcomeUnknown } from './failureSigns';

export interface FailureFacts {
  name: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  /** Node's socket error code (ECONNREFUSED ...), when the request never got an answer. */
  code?: string;
  /**
   * A mutating call whose answer was lost, after Cloud Images looked at what AWS did: `not-done` (AWS did not
   * do it: nothing changed) or `unknown` (the look failed too). `name`/`message` are then the lost call's.
   */
  outcome?: 'not-done' | 'unknown';
  /** With `not-done` for a copy: the ID of an older image that holds the copy's name (so AWS made no copy). */
  nameHeldBy?: string;
  /** WorkSpaces OperationNotSupportedException's `reason` code, when AWS gives one. */
  reason?: string;
  /** The profile whose credentials could not be had in time (CredentialsTimeoutError). */
  profile?: string;
}

export type FailureKind =
  | 'no-credentials'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'credentials-timeout'
  | 'region-not-enabled'
  | 'access-denied'
  | 'throttled'
  | 'timeout'
  | 'network'
  | 'service'
  | 'not-done'
  | 'outcome-unknown'
  | 'not-found'
  | 'in-use'
  | 'shared'
  | 'associated'
  | 'concurrent'
  | 'already-exists'
  | 'limit'
  | 'not-available'
  | 'incompatible'
  | 'invalid-input'
  | 'other';

export interface Failure {
  kind: FailureKind;
  /** One sentence: what went wrong and what to do. */
  message: string;
  requestId?: string;
  /** The user must change something before trying again: retrying as is would fail the same way. */
  userMustFix: boolean;
}

export interface FailureContext {
  region?: string;
  profile?: string;
  /** What was being done, e.g. "delete image Finance-Win2022". */
  action?: string;
  /** The IAM action the request needs, named when access is denied (e.g. "appstream:UpdateImagePermissions"). */
  iamAction?: string;
  /** A request about who an image is shared with: AWS's refusals then say what to do about sharing. */
  sharing?: boolean;
  /** A request to make an updated image (CreateUpdatedImage / CreateUpdatedWorkspaceImage): refusals say what to do. */
  update?: boolean;
  /** A request about an image builder (start, stop, delete, connect): refusals say what to do (builderErrors.ts). */
  builder?: boolean;
  /** A request to import an AMI or export an image to one: refusals say what to do (importExportErrors.ts). */
  importExport?: ImportExportRequest;
  /** A request giving a fleet or a bundle an image (UpdateFleet / UpdateWorkspaceBundle): refusals say what to do. */
  rollout?: RolloutTarget;
  /** A CreateImageBuilder request: its refusals say what to do (builderCreateErrors.ts). */
  builderCreate?: boolean;
  /** CreateWorkspaceImage / ImportWorkspaceImage: refusals say what to do (workspaceImageErrors.ts). */
  wsImage?: 'create' | 'import';
  /** A request about tags (read, add, change, remove): refusals say what to do (tagErrors.ts). */
  tags?: boolean;
}

export function describeFailure(f: FailureFacts, ctx: FailureContext = {}): Failure {
  const make = (kind: FailureKind, message: string, userMustFix: boolean): Failure => ({
    kind,
    message,
    requestId: f.requestId,
    userMustFix,
  });
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const profile = ctx.profile ? ` --profile ${ctx.profile}` : '';
  const name = f.name;
  const msg = f.message;
  const action = ctx.action ?? 'the change';

  if (f.outcome === 'not-done' && f.nameHeldBy) {
    return make(
      'not-done',
      `AWS did not answer${where} (${lostBecause(f)}); Cloud Images checked and ${action} was not carried out: an older ${ctx.builderCreate ? 'image builder' : 'image'} (${f.nameHeldBy}) already has that name${where}. Choose another name, or delete that ${ctx.builderCreate ? 'image builder' : 'image'} first.`,
      false,
    );
  }
  if (f.outcome === 'not-done') {
    return make(
      'not-done',
      `AWS did not answer${where} (${lostBecause(f)}); Cloud Images checked and ${action} was not carried out: nothing changed. Try again.`,
      false,
    );
  }
  if (f.outcome === 'unknown') {
    return make(
      'outcome-unknown',
      `AWS did not answer${where} (${lostBecause(f)}), and whether ${action} was carried out could not be checked. Refresh the view to see what AWS did before trying again.`,
      false,
    );
  }

  // Its message names the profile and the fix (src/aws/profiles.ts).
  if (name === 'ProfileNotInFilesError') return make('no-credentials', clip(msg), true);
  if (name === 'CredentialsTimeoutError') {
    const p = f.profile ?? ctx.profile ?? 'default';
    return make(
      'credentials-timeout',
      `Getting credentials for profile "${p}" took longer than ${CREDENTIALS_TIMEOUT_MS / 1000} s: check its credential_process, or run "aws sso login --profile ${p}", then retry.`,
      true,
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(msg)) {
    if (/SSO session .*(expired|invalid)|token .*expired|sso login/i.test(msg)) {
      return make(
        'expired-credentials',
        `Your AWS SSO session has expired. Run "aws sso login${profile}" and retry.`,
        true,
      );
    }
    return make(
      'no-credentials',
      `No AWS credentials were found${ctx.profile ? ` for profile "${ctx.profile}"` : ''}. Select a profile that has credentials, or configure one with "aws configure".`,
      true,
    );
  }
  if (
    ['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'].includes(name) ||
    /security token .* expired/i.test(msg)
  ) {
    return make(
      'expired-credentials',
      `Your AWS credentials have expired. Refresh them (for SSO: "aws sso login${profile}") and retry.`,
      true,
    );
  }
  if (
    [
      'UnrecognizedClientException',
      'InvalidClientTokenId',
      'InvalidSignatureException',
      'SignatureDoesNotMatch',
      'IncompleteSignature',
      'MissingAuthenticationTokenException',
    ].includes(name)
  ) {
    if (ctx.region && regionInfo(ctx.region).optIn && name === 'UnrecognizedClientException') {
      return make(
        'region-not-enabled',
        `The region ${ctx.region} is not enabled for this account (it is an opt-in region). Enable it in the AWS console's account settings, or deselect it.`,
        true,
      );
    }
    return make(
      'invalid-credentials',
      `AWS did not accept the credentials${ctx.profile ? ` of profile "${ctx.profile}"` : ''}${where}. Check the access key, or select another profile.`,
      true,
    );
  }
  if (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    name === 'UnauthorizedOperation' ||
    f.httpStatus === 403
  ) {
    const needs = ctx.iamAction ? ` (it needs ${ctx.iamAction})` : '';
    return make(
      'access-denied',
      `Access denied${where}: your IAM identity is not allowed to do this${needs}. ${clip(msg)}`.trim(),
      true,
    );
  }
  if (isThrottled(f)) {
    return make('throttled', `AWS is throttling requests${where}. Wait a moment and retry.`, false);
  }
  // The poll loop stopped a check that had no answer (pollLoop.ts PollDeadlineError): its message says so.
  if (name === 'NoAnswer') return make('timeout', clip(msg), false);
  if (isTimeout(f)) {
    return make(
      'timeout',
      `AWS did not answer${where} in ${RESPONSE_TIMEOUT_MS / 1000} s. Check your network or proxy and retry.`,
      false,
    );
  }
  if (brokenAnswer(f)) {
    // AWS's message is not used: it is the parser's, quoting whatever came instead of the answer.
    return isNetwork(f)
      ? make(
          'network',
          `AWS's answer${where} was cut off (${f.code ?? 'connection lost'}). Check your network or proxy and retry.`,
          false,
        )
      : make(
          'network',
          `AWS's answer${where} could not be read (it was not what AWS sends; a proxy may have answered instead). Retry; if it keeps happening, check your proxy.`,
          false,
        );
  }
  if (isNetwork(f)) {
    return make(
      'network',
      `Could not reach AWS${where} (${f.code ?? clip(msg)}). Check your network or proxy and retry.`,
      false,
    );
  }
  const sharing = ctx.sharing ? sharingRefusal(f, where) : undefined;
  if (sharing) return make(sharing.kind, sharing.message, true);
  const update = ctx.update ? updateRefusal(f, where) : undefined;
  if (update) return make(update.kind, update.message, true);
  const builder = ctx.builder ? builderRefusal(f) : undefined;
  if (builder) return make(builder.kind, builder.message, true);
  const ie = ctx.importExport ? importExportRefusal(f, ctx.importExport, where) : undefined;
  if (ie) return make(ie.kind, ie.message, true);
  const rollout = ctx.rollout ? rolloutRefusal(f, ctx.rollout, where) : undefined;
  if (rollout) return make(rollout.kind, rollout.message, true);
  const create = ctx.builderCreate ? builderCreateRefusal(f, where) : undefined;
  if (create) return make(create.kind, create.message, true);
  const wsImage = ctx.wsImage ? workSpaceImageRefusal(f, where, ctx.wsImage) : undefined;
  if (wsImage) return make(wsImage.kind, wsImage.message, true);
  const tags = ctx.tags ? tagRefusal(f) : undefined;
  if (tags) return make(tags.kind, tags.message, true);
  switch (name) {
    case 'ResourceInUseException':
      return make(
        'in-use',
        `${clip(msg)} Remove it from every fleet and image builder that uses it, then try again.`,
        true,
      );
    case 'OperationNotPermittedException':
      return make(
        /shared/i.test(msg) ? 'shared' : 'other',
        /shared/i.test(msg) ? `${clip(msg)} Stop sharing it with other accounts first.` : clip(msg),
        true,
      );
    case 'ResourceAssociatedException':
      return make('associated', `${clip(msg)} Delete the bundles that use it first.`, true);
    case 'InvalidResourceStateException':
      return make(/shared/i.test(msg) ? 'shared' : 'concurrent', clip(msg), true);
    case 'ConcurrentModificationException':
      return make(
        'concurrent',
        `${clip(msg)} Another change is in progress; wait for it to finish, refresh, and try again.`,
        true,
      );
    case 'ResourceNotFoundException':
      return make('not-found', `${clip(msg)} It may already be gone: refresh the view.`, true);
    case 'ResourceAlreadyExistsException':
      return make('already-exists', `${clip(msg)} Choose another name.`, true);
    case 'LimitExceededException':
    case 'ResourceLimitExceededException':
      return make(
        'limit',
        `${clip(msg)} An AWS quota was reached${where}; wait for running operations to finish or request a higher quota.`,
        true,
      );
    case 'ResourceNotAvailableException':
    case 'ResourceUnavailableException':
    case 'IncompatibleImageException':
    case 'InvalidAccountStatusException':
    case 'OperationNotSupportedException':
      return make('not-available', clip(msg), true);
    case 'ValidationException':
    case 'InvalidParameterValuesException':
    case 'InvalidParameterCombinationException':
      return make('invalid-input', `AWS rejected the request: ${clip(msg)}`, true);
  }
  if ((f.httpStatus ?? 0) >= 500 || ['InternalFailure', 'ServiceUnavailable', 'InternalServerError'].includes(name)) {
    return make('service', `AWS had an internal error${where} (${name}). Retry in a moment.`, false);
  }
  return make('other', `${name}: ${clip(msg)}`, false);
}
