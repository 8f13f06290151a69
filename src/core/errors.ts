// AWS failures in words a user can act on. Input is the plain shape of an SDK error (name, message, request
// ID) so this stays pure and unit-tested; src/aws extracts it from the SDK's exceptions.

import { regionInfo } from './regions';

export interface FailureFacts {
  name: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  /** Node's socket error code (ECONNREFUSED ...), when the request never got an answer. */
  code?: string;
}

export type FailureKind =
  | 'no-credentials' | 'expired-credentials' | 'invalid-credentials' | 'region-not-enabled' | 'access-denied'
  | 'throttled' | 'network' | 'service' | 'not-found' | 'in-use' | 'shared' | 'associated' | 'concurrent'
  | 'already-exists' | 'limit' | 'not-available' | 'invalid-input' | 'other';

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
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestLimitExceededException', 'RequestThrottledException', 'ProvisionedThroughputExceededException']);

export function describeFailure(f: FailureFacts, ctx: FailureContext = {}): Failure {
  const make = (kind: FailureKind, message: string, userMustFix: boolean): Failure => ({ kind, message, requestId: f.requestId, userMustFix });
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const profile = ctx.profile ? ` --profile ${ctx.profile}` : '';
  const name = f.name;
  const msg = f.message;

  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(msg)) {
    if (/SSO session .*(expired|invalid)|token .*expired|sso login/i.test(msg)) {
      return make('expired-credentials', `Your AWS SSO session has expired. Run "aws sso login${profile}" and retry.`, true);
    }
    return make('no-credentials', `No AWS credentials were found${ctx.profile ? ` for profile "${ctx.profile}"` : ''}. Select a profile that has credentials, or configure one with "aws configure".`, true);
  }
  if (['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'].includes(name) || /security token .* expired/i.test(msg)) {
    return make('expired-credentials', `Your AWS credentials have expired. Refresh them (for SSO: "aws sso login${profile}") and retry.`, true);
  }
  if (['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationTokenException'].includes(name)) {
    if (ctx.region && regionInfo(ctx.region).optIn && name === 'UnrecognizedClientException') {
      return make('region-not-enabled', `The region ${ctx.region} is not enabled for this account (it is an opt-in region). Enable it in the AWS console's account settings, or deselect it.`, true);
    }
    return make('invalid-credentials', `AWS did not accept the credentials${ctx.profile ? ` of profile "${ctx.profile}"` : ''}${where}. Check the access key, or select another profile.`, true);
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation' || f.httpStatus === 403) {
    return make('access-denied', `Access denied${where}: your IAM identity is not allowed to do this. ${firstSentence(msg)}`.trim(), true);
  }
  if (THROTTLING.has(name)) {
    return make('throttled', `AWS is throttling requests${where}. Wait a moment and retry.`, false);
  }
  if ((f.code && NETWORK_CODES.has(f.code)) || name === 'TimeoutError' || name === 'RequestTimeout' || /socket hang up|ECONNREFUSED|ECONNRESET|getaddrinfo/i.test(msg)) {
    return make('network', `Could not reach AWS${where} (${f.code ?? firstSentence(msg)}). Check your network or proxy and retry.`, false);
  }
  switch (name) {
    case 'ResourceInUseException':
      return make('in-use', `${firstSentence(msg)} Remove it from every fleet and image builder that uses it, then try again.`, true);
    case 'OperationNotPermittedException':
      return make(/shared/i.test(msg) ? 'shared' : 'other', /shared/i.test(msg)
        ? `${firstSentence(msg)} Stop sharing it with other accounts first.` : firstSentence(msg), true);
    case 'ResourceAssociatedException':
      return make('associated', `${firstSentence(msg)} Delete the bundles that use it first.`, true);
    case 'InvalidResourceStateException':
      return make(/shared/i.test(msg) ? 'shared' : 'concurrent', firstSentence(msg), true);
    case 'ConcurrentModificationException':
      return make('concurrent', `${firstSentence(msg)} Another change is in progress; wait for it to finish, refresh, and try again.`, true);
    case 'ResourceNotFoundException':
      return make('not-found', `${firstSentence(msg)} It may already be gone: refresh the view.`, true);
    case 'ResourceAlreadyExistsException':
      return make('already-exists', `${firstSentence(msg)} Choose another name.`, true);
    case 'LimitExceededException':
    case 'ResourceLimitExceededException':
      return make('limit', `${firstSentence(msg)} An AWS quota was reached${where}; wait for running operations to finish or request a higher quota.`, true);
    case 'ResourceNotAvailableException':
    case 'ResourceUnavailableException':
    case 'IncompatibleImageException':
    case 'InvalidAccountStatusException':
    case 'OperationNotSupportedException':
      return make('not-available', firstSentence(msg), true);
    case 'ValidationException':
    case 'InvalidParameterValuesException':
    case 'InvalidParameterCombinationException':
      return make('invalid-input', `AWS rejected the request: ${firstSentence(msg)}`, true);
  }
  if ((f.httpStatus ?? 0) >= 500 || ['InternalFailure', 'ServiceUnavailable', 'InternalServerError'].includes(name)) {
    return make('service', `AWS had an internal error${where} (${name}). Retry in a moment.`, false);
  }
  return make('other', `${name}: ${firstSentence(msg)}`, false);
}

function firstSentence(s: string): string {
  const t = s.trim();
  return t.length > 300 ? `${t.slice(0, 297)}…` : t;
}
