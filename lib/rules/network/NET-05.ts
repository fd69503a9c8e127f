import { Severity } from "../../model/diagnostics";
import { quote, size, union } from "../../model/ip";
import { planRule } from "../rule";

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
      report(
        `${primary.path}.addressRanges`,
        `workload network ${quote(primary.name)} has no address range; its Supervisor control plane needs 3 addresses. Add a range such as "192.168.120.31-192.168.120.40" inside its port group's subnet.`,
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
