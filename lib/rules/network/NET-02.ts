import { Severity } from "../../model/diagnostics";
import { contains, containsAddress, formatAddress, formatCidr, quote } from "../../model/ip";
import { reservedAddresses } from "../context";
import { planRule } from "../rule";

/** NET-02: workload ranges lie inside their port group's CIDR, clear of its reserved addresses. */
export default planRule({
  id: "NET-02",
  severity: Severity.ERROR,
  summary:
    "Every address range of a workload network lies inside its port group's CIDR and covers neither the network address, the broadcast address nor the gateway.",
  why: "The Supervisor hands these addresses to control-plane VMs and cluster nodes on that port group: one outside the subnet cannot reach its gateway, and the network, broadcast and gateway addresses are taken (seed page).",
  example: {
    failing: '"192.168.120.1-192.168.120.40" in 192.168.120.0/24 (gateway .1)',
    passing: '"192.168.120.31-192.168.120.40"',
  },
  network: (ctx, report) => {
    for (const wn of ctx.plan.workloadNetworks) {
      if (
        !wn.primary &&
        wn.ranges.length === 0 &&
        !ctx.plan.unresolved.includes(`${wn.path}.addressRanges`)
      ) {
        report(
          `${wn.path}.addressRanges`,
          `workload network ${quote(wn.name)} has no address range; its cluster nodes need addresses. Add a range such as "192.168.120.31-192.168.120.40" inside its port group's subnet.`,
        );
      }
      const pg = ctx.pgByName.get(wn.portGroup);
      if (!pg?.cidr) {
        continue;
      }
      const cidrText = quote(formatCidr(pg.cidr));
      for (const r of wn.ranges) {
        const i = r.interval;
        if (!i) {
          continue;
        }
        if (!contains(pg.cidr, i)) {
          report(
            r.path,
            `range ${quote(r.text)} of workload network ${quote(wn.name)} is not inside CIDR ${cidrText} of its port group ${quote(pg.name)}. Keep node ranges inside the port group's subnet.`,
          );
          continue;
        }
        for (const { address: addr, name } of reservedAddresses(pg.cidr, pg.gateway)) {
          if (containsAddress(i, addr)) {
            report(
              r.path,
              `range ${quote(r.text)} of workload network ${quote(wn.name)} covers ${formatAddress(addr)}, the ${name} of port group ${quote(pg.name)} (${cidrText}). Shrink the range to leave ${formatAddress(addr)} out.`,
            );
          }
        }
      }
    }
  },
});
