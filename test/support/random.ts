// Seeded strings for tests that compare our input rules with the service models: the same strings for a seed on
// every run and platform, so a failure names a string that can be tried again.

/** The characters the rules treat differently: allowed, allowed only inside, and refused. */
export const RULE_ALPHABET = 'aZ09_.-/()\\ !é,;:';

/** `count` strings over `alphabet` from a seeded LCG: two in three of 0-11 characters, one in three of 60 to 60+longSpan. */
export function generatedStrings(seed: number, count: number, longSpan: number, alphabet = RULE_ALPHABET): string[] {
  let s = seed;
  const rand = (n: number): number => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
  return Array.from({ length: count }, () => {
    const len = rand(3) === 0 ? 60 + rand(longSpan) : rand(12);
    return Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
  });
}
