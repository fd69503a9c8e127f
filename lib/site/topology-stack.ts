/**
 * One site as a stack: vSphere objects looked up by name, the Supervisor's port groups and, when the site has it,
 * the HAProxy appliance, from a site configuration file. Credentials come from the environment only. A site on
 * another load balancer (`supervisor.loadBalancer`) gets it beside its Supervisor (`./site-load-balancer`).
 */
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { DataVsphereComputeCluster } from "@cdktf/provider-vsphere/lib/data-vsphere-compute-cluster";
import { DataVsphereDatacenter } from "@cdktf/provider-vsphere/lib/data-vsphere-datacenter";
import { DataVsphereDatastore } from "@cdktf/provider-vsphere/lib/data-vsphere-datastore";
import { DataVsphereDistributedVirtualSwitch } from "@cdktf/provider-vsphere/lib/data-vsphere-distributed-virtual-switch";
import { DataVsphereHost } from "@cdktf/provider-vsphere/lib/data-vsphere-host";
import { DataVsphereNetwork } from "@cdktf/provider-vsphere/lib/data-vsphere-network";
import { VsphereProvider, VsphereProviderConfig } from "@cdktf/provider-vsphere/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HaproxyLoadBalancer } from "../constructs/haproxy-load-balancer";
import { pinVsphereProvider } from "../constructs/provider-pin";
import { Supervisor } from "../constructs/supervisor";
import { HaproxyMode, PortGroupProps } from "../model/plan";
import { HaproxyOva } from "../constructs/haproxy-sources";
import { PlanAcknowledgements } from "../constructs/acknowledgements";
import { PlanReportInput } from "../report/plan-report";
import { SupervisorWorkloadNetwork } from "../constructs/supervisor-workload-network";
import { planReportFiles, reportedNetwork, reportInputOf } from "../constructs/plan-report-synthesizer";
import { OvaConfig, PortGroupConfig, SiteConfig, siteNetworks, siteRulesOf } from "./site-config";
import { stateBackendOf } from "./site-backend";
import { HaproxyConfig } from "./site-schema";

/**
 * The vsphere provider configured from VSPHERE_SERVER / VSPHERE_USER / VSPHERE_PASSWORD (and
 * VSPHERE_ALLOW_UNVERIFIED_SSL): no credential is ever written out. With the site file's `vsphere.server`, the
 * block names the vCenter (`vsphere_server`, not a secret); without it, the provider reads VSPHERE_SERVER
 * (vmware/terraform-provider-vsphere v2.5.1 vsphere/provider.go 36-41, v2.16.1 37-42).
 */
export function vsphereProviderFromEnvironment(scope: Construct, server?: string): VsphereProvider {
  const config = server !== undefined ? { vsphereServer: server } : {};
  return new VsphereProvider(scope, "vsphere", config as VsphereProviderConfig);
}

/** The appliance's OVA from the site file's `haproxy.ova`; by default the construct's (HAProxy's CDN). */
function ovaOf(ova: OvaConfig | undefined): HaproxyOva | undefined {
  if (ova?.url !== undefined) return HaproxyOva.fromUrl(ova.url, ova.version);
  if (ova?.localPath !== undefined) return HaproxyOva.fromLocalPath(ova.localPath, ova.version);
  return ova?.version !== undefined ? HaproxyOva.fromRelease(ova.version) : undefined;
}

/** A site's stack. */
export class TopologyStack extends TerraformStack {
  public readonly network: SupervisorWorkloadNetwork;
  /** The HAProxy appliance, when the site has one (`haproxy`); none with `supervisor.loadBalancer`. */
  public readonly haproxy?: HaproxyLoadBalancer;
  public readonly config: SiteConfig;

