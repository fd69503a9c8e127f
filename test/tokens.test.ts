/**
 * Every prop that takes an address, range, CIDR, list of them, port or password accepts a Terraform variable of
 * its type: synth passes, the rules that need the value are skipped and announced once, and the Terraform
 * reads the variable (no raw token text, no cdktf "[ERROR]" about escape sequences).
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  checkNetworkPlan,
  IUnresolvedTest,
  HaproxyLoadBalancer,
  HaproxyLoadBalancerProps,
  HaproxyMode,
  planReportFiles,
  SupervisorWorkloadNetwork,
  SupervisorWorkloadNetworkProps,
} from "../lib";
import { FRONTEND, s13ApplianceProps, s13Network, stackWithProviders } from "./fixtures";

type Kind = "string" | "number" | "list(string)";
type Patch = (
  stack: TerraformStack,
  v: (kind: Kind) => never,
) => {
  net?: Partial<SupervisorWorkloadNetworkProps>;
  hap?: Partial<HaproxyLoadBalancerProps>;
};

/** Each prop, the type of its variable, and how the variable reaches the Terraform (a path into the VM or a port group). */
const PROPS: [string, Kind, Patch, RegExp][] = [
  [
    "managementNetwork.cidr",
    "string",
    (_s, v) => ({ net: { managementNetwork: { ...s13Network().managementNetwork, cidr: v("string") } } }),
    /management_ip": "\$\{join\(\\"\/\\", \[\\"10\.0\.0\.10\\", element\(split\(\\"\/\\", var\.x\), 1\)\]\)\}"/,
  ],
  [
    "managementNetwork.gateway",
    "string",
    (_s, v) => ({ net: { managementNetwork: { ...s13Network().managementNetwork, gateway: v("string") } } }),
    /management_gateway": "\$\{var\.x\}"/,
  ],
  [
    "managementNetwork.vlanId",
    "number",
    (_s, v) => ({ net: { managementNetwork: { ...s13Network().managementNetwork, vlanId: v("number") } } }),
    /vlan_id": "\$\{var\.x\}"/,
  ],
  [
    "primaryWorkloadNetwork.addressRanges",
    "list(string)",
    (_s, v) => ({
      net: {
        primaryWorkloadNetwork: { ...s13Network().primaryWorkloadNetwork, addressRanges: v("list(string)") },
      },
    }),
    /"TfToken|^$/,
  ],
  [
    "supervisorManagementStartIp",
    "string",
    (_s, v) => ({ net: { supervisorManagementStartIp: v("string") } }),
    /"TfToken|^$/,
  ],
  [
    "virtualIpCidrs",
    "list(string)",
    (_s, v) => ({ hap: { virtualIpCidrs: v("list(string)") } }),
    /service_ip_range": "\$\{join\(\\",\\", var\.x\)\}"/,
  ],
  [
    "managementIp",
    "string",
    (_s, v) => ({ hap: { managementIp: v("string") } }),
    /"url": "https:\/\/\$\{var\.x\}:5556\/v2\/info"/,
  ],
  [
    "workloadIp",
    "string",
    (_s, v) => ({ hap: { workloadIp: v("string") } }),
    /workload_ip": "\$\{join\(\\"\/\\", \[var\.x, \\"24\\"\]\)\}"/,
  ],
  [
    "nameservers",
    "list(string)",
    (_s, v) => ({ hap: { nameservers: v("list(string)") } }),
    /nameservers": "\$\{join\(\\", \\", var\.x\)\}"/,
  ],
  [
    "dataplanePort",
    "number",
    (_s, v) => ({ hap: { dataplanePort: v("number") } }),
    /dataplane_port": "\$\{var\.x\}"/,
  ],
  [
    "dataplaneUser",
    "string",
    (_s, v) => ({ hap: { dataplaneUser: v("string") } }),
    /haproxy_user": "\$\{var\.x\}"/,
  ],
  [
    "dataplanePassword",
    "string",
    (_s, v) => ({ hap: { dataplanePassword: v("string") } }),
    /haproxy_pwd": "\$\{var\.x\}"/,
  ],
  [
    "rootPassword",
    "string",
    (_s, v) => ({ hap: { rootPassword: v("string") } }),
    /root_pwd": "\$\{var\.x\}"/,
  ],
];

