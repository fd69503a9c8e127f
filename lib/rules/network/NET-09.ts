import { Severity } from "../../model/diagnostics";
import { formatCidr, Interval, overlaps, parseAddress, quote } from "../../model/ip";
import { SupervisorContext } from "../context";
import { occupiedAddresses } from "../occupied";
import { freeServiceBlocks } from "../proposals";
import { planRule } from "../rule";

/**
 * The fix of a colliding service CIDR: free blocks of its own size that overlap no port group CIDR and nothing
 * else the plan gives out (the first in the message, the others tried in turn when it does not pass), and the
 * sentence that proposes it; when the Supervisor's props leave `serviceCidr` out, the sentence says that the
 * value is the default and which key sets it.
 */
function serviceCidrFix(ctx: SupervisorContext): { advice: string; alternatives: string[] } {
  const cidr = ctx.serviceCidr!;
  const taken: Interval[] = [
    ...ctx.network.portGroups.flatMap((pg) => (pg.cidr ? [pg.cidr] : [])),
    ...(ctx.haproxy?.virtualIps ?? []).map((v) => v.cidr),
    ...occupiedAddresses({ network: ctx.network, haproxy: ctx.haproxy?.props, supervisor: ctx.props }),
  ];
  const [first, ...others] = freeServiceBlocks(cidr.prefix, taken, cidr).map(formatCidr);
  const verb = ctx.props.serviceCidrIsDefault
    ? "Set serviceCidr to a block no network of the site uses"
    : "Pick a block no network of the site uses";
  return {
    advice: first === undefined ? `${verb}.` : `${verb}, e.g. ${quote(first)}.`,
    alternatives: others,
  };
}

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
    const text = `${quote(formatCidr(cidr))}${ctx.props.serviceCidrIsDefault ? " (the default: serviceCidr is not set)" : ""}`;
    let fix: { advice: string; alternatives: string[] } | undefined;
    const say = (message: string) => {
      fix ??= serviceCidrFix(ctx);
      report("serviceCidr", `${message} ${fix.advice}`, fix.alternatives);
    };
    for (const pg of ctx.network.portGroups) {
      if (pg.cidr && overlaps(cidr, pg.cidr)) {
        say(
          `service CIDR ${text} overlaps CIDR ${quote(formatCidr(pg.cidr))} of port group ${quote(pg.name)}.`,
        );
      }
    }
    for (const v of ctx.haproxy?.virtualIps ?? []) {
      if (overlaps(cidr, v.cidr)) {
        say(`service CIDR ${text} overlaps VIP CIDR ${quote(formatCidr(v.cidr))} (${v.path}).`);
      }
    }
    for (const wn of ctx.network.workloadNetworks) {
      for (const r of wn.ranges) {
        if (r.interval && overlaps(cidr, r.interval)) {
          say(`service CIDR ${text} overlaps range ${quote(r.text)} of workload network ${quote(wn.name)}.`);
        }
      }
    }
    const servers = [...(ctx.haproxy?.props.nameservers ?? []), ...ctx.props.dnsServers];
    for (const ns of new Set(servers)) {
      const a = typeof ns === "string" ? parseAddress(ns) : undefined;
      if (a?.ok && a.value >= cidr.first && a.value <= cidr.last) {
        say(`service CIDR ${text} holds nameserver ${ns}.`);
      }
    }
  },
});