  constructor(scope: Construct, config: SiteConfig) {
    super(scope, config.stackName);
    this.config = config;
    stateBackendOf(config.backend).applyTo(this);
    vsphereProviderFromEnvironment(this, config.vsphere.server);
    const h = config.haproxy;
    if (h) {
      // The appliance's CA and keys, and its passwords.
      new TlsProvider(this, "tls", {});
      new RandomProvider(this, "random", {});
    }
    if (h?.healthCheck) {
      new HttpProvider(this, "http", {}); // the health check's data source
    }
    // The site file's acknowledgements cover every plan construct of the stack.
    PlanAcknowledgements.add(
      this,
      (config.acknowledge ?? []).map((a) => ({ ruleId: a.rule, reason: a.reason })),
    );

    const v = config.vsphere;
    const datacenter = new DataVsphereDatacenter(this, "datacenter", { name: v.datacenter });
    // The appliance's resource pool, datastore and host: looked up only for a site with the appliance.
    const cluster = h
      ? new DataVsphereComputeCluster(this, "cluster", { name: v.cluster!, datacenterId: datacenter.id })
      : undefined;
    const datastore = h
      ? new DataVsphereDatastore(this, "datastore", { name: v.datastore!, datacenterId: datacenter.id })
      : undefined;
    const dvs = new DataVsphereDistributedVirtualSwitch(this, "distributed-switch", {
      name: v.distributedSwitch,
      datacenterId: datacenter.id,
    });
    const host = h
      ? new DataVsphereHost(this, "host", { name: v.host!, datacenterId: datacenter.id })
      : undefined;

    this.network = this.workloadNetwork(datacenter, dvs);
    if (h && cluster && datastore && host) {
      this.haproxy = this.appliance(h, datacenter, cluster, datastore, host);
    } else {
      // No appliance pins the stack to 2.5.1: its port groups take the Supervisor's release, so one provider
      // release serves both of the site's stacks (the binding's own default would be another).
      pinVsphereProvider(this, Supervisor.PROVIDER_VERSION, "the site's port groups (no appliance)");
    }
  }

  /** The port groups (created or looked up) and the Supervisor's networks on them. */
  private workloadNetwork(
    datacenter: DataVsphereDatacenter,
    dvs: DataVsphereDistributedVirtualSwitch,
  ): SupervisorWorkloadNetwork {
    const config = this.config;
    const existing = new Map<string, string>();
    const portGroup = (pg: PortGroupConfig): PortGroupProps => {
      if (!pg.existing) {
        return { name: pg.name, vlanId: pg.vlanId, cidr: pg.cidr, gateway: pg.gateway };
      }
      let id = existing.get(pg.name);
      if (id === undefined) {
        id = new DataVsphereNetwork(this, `existing-network-${existing.size}`, {
          name: pg.name,
          datacenterId: datacenter.id,
        }).id;
        existing.set(pg.name, id);
      }
      // A vlanId beside "existing": true goes to the construct, whose NET-06 refuses it as from TypeScript.
      return { name: pg.name, vlanId: pg.vlanId, cidr: pg.cidr, gateway: pg.gateway, existingNetworkId: id };
    };

    return new SupervisorWorkloadNetwork(this, "network", {
      distributedSwitchUuid: dvs.id,
      ...siteNetworks(config, portGroup),
      siteRules: siteRulesOf(config),
    });
  }

  /** The HAProxy appliance on those networks, and its outputs. */
  private appliance(
    h: HaproxyConfig,
    datacenter: DataVsphereDatacenter,
    cluster: DataVsphereComputeCluster,
    datastore: DataVsphereDatastore,
    host: DataVsphereHost,
  ): HaproxyLoadBalancer {
    const v = this.config.vsphere;
    const haproxy = new HaproxyLoadBalancer(this, "haproxy", {
      network: this.network,
      mode: h.mode === "frontend" ? HaproxyMode.FRONTEND : HaproxyMode.DEFAULT,
      name: h.name,
      virtualIpCidrs: h.virtualIpCidrs,
      managementIp: h.managementIp,
      workloadIp: h.workloadIp,
      frontendIp: h.frontendIp,
      workloadNetworkName: h.workloadNetwork,
      nameservers: h.nameservers,
      hostname: h.hostname,
      dataplanePort: h.dataplanePort,
      dataplaneUser: h.dataplaneUser,
      datacenterId: datacenter.id,
      resourcePoolId: cluster.resourcePoolId,
      datastoreId: datastore.id,
      hostSystemId: host.id,
      folder: v.folder,
      vsphereProviderVersion: v.providerVersion,
      readinessCheck: h.readinessCheck,
      healthCheck: h.healthCheck,
      ova: ovaOf(h.ova),
    });
    // haproxy_ca_certificate_pem, _dataplane_address, _dataplane_user, _dataplane_password, _root_password.
    haproxy.addOutputs("haproxy");
    return haproxy;
  }

  /** What the IP-plan report is made of (the same input the network construct's report uses). */
  public planReportInput(): PlanReportInput {
    return reportInputOf(this, reportedNetwork(this.network)!, this.config.stackName);
  }

  /** The report files the network construct writes beside the stack's Terraform. */
  public planReportFiles(): Record<string, string> {
    return planReportFiles(this);
  }
}
