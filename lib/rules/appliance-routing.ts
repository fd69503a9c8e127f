/**
 * Which of the appliance's NICs answers a VIP: the facts VIP-05 and VIP-08 share. Not a rule unit (the
 * catalogue loads files named by rule id only).
 *
 * The appliance (haproxytech/vmware-haproxy v0.2.0) policy-routes replies by source: the workload and frontend
 * NICs get a route table each with `ip rule add from <NIC ip/prefix>` (`routetablectl.sh` line 200, tables
 * written by `ovf-to-cloud-init.sh` lines 352-359); replies from any other source follow the main table, whose
 * default route is the management gateway (`ovf-to-cloud-init.sh` line 228).
 */
import { Cidr } from "../model/ip";
import { HaproxyContext } from "./context";

/** One NIC of the appliance and the subnet of its port group. */
export interface NicSubnet {
  readonly nic: "management" | "workload" | "frontend";
  readonly portGroup: string;
  /** Undefined when malformed or not known until apply. */
  readonly cidr?: Cidr;
  readonly gateway?: number;
}

/** The appliance's NICs in OVF order, each with its port group's subnet (frontend in frontend mode only). */
export function applianceSubnets(ctx: HaproxyContext): NicSubnet[] {
  const out: NicSubnet[] = [];
  const add = (nic: NicSubnet["nic"], pg: HaproxyContext["managementPg"]) => {
    if (pg) out.push({ nic, portGroup: pg.name, cidr: pg.cidr, gateway: pg.gateway });
  };
  add("management", ctx.managementPg);
  add("workload", ctx.workloadPg);
  if (ctx.frontendMode) add("frontend", ctx.frontendPg);
  return out;
}

/** The NIC the mode serves VIPs from: workload in default mode (S-20), frontend in frontend mode (S-21). */
export function servingNic(ctx: HaproxyContext): NicSubnet | undefined {
  return applianceSubnets(ctx).find((s) => s.nic === (ctx.frontendMode ? "frontend" : "workload"));
}
