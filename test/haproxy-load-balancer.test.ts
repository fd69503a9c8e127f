import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  HaproxyCertificateAuthority,
  HaproxyLoadBalancer,
  HaproxyLoadBalancerProps,
  HaproxyMode,
  HaproxyOva,
  planReportFiles,
  SupervisorWorkloadNetwork,
  SupervisorWorkloadNetworkProps,
} from "../lib";
import {
  FRONTEND,
  resolved,
  resources,
  ruleLines,
  s13Network,
  stackWithProviders,
  validationError,
} from "./fixtures";
import { READINESS_PROBE_SCRIPT } from "../lib/constructs/dataplane-readiness";

/** The appliance's user-configurable vApp property ids per deployment option (haproxy-ova.md §1). */
const OVA_KEYS_DEFAULT = [
  "root_pwd",
  "permit_root_login",
  "ca_cert",
  "ca_cert_key",
  "hostname",
  "nameservers",
  "management_ip",
  "management_gateway",
  "workload_ip",
  "workload_gateway",
  "additional_workload_networks",
  "service_ip_range",
  "dataplane_port",
  "haproxy_user",
  "haproxy_pwd",
].sort();
const OVA_KEYS_FRONTEND = [...OVA_KEYS_DEFAULT, "frontend_ip", "frontend_gateway"].sort();

const WL121 = { name: "wl-121", vlanId: 121, cidr: "192.168.121.0/24", gateway: "192.168.121.1" };
const WL122 = { name: "wl-122", vlanId: 122, cidr: "192.168.122.0/24", gateway: "192.168.122.1" };

function build(
  hap: Partial<HaproxyLoadBalancerProps> = {},
  net: Partial<SupervisorWorkloadNetworkProps> = {},
  stack: TerraformStack = stackWithProviders(),
) {
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs-uuid",
    ...s13Network(),
    ...net,
  });
  const haproxy = new HaproxyLoadBalancer(stack, "haproxy", {
    network,
    virtualIpCidrs: ["192.168.120.128/25"],
    managementIp: "10.0.0.10",
    workloadIp: "192.168.120.5",
    nameservers: ["10.0.0.2"],
    datacenterId: "datacenter-1",
    resourcePoolId: "resgroup-1",
    datastoreId: "datastore-1",
    hostSystemId: "host-10",
    ...hap,
  });
  return { stack, network, haproxy };
}

/** T4: frontend mode, one port group per namespace, VIPs on the frontend network. */
function buildT4(hap: Partial<HaproxyLoadBalancerProps> = {}) {
  return build(
    {
      mode: HaproxyMode.FRONTEND,
      frontendIp: "192.168.130.5",
      virtualIpCidrs: ["192.168.130.64/26"],
      ...hap,
    },
    {
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: {
          ...WL121,
          name: "wl-primary",
          cidr: "192.168.120.0/24",
          gateway: "192.168.120.1",
          vlanId: 120,
        },
        addressRanges: ["192.168.120.31-192.168.120.40"],
      },
      workloadNetworks: [
        { name: "ns-a", portGroup: WL121, addressRanges: ["192.168.121.10-192.168.121.200"] },
        { name: "ns-b", portGroup: WL122, addressRanges: ["192.168.122.10-192.168.122.200"] },
      ],
      frontendNetwork: FRONTEND,
    },
  );
}

function vm(stack: TerraformStack): Record<string, unknown> {
  const vms = Object.values(resources(stack, "vsphere_virtual_machine"));
  expect(vms).toHaveLength(1);
  return vms[0];
}

function props(stack: TerraformStack): Record<string, string> {
  return (vm(stack).vapp as { properties: Record<string, string> }).properties;
}

