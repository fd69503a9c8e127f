/**
 * The rule checks of the IP plan (the catalogue in `diagnostics.ts`). Pure: no constructs.
 *
 * Every check works on the parsed plan; overlap and containment checks sort once and sweep, so a plan with
 * n ranges costs n log n (plus the collisions it reports).
 */
import { diag, Diagnostic, Severity } from "./diagnostics";
import { loadBalancerRangesOf, reservedAddressesIn } from "./load-balancer-ranges";
import {
  formatProviderRelease,
  keepsOvfNics,
  NIC_PRESERVING_PROVIDER_VERSION,
  needsHostForOvfDeploy,
  parseProviderRelease,
} from "./provider-release";
import {
  Cidr,
  containsAddress,
  contains,
  formatAddress,
  formatCidr,
  formatRange,
  gaps,
  intersection,
  Interval,
  Labelled,
  overlappingPairs,
  quote,
  size,
  union,
} from "./ip";
import {
  CheckOptions,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlan,
  NetworkPlanProps,
  parseNetworkPlan,
  PlanPortGroup,
  PlanReader,
  workloadNetworkByName,
} from "./plan";

/** The result of checking a plan. */
export interface PlanCheck<T> {
  readonly plan: T;
  /** Every finding, errors and warnings, in a stable order. */
  readonly diagnostics: Diagnostic[];
  /** Prop paths whose values are not known until apply: the rules that need them were skipped. */
  readonly unresolved: string[];
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A gateway, HAProxy address, nameserver or block, as a labelled interval for the sweep. */
type Kind = "range" | "vip" | "haproxy" | "gateway" | "nameserver" | "block";
interface Item {
  readonly kind: Kind;
  readonly path: string;
  /** How the item is named in a message, e.g. `range "10.0.0.5-10.0.0.9" of workload network "ns-a"`. */
  readonly what: () => string;
  readonly network?: string;
}

function lbl(interval: Interval, label: Item): Labelled<Item> {
  return { first: interval.first, last: interval.last, label };
}

/** The addresses of a port group that nothing else may take: network, broadcast and gateway. */
function reservedAddresses(cidr: Cidr, gateway: number | undefined): { address: number; name: string }[] {
  const out = [
    { address: cidr.first, name: "network address" },
    { address: cidr.last, name: "broadcast address" },
  ];
  if (gateway !== undefined) {
    out.push({ address: gateway, name: "gateway" });
  }
  return out;
}

function describeRange(i: Interval): string {
  return i.first === i.last ? formatAddress(i.first) : formatRange(i);
}

/**
 * Check the network side of a plan: IP-01…IP-03 on its values and NET-01…NET-08 (the parts that need no
 * HAProxy). The parsed plan comes back for the HAProxy check and the constructs.
 */
export function checkNetworkPlan(
  props: NetworkPlanProps,
  options: CheckOptions = {},
): PlanCheck<NetworkPlan> {
  const parsed = parseNetworkPlan(props, options);
  const plan = parsed.plan;
  const out: Diagnostic[] = [...parsed.diagnostics];
  const pgByName = new Map(plan.portGroups.map((pg) => [pg.name, pg]));

  // NET-01: gateway inside its CIDR, not network or broadcast.
  for (const pg of plan.portGroups) {
    if (!pg.cidr) {
      continue;
    }
    if (pg.cidr.prefix > 30) {
      out.push(
        diag(
          "NET-01",
          `${pg.path}.cidr`,
          `port group ${quote(pg.name)} has CIDR ${quote(formatCidr(pg.cidr))}, which leaves no room for a gateway and hosts. Use a /30 or larger subnet (a /24 is recommended).`,
        ),
      );
      continue;
    }
    if (pg.gateway === undefined) {
      continue;
    }
    const gw = formatAddress(pg.gateway);
    if (!containsAddress(pg.cidr, pg.gateway)) {
      out.push(
        diag(
          "NET-01",
          `${pg.path}.gateway`,
          `gateway ${quote(gw)} of port group ${quote(pg.name)} is outside its CIDR ${quote(formatCidr(pg.cidr))}. Give the router address of that subnet, e.g. ${quote(formatAddress(pg.cidr.first + 1))}.`,
        ),
      );
    } else if (pg.gateway === pg.cidr.first || pg.gateway === pg.cidr.last) {
      const which = pg.gateway === pg.cidr.first ? "network" : "broadcast";
      out.push(
        diag(
          "NET-01",
          `${pg.path}.gateway`,
          `gateway ${quote(gw)} of port group ${quote(pg.name)} is the ${which} address of ${quote(formatCidr(pg.cidr))}. Use a host address, e.g. ${quote(formatAddress(pg.cidr.first + 1))}.`,
        ),
      );
    }
  }

  // NET-03: one port group per role set; different port groups' CIDRs do not overlap.
  for (const pg of plan.portGroups) {
    if (pg.roles.length > 1) {
      out.push(
        diag(
          "NET-03",
          pg.path,
          `port group ${quote(pg.name)} is used as ${pg.roles.join(" and ")} network. The management, workload and frontend networks must be different port groups on different subnets (S-08): give each its own port group.`,
        ),
      );
    }
  }
  const cidrItems = plan.portGroups
    .filter((pg): pg is PlanPortGroup & { cidr: Cidr } => pg.cidr !== undefined)
    .map((pg) => ({ first: pg.cidr.first, last: pg.cidr.last, label: pg }));
  for (const [a, b] of overlappingPairs(cidrItems)) {
    const [x, y] = a.label.path <= b.label.path ? [a.label, b.label] : [b.label, a.label];
    out.push(
      diag(
        "NET-03",
        `${y.path}.cidr`,
        `CIDR ${quote(formatCidr(y.cidr!))} of port group ${quote(y.name)} overlaps CIDR ${quote(formatCidr(x.cidr!))} of port group ${quote(x.name)} (${x.path}). Different port groups need separate subnets: move one of them, or use the same port group name if they are meant to be one.`,
      ),
    );
  }

  // NET-07: workload network names are unique DNS labels.
  const seenNames = new Map<string, string>();
  for (const wn of plan.workloadNetworks) {
    if (!DNS_LABEL.test(wn.name)) {
      const fixed = wn.name
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 63);
      const hint = fixed.length > 0 && DNS_LABEL.test(fixed) ? ` Did you mean ${quote(fixed)}?` : "";
      out.push(
        diag(
          "NET-07",
          `${wn.path}.name`,
          `workload network name ${quote(wn.name)} is not a DNS label. Use 1–63 characters of a-z, 0-9 and "-", not starting or ending with "-".${hint}`,
        ),
      );
    }
    const prev = seenNames.get(wn.name);
    if (prev !== undefined) {
      out.push(
        diag(
          "NET-07",
          `${wn.path}.name`,
          `workload network name ${quote(wn.name)} is already used by ${prev}. Give every workload network its own name.`,
        ),
      );
    } else {
      seenNames.set(wn.name, wn.path);
    }
  }

