/**
 * Property-based tests: plans valid by construction pass, one injected fault gives exactly its rule, random
 * junk never crashes, and the interval arithmetic agrees with brute force. fast-check prints the seed and
 * path of any failure so it can be replayed.
 */
import fc from "fast-check";
import {
  checkPlan,
  HaproxyLoadBalancer,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlanProps,
  RULES,
  Severity,
  SupervisorWorkloadNetwork,
  WorkloadNetworkProps,
} from "../lib";
import { crossingPairs, gaps, overlappingPairs, union } from "../lib/model/ip";
import { assignLanes } from "../lib/report/address-map-layout";
import { setAt } from "../lib/rules/suggestions";
import { stackWithProviders, validationError } from "./fixtures";

interface Plan {
  network: NetworkPlanProps;
  haproxy: HaproxyPlanProps;
}

/** A valid plan: distinct /24s, ranges inside them clear of reserved addresses, VIPs in the primary's upper half. */
const validPlan: fc.Arbitrary<Plan> = fc
  .record({
    octets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
    primaryLen: fc.integer({ min: 2, max: 60 }),
    vipPrefix: fc.integer({ min: 25, max: 28 }),
    others: fc.array(
      fc.record({ start: fc.integer({ min: 20, max: 100 }), len: fc.integer({ min: 0, max: 150 }) }),
      { maxLength: 7 },
    ),
  })
  .map(({ octets, primaryLen, vipPrefix, others }) => {
    const pg = (o: number) => ({
      name: `wl-${o}`,
      vlanId: 100 + (o % 3000),
      cidr: `172.16.${o}.0/24`,
      gateway: `172.16.${o}.1`,
    });
    const p = octets[0];
    const workloadNetworks: WorkloadNetworkProps[] = octets.slice(1).map((o, i) => {
      const r = others[i % Math.max(1, others.length)] ?? { start: 20, len: 10 };
      return {
        name: `ns-${o}`,
        portGroup: pg(o),
        addressRanges: [`172.16.${o}.${r.start}-172.16.${o}.${Math.min(254, r.start + r.len)}`],
      };
    });
    return {
      network: {
        managementNetwork: { name: "mgmt", cidr: "10.0.0.0/24", gateway: "10.0.0.1" },
        supervisorManagementStartIp: "10.0.0.20",
        primaryWorkloadNetwork: {
          name: "primary",
          portGroup: pg(p),
          addressRanges: [`172.16.${p}.31-172.16.${p}.${31 + primaryLen}`],
        },
        workloadNetworks,
      },
      haproxy: {
        mode: HaproxyMode.DEFAULT,
        virtualIpCidrs: [`172.16.${p}.128/${vipPrefix}`],
        managementIp: "10.0.0.10",
        workloadIp: `172.16.${p}.5`,
        nameservers: ["10.0.0.2"],
        dataplanePort: 5556,
        dataplaneUser: "admin",
      },
    };
  });

const errorIds = (p: Plan) =>
  [
    ...new Set(
      checkPlan(p.network, p.haproxy)
        .diagnostics.filter((d) => d.severity === Severity.ERROR)
        .map((d) => d.ruleId),
    ),
  ].sort();

