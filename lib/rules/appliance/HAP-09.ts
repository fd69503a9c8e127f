import { Severity } from "../../model/diagnostics";
import {
  formatProviderRelease,
  NIC_PRESERVING_PROVIDER_VERSION,
  needsHostForOvfDeploy,
} from "../../model/provider-release";
import { planRule } from "../rule";

/** HAP-09: provider releases up to 2.14 need a host for an OVF deploy. */
export default planRule({
  id: "HAP-09",
  severity: Severity.ERROR,
  summary:
    "A provider release that needs it for OVF deploys (2.5.1 and earlier, through 2.14.2) gets a host (`host_system_id`) for the appliance.",
  why: 'Provider v2.5.1 `vsphere/internal/helper/ovfdeploy/ovf_helper.go` line 486 fails an OVF deploy without a host ("host system ID is required for ovf deployment"); the check is gone in 2.15.0.',
  example: {
    failing: "vsphereProviderVersion 2.5.1 without hostSystemId",
    passing: "hostSystemId from a vsphere_host data source",
  },
  haproxy: (ctx, report) => {
    const release = ctx.providerRelease;
    if (!release || !needsHostForOvfDeploy(release) || ctx.props.hostSystemId !== undefined) {
      return;
    }
    const v = formatProviderRelease(release);
    report(
      "hostSystemId",
      `vsphere provider ${v}${v === NIC_PRESERVING_PROVIDER_VERSION ? " (pinned because it keeps the OVA's network cards)" : ""} refuses an OVF deploy without a host ("host system ID is required for ovf deployment"), but no host is given. Give the ESXi host to deploy the appliance on, e.g. the id of a vsphere_host data source.`,
    );
  },
});
