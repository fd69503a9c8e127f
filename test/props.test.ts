/**
 * Props checked at run time, for JavaScript users and TypeScript run through tsx (no type check): a missing,
 * mistyped, unknown or renamed prop is one PropsError with the construct path, never a TypeError from inside.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import * as ts from "typescript";
import {
  HaproxyLoadBalancer,
  HaproxyLoadBalancerProps,
  Supervisor,
  SupervisorProps,
  SupervisorV2,
  SupervisorV2Config,
  SupervisorWorkloadNetwork,
  SupervisorWorkloadNetworkProps,
} from "../lib";
import { PropsError } from "../lib/constructs/construct-props";
import { HAPROXY_PROPS_SPEC } from "../lib/constructs/haproxy-load-balancer";
import { SUPERVISOR_PROPS_SPEC } from "../lib/constructs/supervisor";
import { SUPERVISOR_V2_CONFIG_SPEC } from "../lib/constructs/supervisor-v2";
import { NETWORK_PROPS_SPEC } from "../lib/constructs/supervisor-workload-network";
import { editDistance, nearestName } from "../lib/model/nearest-name";
import { checkProps, PropShape, PropSpec } from "../lib/model/prop-spec";
import { s13ApplianceProps, s13Network, stackWithProviders } from "./fixtures";

/** Props as a JavaScript user may pass them: anything. */
type Loose = Record<string, unknown>;

function network(stack: TerraformStack, patch: Loose = {}): SupervisorWorkloadNetwork {
  return new SupervisorWorkloadNetwork(stack, "network", {
    distributedSwitchUuid: "dvs-uuid",
    ...s13Network(),
    ...patch,
  } as unknown as SupervisorWorkloadNetworkProps);
}

/** The appliance's S-13 props with keys removed and others set, as a JavaScript object would be. */
function applianceProps(net: SupervisorWorkloadNetwork, patch: Loose = {}, remove: string[] = []): Loose {
  const props: Loose = { ...s13ApplianceProps(net), ...patch };
  for (const key of remove) delete props[key];
  return props;
}

/** The message of the error a construction throws, or "" (and a failing expectation on its class). */
function thrown(create: () => unknown): string {
  try {
    create();
  } catch (e) {
    expect(e).toBeInstanceOf(PropsError);
    expect((e as Error).name).toBe("PropsError");
    return (e as Error).message;
  }
  return "";
}

function appliance(patch: Loose = {}, remove: string[] = []): string {
  const stack = stackWithProviders();
  const net = network(stack);
  return thrown(
    () =>
      new HaproxyLoadBalancer(
        stack,
        "haproxy",
        applianceProps(net, patch, remove) as unknown as HaproxyLoadBalancerProps,
      ),
  );
}

describe("the issue's three inputs", () => {
  test("virtualIpRanges instead of virtualIpCidrs names the rename, once, with the value under its new name", () => {
    expect(appliance({ virtualIpRanges: ["192.168.120.128/25"] }, ["virtualIpCidrs"])).toBe(
      '[test/haproxy] CFG-01 virtualIpRanges: renamed to "virtualIpCidrs" (the same value): write virtualIpCidrs: ["192.168.120.128/25"].',
    );
  });

  test("virtualIpCidrs left out is a missing prop with its form, not TypeError reading 'join'", () => {
    expect(appliance({}, ["virtualIpCidrs"])).toBe(
      '[test/haproxy] CFG-02 virtualIpCidrs: missing; give a list of strings: the VIP blocks as CIDRs, e.g. ["192.168.120.128/25"].',
    );
  });

  test("a typo (managmentIp) gets the prop it meant, and the missing managementIp is not said again", () => {
    expect(appliance({ managmentIp: "10.0.0.10" }, ["managementIp"])).toBe(
      '[test/haproxy] CFG-01 managmentIp: unknown prop "managmentIp". Did you mean "managementIp"?',
    );
  });
});

