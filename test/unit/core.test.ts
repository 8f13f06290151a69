import * as assert from 'node:assert';
import { describeFailure } from '../../src/core/errors';
import { PagedList } from '../../src/core/pagedList';
import { consoleUrl, imageContextValue, imageDescription, imageTooltip } from '../../src/core/present';
import { copyDestinations, knownRegions, regionLabel, servicesIn } from '../../src/core/regions';
import { stateKind } from '../../src/core/imageState';
import type { ImageRecord } from '../../src/core/image';

describe('regions', () => {
  it('labels regions as the AWS console names them, followed by the code', () => {
    assert.strictEqual(regionLabel('us-east-1'), 'US East (N. Virginia) us-east-1');
    assert.strictEqual(regionLabel('xx-test-9'), 'xx-test-9');
  });
  it('lists only the services that exist in a region', () => {
    assert.deepStrictEqual(servicesIn('us-east-1'), ['appstream', 'workspaces']);
    assert.deepStrictEqual(servicesIn('af-south-1'), ['workspaces']);
    assert.deepStrictEqual(servicesIn('eu-south-1'), ['appstream']);
    assert.deepStrictEqual(servicesIn('us-west-1'), []);
    assert.ok(!knownRegions().some((r) => r.code === 'us-west-1'));
    assert.strictEqual(knownRegions().length, 22);
  });
  it('offers copies only where AWS takes them: the same partition; WorkSpaces in China and GovCloud only within the region', () => {
    const ws = copyDestinations('workspaces', 'us-east-1');
    assert.ok(ws.includes('eu-west-1') && !ws.some((r) => r.startsWith('cn-') || r.startsWith('us-gov-')));
    assert.deepStrictEqual(copyDestinations('workspaces', 'cn-northwest-1'), ['cn-northwest-1']);
    assert.deepStrictEqual(copyDestinations('workspaces', 'us-gov-west-1'), ['us-gov-west-1']);
    assert.deepStrictEqual(copyDestinations('appstream', 'us-gov-west-1'), ['us-gov-east-1', 'us-gov-west-1']);
    assert.ok(!copyDestinations('appstream', 'us-east-1').some((r) => r.startsWith('us-gov-')));
  });
});

describe('PagedList', () => {
  const pages = [{ items: [1, 2], nextToken: 'a' }, { items: [3, 4], nextToken: 'b' }, { items: [5] }];
  function list() {
    const calls: (string | undefined)[] = [];
    const l = new PagedList<number>(async (token) => {
      calls.push(token);
      await new Promise((r) => setTimeout(r, 5));
      return pages[calls.length - 1];
    });
    return { l, calls };
  }

  it('loads the first page once, and each next page once even when asked twice at the same time', async () => {
    const { l, calls } = list();
    await Promise.all([l.ensureLoaded(), l.ensureLoaded()]);
    assert.deepStrictEqual(l.items, [1, 2]);
    await Promise.all([l.loadMore(), l.loadMore()]);
    assert.deepStrictEqual(calls, [undefined, 'a']);
    assert.ok(l.hasMore);
    await l.loadAll();
    assert.deepStrictEqual(l.items, [1, 2, 3, 4, 5]);
    assert.ok(!l.hasMore);
    await l.loadMore();
    assert.strictEqual(calls.length, 3, 'no request past the last page');
  });

  it('keeps the error of a failed page and recovers on the next try', async () => {
    let fail = true;
    const l = new PagedList<number>(async () => {
      if (fail) throw new Error('boom');
      return { items: [7] };
    });
    await l.ensureLoaded();
    assert.strictEqual((l.error as Error).message, 'boom');
    assert.ok(!l.loaded);
    fail = false;
    await l.ensureLoaded();
    assert.deepStrictEqual(l.items, [7]);
    assert.strictEqual(l.error, undefined);
  });

  it('drops a page that arrives after a reset', async () => {
    const { l } = list();
    const p = l.ensureLoaded();
    l.reset();
    await p;
    assert.deepStrictEqual(l.items, []);
    assert.ok(!l.loaded);
  });

  it('stops loading all when cancelled', async () => {
    const { l, calls } = list();
    let n = 0;
    await l.loadAll(() => ++n > 1);
    assert.deepStrictEqual(calls, [undefined, 'a']);
  });
});

