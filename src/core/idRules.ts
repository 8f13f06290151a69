// AWS's rules for the IDs and ARNs a user types (an EC2 AMI to import, the IAM role AWS assumes), shared by the
// create, import and export flows of both services, as pure functions returning the message to show, or undefined
// when AWS accepts the value.

/**
 * The AMI ID of both models: WorkSpaces' Ec2ImageId `^ami\-([a-f0-9]{8}|[a-f0-9]{17})$`; AppStream's PhotonAmiId
 * `ami-[a-z0-9]{8,17}` is looser, but EC2 IDs are 8 (older) or 17 lower-case hex digits, so only those exist.
 */
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** The AppStream model's Arn pattern (IamRoleArn, ImageArn: any service). */
export const ARN_PATTERN =
  /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/;

/** An IAM role's ARN in an account of 12 digits: path and name of IAM's characters (a path is at most 512). */
const ROLE_ARN = /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** The ID of an EC2 AMI (AppStream's CreateImportedImage SourceImageId, WorkSpaces' ImportWorkspaceImage Ec2ImageId). */
export function amiIdRule(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the ID of the AMI to import (ami- followed by 8 or 17 hexadecimal digits).';
  if (!v.startsWith('ami-')) return 'An AMI ID starts with "ami-", e.g. ami-0123456789abcdef0.';
  return AMI_ID.test(v)
    ? undefined
    : 'An AMI ID is "ami-" followed by 8 or 17 lower-case hexadecimal digits (0-9, a-f), e.g. ami-0123456789abcdef0.';
}

/** The IAM role AWS assumes (an image builder's IamRoleArn; the role of an import or export: iam:PassRole). */
export function roleArnRule(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the ARN of the IAM role AWS uses (arn:aws:iam::<account>:role/<name>).';
  if (!ARN_PATTERN.test(v)) {
    return 'This is not an ARN: an IAM role ARN reads arn:aws:iam::<12-digit account>:role/<name>.';
  }
  return ROLE_ARN.test(v)
    ? undefined
    : 'This is not an IAM role ARN: it must read arn:aws:iam::<12-digit account>:role/<name>.';
}
