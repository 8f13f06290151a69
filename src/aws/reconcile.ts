// A mutating call is never resent blindly (retry.ts). When its answer is lost (a timeout, a dropped
// connection, a 5xx after AWS may have done the work), we look at what AWS did instead: the result of the
// look stands in for the lost answer, or the failure says what is known (not done / could not check).
import type { ImageRecord } from '../core/image';
import type { AwsClock } from './clock';
import { LostAnswerError, mayHaveHappened } from './errors';

/**
 * A copy found after a lost answer was made by this request, not an image of that name from before: made (in
 * AWS's clock, as measured from its answers: clock.ts) no earlier than the request was sent.
 */
export function startedSince(r: Pick<ImageRecord, 'created'>, startedAt: number, clock: AwsClock): boolean {
  return !r.created || r.created.getTime() >= clock.earliest(startedAt);
}

/** A look found the copy's name held by an older image: names are unique, so AWS made no copy. */
class NameHeld extends Error {
  constructor(readonly holder: string) {
    super(`an older image (${holder}) holds the name`);
  }
}

/**
 * What a look after a lost copy answer found under the copy's name: the copy's ID when it was made since the
 * request, undefined when there is none (not done). An older image holding the name: not done either, and the
 * failure names it (LostAnswerError.nameHeldBy), so nothing is sent again over it.
 */
export function copyFound(
  r: Pick<ImageRecord, 'id' | 'created'> | undefined,
  startedAt: number,
  clock: AwsClock,
): string | undefined {
  if (!r) return undefined;
  if (!startedSince(r, startedAt, clock)) throw new NameHeld(r.id);
  return r.id;
}

/**
 * Sends `call`; on a lost answer, `look` tells what AWS did: a value (it was done: use it as the answer) or
 * undefined (not done). A refusal from AWS is thrown as it is.
 */
export async function sendOnce<T>(
  call: () => Promise<T>,
  look: () => Promise<T | undefined>,
  onRecovered?: (lost: unknown) => void,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!mayHaveHappened(e)) throw e;
    let found: T | undefined;
    try {
      found = await look();
    } catch (l) {
      throw l instanceof NameHeld ? new LostAnswerError('not-done', e, l.holder) : new LostAnswerError('unknown', e);
    }
    if (found === undefined) throw new LostAnswerError('not-done', e);
    onRecovered?.(e);
    return found;
  }
}

/**
 * AWS accepted a create but its answer lacks the new image's ID: the request went through, so this is a lost
 * answer (like a 5xx after the work), to be settled by looking, never a job with no destination.
 */
export function answeredWithoutId(): never {
  throw Object.assign(new Error('AWS answered without the new image ID'), {
    name: 'MissingImageId',
    $metadata: { httpStatusCode: 500 },
  });
}
