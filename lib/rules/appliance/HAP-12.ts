import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import {
  formatProviderRelease,
  NIC_PRESERVING_PROVIDER_VERSION,
  parseProviderRelease,
} from "../../model/provider-release";
import { planRule } from "../rule";

/** An exact release written inside a constraint (`~> 2.5.1`, `>= 2.16.1`), as text. */
function releaseInside(text: string): string | undefined {
  const m = /(\d{1,4})\.(\d{1,4})\.(\d{1,4})/.exec(text);
  const release = m ? parseProviderRelease(m[0]) : undefined;
  return release ? formatProviderRelease(release) : undefined;
}

/** HAP-12: the provider release is one exact release, known at synth. */
export default planRule({
  id: "HAP-12",
  severity: Severity.ERROR,
  summary:
    'The vsphere provider release (`vsphereProviderVersion`) is one exact release `major.minor.patch`, such as "2.5.1", not a version constraint or a value known only at apply.',
  why: "The appliance's deploy depends on the exact release: 2.5.1 keeps the OVA's network cards and later ones replace them (HAP-10), releases up to 2.14.2 need a host (HAP-09). The stack pins `terraform.required_providers.vsphere.version` to that one release, which Terraform reads before any variable (hashicorp/terraform v1.11.4 `internal/configs/version_constraint.go` line 29 evaluates it with no variables), so a constraint such as `~> 2.5` or a Terraform variable cannot say which release the appliance gets.",
  example: { failing: 'vsphereProviderVersion "~> 2.5"', passing: 'vsphereProviderVersion "2.5.1"' },
  haproxy: (ctx, report) => {
    const version = ctx.props.vsphereProviderVersion;
    if (version === undefined || (typeof version === "string" && parseProviderRelease(version))) {
      return;
    }
    const accepted = `Give one exact release major.minor.patch (the default, ${NIC_PRESERVING_PROVIDER_VERSION}, keeps the OVA's network cards)`;
    if (ctx.isToken(version)) {
      report(
        "vsphereProviderVersion",
        `a value known only at apply (a Terraform variable or attribute) cannot pin the provider: Terraform reads the release before any variable. ${accepted}.`,
      );
      return;
    }
    const inside = typeof version === "string" ? releaseInside(version) : undefined;
    const proposals = [...new Set([inside, NIC_PRESERVING_PROVIDER_VERSION].filter((v) => v !== undefined))];
    report(
      "vsphereProviderVersion",
      `${quote(version)} is not an exact provider release${typeof version === "string" && /[~<>=!,^*]/.test(version) ? " (it is a version constraint)" : ""}. ${accepted}: did you mean ${JSON.stringify(proposals[0])}?`,
      proposals.slice(1),
    );
  },
});
