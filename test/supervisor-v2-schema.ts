/**
 * Checks a synthesized `vsphere_supervisor_v2` body against the provider 2.16.1 schema and the checks the
 * provider makes only at apply time, from the committed fixtures (test/fixtures/supervisor-v2/, derived from
 * the provider's source: resource_vsphere_supervisor_v2.go and supervisor_helper.go at v2.16.1).
 */
import * as constraints from "./fixtures/supervisor-v2/constraints.json";
import * as schemaFile from "./fixtures/supervisor-v2/schema.json";

interface Attr {
  type: string | [string, string];
  required?: boolean;
}
interface Block {
  attributes?: Record<string, Attr>;
  block_types?: Record<
    string,
    { nesting_mode: string; min_items?: number; max_items?: number; block: Block }
  >;
}
interface Rule {
  func: string;
  allowed_values?: string[];
}
interface Field {
  path: string;
  validate?: Rule;
  elem_validate?: Rule;
}

const schema = (schemaFile as unknown as { block: Block }).block;
const byPath = new Map(
  ((constraints as unknown as { fields: Field[] }).fields ?? []).map((f) => [
    f.path.replace(/^vsphere_supervisor_v2\.?/, ""),
    f,
  ]),
);
const META = new Set([
  "count",
  "for_each",
  "provider",
  "depends_on",
  "lifecycle",
  "provisioner",
  "connection",
]);
const isUnknown = (v: unknown) => typeof v === "string" && v.includes("${");
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function checkValue(path: string, v: unknown, rule: Rule | undefined, errors: string[]): void {
  if (!rule || isUnknown(v)) return;
  const s = String(v);
  switch (rule.func) {
    case "validation.StringIsNotEmpty":
      if (s === "") errors.push(`${path}: must not be empty`);
      break;
    case "validation.IsIPv4Address":
      if (!IPV4.test(s)) errors.push(`${path}: ${JSON.stringify(v)} is not an IPv4 address`);
      break;
    case "validation.IsCIDR": {
      const m = /^(.+)\/(\d{1,2})$/.exec(s);
      if (!m || !IPV4.test(m[1]) || Number(m[2]) > 32)
        errors.push(`${path}: ${JSON.stringify(v)} is not CIDR notation`);
      break;
    }
    case "validation.StringInSlice":
      if (!rule.allowed_values!.includes(s))
        errors.push(`${path}: ${JSON.stringify(v)} not one of ${rule.allowed_values!.join(", ")}`);
      break;
    default:
      errors.push(`${path}: unknown rule ${rule.func}`);
  }
}

function checkType(path: string, v: unknown, type: Attr["type"], errors: string[]): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(type)) {
    if (!Array.isArray(v)) return (errors.push(`${path}: expected a ${type[0]} of ${type[1]}`), false);
    v.forEach((e, i) => checkType(`${path}[${i}]`, e, type[1] as Attr["type"], errors));
    return true;
  }
  const ok =
    (type === "string" && typeof v === "string") ||
    (type === "number" && typeof v === "number") ||
    (type === "bool" && typeof v === "boolean");
  if (!ok) errors.push(`${path}: expected ${type}, got ${JSON.stringify(v)}`);
  return ok;
}

function validateBlock(path: string, body: unknown, block: Block, errors: string[], top = false): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    errors.push(`${path || "<resource>"}: expected an object`);
    return;
  }
  const o = body as Record<string, unknown>;
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  for (const [k, v] of Object.entries(o)) {
    const p = path ? `${path}.${k}` : k;
    if (k.startsWith("//") || (top && META.has(k))) continue;
    if (attrs[k]) {
      if (v !== null && checkType(p, v, attrs[k].type, errors)) {
        const c = byPath.get(p.replace(/\[\d+\]/g, ""));
        if (c?.validate) checkValue(p, v, c.validate, errors);
        if (c?.elem_validate && Array.isArray(v))
          v.forEach((e, i) => checkValue(`${p}[${i}]`, e, c.elem_validate, errors));
      }
    } else if (blocks[k]) {
      const bt = blocks[k];
      if (bt.nesting_mode === "single") {
        validateBlock(p, v, bt.block, errors);
        continue;
      }
      const items = Array.isArray(v) ? v : [v];
      if (bt.min_items && items.length < bt.min_items)
        errors.push(`${p}: at least ${bt.min_items} block(s) required`);
      if (bt.max_items && items.length > bt.max_items)
        errors.push(`${p}: at most ${bt.max_items} block(s) allowed`);
      items.forEach((it) => validateBlock(p, it, bt.block, errors));
    } else {
      errors.push(`${p}: unsupported argument or block (not in the v2.16.1 schema)`);
    }
  }
  for (const [k, a] of Object.entries(attrs)) {
    if (a.required && (o[k] === undefined || o[k] === null))
      errors.push(`${path ? `${path}.` : ""}${k}: required attribute missing`);
  }
  for (const [k, bt] of Object.entries(blocks)) {
    if (bt.min_items && o[k] === undefined)
      errors.push(`${path ? `${path}.` : ""}${k}: required block missing`);
  }
}

