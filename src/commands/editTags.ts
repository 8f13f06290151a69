// "Edit Tags…" on an owned image of either service or an image builder (and from the palette: an owned image):
// the tags as AWS holds them in a list to add, change or remove, each key and value checked as typed; then at
// most one removal and one addition, each sent once, removals confirmed first. A failed or lost answer is
// followed by a read of the tags, and the user is told what AWS holds.
import { t } from '../platform/l10n';
import type { FailureContext } from '../core/errors';
import { SERVICE_LABELS } from '../core/image';
import { appliedReport, describeChanges, TagEdit, type TagRow } from '../core/tagEdit';
import {
  editableTags,
  isReservedKey,
  MAX_TAGS,
  TAG_IAM,
  TAG_RULES,
  taggedImage,
  tagKeyRule,
  tagText,
  tagValueRule,
  type TaggedResource,
  type Tags,
} from '../core/tags';
import { withProgress } from '../platform/progress';
import { escapeCodicons } from '../core/markdown';
import { BUILDERS_SERVICE } from '../core/services';
import type { CommandContext } from './context';
import { imageNodeArg } from './args';
import { builderNodeArg } from './builderArgs';
import { pickOwnedImage } from './pickImage';
import { report, warn } from './run';

export interface EditTagsResult {
  /** What the edit sent (empty when nothing changed or the user cancelled). */
  readonly sent: boolean;
  /** The tags AWS holds afterwards, as read or as applied. */
  readonly tags?: Tags;
}

type Choice = { add: true } | { row: TagRow } | { apply: true } | { cancel: true };

function tagContext(res: TaggedResource, op: keyof typeof TAG_IAM, action: string): FailureContext {
  return { profile: res.profile, region: res.region, tags: true, iamAction: TAG_IAM[op][res.service], action };
}

async function resourceOf(ctx: CommandContext, arg: unknown): Promise<TaggedResource | undefined> {
  const builder = builderNodeArg(arg)?.record;
  if (builder) {
    const { profile, region, name, arn } = builder;
    return { profile, service: BUILDERS_SERVICE, region, id: name, arn, name, kind: 'builder' };
  }
  const image = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Edit Tags')));
  if (!image) return undefined;
  if (image.ownership !== 'owned') {
    warn(ctx, t('Nothing was sent: {0} is not yours, and only your own images can be tagged.', image.name));
    return undefined;
  }
  return taggedImage(image);
}

export async function editTags(ctx: CommandContext, arg: unknown): Promise<EditTagsResult | undefined> {
  const res = await resourceOf(ctx, arg);
  if (!res) return undefined;
  if (TAG_RULES[res.service].byArn && !res.arn) {
    warn(ctx, t('Nothing was sent: AWS gave no ARN for {0}, and AppStream tags are addressed by ARN.', res.name));
    return undefined;
  }
  const api = ctx.scope.session(res.profile).api;
  let read: Tags;
  try {
    read = await withProgress(t('Reading the tags of {0}', res.name), () => api.resourceTags(res));
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not read the tags of {0}', res.name),
        context: tagContext(res, 'read', t('reading the tags of {0}', res.name)),
      },
    ]);
    return undefined;
  }
  const edit = new TagEdit(editableTags(read));
  const reserved = Object.keys(read).filter(isReservedKey).length;
  const title = t('Edit Tags: {0} ({1}, {2})', res.name, SERVICE_LABELS[res.service], res.region);
  for (;;) {
    const choice = await ctx.prompts.pick<Choice>(listItems(edit), {
      title,
      placeHolder: reserved
        ? t(
            '{0} of {1} tags; {2} set by AWS (aws:) are not shown. Choose a tag to change or remove it.',
            edit.size,
            MAX_TAGS,
            reserved,
          )
        : t('{0} of {1} tags. Choose a tag to change or remove it.', edit.size, MAX_TAGS),
    });
    if (!choice || 'cancel' in choice) return { sent: false, tags: read };
    if ('add' in choice) await addTag(ctx, res, edit, title);
    else if ('row' in choice) await tagActions(ctx, res, edit, choice.row, title);
    else if (await confirmRemovals(ctx, res, edit)) return send(ctx, res, edit, read);
  }
}

function listItems(edit: TagEdit): { label: string; description?: string; value: Choice }[] {
  const marks: Record<TagRow['state'], string> = {
    unchanged: '',
    added: t('(added)'),
    changed: t('(changed)'),
    removed: t('(to be removed)'),
  };
  const n = edit.count;
  return [
    { label: t('Add Tag…'), value: { add: true } },
    // Keys and values are untrusted (WorkSpaces allows any character): a "$(icon)" in them shows as written.
    ...edit.rows().map((row) => ({
      label: row.state === 'removed' ? `$(trash) ${escapeCodicons(row.key)}` : escapeCodicons(row.key),
      description: [escapeCodicons(row.value), marks[row.state]].filter(Boolean).join(' '),
      value: { row },
    })),
    ...(n
      ? [{ label: n === 1 ? t('Apply 1 change') : t('Apply {0} changes', n), value: { apply: true } as Choice }]
      : []),
    { label: t('Cancel'), description: n ? t('nothing is sent') : undefined, value: { cancel: true } },
  ];
}

