// The AMI ID and IAM role ARN a user types (Import Image from AMI, Import BYOL Image, Export Image to AMI, Create
// Image Builder): one rule each, judged against the local endpoint's transcription of both models too.
import * as assert from 'node:assert';
import { APPSTREAM, validate, WORKSPACES } from '../emulator/schema';
import { amiIdRule, roleArnRule } from '../../src/core/idRules';

const pattern = (shape: unknown): RegExp => (shape as { pattern: RegExp }).pattern;

describe('AMI IDs and IAM role ARNs', () => {
  it('takes an AMI ID of ami- and 8 or 17 lower-case hex digits only, as both models do', () => {
    const models = [
      pattern(APPSTREAM.CreateImportedImage.SourceAmiId),
      pattern(WORKSPACES.ImportWorkspaceImage.Ec2ImageId),
    ];
    for (const ok of ['ami-0a1b2c3d', 'ami-0123456789abcdef0']) {
      assert.strictEqual(amiIdRule(ok), undefined, ok);
      assert.strictEqual(amiIdRule(` ${ok} `), undefined, ok);
      for (const m of models) assert.ok(m.test(ok), `${ok} ${m}`);
    }
    assert.strictEqual(
      amiIdRule(''),
      'Enter the ID of the AMI to import (ami- followed by 8 or 17 hexadecimal digits).',
    );
    for (const bad of ['i-0123456789abcdef0', 'wsi-0123abcd']) {
      assert.strictEqual(amiIdRule(bad), 'An AMI ID starts with "ami-", e.g. ami-0123456789abcdef0.', bad);
    }
    for (const bad of ['ami-0123456', 'ami-0123456789abcdef', 'ami-0123456789ABCDEF0', 'ami-0123abcdg']) {
      assert.strictEqual(
        amiIdRule(bad),
        'An AMI ID is "ami-" followed by 8 or 17 lower-case hexadecimal digits (0-9, a-f), e.g. ami-0123456789abcdef0.',
        bad,
      );
      // WorkSpaces' model refuses each; AppStream's looser one only some (EC2 makes no such ID).
      assert.ok(!models[1].test(bad), bad);
    }
  });

  it('takes an IAM role ARN only (the model’s Arn pattern, then a role of IAM in a 12-digit account)', () => {
    for (const ok of [
      'arn:aws:iam::123456789012:role/AppStreamImport',
      'arn:aws-us-gov:iam::123456789012:role/path/Role_1',
      'arn:aws:iam::123456789012:role/a+b=c,d.e@f-g_h',
    ]) {
      assert.strictEqual(roleArnRule(ok), undefined, ok);
      assert.strictEqual(
        validate(APPSTREAM.CreateImageBuilder, { Name: 'a', InstanceType: 't', IamRoleArn: ok }),
        undefined,
      );
      assert.strictEqual(
        validate(APPSTREAM.CreateImportedImage, { Name: 'a', SourceAmiId: 'ami-0123abcd', IamRoleArn: ok }),
        undefined,
      );
    }
    assert.strictEqual(roleArnRule(''), 'Enter the ARN of the IAM role AWS uses (arn:aws:iam::<account>:role/<name>).');
    const notArn = 'This is not an ARN: an IAM role ARN reads arn:aws:iam::<12-digit account>:role/<name>.';
    const notRole = 'This is not an IAM role ARN: it must read arn:aws:iam::<12-digit account>:role/<name>.';
    assert.strictEqual(roleArnRule('AppStreamImport'), notArn);
    assert.strictEqual(roleArnRule('role/x'), notArn);
    assert.strictEqual(roleArnRule('arn:aws:s3:::bucket/key'), notRole);
    assert.strictEqual(roleArnRule('arn:aws:iam::123456789012:user/bob'), notRole);
    assert.strictEqual(roleArnRule('arn:aws:iam::1234:role/r'), notRole);
    // Bounded: a role's path and name are at most 512 characters.
    assert.strictEqual(roleArnRule(`arn:aws:iam::123456789012:role/${'r'.repeat(513)}`), notRole);
  });
});
