/**
 * A site file's JSON with its places: the syntax errors in plain words with line, column and a caret, keys given
 * twice (CFG-06), and the line of any JSON path, for the site file's messages. Parsed with Microsoft's
 * `jsonc-parser` (the JSON scanner of VS Code) with comments and trailing commas refused, as `JSON.parse` refuses
 * them; the value itself is `JSON.parse`'s, so what is checked is exactly what Node reads.
 */
import { Node, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";
import { quoteShort } from "../model/ip";

/** A site file that parsed: its value, the keys given twice, and the line of a JSON path. */
export interface ParsedSiteJson {
  readonly value: unknown;
  /** CFG-06 problems, one per key given more than once in one object. */
  readonly duplicates: string[];
  /** The 1-based line of a JSON path such as `haproxy.virtualIpCidrs[0]`, if the file has it. */
  readonly lineOf: (jsonPath: string) => number | undefined;
  /** The line of the nearest object or list the path would be in (for a key that is missing). */
  readonly parentLineOf: (jsonPath: string) => number | undefined;
}

/** A file that is not JSON: every syntax problem found, each with its line, column, caret and reason. */
export interface SiteJsonSyntax {
  readonly syntax: string[];
}

/** At most this many syntax problems are listed; after the first one that is not a stray comma or comment, none. */
const SHOWN = 10;

/** 1-based line and column of an offset (columns count UTF-16 units, as editors show them). */
function position(text: string, offset: number): { line: number; column: number } {
  const starts = lineStarts(text);
  // The last line that starts at or before the offset (binary search: a large file asks this thousands of times).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** The offsets at which the lines of the last text asked about start, computed once per text. */
let cachedStarts: { text: string; starts: number[] } | undefined;
function lineStarts(text: string): number[] {
  if (cachedStarts?.text !== text) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    cachedStarts = { text, starts };
  }
  return cachedStarts.starts;
}

/** The source line and a caret under the column; long lines are cut around the column. */
function excerpt(text: string, line: number, column: number): string {
  const source = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  const WIDTH = 120;
  const start = source.length > WIDTH ? Math.max(0, column - 1 - WIDTH / 2) : 0;
  const shown = source.slice(start, start + WIDTH);
  // Keep tabs under tabs so that the caret lines up in a terminal.
  const pad = shown.slice(0, column - 1 - start).replace(/[^\t]/g, " ");
  return `    ${shown}\n    ${pad}^`;
}

function previousSignificant(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** What an error is, in plain words, and where its caret goes (a trailing comma: at the comma). */
function explain(text: string, e: ParseError): { at: number; reason: string; recoverable: boolean } {
  const code = printParseErrorCode(e.error);
  const found = text.slice(e.offset, e.offset + e.length);
  const next = text[e.offset];
  const comma = previousSignificant(text, e.offset);
  if (
    (code === "PropertyNameExpected" || code === "ValueExpected") &&
    (next === "}" || next === "]") &&
    text[comma] === ","
  ) {
    return {
      at: comma,
      reason: `a trailing comma before \`${next}\`: JSON allows no comma after the last ${next === "}" ? "entry of an object" : "item of a list"}. Remove it.`,
      recoverable: true,
    };
  }
  switch (code) {
    case "InvalidCommentToken":
      return {
        at: e.offset,
        reason: `a comment (\`${found.slice(0, 2)}\`): JSON has no comments. Remove it, or put the note in "description".`,
        recoverable: true,
      };
    case "UnexpectedEndOfComment":
      return {
        at: e.offset,
        reason: "a comment that is never closed: JSON has no comments.",
        recoverable: false,
      };
    case "InvalidSymbol":
      if (/^'/.test(found)) {
        return {
          at: e.offset,
          reason: "a string in single quotes: JSON strings take double quotes.",
          recoverable: false,
        };
      }
      if (/^[A-Za-z_$][\w$-]*$/.test(found) && /^\s*:/.test(text.slice(e.offset + e.length))) {
        return { at: e.offset, reason: `a key without quotes: write "${found}".`, recoverable: false };
      }
      return {
        at: e.offset,
        reason: `\`${found.slice(0, 40)}\` is not a JSON value (a string in double quotes, a number, true, false, null, an object or a list).`,
        recoverable: false,
      };
    case "InvalidNumberFormat":
    case "UnexpectedEndOfNumber":
      return { at: e.offset, reason: `a malformed number \`${found.slice(0, 40)}\`.`, recoverable: false };
    case "PropertyNameExpected":
      return { at: e.offset, reason: "a key in double quotes was expected here.", recoverable: false };
    case "ValueExpected":
      return text.trim() === ""
        ? { at: e.offset, reason: "the file is empty; a site file is one JSON object.", recoverable: false }
        : { at: e.offset, reason: "a value was expected here.", recoverable: false };
    case "ColonExpected":
      return { at: e.offset, reason: "a `:` was expected after the key.", recoverable: false };
    case "CommaExpected":
      if (/\d/.test(next ?? "") && text[comma] === "0" && !/[\d.eE+-]/.test(text[comma - 1] ?? "")) {
        return {
          at: comma,
          reason: "a number with a leading zero: JSON numbers have none (1, not 01).",
          recoverable: false,
        };
      }
      return { at: e.offset, reason: "a comma is missing before this.", recoverable: false };
    case "CloseBraceExpected":
      return {
        at: e.offset,
        reason:
          e.offset >= text.length
            ? "the file ends before an object is closed with `}`."
            : "a `}` was expected here.",
        recoverable: false,
      };
    case "CloseBracketExpected":
      return {
        at: e.offset,
        reason:
          e.offset >= text.length
            ? "the file ends before a list is closed with `]`."
            : "a `]` was expected here.",
        recoverable: false,
      };
    case "EndOfFileExpected":
      return {
        at: e.offset,
        reason: "more text after the end of the object: a site file is one JSON object.",
        recoverable: false,
      };
    case "UnexpectedEndOfString":
      return {
        at: e.offset,
        reason: 'a string that is not closed with `"` on its line.',
        recoverable: false,
      };
    case "InvalidUnicode":
      return { at: e.offset, reason: "a malformed `\\u` escape: it takes 4 hex digits.", recoverable: false };
    case "InvalidEscapeCharacter":
      return {
        at: e.offset,
        reason: 'an escape JSON does not know: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX.',
        recoverable: false,
      };
    case "InvalidCharacter": {
      const inside = [...found].findIndex((c) => c.charCodeAt(0) < 0x20);
      const at = inside >= 0 ? e.offset + inside : e.offset;
      const code = text.charCodeAt(at);
      const what =
        code === 0
          ? "a NUL character (U+0000, a zero byte) inside a string: remove it (the file may be damaged or not text)."
          : code === 9
            ? "a tab inside a string: write it as \\t, or remove it."
            : code === 10 || code === 13
              ? "a line break inside a string: write it as \\n, or close the string on its line."
              : `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")}) inside a string: remove it.`;
      return { at, reason: what, recoverable: false };
    }
    default:
      return { at: e.offset, reason: "not JSON here.", recoverable: false };
  }
}

/** The syntax problems, worded; empty when the text is JSON. */
function syntaxProblems(text: string, errors: readonly ParseError[]): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const e of errors) {
    const { at, reason, recoverable } = explain(text, e);
    if (seen.has(at)) continue; // the parser reports a trailing comma in an object twice
    seen.add(at);
    const { line, column } = position(text, at);
    out.push(`line ${line}, column ${column}: ${reason}\n${excerpt(text, line, column)}`);
    // After anything but a stray comma or comment the parser's later errors may only follow from this one.
    if (!recoverable || out.length >= SHOWN) break;
  }
  return out;
}

