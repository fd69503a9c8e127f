/**
 * What the benchmarks run: our constructs, and the same resources written directly with the provider bindings
 * (what a user would write without the library), for N namespace workload networks of one /24 port group each.
 */
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { VsphereProvider, VsphereProviderConfig } from "@cdktf/provider-vsphere/lib/provider";
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { VirtualMachine } from "@cdktf/provider-vsphere/lib/virtual-machine";
import { Password } from "@cdktf/provider-random/lib/password";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { App, Fn, TerraformStack } from "cdktf";
// terraform_data as ours writes it: cdktf's DataResource would also run `terraform version` at every synth.
import { TerraformData } from "../lib/constructs/terraform-data";
import { Construct } from "constructs";
import * as os from "os";
import {
  HAPROXY_HARDWARE,
  HaproxyLoadBalancer,
  HaproxyMode,
  NetworkPlanProps,
  SupervisorWorkloadNetwork,
  WorkloadNetworkProps,
} from "../lib";
import {
  READINESS_COMMAND,
  READINESS_FAILURE,
  READINESS_PROBE_SCRIPT,
} from "../lib/constructs/dataplane-readiness";

export const gc = (globalThis as { gc?: () => void }).gc;

/** The i-th /24 of 10.0.0.0/8, without its last octet: "10.x.y". */
function base(i: number): string {
  return `10.${Math.floor(i / 256)}.${i % 256}`;
}

export function plan(n: number): NetworkPlanProps {
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

/** Our constructs, synthesized as `app.synth()` does: validations, then the Terraform JSON. */
export function ours(n: number): Record<string, unknown> {
  const app = new App({ outdir: os.tmpdir() + "/bench-out", skipValidation: false });
  const stack = new TerraformStack(app, "site");
  providers(stack);
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs",
    ...plan(n),
  });
  new HaproxyLoadBalancer(stack, "haproxy", {
    network,
    mode: HaproxyMode.DEFAULT,
    virtualIpCidrs: ["10.0.0.128/25"],
    managementIp: "192.168.0.10",
    workloadIp: "10.0.0.5",
    rootPassword: undefined,
    datacenterId: "dc",
    resourcePoolId: "rp",
    datastoreId: "ds",
    hostSystemId: "host",
  });
  stack.runAllValidations();
  const json = stack.toTerraform();
  JSON.stringify(json);
  return json;
}

/**
 * The same Terraform written directly with the bindings: the same resources with the same arguments, and the
 * same cdktf validations a normal synth runs; no plan engine, no report.
 */
export function raw(n: number): Record<string, unknown> {
  const app = new App({ outdir: os.tmpdir() + "/bench-out", skipValidation: false });
  const stack = new TerraformStack(app, "site");
  // The same construct ids as ours, so that both write the same Terraform, addresses included.
  const networkScope = new Construct(stack, "network");
  const haproxyScope = new Construct(stack, "haproxy");
  providers(stack);
  const p = plan(n);
  const all = [p.primaryWorkloadNetwork, ...(p.workloadNetworks ?? [])];
  const groups = [
    { pg: p.managementNetwork, role: "Management" },
    ...all.map((w) => ({ pg: w.portGroup, role: "Workload" })),
  ].map(
    ({ pg, role }) =>
      new DistributedPortGroup(networkScope, `port-group-${pg.name}`, {
        name: pg.name,
        distributedVirtualSwitchUuid: "dvs",
        vlanId: pg.vlanId,
        description: `${role} network ${pg.cidr} (gateway ${pg.gateway})`,
      }),
  );
  // Only the ids the VM needs are read, as a user would write it.
  const ids = [groups[0].id, groups[1].id];
  const password = (id: string) =>
    new Password(haproxyScope, id, {
      length: 24,
      special: true,
      overrideSpecial: "-_.+=",
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 1,
    }).result;
  const key = new PrivateKey(haproxyScope, "ca-key", { algorithm: "RSA", rsaBits: 2048 });
  const cert = new SelfSignedCert(haproxyScope, "ca-cert", {
    privateKeyPem: key.privateKeyPem,
    isCaCertificate: true,
    validityPeriodHours: 87600,
    allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
    subject: [{ commonName: "HAProxy appliance CA", organization: "vSphere with Tanzu" }],
  });
  const dataplanePassword = password("dataplane-password");
  const properties: Record<string, string> = {
    root_pwd: password("root-password"),
    permit_root_login: "False",
    ca_cert: cert.certPem,
    ca_cert_key: key.privateKeyPemPkcs8,
    hostname: "haproxy.local",
    nameservers: "1.1.1.1, 1.0.0.1",
    management_ip: "192.168.0.10/24",
    management_gateway: "192.168.0.1",
    workload_ip: "10.0.0.5/24",
    workload_gateway: "10.0.0.1",
    service_ip_range: "10.0.0.128/25",
    dataplane_port: "5556",
    haproxy_user: "admin",
    haproxy_pwd: dataplanePassword,
    additional_workload_networks: all
      .slice(1)
      .map((w) => w.portGroup.cidr)
      .join(","),
  };
  const vm = new VirtualMachine(haproxyScope, "appliance", {
    name: "haproxy",
    datacenterId: "dc",
    resourcePoolId: "rp",
    datastoreId: "ds",
    ...HAPROXY_HARDWARE,
    hostSystemId: "host",
    extraConfig: { "guest_rpc.auth.cloud-init.set": "FALSE" },
    networkInterface: [
      { networkId: ids[0], adapterType: "vmxnet3" },
      { networkId: ids[1], adapterType: "vmxnet3" },
    ],
    ovfDeploy: {
      remoteOvfUrl: "https://cdn.haproxy.com/download/haproxy/vsphere/ova/haproxy-v0.2.0.ova",
      deploymentOption: "default",
      diskProvisioning: "thin",
      ovfNetworkMap: { Management: ids[0], Workload: ids[1] },
      allowUnverifiedSslCert: false,
    },
    vapp: { properties },
    waitForGuestNetTimeout: 0,
    waitForGuestIpTimeout: 0,
    replaceTrigger: Fn.sha256(
      Fn.jsonencode({
        properties,
        ova: "https://cdn.haproxy.com/download/haproxy/vsphere/ova/haproxy-v0.2.0.ova",
        mode: "default",
      }),
    ),
    lifecycle: { ignoreChanges: ["vapp", "ept_rvi_mode", "hv_mode", "host_system_id"] },
  });
  const url = "https://192.168.0.10:5556/v2/info";
  const wait = new TerraformData(haproxyScope, "dataplane-api-wait", {
    triggersReplace: { virtual_machine_id: vm.id },
    provisioners: [
      {
        type: "local-exec",
        interpreter: ["node", "-e", READINESS_PROBE_SCRIPT],
        command: READINESS_COMMAND,
        environment: {
          HAPROXY_DATAPLANE_URL: url,
          HAPROXY_DATAPLANE_CA: cert.certPem,
          HAPROXY_DATAPLANE_USER: "admin",
          HAPROXY_DATAPLANE_PASSWORD: dataplanePassword,
          HAPROXY_READINESS_ATTEMPTS: "40",
          HAPROXY_READINESS_MIN_DELAY_MS: "5000",
          HAPROXY_READINESS_MAX_DELAY_MS: "30000",
          HAPROXY_READINESS_TIMEOUT_MS: "10000",
          HAPROXY_READINESS_FAILURE: READINESS_FAILURE,
        },
        quiet: true,
      } as { type: "local-exec"; command: string },
    ],
  });
  new TerraformData(haproxyScope, "dataplane-api-ready", {
    triggersReplace: { wait_id: wait.id },
    input: { url, virtual_machine_id: vm.id },
  });
  stack.addOverride("terraform.required_version", ">= 1.4.0");
  stack.addOverride("terraform.required_providers.vsphere.source", "hashicorp/vsphere");
  stack.addOverride("terraform.required_providers.vsphere.version", "2.5.1");
  stack.runAllValidations();
  const json = stack.toTerraform();
  JSON.stringify(json);
  return json;
}

