/**
 * The load-balancer address ranges handed to the Supervisor, derived from the appliance's VIP blocks.
 * Pure: no constructs.
 *
 * The appliance takes every address of its VIP CIDRs (haproxytech/vmware-haproxy v0.2.0,
 * `ovf-to-cloud-init.sh` `writeAnyipConfig` → anyip routes), but a port group's network and broadcast addresses
 * cannot serve a Service: the ranges given to the Supervisor leave them out (VIP-06). They stay inside the VIP
 * CIDRs, as HAProxy needs.
 */
import { Cidr, containsAddress, gaps, Interval } from "./ip";
import { NetworkPlan } from "./plan";

/** A network or broadcast address of a port group that lies inside a VIP block. */
export interface ReservedInBlock {
  readonly address: number;
  /** `network address` or `broadcast address`. */
  readonly name: string;
  readonly portGroup: string;
  readonly cidr: Cidr;
}

/** The network and broadcast addresses of the plan's subnets that lie inside the block. */
export function reservedAddressesIn(network: NetworkPlan, block: Interval): ReservedInBlock[] {
  const out: ReservedInBlock[] = [];
  for (const pg of network.portGroups) {
    const cidr = pg.cidr;
    if (!cidr || cidr.prefix > 30) {
      continue;
    }
    for (const [address, name] of [
      [cidr.first, "network address"],
      [cidr.last, "broadcast address"],
    ] as const) {
      if (containsAddress(block, address)) {
        out.push({ address, name, portGroup: pg.name, cidr });
      }
    }
  }
  return out;
}

/** One VIP block's addresses that the Supervisor may hand out: the block less its subnets' reserved addresses. */
export function loadBalancerRangesOf(network: NetworkPlan, block: Interval): Interval[] {
  const reserved = reservedAddressesIn(network, block).map((r) => ({ first: r.address, last: r.address }));
  return reserved.length === 0 ? [{ first: block.first, last: block.last }] : gaps(block, reserved);
}

/** Every VIP block's load-balancer ranges, in block order. */
export function loadBalancerRanges(network: NetworkPlan, blocks: readonly Interval[]): Interval[] {
  return blocks.flatMap((b) => loadBalancerRangesOf(network, b));
}