type Segment = string | number;

/** `haproxy.virtualIpCidrs[0]` → ["haproxy", "virtualIpCidrs", 0]; undefined when it is not such a path. */
function segmentsOf(jsonPath: string): Segment[] | undefined {
  if (jsonPath === "") return [];
  const out: Segment[] = [];
  for (const part of jsonPath.split(".")) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** The node at the path (a property's value) or, with `nearest`, the deepest node on the way there. */
function nodeAt(root: Node, path: readonly Segment[], nearest: boolean): Node | undefined {
  let node: Node = root;
  for (const segment of path) {
    let child: Node | undefined;
    if (typeof segment === "number" && node.type === "array") {
      child = node.children?.[segment];
    } else if (typeof segment === "string" && node.type === "object") {
      // The last of equal keys, as JSON.parse keeps it.
      child = [...(node.children ?? [])].reverse().find((p) => p.children?.[0]?.value === segment)
        ?.children?.[1];
    }
    if (child === undefined) return nearest ? node : undefined;
    node = child;
  }
  return node;
}

/** The line a node starts on; a property's value is placed at its key. */
function lineOfNode(text: string, node: Node): number {
  const at = node.parent?.type === "property" ? node.parent.offset : node.offset;
  return position(text, at).line;
}

/** CFG-06: every key given more than once in one object, with the lines of all of them. */
function duplicateKeys(text: string, root: Node): string[] {
  const out: string[] = [];
  const walk = (node: Node, at: string) => {
    if (node.type === "array") {
      node.children?.forEach((c, i) => walk(c, `${at}[${i}]`));
      return;
    }
    if (node.type !== "object") return;
    const offsets = new Map<string, number[]>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0]?.value as string;
      const seen = offsets.get(key);
      if (seen) seen.push(property.offset);
      else offsets.set(key, [property.offset]);
      const value = property.children?.[1];
      if (value) walk(value, at ? `${at}.${key}` : key);
    }
    for (const [key, places_] of offsets) {
      if (places_.length < 2) continue;
      const at_ = places_.map((offset) => position(text, offset).line);
      const where = at ? `${at}.${key}` : key;
      const places = at_.map((l) => `line ${l}`);
      const listed = `${places.slice(0, -1).join(", ")} and ${places[places.length - 1]}`;
      out.push(
        `CFG-06 ${where} (line ${at_[at_.length - 1]}): the key ${JSON.stringify(key)} is given ${at_.length === 2 ? "twice" : `${at_.length} times`}, at ${listed}; JSON keeps only the last and drops the others without a word. Keep one: merge them into the one at line ${at_[0]} and delete the rest.`,
      );
    }
  };
  walk(root, "");
  return out;
}

