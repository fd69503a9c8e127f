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

/** The three questions of S-34. */
export interface TopologyQuestions {
  /** Must the Supervisor be isolated at layer 2 from the Tanzu Kubernetes clusters? */
  readonly isolateSupervisorFromClusters: boolean;
  /** Must the clusters be isolated at layer 2 from each other? */
  readonly isolateClustersFromEachOther: boolean;
  /** Must users and services be kept from routing directly to control-plane VMs and cluster nodes? */
  readonly keepClientsOffNodeNetworks: boolean;
}

/** The advisor's answer. */
export interface TopologyAdvice {
  /** The topology to build. */
  readonly topology: Topology;
  /** The workload-network layout under it (T1, T2 or T3). */
  readonly workloadLayout: Topology;
  /** The appliance's mode. */
  readonly mode: HaproxyMode;
  /** The page's reasoning, one sentence per question. */
  readonly reasons: string[];
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
  if (q.keepClientsOffNodeNetworks) {
    reasons.push(
      "Clients must not route to control-plane VMs and nodes: deploy HAProxy with 3 NICs and expose the VIPs on a frontend network only (T4, frontend mode; recommended for production).",
    );
    return {
      topology: Topology.T4_FRONTEND_MULTIPLE_WORKLOAD_NETWORKS,
      workloadLayout,
      mode: HaproxyMode.FRONTEND,
      reasons,
    };
  }
  reasons.push(
    "Clients may reach the workload network directly: HAProxy with 2 NICs (default mode) carries the VIPs on the workload network.",
  );
  return { topology: workloadLayout, workloadLayout, mode: HaproxyMode.DEFAULT, reasons };
}

/** The topology advisor as a static member, for every language of the construct library. */
export class TopologyAdvisor {
  /** Answer the three questions of S-34 with a topology, a mode and the page's reasons (`adviseTopology`). */
  public static advise(questions: TopologyQuestions): TopologyAdvice {
    return adviseTopology(questions);
  }

  private constructor() {}
}
