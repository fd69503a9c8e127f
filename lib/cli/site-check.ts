/**
 * `check`: a site file's findings without synthesis. The plan is built from the site file as the app's stacks
 * build it (stacks/topology-stack.ts, stacks/supervisor-stack.ts and the constructs' constructors) and checked by
 * the engine directly, with the same acknowledgements and stale-acknowledgement warnings (ACK-01), so that the
 * findings are the ones a synth of that file reports (test/cli-check.test.ts compares them). No cdktf app, no
 * construct, no provider binding is built.
 */
import { Diagnostic, Severity } from "../model/diagnostics";
import { toDnsLabel } from "../model/names";
import { NIC_PRESERVING_PROVIDER_VERSION } from "../model/provider-release";
import {
  CheckOptions,
  FoundationPersona,
  FoundationPlanProps,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlanProps,
  PortGroupProps,
  SupervisorPlanProps,
} from "../model/plan";
import { HaproxyOva } from "../constructs/haproxy-sources";
import { isAcknowledgeable, RULES } from "../rules/catalogue";
import { checkNetworkPlan, checkWholePlan } from "../rules/engine";
import { SiteRule } from "../rules/site-rules";
import { getAt, proposedFix } from "../rules/suggestions";
import { quote } from "../model/ip";
import * as fs from "fs";
import {
  existingHaproxyOf,
  foundationOf,
  PortGroupConfig,
  SiteConfig,
  siteNetworks,
  siteRulesOf,
} from "../site/site-config";
import { inSiteWords, siteKey, SitePart, SITE_LOAD_BALANCER_ID } from "./site-terms";

/** The appliance's defaults, as `HaproxyLoadBalancer` resolves them (haproxy-load-balancer.ts). */
const DEFAULT_NAMESERVERS = ["1.1.1.1", "1.0.0.1"];
const DEFAULT_DATAPLANE_PORT = 5556;
const DEFAULT_DATAPLANE_USER = "admin";
/** `Supervisor.DEFAULT_SERVICE_CIDR` (supervisor.ts). */
const DEFAULT_SERVICE_CIDR = "10.96.0.0/23";

/** One finding of a site file, in the file's terms. */
export interface SiteFinding {
  /** The rule id, e.g. `VIP-01` (or a site rule's, or ACK-01). */
  readonly id: string;
  readonly severity: Severity;
  /** The site file. */
  readonly file: string;
  /** The JSON path in the site file, e.g. `haproxy.virtualIpCidrs[0]`. */
  readonly path: string;
  /** The 1-based line of that path in the file, when it is there. */
  readonly line?: number;
  /** The value at that path in the file (absent for a key the file does not have). */
  readonly value?: unknown;
  /** What is wrong and how to fix it, in the site file's words. */
  readonly message: string;
  /** The fixes the message proposes, each checked against the whole plan: the value to put at `path`. */
  readonly fixes: { readonly path: string; readonly value: unknown }[];
}

/** The plan a site file describes, as the engine takes it. */
export interface SitePlan {
  readonly network: NetworkPlanProps;
  /** The appliance's props, or those of the load balancer the plan does not deploy (`deployed: false`). */
  readonly haproxy: HaproxyPlanProps;
  /** The vSphere Foundation Load Balancer's interfaces and services, when the site has it. */
  readonly foundation?: FoundationPlanProps;
  /** The Supervisor, when the site file has one. */
  readonly supervisor?: SupervisorPlanProps;
  readonly siteRules: SiteRule[];
  /** Values only known at apply (data source ids): cdktf token text, as the stacks have them. */
  readonly options: CheckOptions;
}

/** A value known only at apply, as cdktf writes it into a string (a data source's id). */
function atApply(n: number): string {
  return `\${TfToken[TOKEN.${n}]}`;
}

