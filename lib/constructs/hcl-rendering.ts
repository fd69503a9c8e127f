/**
 * What cdktf 0.21's HCL renderer (`cdktf synth --hcl`, `cdktf/lib/hcl/render.ts`) gets wrong for the
 * resources the constructs emit, put right before it renders:
 *
 * - `lifecycle` is rendered as plain attributes (`renderAttributes`: `metaBlocks` go through
 *   `renderSimpleAttributes`), so `precondition`/`postcondition` become `precondition = [{…}]`, which Terraform
 *   rejects ("Unsupported argument; … Did you mean to define a block of type "precondition"?"), and
 *   `ignore_changes`/`replace_triggered_by` become quoted strings, which Terraform warns about ("Quoted
 *   references are deprecated"). Reported for cdktf's continuation as open-constructs/cdk-terrain#313 (its
 *   third defect; the same file in cdktf 0.21); JSON output is not affected.
 * - A resource written without cdktf's provider generator needs `synthesizeHclAttributes` to say which keys are
 *   blocks: this derives it from the value's shape (an object is a block, a list of objects a list of blocks).
 * - A literal string with line breaks (an existing HAProxy's CA PEM) is quoted as it is, over several lines,
 *   which Terraform refuses: its breaks are written as `\n`.
 */
import { Token } from "cdktf";

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !Token.isUnresolved(v);
}

/** A reference list (`[a, b]`), rendered raw: cdktf's `type: "reference"` prints the value as it is. */
function referenceList(list: unknown): Json {
  const items = Array.isArray(list) ? list.map(String) : [String(list)];
  return { value: `[${items.join(", ")}]`, isBlock: false, type: "reference" };
}

/** A resource fragment of `toHclTerraform()` with its `lifecycle` in Terraform's native syntax. */
export function lifecycleForHcl<T>(fragment: T): T {
  const resources = (fragment as { resource?: Record<string, Record<string, Json>> }).resource ?? {};
  for (const byName of Object.values(resources)) {
    for (const attributes of Object.values(byName)) {
      const lifecycle = attributes.lifecycle as Json | undefined;
      if (!isPlainObject(lifecycle)) {
        continue;
      }
      const rendered: Json = {};
      for (const [key, value] of Object.entries(lifecycle)) {
        if (value === undefined) {
          continue;
        }
        if (key === "ignore_changes" && value === "all") {
          rendered[key] = { value: "all", isBlock: false, type: "reference" };
        } else if (key === "ignore_changes" || key === "replace_triggered_by") {
          rendered[key] = referenceList(value);
        } else if (key === "precondition" || key === "postcondition") {
          rendered[key] = { value, isBlock: true, type: "list", storageClassType: "object" };
        } else {
          rendered[key] = value;
        }
      }
      attributes.lifecycle = { value: rendered, isBlock: true };
    }
  }
  return fragment;
}

/**
 * A snake_case attribute object as cdktf's HCL renderer takes it: objects are blocks, lists of objects are
 * repeated blocks, everything else an attribute typed by its value.
 */
export function hclAttributes(value: Json): Json {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, hclEntry(v)]),
  );
}

function hclEntry(v: unknown): Json {
  if (isPlainObject(v)) {
    return { value: hclAttributes(v), isBlock: true, type: "list", storageClassType: "object" };
  }
  if (Array.isArray(v) && !Token.isUnresolved(v) && v.length > 0 && v.every(isPlainObject)) {
    return { value: v.map(hclAttributes), isBlock: true, type: "list", storageClassType: "objectList" };
  }
  if (Array.isArray(v)) {
    const numbers = v.length > 0 && v.every((x) => typeof x === "number");
    return {
      value: v,
      isBlock: false,
      type: "list",
      storageClassType: numbers ? "numberList" : "stringList",
    };
  }
  const kind = typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
  return { value: multiLine(v), isBlock: false, type: "simple", storageClassType: kind };
}

/**
 * A literal string with line breaks (a PEM certificate) with each break written as HCL's `\n` escape: the
 * renderer quotes strings as they are, and Terraform refuses a quoted string split over lines ("Invalid
 * multi-line string"). Tokens are left to the renderer.
 */
function multiLine(v: unknown): unknown {
  return typeof v === "string" && !Token.isUnresolved(v) && v.includes("\n") ? v.replace(/\r?\n/g, "\\n") : v;
}

/** A value (a terraform_data input or trigger) with every literal string's line breaks written as `\n`. */
export function withEscapedLineBreaks(v: unknown): unknown {
  if (Array.isArray(v) && !Token.isUnresolved(v)) return v.map(withEscapedLineBreaks);
  if (isPlainObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withEscapedLineBreaks(x)]));
  }
  return multiLine(v);
}
