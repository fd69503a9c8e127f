/**
 * One value per wizard row: the wizard table, the `vsphere_supervisor_v2` resource and the vSphere 7 request body
 * read the Supervisor's one `settings` value, so every row equals what the Terraform and the request carry.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { planReportFiles, Supervisor, WizardField, wizardValues } from "../lib";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { loadSiteConfig, SiteConfig } from "../lib/site/site-config";
import { SupervisorStack, supervisorProps } from "../lib/site/supervisor-stack";
import { TopologyStack } from "../lib/site/topology-stack";
import { supervisorV2Problems } from "./supervisor-v2-schema";

/** A JSON value read by path. */
type Json = { readonly [key: string]: Json } & readonly Json[];
const dig = (o: unknown, at: string): Json =>
  at.split(".").reduce((v, k) => (v as Record<string, unknown>)?.[k], o) as Json;
const text = (o: unknown, at: string): string => String(dig(o, at));

const T1 = 0;
const T4 = 3;

/** The built-in site with a value of its own in every field the wizard shows, none of them a default. */
function distinctSite(index: number, supervisor: Partial<SiteConfig["supervisor"]> = {}): SiteConfig {
  const cfg = JSON.parse(JSON.stringify(loadSiteConfig(builtInSiteFiles()[index]))) as SiteConfig;
  return {
    ...cfg,
    supervisorManagementStartIp: "10.0.0.40",
    haproxy: { ...cfg.haproxy!, name: "edge-lb", dataplanePort: 5557, dataplaneUser: "lb-admin" },
    supervisor: {
      ...cfg.supervisor!,
      dnsServers: ["10.0.0.3"],
      workloadDnsServers: ["192.168.120.2"],
      dnsSearchDomains: ["corp.example.com"],
      ntpServers: ["10.0.0.4"],
      serviceCidr: "10.96.0.0/24",
      ...supervisor,
    },
  };
}

/** The site enabled by Terraform: its wizard rows, its resource, and the appliance stack's Terraform JSON. */
function viaTerraform(cfg: SiteConfig) {
  const app = Testing.app();
  const appliance = new TopologyStack(app, cfg);
  const stack = new SupervisorStack(app, appliance, cfg.supervisor!);
  app.synth();
  const read = (id: string) =>
    JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", id, "cdk.tf.json"), "utf8")) as Json;
  const json = read(stack.node.id);
  return {
    rows: wizardValues(appliance.planReportInput()),
    resource: Object.values(dig(json, "resource.vsphere_supervisor_v2"))[0],
    applianceJson: read(appliance.node.id),
    settings: stack.supervisor.settings,
  };
}

/** The site enabled by the vSphere 7 request body: its wizard rows and the body beside its report. */
function viaRequestBody(cfg: SiteConfig) {
  const app = Testing.app();
  const appliance = new TopologyStack(app, cfg);
  const supervisorCfg = { ...cfg.supervisor!, enablement: "request-body" as const };
  new Supervisor(
    appliance,
    "supervisor",
    supervisorProps(new Construct(appliance, "supervisor-lookup"), appliance, supervisorCfg),
  );
  Testing.synth(appliance, true);
  const files = planReportFiles(appliance);
  return {
    rows: wizardValues(appliance.planReportInput()),
    request: JSON.parse(files["supervisor-enable-request.json"]) as Json,
    report: files["ip-plan.md"],
  };
}

/** `{address, count}` ranges in the wizard's `first-last` form (a reference implementation of the math). */
function firstLast(ranges: Json): string {
  const number = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const dotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
  return ranges
    .map((r) => `${text(r, "address")}-${dotted(number(text(r, "address")) + Number(dig(r, "count")) - 1)}`)
    .join(", ");
}

const maskOf = (prefix: number) =>
  [0, 1, 2, 3].map((i) => 256 - 2 ** (8 - Math.max(0, Math.min(8, prefix - 8 * i)))).join(".");
const gatewayOf = (cidr: string) => cidr.split("/")[0];
const maskOfCidr = (cidr: string) => maskOf(Number(cidr.split("/")[1]));

/**
 * A reference of the Supervisor stack (`${data.terraform_remote_state.….outputs.<output>}`, under `sensitive()`
 * or not) read back through the appliance stack: the value of that output there.
 */
function crossStackValue(ref: string, applianceJson: Json): string {
  const output = /\.outputs\.([^)}]+)\)?\}$/.exec(ref)?.[1];
  expect([ref, output]).toEqual([ref, expect.any(String)]);
  return text(dig(applianceJson, "output"), `${output}.value`);
}

