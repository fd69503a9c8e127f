import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktn";
import { assertValidPlan } from "tanzu-haproxy-network-cdktn";
import { SiteStack, SupervisorStack } from "./main";

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

describe("site-a-supervisor", () => {
  test("is its own stack on provider 2.16.1, with the cluster and storage policy looked up there", () => {
    const app = Testing.app();
    const site = new SiteStack(app, "site-a");
    const stack = new SupervisorStack(app, "site-a-supervisor", site);
    // The app's synth resolves the cross-stack references (outputs and terraform_remote_state).
    app.synth();
    const read = (id: string) =>
      JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", id, "cdk.tf.json"), "utf8"));
    const json = read(stack.node.id);
    expect(json.terraform.required_providers.vsphere).toEqual({
      source: "vmware/vsphere",
      version: "2.16.1",
    });
    expect(Object.keys(json.resource.vsphere_supervisor_v2)).toHaveLength(1);
    expect(Object.keys(json.data.vsphere_storage_policy)).toHaveLength(1);
    expect(read("site-a").terraform.required_providers.vsphere.version).toBe("2.5.1");
  });
});
