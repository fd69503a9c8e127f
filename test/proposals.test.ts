/**
 * Fixes computed from the user's own plan (lib/rules/proposals.ts): a VIP CIDR that cannot be read gets a block
 * of the serving port group, a range written with spaces or another dash is read and said so, and a mistyped
 * gateway gets its nearest valid address. Each proposal is asserted as text and applied: the plan then passes.
 * Both entry points are covered: the engine and constructs (TypeScript props) and a site file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  checkPlan,
  Diagnostic,
  formatDiagnostic,
  HaproxyLoadBalancer,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlanProps,
  PortGroupProps,
  Severity,
  SupervisorWorkloadNetwork,
} from "../lib";
import { freeBlocks, gatewayCandidates } from "../lib/rules/proposals";
import { formatCidr, parseCidr } from "../lib/model/ip";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { MGMT, ruleLines, stackWithProviders, validationError } from "./fixtures";

/** A workload port group 10.30.0.0/24: gateway .1, HAProxy workload NIC .5, nodes .10–.40. */
const WL30: PortGroupProps = { name: "wl-30", vlanId: 30, cidr: "10.30.0.0/24", gateway: "10.30.0.1" };
const FE40: PortGroupProps = { name: "fe-40", vlanId: 40, cidr: "10.40.0.0/24", gateway: "10.40.0.1" };

function network(overrides: Partial<NetworkPlanProps> = {}): NetworkPlanProps {
  return {
    managementNetwork: MGMT,
    primaryWorkloadNetwork: { name: "primary", portGroup: WL30, addressRanges: ["10.30.0.10-10.30.0.40"] },
    ...overrides,
  };
}

function haproxy(virtualIpCidrs: string[], overrides: Partial<HaproxyPlanProps> = {}): HaproxyPlanProps {
  return {
    mode: HaproxyMode.DEFAULT,
    virtualIpCidrs,
    managementIp: "10.0.0.10",
    workloadIp: "10.30.0.5",
    nameservers: ["10.0.0.2"],
    dataplanePort: 5556,
    dataplaneUser: "admin",
    ...overrides,
  };
}

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === Severity.ERROR);

/** The one error of a plan, as its one-line form. */
function onlyError(net: NetworkPlanProps, hap: HaproxyPlanProps): string {
  const es = errors(checkPlan(net, hap).diagnostics);
  expect(es).toHaveLength(1);
  return formatDiagnostic(es[0]);
}

/** The value a message proposes (`did you mean …?` or `e.g. …`), parsed. */
function proposed(line: string): unknown {
  const m = /(?:did you mean|e\.g\.) ("[^"]*"|\[[^\]]*\])/.exec(line);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]) as unknown;
}

