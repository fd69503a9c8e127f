/**
 * Scaling benchmark (a script, not a test): our constructs against the same resources written directly with
 * the provider bindings, for N namespace workload networks of one /24 port group each, plus the engine alone on
 * a plan of 10,000 ranges. Prints a table; run with `npm run bench`.
 */
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { VsphereProvider, VsphereProviderConfig } from "@cdktf/provider-vsphere/lib/provider";
import { DataHttp } from "@cdktf/provider-http/lib/data-http";
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { VirtualMachine } from "@cdktf/provider-vsphere/lib/virtual-machine";
import { App, TerraformStack } from "cdktf";
import * as os from "os";
import {
  checkPlan,
  HAPROXY_HARDWARE,
  HaproxyLoadBalancer,
  HaproxyMode,
  NetworkPlanProps,
  SupervisorWorkloadNetwork,
  WorkloadNetworkProps,
} from "../lib";

const gc = (globalThis as { gc?: () => void }).gc;

/** The i-th /24 of 10.0.0.0/8, without its last octet: "10.x.y". */
function base(i: number): string {
  return `10.${Math.floor(i / 256)}.${i % 256}`;
}

function plan(n: number): NetworkPlanProps {
  const net = (i: number): WorkloadNetworkProps => ({
    name: `ns-${i}`,
    portGroup: {
      name: `wl-${i}`,
      vlanId: 100 + (i % 3000),
      cidr: `${base(i)}.0/24`,
      gateway: `${base(i)}.1`,
    },
    addressRanges: [`${base(i)}.10-${base(i)}.100`],
  });
  return {
    managementNetwork: { name: "mgmt", cidr: "192.168.0.0/24", gateway: "192.168.0.1" },
    primaryWorkloadNetwork: { ...net(0), name: "primary" },
    workloadNetworks: Array.from({ length: n }, (_, k) => net(k + 1)),
  };
}

function providers(stack: TerraformStack): void {
  new VsphereProvider(stack, "vsphere", {} as VsphereProviderConfig);
  new TlsProvider(stack, "tls", {});
  new RandomProvider(stack, "random", {});
  new HttpProvider(stack, "http", {});
}

function ours(n: number): void {
  const app = new App({ outdir: os.tmpdir() + "/bench-out", skipValidation: false });
  const stack = new TerraformStack(app, "ours");
  providers(stack);
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs",
    ...plan(n),
  });
  new HaproxyLoadBalancer(stack, "haproxy", {
    network,
    mode: HaproxyMode.DEFAULT,
    virtualIpRanges: ["10.0.0.128/25"],
    managementIp: "192.168.0.10",
    workloadIp: "10.0.0.5",
    rootPassword: undefined,
    datacenterId: "dc",
    resourcePoolId: "rp",
    datastoreId: "ds",
    hostSystemId: "host",
  });
  stack.runAllValidations();
  JSON.stringify(stack.toTerraform());
}

function raw(n: number): void {
  const app = new App({ outdir: os.tmpdir() + "/bench-out", skipValidation: true });
  const stack = new TerraformStack(app, "raw");
  providers(stack);
  const p = plan(n);
  const all = [p.primaryWorkloadNetwork, ...(p.workloadNetworks ?? [])];
  const ids: string[] = [];
  for (const pg of [p.managementNetwork, ...all.map((w) => w.portGroup)]) {
    ids.push(
      new DistributedPortGroup(stack, `pg-${pg.name}`, {
        name: pg.name,
        distributedVirtualSwitchUuid: "dvs",
        vlanId: pg.vlanId,
      }).id,
    );
  }
  const vm = new VirtualMachine(stack, "haproxy", {
    name: "haproxy",
    datacenterId: "dc",
    resourcePoolId: "rp",
    datastoreId: "ds",
    ...HAPROXY_HARDWARE,
    hostSystemId: "host",
    extraConfig: { "guest_rpc.auth.cloud-init.set": "FALSE" },
    networkInterface: [{ networkId: ids[0] }, { networkId: ids[1] }],
    ovfDeploy: {
      remoteOvfUrl: "https://example.invalid/haproxy.ova",
      deploymentOption: "default",
      ovfNetworkMap: { Management: ids[0], Workload: ids[1] },
    },
    vapp: {
      properties: {
        additional_workload_networks: all
          .slice(1)
          .map((w) => w.portGroup.cidr)
          .join(","),
      },
    },
  });
  new DataHttp(stack, "ready", {
    url: "https://192.168.0.10:5556/v2/info",
    retry: { attempts: 40, minDelayMs: 5000, maxDelayMs: 30000 },
    dependsOn: [vm],
  });
  JSON.stringify(stack.toTerraform());
}

function measure(fn: () => void, runs: number): { ms: number; heapMb: number } {
  fn(); // warm-up
  const times: number[] = [];
  let peak = 0;
  for (let r = 0; r < runs; r++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], heapMb: peak / 2 ** 20 };
}

function main(): void {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${gc ? "" : " (run with --expose-gc for steadier memory numbers)"}`,
  );
  console.log(
    "| N namespaces | ours ms (median) | raw ms (median) | ours/raw | ours heap MB | raw heap MB |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|");
  const oursMs: Record<number, number> = {};
  for (const n of [10, 100, 1000]) {
    const runs = n >= 1000 ? 5 : 9;
    const a = measure(() => ours(n), runs);
    const b = measure(() => raw(n), runs);
    oursMs[n] = a.ms;
    console.log(
      `| ${n} | ${a.ms.toFixed(1)} | ${b.ms.toFixed(1)} | ${(a.ms / b.ms).toFixed(2)} | ${a.heapMb.toFixed(1)} | ${b.heapMb.toFixed(1)} |`,
    );
  }
  console.log(`ours(1000)/ours(100) = ${(oursMs[1000] / oursMs[100]).toFixed(2)}`);

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
    virtualIpRanges: ["10.0.0.224/27"],
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
}

main();
