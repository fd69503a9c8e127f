import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** SUP-05: the number of control-plane VMs. */
export default planRule({
  id: "SUP-05",
  severity: Severity.ERROR,
  summary:
    "The Supervisor's control-plane VM count (`controlPlaneCount`), when given, is a whole number of at least 1, the number of zones of a Supervisor enabled on one cluster.",
  why: 'vsphere provider 2.16.1 documents `control_plane.count` as "greater or equal to the number of zones backing the Supervisor - 1 for single zone deployments and 3 for stretched Supervisors" (`docs/resources/supervisor_v2.md` line 349) and validates nothing (`vsphere/resource_vsphere_supervisor_v2.go` lines 78-82: an optional TypeInt); it sends the count only when it is above 0 (`vsphere/internal/helper/supervisor/supervisor_helper.go` line 133), so 0 or a negative count silently becomes vCenter\'s default of 3, not the plan. A Supervisor enabled on a cluster (`cluster`, as here) has one zone. The vSphere API gives no other bound (it defaults the count to 3).',
  example: { failing: "controlPlaneCount 0", passing: "controlPlaneCount 3 (the default)" },
  supervisor: (ctx, report) => {
    const count: unknown = ctx.props.controlPlaneCount;
    if (count === undefined || !ctx.known(count, "controlPlaneCount")) {
      return;
    }
    if (typeof count === "number" && Number.isInteger(count) && count >= 1) {
      return;
    }
    const what =
      typeof count === "number" && Number.isInteger(count)
        ? `the provider sends no count below 1, so vCenter would deploy its default of 3 control-plane VMs instead`
        : `the control plane runs a whole number of VMs`;
    report(
      "controlPlaneCount",
      `${quote(count)} is not a number of control-plane VMs: ${what}. Give a whole number of at least 1 (the zones of a Supervisor on one cluster), e.g. 3.`,
    );
  },
});
