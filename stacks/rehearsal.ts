/**
 * The rehearsal's own logic, without processes: the site file it deploys, what counts as a pass, how results are
 * printed. `bin/rehearse.ts` runs Terraform and the simulated vCenter (tools/vcsim) around it.
 */

/** How a phase ended. A step that could not run is skipped, never passed. */
export enum Outcome {
  PASSED = "passed",
  FAILED = "failed",
  SKIPPED = "skipped",
}

/** One phase of one site's rehearsal. */
export interface PhaseResult {
  readonly site: string;
  readonly phase: string;
  readonly outcome: Outcome;
  /** Wall time in seconds. */
  readonly seconds: number;
  /** Why it failed or was skipped, or what it showed. */
  readonly detail: string;
}

/** `rehearse: N passed, N failed, N skipped`. */
export function summaryLine(results: readonly PhaseResult[]): string {
  const n = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return `rehearse: ${n(Outcome.PASSED)} passed, ${n(Outcome.FAILED)} failed, ${n(Outcome.SKIPPED)} skipped`;
}

/** One line a phase: site, phase, time, outcome, detail. */
export function phaseLine(r: PhaseResult): string {
  const label = r.outcome === Outcome.SKIPPED ? "SKIPPED" : r.outcome === Outcome.FAILED ? "FAILED" : "ok";
  const detail = r.detail ? `  ${r.detail}` : "";
  return `${r.site.padEnd(40)} ${r.phase.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s  ${label}${detail}`;
}

/**
 * When `terraform init` failed because it could not install the providers (no registry, no mirror), the
 * message to print: `SKIPPED: providers not installable (<terraform's message>)`. Undefined for other failures.
 * Terraform's wording: hashicorp/terraform v1.11.4 `internal/command/init.go` ("Failed to query available
 * provider packages", "Failed to install provider", "Incompatible provider version") and
 * `internal/getproviders` ("could not connect to registry.terraform.io").
 */
export function providersNotInstallable(initOutput: string): string | undefined {
  const patterns = [
    /Failed to query available provider packages/,
    /Failed to install provider/,
    /Incompatible provider version/,
    /could not connect to registry/i,
    /Failed to resolve provider packages/,
  ];
  if (!patterns.some((p) => p.test(initOutput))) return undefined;
  return `SKIPPED: providers not installable (${terraformError(initOutput)})`;
}

/**
 * The first `Error:` block of Terraform's output (run with `-no-color`), on one line; the last lines when there
 * is none.
 */
export function terraformError(output: string): string {
  const lines = output.split("\n").map((l) => l.replace(/^[│╷╵]\s?/, "").trim());
  const first = lines.findIndex((l) => l.startsWith("Error:"));
  if (first < 0)
    return lines
      .filter((l) => l)
      .slice(-3)
      .join(" ");
  const block: string[] = [];
  for (const l of lines.slice(first)) {
    if (block.length > 1 && l === "") break;
    if (l !== "") block.push(l);
  }
  return block.join(" ").slice(0, 600);
}

/** The parts of a site file the rehearsal reads or sets. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SiteJson = Record<string, any>;

/** Options of a rehearsal's site. */
export interface RehearsalSiteOptions {
  /** The stand-in OVA's URL, served on 127.0.0.1. */
  readonly ovaUrl: string;
  /** Opt the appliance's stack in to another provider release (e.g. "2.16.1"). */
  readonly providerVersion?: string;
  /** A suffix for the stack name (variants of one site in one run). */
  readonly stackSuffix?: string;
}

/**
 * The site as rehearsed: the OVA is the stand-in on 127.0.0.1; the readiness wait and the health check are off
 * (they would contact the plan's management address, which must never be reached from here); the Supervisor
 * may be replaced and destroyed, so the rehearsal can clean up.
 */
export function rehearsalSite(site: SiteJson, o: RehearsalSiteOptions): SiteJson {
  const out: SiteJson = JSON.parse(JSON.stringify(site));
  out.stackName = `${site.stackName}${o.stackSuffix ?? ""}`;
  out.haproxy = { ...out.haproxy, readinessCheck: false, healthCheck: false, ova: { url: o.ovaUrl } };
  if (o.providerVersion !== undefined) {
    out.vsphere = { ...out.vsphere, providerVersion: o.providerVersion };
    // HAP-10 warns on every release other than the pinned one; the variant exists to show why.
    out.acknowledge = [
      ...(out.acknowledge ?? []),
      {
        rule: "HAP-10",
        reason:
          "The rehearsal opts in to this release to show that it removes and recreates the appliance's NICs.",
      },
    ];
  }
  if (out.supervisor) {
    out.supervisor = { ...out.supervisor, protection: "allow" };
  }
  return out;
}

/** The host name the vApp change sets: one vApp value, which must plan the appliance's replacement. */
export const CHANGED_HOSTNAME = "rehearsal-changed.local";

/** The same site with one vApp value changed (the appliance's host name). */
export function withChangedVappValue(site: SiteJson): SiteJson {
  return { ...site, haproxy: { ...site.haproxy, hostname: CHANGED_HOSTNAME } };
}

/** The port groups of the appliance's NICs in OVF order: Management, Workload (and Frontend). */
export function plannedNicNetworks(site: SiteJson): string[] {
  const workloadName = site.haproxy.workloadNetwork ?? site.primaryWorkloadNetwork.name;
  const all = [site.primaryWorkloadNetwork, ...(site.workloadNetworks ?? [])];
  const workload = all.find((w: SiteJson) => w.name === workloadName);
  const out = [site.managementNetwork.name, workload?.portGroup.name ?? "?"];
  if (site.haproxy.mode === "frontend") out.push(site.frontendNetwork?.name ?? "?");
  return out;
}

