import { Severity } from "../../model/diagnostics";
import { notAServerAddress, parseAddress, quote } from "../../model/ip";
import { isDnsName, toDnsName } from "../../model/names";
import { SupervisorContext } from "../context";
import { planRule } from "../rule";

/** A DNS server the plan names elsewhere (the appliance's nameservers), as the fix's wording. */
function serverProposal(ctx: SupervisorContext, list: readonly string[]): string {
  const free = (ctx.haproxy?.props.nameservers ?? []).find((n) => {
    const a = typeof n === "string" ? parseAddress(n) : undefined;
    return a?.ok && notAServerAddress(a.value) === undefined && !list.includes(n);
  });
  return free ? `; did you mean ${quote(free)} (the appliance's nameserver)?` : ', e.g. "10.0.0.2".';
}

/** What is wrong with an NTP server's text, if anything: an empty text, a broken address, not a host name. */
function ntpProblem(s: unknown): string | undefined {
  if (typeof s !== "string" || s.trim().length === 0) {
    return "is empty";
  }
  const text = s.trim();
  if (/^[\d.]+$/.test(text)) {
    const a = parseAddress(text);
    if (!a.ok) return "is not an IPv4 address (four numbers 0-255)";
    const why = notAServerAddress(a.value);
    return why ? `is ${why}` : undefined;
  }
  return isDnsName(text.toLowerCase().replace(/\.$/, ""))
    ? undefined
    : "is neither a host name nor an address";
}

/** SUP-01: DNS and NTP for the Supervisor. */
export default planRule({
  id: "SUP-01",
  severity: Severity.ERROR,
  summary:
    "The Supervisor gets at least one DNS server (an IPv4 address a server can have: the provider takes no names) and at least one NTP server (a host name or such an address), for the control plane (`dnsServers`) and the workload network (`workloadDnsServers`, default the `dnsServers`); its DNS search domains are domain names.",
  why: "The control plane resolves vCenter and registries, the nodes resolve registries, and the control plane needs synchronised time to join; provider 2.16.1 validates `services.dns.servers` of either network as IPv4 addresses (`validation.IsIPv4Address`, vsphere/resource_vsphere_supervisor_v2.go 497) but NTP servers and search domains only as non-empty strings (`validation.StringIsNotEmpty`, 481 and 506), and a loopback, multicast or broadcast address passes its check: such values would reach vCenter, so they are refused here (special addresses: RFC 6890; host and domain names: RFC 1123 section 2.1).",
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
        if (!ctx.known(s, `${key}[${i}]`)) {
          return;
        }
        const parsed = parseAddress(s);
        if (!parsed.ok) {
          report(
            `${key}[${i}]`,
            `DNS server ${quote(s)} is not an IPv4 address; the provider takes addresses only. Give the server's address${serverProposal(ctx, list)}`,
          );
          return;
        }
        const why = notAServerAddress(parsed.value);
        if (why) {
          report(
            `${key}[${i}]`,
            `DNS server ${quote(s)} is ${why}. Give the DNS server's own address${list.length > 1 ? ", or remove this entry" : ""}${serverProposal(ctx, list)}`,
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
      if (!ctx.known(s, `ntpServers[${i}]`)) {
        return;
      }
      const problem = ntpProblem(s);
      if (problem) {
        report(
          `ntpServers[${i}]`,
          `NTP server ${quote(s)} ${problem}. Give a host name (RFC 1123) or an IPv4 address${ntpServers.length > 1 ? ", or remove this entry" : ', e.g. "pool.ntp.org"'}.`,
        );
      }
    });
    (ctx.props.dnsSearchDomains ?? []).forEach((d, i) => {
      if (!ctx.known(d, `dnsSearchDomains[${i}]`)) {
        return;
      }
      const text = typeof d === "string" ? d.trim() : "";
      if (text.length > 0 && isDnsName(text.toLowerCase().replace(/\.$/, ""))) {
        return;
      }
      const near = toDnsName(text);
      const fix =
        near.length > 0 && isDnsName(near) ? `: did you mean ${quote(near)}?` : ", or remove this entry.";
      report(
        `dnsSearchDomains[${i}]`,
        `DNS search domain ${quote(d)} is not a domain name (dot-separated labels of letters, digits and "-", RFC 1123${/^\d+(\.\d+){3}$/.test(text) ? "; an address is not a domain" : ""}). Give the domain the control plane appends to short names, e.g. "corp.example.com"${fix}`,
      );
    });
  },
});
