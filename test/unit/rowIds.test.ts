// Tree row IDs (core/imageRef's Keys): the workbench refuses two rows with one ID, so names that differ must
// give IDs that differ, whatever they contain - "/", the encoding's "%", ":", or the name of a row kind.
import * as assert from 'node:assert';
import { Keys } from '../../src/core/imageRef';

const HOSTILE = [
  'a',
  'a/b',
  'a%2Fb',
  'a%252Fb',
  'b/c',
  'a:b',
  ':more',
  '%3Amore',
  'more',
  'empty',
  'error',
  'usedBy',
  'fleet:x',
  '/',
  '%',
  '',
];

describe('tree row IDs', () => {
  it('differ for names that differ only in "/" and its encoding', () => {
    const list = Keys.list({ profile: 'default', region: 'us-east-1', service: 'appstream', listType: 'PRIVATE' });
    assert.notStrictEqual(Keys.image(list, 'a/b'), Keys.image(list, 'a%2Fb'));
    assert.notStrictEqual(Keys.region('a/b', 'c'), Keys.region('a', 'b/c'));
    assert.notStrictEqual(Keys.profile('a:b'), Keys.profile('a%3Ab'));
  });

  it('never give an image the ID of the Load more, empty or error row of its list', () => {
    const list = Keys.list({ profile: 'default', region: 'us-east-1', service: 'appstream', listType: 'PRIVATE' });
    for (const what of ['more', 'empty', 'error', 'filtered', 'clear-filter']) {
      for (const name of [what, `:${what}`, `%3A${what}`]) {
        assert.notStrictEqual(Keys.image(list, name), Keys.row(list, what), name);
      }
    }
  });

  it('tell a fleet from an image builder of the same name under "Used by"', () => {
    const usedBy = Keys.row('image', 'usedBy');
    assert.notStrictEqual(Keys.child(usedBy, 'x', 'fleet'), Keys.child(usedBy, 'x', 'imageBuilder'));
    assert.notStrictEqual(Keys.child(usedBy, 'x', 'fleet'), Keys.child(usedBy, 'fleet:x'));
  });

  it('are all different across a tree of hostile names', () => {
    const ids: string[] = [];
    for (const profile of HOSTILE) {
      ids.push(
        Keys.profile(profile),
        Keys.row(Keys.profile(profile), 'missing'),
        Keys.row(Keys.profile(profile), 'no-regions'),
      );
      for (const region of ['us-east-1', 'a/b', 'b/c', 'missing']) {
        const list = Keys.list({ profile, region, service: 'appstream', listType: 'PRIVATE' });
        ids.push(
          Keys.region(profile, region),
          Keys.service(profile, region, 'appstream'),
          list,
          Keys.row(list, 'more'),
          Keys.row(list, 'empty'),
        );
        for (const name of HOSTILE) {
          const image = Keys.image(list, name);
          ids.push(image, Keys.row(image, 'usedBy'), Keys.row(image, 'sharedWith'), Keys.child(image, name));
          ids.push(
            Keys.child(Keys.row(image, 'usedBy'), name, 'fleet'),
            Keys.child(Keys.row(image, 'usedBy'), name, 'imageBuilder'),
          );
        }
      }
    }
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    assert.deepStrictEqual(
      [...seen].filter(([, n]) => n > 1).map(([id]) => id),
      [],
    );
  });

  it('leave the stored key of a tracked job as version 0.1 wrote it', () => {
    // A job's ID is the key of its file in the job store: another form would orphan the jobs stored before.
    assert.strictEqual(
      Keys.job({ profile: 'p/q', service: 'appstream', region: 'us-east-1', id: 'Golden:1%' }),
      'p%2Fq/appstream/us-east-1/Golden:1%',
    );
  });
});
