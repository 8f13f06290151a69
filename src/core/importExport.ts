// Images brought in from an EC2 AMI (CreateImportedImage) and exported to one (CreateExportImageTask): AWS's input
// rules for what the user types (from the AppStream model: shared AWS-API.md section 8; the AMI ID and role in
// idRules.ts, the tags in tags.ts), and the export task as a record. Rules return the message to show, or undefined.
import { SERVICES, type ServiceId } from './regions';
import { SERVICES_CAN } from './services';

/** Which services import and export images through AMIs (the capability table: AppStream). */
export const AMI_IMPORT_EXPORT: Readonly<Record<ServiceId, boolean>> = Object.fromEntries(
  SERVICES.map((s) => [s, SERVICES_CAN[s].amiImportExport]),
) as Record<ServiceId, boolean>;

/** That service: the one whose regions Import Image from AMI offers from the palette. */
export const AMI_IMPORT_SERVICE: ServiceId = SERVICES.find((s) => SERVICES_CAN[s].amiImportExport)!;

/** CreateImportedImage's Description and DisplayName. */
const IMPORT_TEXT = /^[a-zA-Z0-9_.() -]+$/;
const AMI_NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

export const IMPORT_LIMITS = {
  description: 256,
  displayName: 100,
  amiNameMin: 3,
  amiNameMax: 128,
  amiDescription: 256,
} as const;

const length = (s: string): number => [...s].length;

function badChars(value: string, allowed: RegExp): string {
  return [...new Set([...value].filter((c) => !allowed.test(c)))]
    .map((c) => (c === ' ' ? 'space' : `"${c}"`))
    .join(', ');
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
