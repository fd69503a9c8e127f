import * as fs from "fs";
import * as path from "path";
import { TerraformVariable, Testing } from "cdktf";
import {
  adviseTopology,
  AdvisedLoadBalancer,
  ExistingHaproxy,
  FoundationAvailability,
  FoundationDeploymentSize,
  FoundationLoadBalancer,
  FoundationPersona,
  Supervisor,
  SupervisorEnablement,
  SupervisorLoadBalancerType,
  SupervisorWorkloadNetwork,
} from "../lib";
import { ruleLines, s13Network, stackWithProviders, validationError } from "./fixtures";
import { supervisorV2Problems } from "./supervisor-v2-schema";

/** A CA certificate that parses (HAP-14). */
const CA = fs.readFileSync(path.join(__dirname, "fixtures", "tls", "ca.pem"), "utf8");

function network() {
  const stack = stackWithProviders();
  const net = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs-uuid",
    ...s13Network(),
    supervisorManagementStartIp: "10.0.0.20",
  });
  return { stack, net };
}

const SUPERVISOR = {
  storagePolicyId: "policy-1",
  dnsServers: ["10.0.0.2"],
  ntpServers: ["pool.ntp.org"],
  apiServerDnsNames: ["supervisor.corp.example.com"],
};

function existing(password?: string) {
  const { stack, net } = network();
  const lb = new ExistingHaproxy(stack, "haproxy", {
    network: net,
    servers: [{ host: "10.0.0.10" }, { host: "10.0.0.11", port: 5557 }],
    username: "admin",
    password: password ?? new TerraformVariable(stack, "dataplane_password", { sensitive: true }).stringValue,
    caCertificatePem: CA,
    virtualIpCidrs: ["192.168.120.128/25"],
  });
  return { stack, net, lb };
}

function foundation(patch: { interfaceRange?: string; zones?: string[] } = {}) {
  const { stack, net } = network();
  const lb = new FoundationLoadBalancer(stack, "foundation", {
    network: net,
    interfaces: [
      { personas: [FoundationPersona.MANAGEMENT], portGroup: "mgmt", addressRanges: ["10.0.0.30-10.0.0.31"] },
      {
        personas: [FoundationPersona.WORKLOAD, FoundationPersona.FRONTEND],
        portGroup: "wl-120",
        addressRanges: [patch.interfaceRange ?? "192.168.120.10-192.168.120.11"],
      },
    ],
    virtualIpCidrs: ["192.168.120.128/25"],
    deploymentSize: FoundationDeploymentSize.SMALL,
    availability: FoundationAvailability.ACTIVE_PASSIVE,
    dnsServers: ["10.0.0.2"],
    ntpServers: ["pool.ntp.org"],
    syslogEndpoint: "tcp+tls://syslog.corp.example.com:6514",
  });
  const supervisor = new Supervisor(stack, "supervisor", {
    network: net,
    loadBalancer: lb,
    ...(patch.zones ? { zones: patch.zones } : { clusterId: "domain-c8" }),
    ...SUPERVISOR,
  });
  return { stack, net, lb, supervisor };
}

type Body = Record<string, never>;
const body = (stack: ReturnType<typeof network>["stack"]) =>
  Object.values(
    (JSON.parse(Testing.synth(stack)) as { resource: { vsphere_supervisor_v2: Record<string, Body> } })
      .resource.vsphere_supervisor_v2,
  )[0];

