/**
 * The rules across sites with the Supervisor's other load balancers (sites T5 and T6): the addresses an existing
 * HAProxy's servers and a Foundation Load Balancer's MANAGEMENT interfaces take in a vCenter (FLT-05), and their
 * VIP blocks in a routing domain (FLT-06), each told at the site file's own key (`supervisor.loadBalancer…`),
 * with its line, value and a fix that passes when applied.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../lib/cli/commands";
import { getAt, setAt } from "../lib/rules/suggestions";

const SITES = path.join(__dirname, "..", "stacks", "sites");
const T1 = path.join(SITES, "t1-single-workload-network.json");
const T5 = path.join(SITES, "t5-vsphere9-foundation-load-balancer.json");
const T6 = path.join(SITES, "t6-existing-haproxy.json");

type Json = Record<string, unknown>;
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Json;

/** A copy of a site file with `changes` (JSON path → value) applied. */
function site(file: string, changes: Record<string, unknown>): Json {
  return Object.entries(changes).reduce<Json>((s, [p, v]) => setAt(s, p, v)!, read(file));
}

/** The sites written to a new folder (with T6's CA file beside them); their paths in order. */
function writeSites(sites: Record<string, Json>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-lb-"));
  fs.copyFileSync(path.join(SITES, "haproxy-dataplane-ca.pem"), path.join(dir, "haproxy-dataplane-ca.pem"));
  return Object.entries(sites).map(([name, value]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  });
}

interface Finding {
  id: string;
  file: string;
  path: string;
  line?: number;
  value?: unknown;
  message: string;
  fixes: { path: string; value: unknown }[];
}

async function check(files: string[]): Promise<{ code: number; findings: Finding[] }> {
  const out: string[] = [];
  const code = await run(["check", "--json", ...files], {
    out: (t) => out.push(t),
    err: () => undefined,
    colourOut: false,
    colourErr: false,
  });
  return { code, findings: (JSON.parse(out.join("\n")) as { findings: Finding[] }).findings };
}

/** The 1-based line of the first line of `file` holding `text`. */
function lineOf(file: string, text: string): number {
  return (
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .findIndex((l) => l.includes(text)) + 1
  );
}

/** Put every fix of `findings` for `file` into it. */
function applyFixes(file: string, findings: readonly Finding[]): void {
  let json = read(file);
  for (const f of findings.filter((x) => x.file === file && x.fixes.length > 0)) {
    json = setAt(json, f.fixes[0].path, f.fixes[0].value)!;
  }
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

describe("FLT-06 with load balancers the sites do not deploy", () => {
  test("x (T5) and y (T6 with VIPs 192.168.130.64/26) in routing domain east: at y's supervisor.loadBalancer.virtualIpCidrs[0], its line and value; load balancers, not appliances", async () => {
    const [x, y] = writeSites({
      "x.json": site(T5, { stackName: "x", routingDomain: "east" }),
      "y.json": site(T6, {
        stackName: "y",
        routingDomain: "east",
        "supervisor.loadBalancer.virtualIpCidrs": ["192.168.130.64/26"],
      }),
    });
    const { code, findings } = await check([x, y]);
    expect(code).toBe(1);
    const flt06 = findings.filter((f) => f.id === "FLT-06");
    expect(flt06).toEqual([
      expect.objectContaining({
        file: y,
        path: "supervisor.loadBalancer.virtualIpCidrs[0]",
        line: lineOf(y, '"192.168.130.64/26"'),
        value: "192.168.130.64/26",
      }),
    ]);
    expect(flt06[0].message).toContain(
      `(${x} supervisor.loadBalancer.virtualIpCidrs[0], line ${lineOf(x, '"192.168.130.64/26"')})`,
    );
    expect(flt06[0].message).toContain("both load balancers would answer");
    expect(flt06[0].message).not.toMatch(/haproxy\.|appliances/);
    // Any fix is at the key the site file has: no "haproxy" object is created.
    for (const fix of flt06[0].fixes) expect(fix.path).toBe("supervisor.loadBalancer.virtualIpCidrs[0]");
  });

  test("two T5 sites whose VIP blocks overlap: the fix is a block of the frontend network, and applied, FLT-06 is gone", async () => {
    const [x, z] = writeSites({
      "x.json": site(T5, { stackName: "x", routingDomain: "east" }),
      "z.json": site(T5, {
        stackName: "z",
        routingDomain: "east",
        "supervisor.loadBalancer.virtualIpCidrs": ["192.168.130.96/27"],
      }),
    });
    const before = (await check([x, z])).findings.filter((f) => f.id === "FLT-06");
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ file: z, path: "supervisor.loadBalancer.virtualIpCidrs[0]" });
    expect(before[0].fixes).toEqual([
      { path: "supervisor.loadBalancer.virtualIpCidrs[0]", value: expect.stringMatching(/^192\.168\.130\./) },
    ]);
    applyFixes(z, before);
    expect(getAt(read(z), "haproxy")).toBeUndefined();
    expect((await check([x, z])).findings.filter((f) => f.id === "FLT-06")).toEqual([]);
  });
});

