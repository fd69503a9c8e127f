import { Severity } from "../../model/diagnostics";
import { containsAddress, formatAddress, formatCidr, formatRange, quote, size } from "../../model/ip";
import { loadBalancerRangesOf, reservedAddressesIn } from "../../model/load-balancer-ranges";
import { planRule } from "../rule";
import { vipHolderAtStart } from "../vip-holder";

/** VIP-06: the Supervisor's load-balancer ranges leave out network and broadcast addresses. */
export default planRule({
  id: "VIP-06",
  severity: Severity.WARN,
  summary:
    "A VIP CIDR holds the network or broadcast address of a port group's subnet; the load-balancer range handed to the Supervisor leaves those addresses out.",
  why: "The appliance takes every address of the block (valid for it), but a Service given a subnet's network or broadcast address is unreachable; the seed page's own example `192.168.120.128/25` holds `.255`.",
  example: { failing: '"192.168.120.128/25" in 192.168.120.0/24', passing: '"192.168.120.128/26"' },
  haproxy: (ctx, report) => {
    for (const v of ctx.virtualIps) {
      const reserved = reservedAddressesIn(ctx.network, v.cidr);
      // A block that holds a gateway is VIP-01's error, whose fix moves it: a range of it would mislead.
      const holdsGateway = ctx.network.portGroups.some(
        (pg) => pg.gateway !== undefined && containsAddress(v.cidr, pg.gateway),
      );
      if (reserved.length === 0 || holdsGateway) {
        continue;
      }
      const held = reserved
        .map(
          (r) =>
            `${formatAddress(r.address)}, the ${r.name} of port group ${quote(r.portGroup)} (${formatCidr(r.cidr)})`,
        )
        .join("; ");
      const ranges = loadBalancerRangesOf(ctx.network, v.cidr);
      const count = ranges.reduce((n, r) => n + size(r), 0);
      const one = reserved.length === 1;
      report(
        v.path,
        `VIP CIDR ${quote(formatCidr(v.cidr))} holds ${held}. ${vipHolderAtStart(ctx.props)} takes the whole block, but a Service must not be given ${one ? "that address" : "those addresses"}, so the load-balancer range handed to the Supervisor leaves ${one ? "it" : "them"} out: ${ranges.map(formatRange).join(", ") || "nothing"} (${count} address${count === 1 ? "" : "es"}). Nothing to change unless every address of the block must serve Services: then pick a block that holds no network or broadcast address.`,
      );
    }
  },
});
