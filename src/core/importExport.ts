// Images brought in from an EC2 AMI (CreateImportedImage) and exported to one (CreateExportImageTask): AWS's input
// rules for what the user types (from the AppStream model: shared AWS-API.md section 8), the tags typed as
// "key=value, key=value", and the export task as a record. Rules return the message to show, or undefined.
import type { ServiceId } from './regions';

/** Which service imports and exports images through AMIs here (AppStream: CreateImportedImage, export tasks). */
export const AMI_IMPORT_EXPORT: Readonly<Record<ServiceId, boolean>> = { appstream: true, workspaces: false };

/** The model's PhotonAmiId is `ami-[a-z0-9]{8,17}`; EC2 IDs are 8 (older) or 17 lower-case hex digits. */
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** The model's Arn pattern (any service): AWS checks the role itself. */
const ARN =
  /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/;
/** An IAM role's ARN: what both requests pass (iam:PassRole), in an account of 12 digits. */
const ROLE_ARN = /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;
/** CreateImportedImage's Description and DisplayName. */
const IMPORT_TEXT = /^[a-zA-Z0-9_.() -]+$/;
const AMI_NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const IMPORT_LIMITS = {
  description: 256,
  displayName: 100,
  amiNameMin: 3,
  amiNameMax: 128,
  amiDescription: 256,
  tags: 50,
  tagKey: 128,
  tagValue: 256,
} as const;

const length = (s: string): number => [...s].length;

function badChars(value: string, allowed: RegExp): string {
  return [...new Set([...value].filter((c) => !allowed.test(c)))]
    .map((c) => (c === ' ' ? 'space' : `"${c}"`))
    .join(', ');
}

export function amiIdRule(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the ID of the AMI to import (ami- followed by 8 or 17 hexadecimal digits).';
  if (!v.startsWith('ami-')) return 'An AMI ID starts with "ami-", e.g. ami-0123456789abcdef0.';
  return AMI_ID.test(v)
    ? undefined
    : 'An AMI ID is "ami-" followed by 8 or 17 lower-case hexadecimal digits (0-9, a-f), e.g. ami-0123456789abcdef0.';
}

/** The IAM role AWS assumes for the import or export: required by both requests. */
export function roleArnRule(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the ARN of the IAM role AWS uses (arn:aws:iam::<account>:role/<name>).';
  if (!ARN.test(v)) return 'This is not an ARN: an IAM role ARN reads arn:aws:iam::<12-digit account>:role/<name>.';
  return ROLE_ARN.test(v)
    ? undefined
    : 'This is not an IAM role ARN: it must read arn:aws:iam::<12-digit account>:role/<name>.';
}

/** CreateImportedImage's Description: optional; letters, digits, spaces and _ . ( ) -; at most 256. */
export function importDescriptionRule(value: string): string | undefined {
  return importText(value, 'description', IMPORT_LIMITS.description);
}

/** CreateImportedImage's DisplayName: optional; the same characters as the description; at most 100. */
export function importDisplayNameRule(value: string): string | undefined {
  return importText(value, 'display name', IMPORT_LIMITS.displayName);
}

function importText(value: string, what: string, max: number): string | undefined {
  if (!value) return undefined;
  if (length(value) > max) return `The ${what} is ${length(value)} characters long; AppStream allows at most ${max}.`;
  return IMPORT_TEXT.test(value)
    ? undefined
    : `Not allowed in the ${what} of an imported image: ${badChars(value, /[a-zA-Z0-9_.() -]/)}. Use letters, digits, spaces and _ . ( ) -`;
}

/** CreateExportImageTask's AmiName: 3 to 128 of letters, digits and ( ) . - / _ */
export function amiNameRule(value: string): string | undefined {
  if (!value) return 'Enter a name for the AMI.';
  const n = length(value);
  if (n < IMPORT_LIMITS.amiNameMin) return `The AMI name is ${n} characters long; EC2 needs at least 3.`;
  if (n > IMPORT_LIMITS.amiNameMax) return `The AMI name is ${n} characters long; AWS allows at most 128.`;
  return AMI_NAME.test(value)
    ? undefined
    : `Not allowed in an AMI name: ${badChars(value, /[a-zA-Z0-9().\-/_]/)}. Use letters, digits and ( ) . - / _`;
}