function build(patches: Patch[]) {
  const stack = stackWithProviders();
  let n = 0;
  const patch = {
    net: {} as Partial<SupervisorWorkloadNetworkProps>,
    hap: {} as Partial<HaproxyLoadBalancerProps>,
  };
  for (const p of patches) {
    const id = patches.length === 1 ? "x" : `x${n++}`;
    const v = ((kind: Kind) => {
      const variable = new TerraformVariable(stack, id, { type: kind, sensitive: kind === "string" });
      return kind === "number"
        ? variable.numberValue
        : kind === "string"
          ? variable.stringValue
          : variable.listValue;
    }) as (kind: Kind) => never;
    const got = p(stack, v);
    patch.net = { ...patch.net, ...got.net };
    patch.hap = { ...patch.hap, ...got.hap };
  }
  const network = new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs",
    ...s13Network(),
    ...patch.net,
  });
  const haproxy = new HaproxyLoadBalancer(stack, "haproxy", s13ApplianceProps(network, patch.hap));
  return { stack, network, haproxy };
}

/** Build and synth with validations, and what cdktf printed meanwhile (it warns while building, too). */
function buildAndSynth<T extends { stack: TerraformStack }>(
  make: () => T,
): T & { text: string; printed: string } {
  const spies = [jest.spyOn(console, "error"), jest.spyOn(console, "warn"), jest.spyOn(console, "log")];
  spies.forEach((s) => s.mockImplementation(() => undefined));
  try {
    const built = make();
    const text = Testing.synth(built.stack, true);
    return { ...built, text, printed: spies.flatMap((s) => s.mock.calls.map((c) => c.join(" "))).join("\n") };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

const info = (c: { node: { metadata: { type: string; data: unknown }[] } }) =>
  c.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => String(m.data));

describe.each(PROPS)("a Terraform variable for %s (%s)", (prop, _kind, patch, expression) => {
  test("synthesizes, reads the variable, and is announced once as not known until apply", () => {
    const { stack, network, haproxy, text, printed } = buildAndSynth(() => build([patch]));
    expect(printed).not.toMatch(/ERROR|escape sequences/);
    expect(text).not.toMatch(/TfToken/);
    if (!expression.source.includes("TfToken")) expect(text).toMatch(expression);
    const notes = [...info(network), ...info(haproxy)].join("\n");
    expect(notes).toMatch(
      new RegExp(`not known until apply \\(.*${prop.split(".").pop()!.replace(/[[\]]/g, "\\$&")}`),
    );
    expect(planReportFiles(stack)["ip-plan.md"]).not.toMatch(/TfToken|\$\{/);
  });
});

test("all of them at once", () => {
  const { stack, text, printed } = buildAndSynth(() => build(PROPS.map((p) => p[2])));
  expect(printed).not.toMatch(/ERROR|escape sequences/);
  expect(text).not.toMatch(/TfToken/);
  expect(planReportFiles(stack)["ip-plan.md"]).not.toMatch(/TfToken|\$\{/);
});

test("frontend mode with a variable for the frontend address", () => {
  const { text, printed } = buildAndSynth(() => {
    const stack = stackWithProviders();
    const ip = new TerraformVariable(stack, "x", { type: "string" }).stringValue;
    const network = new SupervisorWorkloadNetwork(stack, "network", {
      distributedSwitchUuid: "dvs",
      ...s13Network(),
      frontendNetwork: FRONTEND,
    });
    new HaproxyLoadBalancer(stack, "haproxy", {
      network,
      mode: HaproxyMode.FRONTEND,
      frontendIp: ip,
      virtualIpCidrs: ["192.168.130.64/26"],
      managementIp: "10.0.0.10",
      workloadIp: "192.168.120.5",
      datacenterId: "dc",
      resourcePoolId: "rp",
      datastoreId: "ds",
      hostSystemId: "host",
    });
    return { stack };
  });
  expect(printed).not.toMatch(/ERROR|escape sequences/);
  expect(text).toMatch(/frontend_ip": "\$\{join\(\\"\/\\", \[var\.x, \\"24\\"\]\)\}"/);
});

describe("the unresolved-value test of the engine's options", () => {
  const network = () => ({ ...s13Network(), supervisorManagementStartIp: "UNKNOWN" });
  test("is a function in TypeScript, and an object with isUnresolvedValue in other languages: the same result", () => {
    const byFunction = checkNetworkPlan(network(), { isUnresolved: (v) => v === "UNKNOWN" });
    const byObject = checkNetworkPlan(network(), {
      // What a Python object implementing IUnresolvedTest is on this side: an object with the method.
      isUnresolved: { isUnresolvedValue: (v: unknown) => v === "UNKNOWN" } as unknown as IUnresolvedTest,
    });
    expect(byFunction.unresolved).toEqual(["supervisorManagementStartIp"]);
    expect(byObject.unresolved).toEqual(byFunction.unresolved);
    expect(byObject.diagnostics).toEqual(byFunction.diagnostics);
    expect(checkNetworkPlan(network()).diagnostics.map((d) => d.ruleId)).toContain("IP-01");
  });
});
