// The view's filter and sort: pure rules over loaded records, so what a type row shows ("12 of 60 shown") and
// what Load All fetches into view are decided in one place and unit-tested.
import type { ImageRecord } from './image';
import { stateKind, type StateKind } from './imageState';
import { describeTagFilter, tagMatches, type TagFilter, type Tags } from './tags';

export type StateFacet = Exclude<StateKind, 'deleting'>;

export interface ImageFilter {
  /** Part of the name or ID, any case. */
  readonly text?: string;
  /** Any of these (empty or absent: any state). Deleting images count as in transition. */
  readonly states?: readonly StateFacet[];
  /** Any of these platforms (empty or absent: any). */
  readonly platforms?: readonly string[];
  /** WorkSpaces images only: owned or shared with me (absent: both). */
  readonly ownership?: 'owned' | 'shared';
  /** Images with this tag ("tag key=value", or "tag key": any value); their tags are read when it is applied. */
  readonly tag?: TagFilter;
}

/** An image's tags where they have been read (undefined: not known, so a tag filter does not keep it). */
export type TagsOf = (r: ImageRecord) => Tags | undefined;

export type SortOrder = 'name' | 'newest';

export function isActive(f: ImageFilter | undefined): f is ImageFilter {
  return !!f && !!(f.text || f.states?.length || f.platforms?.length || f.ownership || f.tag);
}

export function matches(r: ImageRecord, f: ImageFilter | undefined, tagsOf?: TagsOf): boolean {
  if (!isActive(f)) return true;
  if (f.text) {
    const t = f.text.toLowerCase();
    if (!r.name.toLowerCase().includes(t) && !r.id.toLowerCase().includes(t)) return false;
  }
  if (f.states?.length) {
    const k = stateKind(r.state);
    if (!f.states.includes(k === 'deleting' ? 'transitional' : k)) return false;
  }
  if (f.platforms?.length && !f.platforms.includes(r.platform ?? '')) return false;
  if (f.ownership && r.service === 'workspaces' && r.ownership !== f.ownership) return false;
  if (f.tag && !tagMatches(tagsOf?.(r), f.tag)) return false;
  return true;
}

/** What the filter keeps, in the chosen order (within what is loaded). */
export function view(
  items: readonly ImageRecord[],
  f: ImageFilter | undefined,
  order: SortOrder,
  tagsOf?: TagsOf,
): ImageRecord[] {
  const kept = items.filter((r) => matches(r, f, tagsOf));
  return order === 'newest'
    ? kept.sort((a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0) || a.name.localeCompare(b.name))
    : kept.sort((a, b) => a.name.localeCompare(b.name));
}

const STATE_WORDS: Record<StateFacet, string> = {
  available: 'available',
  transitional: 'in transition',
  failed: 'failed',
};

/** "name contains 'win2022', state available or failed": the view's message. */
export function describeFilter(f: ImageFilter): string {
  const parts: string[] = [];
  if (f.text) parts.push(`name contains '${f.text}'`);
  if (f.states?.length) parts.push(`state ${f.states.map((s) => STATE_WORDS[s]).join(' or ')}`);
  if (f.platforms?.length) parts.push(`platform ${f.platforms.join(' or ')}`);
  if (f.ownership) parts.push(f.ownership === 'owned' ? 'WorkSpaces owned' : 'WorkSpaces shared with me');
  if (f.tag) parts.push(describeTagFilter(f.tag));
  return parts.join(', ');
}

/** A stored filter, checked (it comes from global state): anything unknown is dropped. */
export function parseFilter(v: unknown): ImageFilter | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const strings = (x: unknown): string[] =>
    Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
  const f: ImageFilter = {
    ...(typeof o.text === 'string' && o.text.trim() ? { text: o.text.trim() } : {}),
    // Own keys only: a stored state "toString" is not a state (`in` would find the prototype's method).
    states: strings(o.states).filter((s): s is StateFacet => Object.hasOwn(STATE_WORDS, s)),
    platforms: strings(o.platforms),
    ...(o.ownership === 'owned' || o.ownership === 'shared' ? { ownership: o.ownership } : {}),
    ...storedTag(o.tag),
  };
  return isActive(f) ? f : undefined;
}

function storedTag(v: unknown): { tag?: TagFilter } {
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  if (typeof o.key !== 'string' || !o.key) return {};
  return { tag: typeof o.value === 'string' ? { key: o.key, value: o.value } : { key: o.key } };
}
