import {
  AddressMapOverlays,
  AllocationKind,
  checkHaproxyPlan,
  checkNetworkPlan,
  checkSupervisorPlan,
  Diagnostic,
  HaproxyPlanProps,
  NetworkPlanProps,
  renderAddressMap,
  ServerRole,
  Severity,
  subnetReports,
  SupervisorPlanProps,
} from "../lib";
import { assignLanes, BarScale, placeLabels, textWidth } from "../lib/report/address-map-layout";
import { s13Haproxy, s13Network, WL120 } from "./fixtures";

interface Plan {
  readonly network: NetworkPlanProps;
  readonly haproxy: HaproxyPlanProps;
  readonly supervisor?: SupervisorPlanProps;
}

/** The map of a plan with its own findings, as the synthesizer draws it. */
function render(p: Plan, overlays: AddressMapOverlays = {}): { svg: string; findings: Diagnostic[] } {
  const n = checkNetworkPlan(p.network);
  const h = checkHaproxyPlan(n.plan, p.haproxy);
  const s = p.supervisor ? checkSupervisorPlan(n.plan, h.plan, p.supervisor).diagnostics : [];
  const findings = [...n.diagnostics, ...h.diagnostics, ...s];
  const svg = renderAddressMap("test", subnetReports(n.plan, h.plan), {
    findings,
    serviceCidr: p.supervisor?.serviceCidr,
    ...overlays,
  });
  return { svg, findings };
}

const s13 = (): Plan => ({ network: s13Network(), haproxy: s13Haproxy() });

/** The case: a namespace range lying inside the primary range. */
function rangeInsidePrimary(): Plan {
  const base = s13Network();
  return {
    network: {
      ...base,
      primaryWorkloadNetwork: {
        ...base.primaryWorkloadNetwork,
        addressRanges: ["192.168.120.31-192.168.120.60"],
      },
      workloadNetworks: [
        { name: "workload-1", portGroup: WL120, addressRanges: ["192.168.120.41-192.168.120.50"] },
      ],
    },
    haproxy: s13Haproxy(),
  };
}

/** The case: VIPs over a gateway. */
function vipsOverGateway(): Plan {
  return { network: s13Network(), haproxy: s13Haproxy({ virtualIpCidrs: ["192.168.120.0/28"] }) };
}

/** A /22 workload subnet with a 3-address range, 1-address blocks and a DNS server in it. */
function slash22(): Plan {
  const wl = { ...WL120, cidr: "192.168.120.0/22" };
  return {
    network: {
      managementNetwork: s13Network().managementNetwork,
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: wl,
        addressRanges: ["192.168.120.31-192.168.120.33"],
      },
      workloadNetworks: [
        {
          name: "workload-1",
          portGroup: wl,
          addressRanges: ["192.168.121.10-192.168.121.12", "192.168.122.200-192.168.122.200"],
        },
      ],
    },
    haproxy: s13Haproxy({ virtualIpCidrs: ["192.168.123.0/26"] }),
  };
}

/** The cases, by name. */
const CASES: Record<string, () => Plan> = {
  "a namespace range inside the primary range": rangeInsidePrimary,
  "VIPs over a gateway": vipsOverGateway,
  "VIPs over the HAProxy workload NIC": vipsOverGateway,
  "a VIP block holding the subnet's broadcast address (VIP-06)": s13,
};

interface Block {
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly title: string;
}

/** The owner blocks drawn on the bars. */
function blocks(svg: string): Block[] {
  return [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)" height="26" fill="#[0-9a-f]{6}"[^>]*data-kind="([a-z-]+)"><title>([^<]*)<\/title>/g,
    ),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), kind: m[4], title: m[5] }));
}

function wellFormed(svg: string): void {
  const open: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[1]) expect(open.pop()).toBe(m[2]);
    else if (!m[3]) open.push(m[2]);
  }
  expect(open).toEqual([]);
  expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
}

