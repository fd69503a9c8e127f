/**
 * The site configuration file: one JSON file describes one site (one stack). Its shape is checked strictly
 * (an unknown or misspelt key is an error, CFG-01; a missing or mistyped value is CFG-02); its addresses are
 * checked by the constructs with the catalogue's rule ids. The file's text is read by `./site-json` (syntax errors
 * with line and column, a key given twice is CFG-06), and every CFG problem names its line.
 */
import * as fs from "fs";
import * as path from "path";
// The modules themselves, not the package index: `check` reads site files without loading cdktf.
import { HaproxyOva } from "../lib/constructs/haproxy-sources";
import { Severity } from "../lib/model/diagnostics";
import { SiteRule, SiteRules } from "../lib/rules/site-rules";
import { acknowledgementProblem } from "../lib/constructs/acknowledgements";
import { nearestName } from "../lib/model/nearest-name";
import { parseCidr, quote, quoteShort } from "../lib/model/ip";
import {
  maxVipPrefixProblem,
  portGroupNamePatternProblem,
  siteRuleListProblems,
  vlanRangeProblem,
} from "../lib/rules/site-rules";
import { decodeSiteFile, isSyntaxProblem, ParsedSiteJson, parseSiteJson } from "./site-json";

/** A port group in the site file. */
export interface PortGroupConfig {
  readonly name: string;
  readonly vlanId?: number;
  readonly cidr: string;
  readonly gateway: string;
  /** Look the port group up by name (a `vsphere_network` data source) instead of creating it. */
  readonly existing?: boolean;
}

/** A workload network in the site file. */
export interface WorkloadNetworkConfig {
  readonly name: string;
  readonly portGroup: PortGroupConfig;
  readonly addressRanges: string[];
}

/** A warning accepted on purpose, in the site file. */
export interface AcknowledgementConfig {
  readonly rule: string;
  readonly reason: string;
}

/** A rule of the site's own, in the site file: an id of the site's namespace and exactly one check. */
export interface SiteRuleConfig {
  readonly id: string;
  readonly severity?: "error" | "warn";
  /** VIP CIDRs at most this prefix's size (e.g. 26). */
  readonly maxVipPrefix?: number;
  /** Lowest and highest VLAN id of created port groups. */
  readonly vlanRange?: number[];
  /** A regular expression every created port group's name matches (e.g. "^tkg-"). */
  readonly portGroupNamePattern?: string;
  /** CIDRs that every subnet and VIP CIDR lies inside. */
  readonly allowedSubnets?: string[];
}

/** The Supervisor, in the site file: enabled in a second stack, `<stackName>-supervisor`. */
export interface SupervisorConfig {
  readonly name: string;
  /** "terraform" (vsphere_supervisor_v2, vSphere 8.0.2+) or "request-body" (vSphere 7: the report writes it). */
  readonly enablement?: "terraform" | "request-body";
  /** The control plane's storage policy, looked up by name. */
  readonly storagePolicy: string;
  readonly controlPlaneSize?: "TINY" | "SMALL" | "MEDIUM" | "LARGE";
  readonly controlPlaneCount?: number;
  /** DNS servers of the control plane (the wizard's Management Network page): IPv4 addresses. */
  readonly dnsServers: string[];
  /** DNS servers of the nodes on the primary workload network (its wizard page); default the `dnsServers`. */
  readonly workloadDnsServers?: string[];
  readonly dnsSearchDomains?: string[];
  readonly ntpServers: string[];
  readonly serviceCidr?: string;
  readonly apiServerDnsNames?: string[];
  /** "prevent" (default) or "allow" replacement and destroy. */
  readonly protection?: "prevent" | "allow";
}

