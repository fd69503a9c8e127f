/**
 * Site files on the Supervisor's other load balancers and on zones (lib/site/site-load-balancer.ts and the keys
 * of `supervisor.loadBalancer` and `supervisor.zones`): the examples T5 and T6 through the app, what their
 * Supervisor stacks send, and each refusal of such a site file at load.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { checkSiteConfig, loadSiteConfig, SiteConfigError } from "../lib/site/site-config";
import { buildSite } from "../lib/site/build-site";
import { supervisorV2Problems } from "./supervisor-v2-schema";
import { siteFindings } from "../lib/cli/site-check";
import { parseSiteJson } from "../lib/site/site-json";
import { setAt } from "../lib/rules/suggestions";

const SITES = path.join(__dirname, "..", "stacks", "sites");
const T5 = path.join(SITES, "t5-vsphere9-foundation-load-balancer.json");
const T6 = path.join(SITES, "t6-existing-haproxy.json");
const CA = fs.readFileSync(path.join(SITES, "haproxy-dataplane-ca.pem"), "utf8");

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
type Site = Record<string, unknown> & {
  vsphere: Record<string, unknown>;
  supervisor: Record<string, unknown> & { loadBalancer: Record<string, unknown> };
};
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Site;

/** The site's two stacks, synthesized with validations. */
function stacksOf(file: string): { site: Json; supervisor: Json } {
  const app = Testing.app();
  const site = buildSite(app, loadSiteConfig(file));
  const supervisor = app.node.findChild(`${site.config.stackName}-supervisor`);
  return {
    site: JSON.parse(Testing.synth(site, true)) as Json,
    supervisor: JSON.parse(Testing.synth(supervisor as typeof site, true)) as Json,
  };
}

const only = <T>(o: Record<string, T>): T => Object.values(o)[0];

/** A copy of a site file in a temporary folder (with the CA file beside it), changed by `edit`. */
function variant(file: string, edit: (s: Site) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-lb-"));
  fs.copyFileSync(path.join(SITES, "haproxy-dataplane-ca.pem"), path.join(dir, "haproxy-dataplane-ca.pem"));
  const site = read(file);
  edit(site);
  const out = path.join(dir, "site.json");
  fs.writeFileSync(out, JSON.stringify(site, null, 2));
  return out;
}