describe("the address map's banner", () => {
  test("a plan with warnings only gets no error banner, and says how many warnings it has", () => {
    const { svg, findings } = render(s13());
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((d) => d.severity === Severity.WARN)).toBe(true);
    expect(svg).not.toContain("banner-errors");
    expect(svg).not.toContain("no Terraform was written");
    expect(svg).toContain(`Plan has ${findings.length} warnings`);
  });

  test("a plan with errors gets the banner, counting errors and warnings", () => {
    const { svg, findings } = render(vipsOverGateway());
    const errors = findings.filter((d) => d.severity === Severity.ERROR).length;
    const warnings = findings.length - errors;
    expect(errors).toBeGreaterThan(0);
    expect(svg).toContain(`<g class="banner-errors" data-errors="${errors}" data-warnings="${warnings}">`);
    expect(svg).toContain(
      `Plan has ${errors} errors and ${warnings} warning${warnings === 1 ? "" : "s"} — no Terraform was written`,
    );
  });

  test("a plan without findings gets no banner", () => {
    const { svg } = render(s13(), { findings: [] });
    expect(svg).not.toMatch(/class="banner/);
  });
});

describe("conflicts on the address map", () => {
  test.each([
    ["a namespace range inside the primary range", "NET-04", "192.168.120.41–.50"],
    ["VIPs over a gateway", "VIP-01", "192.168.120.1"],
    ["VIPs over the HAProxy workload NIC", "VIP-03", "192.168.120.5"],
    ["a VIP block holding the subnet's broadcast address (VIP-06)", "VIP-06", "192.168.120.255"],
  ])("%s is hatched and marked with %s, keyed to its finding", (name, rule, addresses) => {
    const { svg, findings } = render(CASES[name]());
    wellFormed(svg);
    const number = findings.findIndex((d) => d.ruleId === rule) + 1;
    expect(number).toBeGreaterThan(0);
    // The conflict on the addresses both owners hold, its marker and the list entry share the finding's number.
    expect(svg).toMatch(
      new RegExp(
        `<g class="conflict" data-rule="${rule}" data-findings="${number}" data-addresses="${addresses}">`,
      ),
    );
    expect(svg).toMatch(new RegExp(`>${number} ${rule}</text>`));
    expect(svg).toContain(`<g class="finding" data-number="${number}" data-rule="${rule}">`);
  });

  test("a range inside another is drawn in its own lane, not under it", () => {
    const { svg } = render(rangeInsidePrimary());
    const primary = blocks(svg).find((b) => b.kind === "supervisor")!;
    const inner = blocks(svg).find((b) => b.kind === "nodes")!;
    expect(inner.x).toBeGreaterThanOrEqual(primary.x);
    expect(inner.x + inner.width).toBeLessThanOrEqual(primary.x + primary.width);
    expect(inner.y).not.toBe(primary.y);
  });

  test("every NET-09 finding marks the block under the service CIDR that it names", () => {
    const { svg, findings } = render({
      ...s13(),
      network: { ...s13Network(), supervisorManagementStartIp: "10.0.0.20" },
      supervisor: {
        name: "supervisor-a",
        serviceCidr: "192.168.120.0/23",
        dnsServers: ["10.0.0.2"],
        ntpServers: ["pool.ntp.org"],
        storagePolicy: "policy-1",
        networkIdentifiers: [],
      },
    });
    const net09 = findings.map((d, k) => ({ d, number: k + 1 })).filter((x) => x.d.ruleId === "NET-09");
    expect(net09.length).toBeGreaterThan(1);
    const marked = [...svg.matchAll(/<g class="conflict" data-rule="NET-09" data-findings="(\d+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(marked.sort()).toEqual(net09.map((x) => x.number).sort());
    expect(svg).toContain('data-service-cidr="192.168.120.0/23"');
  });

  test("an acknowledged warning is listed and marked as acknowledged, with no banner", () => {
    const { findings } = render(s13());
    const { svg } = render(s13(), {
      findings: [],
      acknowledged: findings.filter((d) => d.ruleId === "VIP-06"),
    });
    expect(svg).not.toMatch(/class="banner/);
    expect(svg).toContain('<g class="conflict" data-rule="VIP-06" data-findings="1"');
    expect(svg).toContain("acknowledged warning virtualIpCidrs[0]");
  });
});

describe("servers and the service CIDR", () => {
  test("DNS and NTP servers are drawn on their subnet or listed as outside every subnet", () => {
    const { svg } = render(s13(), {
      servers: [
        {
          role: ServerRole.DNS,
          address: "192.168.120.2",
          owner: "Supervisor DNS server",
          path: "dnsServers[0]",
        },
        { role: ServerRole.NTP, address: "10.0.0.3", owner: "Supervisor NTP server", path: "ntpServers[0]" },
        {
          role: ServerRole.NTP,
          address: "172.16.0.123",
          owner: "Supervisor NTP server",
          path: "ntpServers[1]",
        },
        {
          role: ServerRole.NTP,
          address: "pool.ntp.org",
          owner: "Supervisor NTP server",
          path: "ntpServers[2]",
        },
      ],
    });
    const servers = blocks(svg).filter((b) => b.kind === "server");
    expect(servers.map((b) => b.title)).toEqual([
      "10.0.0.3 (1): Supervisor NTP server",
      "192.168.120.2 (1): Supervisor DNS server",
    ]);
    expect(svg).toContain(">192.168.120.2 DNS</text>");
    expect(svg).toContain(">10.0.0.3 NTP</text>");
    expect(svg).toContain("Outside every subnet of the plan");
    expect(svg).toContain("NTP 172.16.0.123 — Supervisor NTP server (routed through a gateway)");
    expect(svg).toContain("NTP pool.ntp.org — Supervisor NTP server (not an address");
  });

  test("a DNS server inside a VIP block is marked with SUP-04", () => {
    const plan: Plan = {
      network: { ...s13Network(), supervisorManagementStartIp: "10.0.0.20" },
      haproxy: s13Haproxy(),
      supervisor: {
        name: "supervisor-a",
        serviceCidr: "10.96.0.0/23",
        dnsServers: ["192.168.120.140"],
        ntpServers: ["pool.ntp.org"],
        storagePolicy: "policy-1",
        networkIdentifiers: [],
      },
    };
    const { svg, findings } = render(plan, {
      servers: [
        {
          role: ServerRole.DNS,
          address: "192.168.120.140",
          owner: "Supervisor DNS server",
          path: "dnsServers[0]",
        },
      ],
    });
    const number = findings.findIndex((d) => d.ruleId === "SUP-04") + 1;
    expect(number).toBeGreaterThan(0);
    expect(svg).toContain(
      `<g class="conflict" data-rule="SUP-04" data-findings="${number}" data-addresses="192.168.120.140">`,
    );
  });

  test("the service CIDR is a bar of its own, empty when nothing of the plan lies in it", () => {
    const { svg } = render(s13(), { serviceCidr: "10.96.0.0/23" });
    expect(svg).toContain('data-service-cidr="10.96.0.0/23"');
    expect(svg).toContain("Kubernetes service CIDR — 10.96.0.0/23");
    expect(svg).toContain("No subnet, VIP block, workload range or server of the plan lies in it.");
    expect(svg).not.toContain('data-rule="NET-09"');
  });
});

describe("small blocks on a big subnet", () => {
  test("1-address and 3-address blocks on a /22 are at least 8 px wide, and labelled", () => {
    const { svg } = render(slash22());
    wellFormed(svg);
    const on22 = blocks(svg).filter((b) => b.title.startsWith("192.168.12"));
    const small = on22.filter((b) => /\((1|3)\):/.test(b.title));
    expect(small.map((b) => b.kind).sort()).toEqual([
      "gateway",
      "haproxy",
      "nodes",
      "nodes",
      "reserved",
      "reserved",
      "supervisor",
    ]);
    for (const b of small) expect(b.width).toBeGreaterThanOrEqual(8);
    for (const text of [
      "192.168.120.1 gateway",
      "192.168.120.31–.33 workload network",
      "192.168.122.200 workload network",
    ]) {
      expect(svg).toContain(`>${text}`);
    }
  });

  test("labels of the /22 do not overlap each other", () => {
    const { svg } = render(slash22());
    const labels = [
      ...svg.matchAll(
        /<text x="([\d.]+)" y="(\d+)" font-size="11"( text-anchor="end")? class="label">([^<]*)</g,
      ),
    ].map((m) => {
      const w = textWidth(m[4], 11);
      const x = Number(m[1]);
      return { y: Number(m[2]), first: m[3] ? x - w : x, last: m[3] ? x : x + w };
    });
    expect(labels.length).toBeGreaterThan(5);
    for (const a of labels) {
      for (const b of labels) {
        if (a !== b && a.y === b.y) expect(a.last <= b.first || b.last <= a.first).toBe(true);
      }
    }
  });
});

describe("a plan with many blocks", () => {
  test("labels at most 40 blocks per bar and says how many more there are", () => {
    const n = checkNetworkPlan(s13Network());
    const [subnet] = subnetReports(n.plan);
    const many = Array.from({ length: 500 }, (_, k) => ({
      kind: AllocationKind.NODES,
      owner: `workload network "ns-${k}" (cluster nodes)`,
      first: 0xc0a80000 + 2 * k,
      last: 0xc0a80000 + 2 * k,
    }));
    const svg = renderAddressMap("many", [
      { ...subnet, cidr: { first: 0xc0a80000, last: 0xc0a8ffff, prefix: 16 }, allocations: many, free: [] },
    ]);
    wellFormed(svg);
    expect(blocks(svg).filter((b) => b.kind === "nodes")).toHaveLength(many.length);
    expect([...svg.matchAll(/class="label"/g)]).toHaveLength(40);
    expect(svg).toContain(`… and ${many.length - 40} more blocks, unlabelled here`);
  });
});

describe("the map's layout helpers", () => {
  test("the bar scale is monotonic, spans the bar, and widens covered stretches to the minimum", () => {
    const range = { first: 0, last: 1023 };
    const blocksOn = [
      { first: 1, last: 1 },
      { first: 31, last: 33 },
      { first: 768, last: 831 },
    ];
    const scale = new BarScale(range, blocksOn, 20, 920, 8);
    expect(scale.x(0)).toBe(20);
    expect(scale.x(1024)).toBeCloseTo(940, 6);
    for (const b of blocksOn) expect(scale.x(b.last + 1) - scale.x(b.first)).toBeGreaterThanOrEqual(8 - 1e-9);
    for (let a = 0; a < 1024; a++) expect(scale.x(a + 1)).toBeGreaterThanOrEqual(scale.x(a));
  });

  test("overlapping blocks get different lanes, the wider one first", () => {
    expect(
      assignLanes([
        { first: 31, last: 60 },
        { first: 41, last: 50 },
        { first: 51, last: 70 },
        { first: 80, last: 90 },
      ]),
    ).toEqual([0, 1, 1, 0]);
  });

  test("labels placed close together take different rows", () => {
    const placed = placeLabels(
      [10, 12, 14, 300].map((anchor) => ({ anchor, width: 100 })),
      0,
      1000,
    );
    expect(new Set(placed.slice(0, 3).map((p) => p.row)).size).toBe(3);
    expect(placed[3].row).toBe(0);
  });
});

describe("a VIP block over a gateway and the network address", () => {
  test("the network address's overlap is keyed to VIP-01's error, not to a finding of the map's own", () => {
    const p = s13();
    const { svg, findings } = render({
      ...p,
      haproxy: { ...p.haproxy, virtualIpCidrs: ["192.168.120.0/26"] },
    });
    expect(findings.map((d) => d.ruleId)).toContain("VIP-01");
    expect(findings.map((d) => d.ruleId)).not.toContain("VIP-06");
    expect(svg).not.toMatch(/overlap — error/);
    expect(svg).not.toMatch(/Give each its own addresses/);
  });
});
