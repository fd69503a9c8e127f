import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformVariable, Testing } from "cdktf";
import {
  planReportFiles,
  Supervisor,
  SupervisorEnablement,
  SupervisorProps,
  SupervisorProtection,
  wizardValues,
} from "../lib";
import * as fields from "./fixtures/vsphere7-enable-request-fields.json";
import { supervisorV2Problems } from "./supervisor-v2-schema";
import * as fixture from "./fixtures/vsphere-provider-2.5.1-attributes.json";
import { ProviderAttributes, unknownAttributePaths } from "./provider-compatibility";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { diagnosticLine } from "../lib/constructs/construct-diagnostics";

const PROVIDER_2_5_1 = fixture as unknown as ProviderAttributes;
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { loadSiteConfig } from "../lib/site/site-config";
import { SupervisorStack } from "../lib/site/supervisor-stack";
import { TopologyStack } from "../lib/site/topology-stack";

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** A site's appliance stack and its Supervisor stack, synthesized with validations. */
function site(index: number, patch: Partial<SupervisorProps> = {}) {
  const app = Testing.app();
  const config = loadSiteConfig(builtInSiteFiles()[index]);
  const appliance = new TopologyStack(app, config);
  const stack = new SupervisorStack(app, appliance, config.supervisor!, patch);
  // The app's own synth: cdktf resolves cross-stack references there (remote state and outputs).
  app.synth();
  const read = (id: string) =>
    JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", id, "cdk.tf.json"), "utf8"));
  return {
    app,
    appliance,
    stack,
    json: read(stack.node.id) as Json,
    applianceJson: read(appliance.node.id) as Json,
  };
}

const only = <T>(o: Record<string, T>): T => Object.values(o)[0];
const body = (json: Json) => only(json.resource.vsphere_supervisor_v2) as Record<string, never>;
const T1 = 0;
const T4 = 3;

describe.each([
  ["T1", T1],
  ["T4", T4],
])("the %s Supervisor stack", (_name, index) => {
  test("conforms to the vsphere_supervisor_v2 2.16.1 schema and its apply-time checks", () => {
    expect(supervisorV2Problems(body(site(index).json))).toEqual([]);
  });

  test("is its own stack, pinned to vmware/vsphere 2.16.1, while the appliance's stays on 2.5.1", () => {
    const { json, applianceJson } = site(index);
    expect(
      (json as unknown as { terraform: { required_providers: object } }).terraform.required_providers,
    ).toEqual({
      vsphere: { source: "vmware/vsphere", version: "2.16.1" },
    });
    expect(
      (applianceJson as unknown as { terraform: { required_providers: { vsphere: object } } }).terraform
        .required_providers.vsphere,
    ).toEqual({
      source: "hashicorp/vsphere",
      version: "2.5.1",
    });
  });
});