/** One timed run after a collection: milliseconds and heap growth in bytes. */
function timed(fn: () => unknown): { ms: number; heap: number } {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, heap: process.memoryUsage().heapUsed - before };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median time and largest heap growth of `runs` runs after a warm-up. */
export function measure(fn: () => unknown, runs: number): { ms: number; heapMb: number } {
  fn(); // warm-up
  const rs = Array.from({ length: runs }, () => timed(fn));
  return { ms: median(rs.map((r) => r.ms)), heapMb: Math.max(...rs.map((r) => r.heap)) / 2 ** 20 };
}

/**
 * Both sides measured in alternation (a, b, a, b, …) so that drift of the machine (other load, JIT, heap
 * growth) falls on both alike; medians of each side.
 */
export function compare(
  a: () => unknown,
  b: () => unknown,
  runs: number,
): { a: { ms: number; heapMb: number }; b: { ms: number; heapMb: number } } {
  a();
  b();
  const ra: { ms: number; heap: number }[] = [];
  const rb: { ms: number; heap: number }[] = [];
  for (let r = 0; r < runs; r++) {
    ra.push(timed(a));
    rb.push(timed(b));
  }
  const summary = (rs: typeof ra) => ({
    ms: median(rs.map((x) => x.ms)),
    heapMb: Math.max(...rs.map((x) => x.heap)) / 2 ** 20,
  });
  return { a: summary(ra), b: summary(rb) };
}

/** The table of ours against raw at N = 10, 100, 1000, with the scaling ratio. */
export function constructVsRaw(print: (line: string) => void): void {
  // Key order aside (cdktf writes cdk.tf.json with sorted keys), both sides write the same configuration.
  const same = [10, 1000].every((n) => canonical(ours(n)) === canonical(raw(n)));
  print(`identical Terraform JSON from both sides (N = 10, 1000): ${same ? "yes" : "NO"}`);
  print("| N namespaces | ours ms (median) | raw ms (median) | ours/raw | ours heap MB | raw heap MB |");
  print("|---:|---:|---:|---:|---:|---:|");
  const oursMs: Record<number, number> = {};
  for (const n of [10, 100, 1000]) {
    const { a, b } = compare(
      () => ours(n),
      () => raw(n),
      n >= 1000 ? 15 : 21,
    );
    oursMs[n] = a.ms;
    print(
      `| ${n} | ${a.ms.toFixed(1)} | ${b.ms.toFixed(1)} | ${(a.ms / b.ms).toFixed(2)} | ${a.heapMb.toFixed(1)} | ${b.heapMb.toFixed(1)} |`,
    );
  }
  print(`ours(1000)/ours(100) = ${(oursMs[1000] / oursMs[100]).toFixed(2)}`);
}

/** JSON with sorted keys, as cdktf writes cdk.tf.json. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
