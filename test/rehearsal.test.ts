import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  addressCount,
  CHANGED_HOSTNAME,
  enableBodyProblems,
  ExpectedEnableRequest,
  Outcome,
  phaseLine,
  plannedNicNetworks,
  providersNotInstallable,
  readbackProblems,
  rehearsalSite,
  replacedAddresses,
  summaryLine,
  VmReadback,
  withChangedVappValue,
} from "../stacks/rehearsal";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { checkSiteConfig } from "../lib/site/site-config";

const site = (prefix: string) =>
  JSON.parse(fs.readFileSync(builtInSiteFiles().find((f) => path.basename(f).startsWith(prefix))!, "utf8"));

// Terraform 1.11.4's output of `terraform init -no-color` with no registry and no mirror (as seen here).
const NO_REGISTRY = `Initializing the backend...
Initializing provider plugins...
- Finding hashicorp/vsphere versions matching "2.5.1"...

Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/vsphere: could not connect to registry.terraform.io: failed to
request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io: no such host

`;

describe("the rehearsal's results", () => {
  test("the summary counts passed, failed and skipped phases", () => {
    const r = (outcome: Outcome) => ({ site: "t1", phase: "apply", outcome, seconds: 1, detail: "" });
    expect(
      summaryLine([
        r(Outcome.PASSED),
        r(Outcome.SKIPPED),
        r(Outcome.PASSED),
        r(Outcome.FAILED),
        r(Outcome.SKIPPED),
      ]),
    ).toBe("rehearse: 2 passed, 1 failed, 2 skipped");
  });

  test("a phase line has the site, the phase, its time and its outcome", () => {
    const line = phaseLine({
      site: "t1",
      phase: "apply",
      outcome: Outcome.FAILED,
      seconds: 12.34,
      detail: "x",
    });
    expect(line).toMatch(/^t1 +apply +12\.3 s {2}FAILED {2}x$/);
  });

  test("an init without a registry or mirror is SKIPPED with Terraform's message", () => {
    expect(providersNotInstallable(NO_REGISTRY)).toBe(
      'SKIPPED: providers not installable (Error: Failed to query available provider packages Could not retrieve the list of available versions for provider hashicorp/vsphere: could not connect to registry.terraform.io: failed to request discovery document: Get "https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup registry.terraform.io: no such host)',
    );
  });

  test("an init that fails for another reason is not a skip", () => {
    expect(
      providersNotInstallable("Error: Unsupported Terraform Core version\n\nThis configuration…"),
    ).toBeUndefined();
  });
});

describe("the rehearsal's site", () => {
  test("points the OVA at the stand-in, turns the readiness wait off and allows the Supervisor's destroy", () => {
    const out = rehearsalSite(site("t1-"), { ovaUrl: "http://127.0.0.1:4000/haproxy-v0.2.0.ova" });
    expect(out.haproxy).toEqual(
      expect.objectContaining({
        readinessCheck: false,
        healthCheck: false,
        ova: { url: "http://127.0.0.1:4000/haproxy-v0.2.0.ova" },
      }),
    );
    expect(out.supervisor.protection).toBe("allow");
    expect(checkSiteConfig(out)).toEqual([]);
  });

  test("the provider opt-in variant has its own stack name and acknowledges HAP-10", () => {
    const out = rehearsalSite(site("t1-"), {
      ovaUrl: "http://127.0.0.1:1/a.ova",
      providerVersion: "2.16.1",
      stackSuffix: "-2-16-1",
    });
    expect(out.stackName).toBe("t1-single-workload-network-2-16-1");
    expect(out.vsphere.providerVersion).toBe("2.16.1");
    expect(out.acknowledge.map((a: { rule: string }) => a.rule)).toEqual(["HAP-10"]);
    expect(checkSiteConfig(out)).toEqual([]);
  });

  test("the vApp change is the appliance's host name", () => {
    expect(withChangedVappValue(site("t1-")).haproxy.hostname).toBe(CHANGED_HOSTNAME);
  });

  test("the planned NIC networks are management, workload and, in frontend mode, frontend", () => {
    expect(plannedNicNetworks(site("t1-"))).toEqual(["VM Network", "wl-120"]);
    expect(plannedNicNetworks(site("t4-"))).toEqual(["VM Network", "wl-primary", "frontend"]);
  });
});

