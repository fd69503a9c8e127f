/**
 * The cross-site check (`checkFleet`, FLT rules) at 10 and 100 sites × 10 namespace networks each: time and
 * heap growth, and how both grow with the sites. Ten sites share each vCenter and distributed switch, twenty a
 * routing domain. A clean fleet, and one where every site's last namespace network reuses the subnet of the
 * site before it on the switch (one FLT-03 finding per site, each fix re-checked).
 */
import { checkFleet, FleetSite, HaproxyMode, WorkloadNetworkProps } from "../lib";
import { measure } from "./workloads";

/** Site `i`: management 172.16.<i>.0/24, primary 10.<i>.0.0/24 (VIPs on its upper half), 10 namespace /24s. */
function site(i: number, collide: boolean): FleetSite {
  const vlan = (n: number) => 100 + (i % 10) * 20 + n;
  const pg = (j: number) => ({
    name: `s${i}-wl-${j}`,
    vlanId: vlan(j),
    cidr: `10.${i}.${j}.0/24`,
    gateway: `10.${i}.${j}.1`,
  });
  const namespaces: WorkloadNetworkProps[] = Array.from({ length: 10 }, (_, k) => {
    const j = k + 1;
    const own = collide && j === 10 && i % 10 > 0;
    const p = own ? { ...pg(j), cidr: `10.${i - 1}.${j}.0/24`, gateway: `10.${i - 1}.${j}.1` } : pg(j);
    const b = p.cidr.replace(/\.0\/24$/, "");
    return { name: `ns-${j}`, portGroup: p, addressRanges: [`${b}.10-${b}.60`] };
  });
  return {
    name: `site-${i}`,
    vcenter: `vc${Math.floor(i / 10)}.example.com`,
    distributedSwitch: "dvs-1",
    routingDomain: `dc${Math.floor(i / 20)}`,
    applianceName: `haproxy-${i}`,
    network: {
      managementNetwork: {
        name: `s${i}-mgmt`,
        vlanId: vlan(19),
        cidr: `172.16.${i}.0/24`,
        gateway: `172.16.${i}.1`,
      },
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: pg(0),
        addressRanges: [`10.${i}.0.31-10.${i}.0.40`],
      },
      workloadNetworks: namespaces,
      supervisorManagementStartIp: `172.16.${i}.20`,
    },
    haproxy: {
      mode: HaproxyMode.DEFAULT,
      virtualIpCidrs: [`10.${i}.0.128/25`],
      managementIp: `172.16.${i}.10`,
      workloadIp: `10.${i}.0.5`,
      nameservers: [`172.16.${i}.2`],
      dataplanePort: 5556,
      dataplaneUser: "admin",
    },
  };
}

/**
 * Print the table and the growth from 10 to 100 sites. The 10-site run fits the CPU caches and the JIT's first
 * shapes, so its per-site time is lower than at 100; linear growth shows as a flat per-site time from there on.
 */
export function fleetBench(print: (line: string) => void): void {
  print("sites | networks | findings | check ms (median of 5) | ms per site | heap growth MB");
  for (const collide of [false, true]) {
    const rows: { n: number; ms: number; heapMb: number }[] = [];
    for (const n of [10, 100]) {
      const sites = Array.from({ length: n }, (_, i) => site(i, collide));
      let findings = 0;
      const m = measure(() => {
        findings = checkFleet(sites).length;
      }, 5);
      rows.push({ n, ...m });
      print(
        `${String(n).padStart(5)} | ${String(n * 11).padStart(8)} | ${String(findings).padStart(8)} | ${m.ms.toFixed(1).padStart(22)} | ${(m.ms / n).toFixed(2).padStart(11)} | ${m.heapMb.toFixed(1).padStart(14)}`,
      );
    }
    const [a, b] = rows;
    print(
      `  ${collide ? "with collisions" : "clean"}: 10× the sites → ${(b.ms / a.ms).toFixed(1)}× the time, ${(b.heapMb / Math.max(a.heapMb, 0.01)).toFixed(1)}× the heap growth (quadratic would be 100×)`,
    );
  }
}

if (require.main === module) {
  fleetBench((l) => console.log(l));
}
