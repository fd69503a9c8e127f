/**
 * The address map: each subnet drawn as a bar, its blocks coloured by owner in lanes so that none hides another,
 * every conflict hatched and marked with the number and rule id of its finding, the findings listed under the
 * map, the Supervisor's DNS and NTP servers and the Kubernetes service CIDR drawn too. Pure.
 */
import { Diagnostic, Severity } from "../model/diagnostics";
import { parseAddress, size } from "../model/ip";
import { MapFinding, numberFindings } from "./address-map-conflicts";
import { assignLanes, BarScale, placeLabels, textWidth, wrap } from "./address-map-layout";
import { AllocationKind, PlanReportInput, SubnetReport, subnetReports } from "./plan-report";
import { SupervisorSettings } from "./supervisor-report";
import {
  AddressMapServer,
  Bar,
  compact,
  Placed,
  ServerRole,
  serviceBar,
  subnetBar,
} from "./address-map-bars";

export { ServerRole } from "./address-map-bars";
export type { AddressMapServer } from "./address-map-bars";

/** What the map draws besides the subnets' blocks. */
export interface AddressMapOverlays {
  /**
   * The plan's findings: a banner counts them ("Plan has N errors — no Terraform was written" when any is an
   * error), conflicts are marked with their numbers, and the list under the map gives each.
   * @default - none
   */
  readonly findings?: Diagnostic[];
  /**
   * Warnings acknowledged with a reason: listed, and marked, as acknowledged.
   * @default - none
   */
  readonly acknowledged?: Diagnostic[];
  /**
   * DNS and NTP servers, drawn on the subnet they are in or listed as outside every subnet.
   * @default - none
   */
  readonly servers?: AddressMapServer[];
  /**
   * The Supervisor's Kubernetes service CIDR (`a.b.c.d/n`), drawn as its own bar with whatever of the plan it
   * overlaps (NET-09).
   * @default - no service CIDR bar
   */
  readonly serviceCidr?: string;
}

/** Okabe–Ito colours (distinguishable with every common colour-vision deficiency), with the legend's names. */
const COLOURS: Record<AllocationKind | "server" | "subnet", [string, string]> = {
  [AllocationKind.RESERVED]: ["#999999", "network / broadcast"],
  [AllocationKind.GATEWAY]: ["#000000", "gateway"],
  [AllocationKind.SUPERVISOR]: ["#0072b2", "primary workload range (Supervisor + nodes)"],
  [AllocationKind.NODES]: ["#009e73", "cluster node range"],
  [AllocationKind.HAPROXY]: ["#cc79a7", "HAProxy NIC"],
  [AllocationKind.VIP]: ["#e69f00", "HAProxy VIPs"],
  [AllocationKind.MANAGEMENT_BLOCK]: ["#56b4e9", "Supervisor management block"],
  server: ["#f0e442", "DNS / NTP server"],
  subnet: ["#dddddd", "port group subnet"],
};
const ERROR = "#c13f00";
const WARN = "#8a6d00";
const WIDTH = 960;
const LEFT = 20;
const BAR_WIDTH = WIDTH - 2 * LEFT;
const LANE = 26;
const MIN_BLOCK = 8;
const FONT = 11;
/** Labels per bar: a plan with hundreds of ranges keeps a readable map (the report's table has every block). */
const MAX_LABELS = 40;

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const n2 = (v: number) => v.toFixed(2);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function severityOf(numbers: readonly number[], list: readonly MapFinding[]): string {
  const fs = numbers.map((n) => list[n - 1]);
  if (fs.some((f) => f.severity === Severity.ERROR && !f.acknowledged)) return ERROR;
  return WARN;
}

function pill(x: number, y: number, text: string, colour: string): string[] {
  const w = textWidth(text, FONT) + 10;
  return [
    `<rect x="${n2(x)}" y="${y}" width="${w}" height="16" rx="8" fill="${colour}"/>`,
    `<text x="${n2(x + 5)}" y="${y + 12}" font-size="${FONT}" font-weight="bold" fill="#ffffff">${esc(text)}</text>`,
  ];
}

