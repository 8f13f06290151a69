// Images made from a WorkSpace (CreateWorkspaceImage) and BYOL imports (ImportWorkspaceImage): the WorkSpace
// record the picker lists, which WorkSpaces AWS makes an image of, the ingestion processes in words, and the
// input rules of both requests (the WorkSpaces model: shared AWS-API.md section 2), as pure functions returning
// the message to show, or undefined when the value is valid.
import { workSpacesDescription } from './rules';

/** The service whose images are made from a WorkSpace or imported from an AMI (BYOL): its jobs and rows. */
export { WORKSPACE_IMAGES_SERVICE } from './services';

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

/** ImportWorkspaceImage's Ec2ImageId: the rule both services' AMI imports share. */

/** The Description of CreateWorkspaceImage and ImageDescription of ImportWorkspaceImage: required, 1-256. */
export function newImageDescription(value: string): string | undefined {
  if (!value) return 'Enter a description: WorkSpaces requires one for a new image.';
  return workSpacesDescription(value);
}