describe("every public construct", () => {
  const supervisorProps = (stack: TerraformStack): Loose => {
    const net = network(stack);
    const haproxy = new HaproxyLoadBalancer(stack, "haproxy", s13ApplianceProps(net));
    return {
      network: net,
      haproxy,
      clusterId: "domain-c8",
      storagePolicyId: "policy-1",
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
      apiServerDnsNames: ["supervisor.corp.example.com"],
    };
  };
  const supervisorV2Config = (): Loose => {
    const range = [{ address: "10.0.0.20", count: 5 }];
    const ipManagement = {
      dhcpEnabled: false,
      gatewayAddress: "10.0.0.1/24",
      ipAssignment: [{ assignee: "NODE", ranges: range }],
    };
    const services = {
      dns: { servers: ["10.0.0.2"], searchDomains: [] },
      ntp: { servers: ["pool.ntp.org"] },
    };
    return {
      name: "supervisor",
      cluster: "domain-c8",
      controlPlane: {
        count: 3,
        size: "SMALL",
        storagePolicy: "policy-1",
        network: { network: "management", backing: { network: "dvportgroup-1" }, ipManagement, services },
      },
      workloads: {
        network: { network: "primary", vsphere: { dvpg: "dvportgroup-2" }, ipManagement, services },
        edge: {
          id: "haproxy",
          lbAddressRange: range,
          haproxy: {
            server: [{ host: "10.0.0.10", port: 5556 }],
            username: "admin",
            password: "secret",
            caChain: "PEM",
          },
        },
        kubeApiServerOptions: { security: { certificateDnsNames: ["supervisor.corp.example.com"] } },
      },
    };
  };
  const without = (props: Loose, key: string): Loose => {
    const copy = { ...props };
    delete copy[key];
    return copy;
  };

  test.each([
    [
      "SupervisorWorkloadNetwork",
      (patch: Loose, remove: string) => {
        const stack = stackWithProviders();
        return thrown(() => network(stack, remove ? { ...patch, [remove]: undefined } : patch));
      },
      "[test/network] CFG-02 distributedSwitchUuid: given as undefined (a variable without a value?); give a string: the distributed switch's UUID, e.g. a vsphere_distributed_virtual_switch data source's id.",
      '[test/network] CFG-01 primaryWorkloadNetwrk: unknown prop "primaryWorkloadNetwrk". Did you mean "primaryWorkloadNetwork"?',
      "distributedSwitchUuid",
      { primaryWorkloadNetwrk: s13Network().primaryWorkloadNetwork, primaryWorkloadNetwork: undefined },
    ],
    [
      "HaproxyLoadBalancer",
      (patch: Loose, remove: string) => appliance(patch, [remove]),
      "[test/haproxy] CFG-02 datastoreId: missing; give a string: the datastore's id, e.g. a vsphere_datastore data source's id.",
      '[test/haproxy] CFG-01 dataplanePassWord: unknown prop "dataplanePassWord". Did you mean "dataplanePassword"?',
      "datastoreId",
      { dataplanePassWord: "x" },
    ],
    [
      "Supervisor",
      (patch: Loose, remove: string) => {
        const stack = stackWithProviders();
        const props = { ...without(supervisorProps(stack), remove), ...patch };
        return thrown(() => new Supervisor(stack, "supervisor", props as unknown as SupervisorProps));
      },
      "[test/supervisor] CFG-02 storagePolicyId: missing; give a string: the storage policy's id, e.g. a vsphere_storage_policy data source's id.",
      '[test/supervisor] CFG-01 storagePolicy: "storagePolicy" is the site file\'s key; the prop is "storagePolicyId", the policy\'s id (a vsphere_storage_policy data source\'s id), not its name.',
      "storagePolicyId",
      { storagePolicy: "policy-1", storagePolicyId: undefined },
    ],
    [
      "SupervisorV2",
      (patch: Loose, remove: string) => {
        const stack = new TerraformStack(Testing.app(), "test");
        const config = { ...without(supervisorV2Config(), remove), ...patch };
        return thrown(() => new SupervisorV2(stack, "sv", config as unknown as SupervisorV2Config));
      },
      "[test/sv] CFG-02 workloads: missing; give an object with network, edge, kubeApiServerOptions.",
      '[test/sv] CFG-01 timeout: unknown prop "timeout". Did you mean "timeouts"?',
      "workloads",
      { timeout: { create: "90m" } },
    ],
  ] as const)(
    "%s: a missing required prop and an unknown prop are PropsErrors with the construct path",
    (_name, build, missing, unknown, key, typo) => {
      expect(build({}, key)).toBe(missing);
      expect(build(typo as Loose, "")).toBe(unknown);
    },
  );

  test("SupervisorV2 passes cdktf's meta-arguments and checks nested blocks by path", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const config = supervisorV2Config() as { workloads: { edge: { haproxy: Loose } } };
    config.workloads.edge.haproxy.server = [{ host: "10.0.0.10", port: "5556" }];
    expect(
      thrown(
        () =>
          new SupervisorV2(stack, "sv", {
            ...config,
            lifecycle: { preventDestroy: true },
          } as unknown as SupervisorV2Config),
      ),
    ).toBe(
      '[test/sv] CFG-02 workloads.edge.haproxy.server[0].port: "5556" is a string; give a number. Did you mean 5556?',
    );
    const ok = new SupervisorV2(stack, "ok", {
      ...supervisorV2Config(),
      lifecycle: { preventDestroy: true },
    } as unknown as SupervisorV2Config);
    expect(ok.node.path).toBe("test/ok");
  });

  test("SupervisorV2: an address assignment's range is called ranges, and synthesizes as the provider's range", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const config = supervisorV2Config() as { controlPlane: { network: { ipManagement: Loose } } };
    const ipManagement = config.controlPlane.network.ipManagement as { ipAssignment: Loose[] };
    const [assignment] = ipManagement.ipAssignment;
    const { ranges, ...rest } = assignment as { ranges: unknown };
    ipManagement.ipAssignment = [{ ...rest, range: ranges }];
    expect(thrown(() => new SupervisorV2(stack, "sv", config as unknown as SupervisorV2Config))).toBe(
      // The fixture's control plane and workload network share one ipManagement object.
      ["controlPlane", "workloads"]
        .map(
          (side) =>
            `[test/sv] CFG-01 ${side}.network.ipManagement.ipAssignment[0].range: renamed to "ranges" (the same value): write ranges: [{"address":"10.0.0.20","count":5}].`,
        )
        .join("\n"),
    );
    new SupervisorV2(stack, "ok", supervisorV2Config() as unknown as SupervisorV2Config);
    const synthesized = JSON.parse(Testing.synth(stack)) as {
      resource: { vsphere_supervisor_v2: { ok: { control_plane: Loose } } };
    };
    expect(synthesized.resource.vsphere_supervisor_v2.ok.control_plane).toMatchObject({
      network: {
        ip_management: { ip_assignment: [{ assignee: "NODE", range: [{ address: "10.0.0.20", count: 5 }] }] },
      },
    });
  });
});

