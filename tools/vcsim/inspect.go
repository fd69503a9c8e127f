package main

// Reading a deployed VM back through the vSphere API (govmomi's client), as a user would check it in vCenter.

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// Nic is one network card of the VM, in device order.
type Nic struct {
	Key     int32  `json:"key"`
	Label   string `json:"label"`
	Adapter string `json:"adapter"`
	Network string `json:"network"`
}

// VMReport is what `inspect` prints.
type VMReport struct {
	Name            string            `json:"name"`
	ID              string            `json:"id"`
	Nics            []Nic             `json:"nics"`
	ImportedNicKeys []int32           `json:"importedNicKeys"`
	VAppProperties  map[string]string `json:"vappProperties"`
	ExtraConfig     map[string]string `json:"extraConfig"`
	SwapPlacement   string            `json:"swapPlacement"`
}

func inspectVM(ctx context.Context, u *url.URL, name string) (*VMReport, error) {
	c, err := govmomi.NewClient(ctx, u, true)
	if err != nil {
		return nil, err
	}
	defer func() { _ = c.Logout(ctx) }()
	finder := find.NewFinder(c.Client, false)
	dc, err := finder.DefaultDatacenter(ctx)
	if err != nil {
		return nil, err
	}
	finder.SetDatacenter(dc)
	vm, err := finder.VirtualMachine(ctx, name)
	if err != nil {
		return nil, err
	}
	var props mo.VirtualMachine
	if err := vm.Properties(ctx, vm.Reference(), []string{"name", "config"}, &props); err != nil {
		return nil, err
	}
	networks, err := portGroupNames(ctx, c)
	if err != nil {
		return nil, err
	}
	r := &VMReport{
		Name: props.Name, ID: vm.Reference().Value,
		Nics: []Nic{}, VAppProperties: map[string]string{}, ExtraConfig: map[string]string{},
		SwapPlacement: props.Config.SwapPlacement,
	}
	for _, d := range props.Config.Hardware.Device {
		card, ok := d.(types.BaseVirtualEthernetCard)
		if !ok {
			continue
		}
		dev := d.GetVirtualDevice()
		nic := Nic{Key: dev.Key, Adapter: adapterName(d)}
		if dev.DeviceInfo != nil {
			nic.Label = dev.DeviceInfo.GetDescription().Label
		}
		switch b := card.GetVirtualEthernetCard().Backing.(type) {
		case *types.VirtualEthernetCardDistributedVirtualPortBackingInfo:
			nic.Network = networks[b.Port.PortgroupKey]
		case *types.VirtualEthernetCardNetworkBackingInfo:
			nic.Network = b.DeviceName
		}
		r.Nics = append(r.Nics, nic)
	}
	if vapp, ok := props.Config.VAppConfig.(*types.VmConfigInfo); ok {
		for _, p := range vapp.Property {
			r.VAppProperties[p.Id] = p.Value
		}
	}
	for _, o := range props.Config.ExtraConfig {
		if v := o.GetOptionValue(); v != nil {
			r.ExtraConfig[v.Key] = fmt.Sprint(v.Value)
		}
	}
	r.ImportedNicKeys, err = importedNicKeys(ctx, u, r.ID)
	return r, err
}

func adapterName(d types.BaseVirtualDevice) string {
	switch d.(type) {
	case *types.VirtualVmxnet3:
		return "vmxnet3"
	case *types.VirtualE1000:
		return "e1000"
	case *types.VirtualE1000e:
		return "e1000e"
	default:
		return fmt.Sprintf("%T", d)
	}
}

// portGroupNames maps each distributed port group's key to its name.
func portGroupNames(ctx context.Context, c *govmomi.Client) (map[string]string, error) {
	m := view.NewManager(c.Client)
	v, err := m.CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"DistributedVirtualPortgroup"}, true)
	if err != nil {
		return nil, err
	}
	defer func() { _ = v.Destroy(ctx) }()
	var pgs []mo.DistributedVirtualPortgroup
	if err := v.Retrieve(ctx, []string{"DistributedVirtualPortgroup"}, []string{"name", "key"}, &pgs); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, pg := range pgs {
		out[pg.Key] = pg.Name
	}
	return out, nil
}

// statusClient talks to the simulator's own status paths over its self-signed 127.0.0.1 certificate.
var statusClient = &http.Client{
	Timeout:   10 * time.Second,
	Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, // #nosec: 127.0.0.1 simulator
}

func statusGet(ctx context.Context, u *url.URL, path string, query url.Values, out any) error {
	s := url.URL{Scheme: u.Scheme, Host: u.Host, Path: statusPath + path, RawQuery: query.Encode()}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.String(), nil)
	if err != nil {
		return err
	}
	res, err := statusClient.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", s.Path, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(out)
}

func importedNicKeys(ctx context.Context, u *url.URL, moid string) ([]int32, error) {
	var keys []int32
	err := statusGet(ctx, u, "imported-nics", url.Values{"vm": {moid}}, &keys)
	return keys, err
}

func supervisorRequests(ctx context.Context, u *url.URL) ([]EnableRequest, error) {
	var reqs []EnableRequest
	err := statusGet(ctx, u, "supervisor-requests", nil, &reqs)
	return reqs, err
}
