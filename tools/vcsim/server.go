package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/vmware/govmomi"
	_ "github.com/vmware/govmomi/pbm/simulator" // /pbm: provider 2.5.1 opens a PBM client when it configures
	"github.com/vmware/govmomi/simulator"
	_ "github.com/vmware/govmomi/vapi/namespace/simulator" // the REST side: namespace management
	_ "github.com/vmware/govmomi/vapi/simulator"           // the REST side: /api/session, /rest
	"github.com/vmware/govmomi/vim25/types"
)

// sim is a simulated vCenter holding one site's inventory, listening on 127.0.0.1 only.
type sim struct {
	model       *simulator.Model
	server      *simulator.Server
	imports     importedNics
	supervisors supervisors
	// URL is https://user:pass@127.0.0.1:<port>/sdk
	URL *url.URL
}

// statusPath answers what the simulator saw: the NIC keys of each VM's import and the recorded Supervisor
// enable requests (see inspect.go).
const statusPath = "/vcsim-site/"

// startSim builds an empty vCenter, serves it on listen (host must be 127.0.0.1) with TLS, and creates the
// site's inventory in it. dataDir holds the datastore's files.
func startSim(ctx context.Context, s *site, listen, dataDir string) (*sim, error) {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return nil, err
	}
	if host != "127.0.0.1" {
		return nil, fmt.Errorf("listen %q: the simulator listens on 127.0.0.1 only", listen)
	}
	m := simulator.VPX()
	m.Datacenter, m.Cluster, m.ClusterHost, m.Host, m.Machine, m.Portgroup, m.Datastore = 0, 0, 0, 0, 0, 0, 0
	m.Autostart = false
	if err := m.Create(); err != nil {
		return nil, err
	}
	sm := &sim{model: m}
	m.Service.Context.Map.Handler = sm.fillMethods
	m.Service.Context.Map.AddHandler(&swapPlacementFiller{self: types.ManagedObjectReference{Type: "vcsimSite", Value: "swap-placement"}})
	m.Service.TLS = new(tls.Config)
	m.Service.Listen = &url.URL{Host: listen}
	m.Service.RegisterEndpoints = true
	sm.server = m.Service.NewServer()
	sm.server.Config.Handler = sm.handler(sm.server.Config.Handler)
	sm.URL = sm.server.URL

	c, err := govmomi.NewClient(ctx, sm.URL, true)
	if err != nil {
		sm.close()
		return nil, err
	}
	defer func() { _ = c.Logout(ctx) }()
	if err := buildInventory(ctx, c.Client, s, dataDir); err != nil {
		sm.close()
		return nil, err
	}
	return sm, nil
}

func (sm *sim) handler(next http.Handler) http.Handler {
	soap := switchTypeName(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, statusPath) {
			sm.status(w, r)
			return
		}
		if sm.supervisors.serve(w, r) {
			return
		}
		soap.ServeHTTP(w, r)
	})
}

func (sm *sim) status(w http.ResponseWriter, r *http.Request) {
	switch strings.TrimPrefix(r.URL.Path, statusPath) {
	case "imported-nics":
		moid := r.URL.Query().Get("vm")
		keys, ok := sm.imports.get(moid)
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no call to VM " + moid + " was seen"})
			return
		}
		writeJSON(w, http.StatusOK, keys)
	case "supervisor-requests":
		writeJSON(w, http.StatusOK, sm.supervisors.recorded())
	default:
		http.NotFound(w, r)
	}
}

func (sm *sim) close() {
	if sm.server != nil {
		sm.server.Close()
	}
	sm.model.Remove()
}