describe("a VIP CIDR that cannot be read gets a block of the serving port group", () => {
  test.each([
    ["a prefix typo /62", "10.30.0.64/62", 'has prefix length "62"; it must be a whole number from 0 to 32'],
    [
      "a prefix typo /266",
      "10.30.0.64/266",
      'has prefix length "266"; it must be a whole number from 0 to 32',
    ],
    [
      "the wizard's range with spaces",
      "10.30.0.64 - 10.30.0.127",
      'is a first-last range (read as "10.30.0.64-10.30.0.127") where a CIDR is expected',
    ],
    [
      "the wizard's range with an en dash",
      "10.30.0.64–10.30.0.127",
      'is a first-last range (read as "10.30.0.64-10.30.0.127") where a CIDR is expected',
    ],
  ])("%s is read as the block meant, 10.30.0.64/26, and the plan with it passes", (_what, vip, reason) => {
    const line = onlyError(network(), haproxy([vip]));
    expect(line).toBe(
      `IP-02 virtualIpCidrs[0]: VIP CIDR ${JSON.stringify(vip)} ${reason}. Give a network-aligned CIDR a.b.c.d/n from workload port group "wl-30" (10.30.0.0/24): did you mean "10.30.0.64/26"?`,
    );
    const fix = proposed(line) as string;
    expect(errors(checkPlan(network(), haproxy([fix])).diagnostics)).toEqual([]);
  });

  test("an IPv6 block is refused as IPv4-only, with a free block of the workload subnet that passes", () => {
    const line = onlyError(network(), haproxy(["fd00:10:30::/64"]));
    expect(line).toBe(
      `IP-02 virtualIpCidrs[0]: VIP CIDR "fd00:10:30::/64" is an IPv6 block; the appliance's VIPs are IPv4 only (the appliance turns IPv6 off and serves its VIP CIDRs as IPv4 routes, and the Supervisor's load-balancer ranges start at IPv4 addresses). Give a network-aligned IPv4 CIDR a.b.c.d/n from workload port group "wl-30" (10.30.0.0/24), e.g. "10.30.0.64/26".`,
    );
    expect(errors(checkPlan(network(), haproxy([proposed(line) as string])).diagnostics)).toEqual([]);
  });

  test("an empty list gets a one-block list of the workload subnet that passes", () => {
    const line = onlyError(network(), haproxy([]));
    expect(line).toBe(
      'IP-02 virtualIpCidrs: virtualIpCidrs [] holds no CIDR; the appliance needs at least one block of virtual IPs. Give network-aligned CIDRs from workload port group "wl-30" (10.30.0.0/24), e.g. ["10.30.0.64/26"].',
    );
    expect(errors(checkPlan(network(), haproxy(proposed(line) as string[])).diagnostics)).toEqual([]);
  });

  test("in frontend mode the block comes from the frontend port group", () => {
    const net = network({ frontendNetwork: FE40 });
    const hap = haproxy(["10.40.0.64/62"], { mode: HaproxyMode.FRONTEND, frontendIp: "10.40.0.5" });
    const line = onlyError(net, hap);
    expect(line).toContain('from frontend port group "fe-40" (10.40.0.0/24): did you mean "10.40.0.64/26"?');
    expect(
      errors(checkPlan(net, { ...hap, virtualIpCidrs: [proposed(line) as string] }).diagnostics),
    ).toEqual([]);
  });

  test("when the meant block collides with the nodes, a free block of the subnet is proposed instead", () => {
    // 10.30.0.0/26 (the /62 read as /26) holds the gateway, the HAProxy NIC and the nodes.
    const line = onlyError(network(), haproxy(["10.30.0.0/62"]));
    expect(proposed(line)).toBe("10.30.0.64/26");
    expect(errors(checkPlan(network(), haproxy(["10.30.0.64/26"])).diagnostics)).toEqual([]);
  });
});

describe("a range written with spaces or another dash", () => {
  test.each([
    ["spaces", "10.30.0.10 - 10.30.0.40", "spaces"],
    ["an en dash", "10.30.0.10–10.30.0.40", 'an en dash (–) for "-"'],
    ["spaces and an em dash", "10.30.0.10 — 10.30.0.40", 'spaces and an em dash (—) for "-"'],
  ])("(%s) is read as first-last, the message says so, and the fix passes", (_what, range, how) => {
    const net = network({
      primaryWorkloadNetwork: { name: "primary", portGroup: WL30, addressRanges: [range] },
    });
    const line = onlyError(net, haproxy(["10.30.0.64/26"]));
    expect(line).toBe(
      `IP-03 primaryWorkloadNetwork.addressRanges[0]: address range of workload network "primary" ${JSON.stringify(range)} is written with ${how}; read as "10.30.0.10-10.30.0.40". Give a range "first-last" of IPv4 addresses with first ≤ last: did you mean "10.30.0.10-10.30.0.40"?`,
    );
    const fixed = network({
      primaryWorkloadNetwork: { name: "primary", portGroup: WL30, addressRanges: [proposed(line) as string] },
    });
    expect(errors(checkPlan(fixed, haproxy(["10.30.0.64/26"])).diagnostics)).toEqual([]);
  });

  test("is checked as read: its other problems are found in the same run", () => {
    // The range as read covers the gateway (NET-02): both findings come at once, and the form's fix is still
    // offered (it passes: it adds no error).
    const net = network({
      primaryWorkloadNetwork: { name: "primary", portGroup: WL30, addressRanges: ["10.30.0.1 – 10.30.0.4"] },
    });
    const ds = errors(checkPlan(net, haproxy(["10.30.0.64/26"])).diagnostics).map(formatDiagnostic);
    expect(ds).toEqual([
      expect.stringMatching(/^IP-03 .* did you mean "10\.30\.0\.1-10\.30\.0\.4"\?$/),
      expect.stringMatching(
        /^NET-02 primaryWorkloadNetwork\.addressRanges\[0\]: .* covers 10\.30\.0\.1, the gateway/,
      ),
    ]);
  });
});

