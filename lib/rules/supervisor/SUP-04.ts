import { Severity } from "../../model/diagnostics";
import { formatCidr, formatRange, parseAddress, quote } from "../../model/ip";
import { planRule } from "../rule";
import { SupervisorContext } from "../context";
import { vipHolder, vipPlace } from "../vip-holder";

/** Where an address of the plan would take a DNS or NTP server's place, or undefined when nowhere. */
function conflict(ctx: SupervisorContext, address: number): string | undefined {
  for (const v of ctx.haproxy?.virtualIps ?? []) {
    if (address >= v.cidr.first && address <= v.cidr.last) {
      return `inside VIP CIDR ${quote(formatCidr(v.cidr))} (${vipPlace(ctx.haproxy?.props, v.path)}): ${vipHolder(ctx.haproxy?.props)} claims every VIP address, so the server would be unreachable`;
    }
  }
  const block = ctx.network.managementBlock;
  if (block && address >= block.first && address <= block.last) {
    return `inside the Supervisor's management block ${formatRange(block)} (supervisorManagementStartIp, NET-08): a control-plane VM takes that address`;
  }
  const p = ctx.haproxy?.props;
  for (const [key, value] of [
    ["managementIp", p?.managementIp],
    ["workloadIp", p?.workloadIp],
    ["frontendIp", p?.frontendIp],
  ] as const) {
    const a = typeof value === "string" ? parseAddress(value) : undefined;
    if (a?.ok && a.value === address) {
      return `the HAProxy appliance's own address (haproxy.${key}), which serves no DNS or NTP`;
    }
  }
  for (const wn of ctx.network.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval && address >= r.interval.first && address <= r.interval.last) {
        return `inside range ${quote(r.text)} of workload network ${quote(wn.name)} (${r.path}): the Supervisor hands those addresses to nodes`;
      }
    }
  }
  return undefined;
}

/**
 * A DNS server the plan leaves free, as the fix's wording: for the workload network the management network's
 * servers first (its default), then the appliance's own nameservers (the site's DNS).
 */
function proposal(
  ctx: SupervisorContext,
  key: "dnsServers" | "workloadDnsServers",
  list: readonly string[],
): string {
  const candidates: [readonly string[], string][] = [
    ...(key === "workloadDnsServers"
      ? [[ctx.props.dnsServers, "a dnsServers entry"] as [readonly string[], string]]
      : []),
    [ctx.haproxy?.props.nameservers ?? [], "the appliance's nameserver"],
  ];
  for (const [servers, what] of candidates) {
    const free = (Array.isArray(servers) ? servers : []).find((n) => {
      const a = typeof n === "string" ? parseAddress(n) : undefined;
      return a?.ok && !conflict(ctx, a.value) && !list.includes(n);
    });
    if (free) {
      return `; did you mean ${quote(free)} (${what})?`;
    }
  }
  return ".";
}

/** SUP-04: the Supervisor's DNS and NTP servers are not addresses the plan gives to something else. */
export default planRule({
  id: "SUP-04",
  severity: Severity.ERROR,
  summary:
    "No Supervisor DNS (of either network) or NTP server given as an address lies inside a VIP CIDR, the Supervisor's management block or a workload network's range, or is an address of the HAProxy appliance.",
  why: "The control plane and the nodes need DNS and time to come up; the appliance answers for every VIP address (so a server there is unreachable), and the management block and the node ranges are handed to VMs, which would take the server's address. VIP-03 checks the appliance's own nameservers the same way.",
  example: {
    failing: 'dnsServers ["10.30.0.70"] with VIPs "10.30.0.64/26"',
    passing: 'dnsServers ["10.30.0.2"]',
  },
  supervisor: (ctx, report) => {
    const { dnsServers, workloadDnsServers, ntpServers } = ctx.props;
    for (const [key, list] of [
      ["dnsServers", dnsServers],
      // Left out, the workload network's are the dnsServers (checked there).
      ["workloadDnsServers", workloadDnsServers],
      ["ntpServers", ntpServers],
    ] as const) {
      if (!Array.isArray(list)) {
        continue;
      }
      list.forEach((server, i) => {
        const path = `${key}[${i}]`;
        const parsed = typeof server === "string" ? parseAddress(server) : undefined;
        if (!ctx.known(server, path) || !parsed?.ok) {
          return; // names, and malformed addresses (SUP-01), are not placed in the plan
        }
        const where = conflict(ctx, parsed.value);
        if (!where) {
          return;
        }
        const dns = key !== "ntpServers";
        report(
          path,
          `${dns ? "DNS" : "NTP"} server ${quote(server)} is ${where}. Give the server's real address and keep it out of the plan's blocks and ranges (or move them)${dns ? proposal(ctx, key, list) : "."}`,
        );
      });
    }
  },
});
