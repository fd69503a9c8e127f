package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// portGroup is the part of a site file's port group the inventory needs: its name, and whether the site
// expects it to exist already (`existing: true`) rather than be created by Terraform.
type portGroup struct {
	Name     string `json:"name"`
	Existing bool   `json:"existing"`
}

type workloadNetwork struct {
	PortGroup portGroup `json:"portGroup"`
}

// site is the subset of a site file (stacks/site-config.ts) that names vSphere objects. The app checks the
// whole file; this reader only takes the names and ignores every other key.
type site struct {
	StackName string `json:"stackName"`
	Vsphere   struct {
		Datacenter        string `json:"datacenter"`
		Cluster           string `json:"cluster"`
		Datastore         string `json:"datastore"`
		DistributedSwitch string `json:"distributedSwitch"`
		Host              string `json:"host"`
		Folder            string `json:"folder"`
	} `json:"vsphere"`
	ManagementNetwork      portGroup         `json:"managementNetwork"`
	PrimaryWorkloadNetwork workloadNetwork   `json:"primaryWorkloadNetwork"`
	WorkloadNetworks       []workloadNetwork `json:"workloadNetworks"`
	FrontendNetwork        *portGroup        `json:"frontendNetwork"`
	Supervisor             *struct {
		StoragePolicy string `json:"storagePolicy"`
	} `json:"supervisor"`
}

// defaultHost is the ESXi host's name when the site file names none (provider 2.15.0+ deploys without one).
const defaultHost = "esxi-01.sim.local"

func readSite(file string) (*site, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	s := new(site)
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	v := s.Vsphere
	for key, val := range map[string]string{
		"vsphere.datacenter": v.Datacenter, "vsphere.cluster": v.Cluster,
		"vsphere.datastore": v.Datastore, "vsphere.distributedSwitch": v.DistributedSwitch,
	} {
		if val == "" {
			return nil, fmt.Errorf("%s: %s is missing", file, key)
		}
	}
	if s.Vsphere.Host == "" {
		s.Vsphere.Host = defaultHost
	}
	return s, nil
}

// existingNetworks are the port groups the site expects to find, each name once, in file order.
func (s *site) existingNetworks() []string {
	all := []portGroup{s.ManagementNetwork, s.PrimaryWorkloadNetwork.PortGroup}
	for _, w := range s.WorkloadNetworks {
		all = append(all, w.PortGroup)
	}
	if s.FrontendNetwork != nil {
		all = append(all, *s.FrontendNetwork)
	}
	seen := map[string]bool{}
	var names []string
	for _, pg := range all {
		if pg.Existing && !seen[pg.Name] {
			seen[pg.Name] = true
			names = append(names, pg.Name)
		}
	}
	return names
}
