// One request per target (fleets, bundles), sent one at a time - AWS counts them against a request rate, and a
// refusal then names its target - and never twice at once from this window (a second run while the first is on
// its way is refused by the caller through `sending`). The refusals are collected for one report.
import type { ErrorReport } from './run';

export interface Sent<R> {
  readonly done: R[];
  readonly errors: ErrorReport[];
}

export async function sendEach<T, R>(
  targets: readonly T[],
  sending: Set<string>,
  key: (target: T) => string,
  send: (target: T) => Promise<R>,
  refused: (target: T, error: unknown) => ErrorReport,
): Promise<Sent<R>> {
  const done: R[] = [];
  const errors: ErrorReport[] = [];
  for (const target of targets) {
    sending.add(key(target));
    try {
      done.push(await send(target));
    } catch (e) {
      errors.push(refused(target, e));
    } finally {
      sending.delete(key(target));
    }
  }
  return { done, errors };
}