/** The name of the port group a MoID reference points at (a `vsphere_network` data source or a created one). */
function portGroupName(ref: string, applianceJson: Json): string {
  const target = /^\$\{(data\.)?([a-z_]+)\.([^.]+)\.id\}$/.exec(crossStackValue(ref, applianceJson));
  expect(target).not.toBeNull();
  const [, data, type, id] = target!;
  return text(dig(applianceJson, data ? "data" : "resource"), `${type}.${id}.name`);
}

/** The named output of the appliance stack that holds the same value as the reference. */
function namedOutput(ref: string, applianceJson: Json): string {
  const value = crossStackValue(ref, applianceJson);
  const outputs = Object.entries(dig(applianceJson, "output")).filter(
    ([name, o]) => !name.startsWith("cross-stack-output-") && text(o, "value") === value,
  );
  expect(outputs).toHaveLength(1);
  return outputs[0][0];
}

/** What the request body carries for a value the user fills in: its `<…>` placeholder. */
const PLACEHOLDER = /^<[^>]+>$/;

interface Carried {
  /** The row's value as the resource carries it. */
  readonly resource: (b: Json, applianceJson: Json) => string;
  /** The row's value as the request body carries it; a RegExp when the body has a placeholder there. */
  readonly request: (r: Json) => string | RegExp;
}

const LB = "workloads.edge";
const SPEC = "load_balancer_config_spec";
const MGMT = "control_plane.network";
const WL = "workloads.network";
const PRIMARY = "workload_networks_spec.supervisor_primary_workload_network";
const serviceRange = (b: Json) =>
  dig(b, `${WL}.ip_management.ip_assignment`).find((a) => text(a, "assignee") === "SERVICE")!;
const nodeRanges = (b: Json) =>
  dig(b, `${WL}.ip_management.ip_assignment`).find((a) => text(a, "assignee") === "NODE")!;

/**
 * Every row the wizard table has, keyed `<page>: <field>` ("Primary" for the primary workload network's page),
 * and where the resource and the request body carry it.
 */
const CARRIED: Record<string, Carried> = {
  "Load Balancer: Name": { resource: (b) => text(b, `${LB}.id`), request: (r) => text(r, `${SPEC}.id`) },
  "Load Balancer: Load Balancer Type": {
    resource: (b) => (dig(b, `${LB}.haproxy`) ? "HAProxy" : "none"),
    request: (r) => (text(r, `${SPEC}.provider`) === "HA_PROXY" ? "HAProxy" : text(r, `${SPEC}.provider`)),
  },
  "Load Balancer: Data Plane API Address(es)": {
    resource: (b) =>
      dig(b, `${LB}.haproxy.server`)
        .map((s) => `${text(s, "host")}:${text(s, "port")}`)
        .join(", "),
    request: (r) =>
      dig(r, `${SPEC}.ha_proxy_config_create_spec.servers`)
        .map((s) => `${text(s, "host")}:${text(s, "port")}`)
        .join(", "),
  },
  "Load Balancer: User name": {
    resource: (b) => text(b, `${LB}.haproxy.username`),
    request: (r) => text(r, `${SPEC}.ha_proxy_config_create_spec.username`),
  },
  "Load Balancer: Password": {
    resource: (b, a) =>
      `Terraform output ${namedOutput(text(b, `${LB}.haproxy.password`), a)} (sensitive; terraform output -raw)`,
    request: () => PLACEHOLDER,
  },
  "Load Balancer: Virtual IP Ranges": {
    resource: (b) => firstLast(dig(b, `${LB}.lb_address_range`)),
    request: (r) => firstLast(dig(r, `${SPEC}.address_ranges`)),
  },
  "Load Balancer: Server Certificate Authority": {
    resource: (b, a) =>
      `Terraform output ${namedOutput(text(b, `${LB}.haproxy.ca_chain`), a)} (cdktf output / terraform output -raw)`,
    request: () => PLACEHOLDER,
  },
  "Management Network: Network": {
    resource: (b, a) => portGroupName(text(b, `${MGMT}.backing.network`), a),
    request: (r) =>
      /^<MoID of port group (.*), known at apply>$/.exec(text(r, "master_management_network.network"))?.[1] ??
      "",
  },
  "Management Network: Starting IP Address": {
    resource: (b) => text(dig(b, `${MGMT}.ip_management.ip_assignment`)[0], "range.0.address"),
    request: (r) => text(r, "master_management_network.address_range.starting_address"),
  },
  "Management Network: Subnet Mask": {
    resource: (b) => maskOfCidr(text(b, `${MGMT}.ip_management.gateway_address`)),
    request: (r) => text(r, "master_management_network.address_range.subnet_mask"),
  },
  "Management Network: Gateway": {
    resource: (b) => gatewayOf(text(b, `${MGMT}.ip_management.gateway_address`)),
    request: (r) => text(r, "master_management_network.address_range.gateway"),
  },
  "Management Network: DNS Server(s)": {
    resource: (b) => dig(b, `${MGMT}.services.dns.servers`).join(", "),
    request: (r) => dig(r, "master_DNS").join(", "),
  },
  "Workload Network: DNS Server(s)": {
    resource: (b) => dig(b, `${WL}.services.dns.servers`).join(", "),
    request: (r) => dig(r, "worker_DNS").join(", "),
  },
  "Primary: Name": {
    resource: (b) => text(b, `${WL}.network`),
    request: (r) => text(r, `${PRIMARY}.network`),
  },
  "Primary: Port Group": {
    resource: (b, a) => portGroupName(text(b, `${WL}.vsphere.dvpg`), a),
    request: (r) =>
      /^<MoID of port group (.*), known at apply>$/.exec(
        text(r, `${PRIMARY}.vsphere_network.portgroup`),
      )?.[1] ?? "",
  },
  "Primary: Gateway": {
    resource: (b) => gatewayOf(text(b, `${WL}.ip_management.gateway_address`)),
    request: (r) => text(r, `${PRIMARY}.vsphere_network.gateway`),
  },
  "Primary: Subnet Mask": {
    resource: (b) => maskOfCidr(text(b, `${WL}.ip_management.gateway_address`)),
    request: (r) => text(r, `${PRIMARY}.vsphere_network.subnet_mask`),
  },
  "Primary: IP Address Ranges": {
    resource: (b) => firstLast(dig(nodeRanges(b), "range")),
    request: (r) => firstLast(dig(r, `${PRIMARY}.vsphere_network.address_ranges`)),
  },
  "Service CIDR: Services": {
    resource: (b) => {
      const r = dig(serviceRange(b), "range")[0];
      return `${text(r, "address")}/${32 - Math.log2(Number(dig(r, "count")))}`;
    },
    request: (r) => `${text(r, "service_cidr.address")}/${text(r, "service_cidr.prefix")}`,
  },
};

