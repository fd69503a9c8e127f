/**
 * `plan` proposes files that `check` passes: a property over random blocks /20–/26 and every topology (in-process,
 * the same functions the command runs), and the minimum it names for a block too small is one that works.
 */
import fc from "fast-check";
import { PlanRequest, PlanTopology, proposePlan } from "../lib/cli/plan-proposal";
import { siteFindings } from "../lib/cli/site-check";
import { Severity } from "../lib/model/diagnostics";
import { formatAddress } from "../lib/model/ip";
import { checkSiteConfig, SiteConfig } from "../lib/site/site-config";

const BASE: Omit<PlanRequest, "cidr" | "topology"> = {
  namespaces: 2,
  nodesPerNetwork: 16,
  vips: 16,
  supervisor: true,
  storagePolicy: "vSAN Default Storage Policy",
  dnsServers: ["10.250.0.2"],
  ntpServers: ["pool.ntp.org"],
  stackName: "site-a",
  datacenter: "dc-01",
  cluster: "cluster-01",
  datastore: "datastore-01",
  distributedSwitch: "dvs-01",
  host: "esxi-01.example.com",
  vlanStart: 100,
};

/** The errors `check` finds in a proposed site (its shape, then the whole plan). */
function errorsOf(site: SiteConfig): string[] {
  const value = JSON.parse(JSON.stringify(site)) as SiteConfig;
  const shape = checkSiteConfig(value);
  if (shape.length > 0) return shape;
  return siteFindings("site.json", value, { value, lineOf: () => undefined })
    .filter((f) => f.severity === Severity.ERROR)
    .map((f) => `${f.id} ${f.path}: ${f.message}`);
}

const block = (prefix: number, seed: number) => {
  const size = 2 ** (32 - prefix);
  // 10.0.0.0/8 less 10.250.0.0/16 (the DNS server above): aligned blocks of the size.
  const first = (10 << 24) + ((seed * size) % 2 ** 23);
  return `${formatAddress(first >>> 0)}/${prefix}`;
};

describe("plan", () => {
  test("random blocks /20–/26 × every topology: a file check passes, or too small with a minimum that works", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 26 }),
        fc.nat(),
        fc.constantFrom(...Object.values(PlanTopology)),
        fc.integer({ min: 3, max: 64 }),
        fc.constantFrom(4, 8, 16, 32),
        fc.integer({ min: 1, max: 4 }),
        (prefix, seed, topology, nodes, vips, namespaces) => {
          const t4 = topology === PlanTopology.T4;
          const request: PlanRequest = {
            ...BASE,
            cidr: block(prefix, seed),
            topology,
            frontendCidr: t4 ? "172.16.0.0/24" : undefined,
            nodesPerNetwork: nodes,
            vips,
            namespaces,
          };
          const p = proposePlan(request);
          if (p.kind === "plan") {
            expect(errorsOf(p.site)).toEqual([]);
            return;
          }
          expect(p.kind).toBe("too-small");
          if (p.kind !== "too-small") return;
          const minimum = Number(/needs at least a \/(\d+)/.exec(p.message)![1]);
          expect(minimum).toBeLessThan(prefix);
          // The block of the minimum size, aligned, gives a plan.
          const again = proposePlan({ ...request, cidr: block(minimum, 0) });
          expect(again.kind).toBe("plan");
          if (again.kind === "plan") expect(errorsOf(again.site)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("10.20.0.0/22 t1: VIPs, ranges, appliance and Supervisor addresses inside the block, and no error", () => {
    const p = proposePlan({ ...BASE, cidr: "10.20.0.0/22", topology: PlanTopology.T1 });
    expect(p.kind).toBe("plan");
    if (p.kind !== "plan") return;
    expect(errorsOf(p.site)).toEqual([]);
    expect(p.site.haproxy!.virtualIpCidrs[0]).toMatch(/^10\.20\.[0-3]\.\d+\/28$/);
    expect(p.site.supervisorManagementStartIp).toMatch(/^10\.20\./);
    for (const pg of [p.site.managementNetwork, p.site.primaryWorkloadNetwork.portGroup]) {
      const network = pg.cidr.split("/")[0].split(".").map(Number);
      expect(pg.gateway).toBe([...network.slice(0, 3), network[3] + 1].join("."));
    }
  });

  test("a DNS server inside the block is never handed out", () => {
    const p = proposePlan({
      ...BASE,
      cidr: "10.20.0.0/24",
      topology: PlanTopology.T2,
      dnsServers: ["10.20.0.2"],
    });
    expect(p.kind).toBe("plan");
    if (p.kind !== "plan") return;
    expect(
      JSON.stringify({ ...p.site, supervisor: undefined, haproxy: { ...p.site.haproxy, nameservers: [] } }),
    ).not.toContain('"10.20.0.2"');
    expect(errorsOf(p.site)).toEqual([]);
  });

  test("a /26 for T3 is too small: the minimum is a /24", () => {
    const p = proposePlan({ ...BASE, cidr: "10.20.0.0/26", topology: PlanTopology.T3 });
    expect(p).toEqual({ kind: "too-small", message: expect.stringContaining("it needs at least a /24") });
  });
});