describe("a Supervisor with an existing HAProxy", () => {
  test("sends every Data Plane API server, the sensitive password and the VIP ranges, and passes the 2.16.1 schema", () => {
    const { stack, net, lb } = existing();
    new Supervisor(stack, "supervisor", {
      network: net,
      loadBalancer: lb,
      clusterId: "domain-c8",
      ...SUPERVISOR,
    });
    expect(validationError(stack)).toBe("");
    const b = body(stack) as unknown as { workloads: { edge: Record<string, unknown> } };
    expect(supervisorV2Problems(b as unknown as Record<string, unknown>)).toEqual([]);
    const edge = b.workloads.edge;
    expect(edge.haproxy).toEqual(
      expect.objectContaining({
        server: [
          { host: "10.0.0.10", port: 5556 },
          { host: "10.0.0.11", port: 5557 },
        ],
        username: "admin",
        ca_chain: CA,
        password: "${sensitive(var.dataplane_password)}",
      }),
    );
    expect(edge.lb_address_range).toEqual([{ address: "192.168.120.128", count: 127 }]);
    expect(lb.loadBalancerType).toBe(SupervisorLoadBalancerType.EXISTING_HAPROXY);
    // No readiness precondition against an endpoint this plan does not deploy.
    expect(JSON.stringify(b)).not.toContain("precondition");
  });

  test("a literal password is SEC-02's error", () => {
    const { stack } = existing("VMware1!VMware1!");
    expect(ruleLines(validationError(stack))).toEqual([expect.stringContaining("SEC-02 password")]);
  });

  test("the VIP rules still run: a VIP block over the gateway is VIP-01, the appliance's own rules are quiet", () => {
    const { stack, net } = network();
    new ExistingHaproxy(stack, "haproxy", {
      network: net,
      servers: [{ host: "10.0.0.10" }],
      username: "admin",
      password: new TerraformVariable(stack, "p", { sensitive: true }).stringValue,
      caCertificatePem: CA,
      virtualIpCidrs: ["192.168.120.0/25"],
    });
    const lines = ruleLines(validationError(stack));
    expect(lines.some((l) => l.includes("VIP-01 virtualIpCidrs[0]"))).toBe(true);
    expect(lines.filter((l) => /HAP-|VIP-05|VIP-08|SEC-01/.test(l))).toEqual([]);
  });

  test.each([
    [
      "a port above 65535",
      { servers: [{ host: "10.0.0.10", port: 70000 }] },
      "HAP-14 servers[0].port",
      "70000",
    ],
    [
      "a host name",
      { servers: [{ host: "haproxy.example.com" }] },
      "HAP-14 servers[0].host",
      "haproxy.example.com",
    ],
    ["no server", { servers: [] }, "HAP-14 servers", "no Data Plane API endpoint"],
    ["an empty user", { username: "" }, "HAP-14 dataplaneUser", "is empty"],
    ["an empty CA", { caCertificatePem: "" }, "HAP-14 caCertificatePem", "holds no PEM certificate"],
    [
      "a CA that is no certificate",
      { caCertificatePem: "-----BEGIN CERTIFICATE-----garbage" },
      "HAP-14 caCertificatePem",
      "not an X.509 certificate",
    ],
    [
      "a host inside its own VIPs",
      { servers: [{ host: "192.168.120.130" }] },
      "HAP-14 servers[0].host",
      "VIP CIDR",
    ],
    [
      "the same server twice",
      { servers: [{ host: "10.0.0.50" }, { host: "10.0.0.50" }] },
      "HAP-14 servers[1]",
      "same Data Plane API endpoint as server 0",
    ],
  ])("an existing HAProxy with %s is refused at synth (HAP-14)", (_what, patch, place, text) => {
    const { stack, net } = network();
    new ExistingHaproxy(stack, "haproxy", {
      network: net,
      servers: [{ host: "10.0.0.10" }],
      username: "admin",
      password: new TerraformVariable(stack, "p", { sensitive: true }).stringValue,
      caCertificatePem: CA,
      virtualIpCidrs: ["192.168.120.128/25"],
      ...patch,
    });
    const lines = ruleLines(validationError(stack));
    expect(lines).toEqual([expect.stringContaining(place)]);
    expect(lines[0]).toContain(text);
  });

  test("haproxy and loadBalancer together are refused", () => {
    const { stack, net, lb } = existing();
    expect(
      () =>
        new Supervisor(stack, "supervisor", {
          network: net,
          loadBalancer: lb,
          haproxy: lb as never,
          clusterId: "domain-c8",
          ...SUPERVISOR,
        }),
    ).toThrow(/CFG-02 haproxy: given with loadBalancer|CFG-02 haproxy/);
  });
});

