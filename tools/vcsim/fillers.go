package main

// What the Terraform vsphere provider calls and govmomi's simulator (v0.54.1) lacks or answers differently
// from vCenter. Each filler stands in for one vSphere API method or behaviour and says which.

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/vmware/govmomi/ovf"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// fillMethods is the simulator's per-call hook (simulator.Registry.Handler): for a method the simulated object
// lacks, it puts a filler wrapping that object into the caller's session, where the simulator looks first
// (simulator/session_manager.go, Session.Get), so the call and the session's later calls reach the filler; for
// a VirtualMachine it records the NICs the VM has when it is first called (see importedNics). The shared
// registry keeps the simulator's own objects: its code asserts their concrete types (e.g.
// `*DistributedVirtualSwitch` in ovf_manager.go and dvs_manager.go), and its PropertyCollector reads a
// wrapper's embedded object (property_collector.go, getManagedObject).
func (s *sim) fillMethods(ctx *simulator.Context, m *simulator.Method) (mo.Reference, types.BaseMethodFault) {
	var filler mo.Reference
	switch o := ctx.Map.Get(m.This).(type) {
	case *simulator.DistributedVirtualSwitchManager:
		if m.Name == "QueryDvsByUuid" {
			filler = &dvsManagerFiller{o}
		}
	case *simulator.DistributedVirtualSwitch:
		if m.Name == "CreateDVPortgroup_Task" {
			filler = &dvsFiller{o}
		}
	case *simulator.OvfManager:
		if m.Name == "ParseDescriptor" {
			filler = &ovfManagerFiller{o}
		}
	case *simulator.VirtualMachine:
		s.imports.record(o)
	}
	if filler != nil && ctx.Session != nil && ctx.Session.Registry.Get(m.This) == nil {
		ctx.Session.Put(filler)
	}
	return filler, nil
}

// dvsManagerFiller adds DistributedVirtualSwitchManager.QueryDvsByUuid (vSphere API: "returns the distributed
// virtual switch with the given UUID"; fault NotFound when there is none). Provider 2.5.1 calls it to find the
// switch of a port group by `distributed_virtual_switch_uuid` (vsphere/distributed_virtual_switch_helper.go,
// dvsFromUUID, 33–46).
type dvsManagerFiller struct {
	*simulator.DistributedVirtualSwitchManager
}

func (m *dvsManagerFiller) QueryDvsByUuid(ctx *simulator.Context, req *types.QueryDvsByUuid) soap.HasFault {
	body := new(methods.QueryDvsByUuidBody)
	for _, obj := range ctx.Map.All("DistributedVirtualSwitch") {
		dvs := obj.(*simulator.DistributedVirtualSwitch)
		if dvs.Uuid == req.Uuid {
			ref := dvs.Reference()
			body.Res = &types.QueryDvsByUuidResponse{Returnval: &ref}
			return body
		}
	}
	body.Fault_ = simulator.Fault("", &types.NotFound{})
	return body
}

// dvsFiller adds DistributedVirtualSwitch.CreateDVPortgroup_Task (vSphere API: creates one port group; the
// task's result is the new port group's reference). Provider 2.5.1's vsphere_distributed_port_group reads the
// result as that reference (vsphere/resource_vsphere_distributed_port_group.go, 80–84). The simulator has
// AddDVPortgroup_Task, whose result is empty; this runs it and answers the port group.
type dvsFiller struct {
	*simulator.DistributedVirtualSwitch
}

