package main

import (
	"context"
	"fmt"
	"os"

	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/types"
)

// uplinkNames are the distributed switch's uplink port names. vCenter gives every switch an uplink port
// policy; provider 2.5.1's vsphere_distributed_virtual_switch data source reads it unchecked
// (vsphere/data_source_vsphere_distributed_virtual_switch.go, v2.5.1, 64–65:
// `props.Config.(*types.VMwareDVSConfigInfo).UplinkPortPolicy.(*types.DVSNameArrayUplinkPortPolicy)`), so a
// switch without one panics the provider.
var uplinkNames = []string{"uplink1", "uplink2"}

// buildInventory creates the site's vSphere objects through the vSphere API, as an administrator would in
// vCenter: datacenter, cluster with fully automated DRS (vSphere with Tanzu requires it), the ESXi host, a
// local datastore in dataDir, the distributed switch with uplinks and the host as member, the networks the
// site expects to exist, and the VM folder. "VM Network" exists in every simulated datacenter already.
func buildInventory(ctx context.Context, c *vim25.Client, s *site, dataDir string) error {
	v := s.Vsphere
	root := object.NewRootFolder(c)
	dc, err := root.CreateDatacenter(ctx, v.Datacenter)
	if err != nil {
		return fmt.Errorf("datacenter %q: %w", v.Datacenter, err)
	}
	folders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	drs := true
	cluster, err := folders.HostFolder.CreateCluster(ctx, v.Cluster, types.ClusterConfigSpecEx{
		DrsConfig: &types.ClusterDrsConfigInfo{
			Enabled:           &drs,
			DefaultVmBehavior: types.DrsBehaviorFullyAutomated,
		},
	})
	if err != nil {
		return fmt.Errorf("cluster %q: %w", v.Cluster, err)
	}
	task, err := cluster.AddHost(ctx, types.HostConnectSpec{HostName: v.Host, Force: true}, true, nil, nil)
	if err != nil {
		return err
	}
	info, err := task.WaitForResult(ctx, nil)
	if err != nil {
		return fmt.Errorf("host %q: %w", v.Host, err)
	}
	host := object.NewHostSystem(c, info.Result.(types.ManagedObjectReference))

	dsSystem, err := host.ConfigManager().DatastoreSystem(ctx)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	if _, err := dsSystem.CreateLocalDatastore(ctx, v.Datastore, dataDir); err != nil {
		return fmt.Errorf("datastore %q: %w", v.Datastore, err)
	}

	hostRef := host.Reference()
	task, err = folders.NetworkFolder.CreateDVS(ctx, types.DVSCreateSpec{
		ConfigSpec: &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{
			Name:             v.DistributedSwitch,
			UplinkPortPolicy: &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: uplinkNames},
		}},
	})
	if err != nil {
		return err
	}
	info, err = task.WaitForResult(ctx, nil)
	if err != nil {
		return fmt.Errorf("distributed switch %q: %w", v.DistributedSwitch, err)
	}
	dvs := object.NewDistributedVirtualSwitch(c, info.Result.(types.ManagedObjectReference))
	// The host joins the switch by a reconfigure (the simulator's CreateDVS_Task ignores members).
	task, err = dvs.Reconfigure(ctx, &types.DVSConfigSpec{Host: []types.DistributedVirtualSwitchHostMemberConfigSpec{{
		Operation: string(types.ConfigSpecOperationAdd),
		Host:      hostRef,
	}}})
	if err != nil {
		return err
	}
	if err := task.Wait(ctx); err != nil {
		return fmt.Errorf("host %q joining %q: %w", v.Host, v.DistributedSwitch, err)
	}

	finder := find.NewFinder(c, false).SetDatacenter(dc)
	for _, name := range s.existingNetworks() {
		if _, err := finder.Network(ctx, name); err == nil {
			continue // "VM Network"
		}
		task, err := dvs.AddPortgroup(ctx, []types.DVPortgroupConfigSpec{{
			Name:     name,
			Type:     string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding),
			NumPorts: 8,
		}})
		if err != nil {
			return err
		}
		if err := task.Wait(ctx); err != nil {
			return fmt.Errorf("network %q: %w", name, err)
		}
	}
	if v.Folder != "" {
		if _, err := folders.VmFolder.CreateFolder(ctx, v.Folder); err != nil {
			return fmt.Errorf("folder %q: %w", v.Folder, err)
		}
	}
	return nil
}