/** The plan of a site file, with the defaults the stacks and constructs give. */
export function sitePlan(config: SiteConfig): SitePlan {
  let tokens = 0;
  const existing = new Map<string, string>();
  // topology-stack.ts: an existing port group is a vsphere_network data source, one per name.
  const portGroup = (pg: PortGroupConfig): PortGroupProps => {
    const base = { name: pg.name, vlanId: pg.vlanId, cidr: pg.cidr, gateway: pg.gateway };
    if (!pg.existing) return base;
    if (!existing.has(pg.name)) existing.set(pg.name, atApply(tokens++));
    return { ...base, existingNetworkId: existing.get(pg.name) };
  };
  const network: NetworkPlanProps = siteNetworks(config, portGroup);
  const h = config.haproxy;
  const existing_ = existingHaproxyOf(config);
  const foundationCfg = foundationOf(config);
  let haproxy: HaproxyPlanProps;
  if (h) {
    const ova = h.ova;
    // topology-stack.ts ovaOf, then HaproxyLoadBalancer's default.
    const appliance =
      ova?.url !== undefined
        ? HaproxyOva.fromUrl(ova.url, ova.version)
        : ova?.localPath !== undefined
          ? HaproxyOva.fromLocalPath(ova.localPath, ova.version)
          : HaproxyOva.fromRelease(ova?.version ?? HaproxyOva.LATEST_VERSION);
    haproxy = {
      mode: h.mode === "frontend" ? HaproxyMode.FRONTEND : HaproxyMode.DEFAULT,
      virtualIpCidrs: h.virtualIpCidrs,
      managementIp: h.managementIp,
      workloadIp: h.workloadIp,
      workloadNetworkName: h.workloadNetwork,
      frontendIp: h.frontendIp,
      nameservers: h.nameservers ?? DEFAULT_NAMESERVERS,
      dataplanePort: h.dataplanePort ?? DEFAULT_DATAPLANE_PORT,
      dataplaneUser: h.dataplaneUser ?? DEFAULT_DATAPLANE_USER,
      applianceVersion: appliance.version,
      vsphereProviderVersion: config.vsphere.providerVersion ?? NIC_PRESERVING_PROVIDER_VERSION,
      hostSystemId: atApply(tokens++),
    };
  } else {
    // supervisor-load-balancer.ts existingHaproxyPlanProps and foundation-load-balancer.ts: the VIPs of a load
    // balancer the plan does not deploy; an existing HAProxy's password is a Terraform variable (site-load-balancer.ts).
    const lb = config.supervisor!.loadBalancer!;
    haproxy = {
      deployed: false,
      mode: HaproxyMode.DEFAULT,
      virtualIpCidrs: lb.virtualIpCidrs,
      managementIp: existing_?.servers[0]?.host ?? "",
      workloadIp: "",
      nameservers: [],
      dataplanePort: existing_ ? (existing_.servers[0]?.port ?? DEFAULT_DATAPLANE_PORT) : 0,
      dataplaneUser: existing_?.username ?? "",
      ...(existing_
        ? {
            dataplanePassword: atApply(tokens++),
            existingHaproxy: {
              servers: existing_.servers.map((s) => ({
                host: s.host,
                port: s.port ?? DEFAULT_DATAPLANE_PORT,
              })),
              caCertificatePem: fs.readFileSync(existing_.caCertificateFile, "utf8"),
            },
          }
        : {}),
    };
  }
  const syslogCa = foundationCfg?.syslog?.caCertificateFile;
  const foundation: FoundationPlanProps | undefined = foundationCfg && {
    interfaces: foundationCfg.interfaces.map((i) => ({
      personas: i.personas.map((p) => FoundationPersona[p]),
      portGroup: i.portGroup,
      addressRanges: i.addressRanges,
    })),
    dnsServers: foundationCfg.dnsServers,
    ntpServers: foundationCfg.ntpServers,
    dnsSearchDomains: foundationCfg.dnsSearchDomains,
    syslogEndpoint: foundationCfg.syslog?.endpoint,
    syslogCaPem: syslogCa === undefined ? undefined : fs.readFileSync(syslogCa, "utf8"),
  };
  const s = config.supervisor;
  // supervisor-stack.ts supervisorProps, then the Supervisor's constructor.
  const supervisor: SupervisorPlanProps | undefined = s && {
    name: s.name,
    serviceCidr: s.serviceCidr ?? DEFAULT_SERVICE_CIDR,
    serviceCidrIsDefault: s.serviceCidr === undefined,
    dnsServers: s.dnsServers,
    workloadDnsServers: s.workloadDnsServers,
    ntpServers: s.ntpServers,
    storagePolicy: atApply(tokens++),
    controlPlaneCount: s.controlPlaneCount,
    viaProvider: s.enablement !== "request-body",
    apiServerDnsNames: s.apiServerDnsNames ?? [],
    dnsSearchDomains: s.dnsSearchDomains ?? [],
    networkIdentifiers: [
      { path: "managementNetworkIdentifier", value: "management" },
      h
        ? { path: "haproxy.name", value: toDnsLabel(h.name ?? "haproxy") }
        : { path: "loadBalancer.name", value: toDnsLabel(s.loadBalancer!.name) },
    ],
    zones: s.zones,
    loadBalancerType: h ? "haproxy-appliance" : s.loadBalancer!.type,
  };
  return {
    network,
    haproxy,
    foundation,
    supervisor,
    siteRules: siteRulesOf(config),
    options: { isUnresolved: (v) => typeof v === "string" && v.includes("TfToken[") },
  };
}