describe("a Supervisor with the vSphere Foundation Load Balancer", () => {
  test("sends edge.foundation with each interface on its port group, and passes the 2.16.1 schema", () => {
    const { stack } = foundation();
    expect(validationError(stack)).toBe("");
    const b = body(stack) as unknown as { workloads: { edge: Record<string, unknown> } };
    expect(supervisorV2Problems(b as unknown as Record<string, unknown>)).toEqual([]);
    const edge = b.workloads.edge as { foundation: Record<string, unknown>; haproxy?: unknown };
    expect(edge.haproxy).toBeUndefined();
    expect(edge.foundation.deployment_target).toEqual({
      availability: "ACTIVE_PASSIVE",
      deployment_size: "SMALL",
    });
    expect(edge.foundation.interface).toEqual([
      {
        personas: ["MANAGEMENT"],
        network: {
          network_type: "DVPG",
          dvpg_network: expect.objectContaining({
            name: "mgmt",
            ipam: "STATIC",
            ip_config: { ip_range: [{ address: "10.0.0.30", count: 2 }], gateway: "10.0.0.1/24" },
          }),
        },
      },
      {
        personas: ["WORKLOAD", "FRONTEND"],
        network: {
          network_type: "DVPG",
          dvpg_network: expect.objectContaining({
            name: "wl-120",
            ip_config: { ip_range: [{ address: "192.168.120.10", count: 2 }], gateway: "192.168.120.1/24" },
          }),
        },
      },
    ]);
    expect(edge.foundation.network_services).toEqual({
      dns: { servers: ["10.0.0.2"], search_domains: [] },
      ntp: { servers: ["pool.ntp.org"] },
      syslog: { endpoint: "tcp+tls://syslog.corp.example.com:6514" },
    });
  });

  test("an interface range over the node range is VFL-04's error, with a fix from the port group", () => {
    const { stack } = foundation({ interfaceRange: "192.168.120.31-192.168.120.32" });
    expect(ruleLines(validationError(stack))).toEqual([
      expect.stringMatching(
        /VFL-04 interfaces\[1\]\.addressRanges\[0\].*e\.g\. "192\.168\.120\.2-192\.168\.120\.3"/,
      ),
    ]);
  });

  test("on three vSphere Zones it sends zones and no cluster, and the report names the zones", () => {
    const { stack, supervisor } = foundation({ zones: ["zone-a", "zone-b", "zone-c"] });
    expect(validationError(stack)).toBe("");
    const b = body(stack) as unknown as Record<string, unknown>;
    expect(b.zones).toEqual(["zone-a", "zone-b", "zone-c"]);
    expect(b.cluster).toBeUndefined();
    expect(supervisorV2Problems(b)).toEqual([]);
    expect(supervisor.settings.zones).toEqual(["zone-a", "zone-b", "zone-c"]);
  });

  test("on two zones it is SUP-06's error", () => {
    const { stack } = foundation({ zones: ["zone-a", "zone-b"] });
    expect(ruleLines(validationError(stack))).toEqual([expect.stringContaining("SUP-06 zones")]);
  });

  test("the vSphere 7 request body refuses it with SUP-07", () => {
    const { stack, net } = network();
    const lb = new FoundationLoadBalancer(stack, "foundation", {
      network: net,
      interfaces: [
        {
          personas: [FoundationPersona.MANAGEMENT, FoundationPersona.WORKLOAD, FoundationPersona.FRONTEND],
          portGroup: "wl-120",
          addressRanges: ["192.168.120.10-192.168.120.11"],
        },
      ],
      virtualIpCidrs: ["192.168.120.128/25"],
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
    });
    new Supervisor(stack, "supervisor", {
      network: net,
      loadBalancer: lb,
      clusterId: "domain-c8",
      enablement: SupervisorEnablement.REQUEST_BODY_ONLY,
      ...SUPERVISOR,
    });
    expect(ruleLines(validationError(stack))).toEqual([expect.stringContaining("SUP-07 enablement")]);
  });
});

describe("the advisor asks the vSphere version", () => {
  const q = {
    isolateSupervisorFromClusters: false,
    isolateClustersFromEachOther: false,
    keepClientsOffNodeNetworks: true,
  };
  test("vSphere 9 is answered with the Foundation Load Balancer, 7 and 8 with HAProxy", () => {
    expect(adviseTopology({ ...q, vsphereVersion: 9 }).loadBalancer).toBe(
      AdvisedLoadBalancer.VSPHERE_FOUNDATION,
    );
    expect(adviseTopology({ ...q, vsphereVersion: 8 }).loadBalancer).toBe(AdvisedLoadBalancer.HAPROXY);
    expect(adviseTopology({ ...q, vsphereVersion: 7 }).loadBalancer).toBe(AdvisedLoadBalancer.HAPROXY);
  });
  test("without a version, the answer and its reasons are today's", () => {
    const a = adviseTopology(q);
    expect(a.loadBalancer).toBe(AdvisedLoadBalancer.HAPROXY);
    expect(a.reasons).toHaveLength(2);
    expect(a.topology).toBe(adviseTopology({ ...q, vsphereVersion: 9 }).topology);
  });
});

describe("VFL-04 between two interfaces", () => {
  test("reports the later interface by index: interfaces[10] after interfaces[2], not by comparing path strings", () => {
    const { stack, net } = network();
    const spare = (i: number) => ({
      personas: [],
      portGroup: "wl-120",
      addressRanges: [`192.168.120.${100 + 2 * i}-192.168.120.${101 + 2 * i}`],
    });
    const interfaces = [
      { personas: [FoundationPersona.MANAGEMENT], portGroup: "mgmt", addressRanges: ["10.0.0.30-10.0.0.31"] },
      {
        personas: [FoundationPersona.WORKLOAD, FoundationPersona.FRONTEND],
        portGroup: "wl-120",
        addressRanges: ["192.168.120.10-192.168.120.11"],
      },
      ...[2, 3, 4, 5, 6, 7, 8, 9].map(spare),
      // Overlaps interface 2's 192.168.120.104-192.168.120.105.
      { personas: [], portGroup: "wl-120", addressRanges: ["192.168.120.105-192.168.120.105"] },
    ];
    const lb = new FoundationLoadBalancer(stack, "foundation", {
      network: net,
      interfaces,
      virtualIpCidrs: ["192.168.120.128/25"],
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
    });
    const vfl04 = lb.diagnostics.filter((d) => d.ruleId === "VFL-04");
    expect(vfl04.map((d) => d.path)).toEqual(["interfaces[10].addressRanges[0]"]);
    expect(vfl04[0].message).toContain(
      'interface range "192.168.120.105-192.168.120.105" overlaps range "192.168.120.104-192.168.120.105" of load balancer interface 2',
    );
  });
});
