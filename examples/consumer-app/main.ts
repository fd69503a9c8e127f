// A user's own stack: both constructs composed with vSphere objects looked up by name.
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { DataVsphereComputeCluster } from "@cdktf/provider-vsphere/lib/data-vsphere-compute-cluster";
import { DataVsphereDatacenter } from "@cdktf/provider-vsphere/lib/data-vsphere-datacenter";
import { DataVsphereDatastore } from "@cdktf/provider-vsphere/lib/data-vsphere-datastore";
import { DataVsphereDistributedVirtualSwitch } from "@cdktf/provider-vsphere/lib/data-vsphere-distributed-virtual-switch";
import { DataVsphereHost } from "@cdktf/provider-vsphere/lib/data-vsphere-host";
import { DataVsphereNetwork } from "@cdktf/provider-vsphere/lib/data-vsphere-network";
import { VsphereProvider, VsphereProviderConfig } from "@cdktf/provider-vsphere/lib/provider";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  HaproxyLoadBalancer,
  HaproxyMode,
  ProjectLocalBackend,
  SupervisorWorkloadNetwork,
} from "tanzu-haproxy-network";

export class SiteStack extends TerraformStack {
  public readonly network: SupervisorWorkloadNetwork;
  public readonly haproxy: HaproxyLoadBalancer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State beside cdktf.out/, with no absolute path of this machine in the output.
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
    // haproxy_ca_certificate_pem, _dataplane_address, _dataplane_user, _dataplane_password (sensitive):
    // `terraform output -raw <name>` in cdktf.out/stacks/site-a gives what the Workload Management wizard asks for.
    this.haproxy.addOutputs();
  }
}

if (require.main === module) {
  const app = new App();
  new SiteStack(app, "site-a");
  app.synth();
}
