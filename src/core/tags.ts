// Tags on images and image builders: each service's rules for a key and a value (from the botocore models, which
// differ), the changes an edit makes (what TagResource / UntagResource or CreateTags / DeleteTags send), and the
// view filter's "tag key=value". Pure: the Edit Tags command and the filter use it; unit-tested.
import type { ImageRecord } from './image';
import { escapeMarkdown } from './markdown';
import type { ServiceId } from './regions';

export type Tags = Readonly<Record<string, string>>;

/** AWS's limit of tags per resource (both services; the "aws:" ones AWS sets itself do not count). */
export const MAX_TAGS = 50;

/**
 * The models' tag shapes (botocore 1.43.11). AppStream: TagKey 1-128 and TagValue 0-256 characters, with patterns
 * `^(^(?!aws:).[\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` and `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`. WorkSpaces: TagKey 1-127
 * and TagValue 0-255 characters, no pattern; AWS still reserves the "aws:" prefix there.
 */
export const TAG_RULES: Record<ServiceId, { keyMax: number; valueMax: number; chars?: RegExp; byArn: boolean }> = {
  appstream: { keyMax: 128, valueMax: 256, chars: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, byArn: true },
  workspaces: { keyMax: 127, valueMax: 255, byArn: false },
};

/** The characters AppStream allows in a tag, as the message says them. */
const APPSTREAM_CHARS = 'letters, digits, spaces and _ . : / = + - @';

const length = (s: string): number => [...s].length;

/** Keys AWS reserves for itself: never sent, in any case ("AWS:" is refused as "aws:" is). */
export function isReservedKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

function badChars(value: string, service: ServiceId): string | undefined {
  const chars = TAG_RULES[service].chars;
  if (!chars || chars.test(value)) return undefined;
  const bad = [...new Set([...value].filter((c) => !chars.test(c)))];
  return bad.map((c) => (/\s/.test(c) ? JSON.stringify(c) : `"${c}"`)).join(', ');
}

/** A tag key as typed: the message to show, or undefined when the service accepts it. */
export function tagKeyRule(service: ServiceId, key: string): string | undefined {
  const max = TAG_RULES[service].keyMax;
  if (!key) return 'Enter a key.';
  if (length(key) > max) return `The key is ${length(key)} characters long; at most ${max} are allowed.`;
  if (isReservedKey(key)) return 'Keys starting with "aws:" are reserved for AWS.';
  // AppStream's pattern takes any first character but a line break ("."), then only its classes.
  if (TAG_RULES[service].chars && /^[\n\r\u2028\u2029]/.test(key)) return 'A key cannot start with a line break.';
  const bad = badChars([...key].slice(1).join(''), service);
  if (bad) return `Not allowed in a tag key: ${bad}. Use ${APPSTREAM_CHARS}.`;
  return undefined;
}

/** A tag value as typed (empty is a valid value). */
export function tagValueRule(service: ServiceId, value: string): string | undefined {
  const max = TAG_RULES[service].valueMax;
  if (length(value) > max) return `The value is ${length(value)} characters long; at most ${max} are allowed.`;
  const bad = badChars(value, service);
  if (bad) return `Not allowed in a tag value: ${bad}. Use ${APPSTREAM_CHARS}.`;
  return undefined;
}

// ---- tags typed in one box: "key=value, key2=value2" (the create, import and export flows) ----

/** A key as a message names it: a long one cut short. */
const named = (key: string): string => `"${length(key) > 40 ? `${[...key].slice(0, 40).join('')}…` : key}"`;
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Tags typed as "key=value, key=value" (a value may be empty; the first "=" splits, so a value may hold "=";
 * neither service allows a comma in a tag, so commas separate them), each checked against the service's rules
 * (tagKeyRule, tagValueRule: "aws:" refused). A key given twice is refused, not silently merged: the user meant
 * one of the two values and should say which. At most MAX_TAGS. Empty text: no tags.
 */
export function parseTagList(service: ServiceId, text: string): { tags: Record<string, string> } | { problem: string } {
  const tags: Record<string, string> = {};
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return { problem: `"${part}" is not key=value: write each tag as key=value, separated by commas.` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!key) return { problem: `"${part}" has no key: write each tag as key=value.` };
    const keyProblem = tagKeyRule(service, key);
    if (keyProblem) return { problem: `${named(key)}: ${lowerFirst(keyProblem)}` };
    const valueProblem = tagValueRule(service, value);
    if (valueProblem) return { problem: `${named(key)}: ${lowerFirst(valueProblem)}` };
    if (Object.hasOwn(tags, key)) return { problem: `The tag key ${named(key)} is given twice.` };
    tags[key] = value;
  }
  const n = Object.keys(tags).length;
  return n > MAX_TAGS ? { problem: `${n} tags: AWS allows at most ${MAX_TAGS}.` } : { tags };
}

