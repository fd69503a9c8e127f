package main

// Each filler is called through govmomi's client, as the provider calls it, and its answer is checked against
// what the vSphere API documents for the method it stands in for.

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/fault"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/ovf"
	"github.com/vmware/govmomi/pbm"
	"github.com/vmware/govmomi/vapi/namespace"
	"github.com/vmware/govmomi/vapi/rest"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

const t1Site = "../../stacks/sites/t1-single-workload-network.json"

type fixture struct {
	sm     *sim
	c      *govmomi.Client
	finder *find.Finder
	site   *site
}

func start(t *testing.T, siteFile string) *fixture {
	t.Helper()
	ctx := context.Background()
	s, err := readSite(siteFile)
	if err != nil {
		t.Fatal(err)
	}
	sm, err := startSim(ctx, s, "127.0.0.1:0", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sm.close)
	c, err := govmomi.NewClient(ctx, sm.URL, true)
	if err != nil {
		t.Fatal(err)
	}
	finder := find.NewFinder(c.Client, false)
	dc, err := finder.Datacenter(ctx, s.Vsphere.Datacenter)
	if err != nil {
		t.Fatal(err)
	}
	finder.SetDatacenter(dc)
	return &fixture{sm: sm, c: c, finder: finder, site: s}
}

func (f *fixture) dvs(t *testing.T) (*object.DistributedVirtualSwitch, mo.VmwareDistributedVirtualSwitch) {
	t.Helper()
	ctx := context.Background()
	n, err := f.finder.Network(ctx, f.site.Vsphere.DistributedSwitch)
	if err != nil {
		t.Fatal(err)
	}
	var props mo.VmwareDistributedVirtualSwitch
	if err := f.c.RetrieveOne(ctx, n.Reference(), nil, &props); err != nil {
		t.Fatal(err)
	}
	return object.NewDistributedVirtualSwitch(f.c.Client, n.Reference()), props
}

func TestTheSiteFilesInventoryIsFoundByName(t *testing.T) {
	f := start(t, t1Site)
	ctx := context.Background()
	v := f.site.Vsphere
	if _, err := f.finder.ClusterComputeResource(ctx, v.Cluster); err != nil {
		t.Error(err)
	}
	if _, err := f.finder.HostSystem(ctx, v.Host); err != nil {
		t.Error(err)
	}
	if _, err := f.finder.Datastore(ctx, v.Datastore); err != nil {
		t.Error(err)
	}
	if _, err := f.finder.Network(ctx, f.site.ManagementNetwork.Name); err != nil {
		t.Error(err)
	}
}

func TestTheSwitchIsAVmwareSwitchWithUplinkNames(t *testing.T) {
	f := start(t, t1Site)
	sw, props := f.dvs(t)
	if got := sw.Reference().Type; got != "VmwareDistributedVirtualSwitch" {
		t.Errorf("switch type %q, vCenter reports VmwareDistributedVirtualSwitch", got)
	}
	cfg, ok := props.Config.(*types.VMwareDVSConfigInfo)
	if !ok {
		t.Fatalf("config %T, want *types.VMwareDVSConfigInfo", props.Config)
	}
	policy, ok := cfg.UplinkPortPolicy.(*types.DVSNameArrayUplinkPortPolicy)
	if !ok || strings.Join(policy.UplinkPortName, ",") != "uplink1,uplink2" {
		t.Errorf("uplink port policy %#v, want the names uplink1, uplink2", cfg.UplinkPortPolicy)
	}
	host, err := f.finder.HostSystem(context.Background(), f.site.Vsphere.Host)
	if err != nil {
		t.Fatal(err)
	}
	if len(props.Summary.HostMember) != 1 || props.Summary.HostMember[0] != host.Reference() {
		t.Errorf("host members %v, want the site's host %v", props.Summary.HostMember, host.Reference())
	}
}