/** construct-diagnostics.ts reviseDiagnostics, on plain lists: a later check's message for the same finding. */
function revise(current: Diagnostic[], revised: readonly Diagnostic[]): void {
  current.forEach((d, i) => {
    const r = revised[i];
    if (r && r.ruleId === d.ruleId && r.path === d.path) current[i] = r;
  });
}

/** A finding and the part of the plan it belongs to. */
interface PartFinding {
  readonly part: SitePart;
  readonly diagnostic: Diagnostic;
}

/**
 * Every finding of a site's plan as a synth reports it: the network's, revised by the whole plan's check with the
 * appliance and then with the Supervisor (as each construct revises the earlier ones' when it is built), the
 * appliance's, the Supervisor's; less the acknowledged ones; then ACK-01 for acknowledgements that cover nothing.
 */
export function sitePlanFindings(config: SiteConfig): PartFinding[] {
  const plan = sitePlan(config);
  const options = { ...plan.options, siteRules: plan.siteRules };
  const network = [...checkNetworkPlan(plan.network, options).diagnostics];
  // The appliance, or (supervisor-load-balancer.ts checkUndeployedLoadBalancer) the load balancer it does not deploy.
  const withOptions = { ...options, foundation: plan.foundation };
  const withAppliance = checkWholePlan(plan.network, plan.haproxy, undefined, withOptions);
  revise(network, withAppliance.network);
  const haproxy = [...withAppliance.haproxy, ...withAppliance.foundation];
  let supervisor: Diagnostic[] = [];
  if (plan.supervisor) {
    const whole = checkWholePlan(plan.network, plan.haproxy, plan.supervisor, withOptions);
    revise(network, whole.network);
    revise(haproxy, [...whole.haproxy, ...whole.foundation]);
    supervisor = whole.supervisor;
  }
  // The site file's acknowledgements are on the site's stack: they cover the network and the appliance, and the
  // Supervisor only when it is in that stack ("request-body"); the Supervisor's own stack is another.
  const acks = (config.acknowledge ?? []).map((a) => ({ ruleId: a.rule, reason: a.reason }));
  const supervisorCovered = config.supervisor?.enablement === "request-body";
  const holders: { part: SitePart; path: string; diagnostics: Diagnostic[]; covered: boolean }[] = [
    { part: SitePart.NETWORK, path: `${config.stackName}/network`, diagnostics: network, covered: true },
    config.haproxy
      ? { part: SitePart.HAPROXY, path: `${config.stackName}/haproxy`, diagnostics: haproxy, covered: true }
      : {
          part: SitePart.LOAD_BALANCER,
          path: `${config.stackName}/${SITE_LOAD_BALANCER_ID}`,
          diagnostics: haproxy,
          covered: true,
        },
    {
      part: SitePart.SUPERVISOR,
      path: `${config.stackName}/supervisor`,
      diagnostics: supervisor,
      covered: supervisorCovered,
    },
  ];
  const shown: PartFinding[] = [];
  for (const h of holders) {
    for (const d of h.diagnostics) {
      const hit = h.covered && isAcknowledgeable(d) && acks.some((a) => a.ruleId === d.ruleId);
      if (!hit) shown.push({ part: h.part, diagnostic: d });
    }
  }
  return [
    ...shown,
    ...staleAcknowledgements(
      config,
      acks,
      holders.filter((h) => h.covered),
    ),
  ];
}