/** The whole site file. */
export interface SiteConfig {
  readonly supervisor?: SupervisorConfig;
  readonly acknowledge?: AcknowledgementConfig[];
  readonly siteRules?: SiteRuleConfig[];
  readonly stackName: string;
  readonly description?: string;
  readonly vsphere: {
    readonly datacenter: string;
    readonly cluster: string;
    readonly datastore: string;
    readonly distributedSwitch: string;
    /** The ESXi host the appliance is deployed on, by name (provider 2.5.1 needs one for OVF deploys, HAP-09). */
    readonly host: string;
    readonly folder?: string;
    readonly providerVersion?: string;
  };
  readonly managementNetwork: PortGroupConfig;
  readonly supervisorManagementStartIp?: string;
  readonly primaryWorkloadNetwork: WorkloadNetworkConfig;
  readonly workloadNetworks?: WorkloadNetworkConfig[];
  readonly frontendNetwork?: PortGroupConfig;
  readonly haproxy: {
    readonly mode: "default" | "frontend";
    readonly name?: string;
    readonly managementIp: string;
    readonly workloadIp: string;
    readonly frontendIp?: string;
    readonly workloadNetwork?: string;
    readonly virtualIpCidrs: string[];
    readonly nameservers?: string[];
    readonly hostname?: string;
    readonly dataplanePort?: number;
    readonly dataplaneUser?: string;
    readonly readinessCheck?: boolean;
    readonly healthCheck?: boolean;
    readonly ova?: OvaConfig;
  };
}

/**
 * Where the appliance's OVA comes from, in the site file (`haproxy.ova`): exactly one of an `http(s)` URL (a
 * mirror) or a path on the machine that runs Terraform (sites without internet access), and the release it is.
 */
export interface OvaConfig {
  readonly url?: string;
  /** Relative to the site file's folder; made absolute when the file is loaded. */
  readonly localPath?: string;
  /** The appliance release of that file. Default: the latest the construct knows. */
  readonly version?: string;
}

type Shape =
  | "string"
  | "number"
  | "boolean"
  | "string[]"
  | "number[]"
  | { readonly enum: readonly string[] }
  | { readonly fields: Readonly<Record<string, Field>> }
  | { readonly list: Shape };
interface Field {
  readonly shape: Shape;
  readonly optional?: boolean;
}

const req = (shape: Shape): Field => ({ shape });
const opt = (shape: Shape): Field => ({ shape, optional: true });

const PORT_GROUP: Shape = {
  fields: {
    name: req("string"),
    vlanId: opt("number"),
    cidr: req("string"),
    gateway: req("string"),
    existing: opt("boolean"),
  },
};
const WORKLOAD: Shape = {
  fields: { name: req("string"), portGroup: req(PORT_GROUP), addressRanges: req("string[]") },
};
const SITE: Shape = {
  fields: {
    $schema: opt("string"),
    acknowledge: opt({ list: { fields: { rule: req("string"), reason: req("string") } } }),
    supervisor: opt({
      fields: {
        name: req("string"),
        enablement: opt({ enum: ["terraform", "request-body"] }),
        storagePolicy: req("string"),
        controlPlaneSize: opt({ enum: ["TINY", "SMALL", "MEDIUM", "LARGE"] }),
        controlPlaneCount: opt("number"),
        dnsServers: req("string[]"),
        workloadDnsServers: opt("string[]"),
        dnsSearchDomains: opt("string[]"),
        ntpServers: req("string[]"),
        serviceCidr: opt("string"),
        apiServerDnsNames: opt("string[]"),
        protection: opt({ enum: ["prevent", "allow"] }),
      },
    }),
    siteRules: opt({
      list: {
        fields: {
          id: req("string"),
          severity: opt({ enum: ["error", "warn"] }),
          maxVipPrefix: opt("number"),
          vlanRange: opt("number[]"),
          portGroupNamePattern: opt("string"),
          allowedSubnets: opt("string[]"),
        },
      },
    }),
    stackName: req("string"),
    description: opt("string"),
    vsphere: req({
      fields: {
        datacenter: req("string"),
        cluster: req("string"),
        datastore: req("string"),
        distributedSwitch: req("string"),
        host: req("string"),
        folder: opt("string"),
        providerVersion: opt("string"),
      },
    }),
    managementNetwork: req(PORT_GROUP),
    supervisorManagementStartIp: opt("string"),
    primaryWorkloadNetwork: req(WORKLOAD),
    workloadNetworks: opt({ list: WORKLOAD }),
    frontendNetwork: opt(PORT_GROUP),
    haproxy: req({
      fields: {
        mode: req({ enum: ["default", "frontend"] }),
        name: opt("string"),
        managementIp: req("string"),
        workloadIp: req("string"),
        frontendIp: opt("string"),
        workloadNetwork: opt("string"),
        virtualIpCidrs: req("string[]"),
        nameservers: opt("string[]"),
        hostname: opt("string"),
        dataplanePort: opt("number"),
        dataplaneUser: opt("string"),
        readinessCheck: opt("boolean"),
        healthCheck: opt("boolean"),
        ova: opt({
          fields: {
            url: opt("string"),
            localPath: opt("string"),
            version: opt({ enum: HaproxyOva.KNOWN_VERSIONS }),
          },
        }),
      },
    }),
  },
};