/** Byte-order marks of the encodings a site file is not in, longest first. */
const OTHER_BOMS: [number[], string][] = [
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32 (big-endian)"],
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32 (little-endian)"],
  [[0xfe, 0xff], "UTF-16 (big-endian)"],
  [[0xff, 0xfe], "UTF-16 (little-endian)"],
];

/** The offset of the first byte that does not begin a valid UTF-8 sequence, or undefined when all is UTF-8. */
function firstNonUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (n < 0) return i;
    // Overlong, surrogate and beyond-U+10FFFF forms are refused by the second byte's range (RFC 3629 section 4).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return undefined;
}

/**
 * A site file's bytes as text, or why they are not UTF-8 text: the encoding a byte-order mark names (UTF-16,
 * UTF-32), a file of zero bytes between characters (UTF-16 without a mark), or the line, column and value of the
 * first byte that is not UTF-8 (Latin-1 `é` is the byte 0xE9). Never decoded with replacement characters.
 */
export function decodeSiteFile(bytes: Uint8Array): { text: string } | SiteJsonSyntax {
  const save = "Save the file as UTF-8 (in most editors: Save with Encoding, UTF-8).";
  for (const [bom, encoding] of OTHER_BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      return { syntax: [`the file is ${encoding}, as its byte-order mark says, not UTF-8. ${save}`] };
    }
  }
  const head = bytes.subarray(0, 64);
  if (head.length >= 4 && head.filter((b) => b === 0).length * 3 >= head.length) {
    return {
      syntax: [
        `the file is not UTF-8 text: every other byte is zero, as in UTF-16 without a byte-order mark. ${save}`,
      ],
    };
  }
  const bad = firstNonUtf8(bytes);
  if (bad === undefined) {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") };
  }
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString("utf8");
  const { line, column } = position(before, before.length);
  const byte = bytes[bad];
  const latin1 =
    byte >= 0xa0 ? ` (in Latin-1 or Windows-1252, ${quoteShort(String.fromCharCode(byte))})` : "";
  const lineText = before.slice(before.lastIndexOf("\n") + 1) + String.fromCharCode(byte);
  return {
    syntax: [
      `line ${line}, column ${column}: the byte 0x${byte.toString(16).toUpperCase()}${latin1} is not UTF-8; the file is in another encoding. ${save}\n    ${lineText.slice(-80)}`,
    ],
  };
}

/**
 * Objects and lists nested deeper than this are refused before parsing: a site file needs 5 levels, and the
 * parser and the checks walk the tree recursively, so a file of thousands of `[` would overflow the stack.
 */
export const MAX_NESTING = 64;

/** The offset of the first `[` or `{` (outside strings) that opens level MAX_NESTING + 1, if any. One pass. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_NESTING) return i;
    } else if (c === "]" || c === "}") {
      depth--;
    }
  }
  return undefined;
}

/** Parse a site file's text: its value and places, or its syntax problems. */
export function parseSiteJson(text: string): ParsedSiteJson | SiteJsonSyntax {
  // An editor's byte-order mark is not content.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const deep = tooDeepAt(body);
  if (deep !== undefined) {
    const { line, column } = position(body, deep);
    return {
      syntax: [
        `line ${line}, column ${column}: objects and lists nested deeper than ${MAX_NESTING} levels; a site file needs at most 5. Remove the extra nesting.\n${excerpt(body, line, column)}`,
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || root === undefined) {
    const syntax = syntaxProblems(body, errors);
    return { syntax: syntax.length > 0 ? syntax : ["the file holds no JSON value."] };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    // Not expected once the scanner found no error; said in Node's own words rather than not at all.
    return { syntax: [(e as Error).message] };
  }
  return {
    value,
    duplicates: duplicateKeys(body, root),
    lineOf: (jsonPath) => {
      const path = segmentsOf(jsonPath);
      const node = path && nodeAt(root, path, false);
      return node ? lineOfNode(body, node) : undefined;
    },
    parentLineOf: (jsonPath) => {
      const path = segmentsOf(jsonPath);
      return path ? lineOfNode(body, nodeAt(root, path, true)!) : undefined;
    },
  };
}

/** True for the result of a file that is not JSON. */
export function isSyntaxProblem(parsed: ParsedSiteJson | SiteJsonSyntax): parsed is SiteJsonSyntax {
  return "syntax" in parsed;
}