/** parseTagList as an input box's rule: the message to show, or undefined when the service accepts the tags. */
export function tagListRule(service: ServiceId): (text: string) => string | undefined {
  return (text) => {
    const parsed = parseTagList(service, text);
    return 'problem' in parsed ? parsed.problem : undefined;
  };
}

/** What an edit sends: tags to add or change, and keys to remove. */
export interface TagChanges {
  readonly set: Record<string, string>;
  readonly remove: string[];
}

/** The changes from `before` to `after` (keys AWS reserves are never in either). */
export function tagChanges(before: Tags, after: Tags): TagChanges {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) set[k] = v;
  const remove = Object.keys(before).filter((k) => !Object.hasOwn(after, k));
  return { set, remove };
}

export function changeCount(c: TagChanges): number {
  return Object.keys(c.set).length + c.remove.length;
}

/** The tags a user may edit: those AWS reserves ("aws:") are shown but kept out of an edit. */
export function editableTags(tags: Tags): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !isReservedKey(k)));
}

/** Whether `after` is what AWS holds once the changes are applied (a read-back after a lost answer). */
export function changesApplied(c: TagChanges, now: Tags): { set: boolean; removed: boolean } {
  return {
    set: Object.entries(c.set).every(([k, v]) => now[k] === v),
    removed: c.remove.every((k) => !Object.hasOwn(now, k)),
  };
}

/** "Env=prod", or "Env" when the value is empty: how a tag reads in a list. */
export function tagText(key: string, value: string): string {
  return value ? `${key}=${value}` : key;
}

// ---- the view filter's "tag key=value" ----

export interface TagFilter {
  readonly key: string;
  /** Absent: any value. */
  readonly value?: string;
}

/** "tag Env=prod" or "tag Env" (any value), as typed in the filter's box; undefined when it is not a tag filter. */
export function parseTagFilter(text: string): TagFilter | undefined {
  const m = /^tag\s+(.+)$/is.exec(text.trim());
  if (!m) return undefined;
  const body = m[1].trim();
  const eq = body.indexOf('=');
  if (eq < 0) return { key: body };
  const key = body.slice(0, eq).trim();
  return key ? { key, value: body.slice(eq + 1).trim() } : undefined;
}

/** Keys and values compare exactly, as AWS keeps them (case matters). */
export function tagMatches(tags: Tags | undefined, f: TagFilter): boolean {
  if (!tags || !Object.hasOwn(tags, f.key)) return false;
  return f.value === undefined || tags[f.key] === f.value;
}

export function describeTagFilter(f: TagFilter): string {
  return f.value === undefined ? `tag '${f.key}'` : `tag '${f.key}=${f.value}'`;
}

/** What Edit Tags acts on: an image of either service or an AppStream image builder. */
export interface TaggedResource {
  readonly profile: string;
  readonly service: ServiceId;
  readonly region: string;
  /** What WorkSpaces addresses it by (`wsi-` ID); AppStream's name. */
  readonly id: string;
  /** What AppStream addresses its tags by; WorkSpaces has none. */
  readonly arn?: string;
  readonly name: string;
  readonly kind: 'image' | 'builder';
}

/** The IAM action each tag request needs, by service (named when access is denied). */
export const TAG_IAM: Record<'read' | 'set' | 'remove', Record<ServiceId, string>> = {
  read: { appstream: 'appstream:ListTagsForResource', workspaces: 'workspaces:DescribeTags' },
  set: { appstream: 'appstream:TagResource', workspaces: 'workspaces:CreateTags' },
  remove: { appstream: 'appstream:UntagResource', workspaces: 'workspaces:DeleteTags' },
};

/** The image as a tagged resource: what Edit Tags and the tag reads address. */
export function taggedImage(r: ImageRecord): TaggedResource {
  return {
    profile: r.profile,
    service: r.service,
    region: r.region,
    id: r.id,
    arn: r.arn,
    name: r.name,
    kind: 'image',
  };
}

/** Only the account's own images: AWS does not answer the tags of an image another account owns. */
export function tagsReadable(r: ImageRecord): boolean {
  return r.ownership === 'owned' && (r.service !== 'appstream' || !!r.arn);
}

/** The tooltip's lines about tags (Markdown: keys and values are untrusted, each escaped). */
export function tagsMarkdown(tags: Tags): string {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return 'Tags: none  ';
  return [`Tags (${entries.length}):  `, ...entries.map(([k, v]) => `· ${escapeMarkdown(tagText(k, v))}  `)].join('\n');
}
