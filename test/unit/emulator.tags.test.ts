// The local endpoint's tag operations, driven by the real SDK clients: AppStream ListTagsForResource / TagResource /
// UntagResource on images and image builders (by ARN), WorkSpaces DescribeTags / CreateTags / DeleteTags; the
// 50-tag limit as each service models it, the reserved "aws:" prefix, and the models' constraints.
import * as assert from 'node:assert';
import {
  AppStreamClient,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-appstream';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { Emulator } from '../emulator/server';

const errorName = (name: string) => (e: unknown) => (e as { name?: string }).name === name;
const FINANCE = 'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022';
const BUILDER = 'arn:aws:appstream:us-east-1:123456789012:image-builder/finance-builder';
const many = (n: number, from = 0): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${from + i}`, `v${i}`]));

describe('local endpoint: tags', () => {
  let emu: Emulator;
  const credentials = { accessKeyId: 'AKIATAGS000000000000', secretAccessKey: 'x' };
  const as = () => new AppStreamClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  const ws = () => new WorkSpacesClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
  const asTags = async (arn: string) => (await as().send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags;
  const wsTags = async (id: string) => (await ws().send(new DescribeTagsCommand({ ResourceId: id }))).TagList;

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default' });
    await emu.start();
  });
  afterEach(() => emu.stop());

  it('AppStream images: the scenario tags, added, changed and removed by ARN', async () => {
    assert.deepStrictEqual(await asTags(FINANCE), { team: 'finance', 'cost-center': '1234' });
    await as().send(new TagResourceCommand({ ResourceArn: FINANCE, Tags: { team: 'it', env: '' } }));
    await as().send(new UntagResourceCommand({ ResourceArn: FINANCE, TagKeys: ['cost-center', 'absent'] }));
    assert.deepStrictEqual(await asTags(FINANCE), { team: 'it', env: '' });
  });

  it('image builders are tagged by ARN too; an unknown ARN is not found', async () => {
    assert.deepStrictEqual(await asTags(BUILDER), {});
    await as().send(new TagResourceCommand({ ResourceArn: BUILDER, Tags: { owner: 'ana' } }));
    assert.deepStrictEqual(await asTags(BUILDER), { owner: 'ana' });
    await as().send(new UntagResourceCommand({ ResourceArn: BUILDER, TagKeys: ['owner'] }));
    assert.deepStrictEqual(await asTags(BUILDER), {});
    await assert.rejects(
      asTags('arn:aws:appstream:us-east-1:123456789012:image-builder/nobody'),
      errorName('ResourceNotFoundException'),
    );
  });

  it('AppStream: 50 tags at most (LimitExceededException), the model’s limits and the aws: prefix refused', async () => {
    await as().send(new TagResourceCommand({ ResourceArn: FINANCE, Tags: many(48) }));
    await assert.rejects(
      as().send(new TagResourceCommand({ ResourceArn: FINANCE, Tags: many(1, 100) })),
      errorName('LimitExceededException'),
      'the 51st tag',
    );
    assert.strictEqual(Object.keys((await asTags(FINANCE))!).length, 50, 'nothing applied');
    await assert.rejects(
      as().send(new TagResourceCommand({ ResourceArn: FINANCE, Tags: many(51, 200) })),
      errorName('ValidationException'),
      'more than 50 in one request: the model',
    );
    const bad: Record<string, string>[] = [
      { 'aws:x': 'y' },
      { ['k'.repeat(129)]: 'y' },
      { k: 'v'.repeat(257) },
      { 'a#b': 'c' },
    ];
    for (const Tags of bad) {
      await assert.rejects(
        as().send(new TagResourceCommand({ ResourceArn: FINANCE, Tags })),
        errorName('ValidationException'),
        JSON.stringify(Tags).slice(0, 40),
      );
    }
    await assert.rejects(
      as().send(new UntagResourceCommand({ ResourceArn: FINANCE, TagKeys: [] })),
      errorName('ValidationException'),
    );
  });

  it('WorkSpaces images: CreateTags and DeleteTags by ID, 50 at most (ResourceLimitExceededException), aws: refused', async () => {
    assert.deepStrictEqual(await wsTags('wsi-abc123def'), [{ Key: 'team', Value: 'it' }]);
    await ws().send(new CreateTagsCommand({ ResourceId: 'wsi-abc123def', Tags: [{ Key: 'env', Value: 'prod' }] }));
    await ws().send(new DeleteTagsCommand({ ResourceId: 'wsi-abc123def', TagKeys: ['team'] }));
    assert.deepStrictEqual(await wsTags('wsi-abc123def'), [{ Key: 'env', Value: 'prod' }]);
    const fifty = Object.entries(many(50)).map(([Key, Value]) => ({ Key, Value }));
    await assert.rejects(
      ws().send(new CreateTagsCommand({ ResourceId: 'wsi-abc123def', Tags: fifty })),
      errorName('ResourceLimitExceededException'),
    );
    await assert.rejects(
      ws().send(new CreateTagsCommand({ ResourceId: 'wsi-abc123def', Tags: [{ Key: 'aws:x', Value: '' }] })),
      errorName('InvalidParameterValuesException'),
    );
    await assert.rejects(
      ws().send(new CreateTagsCommand({ ResourceId: 'wsi-abc123def', Tags: [{ Key: 'k'.repeat(128) }] })),
      errorName('ValidationException'),
    );
    await assert.rejects(wsTags('wsi-nothere000'), errorName('ResourceNotFoundException'));
    assert.deepStrictEqual(await wsTags('wsi-abc123def'), [{ Key: 'env', Value: 'prod' }], 'nothing applied');
  });
});