describe("a gateway outside its CIDR", () => {
  const WL127: PortGroupProps = { name: "wl-127", cidr: "192.168.127.0/24", gateway: "192.168.27.254" };
  const net = (pg: PortGroupProps) =>
    network({
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: pg,
        addressRanges: ["192.168.127.31-192.168.127.40"],
      },
    });
  const hap = haproxy(["192.168.127.128/26"], { workloadIp: "192.168.127.5" });

  test("a one-digit typo gets the nearest valid address, 192.168.127.254, and the plan with it passes", () => {
    const line = onlyError(net(WL127), hap);
    expect(line).toBe(
      'NET-01 primaryWorkloadNetwork.portGroup.gateway: gateway "192.168.27.254" of port group "wl-127" is outside its CIDR "192.168.127.0/24". Give the router address of that subnet: did you mean "192.168.127.254"?',
    );
    const fixed = net({ ...WL127, gateway: proposed(line) as string });
    expect(errors(checkPlan(fixed, hap).diagnostics)).toEqual([]);
  });

  test("when the nearest address is taken by nodes, the first host address .1 is proposed and passes", () => {
    const taken = network({
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: WL127,
        addressRanges: ["192.168.127.200-192.168.127.254"],
      },
    });
    const line = onlyError(taken, hap);
    expect(proposed(line)).toBe("192.168.127.1");
    const fixed = network({
      primaryWorkloadNetwork: {
        ...taken.primaryWorkloadNetwork,
        portGroup: { ...WL127, gateway: "192.168.127.1" },
      },
    });
    expect(errors(checkPlan(fixed, hap).diagnostics)).toEqual([]);
  });

  test("a port group shared by two workload networks gets the fix in both places", () => {
    const shared = {
      ...net(WL127),
      workloadNetworks: [
        { name: "workload-1", portGroup: WL127, addressRanges: ["192.168.127.51-192.168.127.60"] },
      ],
    };
    const line = onlyError(shared, hap);
    expect(proposed(line)).toBe("192.168.127.254");
  });
});

describe("a port group CIDR that cannot be read", () => {
  test("gets the /24 of its own gateway when the text itself suggests nothing, and the fix passes", () => {
    const net = network({ managementNetwork: { ...MGMT, cidr: "10.0.0.0/333" } });
    const line = onlyError(net, haproxy(["10.30.0.64/26"]));
    expect(line).toBe(
      'IP-02 managementNetwork.cidr: CIDR of port group "mgmt" "10.0.0.0/333" has prefix length "333"; it must be a whole number from 0 to 32. Give a network-aligned CIDR a.b.c.d/n: e.g. "10.0.0.0/24".',
    );
    const fixed = network({ managementNetwork: { ...MGMT, cidr: proposed(line) as string } });
    expect(errors(checkPlan(fixed, haproxy(["10.30.0.64/26"])).diagnostics)).toEqual([]);
  });
});

