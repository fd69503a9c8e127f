import { Severity } from "../../model/diagnostics";
import { planRule } from "../rule";

/** SEC-02: an existing HAProxy's Data Plane API password is never a literal. */
export default planRule({
  id: "SEC-02",
  severity: Severity.ERROR,
  summary:
    "The Data Plane API password of an HAProxy this plan does not deploy (`ExistingHaproxy.password`) is a value known at apply, e.g. a sensitive variable's, never a literal string.",
  why: "vsphere provider 2.16.1 does not mark `workloads.edge.haproxy.password` sensitive (`vsphere/resource_vsphere_supervisor_v2.go` lines 760-764: no `Sensitive`), so a literal lands in `cdk.tf.json` as plain text, and in the plan's settings trigger; nothing generates it for a load balancer we do not deploy. A sensitive `TerraformVariable` keeps it out of the configuration, and the Supervisor wraps it in `sensitive()` for the plan.",
  example: {
    failing: 'password "VMware1!VMware1!"',
    passing:
      'password from a sensitive TerraformVariable (`new TerraformVariable(stack, "dataplane_password", { sensitive: true }).stringValue`)',
  },
  haproxy: (ctx, report) => {
    const value = ctx.props.dataplanePassword;
    if (ctx.props.deployed !== false || value === undefined || ctx.isToken(value)) {
      return;
    }
    report(
      "password",
      "the Data Plane API password is a literal string: it would land in plain text in the synthesized configuration. Pass it from a sensitive TerraformVariable (sensitive: true) instead.",
    );
  },
});
