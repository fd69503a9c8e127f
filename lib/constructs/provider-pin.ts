/**
 * One Terraform configuration holds one version of a provider: the constructs pin the stack's vsphere provider
 * to the exact release they need, and two constructs that need different releases in one stack are a clear
 * error naming both.
 */
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { formatProviderRelease, parseProviderRelease, providerSource } from "../model/provider-release";

/** Stacks already pinned: the release and the construct that pinned it. */
const pinned = new WeakMap<TerraformStack, { version: string; by: string; what: string }>();

/**
 * Pin the stack's vsphere provider to an exact release and the registry address it was published under; the
 * override is merged last, over the prebuilt binding's own `required_providers` entry (cdktf
 * `TerraformStack.toTerraform`: raw overrides are merged after every element).
 */
export function pinVsphereProvider(scope: Construct, version: string, prop: string, what: string): void {
  const release = parseProviderRelease(version);
  if (!release) {
    throw new Error(
      `${scope.node.path}: ${prop} ${JSON.stringify(version)} is not an exact provider release, e.g. "2.5.1".`,
    );
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
