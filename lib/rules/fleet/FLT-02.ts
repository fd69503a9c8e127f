import { Severity } from "../../model/diagnostics";
import { formatCidr, quote } from "../../model/ip";
import { FleetPortGroup, portGroupPath, switchWords } from "../fleet-context";
import { planRule } from "../rule";

const isVlan = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 4094;

/** The VLAN ids 1-4094 nearest above `vlan` (wrapping) that no port group of the switch uses. */
function freeVlan(vlan: number, used: ReadonlySet<number>): number | undefined {
  for (let k = 1; k < 4094; k++) {
    const v = ((vlan - 1 + k) % 4094) + 1;
    if (!used.has(v)) return v;
  }
  return undefined;
}

/** FLT-02: on one distributed switch, a VLAN id carries one subnet across sites. */
export default planRule({
  id: "FLT-02",
  severity: Severity.ERROR,
  summary:
    "Sites that share a vCenter and a distributed switch do not use one VLAN id (1–4094) for different subnets.",
  why: "A VLAN id on a switch is one layer-2 segment: two sites' subnets on it share broadcasts, ARP and DHCP, and the HAProxy appliance of one answers ARP for VIPs the other site's routers see (vSphere networking: a port group's VLAN id selects the segment on the uplinks).",
  example: {
    failing: '"lab-a" 192.168.120.0/24 and "lab-b" 192.168.220.0/24 both on VLAN 120 of "dvs-1"',
    passing: '"lab-b" on VLAN 220',
  },
  fleet: (ctx, report) => {
    for (const pgs of ctx.switches.values()) {
      const used = new Set(pgs.map((p) => p.portGroup.props.vlanId).filter(isVlan));
      const first = new Map<number, FleetPortGroup>();
      for (const pg of pgs) {
        const vlan = pg.portGroup.props.vlanId;
        const cidr = pg.portGroup.cidr;
        if (!isVlan(vlan) || !cidr) continue;
        const seen = first.get(vlan);
        if (!seen) {
          first.set(vlan, pg);
          continue;
        }
        const other = seen.portGroup.cidr!;
        if (seen.site === pg.site || (other.first === cidr.first && other.prefix === cidr.prefix)) continue;
        const free = freeVlan(vlan, used);
        report(
          `${portGroupPath(pg)}.vlanId`,
          `site ${quote(pg.site.site.name)}: VLAN ${vlan} of port group ${quote(pg.portGroup.name)} (${formatCidr(cidr)}) on ${switchWords(pg.site.site)} is already VLAN ${vlan} of site ${quote(seen.site.site.name)}'s port group ${quote(seen.portGroup.name)} (${formatCidr(other)}, ${portGroupPath(seen)}). One VLAN is one layer-2 segment: two subnets on it see each other's broadcasts and ARP. ${free === undefined ? "Use another switch." : `Use a VLAN no site uses on the switch, e.g. VLAN ${free} (trunked to the hosts' uplinks), or, when it is the same segment, the same subnet.`}`,
        );
      }
    }
  },
});
