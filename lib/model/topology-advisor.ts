/**
 * The seed page's three questions for choosing a topology (S-34), as a function. Pure.
 */
import { HaproxyMode } from "./plan";

/** The seed page's topologies (S-30 … S-33). */
export enum Topology {
  /** T1: one workload network for the Supervisor, clusters, HAProxy and clients; HAProxy 2 NICs (S-30). */
  T1_SINGLE_WORKLOAD_NETWORK = "T1",
  /** T2: a primary workload network and one separate, routed network for the clusters; 2 NICs (S-31). */
  T2_ISOLATED_WORKLOAD_NETWORK = "T2",
  /** T3: the primary workload network plus one port group per namespace; 2 NICs (S-32). */
  T3_MULTIPLE_WORKLOAD_NETWORKS = "T3",
  /** T4: HAProxy with 3 NICs, VIPs on a frontend network, multiple workload networks (S-33). */
  T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS = "T4",
}

/** The load balancer the advisor answers for a vSphere version. */
export enum AdvisedLoadBalancer {
  /** vSphere 7 and 8: the HAProxy appliance (or an existing HAProxy with Data Plane API 2.x). */
  HAPROXY = "haproxy",
  /**
   * vSphere 9: the vSphere Foundation Load Balancer, deployed by vCenter (the vSphere API 9.0.0.0 deprecates
   * the HAPROXY edge provider: "Use VSPHERE_FOUNDATION … instead").
   */
  VSPHERE_FOUNDATION = "vsphere-foundation",
}

/** The three questions of S-34, and the vSphere version. */
export interface TopologyQuestions {
  /** Must the Supervisor be isolated at layer 2 from the Tanzu Kubernetes clusters? */
  readonly isolateSupervisorFromClusters: boolean;
  /** Must the clusters be isolated at layer 2 from each other? */
  readonly isolateClustersFromEachOther: boolean;
  /** Must users and services be kept from routing directly to control-plane VMs and cluster nodes? */
  readonly keepClientsOffNodeNetworks: boolean;
  /**
   * The vSphere major version: 7, 8 or 9.
   * @default 8
   */
  readonly vsphereVersion?: number;
}

/** The advisor's answer. */
export interface TopologyAdvice {
  /** The topology to build. */
  readonly topology: Topology;
  /** The workload-network layout under it (T1, T2 or T3). */
  readonly workloadLayout: Topology;
  /** The appliance's mode. */
  readonly mode: HaproxyMode;
  /** The load balancer for that vSphere version. */
  readonly loadBalancer: AdvisedLoadBalancer;
  /** The page's reasoning, one sentence per question. */
  readonly reasons: string[];
}

/** The load balancer of a vSphere version and the sentence saying why. */
function loadBalancerFor(version: number): { loadBalancer: AdvisedLoadBalancer; reason: string } {
  return version >= 9
    ? {
        loadBalancer: AdvisedLoadBalancer.VSPHERE_FOUNDATION,
        reason:
          "vSphere 9: use the vSphere Foundation Load Balancer (FoundationLoadBalancer), which vCenter deploys; the vSphere API 9.0 deprecates the HAProxy load balancer. Its FRONTEND persona plays the role of the frontend network (a separate interface for the VIPs), its WORKLOAD persona that of the workload NIC.",
      }
    : {
        loadBalancer: AdvisedLoadBalancer.HAPROXY,
        reason: `vSphere ${version}: use HAProxy, the appliance (HaproxyLoadBalancer) or an existing HAProxy with Data Plane API 2.x (ExistingHaproxy).`,
      };
}

/** Answer the three questions of S-34 with a topology, a mode and the page's reasons. */
export function adviseTopology(q: TopologyQuestions): TopologyAdvice {
  const reasons: string[] = [];
  let workloadLayout: Topology;
  if (q.isolateClustersFromEachOther) {
    workloadLayout = Topology.T3_MULTIPLE_WORKLOAD_NETWORKS;
    reasons.push(
      "Clusters must be isolated from each other at layer 2: give every namespace its own port group (T3), which also separates them from the Supervisor.",
    );
  } else if (q.isolateSupervisorFromClusters) {
    workloadLayout = Topology.T2_ISOLATED_WORKLOAD_NETWORK;
    reasons.push(
      "The Supervisor must be isolated from the clusters but the clusters may share a network: a primary workload network plus one routed workload network for the clusters (T2).",
    );
  } else {
    workloadLayout = Topology.T1_SINGLE_WORKLOAD_NETWORK;
    reasons.push(
      "No layer-2 isolation is needed: one workload network serves the Supervisor, the clusters, HAProxy and clients (T1).",
    );
  }
  const lb = loadBalancerFor(q.vsphereVersion ?? 8);
  const foundation = lb.loadBalancer === AdvisedLoadBalancer.VSPHERE_FOUNDATION;
  if (q.keepClientsOffNodeNetworks) {
    reasons.push(
      foundation
        ? "Clients must not route to control-plane VMs and nodes: expose the VIPs on a frontend network only, through a load balancer interface with the FRONTEND persona on a port group of its own (T4; recommended for production)."
        : "Clients must not route to control-plane VMs and nodes: deploy HAProxy with 3 NICs and expose the VIPs on a frontend network only (T4, frontend mode; recommended for production).",
    );
    return {
      topology: Topology.T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS,
      workloadLayout,
      mode: HaproxyMode.FRONTEND,
      loadBalancer: lb.loadBalancer,
      reasons: q.vsphereVersion === undefined ? reasons : [...reasons, lb.reason],
    };
  }
  reasons.push(
    foundation
      ? "Clients may reach the workload network directly: one load balancer interface with the WORKLOAD and FRONTEND personas carries the VIPs on the workload network."
      : "Clients may reach the workload network directly: HAProxy with 2 NICs (default mode) carries the VIPs on the workload network.",
  );
  return {
    topology: workloadLayout,
    workloadLayout,
    mode: HaproxyMode.DEFAULT,
    loadBalancer: lb.loadBalancer,
    reasons: q.vsphereVersion === undefined ? reasons : [...reasons, lb.reason],
  };
}

/** The topology advisor as a static member, for every language of the construct library. */
export class TopologyAdvisor {
  /** Answer the three questions of S-34 with a topology, a mode and the page's reasons (`adviseTopology`). */
  public static advise(questions: TopologyQuestions): TopologyAdvice {
    return adviseTopology(questions);
  }

  private constructor() {}
}