func (d *dvsFiller) CreateDVPortgroupTask(ctx *simulator.Context, req *types.CreateDVPortgroup_Task) soap.HasFault {
	spec := req.Spec
	task := simulator.CreateTask(d, "createDVPortgroup", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		res := d.DistributedVirtualSwitch.AddDVPortgroupTask(ctx, &types.AddDVPortgroup_Task{
			This: d.Self,
			Spec: []types.DVPortgroupConfigSpec{spec},
		})
		inner := ctx.Map.Get(res.(*methods.AddDVPortgroup_TaskBody).Res.Returnval).(*simulator.Task)
		inner.Wait()
		if inner.Info.Error != nil {
			return nil, inner.Info.Error.Fault
		}
		for _, ref := range d.Portgroup {
			if pg, ok := ctx.Map.Get(ref).(*simulator.DistributedVirtualPortgroup); ok && pg.Name == spec.Name {
				fillTeamingUplinks(pg, uplinkNamesOf(d.DistributedVirtualSwitch))
				return ref, nil
			}
		}
		return nil, &types.NotFound{}
	})
	return &methods.CreateDVPortgroup_TaskBody{
		Res: &types.CreateDVPortgroup_TaskResponse{Returnval: task.Run(ctx)},
	}
}

func uplinkNamesOf(dvs *simulator.DistributedVirtualSwitch) []string {
	if cfg, ok := dvs.Config.(*types.VMwareDVSConfigInfo); ok {
		if p, ok := cfg.UplinkPortPolicy.(*types.DVSNameArrayUplinkPortPolicy); ok {
			return p.UplinkPortName
		}
	}
	return nil
}

// fillTeamingUplinks gives a new port group the switch's uplinks as active uplinks when its spec named none:
// vCenter's port groups inherit the switch's teaming policy, whose order lists every uplink as active. The
// simulator leaves the list empty, and the provider then plans `active_uplinks` again on every plan.
func fillTeamingUplinks(pg *simulator.DistributedVirtualPortgroup, uplinks []string) {
	setting, ok := pg.Config.DefaultPortConfig.(*types.VMwareDVSPortSetting)
	if !ok || len(uplinks) == 0 {
		return
	}
	if setting.UplinkTeamingPolicy == nil {
		setting.UplinkTeamingPolicy = &types.VmwareUplinkPortTeamingPolicy{}
	}
	policy := setting.UplinkTeamingPolicy
	if policy.UplinkPortOrder == nil {
		policy.UplinkPortOrder = &types.VMwareUplinkPortOrderPolicy{}
	}
	if len(policy.UplinkPortOrder.ActiveUplinkPort) == 0 && len(policy.UplinkPortOrder.StandbyUplinkPort) == 0 {
		policy.UplinkPortOrder.ActiveUplinkPort = append([]string(nil), uplinks...)
	}
}

// ovfManagerFiller adds OvfManager.ParseDescriptor (vSphere API: "parse the OVF descriptor and return as much
// information about it as possible"). Provider 2.5.1 calls it when `deployment_option` is set and refuses an
// option the answer does not list (vsphere/internal/helper/ovfdeploy/ovf_helper.go, CheckDeploymentOption,
// 392–409).
type ovfManagerFiller struct {
	*simulator.OvfManager
}

func (m *ovfManagerFiller) ParseDescriptor(req *types.ParseDescriptor) soap.HasFault {
	body := new(methods.ParseDescriptorBody)
	env, err := ovf.Unmarshal(strings.NewReader(req.OvfDescriptor))
	if err != nil {
		body.Fault_ = simulator.Fault(err.Error(), &types.InvalidArgument{InvalidProperty: "ovfDescriptor"})
		return body
	}
	body.Res = &types.ParseDescriptorResponse{Returnval: parseDescriptor(env)}
	return body
}

func parseDescriptor(env *ovf.Envelope) types.OvfParseDescriptorResult {
	var res types.OvfParseDescriptorResult
	if env.Network != nil {
		for _, n := range env.Network.Networks {
			res.Network = append(res.Network, types.OvfNetworkInfo{Name: n.Name, Description: n.Description})
		}
	}
	if env.DeploymentOption != nil {
		for _, c := range env.DeploymentOption.Configuration {
			res.DeploymentOption = append(res.DeploymentOption, types.OvfDeploymentOption{
				Key: c.ID, Label: c.Label, Description: c.Description,
			})
			if c.Default != nil && *c.Default {
				res.DefaultDeploymentOption = c.ID
			}
		}
	}
	if vs := env.VirtualSystem; vs != nil {
		res.DefaultEntityName = vs.ID
		if vs.Annotation != nil {
			res.Annotation = vs.Annotation.Annotation
		}
	}
	return res
}