/** `{"key"}` in an expected line → `line N`, N the first line of the file that holds `"key"`. */
function withLines(file: string, expected: string[]): string[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  return expected.map((e) =>
    e.replace(
      /\{("[^"]+")\}/g,
      (_m, needle: string) => `line ${lines.findIndex((l) => l.includes(needle)) + 1}`,
    ),
  );
}

function problemsOf(file: string): string[] {
  try {
    loadSiteConfig(file);
    return [];
  } catch (e) {
    if (!(e instanceof SiteConfigError)) throw e;
    return e.problems;
  }
}

describe("the example sites without the appliance", () => {
  test("are among the built-in sites and synthesize through the app with no finding", () => {
    expect(builtInSiteFiles()).toEqual(expect.arrayContaining([T5, T6]));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "site-lb-app-")), "out");
    const result = synthesizeSites([T5, T6], out, { acrossSites: false }); // two alternative example sites, not a fleet;
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([
      expect.stringContaining(
        'vSphere Foundation Load Balancer "vfl-t5", VIPs 192.168.130.64/26, 0 warnings',
      ),
      expect.stringContaining('existing HAProxy "haproxy-t6", VIPs 192.168.120.128/26, 0 warnings'),
    ]);
    // No appliance: no VM, no OVA, no host; the vSphere 7 request body only where that API can enable it (T6).
    for (const stack of ["t5-vsphere9-foundation-load-balancer", "t6-existing-haproxy"]) {
      const json = fs.readFileSync(path.join(out, "stacks", stack, "cdk.tf.json"), "utf8");
      expect(json).not.toMatch(/vsphere_virtual_machine|vsphere_host|ovf/);
    }
    expect(
      fs.existsSync(
        path.join(out, "stacks", "t5-vsphere9-foundation-load-balancer", "supervisor-enable-request.json"),
      ),
    ).toBe(false);
    expect(
      fs.existsSync(path.join(out, "stacks", "t6-existing-haproxy", "supervisor-enable-request.json")),
    ).toBe(true);
  });

  test("the site's stack holds only the port groups and pins the Supervisor's provider release", () => {
    for (const file of [T5, T6]) {
      const { site } = stacksOf(file);
      expect(Object.keys(site.resource)).toEqual(["vsphere_distributed_port_group"]);
      expect(Object.keys(site.data).sort()).toEqual([
        "vsphere_datacenter",
        "vsphere_distributed_virtual_switch",
        "vsphere_network",
      ]);
      expect(
        (site.terraform as unknown as { required_providers: Record<string, unknown> }).required_providers
          .vsphere,
      ).toEqual({
        source: "vmware/vsphere",
        version: "2.16.1",
      });
    }
  });

  test("T5's Supervisor is on three zones with the Foundation Load Balancer, and passes the 2.16.1 schema", () => {
    const { supervisor } = stacksOf(T5);
    const body = only(supervisor.resource.vsphere_supervisor_v2);
    expect(supervisorV2Problems(body)).toEqual([]);
    expect(body.zones).toEqual(["zone-a", "zone-b", "zone-c"]);
    expect(body.cluster).toBeUndefined();
    expect(supervisor.data.vsphere_compute_cluster).toBeUndefined();
    const edge = (body.workloads as unknown as { edge: Record<string, unknown> }).edge;
    expect(edge.haproxy).toBeUndefined();
    expect(edge).toEqual(
      expect.objectContaining({
        id: "vfl-t5",
        lb_address_range: [{ address: "192.168.130.64", count: 64 }],
        foundation: expect.objectContaining({
          deployment_target: {
            availability: "ACTIVE_PASSIVE",
            deployment_size: "SMALL",
            storage_policy: "${data.vsphere_storage_policy.load-balancer-storage-policy.id}",
          },
        }),
      }),
    );
    const interfaces = (edge.foundation as { interface: { personas: string[] }[] }).interface;
    expect(interfaces.map((i) => i.personas)).toEqual([["MANAGEMENT"], ["WORKLOAD"], ["FRONTEND"]]);
  });

  test("T6's Supervisor sends the existing HAProxy's servers, the PEM file's CA and the password variable, sensitive", () => {
    const { supervisor } = stacksOf(T6);
    const body = only(supervisor.resource.vsphere_supervisor_v2);
    expect(supervisorV2Problems(body)).toEqual([]);
    expect(body.cluster).toBe("${data.vsphere_compute_cluster.cluster.id}");
    const edge = (body.workloads as unknown as { edge: { haproxy: Record<string, unknown> } }).edge;
    expect(edge.haproxy).toEqual({
      server: [
        { host: "10.0.0.10", port: 5556 },
        { host: "10.0.0.11", port: 5556 },
      ],
      username: "admin",
      password: "${sensitive(var.dataplane_password)}",
      ca_chain: CA,
    });
    expect(supervisor.variable.dataplane_password).toEqual(
      expect.objectContaining({ type: "string", sensitive: true }),
    );
    // The password is never in the site file nor in any synthesized file of the site's own stack.
    expect(JSON.stringify(stacksOf(T6).site)).not.toContain("dataplane_password");
  });
});

