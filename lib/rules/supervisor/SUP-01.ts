import { Severity } from "../../model/diagnostics";
import { parseAddress, quote } from "../../model/ip";
import { planRule } from "../rule";

/** SUP-01: DNS and NTP for the Supervisor. */
export default planRule({
  id: "SUP-01",
  severity: Severity.ERROR,
  summary:
    "The Supervisor gets at least one DNS server (an IPv4 address: the provider takes no names) and at least one NTP server, for the control plane and the workload network.",
  why: "The control plane resolves vCenter and registries and needs synchronised time to join; provider 2.16.1 validates `services.dns.servers` as IPv4 addresses (`validation.IsIPv4Address`).",
  example: {
    failing: 'dnsServers ["dns.example.com"]',
    passing: 'dnsServers ["10.0.0.2"], ntpServers ["pool.ntp.org"]',
  },
  supervisor: (ctx, report) => {
    const { dnsServers, ntpServers } = ctx.props;
    if (dnsServers.length === 0 && ctx.known(dnsServers, "dnsServers")) {
      report(
        "dnsServers",
        `no DNS server is given; the Supervisor's control plane and workload network need at least one. Give IPv4 addresses, e.g. ["10.0.0.2"].`,
      );
    }
    dnsServers.forEach((s, i) => {
      if (ctx.known(s, `dnsServers[${i}]`) && !parseAddress(s).ok) {
        report(
          `dnsServers[${i}]`,
          `DNS server ${quote(s)} is not an IPv4 address; the provider takes addresses only. Give the server's address, e.g. "10.0.0.2".`,
        );
      }
    });
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