describe("FLT-05 counts a Foundation Load Balancer's management ranges and an existing HAProxy's servers", () => {
  test("a (T1) appliance at 10.0.0.10, b (T5) MANAGEMENT interface 10.0.0.10-10.0.0.11, c (T6) server 10.0.0.20 = a's Supervisor block: each told at its key, with a fix that passes", async () => {
    const [a, b, c] = writeSites({
      "a.json": site(T1, { stackName: "a" }),
      "b.json": site(T5, {
        stackName: "b",
        supervisorManagementStartIp: "10.0.0.40",
        "supervisor.loadBalancer.interfaces[0].addressRanges": ["10.0.0.10-10.0.0.11"],
      }),
      "c.json": site(T6, {
        stackName: "c",
        supervisorManagementStartIp: "10.0.0.50",
        "supervisor.loadBalancer.servers": [{ host: "10.0.0.20" }],
      }),
    });
    const { code, findings } = await check([a, b, c]);
    expect(code).toBe(1);
    const flt05 = findings.filter((f) => f.id === "FLT-05");
    expect(flt05).toEqual([
      expect.objectContaining({
        file: b,
        path: "supervisor.loadBalancer.interfaces[0].addressRanges[0]",
        line: lineOf(b, '"10.0.0.10-10.0.0.11"'),
        value: "10.0.0.10-10.0.0.11",
        fixes: [
          {
            path: "supervisor.loadBalancer.interfaces[0].addressRanges[0]",
            value: expect.stringMatching(/^10\.0\.0\.\d+-10\.0\.0\.\d+$/),
          },
        ],
      }),
      expect.objectContaining({
        file: c,
        path: "supervisor.loadBalancer.servers[0].host",
        line: lineOf(c, '"10.0.0.20"'),
        value: "10.0.0.20",
        fixes: [
          { path: "supervisor.loadBalancer.servers[0].host", value: expect.stringMatching(/^10\.0\.0\./) },
        ],
      }),
    ]);
    expect(flt05[0].message).toContain(`the appliance's management address 10.0.0.10 of site "a"`);
    expect(flt05[1].message).toContain(`the Supervisor's management block 10.0.0.20-10.0.0.24 of site "a"`);
    applyFixes(b, flt05);
    applyFixes(c, flt05);
    expect((await check([a, b, c])).findings.filter((f) => f.id === "FLT-05")).toEqual([]);
  });

  test("two T5 sites with identical Foundation Load Balancer management ranges: FLT-05, exit 1", async () => {
    const [b1, b2] = writeSites({
      "b1.json": site(T5, { stackName: "b1" }),
      "b2.json": site(T5, { stackName: "b2", supervisorManagementStartIp: "10.0.0.40" }),
    });
    const { code, findings } = await check([b1, b2]);
    expect(code).toBe(1);
    expect(findings.filter((f) => f.id === "FLT-05")).toEqual([
      expect.objectContaining({
        file: b2,
        path: "supervisor.loadBalancer.interfaces[0].addressRanges[0]",
        value: "10.0.0.30-10.0.0.31",
      }),
    ]);
  });
});

describe("site-file words and routing domains across sites", () => {
  test('FLT-01 in a site file says "existing": true, not existingNetworkId; same subnet: one network, used by the other site', async () => {
    const [x, y] = writeSites({
      "x.json": site(T5, { stackName: "x" }),
      "y.json": site(T6, { stackName: "y" }),
    });
    const flt01 = (await check([x, y])).findings.filter((f) => f.id === "FLT-01");
    expect(flt01).toEqual([
      expect.objectContaining({
        file: y,
        path: "primaryWorkloadNetwork.portGroup.name",
        value: "wl-primary",
      }),
    ]);
    expect(flt01[0].message).toContain(
      'Both give it subnet "192.168.120.0/24": when it is one network, create it in one site and use it in this one with "existing": true (and no "vlanId")',
    );
    expect(flt01[0].message).not.toContain("existingNetworkId");
  });

  test('routingDomain "DC-East" and "dc-east" are one domain (FLT-06, named as the site spells it); "" is CFG-02 at its line', async () => {
    const [x, z, blank] = writeSites({
      "x.json": site(T5, { stackName: "x", routingDomain: "DC-East" }),
      "z.json": site(T5, {
        stackName: "z",
        routingDomain: "dc-east",
        "supervisor.loadBalancer.virtualIpCidrs": ["192.168.130.96/27"],
      }),
      "blank.json": site(T5, { stackName: "blank", routingDomain: "" }),
    });
    const flt06 = (await check([x, z])).findings.filter((f) => f.id === "FLT-06");
    expect(flt06).toEqual([
      expect.objectContaining({ file: z, path: "supervisor.loadBalancer.virtualIpCidrs[0]" }),
    ]);
    expect(flt06[0].message).toContain('in routing domain "dc-east"');
    const out: string[] = [];
    const code = await run(["check", blank], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
      colourOut: false,
      colourErr: false,
    });
    expect(code).toBe(1);
    expect(out.join("\n")).toContain(
      `${blank}:${lineOf(blank, '"routingDomain"')}: error CFG-02 routingDomain: "" is empty; name the routing domain, e.g. "dc-east", or leave the key out for a domain of the site's own.`,
    );
  });
});
