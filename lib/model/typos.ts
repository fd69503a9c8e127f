/**
 * How people mistype the plan's values, so that a parser can say what it read: ranges pasted with spaces or a
 * typographic dash, and prefix lengths with a digit too many or two digits swapped. Pure, no dependencies.
 */

/** The dashes people paste for "-" (word processors, typeset docs), as a message names them. */
const DASHES: Readonly<Record<string, string>> = {
  "\u2010": "a hyphen (\u2010)",
  "\u2011": "a non-breaking hyphen (\u2011)",
  "\u2012": "a figure dash (\u2012)",
  "\u2013": "an en dash (\u2013)",
  "\u2014": "an em dash (\u2014)",
  "\u2212": "a minus sign (\u2212)",
};

/** Any character that separates the ends of a range as written: "-" or one of `DASHES`. */
export const DASH = /[-\u2010-\u2014\u2212]/;

/**
 * The two ends of a range as written (trimmed), and how its form differs from `first-last`: `"spaces"`, and
 * the dash used for "-" when it is another one. Undefined when the text does not hold exactly one dash.
 */
export function splitRange(text: string): { ends: [string, string]; notes: string[] } | undefined {
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (DASH.test(text[i])) {
      at.push(i);
    }
  }
  if (at.length !== 1) {
    return undefined;
  }
  const dash = text[at[0]];
  const ends: [string, string] = [text.slice(0, at[0]).trim(), text.slice(at[0] + 1).trim()];
  const notes: string[] = [];
  if (`${ends[0]}${dash}${ends[1]}` !== text) {
    notes.push("spaces");
  }
  if (dash !== "-") {
    notes.push(`${DASHES[dash]} for "-"`);
  }
  return { ends, notes };
}

/**
 * Prefix lengths the user likely meant by an out-of-range one (`/62`, `/266` → 26): one digit too many, then
 * two digits swapped, keeping only those that make `address` (an unsigned 32-bit IPv4 address) the first
 * address of its block. Likeliest first.
 */
export function prefixTypos(address: number, tail: string): number[] {
  if (!/^[0-9]{2,3}$/.test(tail)) {
    return [];
  }
  const variants: string[] = [];
  for (let i = 0; i < tail.length; i++) {
    variants.push(tail.slice(0, i) + tail.slice(i + 1));
  }
  for (let i = 0; i + 1 < tail.length; i++) {
    variants.push(tail.slice(0, i) + tail[i + 1] + tail[i] + tail.slice(i + 2));
  }
  const out: number[] = [];
  for (const v of variants) {
    const p = Number(v);
    if (!/^(0|[1-9][0-9]?)$/.test(v) || p > 32 || out.includes(p)) {
      continue;
    }
    // Aligned: no address bits below the prefix (2 ** (32 - p) divides the address).
    if (address % 2 ** (32 - p) === 0) {
      out.push(p);
    }
  }
  return out;
}
