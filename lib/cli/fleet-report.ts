/**
 * The fleet report: one page (`fleet.md`) with every site of a run, its stacks and state store, its blocks, its
 * own findings counted and the findings across sites listed; and an address map per routing domain
 * (`fleet-<domain>.svg`) drawing the subnets of all its sites, one bar each, named by site. Built from the site
 * files alone (the plan `check` builds), so the app and `report --fleet` write the same page. No cdktf.
 */
import { Severity } from "../model/diagnostics";
import { formatAddress, formatCidr } from "../model/ip";
import { parseNetworkPlan } from "../model/plan";
import { checkHaproxyPlan } from "../rules/engine";
import { renderAddressMap } from "../report/address-map-svg";
import { SubnetReport, subnetReports } from "../report/plan-report";
import { SiteConfig, stackNamesOf } from "../site/site-config";
import { FleetMember, vcenterOf } from "./site-fleet";

/** A site's VIP blocks: its appliance's, or those of the load balancer it does not deploy. */
function vipBlocksOf(c: SiteConfig): string[] {
  return c.haproxy?.virtualIpCidrs ?? c.supervisor?.loadBalancer?.virtualIpCidrs ?? [];
}
import { SiteFinding, sitePlan, sitePlanFindings } from "./site-check";

/** The name of the page, in the output folder. */
export const FLEET_REPORT = "fleet.md";

/** The file of a routing domain's map: `fleet-<domain>.svg`, the domain's name made safe for a file name. */
export function fleetMapFile(domain: string): string {
  return `fleet-${domain.replace(/[^A-Za-z0-9._-]/g, "_")}.svg`;
}

/** Where a site's stacks keep their state, in words. */
function storeOf(member: FleetMember): string {
  const b = member.config.backend;
  const stack = member.config.stackName;
  switch (b?.type) {
    case "pg":
      return `pg, schema \`${b.schemaPrefix ?? ""}${stack}\``;
    case "s3":
      return `s3 \`${b.bucket}\`, key \`${b.keyPrefix ?? ""}${stack}/terraform.tfstate\``;
    case "cloud":
      return `cloud \`${b.organization}\`, workspace \`${b.workspacePrefix ?? ""}${stack}\``;
    default:
      return `local, \`terraform.${stack}.tfstate\``;
  }
}

/** A table cell: no pipe or line break breaks the table. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** One site's subnets, each bar named `<site>: <port group>`. */
function siteSubnets(member: FleetMember): SubnetReport[] {
  const plan = sitePlan(member.config);
  const network = parseNetworkPlan(plan.network, plan.options).plan;
  const haproxy = checkHaproxyPlan(network, plan.haproxy, { ...plan.options, verifySuggestions: false }).plan;
  return subnetReports(network, haproxy).map((s) => ({
    ...s,
    portGroup: `${member.config.stackName}: ${s.portGroup}`,
  }));
}

/**
 * The page and the maps, by file name: `fleet.md` and one `fleet-<domain>.svg` per routing domain.
 *
 * @param members the run's sites
 * @param across the findings across sites (`fleetFindings`)
 */