  // NET-02: ranges inside their port group's CIDR, clear of network, broadcast and gateway.
  for (const wn of plan.workloadNetworks) {
    const pg = pgByName.get(wn.portGroup);
    if (wn.ranges.length === 0 && !plan.unresolved.includes(`${wn.path}.addressRanges`)) {
      out.push(
        diag(
          wn.primary ? "NET-05" : "NET-02",
          `${wn.path}.addressRanges`,
          `workload network ${quote(wn.name)} has no address range; its ${wn.primary ? "Supervisor control plane needs 3 addresses (S-05)" : "cluster nodes need addresses (S-06)"}. Add a range such as "192.168.120.31-192.168.120.40" inside its port group's subnet.`,
        ),
      );
    }
    if (!pg?.cidr) {
      continue;
    }
    for (const r of wn.ranges) {
      const i = r.interval;
      if (!i) {
        continue;
      }
      const cidrText = quote(formatCidr(pg.cidr));
      if (!contains(pg.cidr, i)) {
        out.push(
          diag(
            "NET-02",
            r.path,
            `range ${quote(r.text)} of workload network ${quote(wn.name)} is not inside CIDR ${cidrText} of its port group ${quote(pg.name)}. Keep node ranges inside the port group's subnet.`,
          ),
        );
        continue;
      }
      for (const { address: addr, name } of reservedAddresses(pg.cidr, pg.gateway)) {
        if (containsAddress(i, addr)) {
          out.push(
            diag(
              "NET-02",
              r.path,
              `range ${quote(r.text)} of workload network ${quote(wn.name)} covers ${formatAddress(addr)}, the ${name} of port group ${quote(pg.name)} (${cidrText}). Shrink the range to leave ${formatAddress(addr)} out.`,
            ),
          );
        }
      }
    }
  }

