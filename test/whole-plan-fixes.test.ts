import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";

type Site = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const [T1, T2, , T4] = builtInSiteFiles().map((f) => () => JSON.parse(fs.readFileSync(f, "utf8")) as Site);

/** Synthesize one site file: its exit code and the problem lines. */
function run(site: Site): { code: number; lines: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "whole-plan-"));
  const file = path.join(dir, "site.json");
  fs.writeFileSync(file, JSON.stringify(site, null, 2));
  const result = synthesizeSites([file], path.join(dir, "out"));
  const errors = result.err.join("\n").split("\nWarnings:")[0];
  return { code: result.code, lines: errors.split("\n").filter((l) => l.includes(`${file}: `)) };
}

/** The one error line of `rule` at `key`, and the value it proposes. */
function proposal(site: Site, rule: string, key: string): { line: string; value: string | undefined } {
  const { lines } = run(site);
  const line = lines.find((l) => l.includes(`: ${rule} ${key}: `));
  expect(line).toBeDefined();
  const m = /(?:did you mean|e\.g\.) "([^"]+)"/.exec(line!);
  return { line: line!, value: m?.[1] };
}

function set(site: Site, key: string, value: unknown): Site {
  const copy = JSON.parse(JSON.stringify(site)) as Site;
  const parts = key.split(".");
  let node = copy;
  for (const p of parts.slice(0, -1)) node = node[p];
  node[parts[parts.length - 1]] = value;
  return copy;
}

describe("HAP-13: the appliance's nameservers are checked against the whole plan", () => {
  test.each([
    ["T1", "10.0.0.10", "the appliance's own management address", T1],
    ["T1", "10.0.0.22", "inside the Supervisor's management block 10.0.0.20-10.0.0.24", T1],
    [
      "T1",
      "192.168.120.35",
      'inside range "192.168.120.31-192.168.120.40" of workload network "primary"',
      T1,
    ],
    [
      "T4",
      "192.168.121.50",
      'inside range "192.168.121.10-192.168.121.200" of workload network "ns-dev"',
      T4,
    ],
    ["T1", "0.0.0.0", 'in 0.0.0.0/8, "this network"', T1],
    ["T1", "255.255.255.255", "the limited broadcast address", T1],
  ])(
    "%s with nameservers [%j] is refused (%s), and the Supervisor's DNS server it proposes passes",
    (_, ns, why, base) => {
      const site = set(base(), "haproxy.nameservers", [ns]);
      const { line, value } = proposal(site, "HAP-13", "haproxy.nameservers[0]");
      expect(line).toContain(`nameserver "${ns}" is ${why}`);
      expect(value).toBe("10.0.0.2");
      expect(run(set(site, "haproxy.nameservers", [value])).code).toBe(0);
    },
  );
});

describe("fixes are re-checked with the whole plan (network, appliance and Supervisor)", () => {
  test.each([
    ["T1", "10.0.0.10", T1],
    ["T2", "10.0.0.10", T2],
  ])(
    '%s haproxy.managementIp "10.0.1.10" proposes %j, not the DNS server or nameserver 10.0.0.2, and it passes',
    (_, expected, base) => {
      const site = set(base(), "haproxy.managementIp", "10.0.1.10");
      const { value } = proposal(site, "HAP-02", "haproxy.managementIp");
      expect(value).toBe(expected);
      expect(run(set(site, "haproxy.managementIp", value)).code).toBe(0);
    },
  );

  test.each([
    ["10.0.0.251", "10.0.0.250"],
    ["10.0.0.0", "10.0.0.12"],
  ])(
    "T1 supervisorManagementStartIp %j proposes %j, whose block holds no DNS server, and it passes",
    (start, expected) => {
      const site = set(T1(), "supervisorManagementStartIp", start);
      const { value } = proposal(site, "NET-08", "supervisorManagementStartIp");
      expect(value).toBe(expected);
      expect(run(set(site, "supervisorManagementStartIp", value)).code).toBe(0);
    },
  );

  test('T1 supervisorManagementStartIp "10.0.0.6" over the appliance is said at the top-level key, with a start that passes', () => {
    const site = set(T1(), "supervisorManagementStartIp", "10.0.0.6");
    const { lines } = run(site);
    expect(lines.some((l) => l.includes("haproxy.supervisorManagementStartIp"))).toBe(false);
    const { line, value } = proposal(site, "NET-08", "supervisorManagementStartIp");
    expect(line).toContain("contains HAProxy management address 10.0.0.10");
    expect(value).toBe("10.0.0.5");
    expect(run(set(site, "supervisorManagementStartIp", value)).code).toBe(0);
  });

  test('T1 primary gateway "192.168.27.254" proposes "192.168.120.1", not .254 inside the VIPs, and it passes', () => {
    const site = set(T1(), "primaryWorkloadNetwork.portGroup.gateway", "192.168.27.254");
    const { value } = proposal(site, "NET-01", "primaryWorkloadNetwork.portGroup.gateway");
    expect(value).toBe("192.168.120.1");
    expect(run(set(site, "primaryWorkloadNetwork.portGroup.gateway", value)).code).toBe(0);
  });

  test.each(["192.168.31.70", "192.168.31.5"])(
    "T4 frontend gateway %j proposes 192.168.130.1, not a VIP or the appliance's frontend address, and it passes",
    (gw) => {
      const site = set(T4(), "frontendNetwork.gateway", gw);
      const { value } = proposal(site, "NET-01", "frontendNetwork.gateway");
      expect(value).toBe("192.168.130.1");
      expect(run(set(site, "frontendNetwork.gateway", value)).code).toBe(0);
    },
  );
});

