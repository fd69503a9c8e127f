import { Severity } from "../../model/diagnostics";
import { formatCidr, formatRange, quote, size, union } from "../../model/ip";
import { PlanWorkloadNetwork } from "../../model/plan";
import { NetworkContext } from "../context";
import { freeBlockStarts, occupiedAddresses } from "../occupied";
import { planRule } from "../rule";

/** The length of a proposed range: the control plane's 3 addresses and room for 7 cluster nodes. */
const PROPOSED_RANGE = 10;

/**
 * The fix of a primary workload network with no range: `PROPOSED_RANGE` free addresses of its port group (clear
 * of its network, broadcast and gateway addresses and of every range and block of the plan), lowest first, each
 * as the one-element list `addressRanges` would take (JSON); the first is offered, the others are tried in turn
 * when the whole plan refuses it (an appliance address or a VIP inside it).
 */
function freeRangeFix(
  ctx: NetworkContext,
  wn: PlanWorkloadNetwork,
): { advice: string; alternatives: string[] } {
  const pg = ctx.pgByName.get(wn.portGroup);
  if (!pg?.cidr) {
    return {
      advice: "Add a range of at least 3 addresses inside its port group's subnet.",
      alternatives: [],
    };
  }
  const taken = occupiedAddresses({ network: ctx.plan });
  const [first, ...others] = freeBlockStarts(pg.cidr, taken, PROPOSED_RANGE, pg.cidr.first + 1, 8).map((s) =>
    JSON.stringify([formatRange({ first: s, last: s + PROPOSED_RANGE - 1 })]),
  );
  const where = `free addresses of port group ${quote(pg.name)} (${formatCidr(pg.cidr)})`;
  return first === undefined
    ? { advice: `Add a range of at least 3 ${where}.`, alternatives: [] }
    : { advice: `Add a range of at least 3 ${where}, e.g. ${first}.`, alternatives: others };
}

/** NET-05: the primary workload network holds the control plane's 3 addresses. */
export default planRule({
  id: "NET-05",
  severity: Severity.ERROR,
  summary: "The primary workload network's ranges hold at least 3 addresses.",
  why: "The Supervisor control plane takes 3 addresses of the primary workload network; enablement fails without them.",
  example: { failing: '["192.168.120.31-192.168.120.32"]', passing: '["192.168.120.31-192.168.120.40"]' },
  network: (ctx, report) => {
    const primary = ctx.plan.workloadNetworks.find((w) => w.primary);
    if (!primary) {
      return;
    }
    if (primary.ranges.length === 0 && !ctx.plan.unresolved.includes(`${primary.path}.addressRanges`)) {
      const { advice, alternatives } = freeRangeFix(ctx, primary);
      report(
        `${primary.path}.addressRanges`,
        `workload network ${quote(primary.name)} has no address range; its Supervisor control plane needs 3 addresses. ${advice}`,
        alternatives,
      );
      return;
    }
    if (primary.ranges.length > 0 && primary.ranges.every((r) => r.interval)) {
      const count = union(primary.ranges.map((r) => r.interval!)).reduce((n, i) => n + size(i), 0);
      if (count < 3) {
        report(
          `${primary.path}.addressRanges`,
          `the primary workload network ${quote(primary.name)} holds ${count} address${count === 1 ? "" : "es"} (${primary.ranges.map((r) => quote(r.text)).join(", ")}); the Supervisor control plane takes 3 of them. Widen the ranges to at least 3 addresses, plus one per cluster node if namespaces use it.`,
        );
      }
    }
  },
});
