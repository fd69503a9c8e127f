import { TerraformStack, TerraformVariable } from "cdktf";
import { SupervisorWorkloadNetwork, SupervisorWorkloadNetworkProps } from "../lib";
import {
  MGMT,
  resolved,
  resources,
  ruleLines,
  s13Network,
  stackWithProviders,
  validationError,
  WL120,
} from "./fixtures";

function build(
  props: Partial<SupervisorWorkloadNetworkProps> = {},
  stack: TerraformStack = stackWithProviders(),
) {
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs-uuid",
    ...s13Network(),
    ...props,
  });
  return { stack, network };
}

const WL121 = { name: "wl-121", vlanId: 121, cidr: "192.168.121.0/24", gateway: "192.168.121.1" };
const WL122 = { name: "wl-122", vlanId: 122, cidr: "192.168.122.0/24", gateway: "192.168.122.1" };

describe("SupervisorWorkloadNetwork", () => {
  test("S-13 exactly as the page gives it: one shared port group for both workload networks, no error", () => {
    const { stack } = build();
    expect(validationError(stack)).toBe("");
    const pgs = Object.values(resources(stack, "vsphere_distributed_port_group"));
    expect(pgs).toEqual(
      [
        expect.objectContaining({
          name: "wl-120",
          vlan_id: 120,
          distributed_virtual_switch_uuid: "dvs-uuid",
        }),
        expect.objectContaining({ name: "mgmt", vlan_id: 10 }),
      ].reverse(),
    );
  });

  test("T1: one port group serves the primary and the namespaces", () => {
    const { stack, network } = build({ workloadNetworks: [] });
    expect(validationError(stack)).toBe("");
    expect(Object.values(resources(stack, "vsphere_distributed_port_group")).map((r) => r.name)).toEqual([
      "mgmt",
      "wl-120",
    ]);
    expect(network.workloadNetworkNames).toEqual(["primary"]);
  });

  test("T2: a primary port group and a separate one for the clusters", () => {
    const { stack, network } = build({
      workloadNetworks: [
        { name: "clusters", portGroup: WL121, addressRanges: ["192.168.121.10-192.168.121.200"] },
      ],
    });
    expect(validationError(stack)).toBe("");
    expect(
      Object.values(resources(stack, "vsphere_distributed_port_group")).map((r) => [r.name, r.vlan_id]),
    ).toEqual([
      ["mgmt", 10],
      ["wl-120", 120],
      ["wl-121", 121],
    ]);
    expect(resolved(stack, network.workloadNetworkId("clusters"))).toMatch(/port-group-wl-121_[0-9A-F]+\.id/);
    expect(resolved(stack, network.primaryWorkloadNetworkId)).toMatch(/port-group-wl-120_[0-9A-F]+\.id/);
  });

  test("T3: one port group per namespace, each reachable by name", () => {
    const { stack, network } = build({
      workloadNetworks: [
        { name: "ns-a", portGroup: WL121, addressRanges: ["192.168.121.10-192.168.121.200"] },
        { name: "ns-b", portGroup: WL122, addressRanges: ["192.168.122.10-192.168.122.200"] },
      ],
    });
    expect(validationError(stack)).toBe("");
    expect(network.portGroups.map((p) => p.nameInput)).toEqual(["mgmt", "wl-120", "wl-121", "wl-122"]);
    expect(network.portGroup("wl-122")).toBeDefined();
    const resolve = (v: string) => resolved(stack, v);
    expect(resolve(network.networkId("wl-122"))).toBe(resolve(network.portGroup("wl-122")!.id));
    expect(resolve(network.workloadNetworkId("ns-b"))).toMatch(
      /^\$\{vsphere_distributed_port_group\.network_port-group-wl-122_[0-9A-F]+\.id\}$/,
    );
  });

  test("an existing network is not created and its id is used", () => {
    const { stack, network } = build({
      managementNetwork: { ...MGMT, vlanId: undefined, existingNetworkId: "network-11" },
    });
    expect(validationError(stack)).toBe("");
    expect(Object.values(resources(stack, "vsphere_distributed_port_group")).map((r) => r.name)).toEqual([
      "wl-120",
    ]);
    expect(network.managementNetworkId).toBe("network-11");
    expect(network.portGroup("mgmt")).toBeUndefined();
  });

  test("port group options reach every created port group", () => {
    const { stack } = build({
      portGroupOptions: { activeUplinks: ["uplink1"], standbyUplinks: ["uplink2"] },
    });
    for (const pg of Object.values(resources(stack, "vsphere_distributed_port_group"))) {
      expect(pg).toEqual(
        expect.objectContaining({ active_uplinks: ["uplink1"], standby_uplinks: ["uplink2"] }),
      );
    }
  });

  test("an unknown port group name is a clear error", () => {
    const { network } = build();
    expect(() => network.networkId("nope")).toThrow(
      /no port group named "nope"; known port groups: "mgmt", "wl-120"/,
    );
  });

  test("token values skip their rules, never throw, and are announced once", () => {
    const stack = stackWithProviders();
    const cidr = new TerraformVariable(stack, "wl_cidr", { type: "string" });
    const { network } = build(
      {
        primaryWorkloadNetwork: {
          name: "primary",
          portGroup: { ...WL120, cidr: cidr.stringValue },
          addressRanges: ["192.168.120.31-192.168.120.40"],
        },
        workloadNetworks: [],
      },
      stack,
    );
    expect(validationError(stack)).toBe("");
    const infos = network.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => String(m.data));
    expect(infos).toHaveLength(1);
    expect(infos[0]).toContain("primaryWorkloadNetwork.portGroup.cidr");
  });

  describe("one failing plan per NET rule, reported with the construct path", () => {
    test.each([
      ["NET-01", { managementNetwork: { ...MGMT, gateway: "10.0.0.255" } }, ['"10.0.0.255"', "broadcast"]],
      [
        "NET-02",
        {
          primaryWorkloadNetwork: {
            name: "primary",
            portGroup: WL120,
            addressRanges: ["192.168.120.0-192.168.120.9"],
          },
        },
        ['"192.168.120.0-192.168.120.9"', "network address"],
      ],
      [
        "NET-03",
        { managementNetwork: { ...MGMT, cidr: "192.168.120.0/25", gateway: "192.168.120.126" } },
        ['"192.168.120.0/25"', '"wl-120"'],
      ],
      [
        "NET-04",
        {
          workloadNetworks: [
            { name: "workload-1", portGroup: WL120, addressRanges: ["192.168.120.40-192.168.120.45"] },
          ],
        },
        ['"192.168.120.40-192.168.120.45"', '"192.168.120.31-192.168.120.40"'],
      ],
      [
        "NET-05",
        {
          primaryWorkloadNetwork: {
            name: "primary",
            portGroup: WL120,
            addressRanges: ["192.168.120.31-192.168.120.31"],
          },
        },
        ['"192.168.120.31-192.168.120.31"'],
      ],
      ["NET-06", { managementNetwork: { ...MGMT, vlanId: 4095 } }, ["4095"]],
      [
        "NET-07",
        {
          workloadNetworks: [
            { name: "primary", portGroup: WL120, addressRanges: ["192.168.120.51-192.168.120.60"] },
          ],
        },
        ['"primary"'],
      ],
      ["NET-08", { supervisorManagementStartIp: "10.0.0.253" }, ['"10.0.0.253"']],
    ] as [string, Partial<SupervisorWorkloadNetworkProps>, string[]][])("%s", (id, props, quoted) => {
      const { stack } = build(props);
      const lines = ruleLines(validationError(stack)).filter((l) => l.includes(` ${id} `));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0].startsWith(`[test/network] ${id} `)).toBe(true);
      for (const q of quoted) expect(lines.join("\n")).toContain(q);
    });
  });

  test("all problems at once: one synth lists every violated rule", () => {
    const { stack } = build({
      managementNetwork: { ...MGMT, gateway: "10.0.1.1", vlanId: 5000 },
      primaryWorkloadNetwork: {
        name: "Primary!",
        portGroup: WL120,
        addressRanges: ["192.168.120.31-192.168.120.32"],
      },
      workloadNetworks: [
        { name: "workload-1", portGroup: WL120, addressRanges: ["192.168.120.300-192.168.120.310"] },
      ],
      supervisorManagementStartIp: "010.0.0.20",
    });
    const ids = ruleLines(validationError(stack)).map((l) => l.split(" ")[1]);
    expect(new Set(ids)).toEqual(new Set(["NET-01", "NET-06", "NET-07", "NET-05", "IP-03", "IP-01"]));
  });
});
