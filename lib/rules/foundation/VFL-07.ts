import { Severity } from "../../model/diagnostics";
import { containsAddress, quote } from "../../model/ip";
import { isDnsName, toDnsName } from "../../model/names";
import { planRule } from "../rule";

/** The kinds of the plan's items a DNS server must not be inside: addresses handed to others or claimed. */
const TAKEN = new Set(["vip", "interface", "block", "range"]);

/**
 * A syslog endpoint `protocol://host[:port]` (the protocol may be left out: tcp), host a DNS name, an IPv4
 * address or an IPv6 address in brackets.
 */
const SYSLOG_ENDPOINT =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** VFL-07: the load balancer's DNS, NTP, search domains and syslog endpoint are ones its nodes can use. */
export default planRule({
  id: "VFL-07",
  severity: Severity.ERROR,
  summary:
    "The Foundation Load Balancer has at least one DNS server, none inside its VIP CIDRs, an interface range, a workload network's range or the Supervisor management block; at least one NTP server; search domains that are DNS names; and a syslog endpoint of the form protocol://host[:port].",
  why: 'vsphere provider 2.16.1 sends `network.services` with `dns.servers` (IPv4, required), `dns.search_domains`, `ntp.servers` (required) and `syslog.endpoint`, "FQDN or IP address of the remote syslog server taking the form protocol://hostname|ipv4|ipv6[:port]. The syslog protocol defaults to tcp." (`vsphere/resource_vsphere_supervisor_v2.go` lines 472-510 and 859-878). The nodes resolve and keep time from these: an empty list leaves them without; a DNS server on an address the load balancer answers for (a VIP) or hands to a node is unreachable.',
  example: {
    failing: 'dnsServers ["192.168.130.70"] with VIPs "192.168.130.64/26"',
    passing: 'dnsServers ["10.0.0.2"]',
  },
  foundation: (ctx, report) => {
    const { props } = ctx;
    for (const [key, what] of [
      ["dnsServers", "DNS server"],
      ["ntpServers", "NTP server"],
    ] as const) {
      const list: unknown = props[key];
      if (ctx.known(list, key) && Array.isArray(list) && list.length === 0) {
        report(
          key,
          `the load balancer has no ${what}: its nodes need one. Give the site's ${what} (the Supervisor's ${key} serve it too).`,
        );
      }
    }
    for (const dns of ctx.items.filter((i) => i.label.kind === "nameserver")) {
      const taken = ctx.items.find((i) => TAKEN.has(i.label.kind) && containsAddress(i, dns.first));
      if (taken) {
        report(
          dns.label.path,
          `${dns.label.what()} lies inside ${taken.label.what()}: that address is the load balancer's or a node's, not a DNS server's, so the load balancer's nodes could not resolve names. Give the DNS server's own address.`,
        );
      }
    }
    const domains: unknown = props.dnsSearchDomains;
    if (Array.isArray(domains) && ctx.known(domains, "dnsSearchDomains")) {
      domains.forEach((d: unknown, i) => {
        const path = `dnsSearchDomains[${i}]`;
        if (!ctx.known(d, path) || (typeof d === "string" && isDnsName(d.toLowerCase().replace(/\.$/, "")))) {
          return;
        }
        const near = typeof d === "string" ? toDnsName(d) : "";
        report(
          path,
          `search domain ${quote(d)} is not a DNS name (labels of letters, digits and "-", joined by dots)${near && isDnsName(near) ? `: did you mean ${quote(near)}?` : ". Give a domain, e.g. the one of the site's hosts, or remove this entry."}`,
        );
      });
    }
    const endpoint: unknown = props.syslogEndpoint;
    if (endpoint !== undefined && ctx.known(endpoint, "syslogEndpoint")) {
      const m = typeof endpoint === "string" ? SYSLOG_ENDPOINT.exec(endpoint) : null;
      const port = m?.[1] === undefined ? undefined : Number(m[1]);
      if (!m || (port !== undefined && (port < 1 || port > 65535))) {
        report(
          "syslogEndpoint",
          `syslog endpoint ${quote(endpoint)} is not of the form protocol://host[:port] (host a DNS name or an IP address, port 1–65535): give the site's syslog server in that form, such as tcp+tls://syslog.example.com:6514.`,
        );
      }
    }
  },
});
