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
