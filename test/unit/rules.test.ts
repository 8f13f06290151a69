// Every input rule against AWS's constraints, at each boundary, and checked against the local endpoint's own
// transcription of the models (test/emulator/schema.ts) on generated values.
import * as assert from 'node:assert';
import {
  appStreamDescription,
  appStreamImageName,
  carriedDescription,
  suggestedCopyName,
  typedConfirmation,
  userTags,
  workSpacesDescription,
  workSpacesImageName,
} from '../../src/core/rules';
import { APPSTREAM, WORKSPACES, validate } from '../emulator/schema';
import { generatedStrings } from '../support/random';

describe('input rules', () => {
  it('AppStream image names: 1-101 characters, letters, digits, _ . -, starting with a letter or digit', () => {
    assert.strictEqual(appStreamImageName('a'), undefined);
    assert.strictEqual(appStreamImageName('A'.repeat(101)), undefined);
    assert.strictEqual(appStreamImageName('9_x.y-z'), undefined);
    assert.strictEqual(appStreamImageName(''), 'Enter a name for the image.');
    assert.strictEqual(
      appStreamImageName('A'.repeat(102)),
      'The name is 102 characters long; AppStream allows at most 101.',
    );
    assert.strictEqual(appStreamImageName('_x'), 'The name must start with a letter or a digit.');
    assert.strictEqual(appStreamImageName('.x'), 'The name must start with a letter or a digit.');
    assert.strictEqual(
      appStreamImageName('a b/c'),
      'Not allowed in an AppStream image name: space, "/". Use letters, digits, "_", "." and "-".',
    );
    assert.match(appStreamImageName('café')!, /"é"/);
  });

  it('AppStream descriptions: at most 256 characters', () => {
    assert.strictEqual(appStreamDescription(''), undefined);
    assert.strictEqual(appStreamDescription('x'.repeat(256)), undefined);
    assert.strictEqual(
      appStreamDescription('x'.repeat(257)),
      'The description is 257 characters long; AppStream allows at most 256.',
    );
  });

  it('WorkSpaces image names: 1-64 characters of letters, digits and _ . / ( ) \\ -', () => {
    assert.strictEqual(workSpacesImageName('a'), undefined);
    assert.strictEqual(workSpacesImageName('(x)/y\\z_.-'), undefined);
    assert.strictEqual(workSpacesImageName('x'.repeat(64)), undefined);
    assert.strictEqual(
      workSpacesImageName('x'.repeat(65)),
      'The name is 65 characters long; WorkSpaces allows at most 64.',
    );
    assert.strictEqual(workSpacesImageName(''), 'Enter a name for the image.');
    assert.match(workSpacesImageName('a b')!, /space/);
  });

  it('WorkSpaces descriptions: optional, 1-256 characters of letters, digits, spaces and _ . / ( ) -', () => {
    assert.strictEqual(workSpacesDescription(''), undefined);
    assert.strictEqual(workSpacesDescription('A (b) c/d_e.f-g'), undefined);
    assert.strictEqual(workSpacesDescription('x'.repeat(256)), undefined);
    assert.match(workSpacesDescription('x'.repeat(257))!, /257 characters/);
    assert.match(workSpacesDescription('a\\b')!, /"\\"/);
  });

  it('suggests a valid copy name, and carries a description the destination accepts', () => {
    assert.strictEqual(suggestedCopyName('appstream', 'Finance'), 'Finance-copy');
    assert.strictEqual(appStreamImageName(suggestedCopyName('appstream', 'x'.repeat(101))), undefined);
    assert.strictEqual(workSpacesImageName(suggestedCopyName('workspaces', 'Win 11 (std)')), undefined);
    assert.strictEqual(suggestedCopyName('workspaces', 'Win 11 (std)'), 'Win-11-(std)-copy');
    assert.strictEqual(carriedDescription('workspaces', 'Finance, Q3; v2'), 'Finance Q3 v2');
    assert.strictEqual(carriedDescription('appstream', undefined), '');
  });

  it('drops reserved aws: tags, and confirms only the exact text', () => {
    assert.deepStrictEqual(userTags({ 'aws:cloudformation:stack': 'x', team: 'a' }), { team: 'a' });
    assert.strictEqual(typedConfirmation('Img')('Img'), undefined);
    assert.strictEqual(typedConfirmation('Img')('img'), 'Type Img to confirm.');
  });

  it('accepts exactly what the service model accepts (generated names)', () => {
    for (const v of generatedStrings(7, 3000, 50)) {
      const asModel = validate(APPSTREAM.CopyImage, {
        SourceImageName: 'a',
        DestinationRegion: 'us-west-2',
        DestinationImageName: v,
      });
      assert.strictEqual(
        appStreamImageName(v) === undefined,
        asModel === undefined,
        `AppStream name ${JSON.stringify(v)}`,
      );
      const wsModel = validate(WORKSPACES.CopyWorkspaceImage, {
        SourceImageId: 'wsi-123456789',
        SourceRegion: 'us-east-1',
        Name: v,
      });
      assert.strictEqual(
        workSpacesImageName(v) === undefined,
        wsModel === undefined,
        `WorkSpaces name ${JSON.stringify(v)}`,
      );
      if (v) {
        const descModel = validate(WORKSPACES.CopyWorkspaceImage, {
          SourceImageId: 'wsi-123456789',
          SourceRegion: 'us-east-1',
          Name: 'n',
          Description: v,
        });
        assert.strictEqual(
          workSpacesDescription(v) === undefined,
          descModel === undefined,
          `WorkSpaces description ${JSON.stringify(v)}`,
        );
      }
    }
  });
});