function markerText(numbers: readonly number[], list: readonly MapFinding[]): string {
  return numbers.map((n) => `${n} ${list[n - 1].ruleId}`).join(" · ");
}

/** One bar: heading, markers above, lanes of blocks, hatched conflicts, axis, labels with leader lines. */
function drawBar(bar: Bar, y: number, list: readonly MapFinding[]): { parts: string[]; bottom: number } {
  const items = bar.items.map((i) => ({
    ...i,
    first: Math.max(i.first, bar.range.first),
    last: Math.min(i.last, bar.range.last),
  }));
  const scale = new BarScale(bar.range, items, LEFT, BAR_WIDTH, MIN_BLOCK);
  const lanes = assignLanes(items);
  const laneCount = Math.max(1, ...lanes.map((l) => l + 1));
  const markerTexts = bar.conflicts.map((c) => markerText(c.findings, list));
  const anchors = bar.conflicts.map((c) => (scale.x(c.first) + scale.x(c.last + 1)) / 2);
  const markers = placeLabels(
    markerTexts.map((t, k) => ({ anchor: anchors[k], width: textWidth(t, FONT) + 10 })),
    LEFT,
    WIDTH - LEFT,
  );
  const markerRows = Math.max(0, ...markers.map((m) => m.row + 1));
  const top = y + 24 + markerRows * 20;
  const bottom = top + laneCount * LANE;
  const parts = [
    `<g class="bar"${Object.entries(bar.data)
      .map(([k, v]) => ` data-${k}="${esc(v)}"`)
      .join("")}>`,
    `<text x="${LEFT}" y="${y + 14}" font-size="14" font-weight="bold">${esc(bar.heading)}</text>`,
    `<text x="${WIDTH - LEFT}" y="${y + 14}" font-size="12" text-anchor="end">${esc(bar.detail)}</text>`,
    `<rect x="${LEFT}" y="${top}" width="${BAR_WIDTH}" height="${laneCount * LANE}" fill="${bar.background}" stroke="#607d8b"/>`,
  ];
  if (items.length === 0 && bar.emptyNote) {
    parts.push(
      `<text x="${WIDTH / 2}" y="${top + 17}" font-size="${FONT}" text-anchor="middle" fill="#455a64">${esc(bar.emptyNote)}</text>`,
    );
  }
  items.forEach((item, k) => {
    const x0 = scale.x(item.first);
    const w = scale.x(item.last + 1) - x0;
    const colour = item.kind === "service" ? "#ffffff" : COLOURS[item.kind][0];
    const stroke = item.kind === "server" ? ` stroke="#000000"` : ` stroke="#ffffff" stroke-width="0.5"`;
    parts.push(
      `<rect x="${n2(x0)}" y="${top + lanes[k] * LANE}" width="${n2(w)}" height="${LANE}" fill="${colour}"${stroke} class="block" data-kind="${item.kind}"><title>${esc(`${compact(item)} (${size(item)}): ${item.owner}`)}</title></rect>`,
    );
  });
  bar.conflicts.forEach((c, k) => {
    const colour = severityOf(c.findings, list);
    const x0 = scale.x(c.first);
    const w = scale.x(c.last + 1) - x0;
    const m = markers[k];
    const my = top - 20 - m.row * 20;
    const rules = [...new Set(c.findings.map((n) => list[n - 1].ruleId))].join(" ");
    parts.push(
      `<g class="conflict" data-rule="${esc(rules)}" data-findings="${c.findings.join(" ")}" data-addresses="${compact(c)}">`,
      `<rect x="${n2(x0)}" y="${top}" width="${n2(w)}" height="${laneCount * LANE}" fill="url(#hatch-${colour === ERROR ? "error" : "warn"})" stroke="${colour}" stroke-width="2"><title>${esc(`${compact(c)}: ${c.a.owner} and ${c.b.owner}`)}</title></rect>`,
      `<line x1="${n2(anchors[k])}" y1="${my + 16}" x2="${n2(anchors[k])}" y2="${top}" stroke="${colour}" stroke-width="1.5"/>`,
      ...pill(m.x, my, markerTexts[k], colour),
      `</g>`,
    );
  });
  const named = items.filter((i) => i.kind !== AllocationKind.RESERVED && i.kind !== "service");
  const labelled = named.slice(0, MAX_LABELS);
  const labels = placeLabels(
    labelled.map((i) => ({
      anchor: (scale.x(i.first) + scale.x(i.last + 1)) / 2,
      width: textWidth(i.label, FONT),
    })),
    LEFT,
    WIDTH - LEFT,
  );
  let labelBottom = bottom + 16;
  labelled.forEach((item, k) => {
    const l = labels[k];
    const anchor = (scale.x(item.first) + scale.x(item.last + 1)) / 2;
    const ty = bottom + 16 + l.row * 15;
    labelBottom = Math.max(labelBottom, ty + 4);
    const colour = item.kind === "service" ? "#000000" : COLOURS[item.kind][0];
    parts.push(
      `<line x1="${n2(anchor)}" y1="${bottom}" x2="${n2(anchor)}" y2="${ty - 9}" stroke="#78909c" stroke-width="0.75"/>`,
      `<circle cx="${n2(anchor)}" cy="${ty - 9}" r="1.5" fill="${colour}"/>`,
      `<text x="${n2(l.endAnchored ? l.x + textWidth(item.label, FONT) : l.x)}" y="${ty}" font-size="${FONT}"${l.endAnchored ? ` text-anchor="end"` : ""} class="label">${esc(item.label)}</text>`,
    );
  });
  if (named.length > labelled.length) {
    labelBottom += 15;
    parts.push(
      `<text x="${LEFT}" y="${labelBottom}" font-size="${FONT}" fill="#455a64">${esc(`… and ${named.length - labelled.length} more blocks, unlabelled here: each has its row in ip-plan.md.`)}</text>`,
    );
    labelBottom += 4;
  }
  parts.push("</g>");
  return { parts, bottom: labelBottom };
}

