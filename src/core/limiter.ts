// Runs tasks concurrently with two caps: requests in flight overall, and per group (one account and region),
// so a search is as fast as the slowest list without flooding one region's rate limit. Throttling that still
// happens is the SDK's retry strategy's to absorb (aws/retry.ts).

/** Lists searched at once in one account and region (each list pages one request at a time). */
export const MAX_IN_FLIGHT_PER_ACCOUNT_REGION = 5;
/**
 * Lists searched at once in all. Rate limits are AWS's per account and region (the cap above); this one only
 * spares the machine. At 16 the longest list (the one with most pages, unknown beforehand) could wait behind
 * others before its first page: 3 profiles x 4 regions x 5 lists took 1.27 s against 8 pages' 0.8 s. 64 starts
 * every list of such a search at once (one request each, on the profile's one connection pool).
 */
export const MAX_IN_FLIGHT = 64;

export interface LimitedTask {
  group: string;
  run(): Promise<void>;
}

/** Runs every task; resolves when all have settled (a task's failure is its own to handle). */
export async function runLimited(
  tasks: readonly LimitedTask[],
  caps = { overall: MAX_IN_FLIGHT, perGroup: MAX_IN_FLIGHT_PER_ACCOUNT_REGION },
): Promise<void> {
  const queue = [...tasks];
  const running = new Map<string, number>();
  let total = 0;
  await new Promise<void>((resolve) => {
    const next = (): void => {
      if (!queue.length && total === 0) return resolve();
      for (let i = 0; i < queue.length && total < caps.overall; i++) {
        const t = queue[i];
        if ((running.get(t.group) ?? 0) >= caps.perGroup) continue;
        queue.splice(i--, 1);
        total++;
        running.set(t.group, (running.get(t.group) ?? 0) + 1);
        void Promise.resolve()
          .then(() => t.run())
          .catch(() => undefined)
          .finally(() => {
            total--;
            running.set(t.group, running.get(t.group)! - 1);
            next();
          });
      }
    };
    next();
  });
}
