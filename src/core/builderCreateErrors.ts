// The modeled refusals of CreateImageBuilder as what to do next: describeFailure (errors.ts) uses them with
// `builderCreate` set. (RequestLimitExceededException is a throttle: describeFailure words it before these.) Each keeps AWS's own message (untrusted: escaped where it is shown) and adds the fix.
import { clip, type Refusal } from './refusals';
import type { FailureFacts } from './errors';

export function builderCreateRefusal(f: FailureFacts, where: string): Refusal | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'LimitExceededException':
      return {
        kind: 'limit',
        message: `${msg} The account has as many image builders${where} as its quota allows: delete an image builder you no longer need, or request a higher quota (Service Quotas, AppStream 2.0). Nothing was created.`,
      };
    case 'InvalidRoleException':
      return {
        kind: 'invalid-input',
        message: `${msg} AppStream cannot use that IAM role: check that it exists and that its trust policy lets appstream.amazonaws.com assume it, or choose another role. Nothing was created.`,
      };
    case 'IncompatibleImageException':
      return {
        kind: 'incompatible',
        message: `${msg} An image builder cannot be made from this image with that instance type: choose another instance type family, or a newer image. Nothing was created.`,
      };
    case 'ResourceAlreadyExistsException':
      return {
        kind: 'already-exists',
        message: `${msg} An image builder of that name already exists${where}: choose another name. Nothing was created.`,
      };
    case 'InvalidParameterCombinationException':
      return {
        kind: 'invalid-input',
        message: `${msg} AWS does not accept these settings together (for example security groups without a subnet): change them and try again. Nothing was created.`,
      };
    case 'ResourceNotAvailableException':
      return {
        kind: 'not-available',
        message: `${msg} The image cannot be used now: only an available image can be. Refresh the view to see its state. Nothing was created.`,
      };
    case 'ResourceNotFoundException':
      return {
        kind: 'not-found',
        message: `${msg} The image (or the subnet, security group or role) was not found${where}: it may have been deleted or unshared; refresh the view. Nothing was created.`,
      };
    case 'InvalidAccountStatusException':
      return {
        kind: 'not-available',
        message: `${msg} The account cannot create AppStream resources${where} (suspended, or not yet enabled): contact AWS Support. Nothing was created.`,
      };
    case 'ConcurrentModificationException':
      return {
        kind: 'concurrent',
        message: `${msg} Another change to this resource is under way: wait a moment, refresh, and try again. Nothing was created.`,
      };
    case 'OperationNotPermittedException':
      return {
        kind: 'not-available',
        message: `${msg} AWS does not permit this image builder (the image's owner may not allow image builders from it): choose another image. Nothing was created.`,
      };
  }
  return undefined;
}