  // NET-04: no two workload ranges overlap, across networks and within one.
  const rangeItems: Labelled<Item>[] = [];
  for (const wn of plan.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval) {
        rangeItems.push(
          lbl(r.interval, {
            kind: "range",
            path: r.path,
            what: () => `range ${quote(r.text)} of workload network ${quote(wn.name)}`,
            network: wn.name,
          }),
        );
      }
    }
  }
  for (const [a, b] of overlappingPairs(rangeItems)) {
    const shared = describeRange(intersection(a, b));
    out.push(
      diag(
        "NET-04",
        b.label.path,
        `${b.label.what()} overlaps ${a.label.what()} (${a.label.path}) at ${shared}. Every workload network needs a unique range (S-07): split the addresses between them.`,
      ),
    );
  }

  // NET-05: the primary workload network holds at least 3 addresses for the Supervisor control plane.
  const primary = plan.workloadNetworks.find((w) => w.primary);
  if (primary && primary.ranges.length > 0 && primary.ranges.every((r) => r.interval)) {
    const count = union(primary.ranges.map((r) => r.interval!)).reduce((n, i) => n + size(i), 0);
    if (count < 3) {
      out.push(
        diag(
          "NET-05",
          `${primary.path}.addressRanges`,
          `the primary workload network ${quote(primary.name)} holds ${count} address${count === 1 ? "" : "es"} (${primary.ranges.map((r) => quote(r.text)).join(", ")}); the Supervisor control plane takes 3 of them (S-05). Widen the ranges to at least 3 addresses, plus one per cluster node if namespaces use it.`,
        ),
      );
    }
  }

  // NET-08: the Supervisor management block lies inside the management CIDR, clear of its gateway.
  const mgmt = pgByName.get(plan.managementPortGroup);
  const block = plan.managementBlock;
  if (block && mgmt?.cidr) {
    const text = `Supervisor management block ${formatRange(block)}`;
    if (!contains(mgmt.cidr, block)) {
      out.push(
        diag(
          "NET-08",
          "supervisorManagementStartIp",
          `${text} (5 addresses from ${quote(formatAddress(block.first))}) is not inside management CIDR ${quote(formatCidr(mgmt.cidr))} of port group ${quote(mgmt.name)}. Start it at an address with 4 free addresses after it inside that subnet.`,
        ),
      );
    } else {
      for (const { address: addr, name } of reservedAddresses(mgmt.cidr, mgmt.gateway)) {
        if (containsAddress(block, addr)) {
          out.push(
            diag(
              "NET-08",
              "supervisorManagementStartIp",
              `${text} (5 addresses from ${quote(formatAddress(block.first))}) contains ${formatAddress(addr)}, the ${name} of management port group ${quote(mgmt.name)}. Move the start so the 5 addresses avoid it, e.g. ${quote(formatAddress(Math.max(mgmt.cidr.first + 1, (mgmt.gateway ?? 0) + 1)))}.`,
            ),
          );
        }
      }
    }
  }

  return { plan, diagnostics: out, unresolved: plan.unresolved };
}

/** The parsed HAProxy side of a plan. */
export interface HaproxyPlan {
  readonly props: HaproxyPlanProps;
  /** The workload network the workload NIC joins, when it exists. */
  readonly workloadNetwork?: string;
  /** The port group of the workload NIC, when known. */
  readonly workloadPortGroup?: string;
  /** The VIP CIDRs that parsed. */
  readonly virtualIps: { readonly path: string; readonly cidr: Cidr }[];
  readonly unresolved: string[];
}

const PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";

/**
 * Check the HAProxy side of a plan against the checked network side: VIP-01…VIP-05, HAP-01…HAP-07,
 * SEC-01, and the HAProxy part of NET-08. Findings of the network alone are not repeated.
 */
