/**
 * The run-time shape of a construct's props, for JavaScript users and for TypeScript run without a type check
 * (`tsx`): which props exist, which are required, what JavaScript type each takes, and the names props had
 * before. `checkProps` returns every problem at once, as `CFG-01` (an unknown or renamed prop, with the nearest
 * known name) and `CFG-02` (a missing or mistyped value, with the value fixed where its form tells how), the ids
 * the site file uses for the same mistakes. Pure: values only known at apply are recognised by a function the
 * caller gives (cdktf's token test).
 */
import { formatAddress, notAServerAddress, quote, quoteShort } from "./ip";
import { nearestName } from "./nearest-name";

/** What one prop takes. */
export type PropShape =
  | { readonly kind: "string" | "number" | "boolean" | "function" }
  /** A string that holds an IPv4 address: a number is fixed to the address it encodes, when that is a host's. */
  | { readonly kind: "address" }
  | { readonly kind: "list"; readonly of: PropShape }
  | { readonly kind: "record"; readonly of: PropShape }
  | { readonly kind: "enum"; readonly name: string; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: "instance"; readonly name: string; readonly is: (value: unknown) => boolean }
  | { readonly kind: "object"; readonly spec: PropSpec };

/** One prop: its shape, whether it may be left out, and a hint of what to give (for a missing one). */
export interface PropField {
  readonly shape: PropShape;
  readonly optional?: boolean;
  /** What to give, e.g. `the ESXi host's id, e.g. a vsphere_host data source's id`. */
  readonly hint?: string;
}

/** The props of one construct (or one nested object of them). */
export interface PropSpec {
  readonly fields: Readonly<Record<string, PropField>>;
  /** Names of earlier releases and their names now (same value). */
  readonly renamed?: Readonly<Record<string, string>>;
  /** Names used elsewhere for a prop (the site file's keys) and what the prop takes instead. */
  readonly aliases?: Readonly<Record<string, { readonly prop: string; readonly note: string }>>;
  /** More keys that are accepted unchecked (cdktf's meta-arguments). */
  readonly passThrough?: readonly string[];
  /** Objects that may carry members of their own (user-implemented interfaces): no unknown-key check. */
  readonly open?: boolean;
}

/** Options of `checkProps`. */
export interface PropCheckOptions {
  /** True for a value only known at apply; such values pass where a string, number or list goes. */
  readonly isUnresolved?: (value: unknown) => boolean;
}

export const str: PropShape = { kind: "string" };
/** An IPv4 address as a string (`"192.168.120.5"`). */
export const address: PropShape = { kind: "address" };
export const num: PropShape = { kind: "number" };
export const bool: PropShape = { kind: "boolean" };
export const fn: PropShape = { kind: "function" };
export const listOf = (of: PropShape): PropShape => ({ kind: "list", of });
export const recordOf = (of: PropShape): PropShape => ({ kind: "record", of });
export const objectOf = (spec: PropSpec): PropShape => ({ kind: "object", spec });
/** A TypeScript string enum, e.g. `enumOf("HaproxyMode", HaproxyMode)`. */
export const enumOf = (name: string, values: Readonly<Record<string, string>>): PropShape => ({
  kind: "enum",
  name,
  values,
});
/** An instance of a class of the library, e.g. `instance("a SupervisorWorkloadNetwork", (v) => v instanceof …)`. */
export const instance = (name: string, is: (value: unknown) => boolean): PropShape => ({
  kind: "instance",
  name,
  is,
});
export const required = (shape: PropShape, hint?: string): PropField => ({ shape, hint });
export const optional = (shape: PropShape): PropField => ({ shape, optional: true });

/** The nouns of the shapes that are one word (`a list of strings`). */
const SIMPLE_NOUNS: Readonly<Record<string, string>> = {
  string: "string",
  address: "string",
  number: "number",
  boolean: "boolean",
  function: "function",
};

/** `a` or `an` before a word, by its first letter: `an ExistingHaproxy`, `a HaproxyLoadBalancer`. */
function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

