import { Severity } from "../../model/diagnostics";
import { contains, formatCidr, quote } from "../../model/ip";
import { FoundationPersona } from "../../model/plan";
import { planRule } from "../rule";

/** VFL-05: the VIPs lie in the subnet of the FRONTEND interface's port group. */
export default planRule({
  id: "VFL-05",
  severity: Severity.WARN,
  summary:
    "Every VIP CIDR of the Foundation Load Balancer lies inside the subnet of the port group of its interface with the FRONTEND persona.",
  why: 'The vSphere API (9.0.0.0, `Vcenter NamespaceManagement Networks Edges Foundation Persona`): "A Frontend Persona is used to host load balancer IP addresses. It allows external traffic to reach the load balancer addresses". Addresses hosted on an interface outside its subnet are reached only through a static route a router must be given for them; inside the subnet, clients reach them as any other address of that network.',
  example: {
    failing: 'VIPs "192.168.130.64/26" with the FRONTEND interface on "wl-120" (192.168.120.0/24)',
    passing: '"192.168.120.128/26"',
  },
  foundation: (ctx, report) => {
    const frontend = ctx.interfaces.filter((i) => i.personas.includes(FoundationPersona.FRONTEND));
    const cidr = frontend.length === 1 ? frontend[0].portGroup?.cidr : undefined;
    if (!cidr) {
      return; // no or several FRONTEND interfaces: VFL-01; an unknown port group: VFL-02
    }
    for (const v of ctx.virtualIps) {
      if (!contains(cidr, v.cidr)) {
        report(
          v.path,
          `VIP CIDR ${quote(formatCidr(v.cidr))} lies outside the subnet ${quote(formatCidr(cidr))} of port group ${quote(frontend[0].portGroup!.name)}, where the FRONTEND interface hosts the VIPs: clients reach them only through a static route. Take the VIPs from that subnet, or put the FRONTEND persona on an interface whose port group holds them.`,
        );
      }
    }
  },
});