async function addTag(ctx: CommandContext, res: TaggedResource, edit: TagEdit, title: string): Promise<void> {
  const key = await ctx.prompts.input({
    title,
    prompt: t('Tag key'),
    validate: (v) => {
      if (edit.full) return t('{0} has {1} tags, the most AWS allows: remove one first.', res.name, MAX_TAGS);
      if (edit.has(v)) return t('{0} already has a tag {1}: choose it in the list to change its value.', res.name, v);
      return tagKeyRule(res.service, v);
    },
  });
  if (key === undefined) return;
  const value = await askValue(ctx, res, title, key, '');
  if (value !== undefined) edit.set(key, value);
}

function askValue(
  ctx: CommandContext,
  res: TaggedResource,
  title: string,
  key: string,
  value: string,
): Promise<string | undefined> {
  return ctx.prompts.input({
    title,
    prompt: t('Value of {0} (may be empty)', key),
    value,
    validate: (v) => tagValueRule(res.service, v),
  });
}

async function tagActions(
  ctx: CommandContext,
  res: TaggedResource,
  edit: TagEdit,
  row: TagRow,
  title: string,
): Promise<void> {
  type Action = 'change' | 'remove' | 'keep' | 'back';
  const action = await ctx.prompts.pick<Action>(
    row.state === 'removed'
      ? [
          { label: t('Keep'), description: t('do not remove it'), value: 'keep' },
          { label: t('Back'), value: 'back' },
        ]
      : [
          { label: t('Change Value…'), value: 'change' },
          { label: t('Remove'), value: 'remove' },
          { label: t('Back'), value: 'back' },
        ],
    { title, placeHolder: tagText(row.key, row.value) },
  );
  if (action === 'keep') edit.keep(row.key);
  else if (action === 'remove') edit.remove(row.key);
  else if (action === 'change') {
    const value = await askValue(ctx, res, title, row.key, row.value);
    if (value !== undefined) edit.set(row.key, value);
  }
}

/** A removed tag is lost (AWS keeps no copy): removals are confirmed; additions alone are not. */
async function confirmRemovals(ctx: CommandContext, res: TaggedResource, edit: TagEdit): Promise<boolean> {
  const removed = edit.changes.remove;
  if (!removed.length) return true;
  return ctx.prompts.confirm(
    removed.length === 1
      ? t('Remove the tag {0} from {1}?', removed[0], res.name)
      : t('Remove {0} tags from {1}?', removed.length, res.name),
    t('Removed: {0}. A removed tag and its value are lost; AWS keeps no copy.', removed.join(', ')),
    t('Remove and Apply'),
  );
}

async function send(ctx: CommandContext, res: TaggedResource, edit: TagEdit, read: Tags): Promise<EditTagsResult> {
  const changes = edit.changes;
  const api = ctx.scope.session(res.profile).api;
  const said = describeChanges(edit.before, changes);
  let step: 'remove' | 'set' = 'set';
  try {
    const { recovered } = await withProgress(t('Applying tags to {0}', res.name), () =>
      api.editTags(res, changes, (s) => (step = s)),
    );
    const now = { ...Object.fromEntries(Object.entries(read).filter(([k]) => isReservedKey(k))), ...edit.after };
    shown(ctx, res, now);
    void ctx.prompts.notify(
      'info',
      recovered
        ? t(
            'Tags of {0}: AWS’s answer was lost; reading the tags back shows the changes were applied ({1}).',
            res.name,
            said,
          )
        : t('Tags of {0} changed: {1}.', res.name, said),
    );
    return { sent: true, tags: now };
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not change the tags of {0}', res.name),
        context: tagContext(res, step, t('changing the tags of {0}', res.name)),
      },
    ]);
    // Part of the edit may have been made (the removal before a refused addition): say what AWS holds.
    try {
      const now = await api.resourceTags(res);
      shown(ctx, res, now);
      warn(ctx, t('Tags of {0} as AWS holds them now: {1}', res.name, appliedReport(changes, now)));
      return { sent: true, tags: now };
    } catch {
      if (res.kind === 'image') ctx.tree.tags.forget(res);
      warn(ctx, t('The tags of {0} could not be read back: refresh and open Edit Tags again to see them.', res.name));
      return { sent: true };
    }
  }
}

/** The image's row and tooltip show the tags AWS holds now (kept until refresh). */
function shown(ctx: CommandContext, res: TaggedResource, now: Tags): void {
  if (res.kind !== 'image') return;
  ctx.tree.tags.set(res, now);
  const record = ctx.tree
    .loadedLists()
    .flatMap((n) => n.list.items)
    .find((r) => r.profile === res.profile && r.service === res.service && r.region === res.region && r.id === res.id);
  if (record) ctx.refreshes.record(record, record, 'tags');
}