describe("hostSystemId is required: the pinned provider 2.5.1 refuses an OVF deploy without a host", () => {
  test.each([
    ["left out", [] as string[], {}, "missing"],
    [
      "passed as undefined",
      [],
      { hostSystemId: undefined },
      "given as undefined (a variable without a value?)",
    ],
  ])("%s: CFG-02 naming HAP-09", (_what, _unused, patch, given) => {
    expect(appliance(patch, Object.keys(patch).length === 0 ? ["hostSystemId"] : [])).toBe(
      `[test/haproxy] CFG-02 hostSystemId: ${given}; give a string: the ESXi host to deploy on, e.g. a vsphere_host data source's id (vsphere provider 2.5.1 refuses an OVF deploy without one, HAP-09).`,
    );
  });

  test("the site file's key `host` names the prop and says it takes an id", () => {
    expect(appliance({ host: "esxi-01.example.com" }, ["hostSystemId"])).toBe(
      `[test/haproxy] CFG-01 host: "host" is the site file's key; the prop is "hostSystemId", the host's id (a vsphere_host data source's id), not its name.`,
    );
  });
});

describe("wrong JavaScript types get the value fixed where its form tells how", () => {
  test.each([
    [
      { virtualIpCidrs: "192.168.120.128/25" },
      'CFG-02 virtualIpCidrs: "192.168.120.128/25" is a string; give a list of strings. Did you mean ["192.168.120.128/25"]?',
    ],
    [
      { dataplanePort: "5556" },
      'CFG-02 dataplanePort: "5556" is a string; give a number. Did you mean 5556?',
    ],
    [
      { mode: "FRONTEND" },
      'CFG-02 mode: "FRONTEND" is a string; give one of HaproxyMode.DEFAULT ("default"), HaproxyMode.FRONTEND ("frontend"). Did you mean HaproxyMode.FRONTEND ("frontend")?',
    ],
    [
      { readinessCheck: "false" },
      'CFG-02 readinessCheck: "false" is a string; give a boolean. Did you mean false?',
    ],
    [
      { nameservers: ["10.0.0.2", 53] },
      // 53 is 0.0.0.53 as an address: no server's, so no fix; "53" would fail IP-01.
      "CFG-02 nameservers[1]: 53 is a number; give a string.",
    ],
    [{ managementIp: 10 }, "CFG-02 managementIp: 10 is a number; give a string."],
    [
      { workloadIp: 3232266245 },
      'CFG-02 workloadIp: 3232266245 is a number; give a string. Did you mean "192.168.120.5"?',
    ],
    [{ network: { managementNetwork: {} } }, "CFG-02 network: an object; give a SupervisorWorkloadNetwork."],
    [{ frontendIp: null }, "CFG-02 frontendIp: null; give a string, or leave it out for the default."],
    [
      { extraConfig: { "guest.x": true } },
      'CFG-02 extraConfig.guest.x: true is a boolean; give a string. Did you mean "true"?',
    ],
  ])("%j", (patch, line) => {
    expect(appliance(patch)).toBe(`[test/haproxy] ${line}`);
  });

  test('the dotted form proposed for workloadIp 3232266245, "192.168.120.5", synthesizes the S-13 plan with no error', () => {
    const fix = /Did you mean "([^"]+)"\?/.exec(appliance({ workloadIp: 3232266245 }))?.[1];
    expect(fix).toBe("192.168.120.5");
    const stack = stackWithProviders();
    const net = network(stack);
    new HaproxyLoadBalancer(
      stack,
      "haproxy",
      applianceProps(net, { workloadIp: fix }) as unknown as HaproxyLoadBalancerProps,
    );
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("every problem at once, nested ones by their path, each once", () => {
    const stack = stackWithProviders();
    const message = thrown(() =>
      network(stack, {
        managementNetwork: { name: "mgmt", vlan: 10, cidr: "10.0.0.0/24", gateway: "10.0.0.1" },
        workloadNetworks: [{ name: "w", portGroup: { name: "wl", existing: true, cidr: 1, gateway: "g" } }],
      }),
    );
    expect(message.split("\n")).toEqual([
      '[test/network] CFG-01 managementNetwork.vlan: unknown prop "vlan". Did you mean "vlanId"?',
      '[test/network] CFG-01 workloadNetworks[0].portGroup.existing: "existing" is the site file\'s key; the prop is "existingNetworkId", the id of the existing network (e.g. a vsphere_network data source\'s id).',
      '[test/network] CFG-02 workloadNetworks[0].portGroup.cidr: 1 is a number; give a string. Did you mean "1"?',
      '[test/network] CFG-02 workloadNetworks[0].addressRanges: missing; give a list of strings: the node ranges, e.g. ["192.168.120.31-192.168.120.40"].',
    ]);
  });

  test("no props at all", () => {
    const stack = stackWithProviders();
    expect(
      thrown(
        () =>
          new SupervisorWorkloadNetwork(
            stack,
            "network",
            undefined as unknown as SupervisorWorkloadNetworkProps,
          ),
      ),
    ).toBe(
      "[test/network] CFG-02 props: missing; give an object with distributedSwitchUuid, managementNetwork, primaryWorkloadNetwork.",
    );
  });
});