export function fleetReportFiles(
  members: readonly FleetMember[],
  across: readonly SiteFinding[],
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const files: Record<string, string> = {};
  const subnets = new Map<FleetMember, SubnetReport[]>(members.map((m) => [m, siteSubnets(m)]));
  const acrossErrors = across.filter((f) => f.severity === Severity.ERROR).length;
  const lines = [
    `# Fleet: ${members.length} site${members.length === 1 ? "" : "s"}`,
    "",
    across.length === 0
      ? "Across sites (FLT-01 … FLT-06): no finding."
      : `Across sites (FLT-01 … FLT-06): **${acrossErrors} error${acrossErrors === 1 ? "" : "s"}**${acrossErrors > 0 ? ": no Terraform is written for the run until they are fixed" : ""}.`,
    "",
    "| site | file | stacks | vCenter | distributed switch | routing domain | state | port groups | VIP blocks | errors | warnings | across sites |",
    "| --- | --- | --- | --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: |",
  ];
  for (const m of members) {
    const own = sitePlanFindings(m.config).map((f) => f.diagnostic.severity);
    const errors = own.filter((s) => s === Severity.ERROR).length;
    const c = m.config;
    lines.push(
      `| ${[
        c.stackName,
        `\`${m.file}\``,
        stackNamesOf(c).join(", "),
        vcenterOf(c, env),
        `${c.vsphere.datacenter}/${c.vsphere.distributedSwitch}`,
        c.routingDomain ?? "—",
        storeOf(m),
        String(subnets.get(m)!.length),
        vipBlocksOf(c).join(", "),
        String(errors),
        String(own.length - errors),
        String(across.filter((f) => f.file === m.file).length),
      ]
        .map(cell)
        .join(" | ")} |`,
    );
  }
  if (across.length > 0) {
    lines.push("", "## Findings across sites", "");
    for (const f of across) {
      lines.push(
        `- **${f.id}** ${f.severity === Severity.ERROR ? "error" : "warn"} \`${f.file}\`${f.line !== undefined ? ` line ${f.line}` : ""} \`${f.path}\`: ${f.message}`,
      );
    }
  }
  lines.push("", "## Blocks", "");
  for (const m of members) {
    lines.push(
      `### ${m.config.stackName}`,
      "",
      "| port group | VLAN | subnet | gateway | roles |",
      "| --- | ---: | --- | --- | --- |",
    );
    for (const s of subnets.get(m)!) {
      lines.push(
        `| ${[
          s.portGroup.slice(m.config.stackName.length + 2),
          s.vlanId === undefined ? "existing" : String(s.vlanId),
          formatCidr(s.cidr),
          s.gateway === undefined ? "—" : formatAddress(s.gateway),
          s.roles.join(", "),
        ]
          .map(cell)
          .join(" | ")} |`,
      );
    }
    lines.push("", `VIP blocks: ${vipBlocksOf(m.config).join(", ")}.`, "");
  }
  // One domain however its sites spell it (compared without regard to case, as FLT-06 does); named as its first
  // site spells it.
  const domains = new Map<string, FleetMember[]>();
  const spelled = new Map<string, string>();
  for (const m of members) {
    if (m.config.routingDomain === undefined) continue;
    const key = m.config.routingDomain.toLowerCase();
    if (!spelled.has(key)) spelled.set(key, m.config.routingDomain);
    domains.set(key, [...(domains.get(key) ?? []), m]);
  }
  lines.push("## Address maps by routing domain", "");
  if (domains.size === 0) {
    lines.push(
      "No site names a routing domain (`routingDomain`): each site's own map is `stacks/<stack>/address-map.svg`.",
    );
  }
  for (const [key, sites] of [...domains].sort(([a], [b]) => a.localeCompare(b))) {
    const domain = spelled.get(key)!;
    const file = fleetMapFile(domain);
    const names = new Set(sites.map((s) => s.file));
    const findings = across
      .filter((f) => names.has(f.file))
      .map((f) => ({
        ruleId: f.id,
        severity: f.severity,
        path: `${sites.find((s) => s.file === f.file)!.config.stackName}: ${f.path}`,
        message: f.message,
      }));
    files[file] = renderAddressMap(
      `routing domain ${domain} (${sites.length} site${sites.length === 1 ? "" : "s"})`,
      sites.flatMap((s) => subnets.get(s)!),
      { findings },
    );
    lines.push(
      `### ${domain}`,
      "",
      `Sites: ${sites.map((s) => s.config.stackName).join(", ")}.`,
      "",
      `![address map of ${domain}](${file})`,
      "",
    );
  }
  const alone = members.filter((m) => m.config.routingDomain === undefined);
  if (domains.size > 0 && alone.length > 0) {
    lines.push(
      `Without a routing domain (their VIP blocks are compared with no other site's): ${alone.map((m) => m.config.stackName).join(", ")}; each site's own map is \`stacks/<stack>/address-map.svg\`.`,
      "",
    );
  }
  files[FLEET_REPORT] = `${lines.join("\n").replace(/\n+$/, "")}\n`;
  return files;
}