describe("conformance with the appliance and the provider", () => {
  test.each([
    ["default", () => build(), OVA_KEYS_DEFAULT],
    ["frontend", () => buildT4(), OVA_KEYS_FRONTEND],
  ] as const)("%s mode sends exactly the OVA's property ids, none class-prefixed", (_mode, make, keys) => {
    const { stack } = make();
    const names = Object.keys(props(stack)).sort();
    expect(names).toEqual(keys);
    expect(names.filter((k) => /^(appliance|network|loadbalance)\./.test(k))).toEqual([]);
  });

  test("NICs are vmxnet3 in OVF order, matched by position; no inert ovf_mapping or ip_protocol", () => {
    const { stack, network } = buildT4();
    const machine = vm(stack);
    const nics = machine.network_interface as Record<string, unknown>[];
    expect(nics.every((n) => n.adapter_type === "vmxnet3")).toBe(true);
    // ovf_mapping is read only on the content-library path (provider content_library_helper.go).
    expect(nics.some((n) => "ovf_mapping" in n)).toBe(false);
    const deploy = machine.ovf_deploy as Record<string, unknown> & {
      ovf_network_map: Record<string, string>;
    };
    expect("ip_protocol" in deploy).toBe(false);
    expect(Object.keys(deploy.ovf_network_map).sort()).toEqual(["Frontend", "Management", "Workload"]);
    expect(nics.map((n) => n.network_id)).toEqual(
      ["Management", "Workload", "Frontend"].map((name) => deploy.ovf_network_map[name]),
    );
    expect(nics.map((n) => n.network_id)).toEqual(
      [network.managementNetworkId, network.primaryWorkloadNetworkId, network.frontendNetworkId].map((id) =>
        resolved(stack, id!),
      ),
    );
  });

  test("default mode has two NICs and no Frontend network", () => {
    const { stack } = build();
    const machine = vm(stack);
    expect((machine.network_interface as unknown[]).length).toBe(2);
    expect(Object.keys((machine.ovf_deploy as { ovf_network_map: object }).ovf_network_map)).toEqual([
      "Management",
      "Workload",
    ]);
  });

  test("the OVA's hardware is set explicitly", () => {
    const { stack } = build();
    expect(vm(stack)).toEqual(
      expect.objectContaining({
        num_cpus: 2,
        num_cores_per_socket: 2,
        memory: 4096,
        guest_id: "other3xLinux64Guest",
        firmware: "bios",
        scsi_type: "lsilogic",
      }),
    );
  });

  test("OVF deployment: the v0.2.0 URL, the mode's option, thin disks, the datacenter", () => {
    const { stack } = build();
    const machine = vm(stack);
    expect(machine.datacenter_id).toBe("datacenter-1");
    expect(machine.ovf_deploy).toEqual(
      expect.objectContaining({
        remote_ovf_url: "https://cdn.haproxy.com/download/haproxy/vsphere/ova/haproxy-v0.2.0.ova",
        deployment_option: "default",
        disk_provisioning: "thin",
      }),
    );
  });

  test("another OVA source: a local path", () => {
    const { stack } = build({ ova: HaproxyOva.fromLocalPath("/isos/haproxy-v0.2.0.ova") });
    const deploy = vm(stack).ovf_deploy as Record<string, unknown>;
    expect(deploy.local_ovf_path).toBe("/isos/haproxy-v0.2.0.ova");
    expect(deploy.remote_ovf_url).toBeUndefined();
  });

  test("an older release gets no additional_workload_networks (it would be an unknown property)", () => {
    const { stack } = build({ ova: HaproxyOva.fromRelease("v0.1.10") });
    expect(Object.keys(props(stack))).not.toContain("additional_workload_networks");
    expect(() => HaproxyOva.fromRelease("v9")).toThrow(/unknown appliance release "v9"/);
  });

  test("lifecycle: provider drift ignored, a replacement trigger over the properties and the OVA", () => {
    const { stack } = build();
    const machine = vm(stack);
    // host_system_id: provider 2.5.1 reads the VM's current host back (resource_vsphere_virtual_machine.go
    // 459–462) and would vMotion it back after every DRS move (1793–1816); the host matters at create only.
    expect(machine.lifecycle).toEqual({
      ignore_changes: ["vapp", "ept_rvi_mode", "hv_mode", "host_system_id"],
    });
    expect(String(machine.replace_trigger)).toMatch(/^\$\{sha256\(jsonencode\(/);
    expect(String(machine.replace_trigger)).toContain("haproxy-v0.2.0.ova");
    expect(String(machine.replace_trigger)).toContain("service_ip_range");
    expect(machine.wait_for_guest_net_timeout).toBe(0);
  });
});

describe("S-13 in default mode, value by value", () => {
  test("the vApp properties", () => {
    const { stack } = build();
    const p = props(stack);
    expect(p).toEqual(
      expect.objectContaining({
        permit_root_login: "False",
        hostname: "haproxy.local",
        nameservers: "10.0.0.2",
        management_ip: "10.0.0.10/24",
        management_gateway: "10.0.0.1",
        workload_ip: "192.168.120.5/24",
        workload_gateway: "192.168.120.1",
        additional_workload_networks: "",
        service_ip_range: "192.168.120.128/25",
        dataplane_port: "5556",
        haproxy_user: "admin",
      }),
    );
    expect(p.root_pwd).toMatch(/^\$\{random_password\..*\.result\}$/);
    expect(p.haproxy_pwd).toMatch(/^\$\{random_password\..*\.result\}$/);
    expect(p.ca_cert).toMatch(/^\$\{tls_self_signed_cert\..*\.cert_pem\}$/);
    expect(p.ca_cert_key).toMatch(/^\$\{tls_private_key\..*\.private_key_pem_pkcs8\}$/);
    expect(validationError(stack)).toBe("");
  });

  test("attributes for users and the plan report", () => {
    const { stack, haproxy } = build();
    expect(haproxy.dataplaneEndpoint).toBe("https://10.0.0.10:5556");
    expect(haproxy.dataplaneAddress).toBe("10.0.0.10:5556");
    expect(haproxy.virtualServerRanges).toEqual([
      // The block's last address is the subnet's broadcast address: left out for the Supervisor (VIP-06).
      { cidr: "192.168.120.128/25", start: "192.168.120.128", end: "192.168.120.254", count: 127 },
    ]);
    expect(resolved(stack, haproxy.caCertificatePem)).toMatch(/tls_self_signed_cert\..*\.cert_pem/);
  });

  test("the CA is generated with the tls provider and passwords with random_password", () => {
    const { stack } = build();
    expect(Object.values(resources(stack, "tls_self_signed_cert"))[0]).toEqual(
      expect.objectContaining({
        is_ca_certificate: true,
        allowed_uses: expect.arrayContaining(["cert_signing"]),
      }),
    );
    expect(Object.values(resources(stack, "random_password"))).toHaveLength(2);
  });
});

describe("T4 in frontend mode, value by value", () => {
  test("frontend properties and the other workload networks' CIDRs", () => {
    const { stack } = buildT4();
    expect(props(stack)).toEqual(
      expect.objectContaining({
        frontend_ip: "192.168.130.5/24",
        frontend_gateway: "192.168.130.1",
        workload_ip: "192.168.120.5/24",
        additional_workload_networks: "192.168.121.0/24,192.168.122.0/24",
        service_ip_range: "192.168.130.64/26",
      }),
    );
    expect((vm(stack).ovf_deploy as Record<string, unknown>).deployment_option).toBe("frontend");
    expect(validationError(stack)).toBe("");
  });

  test("the workload NIC can join a namespace network; its own CIDR leaves the additional list", () => {
    const { stack } = buildT4({ workloadNetworkName: "ns-a", workloadIp: "192.168.121.5" });
    expect(props(stack)).toEqual(
      expect.objectContaining({
        workload_ip: "192.168.121.5/24",
        workload_gateway: "192.168.121.1",
        additional_workload_networks: "192.168.120.0/24,192.168.122.0/24",
      }),
    );
  });
});

describe("secrets", () => {
  test("no plain-text secret in the synthesized JSON on the default path", () => {
    const { stack } = build();
    const json = Testing.synth(stack);
    expect(json).not.toMatch(/-----BEGIN/);
    const p = props(stack);
    for (const k of ["root_pwd", "haproxy_pwd", "ca_cert_key"]) expect(p[k]).toMatch(/^\$\{[a-z_]+\./);
  });

  test("a token password is passed through and raises no warning", () => {
    const stack = stackWithProviders();
    const pwd = new TerraformVariable(stack, "dataplane_password", { type: "string", sensitive: true });
    const { haproxy } = build({ dataplanePassword: pwd.stringValue }, {}, stack);
    expect(props(stack).haproxy_pwd).toBe("${var.dataplane_password}");
    expect(haproxy.diagnostics.map((d) => d.ruleId)).not.toContain("SEC-01");
    expect(Object.values(resources(stack, "random_password"))).toHaveLength(1);
  });

  test("a literal password works but warns (SEC-01)", () => {
    const { haproxy } = build({ rootPassword: "Literal-Passw0rd" });
    const warnings = haproxy.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings.some((w) => w.startsWith("SEC-01 rootPassword:"))).toBe(true);
  });

  test("a supplied CA is used as given", () => {
    const stack = stackWithProviders();
    const cert = new TerraformVariable(stack, "ca_cert", { type: "string" });
    const key = new TerraformVariable(stack, "ca_key", { type: "string", sensitive: true });
    build(
      { certificateAuthority: HaproxyCertificateAuthority.fromPem(cert.stringValue, key.stringValue) },
      {},
      stack,
    );
    expect(props(stack)).toEqual(
      expect.objectContaining({ ca_cert: "${var.ca_cert}", ca_cert_key: "${var.ca_key}" }),
    );
    expect(Object.keys(resources(stack, "tls_private_key"))).toEqual([]);
  });
});

describe("one failing plan per VIP and HAP rule, with the network's problems in the same synth", () => {
  test.each([
    [
      "VIP-01",
      { virtualIpCidrs: ["192.168.120.0/28"], workloadIp: "192.168.120.20" },
      ['"192.168.120.0/28"', "gateway 192.168.120.1"],
    ],
    [
      "VIP-02",
      { virtualIpCidrs: ["192.168.120.48/28"] },
      ['"192.168.120.48/28"', '"192.168.120.51-192.168.120.60"'],
    ],
    ["VIP-03", { virtualIpCidrs: ["192.168.120.0/29"] }, ['"192.168.120.0/29"', "192.168.120.5"]],
    ["VIP-04", { virtualIpCidrs: ["192.168.120.128/25", "192.168.120.128/26"] }, ['"192.168.120.128/26"']],
    ["HAP-01", { frontendIp: "192.168.130.5" }, ['"192.168.130.5"']],
    ["HAP-02", { managementIp: "10.0.0.1" }, ['"10.0.0.1"', "gateway"]],
    ["HAP-03", { workloadNetworkName: "nope" }, ['"nope"']],
    ["HAP-04", { nameservers: ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"] }, ["4 nameservers"]],
    ["HAP-05", { dataplaneUser: "" }, ['""']],
    [
      "HAP-06",
      {
        certificateAuthority: HaproxyCertificateAuthority.fromPem(
          "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----",
          "-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----",
        ),
      },
      ["PKCS#8"],
    ],
  ] as [string, Partial<HaproxyLoadBalancerProps>, string[]][])("%s", (id, hap, quoted) => {
    const { stack } = build(hap, {
      managementNetwork: { name: "mgmt", cidr: "10.0.0.0/24", gateway: "10.0.0.1", vlanId: 5000 },
    });
    const lines = ruleLines(validationError(stack));
    const mine = lines.filter((l) => l.startsWith(`[test/haproxy] ${id} `));
    expect(mine.length).toBeGreaterThan(0);
    for (const q of quoted) expect(mine.join("\n")).toContain(q);
    expect(lines.some((l) => l.startsWith("[test/network] NET-06 "))).toBe(true);
  });

  test("warnings do not fail synthesis: VIP-08 and HAP-07 are annotations", () => {
    const { stack, haproxy } = build({ virtualIpCidrs: ["10.0.0.128/26"] }, {});
    expect(validationError(stack)).toBe("");
    const warnings = haproxy.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings.map((w) => w.split(" ")[0]).sort()).toEqual(["HAP-07", "VIP-08"]);
  });

  test("VIPs in no subnet of the appliance's NICs fail synthesis (VIP-05), naming the NIC that answers", () => {
    const { stack } = build({ virtualIpCidrs: ["192.168.200.0/25"] }, {});
    expect(ruleLines(validationError(stack))).toEqual([
      expect.stringMatching(
        /^\[test\/haproxy\] VIP-05 virtualIpCidrs\[0\]: VIP CIDR "192\.168\.200\.0\/25" lies in no subnet .* answered from the management NIC/,
      ),
    ]);
  });
});

/** The `terraform` block of a synthesized stack. */
function terraformBlock(stack: TerraformStack): {
  required_providers: Record<string, { source: string; version: string }>;
} {
  return (JSON.parse(Testing.synth(stack)) as { terraform: never }).terraform;
}

describe("the appliance comes up on a real vCenter", () => {
  test("the stack is pinned to provider 2.5.1 under hashicorp/vsphere, the release that keeps the OVA's NICs", () => {
    const { stack, haproxy } = build();
    expect(terraformBlock(stack).required_providers.vsphere).toEqual({
      source: "hashicorp/vsphere",
      version: "2.5.1",
    });
    expect(haproxy.vsphereProviderVersion).toBe(HaproxyLoadBalancer.DEFAULT_VSPHERE_PROVIDER_VERSION);
    expect(vm(stack).host_system_id).toBe("host-10");
  });

  test("a newer provider is an error (HAP-10) that says how to acknowledge it, and takes the registry address it was published under", () => {
    const { stack } = build({ vsphereProviderVersion: "2.15.0" });
    const acknowledged = build({
      vsphereProviderVersion: "2.15.0",
      acknowledge: [
        { ruleId: "HAP-10", reason: "Checked on this release: ip link shows management and workload." },
      ],
    });
    expect(terraformBlock(acknowledged.stack).required_providers.vsphere).toEqual({
      source: "vmware/vsphere",
      version: "2.15.0",
    });
    expect(ruleLines(validationError(stack))).toEqual([
      expect.stringMatching(
        /^\[test\/haproxy\] HAP-10 vsphereProviderVersion: vsphere provider 2\.15\.0 .* no management interface.*acknowledge HAP-10 with the reason/,
      ),
    ]);
    const older = build({
      vsphereProviderVersion: "2.12.0",
      acknowledge: [
        { ruleId: "HAP-10", reason: "Checked on this release: ip link shows management and workload." },
      ],
    });
    expect(terraformBlock(older.stack).required_providers.vsphere.source).toBe("hashicorp/vsphere");
    // No host is a props error at construction (the type requires one); HAP-09 says why (test/props.test.ts).
    expect(() => build({ vsphereProviderVersion: "2.14.2", hostSystemId: undefined })).toThrow(
      /^\[test\/haproxy\] CFG-02 hostSystemId: given as undefined .*HAP-09/,
    );
  });

  test("a provider version constraint is HAP-12 at synth, not a crash; a Terraform variable too", () => {
    const constrained = build({ vsphereProviderVersion: "~> 2.5" });
    expect(ruleLines(validationError(constrained.stack))).toEqual([
      '[test/haproxy] HAP-12 vsphereProviderVersion: "~> 2.5" is not an exact provider release (it is a version constraint). Give one exact release major.minor.patch (the default, 2.5.1, keeps the OVA\'s network cards): did you mean "2.5.1"? [docs/rules.md#hap-12]',
    ]);
    // Not even without validations: no Terraform with an unknown provider release.
    expect(() => Testing.synth(constrained.stack)).toThrow(/no Terraform is written/);
    const stack = stackWithProviders();
    const release = new TerraformVariable(stack, "provider_release", { type: "string" });
    expect(
      ruleLines(validationError(build({ vsphereProviderVersion: release.stringValue }, {}, stack).stack)),
    ).toEqual([
      expect.stringMatching(
        /^\[test\/haproxy\] HAP-12 vsphereProviderVersion: a value known only at apply .* cannot pin the provider/,
      ),
    ]);
  });

  test("two provider releases in one stack cannot be built", () => {
    const { stack, network } = build();
    expect(
      () =>
        new HaproxyLoadBalancer(stack, "second", {
          network,
          virtualIpCidrs: ["192.168.120.128/26"],
          managementIp: "10.0.0.11",
          workloadIp: "192.168.120.6",
          datacenterId: "d",
          resourcePoolId: "r",
          datastoreId: "s",
          hostSystemId: "h",
          vsphereProviderVersion: "2.15.0",
        }),
    ).toThrow(/one Terraform configuration holds one version of a provider/);
  });

  test("first boot on ESXi 8.0 U3: guestinfo writes allowed, the user's extra_config merged", () => {
    expect(vm(build().stack).extra_config).toEqual({ "guest_rpc.auth.cloud-init.set": "FALSE" });
    const { stack } = build({
      extraConfig: { "tools.guest.desktop.autolock": "FALSE", "guest_rpc.auth.cloud-init.set": "TRUE" },
    });
    expect(vm(stack).extra_config).toEqual({
      "tools.guest.desktop.autolock": "FALSE",
      "guest_rpc.auth.cloud-init.set": "FALSE",
    });
  });

  test("readiness at create and replace: terraform_data with a Node.js wait, replaced with the VM, failing with our causes", () => {
    const { stack, haproxy } = build();
    const data = resources(stack, "terraform_data");
    expect(Object.keys(data)).toHaveLength(2);
    const [waitId, readyId] = ["dataplane-api-wait", "dataplane-api-ready"].map(
      (id) => Object.keys(data).find((k) => k.startsWith(`haproxy_${id}_`))!,
    );
    const wait = data[waitId] as {
      triggers_replace: Record<string, string>;
      provisioner: { "local-exec": Record<string, unknown> }[];
    };
    expect(wait.triggers_replace).toEqual({
      virtual_machine_id: expect.stringMatching(
        /^\$\{vsphere_virtual_machine\.haproxy_appliance_[0-9A-F]+\.id\}$/,
      ),
    });
    // The mark: replaced with the wait, so applied only after a wait that succeeded.
    expect(data[readyId]).toEqual(
      expect.objectContaining({
        triggers_replace: { wait_id: `\${terraform_data.${waitId}.id}` },
        input: {
          url: "https://10.0.0.10:5556/v2/info",
          virtual_machine_id: expect.stringMatching(
            /^\$\{vsphere_virtual_machine\.haproxy_appliance_[0-9A-F]+\.id\}$/,
          ),
        },
      }),
    );
    expect(haproxy.readinessWait).toBeDefined();
    expect(wait.provisioner).toHaveLength(1);
    const exec = wait.provisioner[0]["local-exec"] as {
      interpreter: string[];
      command: string;
      environment: Record<string, string>;
      quiet: boolean;
    };
    // No shell, no curl: node runs the script; the password only in the environment.
    expect(exec.interpreter).toEqual(["node", "-e", READINESS_PROBE_SCRIPT]);
    expect(exec.command).toBe("haproxy-dataplane-api-readiness");
    expect(exec.quiet).toBe(true);
    expect(exec.environment).toEqual(
      expect.objectContaining({
        HAPROXY_DATAPLANE_URL: "https://10.0.0.10:5556/v2/info",
        HAPROXY_DATAPLANE_CA: resolved(stack, haproxy.caCertificatePem),
        HAPROXY_DATAPLANE_USER: "admin",
        HAPROXY_DATAPLANE_PASSWORD: expect.stringMatching(
          /^\$\{random_password\.haproxy_dataplane-password_[0-9A-F]+\.result\}$/,
        ),
        HAPROXY_READINESS_ATTEMPTS: "40",
      }),
    );
    for (const cause of ["NICs", "guestinfo", "route", "readinessCheck: false", "401"]) {
      expect(exec.environment.HAPROXY_READINESS_FAILURE).toContain(cause);
    }
    expect(JSON.stringify(exec)).not.toMatch(/\$\{random_password[^}]*\}[^"]*-e/);
    expect(haproxy.ready).toBe(haproxy.readinessCheck);
    // terraform_data and local-exec's quiet: Terraform 1.4.
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe(">= 1.4.0");
  });

  test("health on every plan, opt-in: a check block whose scoped http data source can only warn, one try of 5 s", () => {
    expect(JSON.parse(Testing.synth(build().stack)).check).toBeUndefined();
    const { stack, haproxy } = build({ healthCheck: true });
    expect(haproxy.healthCheck).toBeDefined();
    const json = JSON.parse(Testing.synth(stack)) as {
      check: Record<string, { data: { http: Record<string, Record<string, unknown>> }; assert: unknown[] }>;
      data?: Record<string, unknown>;
    };
    // No top-level http data source: it would be read, and fail, at every plan, refresh and destroy.
    expect(json.data?.http).toBeUndefined();
    const checks = Object.entries(json.check);
    expect(checks).toHaveLength(1);
    const [name, check] = checks[0];
    const http = check.data.http[name];
    expect(http.url).toBe("https://10.0.0.10:5556/v2/info");
    expect(http.request_timeout_ms).toBe(5000);
    expect(http.retry).toBeUndefined();
    expect((http.request_headers as Record<string, string>).Authorization).toMatch(
      /^Basic \$\{base64encode\("admin:\$\{random_password\.haproxy_dataplane-password_[0-9A-F]+\.result\}"\)\}$/,
    );
    expect(check.assert).toEqual([
      {
        condition: `\${data.http.${name}.status_code == 200}`,
        error_message: expect.stringContaining("warning only"),
      },
    ]);
    // Check blocks: Terraform 1.5.
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe(">= 1.5.0");
  });

  test("HAP-08: an appliance release before v0.2.0 with workload networks on other port groups fails", () => {
    const lines = ruleLines(validationError(buildT4({ ova: HaproxyOva.fromRelease("v0.1.10") }).stack));
    expect(lines).toEqual([
      expect.stringMatching(/^\[test\/haproxy\] HAP-08 ova: appliance release "v0.1.10"/),
    ]);
    expect(lines[0]).toContain('"ns-a" (port group "wl-121"), "ns-b" (port group "wl-122")');
    expect(validationError(buildT4({ ova: HaproxyOva.fromRelease("v0.2.0") }).stack)).toBe("");
  });

  test("readiness can be turned off; later resources then depend on the VM", () => {
    const { stack, haproxy } = build({ readinessCheck: false });
    expect(resources(stack, "terraform_data")).toEqual({});
    expect(JSON.parse(Testing.synth(stack)).check).toBeUndefined();
    expect(haproxy.healthCheck).toBeUndefined();
    expect(haproxy.readinessCheck).toBeUndefined();
    expect(haproxy.ready).toBe(haproxy.virtualMachine);
  });
});

describe("what the wizard asks for, as Terraform outputs", () => {
  test("addOutputs: the CA, address and user, the password sensitive, named for `terraform output -raw`", () => {
    const { stack, haproxy } = build();
    haproxy.addOutputs();
    const outputs = (
      JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string; sensitive?: boolean }> }
    ).output;
    expect(Object.keys(outputs).sort()).toEqual([
      "haproxy_ca_certificate_pem",
      "haproxy_dataplane_address",
      "haproxy_dataplane_password",
      "haproxy_dataplane_user",
      "haproxy_root_password",
    ]);
    expect(outputs.haproxy_root_password.sensitive).toBe(true);
    expect(outputs.haproxy_root_password.value).toMatch(/^\$\{random_password\..*\.result\}$/);
    expect(outputs.haproxy_dataplane_address.value).toBe("10.0.0.10:5556");
    expect(outputs.haproxy_dataplane_user.value).toBe("admin");
    expect(outputs.haproxy_dataplane_password.sensitive).toBe(true);
    expect(outputs.haproxy_ca_certificate_pem.sensitive).toBeFalsy();
    // The report names them instead of a construct attribute.
    const report = planReportFiles(stack)["ip-plan.md"];
    expect(report).toContain(
      "| Password | Terraform output haproxy_dataplane_password (sensitive; terraform output -raw) |",
    );
    expect(report).toContain("Terraform output haproxy_ca_certificate_pem");
  });
});
