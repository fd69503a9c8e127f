import { Severity } from "../../model/diagnostics";
import { formatCidr, overlaps, parseAddress, quote } from "../../model/ip";
import { planRule } from "../rule";

/** NET-09: the Kubernetes service CIDR collides with nothing of the plan. */
export default planRule({
  id: "NET-09",
  severity: Severity.ERROR,
  summary:
    "The Supervisor's Kubernetes service CIDR (default `10.96.0.0/23`) is an aligned IPv4 CIDR that overlaps no port group CIDR, no VIP CIDR, no workload range and no nameserver.",
  why: "Cluster IPs of the service CIDR are routed inside the Supervisor: a real subnet, VIP block, node range or DNS server under them becomes unreachable from the control plane.",
  example: {
    failing: 'serviceCidr "192.168.120.0/23" (holds the workload subnet)',
    passing: 'serviceCidr "10.96.0.0/23"',
  },
  supervisor: (ctx, report) => {
    const cidr = ctx.serviceCidr;
    if (!cidr) {
      return;
    }
    const text = quote(formatCidr(cidr));
    for (const pg of ctx.network.portGroups) {
      if (pg.cidr && overlaps(cidr, pg.cidr)) {
        report(
          "serviceCidr",
          `service CIDR ${text} overlaps CIDR ${quote(formatCidr(pg.cidr))} of port group ${quote(pg.name)}. Pick a block no network of the site uses, e.g. "10.96.0.0/23".`,
        );
      }
    }
    for (const v of ctx.haproxy?.virtualIps ?? []) {
      if (overlaps(cidr, v.cidr)) {
        report(
          "serviceCidr",
          `service CIDR ${text} overlaps VIP CIDR ${quote(formatCidr(v.cidr))} (${v.path}). Pick a block no network of the site uses, e.g. "10.96.0.0/23".`,
        );
      }
    }
    for (const wn of ctx.network.workloadNetworks) {
      for (const r of wn.ranges) {
        if (r.interval && overlaps(cidr, r.interval)) {
          report(
            "serviceCidr",
            `service CIDR ${text} overlaps range ${quote(r.text)} of workload network ${quote(wn.name)}. Pick a block no network of the site uses, e.g. "10.96.0.0/23".`,
          );
        }
      }
    }
    const servers = [...(ctx.haproxy?.props.nameservers ?? []), ...ctx.props.dnsServers];
    for (const ns of new Set(servers)) {
      const a = typeof ns === "string" ? parseAddress(ns) : undefined;
      if (a?.ok && a.value >= cidr.first && a.value <= cidr.last) {
        report(
          "serviceCidr",
          `service CIDR ${text} holds nameserver ${ns}. Pick a block no network of the site uses, e.g. "10.96.0.0/23".`,
        );
      }
    }
  },
});
