import { Severity } from "../../model/diagnostics";
import {
  containsAddress,
  formatAddress,
  formatRange,
  notAServerAddress,
  parseAddress,
  quote,
} from "../../model/ip";
import { HaproxyContext } from "../context";
import { planRule } from "../rule";

/** Why a nameserver's address cannot serve the appliance, or undefined when it can (VIPs: VIP-03). */
function conflict(ctx: HaproxyContext, address: number): string | undefined {
  const special = notAServerAddress(address);
  if (special) {
    return special;
  }
  for (const nic of ctx.nics) {
    if (nic.address === address) {
      return `the appliance's own ${nic.nic} address (${nic.path}), which serves no DNS`;
    }
  }
  const block = ctx.network.managementBlock;
  if (block && containsAddress(block, address)) {
    return `inside the Supervisor's management block ${formatRange(block)} (supervisorManagementStartIp, NET-08): a control-plane VM takes that address`;
  }
  for (const wn of ctx.network.workloadNetworks) {
    for (const r of wn.ranges) {
      if (r.interval && containsAddress(r.interval, address)) {
        return `inside range ${quote(r.text)} of workload network ${quote(wn.name)} (${r.path}): the Supervisor hands those addresses to nodes`;
      }
    }
  }
  for (const v of ctx.virtualIps) {
    if (containsAddress(v.cidr, address)) {
      return "inside a VIP CIDR";
    }
  }
  return undefined;
}

/** Nameservers of the plan that pass, not yet in the list: the Supervisor's DNS servers, then the list's own. */
function candidates(ctx: HaproxyContext, list: readonly unknown[]): { text: string; what: string }[] {
  const out: { text: string; what: string }[] = [];
  const from: [unknown, string][] = [
    ...(ctx.supervisor?.dnsServers ?? []).map((s): [unknown, string] => [s, "the Supervisor's DNS server"]),
    ...(ctx.supervisor?.workloadDnsServers ?? []).map((s): [unknown, string] => [
      s,
      "the Supervisor's workload DNS server",
    ]),
  ];
  for (const [s, what] of from) {
    const a = typeof s === "string" ? parseAddress(s) : undefined;
    if (a?.ok && !conflict(ctx, a.value) && !list.includes(s) && !out.some((o) => o.text === s)) {
      out.push({ text: formatAddress(a.value), what });
    }
  }
  return out;
}

/** HAP-13: the appliance's nameservers are servers the plan leaves free. */
export default planRule({
  id: "HAP-13",
  severity: Severity.ERROR,
  summary:
    "No appliance nameserver (`nameservers`) is an address no server has (0.0.0.0/8, loopback, multicast, reserved, 255.255.255.255), an address of the appliance itself, or an address inside the Supervisor's management block or a workload network's range.",
  why: "The appliance resolves names through `network.nameservers` (OVF property, haproxytech/vmware-haproxy v0.2.0 `hack/image-build-ova.py`); a control-plane VM or a node takes an address of the management block or a node range, the appliance's own address serves no DNS, and the special blocks are no host's (RFC 1122 section 3.2.1.3, RFC 5771, RFC 6890). SUP-04 checks the Supervisor's DNS servers the same way; VIP-03 refuses a nameserver inside the VIPs.",
  example: {
    failing: 'nameservers ["10.0.0.10"] (the appliance\'s managementIp)',
    passing: 'nameservers ["10.0.0.2"]',
  },
  haproxy: (ctx, report) => {
    const list: readonly unknown[] = Array.isArray(ctx.props.nameservers) ? ctx.props.nameservers : [];
    list.forEach((ns, i) => {
      const path = `nameservers[${i}]`;
      const a = typeof ns === "string" && !ctx.isToken(ns) ? parseAddress(ns) : undefined;
      if (!a?.ok) {
        return; // malformed: HAP-04
      }
      const where = conflict(ctx, a.value);
      if (!where || where === "inside a VIP CIDR") {
        return; // VIP-03 says which VIP CIDR
      }
      const [first, ...others] = candidates(ctx, list);
      const rest =
        list.length > 1 ? " Give the site's DNS server, or remove this entry" : " Give the site's DNS server";
      report(
        path,
        `nameserver ${quote(ns)} is ${where}.${rest}${first ? `: did you mean ${quote(first.text)} (${first.what})?` : "."}`,
        others.map((o) => o.text),
      );
    });
  },
});
