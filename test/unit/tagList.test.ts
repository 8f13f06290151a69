// Tags typed in one box ("key=value, key2=value2"), as Create Image Builder, Import Image from AMI, Export Image
// to AMI and the WorkSpaces image commands read them: one parser on each service's tag rules (tags.ts), and what
// it accepts is what the local endpoint's transcription of the models accepts.
import * as assert from 'node:assert';
import { APPSTREAM, validate, WORKSPACES } from '../emulator/schema';
import { parseTagList, tagListRule } from '../../src/core/tags';
import type { ServiceId } from '../../src/core/regions';

const problem = (service: ServiceId, text: string): string | undefined => tagListRule(service)(text);
const fifty = Array.from({ length: 50 }, (_, i) => `k${i}=v`).join(',');

describe('tags typed as key=value, separated by commas', () => {
  it('reads key=value pairs: trimmed, a value may be empty or hold "=", nothing typed is no tags', () => {
    for (const service of ['appstream', 'workspaces'] as const) {
      assert.deepStrictEqual(parseTagList(service, ''), { tags: {} });
      assert.deepStrictEqual(parseTagList(service, ' , '), { tags: {} });
      assert.deepStrictEqual(parseTagList(service, ' team=finance , cost center = 42, empty=, eq=a=b '), {
        tags: { team: 'finance', 'cost center': '42', empty: '', eq: 'a=b' },
      });
    }
  });

  it('takes any first character of an AppStream key but a line break, as the model’s pattern does', () => {
    // `^(?!aws:).[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`: "#team" is a valid key; "te#am" is not.
    assert.deepStrictEqual(parseTagList('appstream', '#team=x'), { tags: { '#team': 'x' } });
    assert.strictEqual(
      problem('appstream', 'te#am=x'),
      '"te#am": not allowed in a tag key: "#". Use letters, digits, spaces and _ . : / = + - @.',
    );
    assert.strictEqual(
      problem('appstream', 'a=b;c'),
      '"a": not allowed in a tag value: ";". Use letters, digits, spaces and _ . : / = + - @.',
    );
    // WorkSpaces models no pattern.
    assert.deepStrictEqual(parseTagList('workspaces', 'te#am=b;c'), { tags: { 'te#am': 'b;c' } });
  });

  it('says what is wrong in words, with each service’s limits', () => {
    const both = (text: string, said: string | undefined): void => {
      assert.strictEqual(problem('appstream', text), said, `appstream ${text}`);
      assert.strictEqual(problem('workspaces', text), said, `workspaces ${text}`);
    };
    both('team', '"team" is not key=value: write each tag as key=value, separated by commas.');
    both('=x', '"=x" has no key: write each tag as key=value.');
    both('aws:owner=me', '"aws:owner": keys starting with "aws:" are reserved for AWS.');
    both('AWS:x=1', '"AWS:x": keys starting with "aws:" are reserved for AWS.');
    both('a=1, a=2', 'The tag key "a" is given twice.');
    both(`${fifty},k50=v`, '51 tags: AWS allows at most 50.');
    both(fifty, undefined);
    assert.strictEqual(problem('appstream', `${'k'.repeat(128)}=v`), undefined);
    assert.strictEqual(
      problem('appstream', `${'k'.repeat(129)}=v`),
      `"${'k'.repeat(40)}…": the key is 129 characters long; at most 128 are allowed.`,
    );
    assert.strictEqual(
      problem('workspaces', `${'k'.repeat(128)}=v`),
      `"${'k'.repeat(40)}…": the key is 128 characters long; at most 127 are allowed.`,
    );
    assert.strictEqual(problem('appstream', `k=${'v'.repeat(256)}`), undefined);
    assert.strictEqual(
      problem('appstream', `k=${'v'.repeat(257)}`),
      '"k": the value is 257 characters long; at most 256 are allowed.',
    );
    assert.strictEqual(
      problem('workspaces', `k=${'v'.repeat(256)}`),
      '"k": the value is 256 characters long; at most 255 are allowed.',
    );
  });

  it('what it accepts, the models accept (CreateImageBuilder, CreateImportedImage, exports, WorkSpaces images)', () => {
    const typed = [
      '#team=x',
      'cost center=4 2',
      'path=a/b:c@d+e',
      `${'k'.repeat(128)}=${'v'.repeat(256)}`,
      ...Array.from({ length: 46 }, (_, i) => `k${i}=`),
    ].join(', ');
    const parsed = parseTagList('appstream', typed);
    assert.ok('tags' in parsed, JSON.stringify(parsed));
    const asSent = parsed.tags;
    assert.strictEqual(Object.keys(asSent).length, 50);
    assert.strictEqual(
      validate(APPSTREAM.CreateImageBuilder, { Name: 'a', InstanceType: 't', Tags: asSent }),
      undefined,
    );
    const role = 'arn:aws:iam::123456789012:role/r';
    assert.strictEqual(
      validate(APPSTREAM.CreateImportedImage, {
        Name: 'a',
        SourceAmiId: 'ami-0123abcd',
        IamRoleArn: role,
        Tags: asSent,
      }),
      undefined,
    );
    assert.strictEqual(
      validate(APPSTREAM.CreateExportImageTask, {
        ImageName: 'a',
        AmiName: 'abc',
        IamRoleArn: role,
        TagSpecifications: asSent,
      }),
      undefined,
    );
    const ws = parseTagList('workspaces', `#a=b;c, ${'k'.repeat(127)}=${'v'.repeat(255)}`);
    assert.ok('tags' in ws);
    const list = Object.entries(ws.tags).map(([Key, Value]) => ({ Key, Value }));
    assert.strictEqual(
      validate(WORKSPACES.CreateWorkspaceImage, {
        Name: 'a',
        Description: 'd',
        WorkspaceId: 'ws-0123456789',
        Tags: list,
      }),
      undefined,
    );
  });
});
