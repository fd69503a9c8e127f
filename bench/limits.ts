/**
 * Site files at the documented limits (README: at most 1,000 workload networks, 100 ranges each, 64 VIP CIDRs),
 * through the app's real path. Printed by `npm run bench`: the time to the findings (load the site file and build
 * the constructs, whose engine checks the plan) and the full app run (load, build, synth, reports and map).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { loadSiteConfig } from "../lib/site/site-config";
import { TopologyStack } from "../lib/site/topology-stack";

type Site = Record<string, unknown> & { workloadNetworks: Record<string, unknown>[] };

/** 1,000 namespace networks, each its own /24 port group with 100 ranges: one address each, or all the same. */
function atTheLimits(stacked: boolean): (site: Site) => void {
  return (site) => {
    site.workloadNetworks = Array.from({ length: 1000 }, (_, i) => {
      const net = `172.${16 + (i >> 8)}.${i & 255}`;
      return {
        name: `ns-${i}`,
        portGroup: { name: `pg-${i}`, vlanId: 200 + i, cidr: `${net}.0/24`, gateway: `${net}.1` },
        addressRanges: Array.from({ length: 100 }, (_, k) =>
          stacked ? "192.168.121.10-192.168.121.200" : `${net}.${10 + k}-${net}.${10 + k}`,
        ),
      };
    });
  };
}

const CASES: [string, (site: Site) => void][] = [
  ["1,000 workload networks × 100 ranges, valid", atTheLimits(false)],
  ["1,000 workload networks × 100 identical ranges", atTheLimits(true)],
];

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Each case once (they take seconds): time to the findings, time of the full run, and the outcome. */
export function limits(print: (line: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "limits-"));
  const original = fs.readFileSync(builtInSiteFiles()[0], "utf8");
  print(
    "| T1 site file at the documented limits | to findings ms | full app run ms | printed lines | outcome |",
  );
  print("|---|---:|---:|---:|---|");
  for (const [name, change] of CASES) {
    const site = JSON.parse(original) as Site;
    change(site);
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(site, null, 2));
    let t0 = process.hrtime.bigint();
    new TopologyStack(new App({ outdir: path.join(dir, "findings") }), loadSiteConfig(file));
    const findings = ms(t0);
    t0 = process.hrtime.bigint();
    const r = synthesizeSites([file], path.join(dir, "out"));
    const run = ms(t0);
    const firstId = /\b([A-Z]+-\d\d)\b/.exec(r.err.join("\n"))?.[1];
    const lines = [...r.out, ...r.err].join("\n").split("\n").length;
    const outcome = r.code === 0 ? "synthesized" : `refused (${firstId ?? "no id!"})`;
    print(`| ${name} | ${findings.toFixed(0)} | ${run.toFixed(0)} | ${lines} | ${outcome} |`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
