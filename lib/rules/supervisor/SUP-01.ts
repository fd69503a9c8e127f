import { Severity } from "../../model/diagnostics";
import { parseAddress, quote } from "../../model/ip";
import { planRule } from "../rule";

/** SUP-01: DNS and NTP for the Supervisor. */
export default planRule({
  id: "SUP-01",
  severity: Severity.ERROR,
  summary:
    "The Supervisor gets at least one DNS server (an IPv4 address: the provider takes no names) and at least one NTP server, for the control plane (`dnsServers`) and the workload network (`workloadDnsServers`, default the `dnsServers`).",
  why: "The control plane resolves vCenter and registries, the nodes resolve registries, and the control plane needs synchronised time to join; provider 2.16.1 validates `services.dns.servers` of either network as IPv4 addresses (`validation.IsIPv4Address`, vsphere/resource_vsphere_supervisor_v2.go 497).",
  example: {
    failing: 'dnsServers ["dns.example.com"]',
    passing: 'dnsServers ["10.0.0.2"], ntpServers ["pool.ntp.org"]',
  },
  supervisor: (ctx, report) => {
    const { dnsServers, workloadDnsServers, ntpServers } = ctx.props;
    // The workload network's list when given; left out, it is the management network's (checked there).
    for (const [key, list, needs] of [
      ["dnsServers", dnsServers, "the Supervisor's control plane on the management network needs"],
      ["workloadDnsServers", workloadDnsServers, "the nodes on the workload network need"],
    ] as const) {
      if (list === undefined) {
        continue;
      }
      if (list.length === 0 && ctx.known(list, key)) {
        // Left out, the workload network's servers are the management network's: the nearest fix.
        const fix =
          key === "workloadDnsServers" && dnsServers.length > 0 && dnsServers.every((d) => parseAddress(d).ok)
            ? `Give IPv4 addresses, or leave workloadDnsServers out to use the dnsServers (${JSON.stringify(dnsServers)}).`
            : `Give IPv4 addresses, e.g. ["10.0.0.2"].`;
        report(key, `no DNS server is given; ${needs} at least one. ${fix}`);
      }
      if (!Array.isArray(list)) {
        continue;
      }
      list.forEach((s, i) => {
        if (ctx.known(s, `${key}[${i}]`) && !parseAddress(s).ok) {
          report(
            `${key}[${i}]`,
            `DNS server ${quote(s)} is not an IPv4 address; the provider takes addresses only. Give the server's address, e.g. "10.0.0.2".`,
          );
        }
      });
    }
    if (ntpServers.length === 0 && ctx.known(ntpServers, "ntpServers")) {
      report(
        "ntpServers",
        `no NTP server is given; the Supervisor's control plane needs one. Give a name or address, e.g. ["pool.ntp.org"].`,
      );
    }
    ntpServers.forEach((s, i) => {
      if (ctx.known(s, `ntpServers[${i}]`) && (typeof s !== "string" || s.trim().length === 0)) {
        report(
          `ntpServers[${i}]`,
          `NTP server ${quote(s)} is empty. Give a name or address, e.g. "pool.ntp.org".`,
        );
      }
    });
  },
});
