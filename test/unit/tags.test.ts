// Tag keys and values as Edit Tags checks them while typed, against AWS's own models (read from botocore, the
// AWS CLI's library): each row of the table is judged by the model's length and pattern too, and the two agree
// except where AWS's documentation is stricter than the model (the reserved "aws:" prefix in any case, and on
// WorkSpaces, whose model has no pattern). Also the edit model, the filter's "tag key=value" and the tag index's
// request count.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  changeCount,
  editableTags,
  MAX_TAGS,
  parseTagFilter,
  TAG_RULES,
  tagChanges,
  tagKeyRule,
  tagMatches,
  tagsMarkdown,
  tagValueRule,
} from '../../src/core/tags';
import { appliedReport, describeChanges, TagEdit } from '../../src/core/tagEdit';
import { describeFilter, matches, parseFilter } from '../../src/core/filter';
import type { ServiceId } from '../../src/core/regions';
import { tagRefusal } from '../../src/core/tagErrors';
import type { ImageRecord } from '../../src/core/image';
import type { ImageApi } from '../../src/aws/images';
import { TAG_READS_PER_REGION, TagIndex } from '../../src/aws/tagIndex';

const run = promisify(execFile);

const BOTOCORE_TAGS = `
import json, botocore.session
s = botocore.session.get_session()
def tag(svc, op):
    sh = s.get_service_model(svc).operation_model(op).input_shape.members['Tags']
    k, v = (sh.key, sh.value) if sh.type_name == 'map' else (sh.member.members['Key'], sh.member.members['Value'])
    return {'key': k.metadata, 'value': v.metadata}
print(json.dumps({'appstream': tag('appstream', 'TagResource'), 'workspaces': tag('workspaces', 'CreateTags')}))
`;

interface Meta {
  min?: number;
  max?: number;
  pattern?: string;
}

/** Whether the model accepts the string (length in characters, and the pattern with Unicode classes). */
function modelAccepts(m: Meta, s: string): boolean {
  const n = [...s].length;
  if (m.min !== undefined && n < m.min) return false;
  if (m.max !== undefined && n > m.max) return false;
  return !m.pattern || new RegExp(m.pattern, 'u').test(s);
}

type Row = [ServiceId, 'key' | 'value', string, boolean, string?];

// [service, part, text, valid here, why we differ from the model (when we do)]
const TABLE: Row[] = [
  ['appstream', 'key', 'team', true],
  ['appstream', 'key', 'Cost Center', true],
  ['appstream', 'key', 'a_b.c:d/e=f+g-h@i', true],
  ['appstream', 'key', 'Abteilung-Größe', true],
  ['appstream', 'key', '部署', true],
  ['appstream', 'key', 'k'.repeat(128), true],
  ['appstream', 'key', 'k'.repeat(129), false],
  ['appstream', 'key', '', false],
  ['appstream', 'key', 'aws:owner', false],
  ['appstream', 'key', 'AWS:owner', false, 'the reserved prefix in any case (AWS documentation)'],
  ['appstream', 'key', 'awsome', true],
  ['appstream', 'key', 'cost#center', false],
  ['appstream', 'key', 'a*b', false],
  ['appstream', 'key', '#first', true],
  ['appstream', 'key', '\nfirst', false],
  ['appstream', 'key', 'tab\there', false],
  ['appstream', 'value', '', true],
  ['appstream', 'value', 'prod', true],
  ['appstream', 'value', 'v'.repeat(256), true],
  ['appstream', 'value', 'v'.repeat(257), false],
  ['appstream', 'value', 'a b_c.d:e/f=g+h-i@j', true],
  ['appstream', 'value', '<b>', false],
  ['appstream', 'value', 'x,y', false],
  ['appstream', 'value', 'line\nbreak', false],
  ['workspaces', 'key', 'team', true],
  ['workspaces', 'key', 'k'.repeat(127), true],
  ['workspaces', 'key', 'k'.repeat(128), false],
  ['workspaces', 'key', '', false],
  ['workspaces', 'key', 'cost#center', true],
  ['workspaces', 'key', 'aws:owner', false, 'the reserved prefix (no pattern in the WorkSpaces model)'],
  ['workspaces', 'value', '', true],
  ['workspaces', 'value', 'v'.repeat(255), true],
  ['workspaces', 'value', 'v'.repeat(256), false],
  ['workspaces', 'value', '<b>', true],
];

