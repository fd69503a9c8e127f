import { Testing } from "cdktf";
import { assertValidPlan } from "tanzu-haproxy-network";
import { SiteStack } from "./main";

describe("site-a", () => {
  test("the IP plan passes every rule", () => {
    assertValidPlan(new SiteStack(Testing.app(), "site-a"));
  });

  test("synthesizes the appliance pinned to provider 2.5.1, with the readiness wait", () => {
    const stack = new SiteStack(Testing.app(), "site-a");
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.terraform.required_providers.vsphere).toEqual({
      source: "hashicorp/vsphere",
      version: "2.5.1",
    });
    expect(Object.keys(json.resource.vsphere_virtual_machine)).toHaveLength(1);
    // The readiness wait and its mark.
    expect(Object.keys(json.resource.terraform_data)).toHaveLength(2);
    expect(json.terraform.required_version).toBe(">= 1.4.0");
    expect(json.terraform.backend.local.path).toBe("../../../terraform.site-a.tfstate");
  });

  test("the load-balancer ranges handed to the Supervisor leave out the broadcast address", () => {
    const stack = new SiteStack(Testing.app(), "site-a");
    expect(stack.haproxy.virtualServerRanges.map((r) => `${r.start}-${r.end}`)).toEqual([
      "192.168.120.128-192.168.120.254",
    ]);
  });
});
