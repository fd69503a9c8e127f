/**
 * The app's path for a fleet, in-process: `synthesizeSites` (load every site file, CFG-05, the rules across sites,
 * build each site's stack and its Supervisor's, synthesize, write the reports and the fleet report) on generated
 * folders of 10 and 100 site files × 10 namespace networks each. Each size runs in a process of its own, so that
 * its peak resident memory (`maxRSS`) is its own; the time is one run after a warm-up run of the same folder.
 * Ten sites share each vCenter and distributed switch, twenty a routing domain; no finding across sites.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeSites } from "../lib/cli/synth-sites";

/** Site `i`: management 172.16.<i>.0/24, primary 10.<i>.0.0/24 (VIPs on its upper half), 10 namespace /24s. */
function siteFile(i: number): Record<string, unknown> {
  const vlan = (n: number) => 100 + (i % 10) * 20 + n;
  const pg = (j: number) => ({
    name: `s${i}-wl-${j}`,
    vlanId: vlan(j),
    cidr: `10.${i}.${j}.0/24`,
    gateway: `10.${i}.${j}.1`,
  });
  return {
    stackName: `site-${i}`,
    routingDomain: `dc${Math.floor(i / 20)}`,
    vsphere: {
      server: `vc${Math.floor(i / 10)}.example.com`,
      datacenter: "dc-01",
      cluster: "cluster-01",
      datastore: "datastore-01",
      distributedSwitch: "dvs-1",
      host: "esxi-01.example.com",
    },
    managementNetwork: {
      name: `s${i}-mgmt`,
      vlanId: vlan(19),
      cidr: `172.16.${i}.0/24`,
      gateway: `172.16.${i}.1`,
    },
    supervisorManagementStartIp: `172.16.${i}.20`,
    primaryWorkloadNetwork: {
      name: "primary",
      portGroup: pg(0),
      addressRanges: [`10.${i}.0.31-10.${i}.0.40`],
    },
    workloadNetworks: Array.from({ length: 10 }, (_, k) => ({
      name: `ns-${k + 1}`,
      portGroup: pg(k + 1),
      addressRanges: [`10.${i}.${k + 1}.10-10.${i}.${k + 1}.60`],
    })),
    haproxy: {
      mode: "default",
      name: `haproxy-${i}`,
      managementIp: `172.16.${i}.10`,
      workloadIp: `10.${i}.0.5`,
      virtualIpCidrs: [`10.${i}.0.128/26`],
      nameservers: [`172.16.${i}.2`],
    },
    supervisor: {
      name: `supervisor-${i}`,
      storagePolicy: "vSAN Default Storage Policy",
      dnsServers: [`172.16.${i}.2`],
      ntpServers: ["pool.ntp.org"],
      apiServerDnsNames: [`supervisor-${i}.example.com`],
      // Clear of the sites' 10.<i>.0.0/16 (the default 10.96.0.0/23 is site 96's).
      serviceCidr: "100.64.0.0/23",
    },
    acknowledge: [{ rule: "HAP-07", reason: "The bench's sites use the default mode on purpose." }],
  };
}

/** Write `n` site files into a new temporary folder; returns their paths. */
export function writeFleet(n: number): { dir: string; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fleet-bench-${n}-`));
  const files = Array.from({ length: n }, (_, i) => {
    const file = path.join(dir, `site-${String(i).padStart(3, "0")}.json`);
    fs.writeFileSync(file, JSON.stringify(siteFile(i), null, 2));
    return file;
  });
  return { dir, files };
}

/** One size, in this process: `{ n, ms, peakRssMb, heapMb, stacks }` as JSON on stdout. */
function runOne(n: number): void {
  const { dir, files } = writeFleet(n);
  try {
    const out = path.join(dir, "out");
    const warm = synthesizeSites(files, out);
    if (warm.code !== 0)
      throw new Error(`the bench's fleet did not synthesize:\n${warm.err.join("\n").slice(0, 2000)}`);
    const start = process.hrtime.bigint();
    const result = synthesizeSites(files, out);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const stacks = fs.readdirSync(path.join(out, "stacks")).length;
    process.stdout.write(
      `${JSON.stringify({
        n,
        code: result.code,
        ms,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        heapMb: process.memoryUsage().heapUsed / 2 ** 20,
        stacks,
      })}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Print the table: 10 and 100 sites, each in a process of its own, and how time and memory grow. */
export function fleetSynthBench(print: (line: string) => void): void {
  print("sites | stacks | networks | synth ms | ms per site | peak RSS MB | heap after MB");
  const rows = [10, 100].map((n) => {
    const text = execFileSync(process.execPath, ["--expose-gc", __filename, String(n)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(text.trim().split("\n").pop()!) as {
      n: number;
      ms: number;
      peakRssMb: number;
      heapMb: number;
      stacks: number;
    };
    print(
      `${String(r.n).padStart(5)} | ${String(r.stacks).padStart(6)} | ${String(r.n * 11).padStart(8)} | ${r.ms.toFixed(0).padStart(8)} | ${(r.ms / r.n).toFixed(1).padStart(11)} | ${r.peakRssMb.toFixed(0).padStart(11)} | ${r.heapMb.toFixed(0).padStart(13)}`,
    );
    return r;
  });
  const [a, b] = rows;
  print(
    `  10× the sites → ${(b.ms / a.ms).toFixed(1)}× the time, ${(b.peakRssMb / a.peakRssMb).toFixed(1)}× the peak RSS, ${(b.heapMb / a.heapMb).toFixed(1)}× the heap (quadratic would be 100×)`,
  );
}

if (require.main === module) {
  const n = Number(process.argv[2]);
  if (Number.isInteger(n) && n > 0) runOne(n);
  else fleetSynthBench((l) => console.log(l));
}
