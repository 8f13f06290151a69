// Sharing: the account IDs a user types (pure rules), how shared accounts read, and AWS's refusals of the
// permission operations in words.
import * as assert from 'node:assert';
import { accountIdProblem, accountIdsRule, parseAccountIds } from '../../src/core/accountRules';
import { describeFailure } from '../../src/core/errors';
import { offersSharedWith, ownerAccountOf, sameUse, useLabel } from '../../src/core/sharing';
import { validate, WORKSPACES } from '../emulator/schema';

describe('account IDs to share with', () => {
  it('splits on commas, spaces, semicolons and new lines, ignoring empty pieces', () => {
    assert.deepStrictEqual(parseAccountIds('111122223333, 444455556666\n777788889999;000011112222  ,,'), [
      '111122223333',
      '444455556666',
      '777788889999',
      '000011112222',
    ]);
    assert.deepStrictEqual(parseAccountIds('  \n , '), []);
  });

  it('one ID is exactly 12 digits', () => {
    assert.strictEqual(accountIdProblem('123456789012'), undefined);
    assert.strictEqual(accountIdProblem('12345678901'), '12345678901 has 11 digits; an AWS account ID has 12.');
    assert.strictEqual(accountIdProblem('1234567890123'), '1234567890123 has 13 digits; an AWS account ID has 12.');
    assert.strictEqual(
      accountIdProblem('1234-5678-9012'),
      '1234-5678-9012 is not an AWS account ID: use 12 digits, without letters or dashes.',
    );
    assert.strictEqual(
      accountIdProblem('12345678901a'),
      '12345678901a is not an AWS account ID: use 12 digits, without letters or dashes.',
    );
    // What the rule accepts, WorkSpaces' model accepts (Acct12); AppStream's (^\d+$) is looser.
    for (const id of ['123456789012', '000000000000']) {
      assert.strictEqual(
        validate(WORKSPACES.UpdateWorkspaceImagePermission, {
          ImageId: 'wsi-abc123def',
          AllowCopyImage: true,
          SharedAccountId: id,
        }),
        undefined,
      );
    }
  });

  it('a list: empty, own account, duplicates and accounts already shared with are named', () => {
    const rule = accountIdsRule({
      ownAccount: '123456789012',
      alreadyShared: new Set(['210987654321', '345678901234']),
    });
    assert.strictEqual(rule('111122223333 444455556666'), undefined);
    assert.strictEqual(
      rule(''),
      'Enter one or more 12-digit AWS account IDs, separated by commas, spaces or new lines.',
    );
    assert.strictEqual(rule('111122223333, 12345678901'), '12345678901 has 11 digits; an AWS account ID has 12.');
    assert.strictEqual(rule('123456789012'), '123456789012 is the account that owns the image.');
    assert.strictEqual(rule('111122223333,111122223333'), '111122223333 is listed twice.');
    assert.strictEqual(
      rule('210987654321 111122223333'),
      'The image is already shared with 210987654321: remove it from the list.',
    );
    assert.strictEqual(
      rule('210987654321 345678901234'),
      'The image is already shared with 210987654321, 345678901234: remove them from the list.',
    );
    // With no owner known, only the other checks apply.
    assert.strictEqual(accountIdsRule({ alreadyShared: new Set() })('123456789012'), undefined);
  });
});