function banner(list: readonly MapFinding[], y: number): string[] {
  const open = list.filter((f) => !f.acknowledged && f.ruleId !== "overlap");
  const errors = open.filter((f) => f.severity === Severity.ERROR).length;
  const warnings = open.length - errors;
  if (errors > 0) {
    const text = `Plan has ${plural(errors, "error")}${warnings ? ` and ${plural(warnings, "warning")}` : ""} — no Terraform was written`;
    return [
      `<g class="banner-errors" data-errors="${errors}" data-warnings="${warnings}">`,
      `<rect x="${LEFT}" y="${y}" width="${BAR_WIDTH}" height="28" rx="4" fill="${ERROR}"/>`,
      `<text x="${LEFT + 12}" y="${y + 19}" font-size="15" font-weight="bold" fill="#ffffff">${esc(`${text}. Fix the findings listed under the map.`)}</text>`,
      `</g>`,
    ];
  }
  if (warnings > 0) {
    return [
      `<g class="banner-warnings" data-warnings="${warnings}">`,
      `<rect x="${LEFT}" y="${y}" width="${BAR_WIDTH}" height="28" rx="4" fill="#fff8d6" stroke="${WARN}"/>`,
      `<text x="${LEFT + 12}" y="${y + 19}" font-size="14" font-weight="bold" fill="#4d3d00">${esc(`Plan has ${plural(warnings, "warning")}: see the findings under the map.`)}</text>`,
      `</g>`,
    ];
  }
  return [];
}