func TestPbmAnswersWithTheSitesStoragePolicy(t *testing.T) {
	f := start(t, t1Site)
	ctx := context.Background()
	pc, err := pbm.NewClient(ctx, f.c.Client)
	if err != nil {
		t.Fatal(err)
	}
	id, err := pc.ProfileIDByName(ctx, f.site.Supervisor.StoragePolicy)
	if err != nil || id == "" {
		t.Errorf("storage policy %q: id %q, %v", f.site.Supervisor.StoragePolicy, id, err)
	}
}

func TestQueryDvsByUuidAnswersTheSwitchOrNotFound(t *testing.T) {
	f := start(t, t1Site)
	ctx := context.Background()
	sw, props := f.dvs(t)
	mgr := *f.c.ServiceContent.DvSwitchManager
	res, err := methods.QueryDvsByUuid(ctx, f.c.Client, &types.QueryDvsByUuid{This: mgr, Uuid: props.Uuid})
	if err != nil {
		t.Fatal(err)
	}
	if res.Returnval == nil || res.Returnval.Value != sw.Reference().Value || res.Returnval.Type != "VmwareDistributedVirtualSwitch" {
		t.Errorf("QueryDvsByUuid(%s) = %v, want %v", props.Uuid, res.Returnval, sw.Reference())
	}
	_, err = methods.QueryDvsByUuid(ctx, f.c.Client, &types.QueryDvsByUuid{This: mgr, Uuid: "00 11 22"})
	if !fault.Is(err, &types.NotFound{}) {
		t.Errorf("unknown uuid: %v, want the NotFound fault", err)
	}
}

