/**
 * The Supervisor of a site, in its own stack: `vsphere_supervisor_v2` needs vsphere provider 2.16.1, and the
 * appliance's stack is pinned to 2.5.1 (one Terraform configuration holds one version of a provider). It takes
 * the networks' and the appliance's values by cdktf cross-stack references, so `cdktf deploy` applies the
 * site's stack first. On a site without the appliance it takes the site file's `supervisor.loadBalancer`, and
 * on `supervisor.zones` it is enabled on three vSphere Zones instead of `vsphere.cluster`.
 */
import { DataVsphereComputeCluster } from "@cdktf/provider-vsphere/lib/data-vsphere-compute-cluster";
import { DataVsphereDatacenter } from "@cdktf/provider-vsphere/lib/data-vsphere-datacenter";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { stateBackendOf } from "./site-backend";
import {
  ControlPlaneSize,
  Supervisor,
  SupervisorEnablement,
  SupervisorProps,
  SupervisorProtection,
} from "../constructs/supervisor";
import { SupervisorConfig } from "./site-config";
import { existingHaproxy, foundationLoadBalancer } from "./site-load-balancer";
import { TopologyStack, vsphereProviderFromEnvironment } from "./topology-stack";

/** The Supervisor's props from the site file, given the stack it lives in. */
export function supervisorProps(
  scope: Construct,
  site: TopologyStack,
  cfg: SupervisorConfig,
): SupervisorProps {
  const v = site.config.vsphere;
  const datacenter = new DataVsphereDatacenter(scope, "datacenter", { name: v.datacenter });
  // On three vSphere Zones (by name, `zones` of vsphere_supervisor_v2) or on the site's cluster.
  const cluster =
    cfg.zones === undefined
      ? new DataVsphereComputeCluster(scope, "cluster", { name: v.cluster!, datacenterId: datacenter.id })
      : undefined;
  const policy = new DataVsphereStoragePolicy(scope, "storage-policy", { name: cfg.storagePolicy });
  const lb = cfg.loadBalancer;
  return {
    network: site.network,
    // The appliance of the site's stack, or the load balancer the site file gives instead.
    ...(site.haproxy
      ? { haproxy: site.haproxy }
      : {
          loadBalancer:
            lb?.type === "existing-haproxy"
              ? existingHaproxy(scope, site, lb)
              : foundationLoadBalancer(scope, site, lb!),
        }),
    ...(cluster ? { clusterId: cluster.id } : { zones: cfg.zones }),
    name: cfg.name,
    storagePolicyId: policy.id,
    controlPlaneSize: cfg.controlPlaneSize as ControlPlaneSize | undefined,
    controlPlaneCount: cfg.controlPlaneCount,
    dnsServers: cfg.dnsServers,
    workloadDnsServers: cfg.workloadDnsServers,
    dnsSearchDomains: cfg.dnsSearchDomains,
    ntpServers: cfg.ntpServers,
    serviceCidr: cfg.serviceCidr,
    apiServerDnsNames: cfg.apiServerDnsNames ?? [],
    enablement:
      cfg.enablement === "request-body"
        ? SupervisorEnablement.REQUEST_BODY_ONLY
        : SupervisorEnablement.TERRAFORM,
    protection:
      cfg.protection === "allow"
        ? SupervisorProtection.ALLOW_REPLACEMENT_AND_DESTROY
        : SupervisorProtection.PREVENT_DESTROY_AND_REPLACEMENT,
  };
}

/** A site's Supervisor stack, `<stackName>-supervisor`. */
export class SupervisorStack extends TerraformStack {
  public readonly supervisor: Supervisor;

  constructor(
    scope: Construct,
    site: TopologyStack,
    cfg: SupervisorConfig,
    overrides: Partial<SupervisorProps> = {},
  ) {
    super(scope, `${site.config.stackName}-supervisor`);
    // The site's store: the Supervisor reads the appliance's outputs from it (cdktf builds the reader's
    // terraform_remote_state from the producer's backend, cdktf 0.21 lib/terraform-stack.ts).
    stateBackendOf(site.config.backend).applyTo(this);
    vsphereProviderFromEnvironment(this, site.config.vsphere.server);
    this.supervisor = new Supervisor(this, "supervisor", {
      ...supervisorProps(this, site, cfg),
      ...overrides,
    });
  }
}