describe('shared accounts', () => {
  const record = { service: 'appstream' as const, ownership: 'owned' as const };
  it('say what each account may do', () => {
    assert.strictEqual(
      useLabel({ accountId: '1', use: { fleets: true, imageBuilders: true } }),
      'fleets, image builders',
    );
    assert.strictEqual(useLabel({ accountId: '1', use: { fleets: false, imageBuilders: true } }), 'image builders');
    assert.strictEqual(useLabel({ accountId: '1', use: { fleets: false, imageBuilders: false } }), 'no use');
    assert.strictEqual(useLabel({ accountId: '1' }), 'may copy the image');
    assert.ok(sameUse({ fleets: true, imageBuilders: false }, { fleets: true, imageBuilders: false }));
    assert.ok(!sameUse({ fleets: true, imageBuilders: false }, { fleets: true, imageBuilders: true }));
    assert.ok(!sameUse(undefined, { fleets: true, imageBuilders: true }));
  });

  it('a "Shared with" row: AppStream images marked shared, every owned WorkSpaces image (their listings do not say)', () => {
    assert.ok(offersSharedWith({ ...record, sharedWithOthers: true }));
    assert.ok(!offersSharedWith({ ...record, sharedWithOthers: false }));
    assert.ok(!offersSharedWith({ ...record, ownership: 'shared', sharedWithOthers: true }));
    assert.ok(offersSharedWith({ service: 'workspaces', ownership: 'owned' }));
    assert.ok(!offersSharedWith({ service: 'workspaces', ownership: 'shared' }));
  });

  it('the owner account: WorkSpaces says it, an AppStream ARN holds it, a public ARN has none', () => {
    assert.strictEqual(ownerAccountOf({ service: 'workspaces', ownerAccountId: '123456789012' }), '123456789012');
    assert.strictEqual(
      ownerAccountOf({ service: 'appstream', arn: 'arn:aws:appstream:us-east-1:123456789012:image/X' }),
      '123456789012',
    );
    assert.strictEqual(
      ownerAccountOf({ service: 'appstream', arn: 'arn:aws:appstream:us-east-1::image/Public' }),
      undefined,
    );
  });
});

describe('refusals of the permission operations, in words', () => {
  const ctx = { region: 'us-east-1', sharing: true };
  const say = (name: string, message: string, extra: object = {}) =>
    describeFailure({ name, message, httpStatus: 400, ...extra }, ctx);
  it('say what to do for every modeled error', () => {
    assert.deepStrictEqual(
      [
        say('ResourceNotFoundException', 'The image X could not be found.').kind,
        say('ResourceNotFoundException', 'The image X could not be found.').message,
      ],
      [
        'not-found',
        'The image X could not be found. The image may be gone, or no longer shared with that account: refresh the view.',
      ],
    );
    assert.match(
      say('ResourceNotAvailableException', 'The image X is not available.').message,
      /Only an available image can be shared: wait until it is available/,
    );
    assert.match(
      say('ResourceUnavailableException', 'The image wsi-x is not available.').message,
      /Only an available image can be shared/,
    );
    for (const name of ['LimitExceededException', 'ResourceLimitExceededException']) {
      const f = say(name, 'The image X is already shared with the maximum number of accounts (100).');
      assert.strictEqual(f.kind, 'limit');
      assert.match(
        f.message,
        /as many accounts as AWS allows in us-east-1 \(100 unless your quota was raised\): stop sharing it with an account first, or request a higher quota\.$/,
      );
    }
    assert.strictEqual(
      say('OperationNotSupportedException', 'Sharing BYOL images is not supported.', { reason: 'BYOL_NOT_SUPPORTED' })
        .message,
      'AWS will not share this image (BYOL_NOT_SUPPORTED): Sharing BYOL images is not supported. Nothing was shared; AWS Support can tell whether it can be.',
    );
    assert.strictEqual(
      describeFailure(
        { name: 'AccessDeniedException', message: 'Not authorized.', httpStatus: 400 },
        { ...ctx, iamAction: 'appstream:UpdateImagePermissions' },
      ).message,
      'Access denied in us-east-1: your IAM identity is not allowed to do this (it needs appstream:UpdateImagePermissions). Not authorized.',
    );
    assert.strictEqual(say('InvalidParameterValuesException', 'Bad value.').kind, 'invalid-input');
  });

  it("leave other operations' wording alone", () => {
    assert.strictEqual(
      describeFailure(
        { name: 'ResourceNotFoundException', message: 'The image X could not be found.' },
        { region: 'us-east-1' },
      ).message,
      'The image X could not be found. It may already be gone: refresh the view.',
    );
  });
});