describe("a site file's load balancer and zones, refused at load", () => {
  test.each<[string, string, (s: Site) => void, string[]]>([
    [
      "no load balancer at all",
      T6,
      (s) => delete (s.supervisor as Record<string, unknown>).loadBalancer,
      [
        'CFG-02 haproxy (in the object at line 1): missing; give the load balancer: the HAProxy appliance as "haproxy" (an object), or another one as "supervisor.loadBalancer" (an existing HAProxy or the vSphere Foundation Load Balancer).',
      ],
    ],
    [
      "the appliance and another load balancer",
      T6,
      (s) => {
        s.haproxy = read(builtInSiteFiles()[0]).haproxy;
        Object.assign(s.vsphere, { datastore: "datastore-01", host: "esxi-01.example.com" });
      },
      [
        'CFG-02 supervisor.loadBalancer ({"loadBalancer"}): given with "haproxy"; a site has one load balancer: the appliance this plan deploys ("haproxy") or "supervisor.loadBalancer". Remove one.',
      ],
    ],
    [
      "the appliance without its ESXi host",
      builtInSiteFiles()[0],
      (s) => delete s.vsphere.host,
      ['CFG-02 vsphere.host (in the object at {"vsphere"}): missing; it must be a string.'],
    ],
    [
      "a Supervisor on one cluster without vsphere.cluster",
      T6,
      (s) => delete s.vsphere.cluster,
      [
        'CFG-02 vsphere.cluster (in the object at {"vsphere"}): missing; it must be a string (the Supervisor\'s cluster), or give "supervisor.zones" for a Supervisor on three vSphere Zones.',
      ],
    ],
    [
      "a cluster nothing uses: the Supervisor on zones, no appliance",
      T5,
      (s) => (s.vsphere.cluster = "cluster-01"),
      [
        'CFG-02 vsphere.cluster ({"cluster"}): not used: the Supervisor is on "supervisor.zones" and there is no appliance. Remove it, or remove "supervisor.zones" for a Supervisor on this cluster.',
      ],
    ],
    [
      "a literal Data Plane API password",
      T6,
      (s) => (s.supervisor.loadBalancer.password = "VMware1!VMware1!"),
      [
        'CFG-07 supervisor.loadBalancer.password ({"password"}): a password is never written in the site file (it would be copied in clear into the synthesized Terraform and every copy of the file). Remove it; name a sensitive Terraform variable in "passwordVariable", e.g. "dataplane_password", and set TF_VAR_dataplane_password where Terraform runs.',
      ],
    ],
    [
      "an unknown load balancer type",
      T6,
      (s) => (s.supervisor.loadBalancer.type = "avi"),
      [
        'CFG-02 supervisor.loadBalancer.type ({"type"}): "avi" is not one of "existing-haproxy", "vsphere-foundation".',
      ],
    ],
    [
      "a misspelt key of an existing HAProxy",
      T6,
      (s) => {
        s.supervisor.loadBalancer.server = s.supervisor.loadBalancer.servers;
        delete s.supervisor.loadBalancer.servers;
      },
      ['CFG-01 supervisor.loadBalancer.server ({"server"}): unknown key "server". Did you mean "servers"?'],
    ],
    [
      "a persona the Foundation Load Balancer does not have",
      T5,
      (s) => ((s.supervisor.loadBalancer.interfaces as { personas: string[] }[])[0].personas = ["EDGE"]),
      [
        'CFG-02 supervisor.loadBalancer.interfaces[0].personas[0] ({"EDGE"}): "EDGE" is not one of "MANAGEMENT", "WORKLOAD", "FRONTEND".',
      ],
    ],
  ])("%s", (_what, file, edit, expected) => {
    const site = variant(file, edit);
    expect(problemsOf(site)).toEqual(withLines(site, expected));
  });

  test("a CA certificate file that is not there, or holds no PEM certificate, is CFG-04 with the path it read", () => {
    const missing = variant(T6, (s) => (s.supervisor.loadBalancer.caCertificateFile = "no-such-ca.pem"));
    expect(problemsOf(missing)).toEqual(
      withLines(missing, [
        `CFG-04 supervisor.loadBalancer.caCertificateFile ({"caCertificateFile"}): no file at "no-such-ca.pem" (${path.join(path.dirname(missing), "no-such-ca.pem")}). Give the path of the CA certificate's PEM file, relative to the site file's folder or absolute.`,
      ]),
    );
    const notPem = variant(T6, (s) => (s.supervisor.loadBalancer.caCertificateFile = "site.json"));
    expect(problemsOf(notPem)).toEqual(
      withLines(notPem, [
        'CFG-04 supervisor.loadBalancer.caCertificateFile ({"caCertificateFile"}): "site.json" holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line). Give the CA certificate in PEM form (openssl x509 -in ca.der -inform der -out ca.pem).',
      ]),
    );
  });

  test("the examples themselves pass the reader's shape checks", () => {
    expect(checkSiteConfig(read(T5))).toEqual([]);
    expect(checkSiteConfig(read(T6))).toEqual([]);
  });
});

/** `check`'s findings of a site file, as the command prints them (id, JSON path, message, the fix it offers). */
function checkOf(file: string): { id: string; path: string; message: string; fix: unknown }[] {
  const parsed = parseSiteJson(fs.readFileSync(file, "utf8"));
  if ("syntax" in parsed) throw new Error(`${file} is not JSON`);
  return siteFindings(file, loadSiteConfig(file), parsed).map((f) => ({
    id: f.id,
    path: f.path,
    message: f.message,
    fix: f.fixes[0]?.value,
  }));
}

/** A copy of the site with each finding's fix applied at its path. */
function withFixes(file: string, fixes: { path: string; fix: unknown }[]): string {
  const site = read(file);
  let fixed: unknown = site;
  for (const f of fixes) fixed = setAt(fixed, f.path, f.fix) ?? fixed;
  return variant(file, (s) => Object.assign(s, fixed));
}

const LB_RANGES = "supervisor.loadBalancer.interfaces[0].addressRanges";