describe("the proposals' arithmetic", () => {
  const cidr = (text: string) => {
    const r = parseCidr(text);
    if (!r.ok) throw new Error(text);
    return r.value;
  };

  test("free blocks leave out the subnet's network and broadcast addresses and every taken address", () => {
    // Taken: 10.30.0.1-10.30.0.40. Free: .41-.254 (the broadcast .255 is left out).
    const taken = { first: cidr("10.30.0.1/32").first, last: cidr("10.30.0.40/32").first };
    expect(freeBlocks(cidr("10.30.0.0/24"), [taken]).map(formatCidr)).toEqual([
      "10.30.0.64/26",
      "10.30.0.64/27",
      "10.30.0.48/28",
      "10.30.0.48/29",
    ]);
    // A quarter of a /26 at most; aligned blocks that would hold .192 or .255 move up or shrink.
    expect(freeBlocks(cidr("10.30.0.192/26"), []).map(formatCidr)).toEqual([
      "10.30.0.208/28",
      "10.30.0.200/29",
      "10.30.0.196/30",
      "10.30.0.194/31",
    ]);
    expect(freeBlocks(cidr("10.30.0.0/31"), [])).toEqual([]);
  });

  test("a gateway on the broadcast address gets the last host address first, then the first", () => {
    const c = cidr("10.0.0.0/24");
    expect(gatewayCandidates(c, c.last, [])).toEqual([c.last - 1, c.first + 1]);
    expect(gatewayCandidates(c, c.first, [])).toEqual([c.first + 1, c.last - 1]);
  });
});

describe("both entry points give the same fix", () => {
  test("TypeScript props: the constructs report the VIP range with spaces and its block, and the fix synthesizes", () => {
    const build = (virtualIpCidrs: string[]) => {
      const stack = stackWithProviders();
      const net = new SupervisorWorkloadNetwork(stack, "network", {
        distributedSwitchUuid: "dvs-uuid",
        ...network(),
      });
      new HaproxyLoadBalancer(stack, "haproxy", {
        network: net,
        virtualIpCidrs,
        managementIp: "10.0.0.10",
        workloadIp: "10.30.0.5",
        nameservers: ["10.0.0.2"],
        datacenterId: "dc",
        resourcePoolId: "rp",
        datastoreId: "ds",
        hostSystemId: "host",
      });
      return validationError(stack);
    };
    const lines = ruleLines(build(["10.30.0.64 - 10.30.0.127"]));
    expect(lines).toEqual([
      '[test/haproxy] IP-02 virtualIpCidrs[0]: VIP CIDR "10.30.0.64 - 10.30.0.127" is a first-last range (read as "10.30.0.64-10.30.0.127") where a CIDR is expected. Give a network-aligned CIDR a.b.c.d/n from workload port group "wl-30" (10.30.0.0/24): did you mean "10.30.0.64/26"? [docs/rules.md#ip-02]',
    ]);
    expect(build([proposed(lines[0]) as string])).toBe("");
  });

  test("a site file: the same line in the file's terms, and the file with the fix synthesizes", () => {
    const t1 = JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as Record<string, unknown>;
    const site = (virtualIpCidrs: string[]) => ({
      ...t1,
      supervisor: undefined,
      supervisorManagementStartIp: undefined,
      workloadNetworks: undefined,
      primaryWorkloadNetwork: network().primaryWorkloadNetwork,
      haproxy: { ...(t1.haproxy as object), workloadIp: "10.30.0.5", virtualIpCidrs },
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "proposals-"));
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(site(["10.30.0.64 - 10.30.0.127"])));
    const bad = synthesizeSites([file], path.join(dir, "out"));
    expect(bad.code).toBe(1);
    expect(bad.err.slice(0, bad.err.indexOf("Warnings:"))).toEqual([
      "The site configuration has problems (no Terraform was written):",
      `  ${file}: IP-02 haproxy.virtualIpCidrs[0]: VIP CIDR "10.30.0.64 - 10.30.0.127" is a first-last range (read as "10.30.0.64-10.30.0.127") where a CIDR is expected. Give a network-aligned CIDR a.b.c.d/n from workload port group "wl-30" (10.30.0.0/24): did you mean "10.30.0.64/26"? [docs/rules.md#ip-02]`,
    ]);
    fs.writeFileSync(file, JSON.stringify(site([proposed(bad.err[1]) as string])));
    const good = synthesizeSites([file], path.join(dir, "out"));
    expect(good.err).toEqual([]);
    expect(good.code).toBe(0);
  });
});
