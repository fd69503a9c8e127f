/**
 * The site file's shape problems in our words: zod parses the file against `siteSchema`, and each of its issues
 * becomes one CFG line. CFG-01: an unknown key, with the nearest known key ("Did you mean …?") or the key's name
 * now (a renamed key); CFG-02: a missing or mistyped value, with the shape the key takes. A key that a CFG-01 line
 * already proposes is not also reported missing: one mistake, one line. Lines come in the file's order of the
 * schema: an object's unknown keys first, then its keys as the schema lists them.
 */
import { z } from "zod";
import { quoteShort } from "../model/ip";
import { nearestName } from "../model/nearest-name";
import { SECRET_SETTINGS, secretSettingProblem } from "../model/state-store-names";
import { siteSchema } from "./site-schema";

/** Keys of earlier releases and their names now: CIDR blocks are `…Cidrs`, `first-last` ranges `…Ranges`. */
const RENAMED_KEYS: Readonly<Record<string, string>> = { virtualIpRanges: "virtualIpCidrs" };

type Segment = string | number;
type Schema = z.ZodType;

/** The definition of a schema, as zod 4 declares it (`def.type`: "object", "array", "optional", …). */
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly element?: Schema;
  readonly innerType?: Schema;
  readonly entries?: Readonly<Record<string, string>>;
  /** A discriminated union's options and the key that chooses one (`backend`'s and `supervisor.loadBalancer`'s "type"). */
  readonly options?: readonly Schema[];
  readonly discriminator?: string;
  /** A literal's values. */
  readonly values?: readonly unknown[];
}

const defOf = (schema: Schema): Def => (schema as unknown as { def: Def }).def;

/** The schema without its `.optional()`. */
function unwrapped(schema: Schema): Schema {
  let s = schema;
  while (defOf(s).type === "optional") s = defOf(s).innerType!;
  return s;
}

/** The option of a discriminated union that the file's object at `path` chooses by its discriminator, if any. */
function chosen(union: Schema, root: unknown, path: readonly Segment[]): Schema | undefined {
  const def = defOf(union);
  const tag = valueAt(root, [...path, def.discriminator!]);
  return def.options!.find((o) => defOf(defOf(o).shape![def.discriminator!]).values?.includes(tag));
}

/**
 * The schema at a path (object keys and list indexes), or undefined off the schema (under an unknown key, or in a
 * union's object whose discriminator chooses no option). `root`, the file's value, chooses a union's option.
 */
function schemaAt(path: readonly Segment[], root?: unknown): Schema | undefined {
  let s: Schema | undefined = siteSchema;
  for (let i = 0; i <= path.length; i++) {
    if (s === undefined) return undefined;
    s = unwrapped(s);
    if (defOf(s).type === "union") s = chosen(s, root, path.slice(0, i));
    if (i === path.length || s === undefined) break;
    const segment = path[i];
    const def = defOf(s);
    s = typeof segment === "number" ? def.element : def.shape?.[segment];
  }
  return s && unwrapped(s);
}

/** The keys an object of the schema takes, in the schema's order. */
const keysAt = (path: readonly Segment[], root?: unknown): string[] =>
  Object.keys(defOf(schemaAt(path, root) ?? siteSchema).shape ?? {});

/** What a schema takes, in words: "a string", "a list of strings", `one of "default", "frontend"`, … */
function describe(schema: Schema): string {
  const def = defOf(schema);
  switch (def.type) {
    case "enum":
      return `one of ${Object.values(def.entries ?? {})
        .map((e) => JSON.stringify(e))
        .join(", ")}`;
    case "array": {
      const item = defOf(unwrapped(def.element!)).type;
      return item === "string" || item === "number" ? `a list of ${item}s` : "a list";
    }
    case "object":
      return "an object";
    case "literal":
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(" or ");
    case "union":
      return `an object with ${JSON.stringify(def.discriminator)}: ${(def.options ?? [])
        .map((o) => describe(defOf(o).shape![def.discriminator!]))
        .join(" or ")}`;
    default:
      return `a ${def.type}`;
  }
}

/** What a JSON value is, in words: a list, a string, … */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The value at a path of the parsed file; undefined where a key is missing. */
function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let v = root;
  for (const segment of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<Segment, unknown>)[segment];
  }
  return v;
}

/** `["haproxy", "virtualIpCidrs", 0]` → `haproxy.virtualIpCidrs[0]`. */
function jsonPath(path: readonly Segment[]): string {
  return path.reduce<string>((at, s) => (typeof s === "number" ? `${at}[${s}]` : at ? `${at}.${s}` : s), "");
}