describe("the Foundation Load Balancer's interface ranges, bad input", () => {
  test("the same range three times: each overlapping pair once, both ranges named, distinct fixes that pass together", () => {
    const file = variant(T5, (s) => {
      (s.supervisor.loadBalancer.interfaces as { addressRanges: string[] }[])[0].addressRanges = [
        "10.0.0.30-10.0.0.31",
        "10.0.0.30-10.0.0.31",
        "10.0.0.30-10.0.0.31",
      ];
    });
    const found = checkOf(file);
    expect(found.every((f) => f.id === "VFL-04")).toBe(true);
    const lines = found.map((f) => `${f.path}: ${f.message}`);
    expect(new Set(lines).size).toBe(lines.length); // said once
    expect(found.map((f) => f.path)).toEqual([`${LB_RANGES}[1]`, `${LB_RANGES}[2]`, `${LB_RANGES}[2]`]);
    expect(found[0].message).toContain("(addressRanges[0])");
    expect(found[2].message).toContain("(addressRanges[1])");
    const fixes = found.filter((f) => f.fix !== undefined);
    expect(fixes.map((f) => f.path)).toEqual([`${LB_RANGES}[1]`, `${LB_RANGES}[2]`]);
    expect(new Set(fixes.map((f) => f.fix)).size).toBe(2);
    expect(checkOf(withFixes(file, fixes))).toEqual([]);
  });

  test("a hundred copies of one range answer quickly, at most three lines per range", () => {
    const file = variant(T5, (s) => {
      (s.supervisor.loadBalancer.interfaces as { addressRanges: string[] }[])[0].addressRanges = Array(
        100,
      ).fill("10.0.0.30-10.0.0.31") as string[];
    });
    const start = Date.now();
    const found = checkOf(file);
    expect(Date.now() - start).toBeLessThan(15000); // a hang guard: 9.5 s before, ~2 s now on a shared machine
    const perPath = new Map<string, number>();
    for (const f of found) perPath.set(f.path, (perPath.get(f.path) ?? 0) + 1);
    expect(perPath.size).toBe(99);
    expect(Math.max(...perPath.values())).toBe(3);
  });

  test("more than 100 ranges on an interface are CFG-04 at load, before any sweep", () => {
    const file = variant(T5, (s) => {
      (s.supervisor.loadBalancer.interfaces as { addressRanges: string[] }[])[0].addressRanges = Array.from(
        { length: 2000 },
        (_, i) => `10.0.0.${30 + (i % 200)}-10.0.0.${30 + (i % 200)}`,
      );
    });
    const start = Date.now();
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const line =
      lines.findIndex(
        (l, i) => i > lines.findIndex((m) => m.includes('"interfaces"')) && l.includes('"addressRanges"'),
      ) + 1;
    expect(problemsOf(file)).toEqual([`CFG-04 ${LB_RANGES} (line ${line}): 2000 entries; at most 100.`]);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("an existing HAProxy's Data Plane API in a site file, bad input (HAP-14)", () => {
  test.each([
    ["servers", [{ host: "10.0.0.10", port: 70000 }], "supervisor.loadBalancer.servers[0].port"],
    ["servers", [{ host: "haproxy.example.com" }], "supervisor.loadBalancer.servers[0].host"],
    ["servers", [], "supervisor.loadBalancer.servers"],
    ["username", "", "supervisor.loadBalancer.username"],
    ["servers", [{ host: "192.168.120.130" }], "supervisor.loadBalancer.servers[0].host"],
    ["servers", [{ host: "10.0.0.20" }], "supervisor.loadBalancer.servers[0].host"],
  ])("T6 with %s %j is refused at %s", (key, value, place) => {
    const file = variant(T6, (s) => {
      s.supervisor.loadBalancer[key] = value;
    });
    expect(checkOf(file).map((f) => `${f.id} ${f.path}`)).toEqual([`HAP-14 ${place}`]);
  });

  test("a CA file that is a PEM header with no certificate is refused at caCertificateFile", () => {
    const file = variant(T6, () => undefined);
    fs.writeFileSync(
      path.join(path.dirname(file), "haproxy-dataplane-ca.pem"),
      "-----BEGIN CERTIFICATE-----garbage",
    );
    const found = checkOf(file).map((f) => `${f.id} ${f.path}: ${f.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^(HAP-14|CFG-04) supervisor\.loadBalancer\.caCertificateFile/),
    ]);
  });
});

describe("the existing HAProxy's passwordVariable, bad input", () => {
  test.each([
    ["", "dataplane_password"],
    ["hunter2 is my pw", "hunter2_is_my_pw"],
    ["pw.x", "pw_x"],
    ["1pw", "dataplane_1pw"],
    ["count", "dataplane_password"],
  ])("%j is CFG-04 with a Terraform identifier to use instead (%s), which loads", (name, fixed) => {
    const file = variant(T6, (s) => {
      s.supervisor.loadBalancer.passwordVariable = name;
    });
    const problems = problemsOf(file);
    expect(problems).toEqual([expect.stringContaining("CFG-04 supervisor.loadBalancer.passwordVariable")]);
    expect(problems[0]).toContain(`Use e.g. ${JSON.stringify(fixed)}.`);
    const again = variant(T6, (s) => {
      s.supervisor.loadBalancer.passwordVariable = fixed;
    });
    expect(problemsOf(again)).toEqual([]);
  });

  test.each(["datacenter", "supervisor"])(
    "%j, a name of another construct of the Supervisor's stack, names the variable and nothing else",
    (name) => {
      const file = variant(T6, (s) => {
        s.supervisor.loadBalancer.passwordVariable = name;
      });
      const { supervisor } = stacksOf(file);
      expect(supervisor.variable[name]).toEqual(
        expect.objectContaining({
          type: "string",
          sensitive: true,
          description: expect.stringContaining(`TF_VAR_${name})`),
        }),
      );
      const body = only(supervisor.resource.vsphere_supervisor_v2);
      const edge = (body.workloads as unknown as { edge: { haproxy: Record<string, unknown> } }).edge;
      expect(edge.haproxy.password).toBe(`\${sensitive(var.${name})}`);
    },
  );
});

describe("messages name the load balancer a site has, not the appliance", () => {
  test.each([
    [T5, "192.168.130.70", "the load balancer claims every VIP address"],
    [T6, "192.168.120.130", "the HAProxy claims every VIP address"],
  ])(
    "%s: SUP-04 on a DNS server inside the VIPs names supervisor.loadBalancer.virtualIpCidrs[0]",
    (base, dns, who) => {
      const file = variant(base, (s) => {
        s.supervisor.dnsServers = [dns];
      });
      const found = checkOf(file).filter((f) => f.id === "SUP-04");
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain("(supervisor.loadBalancer.virtualIpCidrs[0])");
      expect(found[0].message).toContain(who);
      expect(found[0].message).not.toContain("haproxy.");
    },
  );

  test("VIP-01 on an existing HAProxy's VIPs over a gateway says the HAProxy answers, not the appliance", () => {
    const file = variant(T6, (s) => {
      s.supervisor.loadBalancer.virtualIpCidrs = ["192.168.120.0/26"];
    });
    const vip01 = checkOf(file).find((f) => f.id === "VIP-01");
    expect(vip01?.message).toContain("The HAProxy answers for every VIP");
    expect(vip01?.message).not.toContain("appliance");
  });
});

describe("an interface on the wrong port group (VFL-02, VFL-03)", () => {
  test("the WORKLOAD interface on wl-ns-dev: VFL-02 proposes wl-primary, whose subnet holds its ranges, VFL-03 no range, and the fix passes", () => {
    const file = variant(T5, (s) => {
      (s.supervisor.loadBalancer.interfaces as { portGroup: string }[])[1].portGroup = "wl-ns-dev";
    });
    const found = checkOf(file);
    expect(found.map((f) => `${f.id} ${f.path}`)).toEqual([
      "VFL-02 supervisor.loadBalancer.interfaces[1].portGroup",
      "VFL-03 supervisor.loadBalancer.interfaces[1].addressRanges[0]",
    ]);
    expect(found[0].fix).toBe("wl-primary");
    expect(found[1].fix).toBeUndefined();
    expect(found[1].message).toContain('lie in the subnet of port group "wl-primary"');
    expect(checkOf(withFixes(file, [found[0]]))).toEqual([]);
  });
});

describe("the Foundation Load Balancer's network services, bad input (VFL-07)", () => {
  test.each([
    [
      "dnsServers",
      ["192.168.130.70"],
      "supervisor.loadBalancer.dnsServers[0]",
      'VIP CIDR "192.168.130.64/26"',
    ],
    ["dnsServers", [], "supervisor.loadBalancer.dnsServers", "no DNS server"],
    ["ntpServers", [], "supervisor.loadBalancer.ntpServers", "no NTP server"],
    [
      "dnsSearchDomains",
      ["bad domain!"],
      "supervisor.loadBalancer.dnsSearchDomains[0]",
      'did you mean "bad-domain"?',
    ],
    [
      "syslog",
      { endpoint: "not an endpoint" },
      "supervisor.loadBalancer.syslog.endpoint",
      "protocol://host[:port]",
    ],
  ])("T5 with %s %j is refused at %s", (key, value, place, text) => {
    const file = variant(T5, (s) => {
      s.supervisor.loadBalancer[key] = value;
    });
    const found = checkOf(file);
    expect(found.map((f) => `${f.id} ${f.path}`)).toEqual([`VFL-07 ${place}`]);
    expect(found[0].message).toContain(text);
  });
});
