import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { ParsedFleetSite } from "../fleet-context";
import { planRule } from "../rule";

/** FLT-04: appliance VM names are unique per vCenter. */
export default planRule({
  id: "FLT-04",
  severity: Severity.ERROR,
  summary: "The HAProxy appliances of sites that share a vCenter have different VM names.",
  why: "The Workload Management wizard, the vSphere Client and the operators' runbooks find the appliance by its VM name; two appliances of one name in one vCenter are told apart only by their folder, and a deploy into a shared folder fails (vCenter refuses a second VM of one name in a folder).",
  example: {
    failing: '"lab-a" and "lab-b" both deploy "haproxy" in vCenter "vc01"',
    passing: '"haproxy-lab-b"',
  },
  fleet: (ctx, report) => {
    for (const sites of ctx.vcenters.values()) {
      const names = new Set(sites.map((s) => s.site.applianceName).filter((n) => typeof n === "string"));
      const first = new Map<string, ParsedFleetSite>();
      for (const s of sites) {
        const name = s.site.applianceName;
        if (typeof name !== "string") continue;
        const seen = first.get(name);
        if (!seen) {
          first.set(name, s);
          continue;
        }
        const candidates = [`${name}-${s.site.name}`, ...[2, 3, 4].map((n) => `${name}-${n}`)].filter(
          (c) => !names.has(c),
        );
        report(
          `${s.at}.applianceName`,
          `site ${quote(s.site.name)}: appliance VM name ${quote(name)} in vCenter ${quote(s.site.vcenter)} is already site ${quote(seen.site.name)}'s appliance (${seen.at}.applianceName). Give it a name of its own, e.g. ${quote(candidates[0])}.`,
          candidates.slice(1),
        );
      }
    }
  },
});
