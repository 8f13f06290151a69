// AWS's input rules for the names and descriptions we send (shared AWS-API.md section 2), as pure functions
// returning the message to show, or undefined when the value is valid. Used by input boxes as the user types,
// so no request AWS would reject is ever sent.

import type { ServiceId } from './regions';
import { SERVICES_CAN } from './services';

const APPSTREAM_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}$/;
const APPSTREAM_NAME_CHARS = /^[a-zA-Z0-9_.-]*$/;
const WORKSPACES_NAME = /^[a-zA-Z0-9_./()\\-]+$/;
const WORKSPACES_DESCRIPTION = /^[a-zA-Z0-9_./() -]+$/;

export const LIMITS = {
  appstreamName: 101,
  appstreamDescription: 256,
  /** CreateUpdatedImage's newImageDisplayName. */
  appstreamDisplayName: 100,
  workspacesName: 64,
  workspacesDescription: 256,
  tags: 50,
  /** Both services' tag limits in one rule: AppStream allows 128/256, WorkSpaces 127/255; the stricter holds for both. */
  tagKey: 127,
  tagValue: 255,
} as const;

const length = (s: string): number => [...s].length;

function badChars(value: string, allowed: RegExp): string {
  const bad = [...new Set([...value].filter((c) => !allowed.test(c)))];
  return bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ');
}

export function appStreamImageName(value: string): string | undefined {
  if (!value) return 'Enter a name for the image.';
  if (length(value) > LIMITS.appstreamName) {
    return `The name is ${length(value)} characters long; AppStream allows at most ${LIMITS.appstreamName}.`;
  }
  if (!/^[a-zA-Z0-9]/.test(value)) return 'The name must start with a letter or a digit.';
  if (!APPSTREAM_NAME_CHARS.test(value)) {
    return `Not allowed in an AppStream image name: ${badChars(value, /[a-zA-Z0-9_.-]/)}. Use letters, digits, "_", "." and "-".`;
  }
  return APPSTREAM_NAME.test(value)
    ? undefined
    : 'Use letters, digits, "_", "." and "-", starting with a letter or digit.';
}

export function appStreamDescription(value: string): string | undefined {
  return length(value) > LIMITS.appstreamDescription
    ? `The description is ${length(value)} characters long; AppStream allows at most ${LIMITS.appstreamDescription}.`
    : undefined;
}

export function workSpacesImageName(value: string): string | undefined {
  if (!value) return 'Enter a name for the image.';
  if (length(value) > LIMITS.workspacesName) {
    return `The name is ${length(value)} characters long; WorkSpaces allows at most ${LIMITS.workspacesName}.`;
  }
  if (!WORKSPACES_NAME.test(value)) {
    return `Not allowed in a WorkSpaces image name: ${badChars(value, /[a-zA-Z0-9_./()\\-]/)}. Use letters, digits and _ . / ( ) \\ -`;
  }
  return undefined;
}

/** Optional: empty means "no description". */
export function workSpacesDescription(value: string): string | undefined {
  if (!value) return undefined;
  if (length(value) > LIMITS.workspacesDescription) {
    return `The description is ${length(value)} characters long; WorkSpaces allows at most ${LIMITS.workspacesDescription}.`;
  }
  if (!WORKSPACES_DESCRIPTION.test(value)) {
    return `Not allowed in a WorkSpaces description: ${badChars(value, /[a-zA-Z0-9_./() -]/)}. Use letters, digits, spaces and _ . / ( ) -`;
  }
  return undefined;
}

/**
 * CreateUpdatedWorkspaceImage's Description: the same pattern as CopyWorkspaceImage's, but required (min 1),
 * where a copy may go without one.
 */
export function workSpacesUpdatedDescription(value: string): string | undefined {
  if (!value) return 'Enter a description: WorkSpaces requires one for an updated image.';
  return workSpacesDescription(value);
}

/** CreateUpdatedImage's newImageDisplayName: optional, at most 100 characters (no pattern in the model). */
export function appStreamDisplayName(value: string): string | undefined {
  return length(value) > LIMITS.appstreamDisplayName
    ? `The display name is ${length(value)} characters long; AppStream allows at most ${LIMITS.appstreamDisplayName}.`
    : undefined;
}

export function imageNameRule(service: 'appstream' | 'workspaces'): (v: string) => string | undefined {
  return service === 'appstream' ? appStreamImageName : workSpacesImageName;
}

export function descriptionRule(service: 'appstream' | 'workspaces'): (v: string) => string | undefined {
  return service === 'appstream' ? appStreamDescription : workSpacesDescription;
}

/** A valid default name for a copy: the source name with a suffix, cut to the service's limit. */
export function suggestedCopyName(service: 'appstream' | 'workspaces', source: string, suffix = 'copy'): string {
  const max = service === 'appstream' ? LIMITS.appstreamName : LIMITS.workspacesName;
  const clean =
    service === 'appstream' ? source.replace(/[^a-zA-Z0-9_.-]/g, '-') : source.replace(/[^a-zA-Z0-9_./()\\-]/g, '-');
  const tail = `-${suffix}`;
  let name = [...clean].slice(0, max - tail.length).join('') + tail;
  if (service === 'appstream' && !/^[a-zA-Z0-9]/.test(name)) name = `c${name}`.slice(0, max);
  return name;
}

/**
 * A valid default name for an updated image: the source name with the date (YYYY-MM-DD), replacing a date the
 * name already ends with (Finance-2026-01-15 updated on 2026-06-01 is Finance-2026-06-01, not a double date).
 */
export function suggestedUpdateName(service: 'appstream' | 'workspaces', source: string, today: Date): string {
  const date = today.toISOString().slice(0, 10);
  const base = source.replace(/[-_.]?\d{4}-\d{2}-\d{2}$/, '');
  const name = suggestedCopyName(service, base || source, date);
  return name === source ? suggestedCopyName(service, source, 'updated') : name;
}

/** A description suited to the copy's service: WorkSpaces allows fewer characters, so others are dropped. */
export function carriedDescription(service: 'appstream' | 'workspaces', description: string | undefined): string {
  if (!description) return '';
  const d = service === 'workspaces' ? description.replace(/[^a-zA-Z0-9_./() -]/g, '').trim() : description;
  return [...d].slice(0, service === 'appstream' ? LIMITS.appstreamDescription : LIMITS.workspacesDescription).join('');
}

/**
 * Whether a copy request carries tags (WorkSpaces' CopyWorkspaceImage takes Tags); AppStream's CopyImage does
 * not, so its tags are applied once the copy exists. AWS copies no tags by itself in either service.
 */
export function copyCarriesTags(service: ServiceId): boolean {
  return SERVICES_CAN[service].tagsInCopyRequest;
}

/** Tags AWS lets a user set on an image of either service: "aws:" keys are reserved; at most 50. */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags)
      .filter(
        ([k, v]) =>
          !k.toLowerCase().startsWith('aws:') &&
          k.length > 0 &&
          length(k) <= LIMITS.tagKey &&
          length(v) <= LIMITS.tagValue,
      )
      .slice(0, LIMITS.tags),
  );
}

/** The typed confirmation of a delete: the image name for one image, the count for several. */
export function typedConfirmation(expected: string): (v: string) => string | undefined {
  return (v) => (v === expected ? undefined : `Type ${expected} to confirm.`);
}
