/**
 * What a fix must keep clear of: every address the whole plan (network, appliance and Supervisor) gives to
 * something, and addresses that are no host's. Pure: no constructs. Proposals take their candidates from what is
 * free here; each is still applied to the plan and checked again before a message offers it (`suggestions.ts`).
 */
import { Cidr, containsAddress, gaps, Interval, parseAddress, parseCidr, union } from "../model/ip";

import { HaproxyPlanProps, NetworkPlan, SupervisorPlanProps } from "../model/plan";

/** The address of a text when it is one. */
function addressOf(value: unknown): number | undefined {
  const r = typeof value === "string" ? parseAddress(value) : undefined;
  return r?.ok ? r.value : undefined;
}

/** The whole plan, as far as it is known: the parsed network, the appliance's and the Supervisor's props. */
export interface WholePlan {
  readonly network: NetworkPlan;
  readonly haproxy?: HaproxyPlanProps;
  readonly supervisor?: SupervisorPlanProps;
  /** Leave the Supervisor's management block out (to find it a new start). */
  readonly withoutManagementBlock?: boolean;
}

/**
 * Every address the plan gives to something, merged: each port group's network, broadcast and gateway
 * addresses, the workload ranges, the Supervisor's management block, the appliance's NICs, nameservers and VIP
 * CIDRs, and the Supervisor's DNS and NTP servers given as addresses.
 */
export function occupiedAddresses(plan: WholePlan): Interval[] {
  const out: Interval[] = [];
  const point = (a: number | undefined) => {
    if (a !== undefined) out.push({ first: a, last: a });
  };
  for (const pg of plan.network.portGroups) {
    if (pg.cidr) {
      point(pg.cidr.first);
      point(pg.cidr.last);
    }
    point(pg.gateway);
  }
  for (const wn of plan.network.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval) out.push(r.interval);
    }
  }
  if (plan.network.managementBlock && !plan.withoutManagementBlock) {
    out.push(plan.network.managementBlock);
  }
  const h = plan.haproxy;
  if (h) {
    [h.managementIp, h.workloadIp, h.frontendIp].forEach((v) => point(addressOf(v)));
    (Array.isArray(h.nameservers) ? h.nameservers : []).forEach((v) => point(addressOf(v)));
    for (const v of Array.isArray(h.virtualIpCidrs) ? h.virtualIpCidrs : []) {
      const c = typeof v === "string" ? parseCidr(v) : undefined;
      if (c?.ok) out.push(c.value);
    }
  }
  const s = plan.supervisor;
  if (s) {
    for (const list of [s.dnsServers, s.workloadDnsServers, s.ntpServers]) {
      (Array.isArray(list) ? list : []).forEach((v) => point(addressOf(v)));
    }
  }
  return union(out);
}

/**
 * Free host addresses of `cidr`, clear of `taken`: `near` itself and its nearest free neighbours first when
 * given, then the lowest free ones, `count` in all.
 */
export function freeHostAddresses(
  cidr: Cidr,
  taken: readonly Interval[],
  count = 4,
  near?: number,
): number[] {
  const free = gaps({ first: cidr.first + 1, last: cidr.last - 1 }, taken);
  const isFree = (a: number) => free.some((g) => containsAddress(g, a));
  const out: number[] = [];
  if (near !== undefined) {
    for (let d = 0; d < 64 && out.length < 2; d++) {
      for (const a of [near - d, near + d]) {
        if (isFree(a) && !out.includes(a)) out.push(a);
      }
    }
  }
  for (const g of free) {
    for (let a = g.first; a <= g.last && out.length < count; a++) {
      if (!out.includes(a)) out.push(a);
    }
  }
  return out.slice(0, count);
}

/** The first start of `length` consecutive free host addresses of `cidr`, clear of `taken`, or undefined. */
export function freeRun(cidr: Cidr, taken: readonly Interval[], length: number): number | undefined {
  const g = gaps({ first: cidr.first + 1, last: cidr.last - 1 }, taken).find(
    (x) => x.last - x.first + 1 >= length,
  );
  return g?.first;
}

/**
 * Starts of `length` consecutive free host addresses of `cidr`, clear of `taken`, nearest `near` first: in each
 * free stretch the start closest to `near`, then its neighbours a block's length away; `count` in all.
 */
export function freeBlockStarts(
  cidr: Cidr,
  taken: readonly Interval[],
  length: number,
  near: number,
  count = 6,
): number[] {
  const starts: number[] = [];
  for (const g of gaps({ first: cidr.first + 1, last: cidr.last - 1 }, taken)) {
    const lastStart = g.last - length + 1;
    if (lastStart < g.first) continue;
    const c = Math.min(Math.max(near, g.first), lastStart);
    for (let k = 0; k <= 3; k++) {
      for (const s of [c + k * length, c - k * length]) {
        if (s >= g.first && s <= lastStart && !starts.includes(s)) starts.push(s);
      }
    }
  }
  return starts.sort((a, b) => Math.abs(a - near) - Math.abs(b - near) || a - b).slice(0, count);
}