describe("every value sent comes from the plan (T1, the seed example)", () => {
  const { json } = site(T1);
  const b = body(json) as unknown as {
    control_plane: { network: { backing: { network: string }; ip_management: Record<string, unknown> } };
    workloads: {
      network: {
        vsphere: { dvpg: string };
        ip_management: { gateway_address: string; ip_assignment: unknown[] };
      };
      edge: { lb_address_range: unknown[]; haproxy: Record<string, unknown> };
    };
  };
  const remote = (what: RegExp) =>
    expect.stringMatching(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.[^}]*${what.source}[^}]*\\}$`));

  test("the management backing and its 5 static addresses, gateway in CIDR form", () => {
    expect(b.control_plane.network.backing.network).toEqual(remote(/existing-network-0id/));
    expect(b.control_plane.network.ip_management).toEqual({
      dhcp_enabled: false,
      gateway_address: "10.0.0.1/24",
      ip_assignment: [{ assignee: "NODE", range: [{ address: "10.0.0.20", count: 5 }] }],
    });
  });

  test("the primary workload network: its port group, NODE ranges as address/count, the service CIDR as SERVICE", () => {
    expect(b.workloads.network.vsphere.dvpg).toEqual(remote(/port-group-wl-120/));
    expect(b.workloads.network.ip_management).toEqual({
      dhcp_enabled: false,
      gateway_address: "192.168.120.1/24",
      ip_assignment: [
        { assignee: "NODE", range: [{ address: "192.168.120.31", count: 10 }] },
        { assignee: "SERVICE", range: [{ address: "10.96.0.0", count: 512 }] },
      ],
    });
  });

  test("the HAProxy edge: Data Plane API, credentials, the appliance's CA, VIP ranges without the broadcast address", () => {
    expect(b.workloads.edge.lb_address_range).toEqual([{ address: "192.168.120.128", count: 127 }]);
    expect(b.workloads.edge.haproxy).toEqual({
      server: [{ host: "10.0.0.10", port: 5556 }],
      username: "admin",
      // sensitive(): terraform_remote_state drops the mark and the provider's schema has none for `password`.
      password: expect.stringMatching(
        /^\$\{sensitive\(data\.terraform_remote_state\.[^)]*random_passwordhaproxy_dataplane-password[^)]*\)\}$/,
      ),
      ca_chain: remote(/tls_self_signed_certhaproxy_ca-cert_[0-9A-F]+cert_pem/),
    });
  });

  test("the API server's certificate names from the plan, never an empty block (provider 2.16.1 supervisor_helper.go 156)", () => {
    expect((b.workloads as unknown as Record<string, unknown>).kube_api_server_options).toEqual({
      security: { certificate_dns_names: ["supervisor-t1.example.com"] },
    });
  });

  test("it gates on the appliance's readiness wait for the planned endpoint", () => {
    const lifecycle = (body(json) as unknown as { lifecycle: { precondition: { condition: string }[] } })
      .lifecycle;
    // try(): no mark in the appliance's state (its wait failed or never ran) fails with our message.
    const remoteOutput = (name: string) => `data\\.terraform_remote_state\\.[^)]*?${name}`;
    // The mark's endpoint and VM equal the planned endpoint and the VM that exists now.
    expect(lifecycle.precondition[0].condition).toMatch(
      new RegExp(
        `^\\$\\{\\(\\(try\\(${remoteOutput("terraform_datahaproxy_dataplane-api-ready_[0-9A-F]+outputurl")}, ""\\) == "https://10\\.0\\.0\\.10:5556/v2/info"\\) && \\(try\\(${remoteOutput("terraform_datahaproxy_dataplane-api-ready_[0-9A-F]+outputvirtual_machine_id")}, ""\\) == ${remoteOutput("vsphere_virtual_machinehaproxy_appliance_[0-9A-F]+id")}\\)\\)\\}$`,
      ),
    );
    expect(JSON.stringify(json.terraform)).toContain('"required_version":">= 1.4.0"');
  });
});

describe("day 2 without surprises", () => {
  test("by default: prevent_destroy, the blocks ignored by the resource, their values in terraform_data that triggers replacement", () => {
    const { json } = site(T1);
    const b = body(json) as unknown as { lifecycle: Record<string, unknown> };
    const settings = Object.keys(json.resource.terraform_data);
    expect(settings).toHaveLength(1);
    expect(b.lifecycle).toEqual(
      expect.objectContaining({
        prevent_destroy: true,
        ignore_changes: ["control_plane", "workloads"],
        // A plain address: Terraform rejects an interpolation ("${…}") in replace_triggered_by.
        replace_triggered_by: [`terraform_data.${settings[0]}`],
      }),
    );
    const trigger = only(json.resource.terraform_data).triggers_replace as Record<string, unknown>;
    expect(Object.keys(trigger).sort()).toEqual(["cluster", "control_plane", "name", "workloads"]);
    expect(trigger.control_plane).toEqual((body(json) as Record<string, unknown>).control_plane);
  });

  test("replacement and destroy are an explicit opt-in", () => {
    const { json } = site(T1, { protection: SupervisorProtection.ALLOW_REPLACEMENT_AND_DESTROY });
    expect(
      (body(json) as unknown as { lifecycle: { prevent_destroy: boolean } }).lifecycle.prevent_destroy,
    ).toBe(false);
  });

  test("a Supervisor in the appliance's stack (pinned to 2.5.1) is a clear error", () => {
    const app = Testing.app();
    const config = loadSiteConfig(builtInSiteFiles()[T1]);
    const appliance = new TopologyStack(app, config);
    expect(
      () =>
        new Supervisor(appliance, "supervisor", {
          network: appliance.network,
          haproxy: appliance.haproxy,
          clusterId: "domain-c8",
          storagePolicyId: "policy",
          dnsServers: ["10.0.0.2"],
          ntpServers: ["pool.ntp.org"],
          apiServerDnsNames: ["supervisor.example.com"],
        }),
    ).toThrow(
      /needs vsphere provider 2\.16\.1, but stack "t1-single-workload-network" is pinned to 2\.5\.1 by the appliance/,
    );
  });
});

describe("the report and vSphere 7", () => {
  test("the appliance stack's report has a Supervisor section with every value and what is left for vCenter", () => {
    const { appliance } = site(T4);
    const md = planReportFiles(appliance)["ip-plan.md"];
    expect(md).toContain("## Supervisor");
    expect(md).toContain("| Management addresses (static, NODE) | 10.0.0.20 × 5, gateway 10.0.0.1/24 |");
    expect(md).toContain("| Load-balancer ranges | 192.168.130.64 × 64 |");
    expect(md).toContain("the other workload networks (ns-dev, ns-prod)");
    expect(md).toContain("VKS (TKG) content library");
  });

  test("the enable request body of the Clusters API has every field of the list, with the plan's values", () => {
    const { appliance } = site(T1);
    const request = JSON.parse(planReportFiles(appliance)["supervisor-enable-request.json"]) as Record<
      string,
      unknown
    >;
    const at = (o: unknown, path: string): unknown[] => {
      const [head, ...rest] = path.split(".");
      const list = head.endsWith("[]");
      const v = (o as Record<string, unknown>)?.[list ? head.slice(0, -2) : head];
      const items = list ? (v as unknown[]) : [v];
      return rest.length === 0 ? items : items.flatMap((i) => at(i, rest.join(".")));
    };
    for (const [path, kind] of Object.entries(
      (fields as unknown as { fields: Record<string, unknown> }).fields,
    )) {
      const values = at(request, path);
      expect([path, values.length > 0 && values.every((v) => v !== undefined)]).toEqual([path, true]);
      for (const v of values) {
        if (kind === "ipv4")
          expect([path, String(v)]).toEqual([path, expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)]);
        else if (kind === "number") expect(typeof v).toBe("number");
        else if (kind === "dns-label") expect(String(v)).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
        else if (kind !== "string") expect([path, v]).toEqual([path, kind]);
      }
    }
    expect(request.load_balancer_config_spec).toEqual(
      expect.objectContaining({ address_ranges: [{ address: "192.168.120.128", count: 127 }] }),
    );
    expect(JSON.stringify(request)).not.toMatch(/TfToken|\$\{/);
  });

  test("REQUEST_BODY_ONLY: no resource and no provider pin, the body is still written", () => {
    const app = Testing.app();
    const config = loadSiteConfig(builtInSiteFiles()[T1]);
    const appliance = new TopologyStack(app, config);
    new Supervisor(appliance, "supervisor", {
      network: appliance.network,
      haproxy: appliance.haproxy,
      clusterId: "domain-c8",
      storagePolicyId: "policy-1",
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
      apiServerDnsNames: ["supervisor.example.com"],
      enablement: SupervisorEnablement.REQUEST_BODY_ONLY,
    });
    const json = JSON.parse(Testing.synth(appliance, true)) as Json;
    expect(json.resource.vsphere_supervisor_v2).toBeUndefined();
    expect(
      JSON.parse(planReportFiles(appliance)["supervisor-enable-request.json"]).master_storage_policy,
    ).toBe("policy-1");
  });
});

describe("the schema check can fail", () => {
  test("it reports what the provider rejects or drops", () => {
    const b = { ...body(site(T1).json) } as Record<string, unknown>;
    const workloads = { ...(b.workloads as Record<string, unknown>), images: { repository: "x" } };
    const cp = { ...(b.control_plane as Record<string, unknown>), size: "HUGE" };
    const problems = supervisorV2Problems({ ...b, workloads, control_plane: cp, name: undefined } as Record<
      string,
      unknown
    >);
    expect(problems).toEqual(
      expect.arrayContaining([
        'control_plane.size: "HUGE" not one of TINY, SMALL, MEDIUM, LARGE',
        "name: required attribute missing",
        "workloads.images.kubernetes_content_library: required attribute missing",
        "workloads.images is silently dropped by 2.16.x: must not be sent",
      ]),
    );
  });
});

describe("the site file's request-body enablement (vSphere 7)", () => {
  test("writes the request beside the report, adds no Supervisor stack, and keeps the appliance's stack on 2.5.1", () => {
    const cfg = JSON.parse(fs.readFileSync(builtInSiteFiles()[T1], "utf8")) as {
      supervisor: Record<string, unknown>;
    };
    cfg.supervisor.enablement = "request-body";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "v7-"));
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(cfg));
    const result = synthesizeSites([file], path.join(dir, "out"));
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const stacks = fs.readdirSync(path.join(dir, "out", "stacks"));
    expect(stacks).toEqual(["t1-single-workload-network"]);
    const here = path.join(dir, "out", "stacks", stacks[0]);
    expect(fs.readdirSync(here).sort()).toEqual([
      "address-map.svg",
      "cdk.tf.json",
      "ip-plan.md",
      "supervisor-enable-request.json",
    ]);
    const json = JSON.parse(fs.readFileSync(path.join(here, "cdk.tf.json"), "utf8")) as Json;
    expect(json.resource.vsphere_supervisor_v2).toBeUndefined();
    expect(
      (json as unknown as { terraform: { required_providers: { vsphere: object } } }).terraform
        .required_providers.vsphere,
    ).toEqual({
      source: "hashicorp/vsphere",
      version: "2.5.1",
    });
    expect(unknownAttributePaths(json, PROVIDER_2_5_1, "vsphere_", "vsphere")).toEqual([]);
  });
});

describe("the Supervisor's own props take Terraform variables of their type", () => {
  test("service CIDR, both networks' DNS and NTP lists, storage policy: synthesized as expressions, announced once", () => {
    const app = Testing.app();
    const config = loadSiteConfig(builtInSiteFiles()[T1]);
    const appliance = new TopologyStack(app, config);
    const stack = new SupervisorStack(app, appliance, config.supervisor!);
    const v = (id: string, type: string) => new TerraformVariable(stack, id, { type });
    const supervisor = new Supervisor(stack, "with-variables", {
      network: appliance.network,
      haproxy: appliance.haproxy,
      clusterId: "domain-c8",
      storagePolicyId: v("policy", "string").stringValue,
      serviceCidr: v("service", "string").stringValue,
      dnsServers: v("dns", "list(string)").listValue,
      workloadDnsServers: v("workload-dns", "list(string)").listValue,
      ntpServers: v("ntp", "list(string)").listValue,
      apiServerDnsNames: v("api-names", "list(string)").listValue,
    });
    expect(supervisor.diagnostics).toEqual([]);
    const info = supervisor.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => String(m.data));
    expect(info).toEqual([expect.stringMatching(/not known until apply \(.*serviceCidr/)]);
    // The storage policy's id is a data source's or a variable's, and no rule needs its value.
    expect(info[0]).not.toContain("storagePolicy");
    const text = Testing.synth(stack, true);
    expect(text).not.toMatch(/TfToken/);
    // The report's wizard row says so, rather than printing a number token.
    expect(wizardValues(appliance.planReportInput()).find((r) => r.section === "Service CIDR")?.value).toBe(
      "(known at apply)",
    );
    const b = Object.values((JSON.parse(text) as Json).resource.vsphere_supervisor_v2).find(
      (r) => (r as { name?: string }).name === "with-variables",
    ) as unknown as {
      control_plane: { network: { services: { dns: { servers: unknown } } } };
      workloads: {
        network: {
          ip_management: { ip_assignment: { assignee: string; range: unknown[] }[] };
          services: { dns: { servers: unknown } };
        };
        kube_api_server_options: unknown;
      };
      lifecycle: { precondition: { condition: string; error_message: string }[] };
    };
    const service = b.workloads.network.ip_management.ip_assignment.find((a) => a.assignee === "SERVICE")!;
    expect(service.range).toEqual([
      {
        address: "${cidrhost(var.service, 0)}",
        count: '${pow(2, (32 - tonumber(element(split("/", var.service), 1))))}',
      },
    ]);
    expect(b.control_plane.network.services.dns.servers).toBe("${var.dns}");
    expect(b.workloads.network.services.dns.servers).toBe("${var.workload-dns}");
    // API-server names known only at apply: the list as it is, and a precondition instead of a provider crash.
    expect(b.workloads.kube_api_server_options).toEqual({
      security: { certificate_dns_names: "${var.api-names}" },
    });
    expect(b.lifecycle.precondition).toContainEqual({
      condition: "${(length(var.api-names) >= 1)}",
      error_message: expect.stringMatching(/^SUP-03 apiServerDnsNames: /),
    });
  });
});

describe("what a failing synth leaves behind", () => {
  const t1 = () =>
    JSON.parse(fs.readFileSync(builtInSiteFiles()[T1], "utf8")) as { haproxy: Record<string, unknown> };
  const write = (dir: string, cfg: unknown) => {
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(cfg));
    return file;
  };
  const stackFiles = (out: string) =>
    fs
      .readdirSync(path.join(out, "stacks"))
      .flatMap((s) =>
        fs
          .readdirSync(path.join(out, "stacks", s))
          .filter((f) => f.startsWith("cdk.tf"))
          .map((f) => `${s}/${f}`),
      )
      .sort();

  test("an error in the appliance's plan removes the Supervisor stack's Terraform of an earlier synth too", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stale-"));
    const out = path.join(dir, "out");
    expect(synthesizeSites([write(dir, t1())], out).code).toBe(0);
    expect(stackFiles(out)).toEqual([
      "t1-single-workload-network-supervisor/cdk.tf.json",
      "t1-single-workload-network/cdk.tf.json",
    ]);
    const bad = t1();
    bad.haproxy.virtualIpCidrs = ["192.168.120.0/25"];
    expect(
      fs.existsSync(path.join(out, "stacks", "t1-single-workload-network", "supervisor-enable-request.json")),
    ).toBe(true);
    const result = synthesizeSites([write(dir, bad)], out);
    expect(result.code).toBe(1);
    expect(stackFiles(out)).toEqual([]);
    // Nothing else that looks applicable: no request body, no manifest listing the removed files.
    expect(
      fs.existsSync(path.join(out, "stacks", "t1-single-workload-network", "supervisor-enable-request.json")),
    ).toBe(false);
    expect(fs.existsSync(path.join(out, "manifest.json"))).toBe(false);
  });

  test("JSON after HCL (or the reverse) leaves one file per stack: Terraform would load both", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "syntax-"));
    const out = path.join(dir, "out");
    const file = write(dir, t1());
    expect(synthesizeSites([file], out).code).toBe(0);
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      expect(synthesizeSites([file], out).code).toBe(0);
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    expect(stackFiles(out)).toEqual([
      "t1-single-workload-network-supervisor/cdk.tf",
      "t1-single-workload-network/cdk.tf",
    ]);
    expect(synthesizeSites([file], out).code).toBe(0);
    expect(stackFiles(out)).toEqual([
      "t1-single-workload-network-supervisor/cdk.tf.json",
      "t1-single-workload-network/cdk.tf.json",
    ]);
    expect(fs.existsSync(path.join(out, "stacks", "t1-single-workload-network", "metadata.json"))).toBe(
      false,
    );
  });
});

describe("SUP-03 through a site file: the API server's DNS names", () => {
  const siteWith = (patch: Record<string, unknown>) => {
    const cfg = JSON.parse(fs.readFileSync(builtInSiteFiles()[T1], "utf8")) as {
      supervisor: Record<string, unknown>;
    };
    delete cfg.supervisor.apiServerDnsNames;
    Object.assign(cfg.supervisor, patch);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sup03-"));
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(cfg));
    return { file, result: synthesizeSites([file], path.join(dir, "out")), dir };
  };

  test("left out: refused before any Terraform, with a name from the plan (first search domain)", () => {
    const { file, result, dir } = siteWith({ dnsSearchDomains: ["corp.example.com"] });
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      "The site configuration has problems (no Terraform was written):",
      expect.stringContaining(`${file}: SUP-03 supervisor.apiServerDnsNames: no DNS name is given`),
      // The T1 plan's warnings, beside the error.
      "Warnings:",
      expect.stringContaining(`${file}: VIP-06 haproxy.virtualIpCidrs[0]:`),
      expect.stringContaining(`${file}: HAP-07 haproxy.mode:`),
    ]);
    expect(result.err[1]).toContain('e.g. ["supervisor-t1.corp.example.com"]');
    // One plan, two stacks: the appliance's Terraform is not written either, and its report says why.
    for (const stack of ["t1-single-workload-network", "t1-single-workload-network-supervisor"]) {
      expect(fs.existsSync(path.join(dir, "out", "stacks", stack, "cdk.tf.json"))).toBe(false);
    }
    const report = fs.readFileSync(
      path.join(dir, "out", "stacks", "t1-single-workload-network", "ip-plan.md"),
      "utf8",
    );
    expect(report).toContain("This plan has 1 error");
    // No request body to curl for a plan with errors either.
    expect(
      fs.existsSync(
        path.join(dir, "out", "stacks", "t1-single-workload-network", "supervisor-enable-request.json"),
      ),
    ).toBe(false);
    expect(report).toMatch(/SUP-03/);
  });

  test("the proposal passes: the same file with it synthesizes", () => {
    const { result } = siteWith({
      dnsSearchDomains: ["corp.example.com"],
      apiServerDnsNames: ["supervisor-t1.corp.example.com"],
    });
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
  });

  test("a name that is no DNS name gets the nearest one", () => {
    const { file, result } = siteWith({ apiServerDnsNames: ["Supervisor_T1.Corp.example.com"] });
    expect(result.code).toBe(1);
    expect(result.err[1]).toBe(
      `  ${file}: SUP-03 supervisor.apiServerDnsNames[0]: "Supervisor_T1.Corp.example.com" is not a DNS name (labels of a-z, 0-9 and "-", separated by dots; not an IP address). Did you mean "supervisor-t1.corp.example.com"? [docs/rules.md#sup-03]`,
    );
  });

  test("the vSphere 7 request body needs none", () => {
    const { result } = siteWith({ enablement: "request-body" });
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe("apiServerDnsNames from JavaScript (no type check)", () => {
  test("a string for apiServerDnsNames: the props error, once, with the list it meant, and no TypeError", () => {
    let message = "";
    try {
      site(T1, { apiServerDnsNames: "supervisor-t1.example.com" as unknown as string[] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/TypeError|is not a function/);
    expect(message).toBe(
      '[t1-single-workload-network-supervisor/supervisor] CFG-02 apiServerDnsNames: "supervisor-t1.example.com" is a string; give a list of strings. Did you mean ["supervisor-t1.example.com"]?',
    );
  });
});

describe("the wizard table says what the Terraform does", () => {
  test("Service CIDR and Management Network DNS come from the Supervisor's own values, not defaults or the appliance's", () => {
    const { appliance, json } = site(T1, { serviceCidr: "10.96.0.0/24", dnsServers: ["10.0.0.3"] });
    const rows = Object.fromEntries(
      wizardValues(appliance.planReportInput()).map((r) => [`${r.section}: ${r.field}`, r.value]),
    );
    const b = body(json) as unknown as {
      control_plane: { network: { services: { dns: { servers: string[] } } } };
      workloads: {
        network: {
          ip_management: {
            ip_assignment: { assignee: string; range: { address: string; count: number }[] }[];
          };
        };
      };
    };
    const service = b.workloads.network.ip_management.ip_assignment.find((a) => a.assignee === "SERVICE")!
      .range[0];
    expect(service).toEqual({ address: "10.96.0.0", count: 256 });
    expect(rows["Service CIDR: Services"]).toBe(`${service.address}/${32 - Math.log2(service.count)}`);
    expect(rows["Management Network: DNS Server(s)"]).toBe(
      b.control_plane.network.services.dns.servers.join(", "),
    );
    expect(rows["Management Network: DNS Server(s)"]).toBe("10.0.0.3");
    expect(appliance.haproxy!.vappProperties.nameservers).toBe("10.0.0.2");
  });
});

describe("SUP-05: the control-plane VM count, one rule for both entry points", () => {
  const fromSite = (count: number) => {
    const cfg = JSON.parse(fs.readFileSync(builtInSiteFiles()[T1], "utf8")) as {
      supervisor: Record<string, unknown>;
    };
    cfg.supervisor.controlPlaneCount = count;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sup05-"));
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(cfg));
    return { file, result: synthesizeSites([file], path.join(dir, "out")) };
  };
  const fromTypeScript = (count: number) => {
    const app = Testing.app();
    const config = loadSiteConfig(builtInSiteFiles()[T1]);
    const appliance = new TopologyStack(app, config);
    const stack = new SupervisorStack(app, appliance, config.supervisor!, { controlPlaneCount: count });
    return stack.supervisor.diagnostics.filter((d) => d.ruleId === "SUP-05");
  };

  test("2: the provider's documented range (at least 1 zone's worth) takes it, from a site file and from TypeScript", () => {
    const { result } = fromSite(2);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(fromTypeScript(2)).toEqual([]);
  });

  test("0: refused by SUP-05 from both, with the same id and message", () => {
    const { file, result } = fromSite(0);
    expect(result.code).toBe(1);
    const [fromTs] = fromTypeScript(0);
    expect(fromTs.path).toBe("controlPlaneCount");
    // The error, then the plan's warnings ("Warnings:" and its lines).
    expect(result.err.slice(0, result.err.indexOf("Warnings:"))).toEqual([
      "The site configuration has problems (no Terraform was written):",
      `  ${file}: SUP-05 supervisor.controlPlaneCount: ${fromTs.message} [docs/rules.md#sup-05]`,
    ]);
  });
});

describe("values announced as known only at apply", () => {
  test("the storage policy, looked up by name, is not announced: no rule needs its value", () => {
    const { stack } = site(T1);
    const info = stack.supervisor.node.metadata.filter((m) => m.type === "@cdktf/info");
    expect(info).toEqual([]);
  });
});

describe("the Supervisor's findings as printed and as reported", () => {
  test("each annotation on the Supervisor is one of its findings, with the fix the report lists", () => {
    const app = Testing.app();
    const config = loadSiteConfig(builtInSiteFiles()[T1]);
    const appliance = new TopologyStack(app, config);
    const { supervisor } = new SupervisorStack(app, appliance, config.supervisor!, {
      // SUP-04's first candidate for the workload DNS server is the dnsServers entry, itself refused (SUP-01):
      // only the whole plan's check drops that fix.
      dnsServers: ["127.0.0.1"],
      workloadDnsServers: ["192.168.120.200"],
      serviceCidr: "192.168.120.0/23",
    });
    const printed = supervisor.node.metadata
      .filter((m) => m.type === "@cdktf/error" || m.type === "@cdktf/warn")
      .map((m) => String(m.data));
    expect(supervisor.diagnostics.length).toBeGreaterThan(1);
    expect(printed).toEqual(supervisor.diagnostics.map(diagnosticLine));
    expect(printed.filter((l) => l.startsWith("SUP-04 workloadDnsServers[0]"))).toHaveLength(1);
    expect(printed.join("\n")).not.toMatch(/did you mean "127\.0\.0\.1"/);
  });
});
