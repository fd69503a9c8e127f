// Command vcsim-site is a simulated vCenter for rehearsing this project's stacks with the real Terraform
// engine and providers: govmomi's simulator with the inventory of one site file, the fillers the vsphere
// provider needs, a stand-in HAProxy OVA and Supervisor endpoints. Everything listens on 127.0.0.1.
//
//	vcsim-site serve --site stacks/sites/t1.json [--listen 127.0.0.1:0] [--data DIR]
//	    prints one JSON line {server,url,user,password,ovaUrl} when ready; serves until stdin closes or SIGTERM
//	vcsim-site inspect --url URL --vm NAME         the VM's NICs, vApp properties and extra_config, as JSON
//	vcsim-site supervisor-requests --url URL       the recorded Supervisor enable requests, as JSON
//	vcsim-site ova --out FILE                      write the stand-in OVA
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// ReadyLine is what `serve` prints once the simulator answers.
type ReadyLine struct {
	Server   string `json:"server"`
	URL      string `json:"url"`
	User     string `json:"user"`
	Password string `json:"password"`
	OvaURL   string `json:"ovaUrl"`
}

// ovaFileName is the stand-in's file name in its URL: the release the construct knows, so the plan's
// replacement trigger sees an OVA URL of the usual form.
const ovaFileName = "haproxy-v0.2.0.ova"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: vcsim-site serve|inspect|supervisor-requests|ova [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
	case "inspect":
		err = inspect(os.Args[2:])
	case "supervisor-requests":
		err = printSupervisorRequests(os.Args[2:])
	case "ova":
		fs := flag.NewFlagSet("ova", flag.ExitOnError)
		out := fs.String("out", "haproxy-standin.ova", "file to write")
		_ = fs.Parse(os.Args[2:])
		err = writeOva(*out)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vcsim-site:", err)
		os.Exit(1)
	}
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	siteFile := fs.String("site", "", "site file (required)")
	listen := fs.String("listen", "127.0.0.1:0", "address of the vCenter endpoint (127.0.0.1 only)")
	data := fs.String("data", "", "directory for the datastore (default: a temporary one)")
	_ = fs.Parse(args)
	if *siteFile == "" {
		return fmt.Errorf("serve: --site is required")
	}
	s, err := readSite(*siteFile)
	if err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		if dir, err = os.MkdirTemp("", "vcsim-site-"); err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(dir) }()
	}
	ctx := context.Background()
	sm, err := startSim(ctx, s, *listen, dir)
	if err != nil {
		return err
	}
	defer sm.close()

	ova, err := buildOva()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ovaServer := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/"+ovaFileName {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/x-tar")
		_, _ = w.Write(ova)
	})}
	go func() { _ = ovaServer.Serve(ln) }()
	defer func() { _ = ovaServer.Close() }()

	password, _ := sm.URL.User.Password()
	line, _ := json.Marshal(ReadyLine{
		Server:   sm.URL.Host,
		URL:      (&url.URL{Scheme: sm.URL.Scheme, Host: sm.URL.Host, Path: sm.URL.Path}).String(),
		User:     sm.URL.User.Username(),
		Password: password,
		OvaURL:   fmt.Sprintf("http://%s/%s", ln.Addr(), ovaFileName),
	})
	fmt.Println(string(line))

	// Until stdin closes (the parent went away) or a signal.
	done := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); close(done) }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-done:
	case <-sig:
	}
	return nil
}

func clientURL(fs *flag.FlagSet, args []string) (*url.URL, *flag.FlagSet, error) {
	raw := fs.String("url", "", "the simulator's URL from the ready line")
	user := fs.String("user", "user", "user")
	password := fs.String("password", "pass", "password")
	_ = fs.Parse(args)
	u, err := url.Parse(*raw)
	if err != nil || *raw == "" {
		return nil, fs, fmt.Errorf("%s: --url must be the simulator's URL", fs.Name())
	}
	u.User = url.UserPassword(*user, *password)
	return u, fs, nil
}

func inspect(args []string) error {
	fs := flag.NewFlagSet("inspect", flag.ExitOnError)
	name := fs.String("vm", "", "VM name")
	u, _, err := clientURL(fs, args)
	if err != nil {
		return err
	}
	r, err := inspectVM(context.Background(), u, *name)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

func printSupervisorRequests(args []string) error {
	u, _, err := clientURL(flag.NewFlagSet("supervisor-requests", flag.ExitOnError), args)
	if err != nil {
		return err
	}
	reqs, err := supervisorRequests(context.Background(), u)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(reqs)
}