/** The shape in words: `a list of strings`, `one of HaproxyMode.DEFAULT ("default"), …`. */
export function describeShape(shape: PropShape): string {
  switch (shape.kind) {
    case "string":
    case "number":
    case "boolean":
    case "function":
      return `a ${shape.kind}`;
    case "address":
      return "a string";
    case "list":
      return shape.of.kind === "object"
        ? "a list of objects"
        : SIMPLE_NOUNS[shape.of.kind]
          ? `a list of ${SIMPLE_NOUNS[shape.of.kind]}s`
          : `a list, each ${describeShape(shape.of)}`;
    case "record":
      return SIMPLE_NOUNS[shape.of.kind]
        ? `an object of ${SIMPLE_NOUNS[shape.of.kind]} values`
        : `an object whose values are each ${describeShape(shape.of)}`;
    case "enum":
      return `one of ${Object.entries(shape.values)
        .map(([k, v]) => `${shape.name}.${k} (${quote(v)})`)
        .join(", ")}`;
    case "instance":
      return shape.name;
    case "object":
      return `an object with ${requiredNames(shape.spec)}`;
  }
}

function requiredNames(spec: PropSpec): string {
  const names = Object.entries(spec.fields)
    .filter(([, f]) => !f.optional)
    .map(([k]) => k);
  return names.length === 0 ? "optional props only" : names.join(", ");
}

/** What a value is, in words: `a string`, `a list`, `null`, `a SupervisorWorkloadNetwork`. */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name && name !== "Object" ? withArticle(name) : "an object";
  }
  return withArticle(typeof value);
}

/** The value and what it is, `"x" is a string`; an object, whose words are what it is, once: `an ExistingHaproxy`. */
function givenAs(value: unknown): string {
  const text = shown(value);
  return text === typeOf(value) ? text : `${text} is ${typeOf(value)}`;
}

/** The value in a message: quoted, shortened when long. */
function shown(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return typeOf(value);
  return quoteShort(value);
}

/** The value made the right type, when its form tells how (`"5556"` → 5556, `"10.0.0.2"` → `["10.0.0.2"]`). */
function coerced(value: unknown, shape: PropShape): unknown {
  if (shape.kind === "list" && !Array.isArray(value) && value !== undefined && value !== null) {
    const item = coerced(value, shape.of);
    return matches(item, shape.of, () => false) ? [item] : undefined;
  }
  if (shape.kind === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return String(value);
  }
  if (shape.kind === "address" && typeof value === "number") {
    // An address given as its 32-bit number (3232266245 is 192.168.120.5): the dotted form, when the number is
    // one and a host can have it; "10" or 0.0.0.10 would be no fix.
    const isAddress = Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
    return isAddress && notAServerAddress(value) === undefined ? formatAddress(value) : undefined;
  }
  if (shape.kind === "number" && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value);
  }
  if (shape.kind === "boolean" && (value === "true" || value === "false")) {
    return value === "true";
  }
  if (shape.kind === "enum" && typeof value === "string") {
    const byKey = Object.entries(shape.values).find(
      ([k, v]) => k.toLowerCase() === value.toLowerCase() || v.toLowerCase() === value.toLowerCase(),
    );
    return byKey?.[1];
  }
  return matches(value, shape, () => false) ? value : undefined;
}

/** The fix for a mistyped value, in words, or "" when its form does not tell. */
function fixFor(value: unknown, shape: PropShape): string {
  const fixed = coerced(value, shape);
  if (fixed === undefined) {
    return "";
  }
  if (shape.kind === "enum") {
    const key = Object.entries(shape.values).find(([, v]) => v === fixed)?.[0];
    return ` Did you mean ${shape.name}.${key} (${quote(fixed)})?`;
  }
  return ` Did you mean ${JSON.stringify(fixed)}?`;
}

