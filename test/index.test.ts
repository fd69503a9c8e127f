/** The public API is deliberate: the names it exports, and a doc comment on every one of them. */
import * as path from "path";
import * as ts from "typescript";
import * as lib from "../lib";

describe("the package's public API", () => {
  test("exports the constructs, the engine's entry points and the diagnostic types, and nothing else at run time", () => {
    expect(Object.keys(lib).sort()).toEqual(
      [
        "AllocationKind",
        "ControlPlaneSize",
        "Supervisor",
        "SupervisorEnablement",
        "SupervisorProtection",
        "SupervisorV2",
        "checkSupervisorPlan",
        "checkFoundationPlan",
        "AdvisedLoadBalancer",
        "ExistingHaproxy",
        "FoundationAvailability",
        "FoundationDeploymentSize",
        "FoundationLoadBalancer",
        "FoundationPersona",
        "SupervisorLoadBalancerType",
        "checkWholePlan",
        "DATAPLANE_READINESS_PATH",
        "DiskProvisioning",
        "HAPROXY_EXTRA_CONFIG",
        "HAPROXY_HARDWARE",
        "HaproxyCertificateAuthority",
        "HaproxyLoadBalancer",
        "HaproxyMode",
        "HaproxyOva",
        "OVF_NETWORKS",
        "PlanAcknowledgements",
        "PlanChecks",
        "PlanReport",
        "RuleCatalogue",
        "SiteRule",
        "SynthesizedPlan",
        "TopologyAdvisor",
        "ProjectLocalBackend",
        "SiteRules",
        "StateBackend",
        "StateBackendType",
        "RULES",
        "Severity",
        "SupervisorWorkloadNetwork",
        "Topology",
        "adviseTopology",
        "assertValidPlan",
        "checkHaproxyPlan",
        "checkNetworkPlan",
        "checkFleet",
        "checkPlan",
        "formatDiagnostic",
        "hasErrors",
        "planReportFiles",
        "renderAddressMap",
        "renderPlanAddressMap",
        "ServerRole",
        "renderPlanMarkdown",
        "subnetReports",
        "wizardValues",
      ].sort(),
    );
    for (const internal of ["size", "union", "contains", "quote", "diag", "parseAddress", "PlanReader"]) {
      expect(lib).not.toHaveProperty(internal);
    }
  });

  test("every free function and constant is reachable as a static member of a class (jsii drops free ones)", () => {
    const statics: Record<string, unknown> = {
      checkPlan: lib.PlanChecks.checkPlan,
      checkNetworkPlan: lib.PlanChecks.checkNetworkPlan,
      checkHaproxyPlan: lib.PlanChecks.checkHaproxyPlan,
      checkSupervisorPlan: lib.PlanChecks.checkSupervisorPlan,
      checkWholePlan: lib.PlanChecks.checkWholePlan,
      checkFoundationPlan: lib.PlanChecks.checkFoundationPlan,
      checkFleet: lib.PlanChecks.checkFleet,
      hasErrors: lib.PlanChecks.hasErrors,
      formatDiagnostic: lib.PlanChecks.formatDiagnostic,
      adviseTopology: lib.TopologyAdvisor.advise,
      renderPlanMarkdown: lib.PlanReport.renderMarkdown,
      subnetReports: lib.PlanReport.subnetReports,
      wizardValues: lib.PlanReport.wizardValues,
      renderAddressMap: lib.PlanReport.renderAddressMap,
      renderPlanAddressMap: lib.PlanReport.renderPlanAddressMap,
      assertValidPlan: lib.SynthesizedPlan.assertValid,
      planReportFiles: lib.SynthesizedPlan.reportFiles,
      RULES: Object.fromEntries(lib.RuleCatalogue.all().map((r) => [r.id, r])),
      HAPROXY_HARDWARE: lib.HaproxyLoadBalancer.HARDWARE,
      HAPROXY_EXTRA_CONFIG: lib.HaproxyLoadBalancer.EXTRA_CONFIG,
      OVF_NETWORKS: lib.HaproxyLoadBalancer.OVF_NETWORKS,
      DATAPLANE_READINESS_PATH: lib.HaproxyLoadBalancer.DATAPLANE_READINESS_PATH,
    };
    const free = Object.entries(lib)
      .filter(([name, value]) =>
        typeof value === "function" ? !/^[A-Z]/.test(name) : /^[A-Z_]+$/.test(name),
      )
      .map(([name]) => name);
    expect(free.sort()).toEqual(Object.keys(statics).sort());
    for (const [name, value] of Object.entries(statics)) {
      const original = (lib as Record<string, unknown>)[name];
      if (typeof original === "function") expect(typeof value).toBe("function");
      else expect(value).toEqual(original);
    }
    expect(lib.RuleCatalogue.all()).toEqual(Object.values(lib.RULES));
    expect(lib.RuleCatalogue.find("VIP-01")).toBe(lib.RULES["VIP-01"]);
    expect(lib.RuleCatalogue.find("ACME-01")).toBeUndefined();
  });

  test("every exported name, types included, has a doc comment", () => {
    const index = path.join(__dirname, "..", "lib", "index.ts");
    const program = ts.createProgram([index], { strict: true, skipLibCheck: true, types: [] });
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
    const exported = checker.getExportsOfModule(module);
    expect(exported.length).toBeGreaterThan(40);
    const undocumented = exported
      .map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s))
      .filter((s) => ts.displayPartsToString(s.getDocumentationComment(checker)).trim().length === 0)
      .map((s) => s.getName());
    expect(undocumented).toEqual([]);
  });
});