/** One problem before wording: where, and whether it is an unknown key (which comes first in its object). */
interface Located {
  readonly path: Segment[];
  readonly unknownKey: boolean;
  readonly text: string;
}

/** Schema order: at the first segment that differs, an unknown key before the known ones, these in schema order. */
function compare(a: Located, b: Located, root: unknown): number {
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) {
    const x = a.path[i];
    const y = b.path[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    const keys = keysAt(a.path.slice(0, i), root);
    const rank = (p: Located, s: Segment) =>
      p.unknownKey && i === p.path.length - 1 ? -1 : keys.indexOf(String(s));
    return rank(a, x) - rank(b, y);
  }
  return a.path.length - b.path.length;
}

/**
 * Keys that would hold a secret, and the key that names where the secret comes from instead: a password in the
 * site file would be written in clear into the synthesized Terraform and every copy of the file (CFG-07).
 */
const SECRET_KEYS: Readonly<Record<string, string>> = {
  password: "passwordVariable",
  dataplanePassword: "passwordVariable",
};

/** CFG-01 lines for the unknown keys of one object, and the keys they propose (not then also reported missing). */
function unknownKeys(
  at: readonly Segment[],
  keys: readonly string[],
  proposed: Set<string>,
  root: unknown,
): Located[] {
  const known = keysAt(at, root);
  const prefix = at.length > 0 ? `${jsonPath(at)}.` : "";
  return keys.map((key) => {
    const secret = at.length === 1 && at[0] === "backend" ? secretOf(key, valueAt(root, at)) : undefined;
    if (secret !== undefined) {
      return {
        path: [...at, key],
        unknownKey: true,
        text: secretSettingProblem(secret, key, `${prefix}${key}`),
      };
    }
    const instead = SECRET_KEYS[key];
    if (instead !== undefined && known.includes(instead)) {
      return {
        path: [...at, key],
        unknownKey: true,
        text: `CFG-07 ${prefix}${key}: a password is never written in the site file (it would be copied in clear into the synthesized Terraform and every copy of the file). Remove it; name a sensitive Terraform variable in ${JSON.stringify(instead)}, e.g. "dataplane_password", and set TF_VAR_dataplane_password where Terraform runs.`,
      };
    }
    const renamed = RENAMED_KEYS[key];
    if (renamed !== undefined && known.includes(renamed)) {
      proposed.add(jsonPath([...at, renamed]));
      return {
        path: [...at, key],
        unknownKey: true,
        text: `CFG-01 ${prefix}${key}: this key is now ${JSON.stringify(renamed)} (the same value).`,
      };
    }
    const best = nearestName(key, known, 3);
    if (best !== undefined) proposed.add(jsonPath([...at, best]));
    const hint =
      best !== undefined ? ` Did you mean ${JSON.stringify(best)}?` : ` Known keys: ${known.join(", ")}.`;
    return {
      path: [...at, key],
      unknownKey: true,
      text: `CFG-01 ${prefix}${key}: unknown key ${JSON.stringify(key)}.${hint}`,
    };
  });
}

/**
 * CFG-07: the store type whose secret setting `key` is (the backend's own type first), or undefined for a key
 * that holds no secret.
 */
function secretOf(key: string, backend: unknown): string | undefined {
  const type = (backend as { type?: unknown } | undefined)?.type;
  if (typeof type === "string" && SECRET_SETTINGS[type]?.[key] !== undefined) return type;
  return Object.keys(SECRET_SETTINGS).find((t) => SECRET_SETTINGS[t][key] !== undefined);
}

/** The CFG-02 line for a value that is missing or not what its key takes. */
function wrongValue(value: unknown, path: readonly Segment[], schema: Schema): string {
  const at = jsonPath(path);
  if (at === "") {
    return `CFG-02 (line 1): the file must hold one JSON object, it holds ${kindOf(value)}. Put the site's keys in one { … }.`;
  }
  if (value === undefined) return `CFG-02 ${at}: missing; it must be ${describe(schema)}.`;
  if (typeof value === "number" && !Number.isFinite(value)) {
    return `CFG-02 ${at}: the number is too large (beyond ±1.8e308, JSON reads it as infinity); it must be ${describe(schema)} of the range the key takes.`;
  }
  return `CFG-02 ${at}: ${quoteShort(value)} is not ${describe(schema)}.`;
}

/**
 * The site file's shape problems (CFG-01, CFG-02), in the schema's order; empty when `value` has the shape of a
 * site file (then it is a `SiteConfig`).
 */
