package main

// A stand-in for the Supervisor endpoints of the vSphere Automation API that provider 2.16.1's
// vsphere_supervisor_v2 calls (vsphere/resource_vsphere_supervisor_v2.go and
// vsphere/internal/helper/supervisor/supervisor_helper.go, v2.16.1, through govmomi v0.54.1
// vapi/namespace/namespace.go). govmomi's namespace simulator has none of them. The enable request bodies are
// recorded as sent, so the rehearsal can compare them with the plan; nothing is configured.

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

const (
	supervisorsPath = "/api/vcenter/namespace-management/supervisors/"
	clustersPath    = "/api/vcenter/namespace-management/clusters/"
	// The vSphere Automation API's session header; the provider sends it after POST /api/session.
	sessionHeader = "vmware-api-session-id"
)

// EnableRequest is one recorded `POST /api/vcenter/namespace-management/supervisors/{cluster}?action=enable_on_compute_cluster`.
type EnableRequest struct {
	Cluster    string          `json:"cluster"`
	Supervisor string          `json:"supervisor"`
	Body       json.RawMessage `json:"body"`
}

type supervisors struct {
	mu       sync.Mutex
	requests []EnableRequest
	// enabled Supervisors by id, with their cluster
	enabled map[string]string
}

// serve answers the Supervisor paths and says whether it did.
func (s *supervisors) serve(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	if !strings.HasPrefix(p, supervisorsPath) && !(strings.HasPrefix(p, clustersPath) && r.URL.Query().Get("action") == "disable") {
		return false
	}
	if r.Header.Get(sessionHeader) == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error_type": "UNAUTHENTICATED"})
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.enabled == nil {
		s.enabled = map[string]string{}
	}
	if strings.HasPrefix(p, clustersPath) {
		s.disable(w, strings.TrimPrefix(p, clustersPath))
		return true
	}
	parts := strings.Split(strings.TrimPrefix(p, supervisorsPath), "/")
	switch {
	case len(parts) == 1 && r.Method == http.MethodPost && r.URL.Query().Get("action") == "enable_on_compute_cluster":
		s.enable(w, r, parts[0])
	case len(parts) == 2 && r.Method == http.MethodGet && parts[1] == "summary":
		s.summary(w, parts[0])
	case len(parts) == 2 && r.Method == http.MethodGet && parts[1] == "topology":
		s.topology(w, parts[0])
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error_type": "NOT_FOUND"})
	}
	return true
}

// enable stands in for Supervisors.enable_on_compute_cluster: "enable a Supervisor on a single vSphere
// cluster"; it answers the new Supervisor's identifier.
func (s *supervisors) enable(w http.ResponseWriter, r *http.Request, cluster string) {
	body, err := io.ReadAll(r.Body)
	if err != nil || !json.Valid(body) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error_type": "INVALID_ARGUMENT"})
		return
	}
	for _, c := range s.enabled {
		if c == cluster {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error_type": "ALREADY_EXISTS"})
			return
		}
	}
	id := "supervisor-" + cluster
	s.enabled[id] = cluster
	s.requests = append(s.requests, EnableRequest{Cluster: cluster, Supervisor: id, Body: body})
	writeJSON(w, http.StatusOK, id)
}

// summary stands in for Supervisors.Summary.get: config_status RUNNING at once (the simulated Supervisor has
// nothing to configure); NOT_FOUND after it was disabled.
func (s *supervisors) summary(w http.ResponseWriter, id string) {
	if _, ok := s.enabled[id]; !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error_type": "NOT_FOUND"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"name": id, "config_status": "RUNNING", "kubernetes_status": "READY", "stats": map[string]int{},
	})
}

// topology stands in for Supervisors.Topology.get: one zone-less entry with the Supervisor's cluster.
func (s *supervisors) topology(w http.ResponseWriter, id string) {
	cluster, ok := s.enabled[id]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error_type": "NOT_FOUND"})
		return
	}
	writeJSON(w, http.StatusOK, []map[string]any{{"zone": "", "clusters": []string{cluster}}})
}

// disable stands in for NamespaceManagement.Clusters.disable: the cluster's Supervisor is gone.
func (s *supervisors) disable(w http.ResponseWriter, cluster string) {
	for id, c := range s.enabled {
		if c == cluster {
			delete(s.enabled, id)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *supervisors) recorded() []EnableRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]EnableRequest{}, s.requests...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
