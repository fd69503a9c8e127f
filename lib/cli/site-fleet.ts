/**
 * A fleet of site files checked against each other before synthesis: each site file becomes a `FleetSite` (its
 * vCenter, distributed switch, routing domain, network plan and appliance), `checkFleet` runs the FLT rules over
 * all of them, and every finding is worded in the site files' terms: the file, the JSON path, its line and value.
 * Shared by the app (lib/cli/synth-sites.ts) and `check`, so both report the same. Pure: no cdktf.
 */
import * as path from "path";
import { Severity } from "../model/diagnostics";
import { checkFleet } from "../rules/fleet-engine";
import { FleetLoadBalancer, FleetSite } from "../rules/fleet-context";
import { FoundationPersona } from "../model/plan";
import { getAt, proposedFix } from "../rules/suggestions";
import {
  existingHaproxyOf,
  foundationOf,
  SiteConfig,
  SiteConfigError,
  siteLineOf,
  stackNamesOf,
  withLineOf,
} from "../site/site-config";
import { SiteFinding, sitePlan } from "./site-check";
import { inSiteWords, SitePart, siteKey } from "./site-terms";

/** One site file of a run: where it was read from and what it says. */
export interface FleetMember {
  readonly file: string;
  readonly config: SiteConfig;
}

/**
 * How a site without `vsphere.server` names its vCenter when VSPHERE_SERVER is not set either: all such sites of
 * a run are deployed with one environment, so they share the vCenter its VSPHERE_SERVER will name.
 */
export const ENVIRONMENT_VCENTER = "(VSPHERE_SERVER)";

/**
 * The vCenter a site's stacks go to: `vsphere.server`, else VSPHERE_SERVER (what the provider reads when the block
 * has no `vsphere_server`: vmware/terraform-provider-vsphere v2.5.1 vsphere/provider.go 36-41), else
 * {@link ENVIRONMENT_VCENTER}. Compared without regard to case.
 */
export function vcenterOf(config: SiteConfig, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.VSPHERE_SERVER?.trim();
  return config.vsphere.server ?? (fromEnv ? fromEnv : ENVIRONMENT_VCENTER);
}

/**
 * A site file as the cross-site rules see it. Its distributed switch is named with its datacenter
 * (`dc-01/dvs-01`): switch names are unique per datacenter, not per vCenter. Its appliance's VM name is
 * `haproxy.name`, by default the construct id "haproxy".
 */
export function fleetSiteOf(config: SiteConfig, env: NodeJS.ProcessEnv = process.env): FleetSite {
  const plan = sitePlan(config);
  return {
    name: config.stackName,
    vcenter: vcenterOf(config, env),
    distributedSwitch: `${config.vsphere.datacenter}/${config.vsphere.distributedSwitch}`,
    routingDomain: config.routingDomain,
    network: plan.network,
    haproxy: plan.haproxy,
    applianceName: config.haproxy ? (config.haproxy.name ?? "haproxy") : undefined,
    loadBalancer: config.haproxy ? undefined : loadBalancerOf(config),
  };
}

/** The load balancer of a site file without `haproxy`: its VIPs, Foundation interfaces or HAProxy servers. */
function loadBalancerOf(config: SiteConfig): FleetLoadBalancer | undefined {
  const lb = config.supervisor?.loadBalancer;
  if (!lb) return undefined;
  const foundation = foundationOf(config);
  const existing = existingHaproxyOf(config);
  return {
    virtualIpCidrs: lb.virtualIpCidrs,
    ...(foundation
      ? {
          interfaces: foundation.interfaces.map((i) => ({
            personas: i.personas.map((p) => FoundationPersona[p]),
            portGroup: i.portGroup,
            addressRanges: i.addressRanges,
          })),
        }
      : {}),
    ...(existing ? { servers: existing.servers } : {}),
  };
}

/** `sites[1].network.managementNetwork.cidr` → site 1, key `managementNetwork.cidr`. */
const FLEET_PATH =
  /sites\[(\d+)\](?:\.|:)((?:network|haproxy|loadBalancer)(?:\.\w+|\[\d+\])+|applianceName)/g;

/** The FLT rules' TypeScript words, and what a site file says instead. */
const FLEET_WORDS: [RegExp, string][] = [
  [/with existingNetworkId \(and no vlanId\)/g, 'with "existing": true (and no "vlanId")'],
];

function inFleetWords(message: string): string {
  return FLEET_WORDS.reduce((text, [from, to]) => text.replace(from, to), message);
}

/** The site file's JSON path of a `checkFleet` path within a site (after `sites[i].`). */
function fleetKey(prop: string): string {
  if (prop === "applianceName") return "haproxy.name";
  if (prop.startsWith("network.")) return siteKey(SitePart.NETWORK, prop.slice("network.".length));
  if (prop.startsWith("loadBalancer.")) return `supervisor.${prop}`;
  return siteKey(SitePart.HAPROXY, prop.slice("haproxy.".length));
}

