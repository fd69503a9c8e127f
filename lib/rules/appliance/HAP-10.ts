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
  severity: Severity.WARN,
  summary:
    "A provider release from 2.6.0 on recreates the OVA's network cards after the deploy, so the appliance's interfaces are renamed.",
  why: "After an OVF deploy, provider 2.6.x removes and re-adds every NIC and 2.7.0 and later create new ones (`virtual_machine_network_interface_subresource.go`, `NetworkInterfacePostCloneOperation`); the appliance names its interfaces by PCI slot (`10-management.link` etc.), so they come up unnamed or swapped.",
  example: {
    failing: 'vsphereProviderVersion "2.15.0"',
    passing: 'vsphereProviderVersion "2.5.1" (the default)',
  },
  haproxy: (ctx, report) => {
    const release = ctx.providerRelease;
    if (!release || keepsOvfNics(release)) {
      return;
    }
    report(
      "vsphereProviderVersion",
      `vsphere provider ${formatProviderRelease(release)} deletes the OVA's network cards after the deploy and creates new ones (every release from 2.6.0 on), so the appliance, which names its interfaces by PCI slot, comes up with unnamed or swapped interfaces. Keep the default ${NIC_PRESERVING_PROVIDER_VERSION} unless you have checked the deployed appliance's interfaces (ip link shows management, workload${ctx.frontendMode ? ", frontend" : ""}).`,
    );
  },
});