export function shapeProblems(value: unknown): string[] {
  // Without zod's compiled fast path (`new Function`): a file is parsed once, so compiling it only costs time.
  const result = siteSchema.safeParse(value, { jitless: true });
  const choice = loadBalancerChoice(value);
  if (result.success && choice.length === 0) return [];
  const proposed = new Set<string>();
  const located: Located[] = [];
  const reported = new Set<string>();
  for (const issue of result.error?.issues ?? []) {
    let path = issue.path as Segment[];
    if (issue.code === "unrecognized_keys") {
      located.push(...unknownKeys(path, issue.keys, proposed, value));
      continue;
    }
    if (issue.code === "invalid_union" && "options" in issue && Array.isArray(issue.options)) {
      // A discriminator that chooses no option: the line says the choices.
      const at = jsonPath(path);
      reported.add(at);
      const choices = z.enum(issue.options.map(String) as [string, ...string[]]);
      located.push({ path, unknownKey: false, text: wrongValue(valueAt(value, path), path, choices) });
      continue;
    }
    // A list of strings or numbers is wrong as a whole: one line for the list, with its value.
    const parent = path.length > 0 ? schemaAt(path.slice(0, -1)) : undefined;
    if (typeof path[path.length - 1] === "number" && parent && /^a list of /.test(describe(parent))) {
      path = path.slice(0, -1);
    }
    const at = jsonPath(path);
    if (reported.has(at)) continue;
    reported.add(at);
    // A string of the right type that the schema refuses says why itself (an empty name, a URL that is none).
    const refused = valueAt(value, path);
    const why =
      (issue.code === "too_small" || issue.code === "custom" || issue.code === "invalid_format") &&
      typeof refused === "string"
        ? `CFG-02 ${at}: ${quoteShort(refused)} ${issue.message}.`
        : undefined;
    located.push({
      path,
      unknownKey: false,
      text: why ?? wrongValue(refused, path, schemaAt(path, value) ?? siteSchema),
    });
  }
  located.push(...choice.filter((p) => !reported.has(jsonPath(p.path))));
  return located
    .filter((p) => p.unknownKey || !proposed.has(jsonPath(p.path)) || valueAt(value, p.path) !== undefined)
    .sort((a, b) => compare(a, b, value))
    .map((p) => p.text);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * CFG-02 for what the schema alone cannot say: a site has exactly one load balancer, the appliance (`haproxy`)
 * or `supervisor.loadBalancer`; the appliance needs `vsphere.cluster`, `.datastore` and `.host` (its resource
 * pool, disk and ESXi host), and a Supervisor on one cluster needs `vsphere.cluster`. A Supervisor on zones with
 * no appliance uses no cluster: one given is refused rather than ignored.
 */
function loadBalancerChoice(value: unknown): Located[] {
  if (!isObject(value)) return [];
  const out: Located[] = [];
  const problem = (path: Segment[], text: string) => out.push({ path, unknownKey: false, text });
  const supervisor = isObject(value.supervisor) ? value.supervisor : undefined;
  const appliance = value.haproxy !== undefined;
  const other = supervisor?.loadBalancer !== undefined;
  if (!appliance && !other) {
    problem(
      ["haproxy"],
      'CFG-02 haproxy: missing; give the load balancer: the HAProxy appliance as "haproxy" (an object), or another one as "supervisor.loadBalancer" (an existing HAProxy or the vSphere Foundation Load Balancer).',
    );
  } else if (appliance && other) {
    problem(
      ["supervisor", "loadBalancer"],
      'CFG-02 supervisor.loadBalancer: given with "haproxy"; a site has one load balancer: the appliance this plan deploys ("haproxy") or "supervisor.loadBalancer". Remove one.',
    );
  }
  const vsphere = value.vsphere;
  if (!isObject(vsphere)) return out;
  // The same line as for a key the schema requires: the appliance needs its resource pool, disk and host.
  const missing = (key: string, why = "") => {
    if (vsphere[key] === undefined) {
      problem(["vsphere", key], `CFG-02 vsphere.${key}: missing; it must be a string${why}.`);
    }
  };
  if (appliance) {
    missing("cluster");
    missing("datastore");
    missing("host");
  } else if (supervisor && supervisor.zones === undefined) {
    missing(
      "cluster",
      ' (the Supervisor\'s cluster), or give "supervisor.zones" for a Supervisor on three vSphere Zones',
    );
  } else if (supervisor && vsphere.cluster !== undefined) {
    problem(
      ["vsphere", "cluster"],
      'CFG-02 vsphere.cluster: not used: the Supervisor is on "supervisor.zones" and there is no appliance. Remove it, or remove "supervisor.zones" for a Supervisor on this cluster.',
    );
  }
  return out;
}
