import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { FoundationPersona } from "../../model/plan";
import { nearestName } from "../../model/nearest-name";
import { portGroupHolding } from "../foundation-context";
import { planRule } from "../rule";

/** VFL-02: every interface sits on a port group of the plan; the WORKLOAD one on a workload network's. */
export default planRule({
  id: "VFL-02",
  severity: Severity.ERROR,
  summary:
    "Every interface of the Foundation Load Balancer sits on a port group of the plan, and the interface with the WORKLOAD persona on the port group of the primary workload network.",
  why: 'The interface is attached to a distributed port group by its managed object id (`dvpg_network.network`, vsphere provider 2.16.1 `vsphere/resource_vsphere_supervisor_v2.go` line 666), which this plan takes from its own port groups: a name that is none of them has no id. The vSphere API (9.0.0.0, `Vcenter NamespaceManagement Networks Edges Foundation Persona`): the WORKLOAD persona\'s interface "must be able to reach node IP addresses on Supervisor workload networks" and "cannot be connected to a DHCP network"; on the primary workload network it reaches the Supervisor\'s nodes without a router.',
  example: {
    failing: 'WORKLOAD interface on "mgmt"',
    passing: 'WORKLOAD interface on "wl-120" (the primary workload network)',
  },
  foundation: (ctx, report) => {
    const names = ctx.network.portGroups.map((pg) => pg.name);
    const primary = ctx.network.workloadNetworks.find((w) => w.primary);
    for (const itf of ctx.interfaces) {
      const path = `${itf.path}.portGroup`;
      if (!ctx.known(itf.portGroupName, path)) {
        continue;
      }
      const holding = portGroupHolding(ctx, itf);
      if (!itf.portGroup) {
        const near = nearestName(String(itf.portGroupName), names) ?? holding?.name;
        report(
          path,
          `port group ${quote(itf.portGroupName)} of interface ${itf.index} is not a port group of the plan (${names.map(quote).join(", ")})${near ? `: did you mean ${quote(near)}?` : "."}`,
        );
        continue;
      }
      if (
        primary &&
        itf.personas.includes(FoundationPersona.WORKLOAD) &&
        itf.portGroup.name !== primary.portGroup
      ) {
        const fix =
          holding?.name === primary.portGroup
            ? ` Its address ranges lie in that port group's subnet: did you mean ${quote(primary.portGroup)}?`
            : "";
        report(
          path,
          `interface ${itf.index} has the WORKLOAD persona on port group ${quote(itf.portGroup.name)}, which is not the primary workload network's: the load balancer reaches the nodes from the primary workload network's port group ${quote(primary.portGroup)}: move the WORKLOAD persona to the interface on it, or this interface there with addresses of its subnet.${fix}`,
        );
      }
    }
  },
});
