// Runs last (files run in name order): across every suite before it, the extension sent nothing AWS would
// have refused as invalid — its input rules and request shapes match the services' models.
import * as assert from 'node:assert';
import { emulator } from './env';

suite('Every request was valid', () => {
  test('the endpoint rejected no request as invalid during the whole suite', () => {
    const rejected = emulator
      .validationErrorsSinceStart()
      .map((r) => `${r.operation} ${r.region} ${r.error}: ${JSON.stringify(r.params)}`);
    assert.deepStrictEqual(rejected, []);
  });
});
