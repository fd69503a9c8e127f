/**
 * Scaling benchmark (a script, not a test): our constructs against the same resources written directly with
 * the provider bindings, plus the engine alone on a plan of 10,000 ranges. Prints tables; `npm run bench` runs
 * it in plain node, then the same comparison under jest (bench/jest), as users' tests run it.
 */
import * as os from "os";
import { checkPlan, HaproxyMode, WorkloadNetworkProps } from "../lib";
import { fleetBench } from "./fleet";
import { fleetSynthBench } from "./fleet-synth";
import { limits } from "./limits";
import { worstInputs } from "./worst-inputs";
import { constructVsRaw, gc, measure, plan } from "./workloads";
import { cliVsSynth } from "./cli";

function main(): void {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${gc ? "" : " (run with --expose-gc for steadier memory numbers)"}`,
  );
  console.log("Plain node (compiled JavaScript):");
  constructVsRaw((l) => console.log(l));

  // The engine alone on 10,000 ranges: 2,500 port groups with 4 ranges each, plus the HAProxy side.
  const big = plan(2499);
  const split = (w: WorkloadNetworkProps): WorkloadNetworkProps => {
    const b = w.portGroup.cidr.replace(/\.0\/24$/, "");
    return { ...w, addressRanges: [10, 60, 110, 160].map((s) => `${b}.${s}-${b}.${s + 40}`) };
  };
  const engineNetwork = {
    ...big,
    primaryWorkloadNetwork: split(big.primaryWorkloadNetwork),
    workloadNetworks: (big.workloadNetworks ?? []).map(split),
  };
  const ranges = 4 * (1 + (engineNetwork.workloadNetworks?.length ?? 0));
  const haproxy = {
    mode: HaproxyMode.DEFAULT,
    virtualIpCidrs: ["10.0.0.224/27"],
    managementIp: "192.168.0.10",
    workloadIp: "10.0.0.5",
    nameservers: ["192.168.0.2"],
    dataplanePort: 5556,
    dataplaneUser: "admin",
  };
  let errors = -1;
  const engine = measure(() => {
    errors = checkPlan(engineNetwork, haproxy).diagnostics.filter((d) => d.severity === "error").length;
  }, 9);
  console.log(
    `engine: ${ranges} ranges checked in ${engine.ms.toFixed(1)} ms (median of 9), ${errors} errors`,
  );
  console.log("\nThe cross-site check (FLT rules), 10 namespace networks per site:");
  fleetBench((l) => console.log(l));
  console.log(
    "\nA fleet through the app's path (site files in a temporary folder, the rules across sites, both stacks of each site, the reports), 10 namespace networks per site:",
  );
  fleetSynthBench((l) => console.log(l));
  console.log("\nWorst malformed inputs found (the app's real path: load, build, synth):");
  worstInputs((l) => console.log(l));
  console.log("\nThe command line against the app's synth path (spawned processes):");
  cliVsSynth((l) => console.log(l));
  console.log("\nAt the documented limits (one run each):");
  limits((l) => console.log(l));
}

main();
