import { Severity } from "../../model/diagnostics";
import {
  formatProviderRelease,
  keepsOvfNics,
  NIC_PRESERVING_PROVIDER_VERSION,
} from "../../model/provider-release";
import { planRule } from "../rule";

/** HAP-10: a provider release that recreates the OVA's NICs. */
export default planRule({
  id: "HAP-10",
  severity: Severity.ERROR,
  acknowledgeable: true,
  summary:
    "The appliance's stack stays on a provider release that keeps the OVA's network cards (2.5.1): releases from 2.6.0 on recreate them after the deploy, and the appliance comes up without a management interface. An acknowledgement with a reason lets it through.",
  why: "After an OVF deploy, provider 2.6.x removes and re-adds every NIC and 2.7.0 and later create new ones (`virtual_machine_network_interface_subresource.go`, `NetworkInterfacePostCloneOperation`); the appliance names its interfaces by PCI slot (`10-management.link` etc.), so they come up unnamed or swapped, and the appliance has no management interface: no Data Plane API, so the Supervisor cannot program it (haproxytech/vmware-haproxy issue #32: a default-mode appliance deployed by Terraform showed `frontend` and `workload` interfaces and no `management`). It is an error rather than a warning because `terraform apply` reports success; it can be acknowledged, with a reason, by a site that has checked the deployed appliance's interfaces on that release.",
  example: {
    failing: 'vsphereProviderVersion "2.15.0"',
    passing: 'vsphereProviderVersion "2.5.1" (the default), or "2.15.0" acknowledged with a reason',
  },
  haproxy: (ctx, report) => {
    const release = ctx.providerRelease;
    if (!release || keepsOvfNics(release)) {
      return;
    }
    report(
      "vsphereProviderVersion",
      `vsphere provider ${formatProviderRelease(release)} deletes the OVA's network cards after the deploy and creates new ones (every release from 2.6.0 on), so the appliance, which names its interfaces by PCI slot, comes up with unnamed or swapped interfaces and no management interface, while terraform apply reports success. Keep the default ${NIC_PRESERVING_PROVIDER_VERSION}; or, once you have checked a deployed appliance's interfaces on this release (ip link shows management, workload${ctx.frontendMode ? ", frontend" : ""}), acknowledge HAP-10 with the reason: acknowledge: [{ ruleId: "HAP-10", reason: "…" }] on the appliance or PlanAcknowledgements.add on its stack.`,
    );
  },
});
