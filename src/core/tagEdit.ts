// One Edit Tags session: the tags as read, the tags as edited, and what the list and the summaries say about
// them. Pure, so the command (commands/editTags.ts) only asks and sends.
import { changeCount, changesApplied, MAX_TAGS, tagChanges, tagText, type TagChanges, type Tags } from './tags';

export type TagRowState = 'unchanged' | 'added' | 'changed' | 'removed';

export interface TagRow {
  readonly key: string;
  /** The edited value; for a removed tag, the value it had. */
  readonly value: string;
  readonly state: TagRowState;
}

export class TagEdit {
  private readonly edited: Record<string, string>;

  /** `before`: the editable tags as read (AWS's own "aws:" ones left out). */
  constructor(readonly before: Tags) {
    this.edited = { ...before };
  }

  get after(): Tags {
    return { ...this.edited };
  }

  get changes(): TagChanges {
    return tagChanges(this.before, this.edited);
  }

  get count(): number {
    return changeCount(this.changes);
  }

  /** Tags the resource would have: AWS refuses more than MAX_TAGS. */
  get size(): number {
    return Object.keys(this.edited).length;
  }

  get full(): boolean {
    return this.size >= MAX_TAGS;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.edited, key);
  }

  set(key: string, value: string): void {
    this.edited[key] = value;
  }

  remove(key: string): void {
    delete this.edited[key];
  }

  /** Undoes a removal: the tag as it was read. */
  keep(key: string): void {
    if (Object.hasOwn(this.before, key)) this.edited[key] = this.before[key];
  }

  /** Every tag, kept or removed, by key. */
  rows(): TagRow[] {
    const keys = [...new Set([...Object.keys(this.before), ...Object.keys(this.edited)])].sort((a, b) =>
      a.localeCompare(b),
    );
    return keys.map((key) => {
      if (!this.has(key)) return { key, value: this.before[key], state: 'removed' };
      const value = this.edited[key];
      if (!Object.hasOwn(this.before, key)) return { key, value, state: 'added' };
      return { key, value, state: this.before[key] === value ? 'unchanged' : 'changed' };
    });
  }
}

/** "1 added, 1 changed, 2 removed". */
export function describeChanges(before: Tags, c: TagChanges): string {
  const set = Object.keys(c.set);
  const added = set.filter((k) => !Object.hasOwn(before, k)).length;
  const parts = [
    added ? `${added} added` : '',
    set.length - added ? `${set.length - added} changed` : '',
    c.remove.length ? `${c.remove.length} removed` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** What a read-back after a failed or lost edit shows AWS holds: each part of the edit applied or not. */
export function appliedReport(c: TagChanges, now: Tags): string {
  const done = changesApplied(c, now);
  const setText = Object.entries(c.set)
    .map(([k, v]) => tagText(k, v))
    .join(', ');
  const parts: string[] = [];
  if (c.remove.length) {
    parts.push(`${done.removed ? 'Removed' : 'Not removed'}: ${c.remove.join(', ')}.`);
  }
  if (setText) parts.push(`${done.set ? 'Set' : 'Not set'}: ${setText}.`);
  return parts.join(' ');
}
