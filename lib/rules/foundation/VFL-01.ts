import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { FoundationPersona } from "../../model/plan";
import { planRule } from "../rule";

const PERSONAS = Object.values(FoundationPersona) as string[];

/** VFL-01: every persona on exactly one interface; every interface has distinct, known personas. */
export default planRule({
  id: "VFL-01",
  severity: Severity.ERROR,
  summary:
    "Every interface of the Foundation Load Balancer has at least one persona, each MANAGEMENT, WORKLOAD or FRONTEND and none twice, and each of the three personas is on exactly one interface.",
  why: 'The vSphere API (9.0.0.0, `Vcenter NamespaceManagement Networks Edges Foundation NetworkInterface`): "An interface must have at least one persona and may have additional distinct personas"; the personas are MANAGEMENT (health checks, syslog, control plane), WORKLOAD ("must be able to reach node IP addresses on Supervisor workload networks") and FRONTEND ("used to host load balancer IP addresses"), and vsphere provider 2.16.1 accepts only those three values (`vsphere/resource_vsphere_supervisor_v2.go` lines 617-624, `StringInSlice`). A load balancer without one of them cannot be managed, reach the nodes, or serve its VIPs; a persona on two interfaces leaves the load balancer to choose between two networks.',
  example: {
    failing: 'interfaces [{ personas ["MANAGEMENT"] }, { personas ["WORKLOAD"] }] (no FRONTEND)',
    passing: 'interfaces [{ personas ["MANAGEMENT"] }, { personas ["WORKLOAD", "FRONTEND"] }]',
  },
  foundation: (ctx, report) => {
    const holders = new Map<string, number[]>(PERSONAS.map((p) => [p, []]));
    for (const itf of ctx.interfaces) {
      const path = `${itf.path}.personas`;
      if (!ctx.known(itf.personas, path)) {
        return;
      }
      if (itf.personas.length === 0) {
        report(
          path,
          `interface ${itf.index} has no persona: an interface carries at least one of ${PERSONAS.join(", ")}.`,
        );
      }
      const seen = new Set<unknown>();
      itf.personas.forEach((p, i) => {
        if (typeof p !== "string" || !PERSONAS.includes(p)) {
          report(`${path}[${i}]`, `${quote(p)} is not a persona: give one of ${PERSONAS.join(", ")}.`);
        } else if (seen.has(p)) {
          report(`${path}[${i}]`, `persona ${p} is given twice on interface ${itf.index}: give it once.`);
        } else {
          holders.get(p)!.push(itf.index);
        }
        seen.add(p);
      });
    }
    if (ctx.interfaces.length === 0) {
      report(
        "interfaces",
        `the load balancer has no interface: give one for each of ${PERSONAS.join(", ")} (or one interface with all three).`,
      );
      return;
    }
    for (const [persona, on] of holders) {
      if (on.length === 1) {
        continue;
      }
      if (on.length === 0) {
        // The natural home: the interface on the frontend network for FRONTEND, the workload interface otherwise.
        const target =
          persona === FoundationPersona.FRONTEND
            ? (ctx.interfaces.find((i) => i.portGroup?.roles.includes("frontend")) ??
              ctx.interfaces.find((i) => holders.get(FoundationPersona.WORKLOAD)!.includes(i.index)))
            : undefined;
        const where = target
          ? ` add it to interface ${target.index} (port group ${quote(target.portGroupName)})`
          : " add it to one interface";
        report("interfaces", `no interface has the ${persona} persona:${where}.`);
      } else {
        report(
          `interfaces[${on[1]}].personas`,
          `the ${persona} persona is on interfaces ${on.join(", ")}: keep it on interface ${on[0]} only.`,
        );
      }
    }
  },
});
