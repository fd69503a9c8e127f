/**
 * One Terraform configuration holds one version of a provider: the constructs pin the stack's vsphere provider
 * to the exact release they need, and two constructs that need different releases in one stack are a clear
 * error naming both.
 */
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { RequiredTerraformVersion } from "./terraform-check";
import { formatProviderRelease, parseProviderRelease, providerSource } from "../model/provider-release";

/** Stacks already pinned: the release and the construct that pinned it. */
const pinned = new WeakMap<TerraformStack, { version: string; by: string; what: string }>();

/**
 * Pin the stack's vsphere provider to an exact release and the registry address it was published under; the
 * override is merged last, over the prebuilt binding's own `required_providers` entry (cdktf
 * `TerraformStack.toTerraform`: raw overrides are merged after every element). A value that is not an exact
 * release is not pinned: rule HAP-12 reports it.
 */
export function pinVsphereProvider(scope: Construct, version: string, what: string): void {
  const release = parseProviderRelease(version);
  if (!release) {
    // A constraint ("~> 2.5") or a token: HAP-12 reports it at synth, and a plan with an error writes no
    // Terraform (plan-report-synthesizer.ts), so there is nothing to pin.
    return;
  }
  const stack = TerraformStack.of(scope);
  const exact = formatProviderRelease(release);
  const before = pinned.get(stack);
  if (before !== undefined && before.version !== exact) {
    throw new Error(
      `${scope.node.path}: ${what} needs vsphere provider ${exact}, but stack ${JSON.stringify(stack.node.id)} is pinned to ${before.version} by ${before.what} (${before.by}); one Terraform configuration holds one version of a provider, so put them in separate stacks (the Supervisor takes the appliance's values by cross-stack references).`,
    );
  }
  pinned.set(stack, { version: exact, by: scope.node.path, what });
  stack.addOverride("terraform.required_providers.vsphere.source", providerSource(release));
  stack.addOverride("terraform.required_providers.vsphere.version", exact);
}

/** The element holding each stack's lowest Terraform release. */
const requiredTerraform = new WeakMap<TerraformStack, RequiredTerraformVersion>();

/**
 * Require at least this Terraform release in the stack (`terraform.required_version = ">= x.y.z"`), keeping the
 * highest any construct of the stack asked for. OpenTofu checks the same setting against its own version
 * (1.6 and later satisfy ">= 1.5.0").
 */
export function requireTerraformVersion(scope: Construct, version: string): void {
  const stack = TerraformStack.of(scope);
  const current = requiredTerraform.get(stack);
  if (!current) {
    requiredTerraform.set(stack, new RequiredTerraformVersion(stack, "required-terraform-version", version));
    return;
  }
  const wanted = version.split(".").map(Number);
  const before = current.minimum.split(".").map(Number);
  const first = wanted.findIndex((n, i) => n !== before[i]);
  if (first >= 0 && wanted[first] > before[first]) {
    current.minimum = version;
  }
}