func TestCreateDVPortgroupAnswersThePortGroupWithTheSwitchsUplinksActive(t *testing.T) {
	f := start(t, t1Site)
	ctx := context.Background()
	sw, swProps := f.dvs(t)
	res, err := methods.CreateDVPortgroup_Task(ctx, f.c.Client, &types.CreateDVPortgroup_Task{
		This: sw.Reference(),
		Spec: types.DVPortgroupConfigSpec{Name: "wl-120", Type: "earlyBinding", NumPorts: 8, DefaultPortConfig: &types.VMwareDVSPortSetting{
			Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: 120},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	info, err := object.NewTask(f.c.Client, res.Returnval).WaitForResult(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	ref, ok := info.Result.(types.ManagedObjectReference)
	if !ok || ref.Type != "DistributedVirtualPortgroup" {
		t.Fatalf("task result %#v, want the port group's reference", info.Result)
	}
	var pg mo.DistributedVirtualPortgroup
	if err := f.c.RetrieveOne(ctx, ref, nil, &pg); err != nil {
		t.Fatal(err)
	}
	if pg.Name != "wl-120" {
		t.Errorf("port group %q, want wl-120", pg.Name)
	}
	order := pg.Config.DefaultPortConfig.(*types.VMwareDVSPortSetting).UplinkTeamingPolicy.UplinkPortOrder
	if strings.Join(order.ActiveUplinkPort, ",") != "uplink1,uplink2" {
		t.Errorf("active uplinks %v, want the switch's uplink1, uplink2", order.ActiveUplinkPort)
	}
	// The simulator's own DVSManagerLookupDvPortGroup (provider 2.5.1 reads a port group by switch uuid and key)
	// finds it under the switch's uuid.
	lookup, err := methods.DVSManagerLookupDvPortGroup(ctx, f.c.Client, &types.DVSManagerLookupDvPortGroup{
		This: *f.c.ServiceContent.DvSwitchManager, SwitchUuid: swProps.Uuid, PortgroupKey: pg.Key,
	})
	if err != nil || lookup.Returnval == nil || *lookup.Returnval != ref {
		t.Errorf("DVSManagerLookupDvPortGroup(%s, %s) = %v, %v; want %v", swProps.Uuid, pg.Key, lookup, err, ref)
	}
}

func TestParseDescriptorListsTheOvasDeploymentOptionsAndNetworks(t *testing.T) {
	f := start(t, t1Site)
	res, err := ovf.NewManager(f.c.Client).ParseDescriptor(context.Background(), ovaDescriptor(), types.OvfParseDescriptorParams{})
	if err != nil {
		t.Fatal(err)
	}
	var options, networks []string
	for _, o := range res.DeploymentOption {
		options = append(options, o.Key)
	}
	for _, n := range res.Network {
		networks = append(networks, n.Name)
	}
	if strings.Join(options, ",") != "default,frontend" || res.DefaultDeploymentOption != "default" {
		t.Errorf("deployment options %v (default %q), want default,frontend (default)", options, res.DefaultDeploymentOption)
	}
	if strings.Join(networks, ",") != "Management,Workload,Frontend" {
		t.Errorf("networks %v", networks)
	}
	_, err = ovf.NewManager(f.c.Client).ParseDescriptor(context.Background(), "<not-ovf", types.OvfParseDescriptorParams{})
	if !fault.Is(err, &types.InvalidArgument{}) {
		t.Errorf("a broken descriptor: %v, want InvalidArgument", err)
	}
}

// importOva deploys the stand-in OVA as the provider does: CreateImportSpec, ImportVApp, lease, complete.
func (f *fixture) importOva(t *testing.T, option string, networks map[string]string) *object.VirtualMachine {
	t.Helper()
	ctx := context.Background()
	pool, err := f.finder.DefaultResourcePool(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := f.finder.Datastore(ctx, f.site.Vsphere.Datastore)
	if err != nil {
		t.Fatal(err)
	}
	var mapping []types.OvfNetworkMapping
	for ovfName, network := range networks {
		n, err := f.finder.Network(ctx, network)
		if err != nil {
			t.Fatal(err)
		}
		mapping = append(mapping, types.OvfNetworkMapping{Name: ovfName, Network: n.Reference()})
	}
	spec, err := ovf.NewManager(f.c.Client).CreateImportSpec(ctx, ovaDescriptor(), pool, ds, &types.OvfCreateImportSpecParams{
		OvfManagerCommonParams: types.OvfManagerCommonParams{DeploymentOption: option},
		EntityName:             "haproxy-" + option,
		NetworkMapping:         mapping,
	})
	if err != nil {
		t.Fatal(err)
	}
	folders, err := f.finder.Folder(ctx, "vm")
	if err != nil {
		t.Fatal(err)
	}
	lease, err := pool.ImportVApp(ctx, spec.ImportSpec, folders, nil)
	if err != nil {
		t.Fatal(err)
	}
	info, err := lease.Wait(ctx, spec.FileItem)
	if err != nil {
		t.Fatal(err)
	}
	if err := lease.Complete(ctx); err != nil {
		t.Fatal(err)
	}
	return object.NewVirtualMachine(f.c.Client, info.Entity)
}

func TestTheStandInOvaImportsWithItsNicsAndTheInheritedSwapPlacement(t *testing.T) {
	f := start(t, t1Site)
	ctx := context.Background()
	for option, want := range map[string]int{"default": 2, "frontend": 3} {
		vm := f.importOva(t, option, map[string]string{"Management": "VM Network", "Workload": "VM Network", "Frontend": "VM Network"})
		// The first call to the VM records its NICs (the import's).
		task, err := vm.PowerOn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := task.Wait(ctx); err != nil {
			t.Fatal(err)
		}
		u := *f.sm.URL
		r, err := inspectVM(ctx, &u, "haproxy-"+option)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Nics) != want {
			t.Errorf("%s: %d NICs, want %d", option, len(r.Nics), want)
		}
		for _, n := range r.Nics {
			if n.Adapter != "vmxnet3" || n.Network != "VM Network" {
				t.Errorf("%s: NIC %+v, want vmxnet3 on VM Network", option, n)
			}
		}
		if len(r.ImportedNicKeys) != want || r.ImportedNicKeys[0] != r.Nics[0].Key {
			t.Errorf("%s: imported NIC keys %v, NICs %+v", option, r.ImportedNicKeys, r.Nics)
		}
		if r.SwapPlacement != "inherit" {
			t.Errorf("%s: swap placement %q, want inherit", option, r.SwapPlacement)
		}
		if _, ok := r.VAppProperties["service_ip_range"]; !ok {
			t.Errorf("%s: vApp properties %v lack service_ip_range", option, r.VAppProperties)
		}
	}
}

func TestSupervisorEnableIsRecordedAndAnsweredUntilDisabled(t *testing.T) {
	f := start(t, t1Site)
	ctx := context.Background()
	rc := rest.NewClient(f.c.Client)
	if err := rc.Login(ctx, url.UserPassword("user", "pass")); err != nil {
		t.Fatal(err)
	}
	m := namespace.NewManager(rc)
	cluster, err := f.finder.ClusterComputeResource(ctx, f.site.Vsphere.Cluster)
	if err != nil {
		t.Fatal(err)
	}
	clusterID := cluster.Reference().Value
	id, err := m.EnableOnComputeCluster(ctx, clusterID, &namespace.EnableOnComputeClusterSpec{Name: "supervisor-t1"})
	if err != nil || id == "" {
		t.Fatalf("enable: %q, %v", id, err)
	}
	summary, err := m.GetSupervisorSummary(ctx, id)
	if err != nil || summary.ConfigStatus != namespace.RunningConfigStatus {
		t.Errorf("summary %+v, %v; want config_status RUNNING", summary, err)
	}
	topology, err := m.GetSupervisorTopology(ctx, id)
	if err != nil || len(topology) != 1 || topology[0].Clusters[0] != clusterID {
		t.Errorf("topology %+v, %v; want the cluster %s", topology, err, clusterID)
	}
	reqs, err := supervisorRequests(ctx, f.sm.URL)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("recorded %v, %v", reqs, err)
	}
	var body map[string]any
	if err := json.Unmarshal(reqs[0].Body, &body); err != nil || body["name"] != "supervisor-t1" || reqs[0].Cluster != clusterID {
		t.Errorf("recorded %s for %s, want the name supervisor-t1 for %s", reqs[0].Body, reqs[0].Cluster, clusterID)
	}
	if err := m.DisableCluster(ctx, clusterID); err != nil {
		t.Fatal(err)
	}
	if _, err := m.GetSupervisorSummary(ctx, id); err == nil {
		t.Error("the summary of a disabled Supervisor answered; want NOT_FOUND")
	}
}

func TestTheStandInOvaHoldsTheDescriptorFirstThenTheDisk(t *testing.T) {
	data, err := buildOva()
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(bytes.NewReader(data))
	var names []string
	var descriptor []byte
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if filepath.Ext(h.Name) == ".ovf" {
			descriptor, _ = io.ReadAll(tr)
		}
	}
	if strings.Join(names, ",") != ovaDescriptorName+","+ovaDiskName {
		t.Errorf("entries %v", names)
	}
	env, err := ovf.Unmarshal(bytes.NewReader(descriptor))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, p := range env.VirtualSystem.Product {
		for _, q := range p.Property {
			keys[p.Key(q)] = true
		}
	}
	for _, k := range []string{"appliance.root_pwd", "network.management_ip", "network.frontend_ip", "network.additional_workload_networks", "loadbalance.service_ip_range", "loadbalance.haproxy_pwd"} {
		if !keys[k] {
			t.Errorf("property %s missing from %v", k, keys)
		}
	}
	if hw := env.VirtualSystem.VirtualHardware[0]; hw.Transport == nil || *hw.Transport != "com.vmware.guestInfo" {
		t.Errorf("transport %v, want com.vmware.guestInfo", hw.Transport)
	}
}