function findingsList(list: readonly MapFinding[], y: number): { parts: string[]; bottom: number } {
  if (list.length === 0) return { parts: [], bottom: y };
  const parts = [
    `<g class="findings">`,
    `<text x="${LEFT}" y="${y + 14}" font-size="14" font-weight="bold">Findings</text>`,
  ];
  let ly = y + 26;
  for (const f of list) {
    const tag = `${f.number} ${f.ruleId}`;
    const colour = f.severity === Severity.ERROR && !f.acknowledged ? ERROR : WARN;
    const indent = LEFT + textWidth(tag, FONT) + 18;
    const head = `${f.acknowledged ? "acknowledged warning" : f.severity === Severity.ERROR ? "error" : "warning"}${f.path ? ` ${f.path}` : ""}: ${f.message}`;
    parts.push(
      `<g class="finding" data-number="${f.number}" data-rule="${esc(f.ruleId)}">`,
      ...pill(LEFT, ly, tag, colour),
    );
    for (const line of wrap(head, Math.floor((WIDTH - LEFT - indent) / (FONT * 0.58)))) {
      parts.push(`<text x="${indent}" y="${ly + 12}" font-size="${FONT}">${esc(line)}</text>`);
      ly += 15;
    }
    parts.push(`</g>`);
    ly += 6;
  }
  parts.push(`</g>`);
  return { parts, bottom: ly };
}

function legend(y: number): { parts: string[]; bottom: number } {
  const parts = [`<g class="legend">`];
  let lx = LEFT;
  const entries: [string, string][] = [
    ...Object.values(COLOURS),
    [`url(#hatch-error)`, "conflict: error"],
    [`url(#hatch-warn)`, "conflict: warning (numbered: see Findings)"],
  ];
  for (const [colour, name] of entries) {
    const w = 24 + textWidth(name, FONT);
    if (lx + w > WIDTH - LEFT) {
      lx = LEFT;
      y += 18;
    }
    parts.push(
      `<rect x="${lx}" y="${y}" width="12" height="12" fill="${colour}" stroke="#607d8b" stroke-width="0.5"/>`,
      `<text x="${lx + 16}" y="${y + 10}" font-size="${FONT}">${esc(name)}</text>`,
    );
    lx += w + 8;
  }
  y += 30;
  parts.push(
    `<text x="${LEFT}" y="${y}" font-size="${FONT}" fill="#455a64">${esc(`To scale, except that every block is at least ${MIN_BLOCK} px wide. Overlapping blocks take separate lanes; hover a block for its owner.`)}</text>`,
    `</g>`,
  );
  return { parts, bottom: y };
}

const DEFS = [
  `<defs>`,
  ...[
    ["error", ERROR],
    ["warn", WARN],
  ].map(
    ([name, colour]) =>
      `<pattern id="hatch-${name}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="${colour}" stroke-width="1.5"/></pattern>`,
  ),
  `</defs>`,
];

