import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** HAP-08: other workload port groups need a release that routes to them. */
export default planRule({
  id: "HAP-08",
  severity: Severity.ERROR,
  summary:
    "Appliance releases before v0.2.0 ignore `additional_workload_networks`: with workload networks on other port groups than the appliance's own, the release is v0.2.0 or later.",
  why: "`additional_workload_networks` arrived in v0.2.0 (`ovf-to-cloud-init.sh`, `writeWorkloadNetworks`); v0.1.9 and v0.1.10 send traffic to other workload networks through the management gateway.",
  example: {
    failing: 'HaproxyOva.fromRelease("v0.1.10") with namespaces on their own port groups',
    passing: 'HaproxyOva.fromRelease("v0.2.0")',
  },
  haproxy: (ctx, report) => {
    const version = ctx.props.applianceVersion;
    const release = typeof version === "string" ? /^v(\d+)\.(\d+)\.(\d+)$/.exec(version) : null;
    const own = ctx.workloadPg;
    if (!release || Number(release[1]) !== 0 || Number(release[2]) >= 2 || !own) {
      return;
    }
    const others = ctx.network.workloadNetworks.filter((w) => w.portGroup !== own.name);
    if (others.length === 0) {
      return;
    }
    report(
      "ova",
      `appliance release ${quote(version)} ignores additional_workload_networks, but workload network${others.length === 1 ? "" : "s"} ${others.map((w) => `${quote(w.name)} (port group ${quote(w.portGroup)})`).join(", ")} ${others.length === 1 ? "is" : "are"} on another port group than the appliance's workload NIC (${quote(own.name)}): the appliance would send their traffic through the management gateway. Use release v0.2.0 (the default), or put every workload network on port group ${quote(own.name)}.`,
    );
  },
});
