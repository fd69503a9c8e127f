import { Severity } from "../../model/diagnostics";
import { formatCidr, quote } from "../../model/ip";
import { HaproxyMode } from "../../model/plan";
import { planRule } from "../rule";

/** HAP-07: default mode is not what production deployments are recommended to use. */
export default planRule({
  id: "HAP-07",
  severity: Severity.WARN,
  summary:
    "Default mode: production deployments are recommended to use frontend mode; the HAProxy workload network is recommended to be a /24 or larger.",
  why: "In default mode clients reach the VIPs on the workload network, next to the nodes; frontend mode keeps them apart and is the recommended topology for production. Acknowledge it when default mode is a decision.",
  example: { failing: 'mode "default"', passing: 'mode "frontend"' },
  haproxy: (ctx, report) => {
    if (ctx.props.mode !== HaproxyMode.DEFAULT) {
      return;
    }
    const pg = ctx.workloadPg;
    const small =
      pg?.cidr && pg.cidr.prefix > 24
        ? ` Its workload port group ${quote(pg.name)} is ${quote(formatCidr(pg.cidr))}; a /24 or larger is recommended to hold nodes and VIPs.`
        : "";
    report(
      "mode",
      `the appliance is in default mode (2 NICs): clients reach the VIPs on the workload network, next to the nodes. Frontend mode (3 NICs) is recommended for production.${small}`,
    );
  },
});