/** Render the subnets as an SVG document, with the findings, servers and service CIDR of `overlays`. */
export function renderAddressMap(
  title: string,
  subnets: SubnetReport[],
  overlays: AddressMapOverlays = {},
): string {
  const list = numberFindings(overlays.findings ?? [], overlays.acknowledged ?? []);
  const servers: Placed[] = (overlays.servers ?? []).map((server) => {
    const a = parseAddress(server.address);
    return { server, address: a.ok ? a.value : undefined };
  });
  const bars = subnets.map((s) => subnetBar(s, servers, list));
  const service =
    overlays.serviceCidr !== undefined ? serviceBar(overlays.serviceCidr, subnets, servers, list) : undefined;
  if (service) bars.push(service);
  const parts = [
    `<text x="${LEFT}" y="26" font-size="18" font-weight="bold">${esc(`IP plan: ${title}`)}</text>`,
  ];
  const top = banner(list, 38);
  for (const x of top) parts.push(x);
  let y = top.length > 0 ? 80 : 44;
  for (const bar of bars) {
    const drawn = drawBar(bar, y, list);
    for (const x of drawn.parts) parts.push(x);
    y = drawn.bottom + 18;
  }
  const outside = servers.filter(
    (s) =>
      s.address === undefined ||
      !subnets.some((n) => s.address! >= n.cidr.first && s.address! <= n.cidr.last),
  );
  if (overlays.serviceCidr !== undefined && !service) {
    parts.push(
      `<text x="${LEFT}" y="${y}" font-size="${FONT}">${esc(overlays.serviceCidr === "(known at apply)" ? "Kubernetes service CIDR: known at apply, not drawn." : `Kubernetes service CIDR ${overlays.serviceCidr}: not a CIDR, not drawn.`)}</text>`,
    );
    y += 18;
  }
  if (outside.length > 0) {
    parts.push(
      `<g class="outside"><text x="${LEFT}" y="${y}" font-size="12" font-weight="bold">Outside every subnet of the plan</text>`,
    );
    for (const s of outside) {
      y += 15;
      const what =
        s.address === undefined
          ? "not an address: a host name, or known at apply"
          : "routed through a gateway";
      parts.push(
        `<text x="${LEFT + 12}" y="${y}" font-size="${FONT}" class="server" data-role="${s.server.role}">${esc(`${s.server.role.toUpperCase()} ${s.server.address} — ${s.server.owner} (${what})`)}</text>`,
      );
    }
    parts.push(`</g>`);
    y += 22;
  }
  const found = findingsList(list, y);
  for (const x of found.parts) parts.push(x);
  const keyed = legend(found.bottom + 12);
  for (const x of keyed.parts) parts.push(x);
  const height = keyed.bottom + 16;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    ...DEFS,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}

/** The servers and service CIDR a plan's report draws: the Supervisor's DNS and NTP, the appliance's nameservers. */
export function planOverlays(input: PlanReportInput): AddressMapOverlays {
  const sup = input.supervisor;
  const servers: AddressMapServer[] = [
    ...(sup?.management.services.dnsServers ?? []).map((address, i) => ({
      role: ServerRole.DNS,
      address,
      owner: "Supervisor DNS server (management)",
      path: `dnsServers[${i}]`,
    })),
    // The workload network's own DNS servers, where they differ from the management network's.
    ...(sup?.workload.services.dnsServers ?? [])
      .map((address, i) => ({
        role: ServerRole.DNS,
        address,
        owner: "Supervisor DNS server (workload network)",
        path: `workloadDnsServers[${i}]`,
      }))
      .filter((s) => !(sup?.management.services.dnsServers ?? []).includes(s.address)),
    ...(sup?.management.services.ntpServers ?? []).map((address, i) => ({
      role: ServerRole.NTP,
      address,
      owner: "Supervisor NTP server",
      path: `ntpServers[${i}]`,
    })),
    ...(input.haproxy?.props.nameservers ?? []).map((address, i) => ({
      role: ServerRole.DNS,
      address,
      owner: "HAProxy nameserver",
      path: `nameservers[${i}]`,
    })),
  ];
  return {
    findings: [...input.diagnostics],
    acknowledged: (input.acknowledged ?? []).map((a) => a.diagnostic),
    servers,
    // The value the wizard table lists (wizardValues): the given one, the Supervisor's, or vSphere's default.
    serviceCidr: input.serviceCidr ?? (sup ? supervisorServiceCidr(sup) : "10.96.0.0/23"),
  };
}

/** The Supervisor's service CIDR as text, "(known at apply)" when it is a Terraform expression. */
function supervisorServiceCidr(sup: SupervisorSettings): string {
  const { address, prefix } = sup.serviceCidr;
  return address.includes("${") || !Number.isFinite(prefix) ? "(known at apply)" : `${address}/${prefix}`;
}

/** The address map of a plan's report: its subnets, findings, servers and service CIDR. */
export function renderPlanAddressMap(input: PlanReportInput): string {
  return renderAddressMap(
    input.title,
    subnetReports(input.network, input.haproxy, input.loadBalancer),
    planOverlays(input),
  );
}
