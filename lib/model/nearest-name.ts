/**
 * "Did you mean …?" for names the user typed: the known name nearest to an unknown one. Used for the keys of
 * site files and the props of constructs. Pure.
 */

/** Levenshtein distance, ignoring case: insertions, deletions and substitutions of one character each. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The known name nearest to `name`, when it is close enough to be a typo: at most `maxDistance` edits (by
 * default 3, and at most half the name's length, so that `id` does not suggest `ova`), or a known name that
 * starts with it (`vlan` → `vlanId`). The first of equally near names wins.
 */
export function nearestName(
  name: string,
  known: readonly string[],
  maxDistance: number = Math.min(3, Math.max(1, Math.floor(name.length / 2))),
): string | undefined {
  if (name.length >= 3) {
    const longer = known.find((k) => k.toLowerCase().startsWith(name.toLowerCase()));
    if (longer !== undefined) {
      return longer;
    }
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}