describe("values known only at apply pass where a string, number or list goes", () => {
  test("a list variable, a number variable and a variable's untyped value build without a props error", () => {
    const stack = stackWithProviders();
    const net = network(stack);
    const vips = new TerraformVariable(stack, "vips", { type: "list(string)" });
    const port = new TerraformVariable(stack, "port", { type: "number" });
    const host = new TerraformVariable(stack, "host", { type: "string" });
    expect(Token.isUnresolved(host.value)).toBe(true);
    const haproxy = new HaproxyLoadBalancer(stack, "haproxy", {
      ...s13ApplianceProps(net),
      virtualIpCidrs: vips.listValue,
      dataplanePort: port.numberValue,
      hostSystemId: host.value,
    });
    expect(haproxy.node.path).toBe("test/haproxy");
  });
});

test("a renamed prop given beside its new name: remove the old one", () => {
  expect(appliance({ virtualIpRanges: ["192.168.120.128/25"] })).toBe(
    '[test/haproxy] CFG-01 virtualIpRanges: renamed to "virtualIpCidrs", which is given too: remove "virtualIpRanges".',
  );
});

test("a construct that threw leaves nothing behind: the same id builds once the props are right", () => {
  const stack = stackWithProviders();
  const net = network(stack);
  expect(appliance({}, ["virtualIpCidrs"])).not.toBe("");
  thrown(
    () => new HaproxyLoadBalancer(stack, "haproxy", applianceProps(net, {}, ["virtualIpCidrs"]) as never),
  );
  expect(stack.node.tryFindChild("haproxy")).toBeUndefined();
  expect(new HaproxyLoadBalancer(stack, "haproxy", s13ApplianceProps(net)).node.path).toBe("test/haproxy");
});

