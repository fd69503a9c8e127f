import { Severity } from "../../model/diagnostics";
import { planRule } from "../rule";

/** SUP-07: the vSphere 7 request body enables HAProxy on one cluster only. */
export default planRule({
  id: "SUP-07",
  severity: Severity.ERROR,
  summary:
    "The vSphere 7 enable request body (`SupervisorEnablement.REQUEST_BODY_ONLY`) is for an HAProxy load balancer on one cluster: not for the vSphere Foundation Load Balancer, nor for vSphere Zones.",
  why: "The Clusters API's enable request (`POST /api/vcenter/namespace-management/clusters/{cluster}?action=enable`; vmware/govmomi v0.54.1 `vapi/namespace/namespace.go` line 36 `EnableClusterSpec`, lines 795-796 its providers) takes one cluster in its URL and a `load_balancer_config_spec` whose providers are HA_PROXY and AVI: the vSphere Foundation Load Balancer (`VSPHERE_FOUNDATION`, vSphere API 9.0.0.0) and the Supervisors API's zones (`enable_on_zones`, vSphere API 8.0.0.1) are not in it. Such Supervisors are enabled by `vsphere_supervisor_v2` (`SupervisorEnablement.TERRAFORM`).",
  example: {
    failing: "enablement REQUEST_BODY_ONLY with a FoundationLoadBalancer",
    passing: "enablement TERRAFORM (the default) with a FoundationLoadBalancer",
  },
  supervisor: (ctx, report) => {
    if (ctx.props.viaProvider !== false) {
      return;
    }
    if (ctx.props.loadBalancerType === "vsphere-foundation") {
      report(
        "enablement",
        "the vSphere 7 request body has no vSphere Foundation Load Balancer (a vSphere 9 load balancer): enable this Supervisor with vsphere_supervisor_v2 instead (enablement SupervisorEnablement.TERRAFORM, the default).",
      );
    }
    if (ctx.props.zones !== undefined) {
      report(
        "enablement",
        "the vSphere 7 request body enables a Supervisor on one cluster, not on vSphere Zones: enable this Supervisor with vsphere_supervisor_v2 instead (enablement SupervisorEnablement.TERRAFORM, the default).",
      );
    }
  },
});
