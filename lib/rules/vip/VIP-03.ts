import { Severity } from "../../model/diagnostics";
import { intersection } from "../../model/ip";
import { describeRange } from "../context";
import { planRule } from "../rule";
import { vipHolderAtStart } from "../vip-holder";

/** VIP-03: no VIP CIDR holds an appliance address, a nameserver or the Supervisor's management block. */
export default planRule({
  id: "VIP-03",
  severity: Severity.ERROR,
  summary:
    "No VIP CIDR contains an HAProxy interface address, a nameserver, or an address of the Supervisor management block.",
  why: "The appliance claims every VIP address as its own, so a host on one of them (its own NICs, a DNS server, the control-plane VMs) becomes unreachable.",
  example: {
    failing: '"192.168.120.0/29" (holds the workload NIC 192.168.120.5)',
    passing: '"192.168.120.128/25"',
  },
  haproxy: (ctx, report) => {
    for (const [a, b] of ctx.pairs) {
      if (a.label.kind !== "vip") {
        continue;
      }
      if (b.label.kind === "haproxy" || b.label.kind === "nameserver") {
        report(
          a.label.path,
          `${a.label.what()} contains ${b.label.what()}. ${vipHolderAtStart(ctx.props)} claims every VIP address, so that host would be unreachable: move the address out of the VIP CIDR, or move the VIPs${ctx.suggestVip(a)}.`,
        );
      } else if (b.label.kind === "block") {
        report(
          a.label.path,
          `${a.label.what()} overlaps ${b.label.what()} at ${describeRange(intersection(a, b))} (NET-08). The Supervisor control-plane VMs would be unreachable: move the VIPs or the block's start address.`,
        );
      }
    }
  },
});
