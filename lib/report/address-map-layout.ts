/**
 * The geometry of the address map: where an address falls on a bar, which lane a block takes, and where labels
 * and markers go so that none covers another. Pure: numbers in, numbers out, no SVG.
 */
import { Interval } from "../model/ip";

/**
 * The horizontal scale of one bar: linear between the boundaries of its blocks, except that every stretch a
 * block covers is at least `minWidth` pixels wide, the free stretches giving up the room. A 1-address gateway
 * on a /22 (under 1 px at scale) stays visible, and every block still starts where the one before it ends.
 */
export class BarScale {
  private readonly stops: number[] = [];
  private readonly xs: number[] = [];

  /**
   * @param range the addresses the bar spans
   * @param blocks the blocks drawn on it (clipped to `range` by the caller)
   * @param x0 the bar's left edge, px
   * @param width the bar's width, px
   * @param minWidth the least width of a stretch covered by a block, px; lowered when the blocks would not fit
   */
  constructor(range: Interval, blocks: readonly Interval[], x0: number, width: number, minWidth: number) {
    const stops = new Set<number>([range.first, range.last + 1]);
    for (const b of blocks) {
      stops.add(Math.max(b.first, range.first));
      stops.add(Math.min(b.last, range.last) + 1);
    }
    this.stops = [...stops].sort((a, b) => a - b);
    // Coverage per stretch by a difference array over the stops: n log n for many blocks.
    const index = new Map(this.stops.map((v, k) => [v, k]));
    const depth = new Array<number>(this.stops.length).fill(0);
    for (const b of blocks) {
      const from = index.get(Math.max(b.first, range.first));
      const to = index.get(Math.min(b.last, range.last) + 1);
      if (from !== undefined && to !== undefined && from < to) {
        depth[from]++;
        depth[to]--;
      }
    }
    let open = 0;
    const segments = this.stops.slice(1).map((end, k) => {
      open += depth[k];
      return { size: end - this.stops[k], covered: open > 0 };
    });
    const coveredCount = segments.filter((s) => s.covered).length;
    const least = Math.min(minWidth, coveredCount > 0 ? (width * 0.6) / coveredCount : minWidth);
    // Widen the covered stretches under `least`, and scale the rest into the room left; repeat until stable.
    const widened = new Set<number>();
    let scale = width / (range.last + 1 - range.first);
    for (let round = 0; round < segments.length; round++) {
      let grew = false;
      segments.forEach((s, k) => {
        if (s.covered && !widened.has(k) && s.size * scale < least) {
          widened.add(k);
          grew = true;
        }
      });
      if (!grew) {
        break;
      }
      const rest = segments.reduce((n, s, k) => (widened.has(k) ? n : n + s.size), 0);
      scale = rest > 0 ? (width - widened.size * least) / rest : 0;
    }
    let x = x0;
    this.xs.push(x);
    segments.forEach((s, k) => {
      x += widened.has(k) ? least : s.size * scale;
      this.xs.push(x);
    });
  }

  /** The x of an address's left edge; `address` = last + 1 gives a block's right edge. */
  public x(address: number): number {
    let lo = 0;
    let hi = this.stops.length - 1;
    if (address <= this.stops[0]) return this.xs[0];
    if (address >= this.stops[hi]) return this.xs[hi];
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.stops[mid] <= address) lo = mid;
      else hi = mid;
    }
    const t = (address - this.stops[lo]) / (this.stops[hi] - this.stops[lo]);
    return this.xs[lo] + t * (this.xs[hi] - this.xs[lo]);
  }
}

/**
 * The lane of each block: overlapping blocks go to different lanes, the wider of two blocks starting together
 * first, so a range inside another is drawn below it, never under it. Returns the lane per block, in input order.
 */
export function assignLanes(blocks: readonly Interval[]): number[] {
  const order = blocks
    .map((_, k) => k)
    .sort((i, j) => blocks[i].first - blocks[j].first || blocks[j].last - blocks[i].last);
  // The lowest lane whose block ended before this one starts; lanes free up in order of their ends (two heaps,
  // so that 100,000 stacked ranges take n log n, not one scan of every lane per block).
  const busy = new MinHeap<[number, number]>((a, b) => a[0] - b[0] || a[1] - b[1]);
  const free = new MinHeap<number>((a, b) => a - b);
  let opened = 0;
  const lanes: number[] = new Array<number>(blocks.length).fill(0);
  for (const k of order) {
    while (busy.size > 0 && busy.peek()[0] < blocks[k].first) free.push(busy.pop()[1]);
    const lane = free.size > 0 ? free.pop() : opened++;
    busy.push([blocks[k].last, lane]);
    lanes[k] = lane;
  }
  return lanes;
}

/** A binary min-heap under `compare`. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T {
    return this.items[0];
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.compare(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): T {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/** A label to place: the x its leader line points at and the label's width. */
export interface LabelRequest {
  readonly anchor: number;
  readonly width: number;
}

/** Where a label went: its row (0 nearest the bar) and its left edge. */
export interface PlacedLabel {
  readonly row: number;
  readonly x: number;
  /** True when the label ends at its leader line (it would have run past the right edge). */
  readonly endAnchored: boolean;
}

const GAP = 8;

/**
 * Rows for labels with leader lines: each label starts at its leader line (or ends there, near the right edge),
 * in the nearest row where it overlaps no other label and crosses no leader line going further. Labels are placed
 * from the right, so a label's leader line passes no label of a nearer row (those start to its right); where it
 * must (an end-anchored label), the label still gets a row. `blocked` spans take row 0.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  left: number,
  right: number,
  blocked: readonly Interval[] = [],
): PlacedLabel[] {
  const spans: { row: number; first: number; last: number }[] = blocked.map((b) => ({ row: 0, ...b }));
  const leaders: { row: number; x: number }[] = [];
  const order = requests.map((_, k) => k).sort((i, j) => requests[j].anchor - requests[i].anchor);
  const placed: PlacedLabel[] = new Array<PlacedLabel>(requests.length);
  let deepest = 0;
  for (const k of order) {
    const { anchor, width } = requests[k];
    const endAnchored = anchor + width > right;
    const x = Math.max(left, endAnchored ? anchor - width : anchor);
    const first = x - GAP / 2;
    const last = x + width + GAP / 2;
    const free = (row: number) =>
      !spans.some((s) => s.row === row && s.first < last && s.last > first) &&
      !leaders.some((l) => l.row > row && l.x > first && l.x < last);
    const clear = (row: number) => !spans.some((s) => s.row < row && s.first < anchor && s.last > anchor);
    let row = 0;
    while (row <= deepest && !(free(row) && clear(row))) row++;
    if (row > deepest) {
      row = 0;
      while (!free(row)) row++;
    }
    deepest = Math.max(deepest, row + 1);
    spans.push({ row, first, last });
    leaders.push({ row, x: anchor });
    placed[k] = { row, x, endAnchored };
  }
  return placed;
}

/** Rough width of sans-serif text, px: enough to keep labels apart without measuring fonts. */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.58);
}

/** Text cut into lines of at most `max` characters, at spaces where there are some. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${word}` : word;
    while (line.length > max) {
      lines.push(line.slice(0, max));
      line = line.slice(max);
    }
  }
  if (line) lines.push(line);
  return lines;
}
