import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { DNS_LABEL, toDnsLabel } from "../../model/names";
import { reportInput } from "../context";
import { planRule } from "../rule";

/** NET-07: workload network names are unique DNS labels. */
export default planRule({
  id: "NET-07",
  severity: Severity.ERROR,
  summary:
    "Workload network names are unique DNS labels (`[a-z0-9-]`, 1–63 characters, no leading or trailing `-`).",
  why: "The vSphere Namespace Management API names workload networks with DNS labels and refuses anything else at enablement; two networks of one name cannot both be created.",
  example: { failing: '"Primary_Network"', passing: '"primary-network"' },
  network: (ctx, report) => {
    reportInput(ctx.input, "NET-07", report);
    const seen = new Map<string, string>();
    for (const wn of ctx.plan.workloadNetworks) {
      if (!DNS_LABEL.test(wn.name)) {
        const fixed = toDnsLabel(wn.name);
        const hint = fixed.length > 0 && DNS_LABEL.test(fixed) ? ` Did you mean ${quote(fixed)}?` : "";
        report(
          `${wn.path}.name`,
          `workload network name ${quote(wn.name)} is not a DNS label. Use 1–63 characters of a-z, 0-9 and "-", not starting or ending with "-".${hint}`,
        );
      }
      const prev = seen.get(wn.name);
      if (prev !== undefined) {
        report(
          `${wn.path}.name`,
          `workload network name ${quote(wn.name)} is already used by ${prev}. Give every workload network its own name.`,
        );
      } else {
        seen.set(wn.name, wn.path);
      }
    }
  },
});