/**
 * A site file that cannot be used, with every problem found. `unreadable` is true for a file that cannot be read
 * or is not JSON (the app exits 2 for it, as for a usage error); false for a file whose content is wrong (exit 1).
 */
export class SiteConfigError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: string[],
    public readonly unreadable: boolean = false,
    heading: string = `${file}: the site configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
  ) {
    super(`${heading}:\n  ${problems.join("\n  ")}`);
    this.name = "SiteConfigError";
  }
}

function describeShape(shape: Shape): string {
  if (shape === "string[]") return "a list of strings";
  if (shape === "number[]") return "a list of numbers";
  if (typeof shape === "string") return `a ${shape}`;
  if ("enum" in shape) return `one of ${shape.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  if ("list" in shape) return "a list";
  return "an object";
}

/** Keys of earlier releases and their names now: CIDR blocks are `…Cidrs`, `first-last` ranges `…Ranges`. */
const RENAMED_KEYS: Readonly<Record<string, string>> = { virtualIpRanges: "virtualIpCidrs" };

/** A value as a message quotes it: JSON of at most 80 characters. */
const shown = (value: unknown): string => quoteShort(value);

/** What a JSON value is, in words: a list, a string, … */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function checkShape(value: unknown, shape: Shape, at: string, out: string[]): void {
  const wrong = () =>
    out.push(
      at === ""
        ? `CFG-02 (line 1): the file must hold one JSON object, it holds ${kindOf(value)}. Put the site's keys in one { … }.`
        : typeof value === "number" && !Number.isFinite(value)
          ? `CFG-02 ${at}: the number is too large (beyond ±1.8e308, JSON reads it as infinity); it must be ${describeShape(shape)} of the range the key takes.`
          : `CFG-02 ${at}: ${shown(value)} is not ${describeShape(shape)}.`,
    );
  if (shape === "string" || shape === "number" || shape === "boolean") {
    if (typeof value !== shape || (shape === "number" && !Number.isFinite(value))) wrong();
    return;
  }
  if (shape === "string[]" || shape === "number[]") {
    const item = shape === "string[]" ? "string" : "number";
    if (!Array.isArray(value) || value.some((v) => typeof v !== item)) wrong();
    return;
  }
  if ("enum" in shape) {
    if (typeof value !== "string" || !shape.enum.includes(value)) wrong();
    return;
  }
  if ("list" in shape) {
    if (!Array.isArray(value)) {
      wrong();
      return;
    }
    value.forEach((v, i) => checkShape(v, shape.list, `${at}[${i}]`, out));
    return;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    wrong();
    return;
  }
  const obj = value as Record<string, unknown>;
  const known = Object.keys(shape.fields);
  // Keys a CFG-01 line already names as the fix (a misspelt or renamed key): their absence is the same mistake.
  const proposed = new Set<string>();
  for (const key of Object.keys(obj)) {
    const renamed = RENAMED_KEYS[key];
    if (renamed !== undefined && known.includes(renamed)) {
      proposed.add(renamed);
      out.push(
        `CFG-01 ${at ? `${at}.` : ""}${key}: this key is now ${JSON.stringify(renamed)} (the same value).`,
      );
      continue;
    }
    if (!known.includes(key)) {
      const best = nearestName(key, known, 3);
      const hint =
        best !== undefined ? ` Did you mean ${JSON.stringify(best)}?` : ` Known keys: ${known.join(", ")}.`;
      if (best !== undefined) proposed.add(best);
      out.push(`CFG-01 ${at ? `${at}.` : ""}${key}: unknown key ${JSON.stringify(key)}.${hint}`);
    }
  }
  for (const [key, field] of Object.entries(shape.fields)) {
    const child = at ? `${at}.${key}` : key;
    if (obj[key] === undefined) {
      if (!field.optional && !proposed.has(key))
        out.push(`CFG-02 ${child}: missing; it must be ${describeShape(field.shape)}.`);
      continue;
    }
    checkShape(obj[key], field.shape, child, out);
  }
}

const RULE_KINDS = ["maxVipPrefix", "vlanRange", "portGroupNamePattern", "allowedSubnets"] as const;