/**
 * The FLT findings of the run's sites, each at the site file it belongs to, with the line and value there; the
 * other site a message names is named by its file, key and line. Empty for fewer than two sites.
 */
export function fleetFindings(
  members: readonly FleetMember[],
  env: NodeJS.ProcessEnv = process.env,
): SiteFinding[] {
  if (members.length < 2) return [];
  const where = (i: number, prop: string) => {
    const key = fleetKey(prop);
    return { member: members[i], key, line: siteLineOf(members[i].config, key) };
  };
  return checkFleet(members.map((m) => fleetSite(m, env))).map((d) => {
    FLEET_PATH.lastIndex = 0;
    const m = FLEET_PATH.exec(d.path);
    const at = m ? where(Number(m[1]), m[2]) : { member: members[0], key: d.path, line: undefined };
    const message = inFleetWords(inSiteWords(d.message)).replace(
      FLEET_PATH,
      (_all, i: string, prop: string) => {
        const other = where(Number(i), prop);
        return `${other.member.file} ${other.key}${other.line !== undefined ? `, line ${other.line}` : ""}`;
      },
    );
    const value = getAt(at.member.config, at.key);
    const fix = proposedFix(d.message);
    return {
      id: d.ruleId,
      severity: d.severity,
      file: at.member.file,
      path: at.key,
      ...(at.line !== undefined ? { line: at.line } : {}),
      ...(value === undefined ? {} : { value }),
      message,
      fixes: fix === undefined ? [] : [{ path: at.key, value: fix }],
    };
  });
}

/** The FleetSite of a member, cached per config: the bench's 100 sites are planned once per run. */
const fleetSites = new WeakMap<SiteConfig, FleetSite>();
function fleetSite(member: FleetMember, env: NodeJS.ProcessEnv): FleetSite {
  let site = fleetSites.get(member.config);
  if (site === undefined || site.vcenter !== vcenterOf(member.config, env)) {
    site = fleetSiteOf(member.config, env);
    fleetSites.set(member.config, site);
  }
  return site;
}

/**
 * CFG-05: every stack of the run has its own name. A site's stack is `stackName`, its Supervisor's
 * `<stackName>-supervisor`; two sites that share one would overwrite each other's Terraform. One problem per
 * stack made twice, at the later file, with its line.
 */
export function stackNameProblems(members: readonly FleetMember[]): { file: string; problem: string }[] {
  const owner = new Map<string, string>();
  const out: { file: string; problem: string }[] = [];
  const read = new Map<string, string>();
  for (const { file, config } of members) {
    // The same file twice is one site named twice, not two sites whose names clash.
    const again = read.get(path.resolve(file));
    if (again !== undefined) {
      out.push({
        file,
        problem: withLineOf(
          config,
          `CFG-05 stackName: the site file is named twice in this run${again === file ? "" : ` (also as ${again})`}, so stack ${JSON.stringify(config.stackName)} would be made twice. Name each site file once.`,
        ),
      });
      continue;
    }
    read.set(path.resolve(file), file);
    for (const name of stackNamesOf(config)) {
      const first = owner.get(name);
      if (first !== undefined) {
        out.push({
          file,
          problem: withLineOf(
            config,
            `CFG-05 stackName: stack ${JSON.stringify(name)} is already made by ${first}; every site needs its own stackName (its Supervisor's stack is "<stackName>-supervisor"). Rename one, e.g. ${JSON.stringify(`${config.stackName}-2`)}.`,
          ),
        });
      } else {
        owner.set(name, file);
      }
    }
  }
  return out;
}

/** A finding's place and words, as a site file's problem line: `FLT-03 workloadNetworks[9].portGroup.cidr (line 40): …`. */
export function problemLine(f: SiteFinding): string {
  return `${f.id} ${f.path}${f.line !== undefined ? ` (line ${f.line})` : ""}: ${f.message}`;
}

/**
 * Cross-site errors that stop a run before synthesis: every one, each at its own file. `file` lists the files
 * involved; the message has a line per finding, `<file>: FLT-0x <JSON path> (line N): …`.
 */
export class FleetError extends SiteConfigError {
  constructor(public readonly findings: SiteFinding[]) {
    const files = [...new Set(findings.map((f) => f.file))];
    const sites = findings.length === 1 ? "1 problem" : `${findings.length} problems`;
    super(
      files.join(", "),
      findings.map((f) => `${f.file}: ${problemLine(f)}`),
      false,
      `The site files have ${sites} across sites (no Terraform was written)`,
    );
    this.name = "FleetError";
  }
}

/** The errors among fleet findings, as the error that refuses the run, or undefined when there is none. */
export function fleetRefusal(findings: readonly SiteFinding[]): FleetError | undefined {
  const errors = findings.filter((f) => f.severity === Severity.ERROR);
  return errors.length > 0 ? new FleetError(errors) : undefined;
}
