import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { isDnsName, toDnsName } from "../../model/names";
import { planRule } from "../rule";

/** SUP-03: the API server certificate's DNS names. */
export default planRule({
  id: "SUP-03",
  severity: Severity.ERROR,
  summary:
    "A Supervisor enabled with `vsphere_supervisor_v2` gets at least one API server certificate DNS name (`apiServerDnsNames`), and each name given is a DNS name.",
  why: "vsphere provider 2.16.1 requires `workloads.kube_api_server_options` and reads the first element of it and of its `security` block without a nil check (`vsphere/internal/helper/supervisor/supervisor_helper.go` lines 156 and 747); terraform-plugin-sdk v2 reads a block with no field set as a nil element (`helper/schema/field_reader.go`, `readObjectField`), so without a name the provider crashes at apply, before the enable call. The names become the API server certificate's subject alternative names: use the name clients will reach the Supervisor by.",
  example: {
    failing: "apiServerDnsNames []",
    passing: 'apiServerDnsNames ["supervisor-t1.corp.example.com"]',
  },
  supervisor: (ctx, report) => {
    const given: unknown = ctx.props.apiServerDnsNames ?? [];
    const viaProvider = ctx.props.viaProvider ?? true;
    if (!Array.isArray(given) && ctx.known(given, "apiServerDnsNames")) {
      report(
        "apiServerDnsNames",
        `${quote(given)} is not a list of DNS names; give a list${typeof given === "string" && isDnsName(given) ? `, e.g. ${JSON.stringify([given])}` : ""}.`,
      );
      return;
    }
    const names = given as readonly unknown[];
    // The name the Supervisor is reached by, from the plan: its name under the first search domain.
    const label = toDnsName(String(ctx.props.name ?? "")).split(".")[0] || "supervisor";
    const domain = (ctx.props.dnsSearchDomains ?? []).map((d) => toDnsName(String(d))).find(isDnsName);
    const proposal = `${label}.${domain ?? "internal"}`;
    const from = domain
      ? `the Supervisor's name under its first DNS search domain`
      : `the Supervisor's name under "internal", the top-level domain reserved for private networks; better, a name under your own DNS domain`;
    if (viaProvider && names.length === 0 && ctx.known(names, "apiServerDnsNames")) {
      report(
        "apiServerDnsNames",
        `no DNS name is given for the Supervisor API server's certificate; provider 2.16.1 needs at least one and crashes at apply without it. Give the name clients will reach the API server by${isDnsName(proposal) ? `, e.g. ${JSON.stringify([proposal])} (${from})` : ""}.`,
      );
    }
    names.forEach((n, i) => {
      if (!ctx.known(n, `apiServerDnsNames[${i}]`) || (typeof n === "string" && isDnsName(n))) {
        return;
      }
      const text = typeof n === "string" ? n : "";
      const wildcard = text.includes("*");
      const fixed = toDnsName(text);
      // A wildcard or an address has no nearest name; an empty or unreadable one gets the plan's.
      const suggestion = wildcard
        ? ""
        : fixed && isDnsName(fixed) && fixed !== n
          ? ` Did you mean ${quote(fixed)}?`
          : !names.includes(proposal) && isDnsName(proposal)
            ? ` Did you mean ${quote(proposal)} (${from})?`
            : "";
      report(
        `apiServerDnsNames[${i}]`,
        `${quote(n)} is not a DNS name (labels of a-z, 0-9 and "-", separated by dots; not an IP address${wildcard ? "; no wildcard: give each name" : ""}).${suggestion}`,
      );
    });
  },
});
