/**
 * The address map: each subnet drawn as a bar, its blocks coloured by owner, with a legend. Pure.
 */
import { formatAddress, formatCidr, formatRange, size } from "../model/ip";
import { AllocationKind, SubnetReport } from "./plan-report";

const COLOURS: Record<AllocationKind, [string, string]> = {
  [AllocationKind.RESERVED]: ["#9e9e9e", "network / broadcast"],
  [AllocationKind.GATEWAY]: ["#d32f2f", "gateway"],
  [AllocationKind.SUPERVISOR]: ["#1976d2", "primary workload range (Supervisor + nodes)"],
  [AllocationKind.NODES]: ["#388e3c", "cluster node range"],
  [AllocationKind.HAPROXY]: ["#7b1fa2", "HAProxy NIC"],
  [AllocationKind.VIP]: ["#f57c00", "HAProxy VIPs"],
  [AllocationKind.MANAGEMENT_BLOCK]: ["#00838f", "Supervisor management block"],
};

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Render the subnets as an SVG document. */
export function renderAddressMap(title: string, subnets: readonly SubnetReport[]): string {
  const width = 960;
  const left = 20;
  const barWidth = width - 2 * left;
  const maxLabels = 8;
  const parts: string[] = [];
  let y = 40;
  parts.push(`<text x="${left}" y="26" font-size="18" font-weight="bold">${esc(`IP plan: ${title}`)}</text>`);
  for (const s of subnets) {
    const total = size(s.cidr);
    const x = (addr: number) => left + ((addr - s.cidr.first) / total) * barWidth;
    parts.push(
      `<g class="subnet" data-port-group="${esc(s.portGroup)}" data-cidr="${formatCidr(s.cidr)}">`,
      `<text x="${left}" y="${y + 14}" font-size="14" font-weight="bold">${esc(`${s.portGroup} — ${formatCidr(s.cidr)}`)}</text>`,
      `<text x="${width - left}" y="${y + 14}" font-size="12" text-anchor="end">${esc(`${s.roles.join(", ")} · VLAN ${s.vlanId ?? "–"} · ${total} addresses`)}</text>`,
      `<rect x="${left}" y="${y + 22}" width="${barWidth}" height="26" fill="#eceff1" stroke="#607d8b"/>`,
    );
    for (const a of s.allocations) {
      const x0 = x(a.first);
      const w = Math.max(3, x(a.last + 1) - x0);
      const range = a.first === a.last ? formatAddress(a.first) : formatRange(a);
      parts.push(
        `<rect x="${x0.toFixed(2)}" y="${y + 22}" width="${w.toFixed(2)}" height="26" fill="${COLOURS[a.kind][0]}"><title>${esc(`${range} (${size(a)}): ${a.owner}`)}</title></rect>`,
      );
    }
    parts.push(
      `<text x="${left}" y="${y + 62}" font-size="11">${formatAddress(s.cidr.first)}</text>`,
      `<text x="${width - left}" y="${y + 62}" font-size="11" text-anchor="end">${formatAddress(s.cidr.last)}</text>`,
    );
    let ly = y + 78;
    const labelled = s.allocations.filter((a) => a.kind !== AllocationKind.RESERVED);
    for (const a of labelled.slice(0, maxLabels)) {
      const range = a.first === a.last ? formatAddress(a.first) : formatRange(a);
      parts.push(
        `<rect x="${left}" y="${ly - 9}" width="10" height="10" fill="${COLOURS[a.kind][0]}"/>`,
        `<text x="${left + 16}" y="${ly}" font-size="11">${esc(`${range} — ${a.owner}`)}</text>`,
      );
      ly += 15;
    }
    if (labelled.length > maxLabels) {
      parts.push(
        `<text x="${left + 16}" y="${ly}" font-size="11">${esc(`… and ${labelled.length - maxLabels} more blocks`)}</text>`,
      );
      ly += 15;
    }
    parts.push("</g>");
    y = ly + 12;
  }
  parts.push(`<g class="legend">`);
  let lx = left;
  for (const [colour, name] of Object.values(COLOURS)) {
    parts.push(
      `<rect x="${lx}" y="${y}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${lx + 16}" y="${y + 10}" font-size="11">${esc(name)}</text>`,
    );
    lx += 24 + name.length * 6;
    if (lx > width - 200) {
      lx = left;
      y += 18;
    }
  }
  parts.push("</g>");
  const height = y + 30;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}
