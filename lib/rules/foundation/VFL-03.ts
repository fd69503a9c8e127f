import { Severity } from "../../model/diagnostics";
import { contains, containsAddress, formatCidr, quote, size } from "../../model/ip";
import { reservedAddresses } from "../context";
import { portGroupHolding } from "../foundation-context";
import { planRule } from "../rule";

/** VFL-03: each interface has addresses, inside its port group's subnet, clear of its reserved addresses. */
export default planRule({
  id: "VFL-03",
  severity: Severity.ERROR,
  summary:
    "Every interface of the Foundation Load Balancer has at least one address range, each inside its port group's subnet and holding none of its network, broadcast or gateway addresses.",
  why: "vsphere provider 2.16.1 requires at least one `ip_range` in an interface's static `ip_config`, with the port group's gateway in CIDR form (`vsphere/resource_vsphere_supervisor_v2.go` lines 678-696; sent as `ip_config.ip_ranges` and `gateway`, `vsphere/internal/helper/supervisor/supervisor_helper.go` lines 478-503): vCenter gives the load balancer's nodes addresses from those ranges on that port group, so an address outside the subnet is unreachable and a network, broadcast or gateway address cannot be a node's.",
  example: {
    failing: 'interface on "wl-120" (192.168.120.0/24) with "192.168.121.10-192.168.121.12"',
    passing: '"192.168.120.10-192.168.120.12"',
  },
  foundation: (ctx, report) => {
    for (const itf of ctx.interfaces) {
      const pg = itf.portGroup;
      if (itf.ranges.length === 0) {
        const fix = pg ? ctx.freeRange(pg, 2) : undefined;
        report(
          `${itf.path}.addressRanges`,
          `interface ${itf.index} has no address range: give at least one from its port group's subnet${fix ? `, e.g. ${JSON.stringify([fix])}` : ""}.`,
        );
        continue;
      }
      if (!pg?.cidr) {
        continue; // an unknown port group is VFL-02's; a malformed subnet its own rule's
      }
      const cidr = pg.cidr;
      // Ranges that all lie in another port group's subnet: the port group is what is wrong (VFL-02 proposes it).
      const holding = portGroupHolding(ctx, itf);
      const elsewhere = holding && holding !== pg ? holding : undefined;
      for (const r of itf.ranges) {
        const i = r.interval;
        if (!i) {
          continue;
        }
        const reserved = reservedAddresses(cidr, pg.gateway).filter((x) => containsAddress(i, x.address));
        if (contains(cidr, i) && reserved.length === 0) {
          continue;
        }
        const item = ctx.items.find((x) => x.label.kind === "interface" && x.label.path === r.path);
        const fix = elsewhere ? undefined : ctx.freeRange(pg, size(i), item);
        const problem = !contains(cidr, i)
          ? `lies outside the subnet ${quote(formatCidr(cidr))} of its port group ${quote(pg.name)}`
          : `holds the ${reserved.map((x) => x.name).join(" and ")} of port group ${quote(pg.name)}`;
        report(
          r.path,
          `interface range ${quote(r.text)} ${problem}. ${elsewhere ? `Its ranges lie in the subnet of port group ${quote(elsewhere.name)}: put interface ${itf.index} on it, or take` : "Take"} ${size(i)} address${size(i) === 1 ? "" : "es"} from the subnet clear of the rest of the plan${fix ? `, e.g. ${quote(fix)}` : ""}.`,
        );
      }
    }
  },
});