export function checkHaproxyPlan(
  network: NetworkPlan,
  props: HaproxyPlanProps,
  options: CheckOptions = {},
): PlanCheck<HaproxyPlan> {
  const reader = new PlanReader(options);
  const out = reader.diagnostics;
  const pgByName = new Map(network.portGroups.map((pg) => [pg.name, pg]));
  const frontendMode = props.mode === HaproxyMode.FRONTEND;

  // HAP-01: the NICs of the mode.
  if (props.mode !== HaproxyMode.DEFAULT && props.mode !== HaproxyMode.FRONTEND) {
    out.push(
      diag(
        "HAP-01",
        "mode",
        `mode ${quote(props.mode)} is not a deployment option of the appliance. Use HaproxyMode.DEFAULT ("default", 2 NICs) or HaproxyMode.FRONTEND ("frontend", 3 NICs).`,
      ),
    );
  }
  if (frontendMode) {
    if (network.frontendPortGroup === undefined) {
      out.push(
        diag(
          "HAP-01",
          "network.frontendNetwork",
          `frontend mode needs a frontend port group, but the network has no frontendNetwork. Add frontendNetwork to the SupervisorWorkloadNetwork, or use HaproxyMode.DEFAULT.`,
        ),
      );
    }
    if (props.frontendIp === undefined) {
      out.push(
        diag(
          "HAP-01",
          "frontendIp",
          `frontend mode needs frontendIp, the appliance's address on the frontend network. Add it, e.g. an address of the frontend subnet outside the VIP CIDRs.`,
        ),
      );
    }
  } else {
    if (props.frontendIp !== undefined) {
      out.push(
        diag(
          "HAP-01",
          "frontendIp",
          `frontendIp ${quote(props.frontendIp)} is given in default mode, which has no frontend NIC. Remove it, or use mode HaproxyMode.FRONTEND.`,
        ),
      );
    }
    if (network.frontendPortGroup !== undefined) {
      out.push(
        diag(
          "HAP-01",
          "network.frontendNetwork",
          `the network has frontendNetwork ${quote(network.frontendPortGroup)} but the appliance is in default mode, which has no frontend NIC. Use mode HaproxyMode.FRONTEND, or remove frontendNetwork.`,
        ),
      );
    }
  }

  // HAP-03: the workload network of the workload NIC exists.
  const workload = workloadNetworkByName(network, props.workloadNetworkName);
  if (
    !workload &&
    props.workloadNetworkName !== undefined &&
    !reader.unknown(props.workloadNetworkName, "workloadNetworkName")
  ) {
    const names = network.workloadNetworks.map((w) => quote(w.name)).join(", ");
    out.push(
      diag(
        "HAP-03",
        "workloadNetworkName",
        `workload network ${quote(props.workloadNetworkName)} does not exist. Name one of the network's workload networks: ${names}.`,
      ),
    );
  }
  const workloadPg = workload ? pgByName.get(workload.portGroup) : undefined;
  const managementPg = pgByName.get(network.managementPortGroup);
  const frontendPg =
    network.frontendPortGroup !== undefined ? pgByName.get(network.frontendPortGroup) : undefined;

  // HAP-02: each interface address inside its port group, clear of network, broadcast and gateway.
  const nics: { path: string; nic: string; text: string | undefined; pg: PlanPortGroup | undefined }[] = [
    { path: "managementIp", nic: "management", text: props.managementIp, pg: managementPg },
    { path: "workloadIp", nic: "workload", text: props.workloadIp, pg: workloadPg },
  ];
  if (frontendMode) {
    nics.push({ path: "frontendIp", nic: "frontend", text: props.frontendIp, pg: frontendPg });
  }
  const items: Labelled<Item>[] = [];
  for (const nic of nics) {
    if (nic.text === undefined) {
      continue;
    }
    const addr = reader.address(nic.text, nic.path, `HAProxy ${nic.nic} address`);
    if (addr === undefined) {
      continue;
    }
    const label: Item = {
      kind: "haproxy",
      path: nic.path,
      what: () => `HAProxy ${nic.nic} address ${formatAddress(addr)} (${nic.path})`,
    };
    items.push(lbl({ first: addr, last: addr }, label));
    const pg = nic.pg;
    if (!pg?.cidr) {
      continue;
    }
    const cidrText = quote(formatCidr(pg.cidr));
    if (!containsAddress(pg.cidr, addr)) {
      out.push(
        diag(
          "HAP-02",
          nic.path,
          `HAProxy ${nic.nic} address ${quote(nic.text)} is outside CIDR ${cidrText} of port group ${quote(pg.name)}. Give an address of that subnet, e.g. ${quote(formatAddress(pg.cidr.first + 2 === pg.gateway ? pg.cidr.first + 3 : pg.cidr.first + 2))}.`,
        ),
      );
    } else {
      for (const { address: a, name } of reservedAddresses(pg.cidr, pg.gateway)) {
        if (a === addr) {
          out.push(
            diag(
              "HAP-02",
              nic.path,
              `HAProxy ${nic.nic} address ${quote(nic.text)} is the ${name} of port group ${quote(pg.name)} (${cidrText}). Give the appliance a free host address of that subnet.`,
            ),
          );
        }
      }
    }
  }

  // VIPs (IP-02), nameservers (HAP-04).
  const virtualIps: { path: string; cidr: Cidr }[] = [];
  if (!Array.isArray(props.virtualIpCidrs) || props.virtualIpCidrs.length === 0) {
    if (!reader.unknown(props.virtualIpCidrs, "virtualIpCidrs")) {
      out.push(
        diag(
          "IP-02",
          "virtualIpCidrs",
          `virtualIpCidrs ${quote(props.virtualIpCidrs)} holds no CIDR; the appliance needs at least one block of virtual IPs. Give network-aligned CIDRs, e.g. ["192.168.120.128/25"].`,
        ),
      );
    }
  } else {
    props.virtualIpCidrs.forEach((text, i) => {
      const path = `virtualIpCidrs[${i}]`;
      const cidr = reader.cidr(text, path, "VIP CIDR");
      if (cidr) {
        virtualIps.push({ path, cidr });
        items.push(lbl(cidr, { kind: "vip", path, what: () => `VIP CIDR ${quote(text)}` }));
      }
    });
  }
  const nameservers = Array.isArray(props.nameservers) ? props.nameservers : [];
  if (nameservers.length > 3) {
    out.push(
      diag(
        "HAP-04",
        "nameservers",
        `${nameservers.length} nameservers are given (${nameservers.map(quote).join(", ")}); the appliance takes at most 3. Keep the 3 closest to the management network.`,
      ),
    );
  }
  nameservers.forEach((ns, i) => {
    const path = `nameservers[${i}]`;
    if (reader.unknown(ns, path)) {
      return;
    }
    const before = out.length;
    const addr = reader.address(ns, path, "nameserver");
    if (addr === undefined) {
      // Re-file the input-form problem under HAP-04, keeping IP-01 in the text.
      const d = out.splice(before, 1)[0];
      out.push(diag("HAP-04", path, `${d.message} (IP-01)`));
      return;
    }
    items.push(
      lbl(
        { first: addr, last: addr },
        { kind: "nameserver", path, what: () => `nameserver ${formatAddress(addr)} (${path})` },
      ),
    );
  });

  // Network-side items for the collision sweep: gateways, workload ranges, the management block.
  for (const pg of network.portGroups) {
    if (pg.gateway !== undefined) {
      items.push(
        lbl(
          { first: pg.gateway, last: pg.gateway },
          {
            kind: "gateway",
            path: `${pg.path}.gateway`,
            what: () => `gateway ${formatAddress(pg.gateway!)} of port group ${quote(pg.name)}`,
          },
        ),
      );
    }
  }
  for (const wn of network.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval) {
        items.push(
          lbl(r.interval, {
            kind: "range",
            path: r.path,
            what: () => `range ${quote(r.text)} of workload network ${quote(wn.name)}`,
            network: wn.name,
          }),
        );
      }
    }
  }
  if (network.managementBlock) {
    items.push(
      lbl(network.managementBlock, {
        kind: "block",
        path: "supervisorManagementStartIp",
        what: () => `the Supervisor management block ${formatRange(network.managementBlock!)}`,
      }),
    );
  }

  // One sweep finds every collision that involves the appliance.
  const haproxySide = new Set<Kind>(["vip", "haproxy", "nameserver"]);
  const suggest = vipSuggester(items, network.portGroups);
  const pairs = overlappingPairs(
    items,
    (a, b) => haproxySide.has(a.label.kind) || haproxySide.has(b.label.kind),
    5000,
  );
  for (const [p, q] of pairs) {
    const pair = [p, q].sort((x, y) => order(x.label.kind) - order(y.label.kind));
    const [a, b] = pair;
    const ka = a.label.kind;
    const kb = b.label.kind;
    const shared = describeRange(intersection(a, b));
    if (ka === "vip" && kb === "vip") {
      out.push(
        diag(
          "VIP-04",
          b.label.path,
          `${b.label.what()} overlaps ${a.label.what()} (${a.label.path}) at ${shared}. Give VIP CIDRs that do not overlap, or merge them into one CIDR.`,
        ),
      );
    } else if (ka === "vip" && kb === "gateway") {
      out.push(
        diag(
          "VIP-01",
          a.label.path,
          `${a.label.what()} contains ${b.label.what()}. The appliance answers for every VIP, so all routes through that gateway would fail (S-11). Move the VIPs to a block without gateways${suggest(a)}.`,
        ),
      );
    } else if (ka === "vip" && kb === "range") {
      out.push(
        diag(
          "VIP-02",
          a.label.path,
          `${a.label.what()} overlaps ${b.label.what()} (${b.label.path}) at ${shared}. Node ranges must not overlap the VIPs (S-12): shrink the node range or move the VIPs${suggest(a)}.`,
        ),
      );
    } else if (ka === "vip" && (kb === "haproxy" || kb === "nameserver")) {
      out.push(
        diag(
          "VIP-03",
          a.label.path,
          `${a.label.what()} contains ${b.label.what()}. The appliance claims every VIP address, so that host would be unreachable: move the address out of the VIP CIDR, or move the VIPs${suggest(a)}.`,
        ),
      );
    } else if (ka === "vip" && kb === "block") {
      out.push(
        diag(
          "VIP-03",
          a.label.path,
          `${a.label.what()} overlaps ${b.label.what()} at ${shared} (NET-08). The Supervisor control-plane VMs would be unreachable: move the VIPs or the block's start address.`,
        ),
      );
    } else if (ka === "haproxy" && kb === "range") {
      out.push(
        diag(
          "HAP-02",
          a.label.path,
          `${a.label.what()} lies in ${b.label.what()} (${b.label.path}). The Supervisor would hand the same address to a node: take it out of the range, or give the appliance another address.`,
        ),
      );
    } else if (ka === "haproxy" && kb === "block") {
      out.push(
        diag(
          "NET-08",
          "supervisorManagementStartIp",
          `${b.label.what()} contains ${a.label.what()}. The Supervisor control-plane VMs would take the appliance's address: move the block's start address or the appliance.`,
        ),
      );
    } else if (ka === "haproxy" && kb === "haproxy") {
      out.push(
        diag(
          "HAP-02",
          b.label.path,
          `${b.label.what()} is the same as ${a.label.what()}. Give each NIC its own address.`,
        ),
      );
    }
  }

  // VIP-05: each VIP inside the subnet of the NIC that serves it. The appliance policy-routes replies only from
  // its NICs' own subnets (haproxytech/vmware-haproxy v0.2.0, routetablectl.sh: `ip rule add from <NIC ip/prefix>`);
  // replies from other VIPs leave through the management default route, whatever the upstream routers do.
  const servingPg = frontendMode ? frontendPg : workloadPg;
  if (servingPg?.cidr) {
    const nic = frontendMode ? "frontend" : "workload";
    const inServing = vipSuggester(items, network.portGroups, servingPg.cidr);
    for (const v of virtualIps) {
      if (!contains(servingPg.cidr, v.cidr)) {
        const vip = items.find((i) => i.label.kind === "vip" && i.label.path === v.path);
        const fix = vip ? inServing(vip) : "";
        out.push(
          diag(
            "VIP-05",
            v.path,
            `VIP CIDR ${quote(formatCidr(v.cidr))} is not inside ${nic} port group ${quote(servingPg.name)} (${quote(formatCidr(servingPg.cidr))}). The appliance policy-routes replies only from its NICs' own subnets, so replies from these VIPs would leave through the management network's default route, and a static route towards the appliance does not change that return path. Take the VIPs from the ${nic} subnet${fix || ` ${quote(formatCidr(servingPg.cidr))}`}.`,
          ),
        );
      }
    }
  }

  // VIP-06: a VIP block that holds a subnet's network or broadcast address; the Supervisor gets it without them.
  for (const v of virtualIps) {
    const reserved = reservedAddressesIn(network, v.cidr);
    if (reserved.length === 0) {
      continue;
    }
    const held = reserved
      .map(
        (r) =>
          `${formatAddress(r.address)}, the ${r.name} of port group ${quote(r.portGroup)} (${formatCidr(r.cidr)})`,
      )
      .join("; ");
    const ranges = loadBalancerRangesOf(network, v.cidr);
    const count = ranges.reduce((n, r) => n + size(r), 0);
    out.push(
      diag(
        "VIP-06",
        v.path,
        `VIP CIDR ${quote(formatCidr(v.cidr))} holds ${held}. The appliance takes the whole block, but a Service must not be given ${reserved.length === 1 ? "that address" : "those addresses"}, so the load-balancer range handed to the Supervisor leaves ${reserved.length === 1 ? "it" : "them"} out: ${ranges.map(formatRange).join(", ") || "nothing"} (${count} address${count === 1 ? "" : "es"}). Nothing to change unless every address of the block must serve Services: then pick a block that holds no network or broadcast address.`,
      ),
    );
  }

  // HAP-05: Data Plane API port, user and literal passwords.
  const port = props.dataplanePort;
  if (
    !reader.unknown(port, "dataplanePort") &&
    (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
  ) {
    out.push(
      diag(
        "HAP-05",
        "dataplanePort",
        `Data Plane API port ${quote(port)} is not a whole number from 1 to 65535. Use the appliance default 5556 unless a firewall needs another port.`,
      ),
    );
  }
  if (
    !reader.unknown(props.dataplaneUser, "dataplaneUser") &&
    (typeof props.dataplaneUser !== "string" || props.dataplaneUser.trim().length === 0)
  ) {
    out.push(
      diag(
        "HAP-05",
        "dataplaneUser",
        `Data Plane API user ${quote(props.dataplaneUser)} is empty. Give a user name, e.g. "admin".`,
      ),
    );
  }
  for (const [path, what, value] of [
    ["dataplanePassword", "Data Plane API password", props.dataplanePassword],
    ["rootPassword", "root password", props.rootPassword],
  ] as [string, string, string | undefined][]) {
    if (value === undefined || reader.unknown(value, path)) {
      continue;
    }
    if (typeof value !== "string" || value.length < 6 || value.length > 128) {
      const len = typeof value === "string" ? `${value.length} characters` : `not a string`;
      out.push(
        diag(
          "HAP-05",
          path,
          `the ${what} is ${len}; the appliance takes 6 to 128 characters. Leave it out to have one generated, or give a longer one from a sensitive variable.`,
        ),
      );
    }
    out.push(
      diag(
        "SEC-01",
        path,
        `the ${what} is a literal string, so it lands in plain text in the synthesized configuration and the plan. Pass a sensitive TerraformVariable, or leave it out to have one generated.`,
      ),
    );
  }

  // HAP-06: a supplied CA has both parts, the key in PKCS#8.
  const ca = props.certificateAuthority;
  if (ca) {
    const certKnown = !reader.unknown(ca.certificatePem, "certificateAuthority.certificatePem");
    const keyKnown = !reader.unknown(ca.privateKeyPem, "certificateAuthority.privateKeyPem");
    if (
      certKnown &&
      (typeof ca.certificatePem !== "string" || !ca.certificatePem.includes("-----BEGIN CERTIFICATE-----"))
    ) {
      out.push(
        diag(
          "HAP-06",
          "certificateAuthority.certificatePem",
          `the CA certificate ${ca.certificatePem ? 'is not a PEM certificate (no "-----BEGIN CERTIFICATE-----")' : "is missing"}. Give the CA certificate and its key together, or let the construct generate a CA.`,
        ),
      );
    }
    if (keyKnown) {
      const key = typeof ca.privateKeyPem === "string" ? ca.privateKeyPem : "";
      if (key.trim().length === 0) {
        out.push(
          diag(
            "HAP-06",
            "certificateAuthority.privateKeyPem",
            `the CA key is missing. Give the CA certificate and its key together, or let the construct generate a CA.`,
          ),
        );
      } else if (!key.includes(PKCS8_HEADER)) {
        const found = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(key)?.[0] ?? "no PEM header";
        out.push(
          diag(
            "HAP-06",
            "certificateAuthority.privateKeyPem",
            `the CA key starts with ${quote(found)}, but the appliance (v0.2.0) needs PKCS#8 ("${PKCS8_HEADER}"). Convert it with "openssl pkcs8 -topk8 -nocrypt", or use the tls provider's private_key_pem_pkcs8.`,
          ),
        );
      } else {
        out.push(
          diag(
            "SEC-01",
            "certificateAuthority.privateKeyPem",
            `the CA key is a literal string, so it lands in plain text in the synthesized configuration. Pass it from a sensitive variable, or let the construct generate a CA.`,
          ),
        );
      }
    }
  }

  // HAP-07: default mode recommendations.
  if (!frontendMode && props.mode === HaproxyMode.DEFAULT) {
    const small =
      workloadPg?.cidr && workloadPg.cidr.prefix > 24
        ? ` Its workload port group ${quote(workloadPg.name)} is ${quote(formatCidr(workloadPg.cidr))}; a /24 or larger is recommended to hold nodes and VIPs.`
        : "";
    out.push(
      diag(
        "HAP-07",
        "mode",
        `the appliance is in default mode (2 NICs): clients reach the VIPs on the workload network, next to the nodes. Frontend mode (3 NICs) is recommended for production (S-21).${small}`,
      ),
    );
  }

  // HAP-08: releases before v0.2.0 ignore additional_workload_networks (it arrived in v0.2.0).
  const release =
    typeof props.applianceVersion === "string" ? /^v(\d+)\.(\d+)\.(\d+)$/.exec(props.applianceVersion) : null;
  if (release && Number(release[1]) === 0 && Number(release[2]) < 2) {
    const others = workloadPg ? network.workloadNetworks.filter((w) => w.portGroup !== workloadPg.name) : [];
    if (others.length > 0) {
      out.push(
        diag(
          "HAP-08",
          "ova",
          `appliance release ${quote(props.applianceVersion)} ignores additional_workload_networks, but workload network${others.length === 1 ? "" : "s"} ${others.map((w) => `${quote(w.name)} (port group ${quote(w.portGroup)})`).join(", ")} ${others.length === 1 ? "is" : "are"} on another port group than the appliance's workload NIC (${quote(workloadPg?.name)}): the appliance would send their traffic through the management gateway. Use release v0.2.0 (the default), or put every workload network on port group ${quote(workloadPg?.name)}.`,
        ),
      );
    }
  }

  // HAP-09 and HAP-10: what the pinned vsphere provider release does with an OVF deploy.
  const providerText = props.vsphereProviderVersion;
  const provider = typeof providerText === "string" ? parseProviderRelease(providerText) : undefined;
  if (provider && needsHostForOvfDeploy(provider) && props.hostSystemId === undefined) {
    out.push(
      diag(
        "HAP-09",
        "hostSystemId",
        `vsphere provider ${formatProviderRelease(provider)}${formatProviderRelease(provider) === NIC_PRESERVING_PROVIDER_VERSION ? " (pinned because it keeps the OVA's network cards)" : ""} refuses an OVF deploy without a host ("host system ID is required for ovf deployment"), but no host is given. Give the ESXi host to deploy the appliance on, e.g. the id of a vsphere_host data source.`,
      ),
    );
  }
  if (provider && !keepsOvfNics(provider)) {
    out.push(
      diag(
        "HAP-10",
        "vsphereProviderVersion",
        `vsphere provider ${formatProviderRelease(provider)} deletes the OVA's network cards after the deploy and creates new ones (every release from 2.6.0 on), so the appliance, which names its interfaces by PCI slot, comes up with unnamed or swapped interfaces. Keep the default ${NIC_PRESERVING_PROVIDER_VERSION} unless you have checked the deployed appliance's interfaces (ip link shows management, workload${frontendMode ? ", frontend" : ""}).`,
      ),
    );
  }

  return {
    plan: {
      props,
      workloadNetwork: workload?.name,
      workloadPortGroup: workloadPg?.name,
      virtualIps,
      unresolved: reader.unresolved,
    },
    diagnostics: out,
    unresolved: reader.unresolved,
  };
}