describe("the read-back", () => {
  const vm: VmReadback = {
    name: "haproxy",
    nics: [
      { key: 204, adapter: "vmxnet3", network: "VM Network" },
      { key: 205, adapter: "vmxnet3", network: "wl-120" },
    ],
    importedNicKeys: [204, 205],
    vappProperties: { hostname: "haproxy.local", management_ip: "10.0.0.10/24" },
    extraConfig: { "guest_rpc.auth.cloud-init.set": "FALSE" },
  };
  const expectation = {
    networks: ["VM Network", "wl-120"],
    vappProperties: { hostname: "haproxy.local", management_ip: "10.0.0.10/24" },
    extraConfig: { "guest_rpc.auth.cloud-init.set": "FALSE" },
    nicsKept: true,
  };

  test("matches when the NICs keep the import's keys on the planned networks", () => {
    expect(readbackProblems(vm, expectation)).toEqual([]);
  });

  test("recreated NICs fail the pinned provider's case and pass the opt-in case", () => {
    const recreated = { ...vm, importedNicKeys: [4000, 4001] };
    expect(readbackProblems(recreated, expectation)).toEqual([
      "NIC device keys [204,205], the import's were [4000,4001]: the NICs were recreated",
    ]);
    expect(readbackProblems(recreated, { ...expectation, nicsKept: false })).toEqual([]);
    expect(readbackProblems(vm, { ...expectation, nicsKept: false })).toEqual([
      "NIC device keys [204,205] are the import's: the NICs were kept (does this release keep them now?)",
    ]);
  });

  test("a NIC on another network, a vApp value and an extra_config value are named", () => {
    const wrong = {
      ...vm,
      nics: [vm.nics[1], vm.nics[0]],
      importedNicKeys: [205, 204],
      vappProperties: { hostname: "other", management_ip: "10.0.0.10/24" },
      extraConfig: {},
    };
    expect(readbackProblems(wrong, expectation)).toEqual([
      'NICs on ["wl-120","VM Network"], planned ["VM Network","wl-120"]',
      'vApp property hostname: "other", planned "haproxy.local"',
      'extra_config guest_rpc.auth.cloud-init.set: undefined, planned "FALSE"',
    ]);
  });
});

describe("plans and the enable request", () => {
  test("a replacement is a delete and a create of one address", () => {
    expect(
      replacedAddresses({
        resource_changes: [
          { address: "vsphere_virtual_machine.a", change: { actions: ["delete", "create"] } },
          { address: "terraform_data.b", change: { actions: ["update"] } },
          { address: "random_password.c", change: { actions: ["no-op"] } },
        ],
      }),
    ).toEqual(["vsphere_virtual_machine.a"]);
  });

  test("a first-last range is an address and a count", () => {
    expect(addressCount("192.168.120.31-192.168.120.40")).toEqual({ address: "192.168.120.31", count: 10 });
    expect(addressCount("10.0.0.255-10.0.1.0")).toEqual({ address: "10.0.0.255", count: 2 });
  });

  const expected: ExpectedEnableRequest = {
    name: "supervisor-t1",
    managementRange: { address: "10.0.0.20", count: 5 },
    workloadNodeRanges: [{ address: "192.168.120.31", count: 10 }],
    dataplaneHost: "10.0.0.10",
    dataplanePort: 5556,
    loadBalancerRanges: [{ address: "192.168.120.128", count: 127 }],
    apiServerDnsNames: ["supervisor-t1.example.com"],
  };
  // The shape the stub recorded from provider 2.16.1 for T1 (password and CA left out).
  const body = {
    name: "supervisor-t1",
    control_plane: {
      network: {
        ip_management: {
          ip_assignments: [{ assignee: "NODE", ranges: [{ address: "10.0.0.20", count: 5 }] }],
        },
      },
    },
    workloads: {
      network: {
        ip_management: {
          ip_assignments: [
            { assignee: "NODE", ranges: [{ address: "192.168.120.31", count: 10 }] },
            { assignee: "SERVICE", ranges: [{ address: "10.96.0.0", count: 512 }] },
          ],
        },
      },
      edge: {
        load_balancer_address_ranges: [{ address: "192.168.120.128", count: 127 }],
        haproxy: { servers: [{ host: "10.0.0.10", port: 5556 }] },
      },
      kube_api_server_options: { security: { certificate_dns_names: ["supervisor-t1.example.com"] } },
    },
  };

  test("the recorded request matches the plan", () => {
    expect(enableBodyProblems(body, expected)).toEqual([]);
  });

  test("a load-balancer range that differs from the plan is named with both values", () => {
    const other = JSON.parse(JSON.stringify(body));
    other.workloads.edge.load_balancer_address_ranges = [{ address: "192.168.120.128", count: 128 }];
    expect(enableBodyProblems(other, expected)).toEqual([
      'edge load-balancer ranges: [{"address":"192.168.120.128","count":128}], planned [{"address":"192.168.120.128","count":127}]',
    ]);
  });
});

describe("the rehearsal's command line", () => {
  const rehearse = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "bin/rehearse.ts", ...args], {
      cwd: path.join(__dirname, ".."),
      encoding: "utf8",
      timeout: 60000,
    });

  test("an unknown option is a usage error (exit 2) before anything is built or run", () => {
    const r = rehearse(["--sites", "my.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--sites'/);
    expect(r.stdout).not.toMatch(/build simulator/);
  });

  test("--help lists the options and exits 0", () => {
    const r = rehearse(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--keep/);
    expect(r.stdout).toMatch(/--no-recreation-case/);
  });
});