describe("did you mean", () => {
  test.each([
    ["managmentIp", "managementIp"],
    ["vlan", "vlanId"],
    ["ManagementIP", "managementIp"],
    ["id", undefined],
    ["frobnicate", undefined],
  ])("%s → %s", (typo, meant) => {
    expect(nearestName(typo, ["managementIp", "vlanId", "ova", "name"])).toBe(meant);
  });

  test("edit distance ignores case and counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("ABC", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });
});

/**
 * The specs say what the TypeScript types say: the same props, the same required ones, nested objects too
 * (read from the interfaces with the compiler, so a prop added to an interface without its spec fails here).
 */
describe("each construct's prop spec matches its props interface", () => {
  const index = path.join(__dirname, "..", "lib", "index.ts");
  const program = ts.createProgram([index], { strict: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!);
  const typeOf = (name: string) => {
    const s = exported.find((e) => e.name === name)!;
    return checker.getDeclaredTypeOfSymbol(s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  };

  /** Differences between a spec and a type, as `path: …` lines. */
  function differences(spec: PropSpec, type: ts.Type, at: string): string[] {
    const out: string[] = [];
    const props = checker.getPropertiesOfType(type);
    const names = props.map((p) => p.name);
    const fields = Object.keys(spec.fields);
    for (const n of names.filter((n) => !fields.includes(n) && !spec.passThrough?.includes(n))) {
      out.push(`${at}${n}: in the type, not in the spec`);
    }
    for (const n of fields.filter((n) => !names.includes(n)))
      out.push(`${at}${n}: in the spec, not in the type`);
    for (const p of props) {
      const field = spec.fields[p.name];
      if (!field) continue;
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional !== Boolean(field.optional)) {
        out.push(`${at}${p.name}: ${optional ? "optional" : "required"} in the type`);
      }
      const nested = objectSpecOf(field.shape);
      if (nested) {
        let t = checker.getNonNullableType(checker.getTypeOfSymbol(p));
        if (field.shape.kind === "list") t = checker.getIndexTypeOfType(t, ts.IndexKind.Number) ?? t;
        out.push(...differences(nested, t, `${at}${p.name}.`));
      }
    }
    return out;
  }
  const objectSpecOf = (shape: PropShape): PropSpec | undefined =>
    shape.kind === "object" ? shape.spec : shape.kind === "list" ? objectSpecOf(shape.of) : undefined;

  test.each([
    ["SupervisorWorkloadNetworkProps", NETWORK_PROPS_SPEC],
    ["HaproxyLoadBalancerProps", HAPROXY_PROPS_SPEC],
    ["SupervisorProps", SUPERVISOR_PROPS_SPEC],
    ["SupervisorV2Config", SUPERVISOR_V2_CONFIG_SPEC],
  ])("%s", (name, spec) => {
    expect(differences(spec, typeOf(name), "")).toEqual([]);
  });
});

describe("from plain JavaScript (node, no type check)", () => {
  const root = path.join(__dirname, "..");
  /** Runs a CommonJS script that requires the library's source through tsx, as a JavaScript app would. */
  function run(body: string) {
    const script = `
      const { App, TerraformStack } = require("cdktf");
      const lib = require("./lib");
      const app = new App({ outdir: require("os").tmpdir() });
      const stack = new TerraformStack(app, "site-a");
      const network = new lib.SupervisorWorkloadNetwork(stack, "network", {
        distributedSwitchUuid: "dvs",
        managementNetwork: { name: "mgmt", cidr: "10.0.0.0/24", gateway: "10.0.0.1" },
        primaryWorkloadNetwork: {
          name: "primary",
          portGroup: { name: "wl-120", cidr: "192.168.120.0/24", gateway: "192.168.120.1" },
          addressRanges: ["192.168.120.31-192.168.120.40"],
        },
      });
      const base = {
        network, managementIp: "10.0.0.10", workloadIp: "192.168.120.5",
        datacenterId: "dc", resourcePoolId: "rp", datastoreId: "ds", hostSystemId: "host",
      };
      ${body}`;
    return spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8" });
  }

  test.each([
    [
      "virtualIpRanges",
      `new lib.HaproxyLoadBalancer(stack, "haproxy", { ...base, virtualIpRanges: ["192.168.120.128/25"] });`,
      '[site-a/haproxy] CFG-01 virtualIpRanges: renamed to "virtualIpCidrs" (the same value): write virtualIpCidrs: ["192.168.120.128/25"].',
    ],
    [
      "no virtualIpCidrs",
      `new lib.HaproxyLoadBalancer(stack, "haproxy", base);`,
      "[site-a/haproxy] CFG-02 virtualIpCidrs: missing;",
    ],
    [
      "managmentIp",
      `const { managementIp, ...rest } = base;
       new lib.HaproxyLoadBalancer(stack, "haproxy", { ...rest, managmentIp: "10.0.0.10", virtualIpCidrs: ["192.168.120.128/25"] });`,
      '[site-a/haproxy] CFG-01 managmentIp: unknown prop "managmentIp". Did you mean "managementIp"?',
    ],
  ])("%s: the PropsError, once, no TypeError and no stack frames", (_what, body, line) => {
    const r = run(body);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(line);
    expect(r.stderr.split(line).length - 1).toBe(1);
    expect(r.stderr).not.toMatch(/TypeError/);
    expect(r.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  });

  test("the same script with right props builds (the harness itself works)", () => {
    const r = run(
      `new lib.HaproxyLoadBalancer(stack, "haproxy", { ...base, virtualIpCidrs: ["192.168.120.128/25"] });
       console.log("built");`,
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("built");
  });
});

describe("under the cdktf CLI's CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS", () => {
  test("a construct with bad props still throws its PropsError: a test or a try gets it as anywhere else", () => {
    const before = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
    try {
      expect(appliance({ managmentIp: "10.0.0.10" }, ["managementIp"])).toBe(
        '[test/haproxy] CFG-01 managmentIp: unknown prop "managmentIp". Did you mean "managementIp"?',
      );
    } finally {
      if (before === undefined) {
        delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      } else {
        process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = before;
      }
    }
  });
});

describe("the words of a wrong value's error read as English", () => {
  test("a list of enum values, an instance of the wrong class, a wrong object", () => {
    const persona: PropShape = {
      kind: "enum",
      name: "FoundationPersona",
      values: { MANAGEMENT: "MANAGEMENT" },
    };
    class ExistingHaproxy {}
    class Other {}
    const spec: PropSpec = {
      fields: {
        personas: { shape: { kind: "list", of: persona } },
        haproxy: {
          shape: { kind: "instance", name: "a HaproxyLoadBalancer", is: (v) => v instanceof Other },
        },
        network: {
          shape: { kind: "instance", name: "a SupervisorWorkloadNetwork", is: (v) => v instanceof Other },
        },
      },
    };
    expect(checkProps({ personas: "MANAGEMENT", haproxy: new ExistingHaproxy(), network: {} }, spec)).toEqual(
      [
        'CFG-02 personas: "MANAGEMENT" is a string; give a list, each one of FoundationPersona.MANAGEMENT ("MANAGEMENT"). Did you mean ["MANAGEMENT"]?',
        "CFG-02 haproxy: an ExistingHaproxy; give a HaproxyLoadBalancer.",
        "CFG-02 network: an object; give a SupervisorWorkloadNetwork.",
      ],
    );
  });
});