// swapPlacementFiller gives every VM the swap placement vCenter reports for a VM created without one
// ("inherit": the swap file goes where the cluster or host says). The simulator leaves it empty for an
// imported VM, and the provider then plans `swap_placement_policy` again on every plan.
type swapPlacementFiller struct {
	self types.ManagedObjectReference
}

func (f *swapPlacementFiller) Reference() types.ManagedObjectReference { return f.self }

func (f *swapPlacementFiller) PutObject(_ *simulator.Context, obj mo.Reference) {
	if vm, ok := obj.(*simulator.VirtualMachine); ok && vm.Config != nil && vm.Config.SwapPlacement == "" {
		vm.Config.SwapPlacement = string(types.VirtualMachineConfigInfoSwapPlacementTypeInherit)
	}
}

func (f *swapPlacementFiller) UpdateObject(ctx *simulator.Context, obj mo.Reference, _ []types.PropertyChange) {
	f.PutObject(ctx, obj)
}

func (f *swapPlacementFiller) RemoveObject(*simulator.Context, types.ManagedObjectReference) {}

// importedNics remembers, per VM (managed object id), the keys of the network cards a VM had when it was first called after
// its creation: for a VM deployed from an OVF, the cards of the import. A provider that keeps the OVF's cards
// leaves these keys; one that removes and recreates them gives the cards new keys.
type importedNics struct {
	mu   sync.Mutex
	keys map[string][]int32
}

func (n *importedNics) record(vm *simulator.VirtualMachine) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.keys == nil {
		n.keys = map[string][]int32{}
	}
	if _, ok := n.keys[vm.Self.Value]; ok || vm.Config == nil {
		return
	}
	keys := []int32{}
	for _, d := range vm.Config.Hardware.Device {
		if _, ok := d.(types.BaseVirtualEthernetCard); ok {
			keys = append(keys, d.GetVirtualDevice().Key)
		}
	}
	n.keys[vm.Self.Value] = keys
}

func (n *importedNics) get(moid string) ([]int32, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	k, ok := n.keys[moid]
	return k, ok
}

// switchTypeName rewrites the distributed switch's managed object type at the SOAP layer. The simulator
// registers switches as `DistributedVirtualSwitch`; vCenter reports a VMware switch as
// `VmwareDistributedVirtualSwitch`, and provider 2.5.1's data source refuses any other type
// (vsphere/distributed_virtual_switch_helper.go, dvsFromPath, 74). Replies name the vCenter type; requests are
// turned back into the simulator's, under which its registry holds the switch.
const (
	simulatorSwitchType = `type="DistributedVirtualSwitch"`
	vcenterSwitchType   = `type="VmwareDistributedVirtualSwitch"`
)

// In a PropertySpec the type is element text.
var (
	simulatorSwitchTypeText = []byte(">DistributedVirtualSwitch<")
	vcenterSwitchTypeText   = []byte(">VmwareDistributedVirtualSwitch<")
)

func switchTypeName(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, "/sdk") {
			next.ServeHTTP(w, r)
			return
		}
		in, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		in = bytes.ReplaceAll(in, []byte(vcenterSwitchType), []byte(simulatorSwitchType))
		in = bytes.ReplaceAll(in, vcenterSwitchTypeText, simulatorSwitchTypeText)
		r.Body = io.NopCloser(bytes.NewReader(in))
		r.ContentLength = int64(len(in))
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		out := bytes.ReplaceAll(rec.body.Bytes(), []byte(simulatorSwitchType), []byte(vcenterSwitchType))
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.status)
		_, _ = w.Write(out)
	})
}

type recorder struct {
	header http.Header
	body   bytes.Buffer
	status int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }
