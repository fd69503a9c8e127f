/**
 * The site configuration file: one JSON file describes one site (one stack). Its shape is the zod schema of
 * `./site-schema` (an unknown or misspelt key is CFG-01, a missing or mistyped value CFG-02, worded in
 * `./site-shape`); its strings' limits are CFG-04 and its acknowledgements and site rules CFG-03, here; its
 * addresses are checked by the constructs with the catalogue's rule ids. The file's text is read by `./site-json`
 * (syntax errors with line and column, a key given twice is CFG-06), and every CFG problem names its line.
 */
import * as fs from "fs";
import * as path from "path";
import { acknowledgementProblem } from "../constructs/acknowledgements";
import { Severity } from "../model/diagnostics";
import { parseCidr, quote } from "../model/ip";
import {
  maxVipPrefixProblem,
  portGroupNamePatternProblem,
  SiteRule,
  siteRuleListProblems,
  SiteRules,
  vlanRangeProblem,
} from "../rules/site-rules";
import { pgSchemaProblem, workspaceProblem } from "../model/state-store-names";
import { MAX_INTERFACE_RANGES } from "../rules/foundation-context";
import { decodeSiteFile, isSyntaxProblem, ParsedSiteJson, parseSiteJson } from "./site-json";
import {
  ExistingHaproxyConfig,
  FoundationLoadBalancerConfig,
  PortGroupConfig,
  SiteConfig,
} from "./site-schema";
import { shapeProblems } from "./site-shape";

export type {
  AcknowledgementConfig,
  BackendConfig,
  ExistingHaproxyConfig,
  FoundationLoadBalancerConfig,
  OvaConfig,
  PortGroupConfig,
  SiteConfig,
  SiteRuleConfig,
  SupervisorConfig,
  WorkloadNetworkConfig,
} from "./site-schema";

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

/**
 * A Terraform variable name: a letter or `_`, then letters, digits, `_` and `-` (hashicorp/terraform v1.11.4
 * `internal/configs/named_values.go` lines 21 and 72, `hclsyntax.ValidIdentifier`, here in ASCII), and none of the
 * names reserved for module blocks (same file lines 84-107; `internal/configs/module_call.go` lines 263-288).
 */
const TERRAFORM_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED_VARIABLE_NAMES = [
  "source",
  "version",
  "count",
  "for_each",
  "depends_on",
  "providers",
  "_",
  "lifecycle",
  "locals",
  "provider",
];

/** Why `name` cannot name a Terraform variable (with a name that can), or undefined when it can. */
export function terraformVariableNameProblem(name: string): string | undefined {
  if (TERRAFORM_IDENTIFIER.test(name) && !RESERVED_VARIABLE_NAMES.includes(name)) return undefined;
  let fixed = name.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  if (!/^[A-Za-z_]/.test(fixed)) fixed = `dataplane_${fixed}`;
  if (RESERVED_VARIABLE_NAMES.includes(fixed) || fixed === "dataplane_") fixed = "dataplane_password";
  const why = RESERVED_VARIABLE_NAMES.includes(name)
    ? "is a name Terraform reserves for module blocks"
    : 'is not a Terraform variable name (a letter or "_", then letters, digits, "_" and "-")';
  return `${JSON.stringify(name.slice(0, 80))} ${why}; the Supervisor's stack reads the password from TF_VAR_<name>. Use e.g. ${JSON.stringify(fixed)}.`;
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
    ["haproxy.name", cfg.haproxy?.name],
    ["supervisor.loadBalancer.storagePolicy", foundationOf(cfg)?.storagePolicy],
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
  const variable = existingHaproxyOf(cfg)?.passwordVariable;
  if (variable !== undefined) {
    const problem = terraformVariableNameProblem(variable);
    if (problem) out.push(`CFG-04 supervisor.loadBalancer.passwordVariable: ${problem}`);
  }
  const hostname = cfg.haproxy?.hostname;
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
    ["haproxy.virtualIpCidrs", cfg.haproxy?.virtualIpCidrs, 64],
    ["haproxy.nameservers", cfg.haproxy?.nameservers, 16],
    ["supervisor.loadBalancer.virtualIpCidrs", cfg.supervisor?.loadBalancer?.virtualIpCidrs, 64],
    ["supervisor.loadBalancer.servers", existingHaproxyOf(cfg)?.servers, 16],
    ["supervisor.loadBalancer.interfaces", foundationOf(cfg)?.interfaces, 16],
    // As a workload network's ranges; VFL-06 from TypeScript.
    ...(foundationOf(cfg)?.interfaces ?? []).map((itf, i): [string, unknown[], number] => [
      `supervisor.loadBalancer.interfaces[${i}].addressRanges`,
      itf.addressRanges,
      MAX_INTERFACE_RANGES,
    ]),
    ["supervisor.zones", cfg.supervisor?.zones, 16],
    ["acknowledge", cfg.acknowledge, 100],
    ["siteRules", cfg.siteRules, 100],
  ];
  for (const [at, list, max] of lists) {
    if (list && list.length > max) {
      out.push(`CFG-04 ${at}: ${list.length} entries; at most ${max}.`);
    }
  }
  // supervisor.controlPlaneCount is the engine's SUP-05, the same rule as from TypeScript.
  out.push(...backendNameProblems(cfg));
}

/** The stacks a site file makes: its own, and its Supervisor's unless that is written as a request body. */
export function stackNamesOf(cfg: SiteConfig): string[] {
  return cfg.supervisor && cfg.supervisor.enablement !== "request-body"
    ? [cfg.stackName, `${cfg.stackName}-supervisor`]
    : [cfg.stackName];
}

/** CFG-04: every stack's place in the store is a name the store keeps (a PostgreSQL schema, a workspace). */
function backendNameProblems(cfg: SiteConfig): string[] {
  const b = cfg.backend;
  const problems = stackNamesOf(cfg).map((stack) =>
    b?.type === "pg"
      ? pgSchemaProblem(`${b.schemaPrefix ?? ""}${stack}`, b.schemaPrefix ?? "", "backend.schemaPrefix")
      : b?.type === "cloud"
        ? workspaceProblem(`${b.workspacePrefix ?? ""}${stack}`, "backend.workspacePrefix")
        : undefined,
  );
  return problems.filter((p): p is string => p !== undefined).slice(0, 1);
}

/**
 * The construct id of a site's load balancer other than the appliance, in its stack (`<stackName>/load-balancer`,
 * `./site-load-balancer`): its findings are written under `supervisor.loadBalancer` in the site file.
 */
export const SITE_LOAD_BALANCER_ID = "load-balancer";

/** The site's existing HAProxy, when `supervisor.loadBalancer` is one. */
export function existingHaproxyOf(cfg: SiteConfig): ExistingHaproxyConfig | undefined {
  const lb = cfg.supervisor?.loadBalancer;
  return lb?.type === "existing-haproxy" ? lb : undefined;
}

/** The site's vSphere Foundation Load Balancer, when `supervisor.loadBalancer` is one. */
export function foundationOf(cfg: SiteConfig): FoundationLoadBalancerConfig | undefined {
  const lb = cfg.supervisor?.loadBalancer;
  return lb?.type === "vsphere-foundation" ? lb : undefined;
}

/** Check a parsed site file's shape; returns the problems (empty when usable). */
export function checkSiteConfig(value: unknown): string[] {
  const out = shapeProblems(value);
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
      [
        `${CANNOT_READ[code] ?? code}. Give the path of a site JSON file (a copy of an example: stacks/sites/ in this repository, node_modules/tanzu-haproxy-network/stacks/sites/ where the package is installed, or "tanzu-haproxy-network plan").`,
      ],
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
      ...[
        ...checkOvaLocation(parsed.value as SiteConfig, path.dirname(file)),
        ...checkCertificateFiles(parsed.value as SiteConfig, path.dirname(file)),
      ].map((p) => withLine(p, parsed)),
    );
  }
  if (problems.length > 0) {
    throw new SiteConfigError(file, problems);
  }
  const config = withAbsoluteCertificateFiles(
    withAbsoluteOvaPath(parsed.value as SiteConfig, path.dirname(file)),
    path.dirname(file),
  );
  placesOf.set(config, parsed);
  return config;
}

/** The places of each loaded site file's keys, for problems found across files (CFG-05). */
const placesOf = new WeakMap<SiteConfig, ParsedSiteJson>();

/**
 * The 1-based line of a JSON path of a loaded site file, or (for a key the file does not have, e.g. a default) the
 * line of the object it would be in; undefined for a site that was not loaded from a file.
 */
export function siteLineOf(config: SiteConfig, jsonPath: string): number | undefined {
  const parsed = placesOf.get(config);
  return parsed && (parsed.lineOf(jsonPath) ?? parsed.parentLineOf(jsonPath));
}

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
  const ova = cfg.haproxy?.ova;
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
  const ova = cfg.haproxy?.ova;
  if (cfg.haproxy === undefined || ova?.localPath === undefined) return cfg;
  return {
    ...cfg,
    haproxy: { ...cfg.haproxy, ova: { ...ova, localPath: path.resolve(siteDir, ova.localPath) } },
  };
}

/** The PEM files a site file names: the existing HAProxy's CA, the Foundation syslog endpoint's CA. */
function certificateFiles(cfg: SiteConfig): { at: string; file: string }[] {
  const haproxyCa = existingHaproxyOf(cfg)?.caCertificateFile;
  const syslogCa = foundationOf(cfg)?.syslog?.caCertificateFile;
  return [
    ...(haproxyCa === undefined
      ? []
      : [{ at: "supervisor.loadBalancer.caCertificateFile", file: haproxyCa }]),
    ...(syslogCa === undefined
      ? []
      : [{ at: "supervisor.loadBalancer.syslog.caCertificateFile", file: syslogCa }]),
  ];
}

/** The PEM block that a CA certificate file starts with (RFC 7468 section 5.1). */
const PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

/**
 * CFG-04: every CA certificate file the site file names is there (relative to the site file's folder or
 * absolute) and holds a PEM certificate, checked at load like `haproxy.ova.localPath`.
 */
export function checkCertificateFiles(cfg: SiteConfig, siteDir: string): string[] {
  return certificateFiles(cfg).flatMap(({ at, file }) => {
    const absolute = path.resolve(siteDir, file);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) {
      return [
        `CFG-04 ${at}: no file at ${JSON.stringify(file)} (${absolute}). Give the path of the CA certificate's PEM file, relative to the site file's folder or absolute.`,
      ];
    }
    return fs.readFileSync(absolute, "utf8").includes(PEM_CERTIFICATE)
      ? []
      : [
          `CFG-04 ${at}: ${JSON.stringify(file)} holds no PEM certificate (no "${PEM_CERTIFICATE}" line). Give the CA certificate in PEM form (openssl x509 -in ca.der -inform der -out ca.pem).`,
        ];
  });
}

/** The site with its certificate files absolute: the stacks read them, from wherever the app runs. */
function withAbsoluteCertificateFiles(cfg: SiteConfig, siteDir: string): SiteConfig {
  const lb = cfg.supervisor?.loadBalancer;
  if (cfg.supervisor === undefined || lb === undefined) return cfg;
  const absolute = (file: string) => path.resolve(siteDir, file);
  const loadBalancer =
    lb.type === "existing-haproxy"
      ? { ...lb, caCertificateFile: absolute(lb.caCertificateFile) }
      : lb.syslog?.caCertificateFile === undefined
        ? lb
        : { ...lb, syslog: { ...lb.syslog, caCertificateFile: absolute(lb.syslog.caCertificateFile) } };
  return { ...cfg, supervisor: { ...cfg.supervisor, loadBalancer } };
}

/** A site file's networks, each port group made into what the caller needs (`portGroup`), in the shape of the network's props. */
export function siteNetworks<T>(config: SiteConfig, portGroup: (pg: PortGroupConfig) => T) {
  return {
    managementNetwork: portGroup(config.managementNetwork),
    supervisorManagementStartIp: config.supervisorManagementStartIp,
    primaryWorkloadNetwork: {
      ...config.primaryWorkloadNetwork,
      portGroup: portGroup(config.primaryWorkloadNetwork.portGroup),
    },
    workloadNetworks: (config.workloadNetworks ?? []).map((w) => ({
      ...w,
      portGroup: portGroup(w.portGroup),
    })),
    frontendNetwork: config.frontendNetwork ? portGroup(config.frontendNetwork) : undefined,
  };
}