function order(k: Kind): number {
  return ["vip", "haproxy", "nameserver", "gateway", "range", "block"].indexOf(k);
}

/**
 * Suggests, once per VIP CIDR, a free network-aligned block of the same size (", e.g. …") inside the port
 * group that holds the VIP (or its /16 when none does), clear of everything but other VIPs.
 */
function vipSuggester(
  items: readonly Labelled<Item>[],
  portGroups: readonly PlanPortGroup[],
  within?: Interval,
): (vip: Labelled<Item>) => string {
  const cache = new Map<string, string>();
  let taken: Interval[] | undefined;
  return (vip) => {
    const hit = cache.get(vip.label.path);
    if (hit !== undefined) {
      return hit;
    }
    taken ??= union(items.filter((i) => i.label.kind !== "vip"));
    const width = size(vip);
    const prefix = 32 - Math.round(Math.log2(width));
    const home = within ?? portGroups.find((pg) => pg.cidr && contains(pg.cidr, vip))?.cidr;
    const scope = home ?? {
      first: Math.floor(vip.first / 65536) * 65536,
      last: Math.floor(vip.first / 65536) * 65536 + 65535,
    };
    let text = "";
    for (const g of gaps(scope, taken)) {
      const start = Math.ceil(g.first / width) * width;
      if (start + width - 1 <= g.last && !(start === vip.first)) {
        text = `, e.g. "${formatAddress(start)}/${prefix}"`;
        break;
      }
    }
    cache.set(vip.label.path, text);
    return text;
  };
}

/** Check a whole plan at once: the network and, when given, the HAProxy appliance. */
export function checkPlan(
  network: NetworkPlanProps,
  haproxy?: HaproxyPlanProps,
  options: CheckOptions = {},
): { diagnostics: Diagnostic[]; unresolved: string[] } {
  const n = checkNetworkPlan(network, options);
  if (!haproxy) {
    return { diagnostics: n.diagnostics, unresolved: n.unresolved };
  }
  const h = checkHaproxyPlan(n.plan, haproxy, options);
  return {
    diagnostics: [...n.diagnostics, ...h.diagnostics],
    unresolved: [...n.unresolved, ...h.unresolved],
  };
}

/** True when any finding is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === Severity.ERROR);
}
