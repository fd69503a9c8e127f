"""The consumer app (examples/consumer-app/main.ts) in Python: the networks and the appliance in one stack
(vsphere provider 2.5.1), the Supervisor in another (2.16.1), with vSphere objects looked up by name."""
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_random.provider import RandomProvider
from cdktf_cdktf_provider_tls.provider import TlsProvider
from cdktf_cdktf_provider_vsphere.data_vsphere_compute_cluster import DataVsphereComputeCluster
from cdktf_cdktf_provider_vsphere.data_vsphere_datacenter import DataVsphereDatacenter
from cdktf_cdktf_provider_vsphere.data_vsphere_datastore import DataVsphereDatastore
from cdktf_cdktf_provider_vsphere.data_vsphere_distributed_virtual_switch import (
    DataVsphereDistributedVirtualSwitch,
)
from cdktf_cdktf_provider_vsphere.data_vsphere_host import DataVsphereHost
from cdktf_cdktf_provider_vsphere.data_vsphere_network import DataVsphereNetwork
from cdktf_cdktf_provider_vsphere.data_vsphere_storage_policy import DataVsphereStoragePolicy
from cdktf_cdktf_provider_vsphere.provider import VsphereProvider
from constructs import Construct
from tanzu_haproxy_network import (
    HaproxyLoadBalancer,
    HaproxyMode,
    PortGroupProps,
    ProjectLocalBackend,
    SiteRule,
    Supervisor,
    SupervisorWorkloadNetwork,
    WorkloadNetworkProps,
)


def vsphere_provider(scope: Construct) -> VsphereProvider:
    """The vsphere provider with its credentials left to VSPHERE_USER / VSPHERE_PASSWORD: the binding asks for
    user and password, and the overrides take them out of the configuration again (None arrives as undefined,
    and cdktf 0.21.0 `lib/util.ts` `deepMerge` deletes a key whose override is undefined)."""
    provider = VsphereProvider(scope, "vsphere", user="", password="")
    provider.add_override("user", None)
    provider.add_override("password", None)
    return provider


class SiteStack(TerraformStack):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        virtual_ip_cidrs: list[str] | None = None,
        site_rules: list[SiteRule] | None = None,
        mode: HaproxyMode = HaproxyMode.DEFAULT,
    ) -> None:
        super().__init__(scope, id)
        # State beside cdktf.out/, with no absolute path of this machine in the output.
        ProjectLocalBackend(self)
        # The constructs create no provider: the stack needs vsphere, tls and random (and http with health_check).
        vsphere_provider(self)
        TlsProvider(self, "tls")
        RandomProvider(self, "random")

        datacenter = DataVsphereDatacenter(self, "datacenter", name="dc-01")
        datacenter_id = datacenter.id
        cluster = DataVsphereComputeCluster(self, "cluster", name="cluster-01", datacenter_id=datacenter_id)
        datastore = DataVsphereDatastore(self, "datastore", name="datastore-01", datacenter_id=datacenter_id)
        dvs = DataVsphereDistributedVirtualSwitch(self, "dvs", name="dvs-01", datacenter_id=datacenter_id)
        host = DataVsphereHost(self, "host", name="esxi-01.example.com", datacenter_id=datacenter_id)
        vm_network = DataVsphereNetwork(self, "vm-network", name="VM Network", datacenter_id=datacenter_id)

        wl120 = PortGroupProps(name="wl-120", vlan_id=120, cidr="192.168.120.0/24", gateway="192.168.120.1")
        self.network = SupervisorWorkloadNetwork(
            self,
            "network",
            distributed_switch_uuid=dvs.id,
            management_network=PortGroupProps(
                name="VM Network",
                cidr="10.0.0.0/24",
                gateway="10.0.0.1",
                existing_network_id=vm_network.id,
            ),
            supervisor_management_start_ip="10.0.0.20",
            primary_workload_network=WorkloadNetworkProps(
                name="primary", port_group=wl120, address_ranges=["192.168.120.31-192.168.120.40"]
            ),
            workload_networks=[
                WorkloadNetworkProps(
                    name="workload-1", port_group=wl120, address_ranges=["192.168.120.51-192.168.120.60"]
                )
            ],
            site_rules=site_rules,
        )
        self.haproxy = HaproxyLoadBalancer(
            self,
            "haproxy",
            network=self.network,
            mode=mode,
            virtual_ip_cidrs=virtual_ip_cidrs or ["192.168.120.128/25"],
            management_ip="10.0.0.10",
            workload_ip="192.168.120.5",
            nameservers=["10.0.0.2"],
            datacenter_id=datacenter_id,
            resource_pool_id=cluster.resource_pool_id,
            datastore_id=datastore.id,
            host_system_id=host.id,  # vsphere provider 2.5.1 needs a host for OVF deploys (HAP-09)
        )
        self.haproxy.add_outputs()


class SupervisorStack(TerraformStack):
    """The Supervisor in a stack of its own (vsphere_supervisor_v2 needs vsphere provider 2.16.1)."""

    def __init__(self, scope: Construct, id: str, site: SiteStack) -> None:
        super().__init__(scope, id)
        ProjectLocalBackend(self)
        vsphere_provider(self)
        datacenter = DataVsphereDatacenter(self, "datacenter", name="dc-01")
        cluster = DataVsphereComputeCluster(self, "cluster", name="cluster-01", datacenter_id=datacenter.id)
        policy = DataVsphereStoragePolicy(self, "storage-policy", name="vSAN Default Storage Policy")
        self.supervisor = Supervisor(
            self,
            "supervisor",
            network=site.network,
            haproxy=site.haproxy,
            cluster_id=cluster.id,  # the cluster's managed object id (domain-c…)
            storage_policy_id=policy.id,
            dns_servers=["10.0.0.2"],
            ntp_servers=["pool.ntp.org"],
            api_server_dns_names=["supervisor-a.corp.example.com"],  # SUP-03
        )


def synth(outdir: str) -> None:
    app = App(outdir=outdir)
    site = SiteStack(app, "site-a")
    SupervisorStack(app, "site-a-supervisor", site)
    app.synth()


if __name__ == "__main__":
    import sys

    synth(sys.argv[1] if len(sys.argv) > 1 else "cdktf.out")
