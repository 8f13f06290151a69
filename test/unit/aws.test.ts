// The SDK access layer against the local endpoint: the standard credential and endpoint configuration is what
// reaches AWS, every call is logged without secrets, and batching stays within AWS's limits.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../emulator/server';
import { AwsSession } from '../../src/aws/session';
import { listProfiles, hasCredentialSource, effectiveProfile } from '../../src/aws/profiles';
import type { CallRecord } from '../../src/aws/clients';
import { LostAnswerError, refusalOf, toFailure } from '../../src/aws/errors';
import type { SourceImage } from '../../src/aws/images';
import { SERVICES_CAN } from '../../src/core/services';

describe('AWS access layer', () => {
  let emu: Emulator;
  let dir: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    emu = new Emulator({ scenario: 'default' });
    await emu.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-aws-'));
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        '[profile keys]',
        'region = eu-west-1',
        '',
        '[profile viaconfig]',
        'region = us-east-1',
        `endpoint_url = ${emu.url}`,
        '',
        '[profile servicesection]',
        'services = local',
        '',
        '[services local]',
        'workspaces =',
        `  endpoint_url = ${emu.url}`,
        '',
        '[profile sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Admin',
        'region = us-west-2',
        '',
        '[sso-session corp]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      [
        '[keys]',
        'aws_access_key_id = AKIAKEYSPROFILE00000',
        'aws_secret_access_key = very-secret-value',
        '',
        '[viaconfig]',
        'aws_access_key_id = AKIAVIACONFIG0000000',
        'aws_secret_access_key = very-secret-value',
        '',
        '[servicesection]',
        'aws_access_key_id = AKIASERVICES0000000',
        'aws_secret_access_key = very-secret-value',
        '',
      ].join('\n'),
    );
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });

  afterEach(async () => {
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('lists profiles from both files with how they get credentials', async () => {
    const profiles = await listProfiles();
    assert.deepStrictEqual(
      profiles.map((p) => [p.name, p.kind, p.region]),
      [
        ['keys', 'keys', 'eu-west-1'],
        ['servicesection', 'keys', undefined],
        ['sso', 'sso', 'us-west-2'],
        ['viaconfig', 'keys', 'us-east-1'],
      ],
    );
    assert.strictEqual(hasCredentialSource('keys', profiles), true);
    assert.strictEqual(hasCredentialSource('nobody', profiles), false);
    assert.strictEqual(hasCredentialSource('nobody', profiles, { AWS_ACCESS_KEY_ID: 'AKIAENV' }), true);
    assert.strictEqual(effectiveProfile(undefined, { AWS_PROFILE: 'sso' }), 'sso');
    assert.strictEqual(effectiveProfile(undefined, {}), 'default');
    assert.strictEqual(effectiveProfile('keys', { AWS_PROFILE: 'sso' }), 'keys');
  });

  it("honours the service-specific endpoint variables and signs with the profile's keys; logs calls without secrets", async () => {
    process.env.AWS_ENDPOINT_URL_APPSTREAM = emu.url;
    process.env.AWS_ENDPOINT_URL_WORKSPACES = emu.url;
    const calls: CallRecord[] = [];
    const s = new AwsSession('keys', (c) => calls.push(c));
    const page = await s.api.listPage(
      { profile: 'keys', region: 'us-east-1', service: 'appstream', listType: 'PUBLIC' },
      undefined,
      25,
    );
    assert.strictEqual(page.items.length, 2);
    await s.api.listPage(
      { profile: 'keys', region: 'us-east-1', service: 'workspaces', listType: 'SHARED' },
      undefined,
      25,
    );
    assert.deepStrictEqual(
      emu.log.map((r) => [r.service, r.accessKeyId]),
      [
        ['appstream', 'AKIAKEYSPROFILE00000'],
        ['workspaces', 'AKIAKEYSPROFILE00000'],
      ],
    );
    assert.deepStrictEqual(
      calls.map((c) => [c.service, c.operation, c.region, c.requestId]),
      [
        ['appstream', 'DescribeImages', 'us-east-1', emu.log[0].requestId],
        ['workspaces', 'DescribeWorkspaceImages', 'us-east-1', emu.log[1].requestId],
      ],
    );
    assert.ok(!JSON.stringify(calls).includes('very-secret-value') && !JSON.stringify(calls).includes('AKIA'));
    s.dispose();
  });

  it('honours endpoint_url and a services section in the chosen profile', async () => {
    const s = new AwsSession('viaconfig', () => undefined);
    await s.api.listPage(
      { profile: 'keys', region: 'us-east-1', service: 'workspaces', listType: 'OWNED' },
      undefined,
      5,
    );
    assert.strictEqual(emu.log[0].accessKeyId, 'AKIAVIACONFIG0000000');
    s.dispose();
    const t = new AwsSession('servicesection', () => undefined);
    await t.api.listPage(
      { profile: 'keys', region: 'eu-west-1', service: 'workspaces', listType: 'OWNED' },
      undefined,
      5,
    );
    assert.deepStrictEqual([emu.log[1].accessKeyId, emu.log[1].region], ['AKIASERVICES0000000', 'eu-west-1']);
    t.dispose();
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the configured endpoints off, as in the SDK', async () => {
    const { configuredEndpoint } = await import('../../src/aws/endpoints');
    assert.strictEqual(await configuredEndpoint('workspaces', 'viaconfig'), emu.url);
    assert.strictEqual(
      await configuredEndpoint('workspaces', 'keys'),
      undefined,
      "no configuration: the SDK's AWS endpoint",
    );
    process.env.AWS_ENDPOINT_URL_APPSTREAM = 'http://127.0.0.1:9';
    assert.strictEqual(
      await configuredEndpoint('appstream', 'viaconfig'),
      'http://127.0.0.1:9',
      'the environment comes first',
    );
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true';
    assert.strictEqual(await configuredEndpoint('workspaces', 'viaconfig'), undefined);
  });

  it('logs a failed call with its error and request ID', async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    emu.inject({ kind: 'access-denied' });
    const calls: CallRecord[] = [];
    const s = new AwsSession('keys', (c) => calls.push(c));
    await assert.rejects(
      s.api.listPage(
        { profile: 'keys', region: 'us-west-2', service: 'appstream', listType: 'PRIVATE' },
        undefined,
        25,
      ),
    );
    assert.deepStrictEqual(
      calls.map((c) => [c.operation, c.error, c.requestId]),
      [['DescribeImages', 'AccessDeniedException', emu.log[0].requestId]],
    );
    s.dispose();
  });

  it("a throttled copy is resent by the SDK; a copy over the region's quota of copies in flight is not (a resend meets the quota again)", async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    const [source] = await s.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    const copy = (name: string) => s.api.copy({ source, destRegion: 'eu-west-1', name, startedAt: Date.now() });
    emu.inject({ kind: 'throttle', operation: 'CopyImage', times: 1 });
    await copy('Quota-1');
    await copy('Quota-2');
    emu.clearLog();
    await assert.rejects(copy('Quota-3'), (e: Error) => e.name === 'LimitExceededException');
    assert.deepStrictEqual(
      emu.log.map((r) => [r.operation, r.status]),
      [['CopyImage', 400]],
      'sent once',
    );
    s.dispose();
  });

  it('a copy whose answer is lost while an older image holds its name: not done, and the words name that image (both services)', async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    emu.world.putAppStream('eu-west-1', { Name: 'Held-Name', CreatedTime: '2026-01-01T00:00:00Z' });
    emu.world.putWorkSpaces('eu-west-1', { ImageId: 'wsi-heldname1', Name: 'Held-Name', _ageDays: 30 });
    const [as] = await s.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    const [ws] = await s.api.describe('workspaces', 'us-east-1', ['wsi-abc123def']);
    for (const [source, holder, op] of [
      [as, 'Held-Name', 'CopyImage'],
      [ws, 'wsi-heldname1', 'CopyWorkspaceImage'],
    ] as const) {
      emu.inject({ kind: 'error-after', operation: op });
      emu.clearLog();
      const e = await s.api.copy({ source, destRegion: 'eu-west-1', name: 'Held-Name', startedAt: Date.now() }).then(
        () => undefined,
        (x: unknown) => x,
      );
      assert.ok(e instanceof LostAnswerError);
      assert.deepStrictEqual([e.outcome, e.nameHeldBy], ['not-done', holder]);
      assert.match(
        toFailure(e, { region: 'eu-west-1', action: 'the copy' }).message,
        new RegExp(
          `Cloud Images checked and the copy was not carried out: an older image \\(${holder}\\) already has that name in eu-west-1\\. Choose another name, or delete that image first\\.$`,
        ),
      );
      assert.strictEqual(emu.log.filter((r) => r.operation === op).length, 1, 'sent once');
    }
    s.dispose();
  });

  it("after a lost copy answer, an image of that name made 3 minutes before the request is not adopted, whichever way AWS's clock is off (both services)", async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    const [as] = await s.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    const [ws] = await s.api.describe('workspaces', 'us-east-1', ['wsi-abc123def']);
    for (const offset of [0, 5 * 60_000]) {
      emu.clockOffsetMs = offset;
      // Made 3 minutes ago in AWS's clock: within the old fixed 10-minute allowance.
      const made = new Date(emu.awsNow() - 3 * 60_000).toISOString();
      const name = `Recent-${offset}`;
      emu.world.putAppStream('eu-west-1', { Name: name, CreatedTime: made });
      const holder = emu.world.putWorkSpaces('eu-west-1', { ImageId: `wsi-recent${offset}`, Name: name, Created: made })
        .image.ImageId;
      for (const [source, held, op] of [
        [as, name, 'CopyImage'],
        [ws, holder, 'CopyWorkspaceImage'],
      ] as const) {
        await s.api.describe(source.service, 'us-east-1', [source.id]); // an answer from AWS's clock as it is now
        emu.inject({ kind: 'error-after', operation: op });
        const e = await s.api.copy({ source, destRegion: 'eu-west-1', name, startedAt: Date.now() }).then(
          () => undefined,
          (x: unknown) => x,
        );
        assert.ok(e instanceof LostAnswerError, `${op} with AWS's clock ${offset} ms ahead: not adopted`);
        assert.deepStrictEqual([e.outcome, e.nameHeldBy], ['not-done', held]);
      }
    }
    s.dispose();
  });

  it("after a lost copy answer, the copy is adopted although AWS's clock is 5 minutes behind ours (both services)", async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    emu.clockOffsetMs = -5 * 60_000;
    const s = new AwsSession('keys', () => undefined);
    const [as] = await s.api.describe('appstream', 'us-east-1', ['Finance-Win2022']);
    const [ws] = await s.api.describe('workspaces', 'us-east-1', ['wsi-abc123def']);
    emu.inject({ kind: 'error-after', operation: 'CopyImage' });
    assert.deepStrictEqual(
      await s.api.copy({ source: as, destRegion: 'eu-west-1', name: 'Behind-Copy', startedAt: Date.now() }),
      { id: 'Behind-Copy', state: 'COPYING' },
    );
    emu.inject({ kind: 'error-after', operation: 'CopyWorkspaceImage' });
    const copy = await s.api.copy({ source: ws, destRegion: 'eu-west-1', name: 'Behind-Copy', startedAt: Date.now() });
    assert.strictEqual(emu.world.region('eu-west-1').workspaces.get(copy.id)?.image.Name, 'Behind-Copy');
    assert.strictEqual(emu.log.filter((r) => r.operation.startsWith('Copy')).length, 2, 'each sent once');
    s.dispose();
  });

  it('asks for 30 WorkSpaces images in two requests, and survives a deleted AppStream name in a batch', async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    const ids = Array.from({ length: 30 }, (_, i) => `wsi-${String(i + 1).padStart(9, '0')}`);
    const found = await s.api.describe('workspaces', 'us-east-1', ids);
    assert.strictEqual(found.length, 30);
    assert.deepStrictEqual(
      emu.log.map((r) => (r.params.ImageIds as string[]).length),
      [25, 5],
    );
    emu.clearLog();
    const names = await s.api.describe('appstream', 'us-east-1', ['Finance-Win2022', 'Gone-Image', 'Image-00001']);
    assert.deepStrictEqual(
      names.map((r) => r.name),
      ['Finance-Win2022', 'Image-00001'],
    );
    assert.strictEqual(emu.log.length, 4, 'one batch, then one call per name after the batch failed');
    s.dispose();
  });

  it("copies from an image's identity alone: WorkSpaces sends the tags with the copy, AppStream tags the copy once it exists", async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    const sources: SourceImage[] = [
      { profile: 'keys', service: 'appstream', region: 'us-east-1', id: 'Finance-Win2022', name: 'Finance-Win2022' },
      { profile: 'keys', service: 'workspaces', region: 'us-east-1', id: 'wsi-abc123def', name: 'Standard-Win11' },
    ];
    const sent: Record<string, unknown>[] = [];
    for (const source of sources) {
      emu.clearLog();
      const copy = await s.api.copy({
        source,
        destRegion: 'eu-west-1',
        name: 'Tagged-Copy',
        tags: { owner: 'it' },
        startedAt: Date.now(),
      });
      const [request] = emu.log.filter((r) => r.operation.startsWith('Copy'));
      sent.push({
        operation: request.operation,
        region: request.region,
        tags: (request.params as { Tags?: unknown }).Tags,
      });
      assert.strictEqual(
        SERVICES_CAN[source.service].tagsInCopyRequest,
        request.params.Tags !== undefined,
        `${source.service}: the table says where tags go`,
      );
      const [made] = await s.api.describe(source.service, 'eu-west-1', [copy.id]);
      emu.clearLog();
      await s.api.applyTags({ service: source.service, region: 'eu-west-1', arn: made.arn }, { owner: 'it' });
      sent.push({ applied: emu.log.map((r) => r.operation) });
      assert.deepStrictEqual(await s.api.tags({ ...source, region: 'eu-west-1', id: copy.id, arn: made.arn }), {
        owner: 'it',
      });
    }
    assert.deepStrictEqual(sent, [
      { operation: 'CopyImage', region: 'us-east-1', tags: undefined },
      { applied: ['TagResource'] },
      { operation: 'CopyWorkspaceImage', region: 'eu-west-1', tags: [{ Key: 'owner', Value: 'it' }] },
      { applied: [] },
    ]);
    s.dispose();
  });

  it('owned images say whether they are shared in AppStream listings only, as the service table says', async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    for (const [service, listType] of [
      ['appstream', 'PRIVATE'],
      ['workspaces', 'OWNED'],
    ] as const) {
      const { items } = await s.api.listPage(
        { profile: 'keys', region: 'us-east-1', service, listType },
        undefined,
        25,
      );
      assert.ok(items.length > 0);
      assert.strictEqual(
        items.every((r) => typeof r.sharedWithOthers === 'boolean'),
        SERVICES_CAN[service].sharingInListings,
        service,
      );
      assert.strictEqual(
        items.some((r) => r.sharedWithOthers !== undefined),
        SERVICES_CAN[service].sharingInListings,
        service,
      );
    }
    s.dispose();
  });

  it('a delete refused because a fleet, image builder or bundle uses the image is one kind of refusal in both services', async () => {
    process.env.AWS_ENDPOINT_URL = emu.url;
    const s = new AwsSession('keys', () => undefined);
    const refusal = (id: string, service: 'appstream' | 'workspaces') =>
      s.api.delete({ profile: 'keys', service, region: 'us-east-1', id }).then(() => 'deleted', refusalOf);
    assert.strictEqual(await refusal('Finance-Win2022', 'appstream'), 'in-use', 'an image builder uses it');
    assert.strictEqual(await refusal('wsi-bundled01', 'workspaces'), 'in-use', 'a bundle uses it');
    assert.strictEqual(await refusal('Gone-Image', 'appstream'), undefined, 'not found is no refusal');
    assert.deepStrictEqual(
      emu.log.map((r) => [r.operation, r.status]),
      [
        ['DeleteImage', 400],
        ['DeleteWorkspaceImage', 400],
        ['DeleteImage', 404],
      ],
    );
    s.dispose();
  });
});