describe("generated plans through the engine", () => {
  test("plans valid by construction have no error (10,000 plans)", () => {
    fc.assert(
      fc.property(validPlan, (p) => errorIds(p).length === 0),
      { numRuns: 10000 },
    );
  });

  const octetOf = (p: Plan) => /172\.16\.(\d+)\./.exec(p.network.primaryWorkloadNetwork.portGroup.cidr)![1];
  const faults: [string, string, (p: Plan) => void][] = [
    [
      "a gateway inside the VIP CIDR",
      "VIP-01",
      (p) => {
        const o = octetOf(p);
        const gw = `172.16.${o}.129`;
        p.network = {
          ...p.network,
          primaryWorkloadNetwork: {
            ...p.network.primaryWorkloadNetwork,
            portGroup: { ...p.network.primaryWorkloadNetwork.portGroup, gateway: gw },
          },
        };
      },
    ],
    [
      "two overlapping ranges",
      "NET-04",
      (p) => {
        const r = p.network.primaryWorkloadNetwork.addressRanges[0];
        p.network = {
          ...p.network,
          primaryWorkloadNetwork: { ...p.network.primaryWorkloadNetwork, addressRanges: [r, r] },
        };
      },
    ],
    [
      "a range outside its subnet",
      "NET-02",
      (p) => {
        const o = octetOf(p);
        p.network = {
          ...p.network,
          primaryWorkloadNetwork: {
            ...p.network.primaryWorkloadNetwork,
            addressRanges: [`172.16.${o}.31-172.16.${o}.40`, `10.200.0.2-10.200.0.9`],
          },
        };
      },
    ],
    [
      "overlapping subnets",
      "NET-03",
      (p) => {
        p.network = {
          ...p.network,
          frontendNetwork: undefined,
          managementNetwork: { name: "mgmt", cidr: "10.0.0.0/23", gateway: "10.0.0.1" },
          workloadNetworks: [
            ...(p.network.workloadNetworks ?? []),
            {
              name: "extra",
              portGroup: { name: "extra", cidr: "10.0.1.0/24", gateway: "10.0.1.1" },
              addressRanges: ["10.0.1.100-10.0.1.110"],
            },
          ],
        };
      },
    ],
    [
      "the HAProxy workload address inside a node range",
      "HAP-02",
      (p) => {
        const o = octetOf(p);
        p.haproxy = { ...p.haproxy, workloadIp: `172.16.${o}.31` };
      },
    ],
    [
      "VIPs over a node range",
      "VIP-02",
      (p) => {
        const o = octetOf(p);
        p.haproxy = { ...p.haproxy, virtualIpCidrs: [`172.16.${o}.32/30`] };
      },
    ],
  ];

  test.each(faults)("injecting %s gives exactly %s", (_what, id, inject) => {
    fc.assert(
      fc.property(validPlan, (p) => {
        inject(p);
        return JSON.stringify(errorIds(p)) === JSON.stringify([id]);
      }),
      { numRuns: 300 },
    );
  });

  test("random values in every field give rule-id diagnostics, never a crash or a raw library message", () => {
    const junk = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.constantFrom("10.1", "::1", "1.2.3.4/33", "1.2.3.4-1.2.3.0", " 10.0.0.1", "010.0.0.1", ""),
    );
    fc.assert(
      fc.property(
        validPlan,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), junk), { minLength: 1, maxLength: 4 }),
        (p, edits) => {
          for (const [field, value] of edits) {
            const v = value as string;
            const pwn = p.network.primaryWorkloadNetwork;
            switch (field) {
              case 0:
                p.network = { ...p.network, managementNetwork: { ...p.network.managementNetwork, cidr: v } };
                break;
              case 1:
                p.network = {
                  ...p.network,
                  managementNetwork: { ...p.network.managementNetwork, gateway: v },
                };
                break;
              case 2:
                p.network = { ...p.network, primaryWorkloadNetwork: { ...pwn, addressRanges: [v] } };
                break;
              case 3:
                p.network = { ...p.network, primaryWorkloadNetwork: { ...pwn, name: v } };
                break;
              case 4:
                p.network = {
                  ...p.network,
                  primaryWorkloadNetwork: {
                    ...pwn,
                    portGroup: { ...pwn.portGroup, vlanId: value as number },
                  },
                };
                break;
              case 5:
                p.network = { ...p.network, supervisorManagementStartIp: v };
                break;
              case 6:
                p.haproxy = { ...p.haproxy, virtualIpCidrs: [v] };
                break;
              case 7:
                p.haproxy = { ...p.haproxy, managementIp: v };
                break;
              case 8:
                p.haproxy = { ...p.haproxy, nameservers: [v] };
                break;
              default:
                p.haproxy = { ...p.haproxy, dataplanePort: value as number };
                break;
            }
          }
          const ds = checkPlan(p.network, p.haproxy).diagnostics;
          return ds.every(
            (d) =>
              RULES[d.ruleId] !== undefined &&
              !/TypeError|ipaddr|undefined is not|Cannot read/.test(d.message),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("generated plans through a full construct synth", () => {
  test("plans valid by construction synthesize with validations (200 plans)", () => {
    fc.assert(
      fc.property(validPlan, (p) => {
        const stack = stackWithProviders();
        const network = new SupervisorWorkloadNetwork(stack, "network", {
          distributedSwitchUuid: "dvs",
          ...p.network,
        });
        new HaproxyLoadBalancer(stack, "haproxy", {
          network,
          mode: p.haproxy.mode,
          managementIp: p.haproxy.managementIp,
          workloadIp: p.haproxy.workloadIp,
          virtualIpCidrs: [...p.haproxy.virtualIpCidrs],
          nameservers: [...p.haproxy.nameservers],
          datacenterId: "dc",
          resourcePoolId: "rp",
          datastoreId: "ds",
          hostSystemId: "host",
        });
        return validationError(stack) === "";
      }),
      { numRuns: 200 },
    );
  });
});

describe("interval arithmetic against brute force on a small address space", () => {
  const interval = fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 }))
    .map(([a, b]) => ({ first: Math.min(a, b), last: Math.max(a, b) }));
  const enumerate = (is: { first: number; last: number }[]) => {
    const s = new Set<number>();
    for (const i of is) for (let a = i.first; a <= i.last; a++) s.add(a);
    return s;
  };

  test("union covers exactly the same addresses, disjoint and sorted", () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 12 }), (is) => {
        const u = union(is);
        const same =
          JSON.stringify([...enumerate(u)].sort((a, b) => a - b)) ===
          JSON.stringify([...enumerate(is)].sort((a, b) => a - b));
        const disjoint = u.every((x, k) => k === 0 || u[k - 1].last + 1 < x.first);
        return same && disjoint;
      }),
      { numRuns: 2000 },
    );
  });

  test("gaps are exactly the uncovered addresses of the block", () => {
    fc.assert(
      fc.property(interval, fc.array(interval, { maxLength: 8 }), (block, used) => {
        const covered = enumerate(used);
        const expected = [...enumerate([block])].filter((a) => !covered.has(a));
        return (
          JSON.stringify([...enumerate(gaps(block, used))].sort((a, b) => a - b)) === JSON.stringify(expected)
        );
      }),
      { numRuns: 2000 },
    );
  });

  test("overlappingPairs finds exactly the pairs that share an address", () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 12 }), (is) => {
        const items = is.map((i, k) => ({ ...i, label: k }));
        const found = overlappingPairs(items)
          .map(([a, b]) => [a.label, b.label].sort((x, y) => x - y).join("-"))
          .sort();
        const expected: string[] = [];
        for (let a = 0; a < is.length; a++) {
          for (let b = a + 1; b < is.length; b++) {
            const sa = enumerate([is[a]]);
            if ([...enumerate([is[b]])].some((x) => sa.has(x))) expected.push(`${a}-${b}`);
          }
        }
        return JSON.stringify(found) === JSON.stringify(expected.sort());
      }),
      { numRuns: 2000 },
    );
  });

  test("crossingPairs gives the pairs of overlappingPairs that touch the side, in the same order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(interval, fc.boolean()), { maxLength: 14 }), (is) => {
        const items = is.map(([i, side], k) => ({ ...i, label: { k, side } }));
        const key = ([a, b]: [{ label: { k: number } }, { label: { k: number } }]) =>
          `${a.label.k}-${b.label.k}`;
        const found = crossingPairs(items, (x) => x.label.side).map(key);
        const expected = overlappingPairs(items, (a, b) => a.label.side || b.label.side).map(key);
        return JSON.stringify(found) === JSON.stringify(expected);
      }),
      { numRuns: 2000 },
    );
  });

  test("assignLanes gives each block the lowest lane free at its start, as a scan of every lane would", () => {
    const reference = (blocks: { first: number; last: number }[]) => {
      const order = blocks
        .map((_, k) => k)
        .sort((i, j) => blocks[i].first - blocks[j].first || blocks[j].last - blocks[i].last);
      const ends: number[] = [];
      const lanes = blocks.map(() => 0);
      for (const k of order) {
        let lane = ends.findIndex((end) => end < blocks[k].first);
        if (lane < 0) lane = ends.push(blocks[k].last) - 1;
        else ends[lane] = blocks[k].last;
        lanes[k] = lane;
      }
      return lanes;
    };
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 20 }), (is) => {
        return JSON.stringify(assignLanes(is)) === JSON.stringify(reference(is));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("fixes that pass", () => {
  /** The forms users paste where another is wanted, and collisions, as faults on a valid plan. */
  const pasteFault = fc.record({
    kind: fc.constantFrom(
      "vip-bare-address",
      "vip-wizard-range",
      "vip-netmask",
      "vip-host-bits",
      "vip-over-gateway",
      "vip-over-nodes",
      "range-as-cidr",
      "range-backwards",
      "address-leading-zero",
      "cidr-netmask",
      "gateway-outside",
      "block-on-gateway",
      "name-not-dns-label",
    ),
    n: fc.nat({ max: 200 }),
  });

  const PROPOSAL = /\b(?:did you mean|e\.g\.) ("(?:[^"\\]|\\.)*"|\[[^\]]*\])/i;
  const NETWORK_KEYS = [
    "managementNetwork",
    "primaryWorkloadNetwork",
    "workloadNetworks",
    "frontendNetwork",
    "supervisorManagementStartIp",
  ];

  function inject(p: Plan, f: { kind: string; n: number }): Plan {
    const o = Number(/172\.16\.(\d+)\./.exec(p.network.primaryWorkloadNetwork.portGroup.cidr)![1]);
    const net = p.network;
    const hap = (patch: Partial<HaproxyPlanProps>) => ({ ...p, haproxy: { ...p.haproxy, ...patch } });
    const prim = (patch: object) => ({
      ...p,
      network: { ...net, primaryWorkloadNetwork: { ...net.primaryWorkloadNetwork, ...patch } },
    });
    switch (f.kind) {
      case "vip-bare-address":
        return hap({ virtualIpCidrs: [`172.16.${o}.${128 + (f.n % 100)}`] });
      case "vip-wizard-range":
        return hap({ virtualIpCidrs: [`172.16.${o}.128-172.16.${o}.${f.n % 2 ? 191 : 159}`] });
      case "vip-netmask":
        return hap({ virtualIpCidrs: [`172.16.${o}.128/255.255.255.${f.n % 2 ? 192 : 224}`] });
      case "vip-host-bits":
        return hap({ virtualIpCidrs: [`172.16.${o}.${130 + (f.n % 60)}/26`] });
      case "vip-over-gateway":
        return hap({ virtualIpCidrs: [`172.16.${o}.0/${25 + (f.n % 3)}`] });
      case "vip-over-nodes":
        return hap({ virtualIpCidrs: [`172.16.${o}.32/27`] });
      case "range-as-cidr":
        return prim({ addressRanges: [`172.16.${o}.${(f.n % 2) * 32}/27`] });
      case "range-backwards":
        return prim({ addressRanges: [`172.16.${o}.60-172.16.${o}.31`] });
      case "address-leading-zero":
        return hap({ managementIp: "010.0.0.10" });
      case "cidr-netmask":
        return prim({
          portGroup: { ...net.primaryWorkloadNetwork.portGroup, cidr: `172.16.${o}.0/255.255.255.0` },
        });
      case "gateway-outside":
        return {
          ...p,
          network: { ...net, managementNetwork: { ...net.managementNetwork, gateway: "10.0.1.1" } },
        };
      case "block-on-gateway":
        return { ...p, network: { ...net, supervisorManagementStartIp: "10.0.0.0" } };
      default:
        return prim({ name: "Primary_Net" });
    }
  }

  test("every fix a message proposes removes its finding and adds no error (2,000 faulty plans)", () => {
    const failures: string[] = [];
    let proposals = 0;
    fc.assert(
      fc.property(validPlan, pasteFault, (valid, fault) => {
        const p = inject(valid, fault);
        const before = checkPlan(p.network, p.haproxy).diagnostics;
        const errorsBefore = new Set(
          before.filter((d) => d.severity === Severity.ERROR).map((d) => `${d.ruleId} ${d.path}`),
        );
        for (const d of before) {
          const m = PROPOSAL.exec(d.message);
          if (!m) continue;
          proposals++;
          const value = JSON.parse(m[1]);
          const onNetwork = NETWORK_KEYS.includes(d.path.split(/[.[]/)[0]);
          const network = onNetwork ? setAt(p.network, d.path, value) : p.network;
          const haproxy = onNetwork ? p.haproxy : setAt(p.haproxy, d.path, value);
          if (!network || !haproxy) {
            failures.push(`${fault.kind}: ${d.ruleId} ${d.path} proposes ${m[1]} at no settable place`);
            continue;
          }
          const after = checkPlan(network, haproxy).diagnostics;
          const still = after.filter((x) => x.ruleId === d.ruleId && x.path === d.path);
          const added = after.filter(
            (x) => x.severity === Severity.ERROR && !errorsBefore.has(`${x.ruleId} ${x.path}`),
          );
          if (still.length > 0 || added.length > 0) {
            failures.push(
              `${fault.kind}: ${d.ruleId} ${d.path} proposes ${m[1]}: ${[...still, ...added].map((x) => `${x.ruleId} ${x.path}`).join(", ")}`,
            );
          }
        }
        return true;
      }),
      { numRuns: 2000, seed: 20261126 },
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(proposals).toBeGreaterThan(1000);
  });

  test.each([
    ["a bare address as a VIP CIDR", "192.168.120.200", '"192.168.120.200/32"'],
    ["the wizard's first-last form as a VIP CIDR", "192.168.120.192-192.168.120.223", '"192.168.120.192/27"'],
    ["a netmask where the prefix goes", "192.168.120.192/255.255.255.224", '"192.168.120.192/27"'],
  ])("%s gets a fix that passes", (_what, vip, fix) => {
    const network = {
      managementNetwork: { name: "mgmt", cidr: "10.0.0.0/24", gateway: "10.0.0.1" },
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: { name: "wl", cidr: "192.168.120.0/24", gateway: "192.168.120.1" },
        addressRanges: ["192.168.120.31-192.168.120.40"],
      },
    };
    const haproxy = {
      mode: HaproxyMode.DEFAULT,
      virtualIpCidrs: [vip],
      managementIp: "10.0.0.10",
      workloadIp: "192.168.120.5",
      nameservers: [],
      dataplanePort: 5556,
      dataplaneUser: "admin",
    };
    const [d] = checkPlan(network, haproxy).diagnostics.filter((x) => x.ruleId === "IP-02");
    expect(d.message).toContain(`did you mean ${fix}?`);
    const after = checkPlan(network, { ...haproxy, virtualIpCidrs: [JSON.parse(fix)] }).diagnostics;
    expect(after.filter((x) => x.severity === Severity.ERROR)).toEqual([]);
  });
});
