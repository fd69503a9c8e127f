/**
 * IPv4 parsing and interval arithmetic for the IP plan.
 *
 * Pure functions, no constructs. Addresses are unsigned 32-bit integers held in JavaScript numbers; every
 * CIDR and address range becomes a closed interval `[first, last]`. The parsers are strict on purpose:
 * ipaddr.js alone accepts `10.1`, `010.0.0.1` and host bits in a CIDR, which a vSphere wizard would not.
 */
import * as ipaddr from "ipaddr.js";
import { DASH, prefixTypos, splitRange } from "./typos";

/** A closed interval of IPv4 addresses, as unsigned 32-bit integers. */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

/** A parsed, network-aligned CIDR block. */
export interface Cidr extends Interval {
  readonly prefix: number;
}

/** The outcome of a parse: a value, or a reason worded for the user and an optional corrected form. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly reason: string;
      /** The likeliest fix. */
      readonly suggestion?: string;
      /** Other fixes, tried in order when the first does not pass the plan's rules. */
      readonly alternatives?: readonly string[];
      /**
       * What the text was read as when only its form is wrong (a range written with spaces or another dash):
       * the rules check this value while the form is reported.
       */
      readonly understood?: T;
    };

const FOUR_PART_DECIMAL =
  /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

/** Quote a user value for a message: JSON string form, so spaces and empty strings stay visible. */
export function quote(value: unknown): string {
  if (value === undefined) {
    return "(missing)";
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `quote`, at most `max` characters: a long value is cut and ends in "…" (messages quote what the user wrote). */
export function quoteShort(value: unknown, max = 80): string {
  const text = quote(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function notAString(value: unknown): string {
  return value === undefined || value === null ? "is missing" : `is a ${typeof value}, not a string`;
}

/** Format an address integer as dotted decimal. */
export function formatAddress(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Format a CIDR as `a.b.c.d/n`. */
export function formatCidr(c: Cidr): string {
  return `${formatAddress(c.first)}/${c.prefix}`;
}

/** Format an interval as `first-last`. */
export function formatRange(i: Interval): string {
  return `${formatAddress(i.first)}-${formatAddress(i.last)}`;
}

/** Number of addresses in an interval. */
export function size(i: Interval): number {
  return i.last - i.first + 1;
}

/** The dotted-decimal netmask of a prefix length, e.g. 24 → 255.255.255.0. */
export function netmask(prefix: number): string {
  return formatAddress(maskOf(prefix));
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function describeNonAddress(text: string): { reason: string; suggestion?: string } {
  const trimmed = text.trim();
  if (text.length === 0) {
    return { reason: "is empty" };
  }
  if (trimmed !== text) {
    const inner = parseAddress(trimmed);
    return {
      reason: "has leading or trailing spaces",
      suggestion: inner.ok ? formatAddress(inner.value) : undefined,
    };
  }
  if (text.includes(":")) {
    return {
      reason: ipaddr.IPv6.isValid(text)
        ? "is an IPv6 address; only IPv4 is supported"
        : "is not an IPv4 address",
    };
  }
  if (text.includes("/")) {
    const head = text.split("/")[0];
    const inner = parseAddress(head);
    return {
      reason: "has a /prefix where a plain address is expected",
      suggestion: inner.ok ? formatAddress(inner.value) : undefined,
    };
  }
  if (/^[0-9.]+$/.test(text)) {
    // ipaddr.js would take these (as shorthand or octal); the plan does not.
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => p.length === 0)) {
      return {
        reason: 'is not four dot-separated numbers (shorthand forms such as "10.1" are not accepted)',
      };
    }
    if (parts.some((p) => p.length > 1 && p.startsWith("0"))) {
      const fixed = parts.map((p) => String(Number(p))).join(".");
      return {
        reason: "has a part with a leading zero (read as octal by some tools)",
        suggestion: FOUR_PART_DECIMAL.test(fixed) && parts.every((p) => Number(p) <= 255) ? fixed : undefined,
      };
    }
    return { reason: "has a part greater than 255" };
  }
  return { reason: "is not an IPv4 address" };
}

/** Parse a four-part decimal IPv4 address (`192.168.1.10`). Rejects shorthand, leading zeros, hex, IPv6. */
export function parseAddress(text: string): ParseResult<number> {
  if (typeof text !== "string") {
    return { ok: false, reason: notAString(text) };
  }
  const m = FOUR_PART_DECIMAL.exec(text);
  if (!m) {
    const d = describeNonAddress(text);
    return { ok: false, reason: d.reason, suggestion: d.suggestion };
  }
  const a = +m[1];
  const b = +m[2];
  const c = +m[3];
  const d = +m[4];
  if (a > 255 || b > 255 || c > 255 || d > 255) {
    return { ok: false, reason: "has a part greater than 255" };
  }
  return { ok: true, value: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0 };
}

/** The reason `parseCidr` gives for an IPv6 block. */
export const IPV6_BLOCK = "is an IPv6 block; only IPv4 is supported";

/** Parse a network-aligned CIDR (`192.168.120.0/24`); host bits are an error with the aligned form suggested. */
export function parseCidr(text: string): ParseResult<Cidr> {
  if (typeof text !== "string") {
    return { ok: false, reason: notAString(text) };
  }
  if (text.length === 0) {
    return { ok: false, reason: "is empty" };
  }
  if (text.trim() !== text) {
    const inner = parseCidr(text.trim());
    return {
      ok: false,
      reason: "has leading or trailing spaces",
      suggestion: inner.ok ? formatCidr(inner.value) : inner.suggestion,
    };
  }
  const slash = text.indexOf("/");
  if (slash < 0) {
    const addr = parseAddress(text);
    if (addr.ok) {
      // The /24 that holds it (a subnet), or the address alone (a single VIP).
      return {
        ok: false,
        reason: "has no /prefix",
        suggestion: `${formatAddress((addr.value & maskOf(24)) >>> 0)}/24`,
        alternatives: [`${formatAddress(addr.value)}/32`],
      };
    }
    const range = DASH.test(text) ? parseRange(text) : undefined;
    const interval = range === undefined ? undefined : range.ok ? range.value : range.understood;
    if (interval) {
      // The vCenter wizard's "first-last" form (spaces or another dash included): a CIDR when the range is
      // exactly one block.
      const blocks = intervalToCidrs(interval);
      const read = formatRange(interval) === text ? "" : ` (read as ${quote(formatRange(interval))})`;
      return {
        ok: false,
        reason:
          blocks.length === 1
            ? `is a first-last range${read} where a CIDR is expected`
            : `is a first-last range${read} where a CIDR is expected, and it is not one block (it is ${blocks.map(formatCidr).join(", ")})`,
        suggestion: blocks.length === 1 ? formatCidr(blocks[0]) : undefined,
      };
    }
    return { ok: false, reason: "has no /prefix" };
  }
  const head = text.slice(0, slash);
  const tail = text.slice(slash + 1);
  const addr = parseAddress(head);
  if (!addr.ok) {
    if (ipaddr.IPv6.isValid(head)) {
      return { ok: false, reason: IPV6_BLOCK };
    }
    return { ok: false, reason: `has an address part that ${addr.reason}`, suggestion: undefined };
  }
  const netmaskValue = parseAddress(tail);
  if (netmaskValue.ok && tail.includes(".")) {
    // A netmask where the prefix length goes: 255.255.255.0 → /24, when the mask is contiguous.
    const bits = netmaskValue.value.toString(2).padStart(32, "0");
    if (/^1*0*$/.test(bits)) {
      const p = bits.indexOf("0") < 0 ? 32 : bits.indexOf("0");
      return {
        ok: false,
        reason: `has netmask ${tail} where a prefix length is expected`,
        suggestion: `${formatAddress((addr.value & maskOf(p)) >>> 0)}/${p}`,
      };
    }
  }
  if (!/^(0|[1-9][0-9]?)$/.test(tail) || Number(tail) > 32) {
    const [suggestion, ...alternatives] = prefixTypos(addr.value, tail).map(
      (p) => `${formatAddress(addr.value)}/${p}`,
    );
    return {
      ok: false,
      reason: `has prefix length ${quote(tail)}; it must be a whole number from 0 to 32`,
      suggestion,
      alternatives,
    };
  }
  const prefix = Number(tail);
  const mask = maskOf(prefix);
  const first = (addr.value & mask) >>> 0;
  const last = (first | (~mask >>> 0)) >>> 0;
  if (first !== addr.value) {
    return {
      ok: false,
      reason: `has host bits set (the /${prefix} block containing ${head} starts at ${formatAddress(first)})`,
      suggestion: `${formatAddress(first)}/${prefix}`,
    };
  }
  return { ok: true, value: { first, last, prefix } };
}

/**
 * Parse an address range `first-last` (both IPv4, first ≤ last). A range written with spaces or another dash
 * (`10.0.0.31 – 10.0.0.40`) is an error that says what it was read as and carries that value as `understood`.
 */
export function parseRange(text: string): ParseResult<Interval> {
  if (typeof text !== "string") {
    return { ok: false, reason: notAString(text) };
  }
  if (text.length === 0) {
    return { ok: false, reason: "is empty" };
  }
  const split = splitRange(text);
  if (!split) {
    const cidr = text.includes("/") ? parseCidr(text.trim()) : undefined;
    if (cidr?.ok) {
      const c = cidr.value;
      // The block's hosts: from the third address (the first host is usually the gateway), else all hosts.
      return {
        ok: false,
        reason: "is a CIDR where a range is expected",
        suggestion: c.prefix <= 29 ? formatRange({ first: c.first + 2, last: c.last - 1 }) : formatRange(c),
        alternatives: c.prefix <= 30 ? [formatRange({ first: c.first + 1, last: c.last - 1 })] : [],
      };
    }
    const single = parseAddress(text.trim());
    if (single.ok) {
      return {
        ok: false,
        reason: "is a single address where a range is expected",
        suggestion: formatRange({ first: single.value, last: single.value }),
      };
    }
    return { ok: false, reason: 'is not of the form "first-last"' };
  }
  const [a, b] = split.ends;
  const fa = parseAddress(a);
  const fb = parseAddress(b);
  if (!fa.ok || !fb.ok) {
    const bad = !fa.ok ? { text: a, r: fa } : { text: b, r: fb as { ok: false; reason: string } };
    return { ok: false, reason: `has an end ${quote(bad.text)} that ${bad.r.reason}` };
  }
  const read = `${formatAddress(fa.value)}-${formatAddress(fb.value)}`;
  const backwards = fa.value > fb.value;
  const forwards = `${formatAddress(fb.value)}-${formatAddress(fa.value)}`;
  if (split.notes.length > 0) {
    return {
      ok: false,
      reason: `is written with ${split.notes.join(" and ")}; read as ${quote(read)}${backwards ? ", which starts after it ends" : ""}`,
      suggestion: backwards ? forwards : read,
      understood: backwards ? undefined : { first: fa.value, last: fb.value },
    };
  }
  if (backwards) {
    return { ok: false, reason: "starts after it ends", suggestion: forwards };
  }
  return { ok: true, value: { first: fa.value, last: fb.value } };
}

/** True when `outer` contains every address of `inner`. */
export function contains(outer: Interval, inner: Interval): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** True when the interval holds the address. */
export function containsAddress(i: Interval, address: number): boolean {
  return i.first <= address && address <= i.last;
}

/** True when two intervals share at least one address. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The shared part of two overlapping intervals. */
export function intersection(a: Interval, b: Interval): Interval {
  return { first: Math.max(a.first, b.first), last: Math.min(a.last, b.last) };
}

/**
 * Merge intervals into a sorted list of disjoint, non-adjacent intervals (n log n).
 */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((x, y) => x.first - y.first || x.last - y.last);
  const out: { first: number; last: number }[] = [];
  for (const i of sorted) {
    const top = out[out.length - 1];
    if (top && i.first <= top.last + 1) {
      top.last = Math.max(top.last, i.last);
    } else {
      out.push({ first: i.first, last: i.last });
    }
  }
  return out;
}

/** The parts of `within` that none of `used` covers, in address order. */
export function gaps(within: Interval, used: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = within.first;
  for (const u of union(used)) {
    if (u.last < within.first || u.first > within.last) {
      continue;
    }
    if (u.first > cursor) {
      out.push({ first: cursor, last: u.first - 1 });
    }
    cursor = Math.max(cursor, u.last + 1);
  }
  if (cursor <= within.last) {
    out.push({ first: cursor, last: within.last });
  }
  return out;
}

/**
 * The smallest list of network-aligned CIDR blocks that covers an interval exactly.
 */
export function intervalToCidrs(i: Interval): Cidr[] {
  const out: Cidr[] = [];
  let cur = i.first;
  while (cur <= i.last) {
    let prefix = 32;
    while (prefix > 0) {
      const p = prefix - 1;
      const blockSize = 2 ** (32 - p);
      if (cur % blockSize !== 0 || cur + blockSize - 1 > i.last) {
        break;
      }
      prefix = p;
    }
    const last = cur + 2 ** (32 - prefix) - 1;
    out.push({ first: cur, last, prefix });
    cur = last + 1;
  }
  return out;
}

/**
 * Why an IPv4 address is no server's (DNS, NTP): "this network" 0.0.0.0/8 and loopback 127.0.0.0/8 (RFC 1122
 * section 3.2.1.3), multicast 224.0.0.0/4 (RFC 5771), and the reserved 240.0.0.0/4 with the limited broadcast
 * 255.255.255.255 (RFC 1112 section 4, RFC 919); RFC 6890 lists them as not forwardable to a host. Undefined for
 * an address a server can have.
 */
export function notAServerAddress(address: number): string | undefined {
  const first = Math.floor(address / 2 ** 24);
  if (address === 0xffffffff) {
    return "the limited broadcast address (RFC 919), which no server has";
  }
  if (first === 0) {
    return 'in 0.0.0.0/8, "this network" (RFC 1122 section 3.2.1.3), which no server has';
  }
  if (first === 127) {
    return "a loopback address (127.0.0.0/8, RFC 1122 section 3.2.1.3): each VM would ask itself";
  }
  if (first >= 224 && first <= 239) {
    return "a multicast address (224.0.0.0/4, RFC 5771), which no server has";
  }
  if (first >= 240) {
    return "a reserved address (240.0.0.0/4, RFC 1112 section 4), which no server has";
  }
  return undefined;
}

/** A special-purpose IPv4 block no port group subnet may take (RFC 6890; IANA IPv4 Special-Purpose Address Registry). */
export interface SpecialPurposeBlock {
  readonly cidr: Cidr;
  /** What the block is and why a port group cannot carry it, with its source. */
  readonly why: string;
}

const block = (first: number, prefix: number): Cidr => ({
  first,
  last: first + 2 ** (32 - prefix) - 1,
  prefix,
});

/**
 * The blocks no vSphere port group subnet can be in: RFC 6890 section 2.2.2 and the IANA IPv4 Special-Purpose
 * Address Registry (https://www.iana.org/assignments/iana-ipv4-special-registry) mark them not forwardable or
 * not a unicast host's; multicast is RFC 5771.
 */
export const SPECIAL_PURPOSE_BLOCKS: readonly SpecialPurposeBlock[] = [
  {
    cidr: block(0, 8),
    why: '0.0.0.0/8, "this network" (RFC 1122 section 3.2.1.3, RFC 6890): a source address only, no host has it',
  },
  {
    cidr: block(127 * 2 ** 24, 8),
    why: "loopback 127.0.0.0/8 (RFC 1122 section 3.2.1.3, RFC 6890): every VM answers such an address itself, a gateway there is never reached",
  },
  {
    cidr: block(169 * 2 ** 24 + 254 * 2 ** 16, 16),
    why: "link-local 169.254.0.0/16 (RFC 3927, RFC 6890): routers do not forward it, so a gateway cannot route it; hosts pick such addresses themselves when DHCP fails, and they would collide with the plan's",
  },
  {
    cidr: block(224 * 2 ** 24, 4),
    why: "multicast 224.0.0.0/4 (RFC 5771): group addresses, never a NIC's or a gateway's",
  },
  {
    cidr: block(240 * 2 ** 24, 4),
    why: "reserved 240.0.0.0/4 and the limited broadcast 255.255.255.255 (RFC 1112 section 4, RFC 919, RFC 6890): no host has them",
  },
];

/** The first special-purpose block the interval overlaps, or undefined. */
export function specialPurposeBlockOf(i: Interval): SpecialPurposeBlock | undefined {
  return SPECIAL_PURPOSE_BLOCKS.find((b) => overlaps(b.cidr, i));
}

/**
 * The first aligned block of `prefix` (at least a /8) in the private blocks of RFC 1918 (10.0.0.0/8,
 * 172.16.0.0/12, 192.168.0.0/16) that overlaps none of `avoid`, or undefined.
 */
export function privateBlockClearOf(prefix: number, avoid: readonly Interval[]): Cidr | undefined {
  for (const outer of [
    block(10 * 2 ** 24, 8),
    block(172 * 2 ** 24 + 16 * 2 ** 16, 12),
    block(192 * 2 ** 24 + 168 * 2 ** 16, 16),
  ]) {
    const p = Math.max(prefix, outer.prefix);
    const step = 2 ** (32 - p);
    for (let first = outer.first; first + step - 1 <= outer.last; first += step) {
      const c = block(first, p);
      const clash = avoid.find((a) => overlaps(a, c));
      if (!clash) return c;
      // Skip past the clash: at most one step per interval to avoid.
      first = Math.max(first, Math.floor((clash.last - outer.first) / step) * step + outer.first);
    }
  }
  return undefined;
}

export { crossingPairs, overlappingPairs, pointsWithin } from "./sweeps";
export type { Labelled } from "./sweeps";