describe('failures in words', () => {
  it('says what to do for each kind of failure', () => {
    const cases: [Parameters<typeof describeFailure>[0], Parameters<typeof describeFailure>[1], RegExp, boolean][] = [
      [
        { name: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
        { profile: 'dev' },
        /expired.*aws sso login --profile dev/,
        true,
      ],
      [
        {
          name: 'CredentialsProviderError',
          message:
            'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login',
        },
        { profile: 'sso' },
        /SSO session has expired\. Run "aws sso login --profile sso"/,
        true,
      ],
      [
        { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' },
        { profile: 'x' },
        /No AWS credentials were found for profile "x"/,
        true,
      ],
      [
        { name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
        { region: 'il-central-1' },
        /il-central-1 is not enabled/,
        true,
      ],
      [
        { name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
        { region: 'us-east-1', profile: 'p' },
        /did not accept the credentials of profile "p"/,
        true,
      ],
      [
        { name: 'AccessDeniedException', message: 'not authorized' },
        { region: 'us-east-1' },
        /^Access denied in us-east-1/,
        true,
      ],
      [{ name: 'ThrottlingException', message: 'Rate exceeded' }, {}, /throttling/, false],
      [
        { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' },
        { region: 'eu-west-1' },
        /Could not reach AWS in eu-west-1 \(ECONNRESET\)/,
        false,
      ],
      [
        { name: 'ResourceInUseException', message: 'The image X is in use by fleet f.' },
        {},
        /in use by fleet f\. Remove it from every fleet/,
        true,
      ],
      [
        { name: 'OperationNotPermittedException', message: 'The image X is shared with other accounts.' },
        {},
        /Stop sharing it/,
        true,
      ],
      [
        { name: 'ResourceAssociatedException', message: 'The image is associated with bundles.' },
        {},
        /Delete the bundles/,
        true,
      ],
      [{ name: 'ConcurrentModificationException', message: 'busy' }, {}, /wait for it to finish/, true],
      [{ name: 'ResourceNotFoundException', message: 'gone' }, {}, /refresh the view/, true],
      [{ name: 'ResourceAlreadyExistsException', message: 'taken' }, {}, /Choose another name/, true],
      [{ name: 'LimitExceededException', message: 'too many' }, {}, /quota/, true],
      [{ name: 'InternalFailure', message: 'x', httpStatus: 500 }, {}, /internal error/, false],
    ];
    for (const [facts, ctx, re, mustFix] of cases) {
      const f = describeFailure({ ...facts, requestId: 'rid' }, ctx);
      assert.match(f.message, re, facts.name);
      assert.strictEqual(f.userMustFix, mustFix, facts.name);
      assert.strictEqual(f.requestId, 'rid');
    }
  });
});

describe('image presentation', () => {
  const base: ImageRecord = {
    profile: 'demo',
    service: 'appstream',
    region: 'us-east-1',
    id: 'A_b',
    name: 'A_b',
    arn: 'arn:aws:appstream:us-east-1:1:image/A_b',
    state: 'COPYING',
    ownership: 'owned',
    created: new Date('2026-01-02T03:04:05Z'),
    platform: 'WINDOWS_SERVER_2022',
    applications: [],
    reasons: [{ label: 'State reason', text: 'IMAGE_COPY_FAILURE: m' }],
    raw: {
      Platform: 'WINDOWS_SERVER_2022',
      CreatedTime: 1767323045,
      StateChangeReason: { Code: 'IMAGE_COPY_FAILURE', Message: 'm' },
    },
  };
  it('describes state and date, and encodes service, ownership and state for menus', () => {
    assert.strictEqual(imageDescription(base), 'Copying · 2026-01-02');
    assert.strictEqual(imageContextValue(base), 'image.appstream.owned.transitional');
    assert.strictEqual(imageContextValue({ ...base, state: 'DELETING' }), 'image.appstream.owned.deleting');
    assert.strictEqual(
      imageContextValue({ ...base, service: 'workspaces', ownership: 'shared', state: 'ERROR' }),
      'image.workspaces.shared.failed',
    );
    assert.deepStrictEqual(['AVAILABLE', 'PENDING', 'FAILED', 'ERROR', 'VALIDATING'].map(stateKind), [
      'available',
      'transitional',
      'failed',
      'failed',
      'transitional',
    ]);
  });
  it('escapes Markdown in tooltips', () => {
    const t = imageTooltip(base);
    assert.match(t, /^\*\*A\\_b\*\* — Copying/);
    assert.match(t, /State reason: IMAGE\\_COPY\\_FAILURE\\: m/);
  });
  it("links the console of the image's partition", () => {
    assert.strictEqual(
      consoleUrl(base),
      'https://us-east-1.console.aws.amazon.com/appstream2/home?region=us-east-1#/images?imageName=A_b',
    );
    assert.match(
      consoleUrl({ ...base, region: 'us-gov-west-1' }),
      /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//,
    );
  });
});

describe('PagedList adopting a list read elsewhere', () => {
  it('takes a complete list only when nothing is loaded or loading, and then sends nothing', async () => {
    let fetched = 0;
    const list = new PagedList<number>(async () => {
      fetched++;
      return { items: [9], nextToken: undefined };
    });
    assert.strictEqual(list.adopt([1, 2, 3], 5), true);
    await list.ensureLoaded();
    assert.deepStrictEqual([list.items, list.hasMore, list.loadedAt, fetched], [[1, 2, 3], false, 5, 0]);
    assert.strictEqual(list.adopt([4], 6), false, 'a loaded list keeps its pages');
  });
});