const one = (v: unknown): Record<string, unknown> | undefined =>
  (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;
const has = (o: Record<string, unknown> | undefined, k: string) =>
  o !== undefined &&
  o[k] !== undefined &&
  o[k] !== null &&
  !(Array.isArray(o[k]) && (o[k] as unknown[]).length === 0);

/** What the provider checks only at apply time, and what it silently drops. */
function applyTimeRules(body: Record<string, unknown>, errors: string[]): void {
  const hasCluster = typeof body.cluster === "string" && body.cluster !== "";
  const hasZones = Array.isArray(body.zones) && body.zones.length > 0;
  if (hasCluster === hasZones) errors.push("exactly one of cluster and zones is needed");
  const cpn = one(one(body.control_plane)?.network);
  const backing = one(cpn?.backing);
  if (!has(backing, "network") === !has(backing, "segments"))
    errors.push("control_plane.network.backing: exactly one of network and segments");
  if (has(cpn, "proxy"))
    errors.push(
      "control_plane.network.proxy is not sent by this library (CLUSTER_CONFIGURED always fails in 2.16.x)",
    );
  const wl = one(body.workloads);
  const wn = one(wl?.network);
  const nets = ["vsphere", "nsx", "nsx_vpc"].filter((k) => has(wn, k));
  if (nets.length !== 1 || nets[0] !== "vsphere")
    errors.push("workloads.network: exactly the vsphere block (HAProxy needs VSPHERE networking)");
  const edge = one(wl?.edge);
  const lbs = ["foundation", "haproxy", "nsx", "nsx_advanced"].filter((k) => has(edge, k));
  // helper:268-300: at most one load balancer block; VSPHERE networking takes HAProxy or Foundation.
  if (lbs.length !== 1 || !["haproxy", "foundation"].includes(lbs[0]))
    errors.push("workloads.edge: exactly one of the haproxy and foundation blocks");
  if (!has(edge, "lb_address_range"))
    errors.push("workloads.edge.lb_address_range: the load balancer needs at least one range");
  for (const dropped of ["images", "storage"]) {
    if (has(wl, dropped)) errors.push(`workloads.${dropped} is silently dropped by 2.16.x: must not be sent`);
  }
  for (const [where, ipm] of [
    ["control_plane.network", one(cpn?.ip_management)],
    ["workloads.network", one(wn?.ip_management)],
  ] as const) {
    if (!ipm) continue;
    if (ipm.dhcp_enabled === undefined)
      errors.push(`${where}.ip_management.dhcp_enabled must be given (false is sent otherwise)`);
    const assigns = (Array.isArray(ipm.ip_assignment) ? ipm.ip_assignment : [ipm.ip_assignment]) as Record<
      string,
      unknown
    >[];
    assigns.forEach((a, i) => {
      if (!has(a, "assignee"))
        errors.push(
          `${where}.ip_management.ip_assignment[${i}].assignee must be given ("" is sent otherwise)`,
        );
    });
  }
}

/** Every problem of a `vsphere_supervisor_v2` body (empty when it conforms). */
export function supervisorV2Problems(body: Record<string, unknown>): string[] {
  const errors: string[] = [];
  validateBlock("", body, schema, errors, true);
  applyTimeRules(body, errors);
  return errors;
}