describe('tags', () => {
  it('keys and values: valid and invalid, as the models (botocore) judge them', async function () {
    const { stdout } = await run('python3', ['-c', BOTOCORE_TAGS]);
    const models = JSON.parse(stdout) as Record<ServiceId, { key: Meta; value: Meta }>;
    // The limits the rules use are the models'.
    for (const service of ['appstream', 'workspaces'] as const) {
      assert.strictEqual(TAG_RULES[service].keyMax, models[service].key.max, service);
      assert.strictEqual(TAG_RULES[service].valueMax, models[service].value.max, service);
    }
    assert.strictEqual(models.workspaces.key.pattern, undefined, 'WorkSpaces models no key pattern');
    for (const [service, part, text, valid, differs] of TABLE) {
      const msg = part === 'key' ? tagKeyRule(service, text) : tagValueRule(service, text);
      const label = `${service} ${part} ${JSON.stringify(text.length > 20 ? `${text.slice(0, 10)}…(${text.length})` : text)}`;
      assert.strictEqual(msg === undefined, valid, `${label}: ${msg ?? 'accepted'}`);
      if (!valid) assert.ok(msg && msg.length > 10, `${label} says why`);
      const model = modelAccepts(models[service][part], text);
      if (differs) assert.notStrictEqual(model, valid, `${label}: stricter than the model (${differs})`);
      else assert.strictEqual(model, valid, `${label}: as the model`);
    }
  });

  it('says what is wrong in words', () => {
    assert.strictEqual(tagKeyRule('appstream', ''), 'Enter a key.');
    assert.strictEqual(
      tagKeyRule('appstream', 'k'.repeat(129)),
      'The key is 129 characters long; at most 128 are allowed.',
    );
    assert.strictEqual(
      tagKeyRule('workspaces', 'k'.repeat(128)),
      'The key is 128 characters long; at most 127 are allowed.',
    );
    assert.strictEqual(tagKeyRule('workspaces', 'Aws:x'), 'Keys starting with "aws:" are reserved for AWS.');
    assert.strictEqual(
      tagKeyRule('appstream', 'xa#b*'),
      'Not allowed in a tag key: "#", "*". Use letters, digits, spaces and _ . : / = + - @.',
    );
    assert.strictEqual(
      tagValueRule('appstream', 'v'.repeat(257)),
      'The value is 257 characters long; at most 256 are allowed.',
    );
  });

  it('an edit: what is added, changed and removed, and the at most 50 tags', () => {
    const edit = new TagEdit({ team: 'it', env: 'dev', old: 'x' });
    edit.set('env', 'prod');
    edit.set('owner', 'ana');
    edit.remove('old');
    assert.deepStrictEqual(
      edit.rows().map((r) => [r.key, r.value, r.state]),
      [
        ['env', 'prod', 'changed'],
        ['old', 'x', 'removed'],
        ['owner', 'ana', 'added'],
        ['team', 'it', 'unchanged'],
      ],
    );
    assert.deepStrictEqual(edit.changes, { set: { env: 'prod', owner: 'ana' }, remove: ['old'] });
    assert.strictEqual(edit.count, 3);
    assert.strictEqual(describeChanges(edit.before, edit.changes), '1 added, 1 changed, 1 removed');
    edit.keep('old');
    edit.set('env', 'dev');
    edit.remove('owner');
    assert.strictEqual(edit.count, 0, 'back to what was read: nothing to send');
    assert.strictEqual(changeCount(tagChanges({ a: '1' }, { a: '1' })), 0);

    const full = new TagEdit(Object.fromEntries(Array.from({ length: MAX_TAGS }, (_, i) => [`k${i}`, ''])));
    assert.strictEqual(full.full, true);
    full.remove('k0');
    assert.strictEqual(full.full, false);
  });

  it('the "aws:" tags AWS sets are kept out of an edit', () => {
    assert.deepStrictEqual(editableTags({ 'aws:cloudformation:stack-name': 's', team: 'it' }), { team: 'it' });
  });

  it('a read-back after a failed edit says what AWS holds', () => {
    const c = { set: { env: 'prod' }, remove: ['old'] };
    assert.strictEqual(appliedReport(c, { env: 'dev' }), 'Removed: old. Not set: env=prod.');
    assert.strictEqual(appliedReport(c, { env: 'prod', old: 'x' }), 'Not removed: old. Set: env=prod.');
  });

  it('tags in a tooltip are escaped: they read as text', () => {
    const md = tagsMarkdown({ note: '# **x** [a](https://evil.example) <img>', team: 'it' });
    assert.strictEqual(
      md,
      'Tags (2):  \n· note\\=\\# \\*\\*x\\*\\* \\[a\\]\\(https\\://evil\\.example\\) \\<img\\>  \n· team\\=it  ',
    );
    assert.strictEqual(tagsMarkdown({}), 'Tags: none  ');
  });

  it('the filter: "tag key=value" and "tag key"', () => {
    assert.deepStrictEqual(parseTagFilter('tag team=finance'), { key: 'team', value: 'finance' });
    assert.deepStrictEqual(parseTagFilter('  TAG  Cost Center = 12=34 '), { key: 'Cost Center', value: '12=34' });
    assert.deepStrictEqual(parseTagFilter('tag team'), { key: 'team' });
    assert.deepStrictEqual(parseTagFilter('tag team='), { key: 'team', value: '' });
    assert.strictEqual(parseTagFilter('tagged'), undefined);
    assert.strictEqual(parseTagFilter('tag =x'), undefined);
    assert.strictEqual(parseTagFilter('win2022'), undefined);
    assert.strictEqual(tagMatches({ team: 'finance' }, { key: 'team', value: 'finance' }), true);
    assert.strictEqual(tagMatches({ team: 'Finance' }, { key: 'team', value: 'finance' }), false, 'case matters');
    assert.strictEqual(tagMatches({ team: '' }, { key: 'team' }), true);
    assert.strictEqual(tagMatches({}, { key: 'team' }), false);
    assert.strictEqual(tagMatches(undefined, { key: 'team' }), false, 'tags not read: not kept');

    const f = parseFilter({ tag: { key: 'team', value: 'finance' } })!;
    assert.strictEqual(describeFilter(f), "tag 'team=finance'");
    assert.strictEqual(describeFilter(parseFilter({ tag: { key: 'team' } })!), "tag 'team'");
    assert.strictEqual(parseFilter({ tag: { key: '' } }), undefined);
    const r = { name: 'x', id: 'x', state: 'AVAILABLE', service: 'appstream' } as never;
    assert.strictEqual(
      matches(r, f, () => ({ team: 'finance' })),
      true,
    );
    assert.strictEqual(
      matches(r, f, () => undefined),
      false,
    );
  });

  it('refusals of tag requests in words', () => {
    assert.match(
      tagRefusal({ name: 'LimitExceededException', message: 'A resource can have at most 50 tags.' })!.message,
      /remove some before adding others/,
    );
    assert.strictEqual(tagRefusal({ name: 'InvalidParameterValuesException', message: 'bad' })!.kind, 'invalid-input');
  });
});

