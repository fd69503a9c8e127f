/**
 * Conformance of the four example stacks on the appliance with what a real vCenter needs (haproxy-ova.md §4): the provider
 * release that keeps the OVA's NICs and nothing it lacks, a host, the guestinfo setting, NIC order, the readiness
 * check, and the address rules of the seed example.
 */
import { Testing } from "cdktf";
import * as fixture from "./fixtures/vsphere-provider-2.5.1-attributes.json";
import { ProviderAttributes, unknownAttributePaths } from "./provider-compatibility";
import { builtInApplianceSiteFiles } from "../stacks/built-in-sites";
import { loadSiteConfig } from "../lib/site/site-config";
import { TopologyStack } from "../lib/site/topology-stack";

const PROVIDER_2_5_1 = fixture as unknown as ProviderAttributes;

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>> & {
  terraform: { required_providers: Record<string, { source: string; version: string }> };
};

function examples(): { stack: TopologyStack; json: Json }[] {
  const app = Testing.app();
  return builtInApplianceSiteFiles().map((f) => {
    const stack = new TopologyStack(app, loadSiteConfig(f));
    return { stack, json: JSON.parse(Testing.synth(stack, true)) as Json };
  });
}

const all = examples();
const names = all.map((e) => e.stack.config.stackName);
const only = <T>(o: Record<string, T>): T => {
  expect(Object.keys(o)).toHaveLength(1);
  return Object.values(o)[0];
};

describe.each(all.map((e) => [e.stack.config.stackName, e] as const))("%s", (_name, { stack, json }) => {
  const vm = () => only(json.resource.vsphere_virtual_machine);

  test("pins vsphere provider 2.5.1 under the address it was published under", () => {
    expect(json.terraform.required_providers.vsphere).toEqual({
      source: "hashicorp/vsphere",
      version: "2.5.1",
    });
  });

  test("uses nothing provider 2.5.1 does not know", () => {
    expect(unknownAttributePaths(json, PROVIDER_2_5_1, "vsphere_", "vsphere")).toEqual([]);
  });

  test("deploys the appliance on a named host (HAP-09)", () => {
    expect(stack.config.vsphere.host).toEqual(expect.any(String));
    expect(vm().host_system_id).toMatch(/^\$\{data\.vsphere_host\.host\.id\}$/);
    expect(only(json.data.vsphere_host).name).toBe(stack.config.vsphere.host);
  });

  test("lets the first boot write guestinfo on ESXi 8.0 U3", () => {
    expect(vm().extra_config).toEqual({ "guest_rpc.auth.cloud-init.set": "FALSE" });
  });

  test("keeps the NICs in OVF order, matched by position", () => {
    const order =
      stack.haproxy!.mode === "frontend"
        ? ["Management", "Workload", "Frontend"]
        : ["Management", "Workload"];
    const deploy = vm().ovf_deploy as { ovf_network_map: Record<string, string> };
    const nics = vm().network_interface as { network_id: string }[];
    expect(nics.map((n) => n.network_id)).toEqual(order.map((o) => deploy.ovf_network_map[o]));
  });

  test("waits for the Data Plane API when the VM is created or replaced; nothing else reaches the appliance", () => {
    const data = json.resource.terraform_data;
    const waitId = Object.keys(data).find((k) => k.startsWith("haproxy_dataplane-api-wait_"))!;
    const readyId = Object.keys(data).find((k) => k.startsWith("haproxy_dataplane-api-ready_"))!;
    const vmAddress = `vsphere_virtual_machine.${Object.keys(json.resource.vsphere_virtual_machine)[0]}`;
    expect(data[waitId].triggers_replace).toEqual({ virtual_machine_id: `\${${vmAddress}.id}` });
    const url = `https://${stack.config.haproxy!.managementIp}:5556/v2/info`;
    expect(data[readyId].input).toEqual({ url, virtual_machine_id: `\${${vmAddress}.id}` });
    expect(data[readyId].triggers_replace).toEqual({ wait_id: `\${terraform_data.${waitId}.id}` });
    // No data source reaches the appliance at later plans, and no check block (opt-in: healthCheck).
    expect(json.data.http).toBeUndefined();
    expect(json.check).toBeUndefined();
    expect(json.terraform.required_providers.http).toBeUndefined();
  });

  test("ignores the VM's host after create: DRS moves it (provider 2.5.1 reads it back and would move it back)", () => {
    expect((vm().lifecycle as { ignore_changes: string[] }).ignore_changes).toContain("host_system_id");
  });

  test("requires the lowest Terraform that has every construct emitted (terraform_data: 1.4)", () => {
    expect((json.terraform as unknown as { required_version: string }).required_version).toBe(">= 1.4.0");
  });
});

describe("the example sites' addresses", () => {
  const warnings = (i: number) =>
    all[i].stack.haproxy!.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));

  test("the seed's VIP block passes with the VIP-06 warning, and the Supervisor gets it without .255", () => {
    expect(names[0]).toBe("t1-single-workload-network");
    expect(warnings(0).filter((w) => w.startsWith("VIP-06 virtualIpCidrs[0]:"))).toEqual([
      expect.stringContaining('holds 192.168.120.255, the broadcast address of port group "wl-120"'),
    ]);
    expect(all[0].stack.haproxy!.virtualServerRanges).toEqual([
      { cidr: "192.168.120.128/25", start: "192.168.120.128", end: "192.168.120.254", count: 127 },
    ]);
  });

  test("T4's VIP block holds no network or broadcast address: no VIP-06", () => {
    expect(names[3]).toBe("t4-frontend-multiple-workload-networks");
    expect(warnings(3).filter((w) => w.startsWith("VIP-06"))).toEqual([]);
  });
});

describe("the 2.5.1 attribute check", () => {
  test("catches an attribute, a nested attribute and a type the release lacks", () => {
    const json = {
      resource: {
        vsphere_virtual_machine: {
          vm: { name: "x", ovf_deploy: [{ ovf_network_map: { A: "b" }, made_up: 1 }], nope: 1 },
        },
        vsphere_supervisor_v2: { s: { cluster: "c" } },
      },
      provider: { vsphere: [{ user: "u", api_token: "t" }] },
    };
    expect(unknownAttributePaths(json, PROVIDER_2_5_1, "vsphere_", "vsphere").sort()).toEqual([
      "provider.vsphere: api_token",
      "resource.vsphere_supervisor_v2.s: the type itself",
      "resource.vsphere_virtual_machine.vm: nope",
      "resource.vsphere_virtual_machine.vm: ovf_deploy.made_up",
    ]);
  });
});
