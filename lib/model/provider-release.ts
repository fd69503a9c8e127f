/**
 * Facts about releases of the Terraform vSphere provider that decide whether the HAProxy appliance works.
 * Pure: no constructs. Every fact cites the provider's source (vmware/terraform-provider-vsphere, at the tag).
 */

/**
 * The newest provider release that keeps an OVF-deployed VM's network cards.
 *
 * At v2.5.1, `NetworkInterfacePostCloneOperation`
 * (`vsphere/internal/virtualdevice/virtual_machine_network_interface_subresource.go`, line 429) places the OVA's
 * existing NICs by unit number (`srcSet[idx-networkInterfacePciDeviceOffset]`) and edits them in place. From
 * v2.6.0 every NIC is removed and re-added (a `physical_function` diff on every NIC, provider issue #2089),
 * and from v2.7.0 on (same file: v2.15.0 lines 523/547, v2.16.1 lines 528/552) `srcSet` starts with
 * `maxNetworkInterfaceCount` empty slots and the read NICs are appended after them, so every configured NIC is
 * created new and the OVA's are deleted. The appliance names its interfaces by PCI slot
 * (haproxytech/vmware-haproxy v0.2.0, `ansible/roles/vmware/files/usr/lib/systemd/network/10-*.link`), so new
 * NICs leave it with unnamed or swapped interfaces.
 */
export const NIC_PRESERVING_PROVIDER_VERSION = "2.5.1";

/** An exact provider release, `major.minor.patch`. */
export interface ProviderRelease {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Parse an exact release such as `2.5.1` (a leading `v` or `=` is accepted); undefined for anything else. */
export function parseProviderRelease(text: string): ProviderRelease | undefined {
  const m = /^\s*=?\s*v?(\d{1,4})\.(\d{1,4})\.(\d{1,4})\s*$/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

function compare(a: ProviderRelease, b: ProviderRelease): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

const V = (major: number, minor: number, patch: number): ProviderRelease => ({ major, minor, patch });

/** True when the release keeps the OVA's NICs (2.5.1 and earlier). */
export function keepsOvfNics(r: ProviderRelease): boolean {
  return compare(r, V(2, 5, 1)) <= 0;
}

/**
 * True when the release refuses an OVF deploy without `host_system_id`: v2.5.1
 * `vsphere/internal/helper/ovfdeploy/ovf_helper.go` line 486 ("host system ID is required for ovf deployment");
 * the check is in every release up to v2.14.2 and gone in v2.15.0 (provider PR #2567).
 */
export function needsHostForOvfDeploy(r: ProviderRelease): boolean {
  return compare(r, V(2, 15, 0)) < 0;
}

/**
 * The registry address the release was published under. The provider moved from `hashicorp/vsphere` to
 * `vmware/vsphere` with commit 8e99439b ("chore(xfer): update module namespace", 2025-05-05), first released in
 * v2.13.0 (`git describe --contains 8e99439b` = `v2.13.0~14`); v2.5.1's own `main.go` serves as
 * `hashicorp/vsphere`. The registry still answers for `hashicorp/vsphere`, with a warning that the provider has
 * moved (seen by users after the move: Terraform-VMWare-Modules/terraform-vsphere-vm issue #171).
 */
export function providerSource(r: ProviderRelease): string {
  return compare(r, V(2, 13, 0)) < 0 ? "hashicorp/vsphere" : "vmware/vsphere";
}

/** The release as text. */
export function formatProviderRelease(r: ProviderRelease): string {
  return `${r.major}.${r.minor}.${r.patch}`;
}
