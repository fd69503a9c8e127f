import { Severity } from "../../model/diagnostics";
import { formatAddress, formatCidr, quote, size } from "../../model/ip";
import { loadBalancerRangesOf } from "../../model/load-balancer-ranges";
import { planRule } from "../rule";

/**
 * The fewest load-balancer addresses a Supervisor can work with: one for its own Kubernetes API (the control
 * plane's VIP) and one for a Service of type LoadBalancer or a cluster's control plane.
 */
export const MIN_SUPERVISOR_VIPS = 2;

/** How many candidate blocks the proposal offers (each is re-checked against the whole plan). */
const CANDIDATES = 6;

/** Proposals start at this size (8 addresses), room for a few clusters and Services. */
const ROOMY_PREFIX = 29;

/** VIP-07: the VIP pool holds what a Supervisor needs. */
export default planRule({
  id: "VIP-07",
  severity: Severity.WARN,
  summary: `The VIP CIDRs hold at least ${MIN_SUPERVISOR_VIPS} load-balancer addresses (less network and broadcast addresses, VIP-06): the Supervisor's own control-plane VIP plus at least one for Services.`,
  why: `HAProxy load-balances "developers accessing the control plane, and Kubernetes Services of Type Load Balancer" (vSphere 8 documentation, "Topologies for deploying the HAProxy load balancer", VDS networking): the Supervisor takes one address of the load-balancer ranges for its own Kubernetes API, and every Tanzu Kubernetes cluster's control plane and every Service of type LoadBalancer takes one more. The ranges handed to the Supervisor are the VIP CIDRs less the subnets' network and broadcast addresses (VIP-06), so a /32 gives at most one address: the Supervisor enables, and the first cluster or Service gets no address.`,
  example: { failing: '"192.168.120.200/32"', passing: '"192.168.120.200/29"' },
  haproxy: (ctx, report) => {
    const given = ctx.props.virtualIpCidrs;
    if (!Array.isArray(given) || ctx.virtualIps.length === 0 || ctx.virtualIps.length !== given.length) {
      return; // a VIP CIDR unknown until apply or malformed (IP-02) could hold the rest
    }
    const usable = ctx.virtualIps.map((v) => ({
      ...v,
      count: loadBalancerRangesOf(ctx.network, v.cidr).reduce((n, r) => n + size(r), 0),
    }));
    const total = usable.reduce((n, v) => n + v.count, 0);
    if (total >= MIN_SUPERVISOR_VIPS) {
      return;
    }
    // Grow the largest block inside the subnet that holds it: each larger aligned block that contains it, the
    // smallest first; the suggestion machinery keeps the first that passes every rule.
    const grow = usable.reduce((a, b) => (size(b.cidr) > size(a.cidr) ? b : a));
    const home = ctx.network.portGroups.find(
      (pg) => pg.cidr && pg.cidr.first <= grow.cidr.first && grow.cidr.last <= pg.cidr.last,
    )?.cidr;
    const floor = home ? home.prefix + 1 : 24;
    const fitting: { prefix: number; text: string }[] = [];
    for (let prefix = grow.cidr.prefix - 1; prefix >= floor; prefix--) {
      const width = 2 ** (32 - prefix);
      const first = Math.floor(grow.cidr.first / width) * width;
      const count = loadBalancerRangesOf(ctx.network, { first, last: first + width - 1 }).reduce(
        (n, r) => n + size(r),
        0,
      );
      if (count - grow.count + total >= MIN_SUPERVISOR_VIPS) {
        fitting.push({ prefix, text: `${formatAddress(first)}/${prefix}` });
      }
    }
    // Room for a few clusters and Services first (a /29 and up, the smallest first), then the bare minimum.
    const roomy = fitting.filter((c) => c.prefix <= ROOMY_PREFIX);
    const tight = fitting.filter((c) => c.prefix > ROOMY_PREFIX).reverse();
    const candidates = [...roomy, ...tight].slice(0, CANDIDATES).map((c) => c.text);
    const [proposal, ...alternatives] = candidates;
    const blocks = usable.map((v) => quote(formatCidr(v.cidr))).join(", ");
    report(
      grow.path,
      `the VIP CIDR${usable.length === 1 ? "" : "s"} ${blocks} give${usable.length === 1 ? "s" : ""} the Supervisor ${total} load-balancer address${total === 1 ? "" : "es"} (less network and broadcast addresses, VIP-06); it needs at least ${MIN_SUPERVISOR_VIPS}: one for its own control plane's Kubernetes API and one for each Service of type LoadBalancer and each cluster's control plane. Give a larger block${proposal ? `, e.g. ${quote(proposal)}` : ""}.`,
      alternatives,
    );
  },
});