/** True when the value has the shape at the top (lists' items and objects' fields are checked by the caller). */
function matches(value: unknown, shape: PropShape, isUnresolved: (v: unknown) => boolean): boolean {
  switch (shape.kind) {
    case "string":
    case "address":
      return typeof value === "string" || isUnresolved(value);
    case "number":
      return (typeof value === "number" && Number.isFinite(value)) || isUnresolved(value);
    case "boolean":
      return typeof value === "boolean";
    case "function":
      return typeof value === "function";
    case "list":
      return Array.isArray(value) || isUnresolved(value);
    case "enum":
      return typeof value === "string" && Object.values(shape.values).includes(value);
    case "instance":
      return shape.is(value);
    case "record":
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}

/**
 * Every problem of a props object, in the order of its keys and then of the spec, each as
 * `CFG-0x <prop path>: <what is wrong>. <the fix>`. Empty when the props have the spec's shape.
 */
export function checkProps(props: unknown, spec: PropSpec, options: PropCheckOptions = {}): string[] {
  const out: string[] = [];
  const isUnresolved = options.isUnresolved ?? (() => false);
  const shape = objectOf(spec);
  if (!matches(props, shape, isUnresolved)) {
    out.push(
      `CFG-02 props: ${props === undefined ? "missing" : givenAs(props)}; give ${describeShape(shape)}.`,
    );
    return out;
  }
  checkObject(props as Record<string, unknown>, spec, "", out, isUnresolved);
  return out;
}

function checkObject(
  obj: Record<string, unknown>,
  spec: PropSpec,
  at: string,
  out: string[],
  isUnresolved: (v: unknown) => boolean,
): void {
  const known = Object.keys(spec.fields);
  const handled = new Set<string>();
  const path = (key: string) => (at ? `${at}.${key}` : key);
  if (!spec.open) {
    for (const key of Object.keys(obj)) {
      if (key in spec.fields || spec.passThrough?.includes(key)) {
        continue;
      }
      const now = spec.renamed?.[key] ?? spec.aliases?.[key]?.prop;
      if (now !== undefined) {
        out.push(`CFG-01 ${path(key)}: ${renamedText(key, now, obj, spec)}`);
        handled.add(now);
        continue;
      }
      const best = nearestName(key, known);
      out.push(
        `CFG-01 ${path(key)}: unknown prop ${quote(key)}.${
          best !== undefined
            ? ` Did you mean ${quote(best)}?`
            : ` Known props: ${known.join(", ")}${spec.passThrough ? ` (and cdktf's ${spec.passThrough.join(", ")})` : ""}.`
        }`,
      );
      if (best !== undefined && obj[best] === undefined) {
        handled.add(best);
      }
    }
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = obj[key];
    if (value === undefined) {
      if (!field.optional && !handled.has(key)) {
        const given = key in obj ? "given as undefined (a variable without a value?)" : "missing";
        out.push(
          `CFG-02 ${path(key)}: ${given}; give ${describeShape(field.shape)}${field.hint ? `: ${field.hint}` : ""}.`,
        );
      }
      continue;
    }
    checkValue(value, field, path(key), out, isUnresolved);
  }
}

function renamedText(key: string, now: string, obj: Record<string, unknown>, spec: PropSpec): string {
  const note = spec.aliases?.[key]?.note;
  if (obj[now] !== undefined) {
    return `${note ? `${quote(key)} is the site file's key for` : "renamed to"} ${quote(now)}, which is given too: remove ${quote(key)}.`;
  }
  if (note) {
    return `${quote(key)} is the site file's key; the prop is ${quote(now)}, ${note}.`;
  }
  return `renamed to ${quote(now)} (the same value): write ${now}: ${JSON.stringify(obj[key]) ?? String(obj[key])}.`;
}

function checkValue(
  value: unknown,
  field: PropField,
  at: string,
  out: string[],
  isUnresolved: (v: unknown) => boolean,
): void {
  const shape = field.shape;
  if (value === null) {
    out.push(
      `CFG-02 ${at}: null; give ${describeShape(shape)}${field.optional ? ", or leave it out for the default" : ""}.`,
    );
    return;
  }
  if (!matches(value, shape, isUnresolved)) {
    out.push(`CFG-02 ${at}: ${givenAs(value)}; give ${describeShape(shape)}.${fixFor(value, shape)}`);
    return;
  }
  if (isUnresolved(value)) {
    return;
  }
  if (shape.kind === "list") {
    (value as unknown[]).forEach((item, i) =>
      checkValue(item, { shape: shape.of }, `${at}[${i}]`, out, isUnresolved),
    );
  } else if (shape.kind === "record") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      checkValue(v, { shape: shape.of }, `${at}.${k}`, out, isUnresolved);
    }
  } else if (shape.kind === "object") {
    checkObject(value as Record<string, unknown>, shape.spec, at, out, isUnresolved);
  }
}
