// The modeled refusals of UpdateFleet (an image change) and UpdateWorkspaceBundle, as what to do next:
// describeFailure (errors.ts) uses them with `rollout` set. AWS's message comes first (untrusted, escaped where shown).
import type { FailureFacts } from './errors';
import { clip, type Refusal } from './refusals';

export type RolloutTarget = 'fleet' | 'bundle';

export function rolloutRefusal(f: FailureFacts, target: RolloutTarget, where: string): Refusal | undefined {
  return target === 'fleet' ? fleetRefusal(f, where) : bundleRefusal(f);
}

function fleetRefusal(f: FailureFacts, where: string): Refusal | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'ConcurrentModificationException':
      return {
        kind: 'concurrent',
        message: `${msg} The fleet is starting, stopping or being changed: wait until it is running or stopped, refresh, and try again.`,
      };
    case 'ResourceInUseException':
      return {
        kind: 'in-use',
        message: `${msg} The fleet cannot take a new image in its current state: wait until it is running or stopped, then try again.`,
      };
    case 'OperationNotPermittedException':
      return {
        kind: 'not-available',
        message: `${msg} AWS does not allow this change of the fleet (an Elastic fleet takes no image; a fleet being created or deleted cannot be changed).`,
      };
    case 'IncompatibleImageException':
      return {
        kind: 'incompatible',
        message: `${msg} The image does not fit the fleet (its platform, instance family or fleet type): choose another image, or another fleet.`,
      };
    case 'ResourceNotFoundException':
      return {
        kind: 'not-found',
        message: `${msg} The fleet or the image is gone, or the image is not shared with this account for fleets: refresh the view.`,
      };
    case 'ResourceNotAvailableException':
      return {
        kind: 'not-available',
        message: `${msg} The image is not available yet (only an available image can be used): wait until it is, then try again.`,
      };
    case 'InvalidParameterCombinationException':
      return {
        kind: 'invalid-input',
        message: `AWS rejected the combination of settings: ${msg} Nothing was changed.`,
      };
    case 'LimitExceededException':
      return {
        kind: 'limit',
        message: `${msg} An AppStream quota was reached${where} (instances of the fleet's type, or fleets changing at once): wait, or request a higher quota.`,
      };
    case 'InvalidRoleException':
      return {
        kind: 'access-denied',
        message: `${msg} The fleet's IAM role cannot be assumed by AppStream: fix the role's trust policy, then try again.`,
      };
    case 'InvalidAccountStatusException':
      return {
        kind: 'not-available',
        message: `${msg} The account cannot change AppStream resources here (suspended, or not enabled for the region): contact AWS Support.`,
      };
  }
  return undefined;
}

function bundleRefusal(f: FailureFacts): Refusal | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'ResourceNotFoundException':
      return {
        kind: 'not-found',
        message: `${msg} The bundle or the image is gone: refresh the view.`,
      };
    case 'ResourceUnavailableException':
      return {
        kind: 'not-available',
        message: `${msg} The bundle or the image is not available now (an image must be available): wait, then try again.`,
      };
    case 'InvalidParameterValuesException':
      return {
        kind: 'invalid-input',
        message: `AWS rejected the change: ${msg} Only a bundle of this account can be changed, to an available image of the account in the same region.`,
      };
    case 'OperationNotSupportedException':
      return {
        kind: 'not-available',
        message: `AWS will not give this bundle that image${f.reason ? ` (${f.reason})` : ''}: ${msg} The bundle keeps its image.`,
      };
  }
  return undefined;
}
