// A user's own CDK Terrain (cdktn) project: the networks and the appliance in one stack (vsphere provider 2.5.1),
// the Supervisor in another (2.16.1), with vSphere objects looked up by name. The provider bindings are the ones
// tanzu-haproxy-network-cdktn ships, generated from the exact releases its stacks pin
// (`<package>/providers/gen/<source>-<version>/<resource>`).
import { RandomProvider } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-random-3.7.2/provider";
import { TlsProvider } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-tls-4.1.0/provider";
import { DataVsphereComputeCluster } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/data-vsphere-compute-cluster";
import { DataVsphereDatacenter } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/data-vsphere-datacenter";
import { DataVsphereDatastore } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/data-vsphere-datastore";
import { DataVsphereDistributedVirtualSwitch } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/data-vsphere-distributed-virtual-switch";
import { DataVsphereHost } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/data-vsphere-host";
import { DataVsphereNetwork } from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/data-vsphere-network";
import {
  VsphereProvider,
  VsphereProviderConfig,
} from "tanzu-haproxy-network-cdktn/providers/gen/hashicorp-vsphere-2.5.1/provider";
import { App, TerraformStack } from "cdktn";
import { Construct } from "constructs";
// The Supervisor's stack: every resource of vmware/vsphere 2.16.1, one namespace per resource.
import * as vsphere2161 from "tanzu-haproxy-network-cdktn/providers/gen/vmware-vsphere-2.16.1";
import {
  HaproxyLoadBalancer,
  HaproxyMode,
  ProjectLocalBackend,
  Supervisor,
  SupervisorWorkloadNetwork,
} from "tanzu-haproxy-network-cdktn";

export class SiteStack extends TerraformStack {
  public readonly network: SupervisorWorkloadNetwork;
  public readonly haproxy: HaproxyLoadBalancer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State beside cdktf.out/ (cdktn 0.24 keeps the name), with no absolute path of this machine in the output.
    new ProjectLocalBackend(this);
    // The constructs create no provider: the stack needs vsphere, tls and random (and http with healthCheck).
    new VsphereProvider(this, "vsphere", {} as VsphereProviderConfig); // VSPHERE_SERVER / _USER / _PASSWORD
    new TlsProvider(this, "tls", {});
    new RandomProvider(this, "random", {});

    const datacenter = new DataVsphereDatacenter(this, "datacenter", { name: "dc-01" });
    const datacenterId = datacenter.id;
    const cluster = new DataVsphereComputeCluster(this, "cluster", { name: "cluster-01", datacenterId });
    const datastore = new DataVsphereDatastore(this, "datastore", { name: "datastore-01", datacenterId });
    const dvs = new DataVsphereDistributedVirtualSwitch(this, "dvs", { name: "dvs-01", datacenterId });
    const host = new DataVsphereHost(this, "host", { name: "esxi-01.example.com", datacenterId });
    const vmNetwork = new DataVsphereNetwork(this, "vm-network", { name: "VM Network", datacenterId });

    const wl120 = { name: "wl-120", vlanId: 120, cidr: "192.168.120.0/24", gateway: "192.168.120.1" };
    this.network = new SupervisorWorkloadNetwork(this, "network", {
      distributedSwitchUuid: dvs.id,
      managementNetwork: {
        name: "VM Network",
        cidr: "10.0.0.0/24",
        gateway: "10.0.0.1",
        existingNetworkId: vmNetwork.id,
      },
      supervisorManagementStartIp: "10.0.0.20",
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: wl120,
        addressRanges: ["192.168.120.31-192.168.120.40"],
      },
      workloadNetworks: [
        { name: "workload-1", portGroup: wl120, addressRanges: ["192.168.120.51-192.168.120.60"] },
      ],
    });
    this.haproxy = new HaproxyLoadBalancer(this, "haproxy", {
      network: this.network,
      mode: HaproxyMode.DEFAULT,
      virtualIpCidrs: ["192.168.120.128/25"],
      managementIp: "10.0.0.10",
      workloadIp: "192.168.120.5",
      nameservers: ["10.0.0.2"],
      datacenterId,
      resourcePoolId: cluster.resourcePoolId,
      datastoreId: datastore.id,
      hostSystemId: host.id, // vsphere provider 2.5.1 needs a host for OVF deploys (HAP-09)
    });
    // haproxy_ca_certificate_pem, _dataplane_address, _dataplane_user, _dataplane_password and _root_password (sensitive):
    // `terraform output -raw <name>` in cdktf.out/stacks/site-a gives what the Workload Management wizard asks for.
    this.haproxy.addOutputs();
  }
}

/**
 * The Supervisor in a stack of its own: `vsphere_supervisor_v2` needs vsphere provider 2.16.1, and one Terraform
 * configuration holds one version of a provider. Its data sources (the cluster, the storage policy) live here,
 * read with this stack's provider; the networks' and the appliance's values come from the site's stack by
 * cdktn cross-stack references, so `cdktn deploy` applies that stack first.
 */
export class SupervisorStack extends TerraformStack {
  public readonly supervisor: Supervisor;

  constructor(scope: Construct, id: string, site: SiteStack) {
    super(scope, id);
    new ProjectLocalBackend(this); // state beside cdktf.out/, read across stacks in any workspace
    new vsphere2161.provider.VsphereProvider(
      this,
      "vsphere",
      {} as vsphere2161.provider.VsphereProviderConfig,
    );

    const datacenter = new vsphere2161.dataVsphereDatacenter.DataVsphereDatacenter(this, "datacenter", {
      name: "dc-01",
    });
    const cluster = new vsphere2161.dataVsphereComputeCluster.DataVsphereComputeCluster(this, "cluster", {
      name: "cluster-01",
      datacenterId: datacenter.id,
    });
    const policy = new vsphere2161.dataVsphereStoragePolicy.DataVsphereStoragePolicy(this, "storage-policy", {
      name: "vSAN Default Storage Policy",
    });
    this.supervisor = new Supervisor(this, "supervisor", {
      network: site.network,
      haproxy: site.haproxy,
      clusterId: cluster.id, // the cluster's managed object id (domain-c…)
      storagePolicyId: policy.id,
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
      apiServerDnsNames: ["supervisor-a.corp.example.com"], // SUP-03
    });
  }
}

if (require.main === module) {
  const app = new App();
  const site = new SiteStack(app, "site-a");
  new SupervisorStack(app, "site-a-supervisor", site);
  app.synth();
}
