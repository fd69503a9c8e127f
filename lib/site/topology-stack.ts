/**
 * One site as a stack: vSphere objects looked up by name, the Supervisor's port groups and the HAProxy
 * appliance, from a site configuration file. Credentials come from the environment only.
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
import { HaproxyMode, PortGroupProps } from "../model/plan";
import { HaproxyOva } from "../constructs/haproxy-sources";
import { PlanAcknowledgements } from "../constructs/acknowledgements";
import { PlanReportInput } from "../report/plan-report";
import { SupervisorWorkloadNetwork } from "../constructs/supervisor-workload-network";
import { planReportFiles, reportedNetwork, reportInputOf } from "../constructs/plan-report-synthesizer";
import { OvaConfig, PortGroupConfig, SiteConfig, siteRulesOf } from "./site-config";
import { stateBackendOf } from "./site-backend";

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
  public readonly haproxy: HaproxyLoadBalancer;
  public readonly config: SiteConfig;

  constructor(scope: Construct, config: SiteConfig) {
    super(scope, config.stackName);
    this.config = config;
    stateBackendOf(config.backend).applyTo(this);
    vsphereProviderFromEnvironment(this, config.vsphere.server);
    new TlsProvider(this, "tls", {});
    new RandomProvider(this, "random", {});
    if (config.haproxy.healthCheck) {
      new HttpProvider(this, "http", {}); // the health check's data source
    }
    // The site file's acknowledgements cover every plan construct of the stack.
    PlanAcknowledgements.add(
      this,
      (config.acknowledge ?? []).map((a) => ({ ruleId: a.rule, reason: a.reason })),
    );

    const v = config.vsphere;
    const datacenter = new DataVsphereDatacenter(this, "datacenter", { name: v.datacenter });
    const cluster = new DataVsphereComputeCluster(this, "cluster", {
      name: v.cluster,
      datacenterId: datacenter.id,
    });
    const datastore = new DataVsphereDatastore(this, "datastore", {
      name: v.datastore,
      datacenterId: datacenter.id,
    });
    const dvs = new DataVsphereDistributedVirtualSwitch(this, "distributed-switch", {
      name: v.distributedSwitch,
      datacenterId: datacenter.id,
    });
    const host = new DataVsphereHost(this, "host", { name: v.host, datacenterId: datacenter.id });

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

    this.network = new SupervisorWorkloadNetwork(this, "network", {
      distributedSwitchUuid: dvs.id,
      managementNetwork: portGroup(config.managementNetwork),
      supervisorManagementStartIp: config.supervisorManagementStartIp,
      primaryWorkloadNetwork: {
        ...config.primaryWorkloadNetwork,
        portGroup: portGroup(config.primaryWorkloadNetwork.portGroup),
      },
      workloadNetworks: (config.workloadNetworks ?? []).map((w) => ({
        ...w,
        portGroup: portGroup(w.portGroup),
      })),
      frontendNetwork: config.frontendNetwork ? portGroup(config.frontendNetwork) : undefined,
      siteRules: siteRulesOf(config),
    });

    const h = config.haproxy;
    this.haproxy = new HaproxyLoadBalancer(this, "haproxy", {
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
    this.haproxy.addOutputs("haproxy");
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