/** The VM as the simulator's `inspect` command reads it back. */
export interface VmReadback {
  readonly name: string;
  readonly nics: { readonly key: number; readonly adapter: string; readonly network: string }[];
  readonly importedNicKeys: number[];
  readonly vappProperties: Record<string, string>;
  readonly extraConfig: Record<string, string>;
}

/** What the read-back must show. */
export interface ReadbackExpectation {
  readonly networks: string[];
  /** The vApp properties Terraform's state holds for the VM. */
  readonly vappProperties: Record<string, string>;
  readonly extraConfig: Record<string, string>;
  /** True: the NICs keep the import's device keys (provider 2.5.1); false: they were recreated (2.6.0+). */
  readonly nicsKept: boolean;
}

/** Every way the read-back differs from the expectation; empty when it matches. */
export function readbackProblems(vm: VmReadback, e: ReadbackExpectation): string[] {
  const problems: string[] = [];
  const networks = vm.nics.map((n) => n.network);
  if (JSON.stringify(networks) !== JSON.stringify(e.networks)) {
    problems.push(`NICs on ${JSON.stringify(networks)}, planned ${JSON.stringify(e.networks)}`);
  }
  const adapters = vm.nics.filter((n) => n.adapter !== "vmxnet3").map((n) => `${n.key}:${n.adapter}`);
  if (adapters.length > 0) problems.push(`NICs not vmxnet3: ${adapters.join(", ")}`);
  const keys = vm.nics.map((n) => n.key);
  const kept = JSON.stringify(keys) === JSON.stringify(vm.importedNicKeys);
  if (kept !== e.nicsKept) {
    problems.push(
      e.nicsKept
        ? `NIC device keys ${JSON.stringify(keys)}, the import's were ${JSON.stringify(vm.importedNicKeys)}: the NICs were recreated`
        : `NIC device keys ${JSON.stringify(keys)} are the import's: the NICs were kept (does this release keep them now?)`,
    );
  }
  for (const [k, v] of Object.entries(e.vappProperties)) {
    if (vm.vappProperties[k] !== v) {
      problems.push(
        `vApp property ${k}: ${JSON.stringify(vm.vappProperties[k])}, planned ${JSON.stringify(v)}`,
      );
    }
  }
  for (const [k, v] of Object.entries(e.extraConfig)) {
    if (vm.extraConfig[k] !== v) {
      problems.push(`extra_config ${k}: ${JSON.stringify(vm.extraConfig[k])}, planned ${JSON.stringify(v)}`);
    }
  }
  return problems;
}

/** A resource change of `terraform show -json <plan>`. */
export interface ResourceChange {
  readonly address: string;
  readonly change: { readonly actions: string[] };
}

/** The addresses a plan replaces (delete and create). */
export function replacedAddresses(plan: { resource_changes?: ResourceChange[] }): string[] {
  return (plan.resource_changes ?? [])
    .filter((c) => c.change.actions.includes("delete") && c.change.actions.includes("create"))
    .map((c) => c.address);
}

/** The addresses a plan changes in any way (for the message of a second plan that is not clean). */
export function changedAddresses(plan: { resource_changes?: ResourceChange[] }): string[] {
  return (plan.resource_changes ?? [])
    .filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === "no-op"))
    .map((c) => `${c.address} (${c.change.actions.join(",")})`);
}

/** An address and a count, as the vSphere Automation API takes ranges. */
export interface AddressCount {
  readonly address: string;
  readonly count: number;
}

/** What the Supervisor's enable request must carry, from the plan. */
export interface ExpectedEnableRequest {
  readonly name: string;
  readonly managementRange: AddressCount;
  readonly workloadNodeRanges: AddressCount[];
  readonly dataplaneHost: string;
  readonly dataplanePort: number;
  readonly loadBalancerRanges: AddressCount[];
  readonly apiServerDnsNames: string[];
}

/** `first-last` as address and count. */
export function addressCount(range: string): AddressCount {
  const [first, last] = range.split("-").map((a) => a.trim());
  const n = (a: string) => a.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  return { address: first, count: n(last) - n(first) + 1 };
}

/**
 * Every way the recorded enable request (the JSON body of `POST …/supervisors/{cluster}?action=enable_on_compute_cluster`,
 * govmomi v0.54.1 `vapi/namespace` field names) differs from the plan; empty when it matches.
 */
export function enableBodyProblems(body: SiteJson, e: ExpectedEnableRequest): string[] {
  const problems: string[] = [];
  const same = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      problems.push(`${what}: ${JSON.stringify(got)}, planned ${JSON.stringify(want)}`);
    }
  };
  const assigned = (ipManagement: SiteJson | undefined, assignee: string) =>
    (ipManagement?.ip_assignments ?? [])
      .filter((a: SiteJson) => a.assignee === assignee)
      .flatMap((a: SiteJson) => a.ranges);
  same("name", body.name, e.name);
  same("control_plane management addresses", assigned(body.control_plane?.network?.ip_management, "NODE"), [
    e.managementRange,
  ]);
  same(
    "workloads node ranges",
    assigned(body.workloads?.network?.ip_management, "NODE"),
    e.workloadNodeRanges,
  );
  same("edge HAProxy servers", body.workloads?.edge?.haproxy?.servers, [
    { host: e.dataplaneHost, port: e.dataplanePort },
  ]);
  same("edge load-balancer ranges", body.workloads?.edge?.load_balancer_address_ranges, e.loadBalancerRanges);
  same(
    "API server DNS names",
    body.workloads?.kube_api_server_options?.security?.certificate_dns_names,
    e.apiServerDnsNames,
  );
  return problems;
}
