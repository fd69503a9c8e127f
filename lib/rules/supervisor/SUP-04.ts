import { Severity } from "../../model/diagnostics";
import { formatCidr, formatRange, parseAddress, quote } from "../../model/ip";
import { planRule } from "../rule";
import { SupervisorContext } from "../context";

/** Where an address of the plan would take a DNS or NTP server's place, or undefined when nowhere. */
function conflict(ctx: SupervisorContext, address: number): string | undefined {
  for (const v of ctx.haproxy?.virtualIps ?? []) {
    if (address >= v.cidr.first && address <= v.cidr.last) {
      return `inside VIP CIDR ${quote(formatCidr(v.cidr))} (haproxy.${v.path}): the appliance claims every VIP address, so the server would be unreachable`;
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

/** SUP-04: the Supervisor's DNS and NTP servers are not addresses the plan gives to something else. */
export default planRule({
  id: "SUP-04",
  severity: Severity.ERROR,
  summary:
    "No Supervisor DNS or NTP server given as an address lies inside a VIP CIDR, the Supervisor's management block or a workload network's range, or is an address of the HAProxy appliance.",
  why: "The control plane and the nodes need DNS and time to come up; the appliance answers for every VIP address (so a server there is unreachable), and the management block and the node ranges are handed to VMs, which would take the server's address. VIP-03 checks the appliance's own nameservers the same way.",
  example: {
    failing: 'dnsServers ["10.30.0.70"] with VIPs "10.30.0.64/26"',
    passing: 'dnsServers ["10.30.0.2"]',
  },
  supervisor: (ctx, report) => {
    for (const [key, list] of [
      ["dnsServers", ctx.props.dnsServers],
      ["ntpServers", ctx.props.ntpServers],
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
        // The appliance's own nameservers are the site's DNS: one that the plan leaves free is the fix.
        const free =
          key === "dnsServers"
            ? (ctx.haproxy?.props.nameservers ?? []).find((n) => {
                const a = parseAddress(n);
                return a.ok && !conflict(ctx, a.value) && !list.includes(n);
              })
            : undefined;
        report(
          path,
          `${key === "dnsServers" ? "DNS" : "NTP"} server ${quote(server)} is ${where}. Give the server's real address and keep it out of the plan's blocks and ranges (or move them)${free ? `; did you mean ${quote(free)} (the appliance's nameserver)?` : "."}`,
        );
      });
    }
  },
});
