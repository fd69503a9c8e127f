/**
 * Sweeps over sorted intervals: the overlapping pairs of a set, the pairs that cross one side, the points within
 * each interval. Output-sensitive (n log n plus what they return), so that plans at the documented limits answer
 * in seconds. Pure.
 */
import type { Interval } from "./ip";

/** A labelled interval, for the overlap sweep. */
export interface Labelled<T> extends Interval {
  readonly label: T;
}

/**
 * Every overlapping pair among labelled intervals, found by sorting once and sweeping. The cost is
 * n log n plus the number of pairs reported; `limit` caps the pairs so a pathological plan (thousands of
 * ranges stacked on each other) stays cheap and its report readable.
 */
export function overlappingPairs<T>(
  items: readonly Labelled<T>[],
  accept: (a: Labelled<T>, b: Labelled<T>) => boolean = () => true,
  limit = 1000,
): [Labelled<T>, Labelled<T>][] {
  const sorted = [...items].sort((x, y) => x.first - y.first || x.last - y.last);
  const pairs: [Labelled<T>, Labelled<T>][] = [];
  // Intervals still open at the current start; those that end before it are dropped in place.
  const active: Labelled<T>[] = [];
  for (const cur of sorted) {
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      if (active[k].last >= cur.first) {
        active[kept++] = active[k];
      }
    }
    active.length = kept;
    for (const a of active) {
      if (accept(a, cur)) {
        pairs.push([a, cur]);
        if (pairs.length >= limit) {
          return pairs;
        }
      }
    }
    active.push(cur);
  }
  return pairs;
}

/**
 * Every overlapping pair of which at least one side is `onSide` (the appliance's addresses against the whole
 * plan), found in one sort and one sweep. Unlike `overlappingPairs` with an `accept` that refuses most pairs,
 * the cost does not grow with the pairs of two items off that side: those live in their own list, which is only
 * read (and pruned) when an item on the side arrives. n log n plus the pairs reported plus the number of
 * on-side items times the off-side items open at once (each off-side item that is still open there is a pair),
 * capped by `limit`.
 */
export function crossingPairs<T>(
  items: readonly Labelled<T>[],
  onSide: (item: Labelled<T>) => boolean,
  limit = 1000,
): [Labelled<T>, Labelled<T>][] {
  const sorted = [...items].sort((x, y) => x.first - y.first || x.last - y.last);
  const pairs: [Labelled<T>, Labelled<T>][] = [];
  // Open intervals with their place in the sweep, so that a pair list reads in the order `overlappingPairs` gives.
  const side: { at: number; item: Labelled<T> }[] = [];
  const off: { at: number; item: Labelled<T> }[] = [];
  const prune = (active: { item: Labelled<T> }[], first: number) => {
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      if (active[k].item.last >= first) active[kept++] = active[k];
    }
    active.length = kept;
  };
  for (let at = 0; at < sorted.length; at++) {
    const cur = sorted[at];
    const mine = onSide(cur);
    prune(side, cur.first);
    if (mine) prune(off, cur.first);
    let i = 0;
    let j = 0;
    const offOpen = mine ? off.length : 0;
    while (i < side.length || j < offOpen) {
      const next = j >= offOpen || (i < side.length && side[i].at < off[j].at) ? side[i++] : off[j++];
      pairs.push([next.item, cur]);
      if (pairs.length >= limit) return pairs;
    }
    (mine ? side : off).push({ at, item: cur });
  }
  return pairs;
}

/**
 * For each interval, the sorted points it contains (binary search over the sorted points: n log n).
 */
export function pointsWithin<P extends { readonly address: number }>(
  interval: Interval,
  sortedPoints: readonly P[],
): P[] {
  let lo = 0;
  let hi = sortedPoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedPoints[mid].address < interval.first) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const out: P[] = [];
  for (let k = lo; k < sortedPoints.length && sortedPoints[k].address <= interval.last; k++) {
    out.push(sortedPoints[k]);
  }
  return out;
}