describe("NET-09: the service CIDR's fix is a free block of the plan, not the current value", () => {
  test('T1 with managementNetwork.cidr "10.0.0.0/8" and no serviceCidr says the default is in use, names the key, and proposes a free /23 that passes', () => {
    const site = set(T1(), "managementNetwork.cidr", "10.0.0.0/8");
    delete site.supervisor.serviceCidr;
    const { line, value } = proposal(site, "NET-09", "supervisor.serviceCidr");
    expect(line).toContain(
      'service CIDR "10.96.0.0/23" (the default: the site file has no "supervisor.serviceCidr") overlaps CIDR "10.0.0.0/8" of port group "VM Network"',
    );
    expect(line).toContain(
      'Set "supervisor.serviceCidr" to a block no network of the site uses, e.g. "172.16.0.0/23"',
    );
    expect(value).not.toBe("10.96.0.0/23");
    expect(run(set(site, "supervisor.serviceCidr", value)).code).toBe(0);
  });

  test('T1 with serviceCidr "10.96.0.0/23" under a VIP CIDR "10.96.0.0/24" proposes the next free /23, and NET-09 is gone with it', () => {
    const site = set(T1(), "haproxy.virtualIpCidrs", ["192.168.120.128/25", "10.96.0.0/24"]);
    const { line, value } = proposal(site, "NET-09", "supervisor.serviceCidr");
    expect(line).toContain("Pick a block no network of the site uses");
    expect(line).not.toContain("the default");
    expect(value).toBe("10.96.2.0/23");
    const said = (lines: string[]) => lines.map((l) => l.replace(/^.*site\.json: /, ""));
    const before = said(run(site).lines).filter((l) => !l.startsWith("NET-09 "));
    expect(before.length).toBeGreaterThan(0);
    // The VIP block outside the appliance's subnets keeps its own errors; the fix adds none and clears NET-09.
    expect(said(run(set(site, "supervisor.serviceCidr", value)).lines)).toEqual(before);
  });
});

describe("NET-05: a primary workload network with no range gets a free range of its port group", () => {
  test('T1 with primaryWorkloadNetwork.addressRanges [] proposes 10 free addresses of "wl-120" clear of the appliance, and the plan with them passes', () => {
    const site = set(T1(), "primaryWorkloadNetwork.addressRanges", []);
    const { lines } = run(site);
    const line = lines.find((l) => l.includes(": NET-05 primaryWorkloadNetwork.addressRanges: "));
    expect(line).toContain(
      'Add a range of at least 3 free addresses of port group "wl-120" (192.168.120.0/24), e.g. ["192.168.120.12-192.168.120.21"].',
    );
    // 192.168.120.2-192.168.120.11 holds the appliance's workload address 192.168.120.5: re-checked and passed over.
    expect(line).not.toContain("192.168.120.2-");
    const fix = JSON.parse(/e\.g\. (\[[^\]]*\])/.exec(line!)![1]) as string[];
    expect(run(set(site, "primaryWorkloadNetwork.addressRanges", fix)).code).toBe(0);
  });
});

describe("VIP-05: a VIP CIDR larger than the serving subnet gets a free block of that subnet", () => {
  test('T1 with virtualIpCidrs ["0.0.0.0/0"]: one finding proposes a free block of workload subnet 192.168.120.0/24, and the plan with it passes', () => {
    const site = set(T1(), "haproxy.virtualIpCidrs", ["0.0.0.0/0"]);
    const { lines } = run(site);
    const proposing = lines.filter((l) => /(?:did you mean|e\.g\.) "/.test(l));
    expect(proposing).toHaveLength(1);
    expect(proposing[0]).toContain(
      ': VIP-05 haproxy.virtualIpCidrs[0]: VIP CIDR "0.0.0.0/0" lies in no subnet of the appliance\'s NICs',
    );
    expect(proposing[0]).toContain('Take the VIPs from the workload subnet, e.g. "192.168.120.64/26".');
    expect(run(set(site, "haproxy.virtualIpCidrs", ["192.168.120.64/26"])).code).toBe(0);
  });
});
