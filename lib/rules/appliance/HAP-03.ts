import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** HAP-03: the workload NIC's workload network exists. */
export default planRule({
  id: "HAP-03",
  severity: Severity.ERROR,
  summary: "The workload network named for the HAProxy workload NIC exists.",
  why: "The workload NIC may join the primary workload network or a namespace's; a name that is none of them leaves the NIC without a port group.",
  example: { failing: 'workloadNetworkName "nope"', passing: 'workloadNetworkName "ns-dev"' },
  haproxy: (ctx, report) => {
    const name = ctx.props.workloadNetworkName;
    if (ctx.workload || name === undefined || !ctx.known(name, "workloadNetworkName")) {
      return;
    }
    const names = ctx.network.workloadNetworks.map((w) => quote(w.name)).join(", ");
    report(
      "workloadNetworkName",
      `workload network ${quote(name)} does not exist. Name one of the network's workload networks: ${names}.`,
    );
  },
});
