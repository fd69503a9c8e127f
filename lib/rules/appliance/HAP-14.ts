import { X509Certificate } from "crypto";
import { Severity } from "../../model/diagnostics";
import { containsAddress, formatAddress, parseAddress, quote } from "../../model/ip";
import { DataPlaneApiServer } from "../../model/plan";
import { planRule } from "../rule";

/** A PEM text's first certificate parsed, or why it is none. */
function certificateProblem(pem: string): string | undefined {
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    return "holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
  }
  try {
    new X509Certificate(pem);
    return undefined;
  } catch {
    return "holds a PEM block that is not an X.509 certificate";
  }
}

/** HAP-14: an existing HAProxy's Data Plane API endpoints, user and CA are ones the Supervisor can use. */
export default planRule({
  id: "HAP-14",
  severity: Severity.ERROR,
  existingHaproxy: true,
  summary:
    "An existing HAProxy has at least one Data Plane API endpoint, each an IPv4 host with a port 1–65535, no two the same, none on an address the plan gives to something else; a non-empty user; and a CA certificate that parses.",
  why: "vsphere provider 2.16.1 requires `edge.haproxy.server` (a list of `host`, validated by `IsIPv4Address`, and `port`), `username` and `ca_chain` (`vsphere/resource_vsphere_supervisor_v2.go` lines 732-771); a TCP port is 1–65535. The Supervisor reaches the Data Plane API at each server and trusts its certificate by that CA: an address that is a VIP, a gateway or a node's answers as something else, and a CA that does not parse fails the TLS handshake at enablement.",
  example: {
    failing: 'servers [{ host: "10.0.0.10", port: 70000 }]',
    passing: 'servers [{ host: "10.0.0.10", port: 5556 }]',
  },
  haproxy: (ctx, report) => {
    const existing = ctx.props.existingHaproxy;
    if (existing === undefined || !ctx.known(existing, "existingHaproxy")) {
      return;
    }
    const servers: unknown[] = Array.isArray(existing.servers) ? existing.servers : [];
    if (servers.length === 0) {
      report(
        "servers",
        "the existing HAProxy has no Data Plane API endpoint: give the address and port of each HAProxy node's Data Plane API, e.g. { host: <its IPv4 address>, port: 5556 }.",
      );
    }
    const seen = new Map<string, number>();
    servers.forEach((value, i) => {
      const server = (value ?? {}) as DataPlaneApiServer;
      const host = server.host;
      const port = server.port;
      if (ctx.known(port, `servers[${i}].port`)) {
        if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
          report(
            `servers[${i}].port`,
            `Data Plane API port ${quote(port)} of server ${i} is not a whole number from 1 to 65535. Give the port its Data Plane API listens on (5556 on the HAProxy appliance).`,
          );
        }
      }
      if (!ctx.known(host, `servers[${i}].host`)) {
        return;
      }
      const address = typeof host === "string" ? parseAddress(host) : undefined;
      if (!address?.ok) {
        report(
          `servers[${i}].host`,
          `Data Plane API host ${quote(host)} of server ${i} is not an IPv4 address: the Supervisor takes an IPv4 address only. Give the address ${typeof host === "string" && /[a-z]/i.test(host) ? `${quote(host)} resolves to` : "of the HAProxy node"}.`,
        );
        return;
      }
      const endpoint = `${formatAddress(address.value)}:${String(port)}`;
      const first = seen.get(endpoint);
      if (first !== undefined) {
        report(
          `servers[${i}]`,
          `server ${i} (${endpoint}) is the same Data Plane API endpoint as server ${first}. Remove it, or give the other HAProxy node's address.`,
        );
        return;
      }
      seen.set(endpoint, i);
      const taken = ctx.items.find((item) => containsAddress(item, address.value));
      if (taken) {
        report(
          `servers[${i}].host`,
          `Data Plane API host ${quote(host)} of server ${i} lies inside ${taken.label.what()}: that address answers as something else, and the Supervisor would send its load balancer requests there. Give the HAProxy node's own address, outside the plan's ranges, VIPs and gateways.`,
        );
      }
    });
    if (
      ctx.known(ctx.props.dataplaneUser, "dataplaneUser") &&
      (typeof ctx.props.dataplaneUser !== "string" || ctx.props.dataplaneUser.trim().length === 0)
    ) {
      report(
        "dataplaneUser",
        `Data Plane API user ${quote(ctx.props.dataplaneUser)} is empty: the Supervisor signs in to the Data Plane API with it. Give the user the HAProxy's Data Plane API is configured with.`,
      );
    }
    const pem = existing.caCertificatePem;
    if (ctx.known(pem, "caCertificatePem")) {
      const problem = typeof pem === "string" ? certificateProblem(pem) : "is not a string";
      if (problem) {
        report(
          "caCertificatePem",
          `the Data Plane API's CA certificate ${problem}: the Supervisor could not verify the Data Plane API's certificate. Give the PEM of the CA that signed it.`,
        );
      }
    }
  },
});
