import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { DNS_LABEL, toDnsLabel } from "../../model/names";
import { planRule } from "../rule";

/** SUP-02: what enabling the Supervisor needs of the plan. */
export default planRule({
  id: "SUP-02",
  severity: Severity.ERROR,
  summary:
    "Enabling the Supervisor needs the management block (`supervisorManagementStartIp`, NET-08) and a storage policy for the control plane; the Supervisor name and every network identifier handed to it are DNS labels.",
  why: "The enable request takes the control plane's 5 static management addresses and its storage policy; the Namespace Management API names networks and the load balancer with DNS labels (vSphere API).",
  example: {
    failing: "no supervisorManagementStartIp",
    passing: 'supervisorManagementStartIp "10.0.0.20" and a storage policy',
  },
  supervisor: (ctx, report) => {
    if (ctx.network.props.supervisorManagementStartIp === undefined) {
      report(
        "network.supervisorManagementStartIp",
        `the network has no supervisorManagementStartIp; the Supervisor's control plane needs 5 consecutive management addresses. Give the first of them on the SupervisorWorkloadNetwork, e.g. "10.0.0.20".`,
      );
    }
    // Only an absent or empty policy is wrong: a token (a data source's id) is given, so it is not announced
    // as a value the rules skipped.
    const policy = ctx.props.storagePolicy;
    if (!ctx.isToken(policy) && (typeof policy !== "string" || policy.trim().length === 0)) {
      report(
        "storagePolicy",
        `no storage policy is given for the control-plane VMs. Give a storage policy id, e.g. from a vsphere_storage_policy data source.`,
      );
    }
    for (const { path, value } of [
      { path: "name", value: ctx.props.name },
      ...ctx.props.networkIdentifiers,
    ]) {
      if (ctx.known(value, path) && !DNS_LABEL.test(value)) {
        const fixed = toDnsLabel(String(value));
        report(
          path,
          `${quote(value)} is not a DNS label; the Supervisor takes 1–63 characters of a-z, 0-9 and "-", not starting or ending with "-".${fixed && DNS_LABEL.test(fixed) ? ` Did you mean ${quote(fixed)}?` : ""}`,
        );
      }
    }
  },
});
