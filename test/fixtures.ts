/** Plans shared by the tests: the seed page's worked example (S-13) and small variations of it. */
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { VsphereProvider, VsphereProviderConfig } from "@cdktf/provider-vsphere/lib/provider";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import {
  HaproxyLoadBalancerProps,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlanProps,
  PortGroupProps,
  SupervisorWorkloadNetwork,
} from "../lib";

export const WL120: PortGroupProps = {
  name: "wl-120",
  vlanId: 120,
  cidr: "192.168.120.0/24",
  gateway: "192.168.120.1",
};
export const MGMT: PortGroupProps = { name: "mgmt", vlanId: 10, cidr: "10.0.0.0/24", gateway: "10.0.0.1" };
export const FRONTEND: PortGroupProps = {
  name: "frontend",
  vlanId: 130,
  cidr: "192.168.130.0/24",
  gateway: "192.168.130.1",
};

/** S-13: one /24, VIPs on the upper /25, two workload networks sharing the port group. */
export function s13Network(): NetworkPlanProps {
  return {
    managementNetwork: MGMT,
    primaryWorkloadNetwork: {
      name: "primary",
      portGroup: WL120,
      addressRanges: ["192.168.120.31-192.168.120.40"],
    },
    workloadNetworks: [
      { name: "workload-1", portGroup: WL120, addressRanges: ["192.168.120.51-192.168.120.60"] },
    ],
  };
}

export function s13Haproxy(overrides: Partial<HaproxyPlanProps> = {}): HaproxyPlanProps {
  return {
    mode: HaproxyMode.DEFAULT,
    virtualIpCidrs: ["192.168.120.128/25"],
    managementIp: "10.0.0.10",
    workloadIp: "192.168.120.5",
    nameservers: ["10.0.0.2"],
    dataplanePort: 5556,
    dataplaneUser: "admin",
    ...overrides,
  };
}

/** A stack with the four providers the constructs need. */
export function stackWithProviders(id = "test", app: Construct = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, id);
  // Credentials come from VSPHERE_USER / VSPHERE_PASSWORD / VSPHERE_SERVER.
  new VsphereProvider(stack, "vsphere", {} as VsphereProviderConfig);
  new TlsProvider(stack, "tls", {});
  new RandomProvider(stack, "random", {});
  new HttpProvider(stack, "http", {});
  return stack;
}

/** The message of the error synthesis with validations throws, or "" when it passes. */
export function validationError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return "";
  } catch (e) {
    return String((e as Error).message);
  }
}

/** Lines of a validation error that carry a rule id. */
export function ruleLines(message: string): string[] {
  return message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^\[[^\]]+\] [A-Z]+-\d\d /.test(l));
}

/** The resources of one type in a synthesized stack. */
export function resources(stack: TerraformStack, type: string): Record<string, Record<string, unknown>> {
  const json = JSON.parse(Testing.synth(stack)) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
  };
  return json.resource?.[type] ?? {};
}

let outputs = 0;
/** How a value (often a token) appears in the synthesized JSON. */
export function resolved(stack: TerraformStack, value: string): string {
  const id = `resolved_${outputs++}`;
  new TerraformOutput(stack, id, { value });
  const json = JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> };
  return json.output[id].value;
}

/** The S-13 appliance's props on a network, with a host (provider 2.5.1 needs one), and overrides. */
export function s13ApplianceProps(
  network: SupervisorWorkloadNetwork,
  overrides: Partial<HaproxyLoadBalancerProps> = {},
): HaproxyLoadBalancerProps {
  return {
    network,
    virtualIpCidrs: ["192.168.120.128/25"],
    managementIp: "10.0.0.10",
    workloadIp: "192.168.120.5",
    nameservers: ["10.0.0.2"],
    datacenterId: "dc",
    resourcePoolId: "rp",
    datastoreId: "ds",
    hostSystemId: "host",
    ...overrides,
  };
}