/** CFG-03: acknowledgements and site rules that cannot be used (after the shape is right). */
function checkRulesAndAcknowledgements(cfg: SiteConfig, out: string[]): void {
  (cfg.acknowledge ?? []).forEach((a, i) => {
    const problem = acknowledgementProblem({ ruleId: a.rule, reason: a.reason });
    if (problem) out.push(`CFG-03 acknowledge[${i}]: ${problem}.`);
  });
  const rules = cfg.siteRules ?? [];
  const idProblems = new Map(siteRuleListProblems(rules.map((r) => r.id)).map((p) => [p.index, p.problem]));
  rules.forEach((r, i) => {
    const at = `siteRules[${i}]`;
    const idProblem = idProblems.get(i);
    if (idProblem) out.push(`CFG-03 ${at}.id: ${idProblem}.`);
    const kinds = RULE_KINDS.filter((k) => r[k] !== undefined);
    if (kinds.length !== 1) {
      out.push(
        `CFG-03 ${at}: give exactly one of ${RULE_KINDS.join(", ")} (found ${kinds.length === 0 ? "none" : kinds.join(", ")}).`,
      );
      return;
    }
    const problems: [string, string | undefined][] = [
      ["maxVipPrefix", r.maxVipPrefix === undefined ? undefined : maxVipPrefixProblem(r.maxVipPrefix)],
      [
        "vlanRange",
        r.vlanRange === undefined
          ? undefined
          : r.vlanRange.length !== 2
            ? `${JSON.stringify(r.vlanRange)} is not [lowest, highest] VLAN ids within 0–4094, e.g. [100, 199]`
            : vlanRangeProblem(r.vlanRange[0], r.vlanRange[1]),
      ],
      [
        "portGroupNamePattern",
        r.portGroupNamePattern === undefined
          ? undefined
          : portGroupNamePatternProblem(r.portGroupNamePattern),
      ],
      ...(r.allowedSubnets ?? []).map((c, j): [string, string | undefined] => {
        const parsed = parseCidr(c);
        return [`allowedSubnets[${j}]`, parsed.ok ? undefined : `${quote(c)} ${parsed.reason}`];
      }),
    ];
    for (const [key, problem] of problems) {
      if (problem !== undefined) out.push(`CFG-03 ${at}.${key}: ${problem}.`);
    }
  });
}

/** The site file's own rules as the engine takes them. */
export function siteRulesOf(cfg: SiteConfig): SiteRule[] {
  return (cfg.siteRules ?? []).map((r) => {
    const severity = r.severity === "warn" ? Severity.WARN : Severity.ERROR;
    if (r.maxVipPrefix !== undefined) return SiteRules.maxVipPrefix(r.id, r.maxVipPrefix, severity);
    if (r.vlanRange !== undefined) return SiteRules.vlanRange(r.id, r.vlanRange[0], r.vlanRange[1], severity);
    if (r.portGroupNamePattern !== undefined)
      return SiteRules.portGroupNamePattern(r.id, r.portGroupNamePattern, severity);
    return SiteRules.allowedSubnets(r.id, r.allowedSubnets ?? [], severity);
  });
}