describe('tag index', () => {
  const record = (i: number, region = 'us-east-1', ownership = 'owned'): ImageRecord =>
    ({
      profile: 'p',
      service: 'workspaces',
      region,
      id: `wsi-${String(i).padStart(9, '0')}`,
      name: `img-${i}`,
      state: 'AVAILABLE',
      ownership,
      applications: [],
      reasons: [],
      raw: {},
    }) as unknown as ImageRecord;

  it('reads each own image once, a few at a time per region, and keeps no failure', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    let fail = true;
    const api = {
      resourceTags: async (res: { id: string }) => {
        asked.push(res.id);
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        if (res.id.endsWith('7') && fail) throw new Error('throttled');
        return { n: res.id };
      },
    } as unknown as ImageApi;
    const index = new TagIndex(() => api);
    const images = [...Array.from({ length: 20 }, (_, i) => record(i)), record(99, 'us-east-1', 'shared')];
    assert.strictEqual(await index.readAll(images), 2, 'wsi-…07 and wsi-…17 failed');
    assert.strictEqual(asked.length, 20, 'one request per own image; none for a shared one');
    assert.strictEqual(most, TAG_READS_PER_REGION);
    assert.deepStrictEqual(index.known(images[3]), { n: images[3].id });
    assert.strictEqual(index.known(images[7]), undefined);
    fail = false;
    assert.strictEqual(await index.readAll(images), 0);
    assert.strictEqual(asked.length, 22, 'only the two that failed are read again');
    index.forget(images[3]);
    await index.tags(images[3]);
    await index.tags(images[3]);
    assert.strictEqual(asked.length, 23, 'forgotten: read once more, then kept');
    index.clear();
    assert.strictEqual(index.known(images[4]), undefined);
  });
});
