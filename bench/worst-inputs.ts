/**
 * The slowest malformed site files found, through the app's real path (load, build, synth): each must be
 * answered in well under 2 seconds. Printed by `npm run bench`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";

type Site = Record<string, Record<string, unknown> & { addressRanges?: string[] }> & {
  workloadNetworks: Record<string, unknown>[];
  haproxy: Record<string, unknown>;
};

const CASES: [string, (c: Site) => void][] = [
  ["100,000-character datacenter name", (c) => (c.vsphere.datacenter = "d".repeat(100000))],
  ["100,000-character VIP CIDR", (c) => (c.haproxy.virtualIpCidrs = ["1".repeat(100000)])],
  [
    "1,000 copies of one workload network",
    (c) => (c.workloadNetworks = Array.from({ length: 1000 }, () => c.workloadNetworks[0])),
  ],
  [
    "64 identical VIP CIDRs over the gateway",
    (c) => (c.haproxy.virtualIpCidrs = Array.from({ length: 64 }, () => "192.168.120.0/24")),
  ],
  [
    "100 ranges over the gateway",
    (c) =>
      (c.primaryWorkloadNetwork.addressRanges = Array.from(
        { length: 100 },
        () => "192.168.120.1-192.168.120.250",
      )),
  ],
  [
    "10,000 nameservers",
    (c) => (c.haproxy.nameservers = Array.from({ length: 10000 }, (_, i) => `10.0.0.${i % 250}`)),
  ],
  ["unicode everywhere", (c) => (c.vsphere.cluster = "クラスター🙂".repeat(5))],
];

/** Each case's time (median of 3 runs) and outcome. */
export function worstInputs(print: (line: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "worst-"));
  const original = fs.readFileSync(builtInSiteFiles()[0], "utf8");
  print("| malformed T1 site file | ms (median of 3) | outcome |");
  print("|---|---:|---|");
  for (const [name, change] of CASES) {
    const site = JSON.parse(original) as Site;
    change(site);
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(site));
    const times: number[] = [];
    let outcome = "";
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = synthesizeSites([file], path.join(dir, "out"));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const firstId = /\b(CFG-\d\d|[A-Z]+-\d\d)\b/.exec(r.err.join("\n"))?.[1];
      outcome = r.code === 0 ? "synthesized" : `refused (${firstId ?? "no id!"})`;
    }
    times.sort((a, b) => a - b);
    print(`| ${name} | ${times[1].toFixed(1)} | ${outcome} |`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
