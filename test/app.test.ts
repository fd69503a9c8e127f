import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { adviseTopology, HaproxyMode, renderAddressMap, subnetReports, Topology, wizardValues } from "../lib";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { checkSiteConfig, loadSiteConfig, SiteConfigError } from "../lib/site/site-config";
import { TopologyStack } from "../lib/site/topology-stack";

function stacks(): TopologyStack[] {
  const app = Testing.app();
  return builtInSiteFiles().map((f) => new TopologyStack(app, loadSiteConfig(f)));
}

function synthJson(stack: TopologyStack): {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, unknown>>;
} {
  return JSON.parse(Testing.synth(stack, true));
}

describe("the four topology stacks", () => {
  test("are T1 to T4 on the appliance, then T5 and T6 without one, and each synthesizes with validations", () => {
    const all = stacks();
    expect(all.map((s) => s.config.stackName)).toEqual([
      "t1-single-workload-network",
      "t2-isolated-workload-network",
      "t3-multiple-workload-networks",
      "t4-frontend-multiple-workload-networks",
      "t5-vsphere9-foundation-load-balancer",
      "t6-existing-haproxy",
    ]);
    const shapes = all.map((s) => {
      const json = synthJson(s);
      const vm = Object.values(json.resource.vsphere_virtual_machine ?? {})[0] as
        | { ovf_deploy: { deployment_option: string } }
        | undefined;
      return [
        Object.keys(json.resource.vsphere_distributed_port_group).length,
        vm?.ovf_deploy.deployment_option ?? "no appliance",
      ];
    });
    expect(shapes).toEqual([
      [1, "default"],
      [2, "default"],
      [3, "default"],
      [4, "frontend"],
      [4, "no appliance"],
      [2, "no appliance"],
    ]);
  });

  test("look vSphere objects up by name and write no credential", () => {
    const json = synthJson(stacks()[0]);
    expect(Object.keys(json.data).sort()).toEqual([
      "vsphere_compute_cluster",
      "vsphere_datacenter",
      "vsphere_datastore",
      "vsphere_distributed_virtual_switch",
      "vsphere_host",
      "vsphere_network",
    ]);
    const text = Testing.synth(stacks()[0]);
    expect((JSON.parse(text) as { provider: { vsphere: object[] } }).provider.vsphere).toEqual([{}]);
    expect(text).not.toMatch(/password"\s*:\s*"[^$]/);
  });

  test("resource addresses are pinned: a renamed construct id destroys real infrastructure", () => {
    const addresses = stacks().map((s) => {
      const json = synthJson(s);
      return [
        s.config.stackName,
        Object.entries(json.resource)
          .flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`))
          .sort(),
      ];
    });
    expect(addresses).toMatchSnapshot();
  });
});

describe("the S-13 report", () => {
  const t1 = () => stacks()[0];

  test("gives the wizard values exactly", () => {
    const rows = wizardValues(t1().planReportInput()).map((w) => `${w.section} | ${w.field} | ${w.value}`);
    expect(rows).toEqual([
      "Load Balancer | Name | haproxy",
      "Load Balancer | Load Balancer Type | HAProxy",
      "Load Balancer | Data Plane API Address(es) | 10.0.0.10:5556",
      "Load Balancer | User name | admin",
      "Load Balancer | Password | Terraform output haproxy_dataplane_password (sensitive; terraform output -raw)",
      // The VIP block less the subnet's broadcast address 192.168.120.255 (VIP-06).
      "Load Balancer | Virtual IP Ranges | 192.168.120.128-192.168.120.254",
      "Load Balancer | Server Certificate Authority | Terraform output haproxy_ca_certificate_pem (cdktf output / terraform output -raw)",
      "Management Network | Network | VM Network",
      "Management Network | Starting IP Address | 10.0.0.20",
      "Management Network | Subnet Mask | 255.255.255.0",
      "Management Network | Gateway | 10.0.0.1",
      "Management Network | DNS Server(s) | 10.0.0.2",
      // The Workload Network page's own; the Supervisor's default: its management DNS servers.
      "Workload Network | DNS Server(s) | 10.0.0.2",
      'Workload Network "primary" (primary) | Name | primary',
      'Workload Network "primary" (primary) | Port Group | wl-120',
      'Workload Network "primary" (primary) | Gateway | 192.168.120.1',
      'Workload Network "primary" (primary) | Subnet Mask | 255.255.255.0',
      'Workload Network "primary" (primary) | IP Address Ranges | 192.168.120.31-192.168.120.40',
      'Workload Network "workload-1" | Name | workload-1',
      'Workload Network "workload-1" | Port Group | wl-120',
      'Workload Network "workload-1" | Gateway | 192.168.120.1',
      'Workload Network "workload-1" | Subnet Mask | 255.255.255.0',
      'Workload Network "workload-1" | IP Address Ranges | 192.168.120.51-192.168.120.60',
      "Service CIDR | Services | 10.96.0.0/23",
    ]);
  });

  test("lists every subnet with owners and free space, the warnings and S-04", () => {
    const md = t1().planReportFiles()["ip-plan.md"];
    expect(md).toContain("### wl-120 — 192.168.120.0/24 (workload)");
    expect(md).toContain("| 192.168.120.128-192.168.120.255 | 128 | HAProxy VIPs 192.168.120.128/25 |");
    expect(md).toContain(
      "| 10.0.0.20-10.0.0.24 | 5 | Supervisor control-plane VMs (management, 5 addresses) |",
    );
    expect(md).toContain("Free: 192.168.120.2-192.168.120.4 (3), 192.168.120.6-192.168.120.30 (25)");
    expect(md).toContain("HAP-07 mode:");
    expect(md).toContain("cannot be added later**");
    expect(md).not.toMatch(/\bS-\d\d\b/);
  });

  test("says which day-2 edits replace the appliance, naming the other workload port groups", () => {
    const md = stacks()[2].planReportFiles()["ip-plan.md"];
    expect(md).toContain("## Day 2: edits that replace the appliance");
    expect(md).toContain(
      'on a port group other than the appliance\'s own (today: "wl-ns-dev", "wl-ns-prod")',
    );
    expect(md).toContain("every VIP down");
    expect(md).toContain("must be replaced");
  });

  test("the SVG is well-formed and has every subnet", () => {
    for (const s of stacks()) {
      const svg = s.planReportFiles()["address-map.svg"];
      expect(
        svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
      ).toBe(true);
      // Well-formed: tags balance (no self-closing mismatch), attributes quoted, text escaped.
      const stackOfTags: string[] = [];
      for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
        if (m[1]) expect(stackOfTags.pop()).toBe(m[2]);
        else if (!m[3]) stackOfTags.push(m[2]);
      }
      expect(stackOfTags).toEqual([]);
      expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
      for (const pg of s.network.plan.portGroups) {
        expect(svg).toContain(`data-port-group="${pg.name}"`);
      }
    }
  });

  test("the map stays drawable from a /16 down to a /28", () => {
    const t = t1();
    for (const prefix of [16, 20, 24, 28]) {
      const subnets = subnetReports(t.network.plan, t.haproxy!.plan).map((s) => ({
        ...s,
        cidr: { ...s.cidr, prefix, last: s.cidr.first + 2 ** (32 - prefix) - 1 },
      }));
      const svg = renderAddressMap(`/${prefix}`, subnets);
      const widths = [
        ...svg.matchAll(/<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="26" fill="#(?!eceff1)/g),
      ].map((m) => Number(m[1]));
      expect(widths.length).toBeGreaterThan(0);
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("the topology advisor (S-34)", () => {
  test.each([
    [false, false, false, Topology.T1_SINGLE_WORKLOAD_NETWORK, HaproxyMode.DEFAULT],
    [true, false, false, Topology.T2_ISOLATED_WORKLOAD_NETWORK, HaproxyMode.DEFAULT],
    [false, true, false, Topology.T3_MULTIPLE_WORKLOAD_NETWORKS, HaproxyMode.DEFAULT],
    [true, true, false, Topology.T3_MULTIPLE_WORKLOAD_NETWORKS, HaproxyMode.DEFAULT],
    [false, false, true, Topology.T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS, HaproxyMode.FRONTEND],
    [true, false, true, Topology.T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS, HaproxyMode.FRONTEND],
    [false, true, true, Topology.T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS, HaproxyMode.FRONTEND],
    [true, true, true, Topology.T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS, HaproxyMode.FRONTEND],
  ])(
    "supervisor isolated %s, clusters isolated %s, clients kept off %s → %s in %s mode",
    (a, b, c, topology, mode) => {
      const advice = adviseTopology({
        isolateSupervisorFromClusters: a,
        isolateClustersFromEachOther: b,
        keepClientsOffNodeNetworks: c,
      });
      expect(advice.topology).toBe(topology);
      expect(advice.mode).toBe(mode);
      expect(advice.reasons).toHaveLength(2);
    },
  );
});

describe("the site configuration file", () => {
  const t1 = () =>
    JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as Record<string, Record<string, unknown>>;
  const write = (value: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "site-")), "site.json");
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  test("the built-in files are valid", () => {
    for (const f of builtInSiteFiles())
      expect(checkSiteConfig(JSON.parse(fs.readFileSync(f, "utf8")))).toEqual([]);
  });

  test("a misspelt key is reported with a suggestion, not ignored", () => {
    const cfg = t1();
    cfg.haproxy.fronendIp = "192.168.130.5";
    expect(checkSiteConfig(cfg)).toEqual([
      'CFG-01 haproxy.fronendIp: unknown key "fronendIp". Did you mean "frontendIp"?',
    ]);
  });

  test("a missing or mistyped value is reported", () => {
    const cfg = t1();
    delete cfg.vsphere.datastore;
    cfg.haproxy.mode = "three-nic";
    expect(checkSiteConfig(cfg)).toEqual([
      "CFG-02 vsphere.datastore: missing; it must be a string.",
      'CFG-02 haproxy.mode: "three-nic" is not one of "default", "frontend".',
    ]);
  });

  test("a bad address in the file fails synth with its rule id", () => {
    const cfg = t1();
    cfg.haproxy.virtualIpCidrs = ["192.168.120.0/25"];
    const stack = new TopologyStack(Testing.app(), loadSiteConfig(write(cfg)));
    expect(() => Testing.synth(stack, true)).toThrow(
      /VIP-01 virtualIpCidrs\[0\]: VIP CIDR "192.168.120.0\/25" contains gateway 192.168.120.1/,
    );
  });

  test("loadSiteConfig lists every problem at once", () => {
    const cfg = t1();
    cfg.haproxy.fronendIp = "x";
    cfg.vsphere.cluster = 3;
    try {
      loadSiteConfig(write(cfg));
      throw new Error("expected a SiteConfigError");
    } catch (e) {
      expect(e).toBeInstanceOf(SiteConfigError);
      expect((e as SiteConfigError).problems).toHaveLength(2);
    }
  });
});

describe("one word for one idea", () => {
  test("the site file's old VIP key is refused with its new name", () => {
    const cfg = JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as Record<
      string,
      Record<string, unknown>
    >;
    cfg.haproxy.virtualIpRanges = cfg.haproxy.virtualIpCidrs;
    delete cfg.haproxy.virtualIpCidrs;
    // One mistake, one line: the missing new key is what CFG-01 already proposes.
    expect(checkSiteConfig(cfg)).toEqual([
      'CFG-01 haproxy.virtualIpRanges: this key is now "virtualIpCidrs" (the same value).',
    ]);
  });

  test("a misspelt required key is one CFG-01 with the key to write, not also a CFG-02 for the key it misses", () => {
    const cfg = JSON.parse(fs.readFileSync("stacks/sites/t1-single-workload-network.json", "utf8")) as Record<
      string,
      Record<string, unknown>
    >;
    cfg.haproxy.managmentIp = cfg.haproxy.managementIp;
    delete cfg.haproxy.managementIp;
    expect(checkSiteConfig(cfg)).toEqual([
      'CFG-01 haproxy.managmentIp: unknown key "managmentIp". Did you mean "managementIp"?',
    ]);
    // A required key missing with no misspelling of it is still CFG-02.
    delete cfg.haproxy.managmentIp;
    expect(checkSiteConfig(cfg)).toEqual(["CFG-02 haproxy.managementIp: missing; it must be a string."]);
  });
});

describe("synthesis needs no terraform binary", () => {
  test("the example sites synthesize where `terraform` is missing (a laptop that synthesizes for CI, an OpenTofu user)", () => {
    // cdktf's DataResource would run `terraform version` at synth and fail here; the constructs' terraform_data
    // does not, and required_version is checked by Terraform or OpenTofu at init instead.
    const before = process.env.TERRAFORM_BINARY_NAME;
    process.env.TERRAFORM_BINARY_NAME = "no-such-terraform-binary";
    jest.resetModules();
    try {
      // A fresh cdktf module reads TERRAFORM_BINARY_NAME when it loads.
      const { synthesizeSites } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("../lib/cli/synth-sites") as typeof import("../lib/cli/synth-sites");
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "no-terraform-")), "out");
      const result = synthesizeSites(builtInSiteFiles(), out, { acrossSites: false });
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      expect(
        fs.existsSync(path.join(out, "stacks", "t1-single-workload-network-supervisor", "cdk.tf.json")),
      ).toBe(true);
    } finally {
      if (before === undefined) delete process.env.TERRAFORM_BINARY_NAME;
      else process.env.TERRAFORM_BINARY_NAME = before;
    }
  });
});

describe("CFG-05: one name, one stack", () => {
  const t1 = () => JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as Record<string, unknown>;
  const write = (dir: string, name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  test.each([
    ["the same stackName twice", "foo"],
    ["a stackName equal to another site's Supervisor stack", "foo-supervisor"],
  ])("%s: refused with both files named, no stack trace, nothing written", (_what, second) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfg05-"));
    const a = write(dir, "a.json", { ...t1(), stackName: "foo" });
    const b = write(dir, "b.json", { ...t1(), stackName: second });
    const out = path.join(dir, "out");
    const result = synthesizeSites([a, b], out);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${b}: the site configuration has 1 problem:\\n  CFG-05 stackName \\(line 1\\): stack "${second}" is already made by ${a};`,
        ),
      ),
    ]);
    expect(result.err[0]).not.toMatch(/\n\s+at /);
    const written = fs.existsSync(path.join(out, "stacks"))
      ? fs
          .readdirSync(path.join(out, "stacks"), { recursive: true })
          .filter((f) => String(f).includes("cdk.tf"))
      : [];
    expect(written).toEqual([]);
  });
});
