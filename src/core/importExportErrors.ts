// The modeled refusals of CreateImportedImage (its dry run too) and CreateExportImageTask, as what to do next:
// describeFailure (errors.ts) uses them with `importExport` set. AWS's own message comes first, kept whole.
import type { FailureFacts, FailureKind } from './errors';
import { clip } from './refusals';

export type ImportExportRequest = 'import' | 'export';

export function importExportRefusal(
  f: Pick<FailureFacts, 'name' | 'message'>,
  request: ImportExportRequest,
  where: string,
): { kind: FailureKind; message: string } | undefined {
  const msg = clip(f.message);
  const imported = request === 'import';
  switch (f.name) {
    case 'InvalidRoleException':
      return {
        kind: 'invalid-input',
        message: `${msg} AppStream cannot use this IAM role: check that it exists, that its trust policy lets appstream.amazonaws.com assume it, that it has the permissions the ${imported ? 'import' : 'export'} needs, and that you may pass it (iam:PassRole).`,
      };
    case 'ResourceAlreadyExistsException':
      return {
        kind: 'already-exists',
        message: `${msg} An image of that name already exists${where}: choose another name.`,
      };
    case 'ResourceNotFoundException':
      return {
        kind: 'not-found',
        message: imported
          ? `${msg} AWS found no such AMI${where}: check the AMI ID, and that the AMI is in this region and shared with your account.`
          : `${msg} The image is no longer listed${where}: refresh the view.`,
      };
    case 'IncompatibleImageException':
      return {
        kind: 'incompatible',
        message: `${msg} AppStream cannot import this AMI (its operating system, architecture or boot mode is not supported): choose another AMI.`,
      };
    case 'LimitExceededException':
      return {
        kind: 'limit',
        message: imported
          ? `${msg} As many images are being imported${where} as your quota allows, or the account has as many images as it may: wait for an import to finish, delete an image, or request a higher quota.`
          : `${msg} As many export tasks are running${where} as your quota allows: wait for one to finish, or request a higher quota.`,
      };
    case 'ResourceNotAvailableException':
      return {
        kind: 'not-available',
        message: `${msg} Only an available image can be exported: wait until it is available, then try again.`,
      };
    case 'ConcurrentModificationException':
      return {
        kind: 'concurrent',
        message: `${msg} The image is changing: wait until that ends, refresh, and try again.`,
      };
    case 'OperationNotPermittedException':
      return {
        kind: 'not-available',
        message: imported
          ? `${msg} AWS does not allow this import: check the AMI and the account's AppStream settings.`
          : `${msg} AWS does not allow exporting this image (only images you own can be exported).`,
      };
    case 'InvalidAccountStatusException':
      return {
        kind: 'not-available',
        message: `${msg} The account cannot create AppStream resources here (suspended, or not enabled for the region): contact AWS Support.`,
      };
  }
  return undefined;
}