/** The row's key in CARRIED; undefined for a workload network other than the primary. */
function keyOf(row: WizardField): string | undefined {
  if (/^Workload Network ".*" \(primary\)$/.test(row.section)) return `Primary: ${row.field}`;
  if (/^Workload Network "/.test(row.section)) return undefined;
  return `${row.section}: ${row.field}`;
}

describe.each([
  ["T1", T1],
  ["T4", T4],
])(
  "every wizard row of the %s plan is what the Supervisor's resource and request body carry",
  (_n, index) => {
    const cfg = distinctSite(index);
    const terraform = viaTerraform(cfg);
    const v7 = viaRequestBody(cfg);

    test("the plan is valid and its resource conforms to the provider's schema", () => {
      expect(supervisorV2Problems(terraform.resource as unknown as Record<string, unknown>)).toEqual([]);
    });

    test("each row that the Supervisor sends equals the resource's value", () => {
      const compared = terraform.rows.filter((row) => keyOf(row) !== undefined);
      expect(compared.map(keyOf).sort()).toEqual(Object.keys(CARRIED).sort());
      for (const row of compared) {
        const carried = CARRIED[keyOf(row)!].resource(terraform.resource, terraform.applianceJson);
        expect([row.section, row.field, row.value]).toEqual([row.section, row.field, carried]);
      }
    });

    test("each row that the Supervisor sends equals the request body's value, or the body has a placeholder there", () => {
      expect(v7.rows).toEqual(terraform.rows);
      for (const row of v7.rows.filter((r) => keyOf(r) !== undefined)) {
        const carried = CARRIED[keyOf(row)!].request(v7.request);
        if (carried instanceof RegExp) {
          const field = row.field === "Password" ? "password" : "certificate_authority_chain";
          expect(text(v7.request, `${SPEC}.ha_proxy_config_create_spec.${field}`)).toMatch(carried);
        } else {
          expect([row.section, row.field, row.value]).toEqual([row.section, row.field, carried]);
        }
      }
    });

    test("the rows of the other workload networks are sent by neither: they are left for vCenter", () => {
      const others = [...new Set(terraform.rows.filter((r) => keyOf(r) === undefined).map((r) => r.section))];
      expect(others.map((s) => /^Workload Network "(.*)"$/.exec(s)?.[1])).toEqual(
        terraform.settings.otherWorkloadNetworks,
      );
      for (const name of terraform.settings.otherWorkloadNetworks) {
        expect(JSON.stringify(terraform.resource)).not.toContain(`"${name}"`);
        expect(JSON.stringify(v7.request)).not.toContain(`"${name}"`);
      }
    });

    test("the site file's own values reach every place: no default stands in for them", () => {
      const row = (key: string) => terraform.rows.find((r) => keyOf(r) === key)?.value;
      expect(row("Management Network: DNS Server(s)")).toBe("10.0.0.3");
      expect(row("Workload Network: DNS Server(s)")).toBe("192.168.120.2");
      expect(row("Service CIDR: Services")).toBe("10.96.0.0/24");
      expect(row("Management Network: Starting IP Address")).toBe("10.0.0.40");
      expect(row("Load Balancer: Data Plane API Address(es)")).toBe("10.0.0.10:5557");
      expect(row("Load Balancer: User name")).toBe("lb-admin");
      expect(row("Load Balancer: Name")).toBe("edge-lb");
      // Not wizard rows, but carried by both from the same settings.
      expect(dig(terraform.resource, `${WL}.services.dns.search_domains`)).toEqual(["corp.example.com"]);
      expect(dig(terraform.resource, `${WL}.services.ntp.servers`)).toEqual(["10.0.0.4"]);
      expect(dig(v7.request, "master_DNS_search_domains")).toEqual(["corp.example.com"]);
      expect(dig(v7.request, "master_NTP_servers")).toEqual(["10.0.0.4"]);
    });

    test("the Supervisor section names both networks' DNS servers", () => {
      expect(v7.report).toContain("| DNS servers (management) | 10.0.0.3 |");
      expect(v7.report).toContain("| DNS servers (workload network) | 192.168.120.2 |");
    });
  },
);

describe("workloadDnsServers left out", () => {
  test("the workload network gets the management network's DNS servers, in every place", () => {
    const cfg = distinctSite(T1, { workloadDnsServers: undefined });
    const terraform = viaTerraform(cfg);
    const v7 = viaRequestBody(cfg);
    expect(dig(terraform.resource, `${WL}.services.dns.servers`)).toEqual(["10.0.0.3"]);
    expect(dig(terraform.resource, `${MGMT}.services.dns.servers`)).toEqual(["10.0.0.3"]);
    expect(dig(v7.request, "worker_DNS")).toEqual(["10.0.0.3"]);
    expect(terraform.rows).toContainEqual({
      section: "Workload Network",
      field: "DNS Server(s)",
      value: "10.0.0.3",
    });
  });
});

describe("supervisor.workloadDnsServers in the site file", () => {
  const run = (workloadDnsServers: unknown) => {
    const cfg = JSON.parse(fs.readFileSync(builtInSiteFiles()[T1], "utf8")) as {
      supervisor: Record<string, unknown>;
    };
    cfg.supervisor.workloadDnsServers = workloadDnsServers;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wdns-"));
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(cfg));
    return { file, dir, result: synthesizeSites([file], path.join(dir, "out")) };
  };

  test("a workload DNS server inside the VIPs is SUP-04's error at that key, with the management DNS server as the fix", () => {
    const { file, result } = run(["192.168.120.200"]);
    expect(result.code).toBe(1);
    // The error, then the plan's warnings ("Warnings:" and its lines).
    expect(result.err.slice(0, result.err.indexOf("Warnings:"))).toEqual([
      "The site configuration has problems (no Terraform was written):",
      `  ${file}: SUP-04 supervisor.workloadDnsServers[0]: DNS server "192.168.120.200" is inside VIP CIDR "192.168.120.128/25" (haproxy.virtualIpCidrs[0]): the appliance claims every VIP address, so the server would be unreachable. Give the server's real address and keep it out of the plan's blocks and ranges (or move them); did you mean "10.0.0.2" (a dnsServers entry)? [docs/rules.md#sup-04]`,
    ]);
  });

  test("a name is SUP-01's error at that key", () => {
    const { file, result } = run(["dns.example.com"]);
    expect(result.code).toBe(1);
    expect(result.err[1]).toBe(
      `  ${file}: SUP-01 supervisor.workloadDnsServers[0]: DNS server "dns.example.com" is not an IPv4 address; the provider takes addresses only. Give the server's address; did you mean "10.0.0.2" (the appliance's nameserver)? [docs/rules.md#sup-01]`,
    );
  });

  test("an address of its own reaches the Supervisor stack's resource", () => {
    const { dir, result } = run(["192.168.120.2"]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const json = JSON.parse(
      fs.readFileSync(
        path.join(dir, "out", "stacks", "t1-single-workload-network-supervisor", "cdk.tf.json"),
        "utf8",
      ),
    ) as Json;
    const b = Object.values(dig(json, "resource.vsphere_supervisor_v2"))[0];
    expect(dig(b, `${WL}.services.dns.servers`)).toEqual(["192.168.120.2"]);
    expect(dig(b, `${MGMT}.services.dns.servers`)).toEqual(["10.0.0.2"]);
  });

  test("a string instead of a list is CFG-02's error", () => {
    const { result } = run("192.168.120.2");
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain("supervisor.workloadDnsServers");
  });
});
