// Images made from a WorkSpace (CreateWorkspaceImage) and BYOL imports (ImportWorkspaceImage): the WorkSpace
// record the picker lists, which WorkSpaces AWS makes an image of, the ingestion processes in words, and the
// input rules of both requests (the WorkSpaces model: shared AWS-API.md section 2), as pure functions returning
// the message to show, or undefined when the value is valid.
import type { ServiceId } from './regions';
import { LIMITS, workSpacesDescription } from './rules';

/** The service whose images are made from a WorkSpace or imported from an AMI (BYOL): its jobs and rows. */
export const WORKSPACE_IMAGES_SERVICE: ServiceId = 'workspaces';

/** A WorkSpace as the picker shows it (DescribeWorkspaces), mapped in src/aws. */
export interface WorkSpaceRecord {
  readonly profile: string;
  readonly region: string;
  /** `ws-` ID. */
  readonly id: string;
  readonly userName?: string;
  readonly computerName?: string;
  /** The WorkSpace's own name, where it has one. */
  readonly name?: string;
  readonly state: string;
  readonly bundleId?: string;
  readonly directoryId?: string;
}

/** AWS makes an image only of a WorkSpace in one of these states (CreateWorkspaceImage). */
export const IMAGE_SOURCE_STATES: readonly string[] = ['AVAILABLE', 'STOPPED'];

export const canMakeImageOf = (w: Pick<WorkSpaceRecord, 'state'>): boolean => IMAGE_SOURCE_STATES.includes(w.state);

/** The model's WorkspaceImageIngestionProcess, each with a few words on what the imported image is for. */
export const INGESTION_PROCESSES: readonly { readonly value: string; readonly words: string }[] = [
  { value: 'BYOL_REGULAR', words: 'Regular bundles, PCoIP protocol' },
  { value: 'BYOL_GRAPHICS', words: 'Graphics bundles (older generation), PCoIP' },
  { value: 'BYOL_GRAPHICSPRO', words: 'GraphicsPro bundles, PCoIP' },
  { value: 'BYOL_GRAPHICS_G4DN', words: 'Graphics.g4dn bundles, PCoIP' },
  { value: 'BYOL_REGULAR_WSP', words: 'Regular bundles, WorkSpaces Streaming Protocol (DCV)' },
  { value: 'BYOL_GRAPHICS_G4DN_WSP', words: 'Graphics.g4dn bundles, WorkSpaces Streaming Protocol (DCV)' },
  { value: 'BYOL_REGULAR_BYOP', words: 'Regular bundles, bring your own protocol' },
  { value: 'BYOL_GRAPHICS_G4DN_BYOP', words: 'Graphics.g4dn bundles, bring your own protocol' },
];

const AMI_ID = /^ami-([a-f0-9]{8}|[a-f0-9]{17})$/;

/** ImportWorkspaceImage's Ec2ImageId. */
export function amiIdRule(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter the ID of the EC2 image (AMI) to import.';
  return AMI_ID.test(v) ? undefined : 'An AMI ID is "ami-" followed by 8 or 17 lowercase hexadecimal digits.';
}

/** The Description of CreateWorkspaceImage and ImageDescription of ImportWorkspaceImage: required, 1-256. */
export function newImageDescription(value: string): string | undefined {
  if (!value) return 'Enter a description: WorkSpaces requires one for a new image.';
  return workSpacesDescription(value);
}

const length = (s: string): number => [...s].length;

/** Tags typed as "key=value, key=value": WorkSpaces' Tag rules (key 1-127, value up to 255), at most 50, no "aws:". */
export function tagsRule(value: string): string | undefined {
  const parsed = parseTagList(value);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** The tags typed (empty: none). Only valid input: see tagsRule. */
export function parseTags(value: string): Record<string, string> {
  const parsed = parseTagList(value);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function parseTagList(value: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at < 0) return `"${part}" is not key=value.`;
    const key = part.slice(0, at).trim();
    const val = part.slice(at + 1).trim();
    if (!key) return `A tag needs a key before "=" ("${part}").`;
    if (key.toLowerCase().startsWith('aws:')) return `Tag keys starting with "aws:" are reserved by AWS ("${key}").`;
    if (length(key) > LIMITS.tagKey) {
      return `The tag key "${key.slice(0, 20)}…" is ${length(key)} characters long; WorkSpaces allows at most ${LIMITS.tagKey}.`;
    }
    if (length(val) > LIMITS.tagValue) {
      return `The value of tag "${key}" is ${length(val)} characters long; WorkSpaces allows at most ${LIMITS.tagValue}.`;
    }
    if (Object.hasOwn(out, key)) return `The tag key "${key}" is given twice.`;
    out[key] = val;
  }
  const n = Object.keys(out).length;
  return n > LIMITS.tags ? `${n} tags; WorkSpaces allows at most ${LIMITS.tags} on an image.` : out;
}