/** CreateExportImageTask's AmiDescription: optional, at most 256 characters. */
export function amiDescriptionRule(value: string): string | undefined {
  return length(value) > IMPORT_LIMITS.amiDescription
    ? `The AMI description is ${length(value)} characters long; AWS allows at most ${IMPORT_LIMITS.amiDescription}.`
    : undefined;
}

/** A valid default AMI name for an image: its name (its characters are all allowed), at least 3 long. */
export function suggestedAmiName(imageName: string): string {
  const clean = imageName.replace(/[^a-zA-Z0-9().\-/_]/g, '-');
  const name = length(clean) < IMPORT_LIMITS.amiNameMin ? `${clean}-ami` : clean;
  return [...name].slice(0, IMPORT_LIMITS.amiNameMax).join('');
}

/**
 * Tags typed as "key=value, key=value" (a value may be empty; "=" may appear in a value: the first one splits).
 * AWS's tag rules: keys of 1-128 and values of at most 256 letters, digits, spaces and _ . : / = + - @; no "aws:"
 * key (reserved); at most 50; a key once. Commas are not allowed in tags, so they separate them.
 */
export function parseTags(text: string): { tags: Record<string, string> } | { error: string } {
  const tags: Record<string, string> = {};
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return { error: `"${part}" is not key=value: write each tag as key=value, separated by commas.` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!key) return { error: `"${part}" has no key: write each tag as key=value.` };
    if (key.toLowerCase().startsWith('aws:')) {
      return { error: `"${key}": keys starting with "aws:" are reserved by AWS.` };
    }
    if (length(key) > IMPORT_LIMITS.tagKey) return { error: `The tag key "${key}" is longer than 128 characters.` };
    if (length(value) > IMPORT_LIMITS.tagValue) {
      return { error: `The value of "${key}" is longer than 256 characters.` };
    }
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value)) {
      return {
        error: `Not allowed in the tag "${key}": ${badChars(key + value, /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u)}. Use letters, digits, spaces and _ . : / = + - @`,
      };
    }
    if (Object.hasOwn(tags, key)) return { error: `The tag key "${key}" is given twice.` };
    tags[key] = value;
  }
  if (Object.keys(tags).length > IMPORT_LIMITS.tags) {
    return { error: `${Object.keys(tags).length} tags: AWS allows at most ${IMPORT_LIMITS.tags}.` };
  }
  return { tags };
}

export function tagsRule(text: string): string | undefined {
  const r = parseTags(text);
  return 'error' in r ? r.error : undefined;
}

// ---- export tasks ----

export type ExportTaskState = 'EXPORTING' | 'COMPLETED' | 'FAILED' | string;

/** An export task as AWS lists it (ListExportImageTasks / GetExportImageTask), mapped in src/aws only. */
export interface ExportTaskRecord {
  readonly profile: string;
  readonly region: string;
  readonly taskId: string;
  readonly imageArn: string;
  /** The image's name, read from its ARN (`...:image/<name>`). */
  readonly imageName: string;
  readonly amiName: string;
  readonly amiDescription?: string;
  readonly state: ExportTaskState;
  /** The AMI made, once COMPLETED. */
  readonly amiId?: string;
  readonly created?: Date;
  readonly errors: readonly { readonly code?: string; readonly message: string }[];
  readonly tags: Readonly<Record<string, string>>;
}

/** The image name an AppStream image ARN ends with. */
export function imageNameOfArn(arn: string): string {
  const at = arn.indexOf(':image/');
  return at < 0 ? arn : arn.slice(at + ':image/'.length);
}

/** AWS's reasons for an export task's state, in words (untrusted): each ErrorDetails entry. */
export function exportTaskReason(t: Pick<ExportTaskRecord, 'errors'>): string | undefined {
  const said = t.errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).filter(Boolean);
  return said.length ? said.join('; ') : undefined;
}

export function exportTaskInTransition(state: string): boolean {
  return state === 'EXPORTING';
}

/** "EXPORTING" -> "Exporting" */
export function exportStateLabel(state: string): string {
  return state.charAt(0) + state.slice(1).toLowerCase().replace(/_/g, ' ');
}