/** vSphere inventory names (port groups, VM, datacenter, cluster, …): at most 80 characters. */
const INVENTORY_NAME_MAX = 80;
/** A stack name becomes a folder and a Terraform state file name. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
/** An RFC 1123 host name or FQDN. */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** Every other string: addresses, CIDRs, ranges, keys. Longer ones are not what any key takes. */
const STRING_MAX = 255;
const DESCRIPTION_MAX = 2000;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** CFG-04: every string within the limits vSphere and the tools put on it (checked before anything else runs). */
function checkLimits(cfg: SiteConfig, out: string[]): void {
  const walk = (value: unknown, at: string) => {
    if (typeof value === "string") {
      const max = at === "description" ? DESCRIPTION_MAX : STRING_MAX;
      if (value.length > max) {
        out.push(`CFG-04 ${at}: ${value.length} characters; at most ${max}. Shorten it.`);
      } else if (hasControlCharacter(value) && at !== "description") {
        out.push(`CFG-04 ${at}: ${JSON.stringify(value)} holds a control character. Remove it.`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${at}[${i}]`));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
    }
  };
  walk(cfg, "");
  if (!STACK_NAME.test(cfg.stackName)) {
    out.push(
      `CFG-04 stackName: ${JSON.stringify(cfg.stackName.slice(0, 80))} is not a stack name: 1–63 letters, digits, "-" or "_", starting with a letter (it names a folder and a state file), e.g. "site-a".`,
    );
  }
  const names: [string, string | undefined][] = [
    ["vsphere.datacenter", cfg.vsphere.datacenter],
    ["vsphere.cluster", cfg.vsphere.cluster],
    ["vsphere.datastore", cfg.vsphere.datastore],
    ["vsphere.distributedSwitch", cfg.vsphere.distributedSwitch],
    ["vsphere.host", cfg.vsphere.host],
    ["haproxy.name", cfg.haproxy.name],
    ["managementNetwork.name", cfg.managementNetwork.name],
    ["primaryWorkloadNetwork.portGroup.name", cfg.primaryWorkloadNetwork.portGroup.name],
    ...(cfg.workloadNetworks ?? []).map((w, i): [string, string] => [
      `workloadNetworks[${i}].portGroup.name`,
      w.portGroup.name,
    ]),
    ["frontendNetwork.name", cfg.frontendNetwork?.name],
    ["supervisor.storagePolicy", cfg.supervisor?.storagePolicy],
  ];
  for (const [at, name] of names) {
    if (name !== undefined && (name.trim().length === 0 || name.length > INVENTORY_NAME_MAX)) {
      out.push(
        `CFG-04 ${at}: ${JSON.stringify(name.slice(0, 90))} is not a vSphere inventory name: 1–${INVENTORY_NAME_MAX} characters.`,
      );
    }
  }
  const hostname = cfg.haproxy.hostname;
  if (hostname !== undefined && !HOST_NAME.test(hostname)) {
    out.push(
      `CFG-04 haproxy.hostname: ${JSON.stringify(hostname.slice(0, 90))} is not a host name or FQDN (RFC 1123: labels of letters, digits and "-", each 1–63 characters), e.g. "haproxy.example.com".`,
    );
  }
  const lists: [string, unknown[] | undefined, number][] = [
    ["workloadNetworks", cfg.workloadNetworks, 1000],
    ["primaryWorkloadNetwork.addressRanges", cfg.primaryWorkloadNetwork.addressRanges, 100],
    ...(cfg.workloadNetworks ?? []).map((w, i): [string, unknown[], number] => [
      `workloadNetworks[${i}].addressRanges`,
      w.addressRanges,
      100,
    ]),
    ["haproxy.virtualIpCidrs", cfg.haproxy.virtualIpCidrs, 64],
    ["haproxy.nameservers", cfg.haproxy.nameservers, 16],
    ["acknowledge", cfg.acknowledge, 100],
    ["siteRules", cfg.siteRules, 100],
  ];
  for (const [at, list, max] of lists) {
    if (list && list.length > max) {
      out.push(`CFG-04 ${at}: ${list.length} entries; at most ${max}.`);
    }
  }
  // supervisor.controlPlaneCount is the engine's SUP-05, the same rule as from TypeScript.
}

/** Check a parsed site file's shape; returns the problems (empty when usable). */
export function checkSiteConfig(value: unknown): string[] {
  const out: string[] = [];
  checkShape(value, SITE, "", out);
  if (out.length === 0) {
    checkLimits(value as SiteConfig, out);
  }
  if (out.length === 0) {
    checkRulesAndAcknowledgements(value as SiteConfig, out);
  }
  return out;
}

/** `CFG-02 vsphere.datastore: …` → `CFG-02 vsphere.datastore (line 3): …`, from the file's places. */
function withLine(problem: string, parsed: ParsedSiteJson): string {
  const m = /^(CFG-\d\d) ([^\s:]+): /.exec(problem);
  if (!m) return problem;
  const line = parsed.lineOf(m[2]);
  const parent = line === undefined ? parsed.parentLineOf(m[2]) : undefined;
  const where =
    line !== undefined ? `line ${line}` : parent !== undefined ? `in the object at line ${parent}` : "";
  return where ? `${m[1]} ${m[2]} (${where}): ${problem.slice(m[0].length)}` : problem;
}

/** Why a file cannot be read, by Node's error code. */
const CANNOT_READ: Readonly<Record<string, string>> = {
  ENOENT: "there is no such file",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
};

/** Read and check one site file. */
export function loadSiteConfig(file: string): SiteConfig {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new SiteConfigError(
      file,
      [`${CANNOT_READ[code] ?? code}. Give the path of a site JSON file (a copy of one in stacks/sites/).`],
      true,
      `The site file ${file} cannot be read`,
    );
  }
  const decoded = decodeSiteFile(bytes);
  if ("syntax" in decoded) {
    throw new SiteConfigError(file, decoded.syntax, true, `The site file ${file} is not UTF-8 text`);
  }
  const parsed = parseSiteJson(decoded.text);
  if (isSyntaxProblem(parsed)) {
    throw new SiteConfigError(file, parsed.syntax, true, `The site file ${file} is not valid JSON`);
  }
  const problems = [...parsed.duplicates, ...checkSiteConfig(parsed.value).map((p) => withLine(p, parsed))];
  if (problems.length === 0) {
    problems.push(
      ...checkOvaLocation(parsed.value as SiteConfig, path.dirname(file)).map((p) => withLine(p, parsed)),
    );
  }
  if (problems.length > 0) {
    throw new SiteConfigError(file, problems);
  }
  const config = withAbsoluteOvaPath(parsed.value as SiteConfig, path.dirname(file));
  placesOf.set(config, parsed);
  return config;
}

/** The places of each loaded site file's keys, for problems found across files (CFG-05). */
const placesOf = new WeakMap<SiteConfig, ParsedSiteJson>();

/** A `CFG-0x <JSON path>: …` problem of a loaded site file with its line, as the problems found at load have. */
export function withLineOf(config: SiteConfig, problem: string): string {
  const parsed = placesOf.get(config);
  return parsed ? withLine(problem, parsed) : problem;
}

/**
 * `haproxy.ova`: exactly one of `url` (http or https: the machine that runs Terraform downloads it, provider
 * `ovf_deploy.remote_ovf_url`) or `localPath` (a file there, `ovf_deploy.local_ovf_path`), which must exist.
 */
export function checkOvaLocation(cfg: SiteConfig, siteDir: string): string[] {
  const ova = cfg.haproxy.ova;
  if (ova === undefined) return [];
  if ((ova.url === undefined) === (ova.localPath === undefined)) {
    return [
      `CFG-02 haproxy.ova: give exactly one of "url" (an http or https URL of the OVA) or "localPath" (the OVA on the machine that runs Terraform)${ova.url !== undefined ? "; both are given" : ""}.`,
    ];
  }
  if (ova.url !== undefined) {
    let protocol = "";
    try {
      protocol = new URL(ova.url).protocol;
    } catch {
      // not a URL
    }
    return protocol === "http:" || protocol === "https:"
      ? []
      : [
          `CFG-04 haproxy.ova.url: ${JSON.stringify(ova.url)} is not an http or https URL, e.g. "https://mirror.example.com/haproxy-v0.2.0.ova". For a file on this machine use "localPath".`,
        ];
  }
  const file = path.resolve(siteDir, ova.localPath!);
  return fs.existsSync(file) && fs.statSync(file).isFile()
    ? []
    : [
        `CFG-04 haproxy.ova.localPath: no file at ${JSON.stringify(ova.localPath)} (${file}). Give the path of the downloaded OVA, relative to the site file's folder or absolute.`,
      ];
}

/** The site with `haproxy.ova.localPath` absolute: Terraform runs in the stack's folder, not the site file's. */
function withAbsoluteOvaPath(cfg: SiteConfig, siteDir: string): SiteConfig {
  const ova = cfg.haproxy.ova;
  if (ova?.localPath === undefined) return cfg;
  return {
    ...cfg,
    haproxy: { ...cfg.haproxy, ova: { ...ova, localPath: path.resolve(siteDir, ova.localPath) } },
  };
}

/** The built-in sites: the seed page's four topologies. */
export const BUILT_IN_SITES_DIR = fs.existsSync(path.join(__dirname, "sites"))
  ? path.join(__dirname, "sites")
  : // Compiled into dist/stacks (the benchmark): the JSON files stay in the sources.
    path.join(__dirname, "..", "..", "stacks", "sites");

/** Paths of the built-in site files, T1 to T4. */
export function builtInSiteFiles(): string[] {
  return fs
    .readdirSync(BUILT_IN_SITES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(BUILT_IN_SITES_DIR, f));
}