/** plan-report-synthesizer.ts finalizeFindings, for the acknowledgements of one stack (the site file's). */
function staleAcknowledgements(
  config: SiteConfig,
  acks: readonly { ruleId: string; reason: string }[],
  holders: readonly { path: string; diagnostics: readonly Diagnostic[] }[],
): PartFinding[] {
  const out: PartFinding[] = [];
  const warn = (index: number, message: string) =>
    out.push({
      part: SitePart.STACK,
      diagnostic: { ruleId: "ACK-01", severity: Severity.WARN, path: `acknowledge[${index}]`, message },
    });
  const matched = new Set<number>();
  for (const h of holders) {
    for (const d of h.diagnostics) {
      const index = acks.findIndex((a) => a.ruleId === d.ruleId);
      if (index < 0) continue;
      matched.add(index);
      if (!isAcknowledgeable(d)) {
        warn(
          index,
          `${d.ruleId} is acknowledged here, but at ${h.path} it is an error, and errors cannot be acknowledged. Fix the plan, and remove the acknowledgement.`,
        );
      }
    }
  }
  const siteRuleIds = new Set((config.siteRules ?? []).map((r) => r.id));
  acks.forEach((ack, i) => {
    const first = acks.findIndex((a) => a.ruleId === ack.ruleId);
    if (first < i) {
      warn(
        i,
        `${ack.ruleId} is acknowledged twice here (also at acknowledge[${first}]); the first one covers it. Remove this one.`,
      );
    } else if (RULES[ack.ruleId] === undefined && !siteRuleIds.has(ack.ruleId)) {
      warn(
        i,
        `${quote(ack.ruleId)} is an unknown rule id: no rule of the catalogue and no site rule of this stack has it, so the acknowledgement covers nothing. Correct the id (docs/rules.md lists the catalogue's), or remove the acknowledgement.`,
      );
    } else if (!matched.has(i)) {
      warn(
        i,
        `${ack.ruleId} is acknowledged here (${quote(ack.reason.trim())}), but no plan under ${config.stackName} has that finding any more. Remove the acknowledgement.`,
      );
    }
  });
  return out;
}

/** The places of a site file's JSON paths. */
export interface SitePlaces {
  /** The file's parsed JSON. */
  readonly value: unknown;
  /** The 1-based line of a JSON path, when the file has it. */
  readonly lineOf: (jsonPath: string) => number | undefined;
}

/** The findings of a loaded site file, in its terms: errors first, then warnings, each in engine order. */
export function siteFindings(file: string, config: SiteConfig, places: SitePlaces): SiteFinding[] {
  const found = sitePlanFindings(config).map(({ part, diagnostic: d }): SiteFinding => {
    const key = siteKey(part, d.path);
    const value = getAt(places.value, key);
    const fix = proposedFix(d.message);
    return {
      id: d.ruleId,
      severity: d.severity,
      file,
      path: key,
      line: places.lineOf(key),
      ...(value === undefined ? {} : { value }),
      message: inSiteWords(d.message),
      fixes: fix === undefined ? [] : [{ path: key, value: fix }],
    };
  });
  return [
    ...found.filter((f) => f.severity === Severity.ERROR),
    ...found.filter((f) => f.severity !== Severity.ERROR),
  ];
}
