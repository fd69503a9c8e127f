import { Severity } from "../../model/diagnostics";
import { containsAddress, formatAddress, formatCidr, quote, size } from "../../model/ip";
import { freeHostAddresses, occupiedAddresses } from "../occupied";
import { reservedAddresses } from "../context";
import { planRule } from "../rule";

/** HAP-02: each appliance address is a free host address of its port group. */
export default planRule({
  id: "HAP-02",
  severity: Severity.ERROR,
  summary:
    "Each HAProxy interface address lies inside its port group's CIDR, is not its network, broadcast or gateway address, and lies in no workload network address range.",
  why: "The appliance configures each NIC statically from its vApp properties (`ip/prefix` plus gateway); an address outside the subnet, on a reserved address or in a node range breaks the NIC or a node.",
  example: { failing: 'managementIp "10.0.0.1" (the gateway)', passing: 'managementIp "10.0.0.10"' },
  haproxy: (ctx, report) => {
    for (const nic of ctx.nics) {
      const pg = nic.portGroup;
      if (nic.address === undefined || !pg?.cidr) {
        continue;
      }
      const cidrText = quote(formatCidr(pg.cidr));
      if (!containsAddress(pg.cidr, nic.address)) {
        // Free addresses of the whole plan, the same host part first (10.0.1.10 in 10.0.0.0/24 → 10.0.0.10).
        const taken = occupiedAddresses({
          network: ctx.network,
          haproxy: ctx.props,
          supervisor: ctx.supervisor,
        });
        const hostPart = pg.cidr.first + (nic.address % size(pg.cidr));
        const free = freeHostAddresses(pg.cidr, taken, 4, hostPart);
        const fits = free.includes(hostPart) ? [hostPart] : [];
        const [first, ...others] = [...fits, ...free.filter((a) => a !== hostPart)].map(formatAddress);
        report(
          nic.path,
          `HAProxy ${nic.nic} address ${quote(nic.text)} is outside CIDR ${cidrText} of port group ${quote(pg.name)}. Give a free address of that subnet${first ? `, e.g. ${quote(first)}` : ""}.`,
          others,
        );
        continue;
      }
      for (const { address, name } of reservedAddresses(pg.cidr, pg.gateway)) {
        if (address === nic.address) {
          report(
            nic.path,
            `HAProxy ${nic.nic} address ${quote(nic.text)} is the ${name} of port group ${quote(pg.name)} (${cidrText}). Give the appliance a free host address of that subnet.`,
          );
        }
      }
    }
    for (const [a, b] of ctx.pairs) {
      if (a.label.kind !== "haproxy") {
        continue;
      }
      if (b.label.kind === "range") {
        report(
          a.label.path,
          `${a.label.what()} lies in ${b.label.what()} (${b.label.path}). The Supervisor would hand the same address to a node: take it out of the range, or give the appliance another address.`,
        );
      } else if (b.label.kind === "haproxy") {
        report(
          b.label.path,
          `${b.label.what()} is the same as ${a.label.what()}. Give each NIC its own address.`,
        );
      }
    }
  },
});
