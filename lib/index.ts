/**
 * The public API of tanzu-haproxy-network: the two constructs with their props and enums, the IP-plan engine's
 * entry points (check, advise, report), the diagnostic types, and the assertion for users' tests. Interval
 * arithmetic, parsing and string helpers stay internal. It is a jsii API (Python from the same source): the
 * free functions and constants are TypeScript's; every language reaches them as static members of classes
 * (`PlanChecks`, `TopologyAdvisor`, `PlanReport`, `SynthesizedPlan`, `RuleCatalogue`, `HaproxyLoadBalancer`).
 */

// Constructs, props and enums.
export { SupervisorWorkloadNetwork } from "./constructs/supervisor-workload-network";
export type {
  SupervisorWorkloadNetworkProps,
  PortGroupOptions,
} from "./constructs/supervisor-workload-network";
export {
  HaproxyLoadBalancer,
  HaproxyOva,
  HaproxyCertificateAuthority,
  DiskProvisioning,
  HAPROXY_HARDWARE,
  HAPROXY_EXTRA_CONFIG,
  OVF_NETWORKS,
  DATAPLANE_READINESS_PATH,
} from "./constructs/haproxy-load-balancer";
export type {
  HaproxyLoadBalancerProps,
  GeneratedCaOptions,
  VirtualServerRange,
  HaproxyHardware,
  OvfNetworkNames,
} from "./constructs/haproxy-load-balancer";
export { HaproxyMode, FoundationPersona } from "./model/plan";
export { ExistingHaproxy, SupervisorLoadBalancerType } from "./constructs/supervisor-load-balancer";
export type { ISupervisorLoadBalancer, ExistingHaproxyProps } from "./constructs/supervisor-load-balancer";
export {
  FoundationLoadBalancer,
  FoundationDeploymentSize,
  FoundationAvailability,
} from "./constructs/foundation-load-balancer";
export type { FoundationLoadBalancerProps } from "./constructs/foundation-load-balancer";
export type {
  PortGroupProps,
  WorkloadNetworkProps,
  NetworkPlanProps,
  HaproxyPlanProps,
  FoundationPlanProps,
  FoundationInterfaceProps,
  CertificateAuthorityPem,
  CheckOptions,
  IUnresolvedTest,
  NetworkPlan,
  PlanPortGroup,
  PlanWorkloadNetwork,
  PlanRange,
} from "./model/plan";
export type { Interval, Cidr } from "./model/ip";

// The engine: check a plan, choose a topology, render the report.
export {
  checkPlan,
  checkNetworkPlan,
  checkHaproxyPlan,
  checkSupervisorPlan,
  checkFoundationPlan,
  checkWholePlan,
  hasErrors,
} from "./rules/engine";
export type {
  PlanCheck,
  PlanFindings,
  NetworkPlanCheck,
  HaproxyPlanCheck,
  HaproxyPlan,
  PlanVirtualIp,
  WholePlanCheck,
  EngineOptions,
} from "./rules/engine";
export { PlanChecks } from "./rules/plan-checks";
export { adviseTopology, Topology, TopologyAdvisor, AdvisedLoadBalancer } from "./model/topology-advisor";
export type { TopologyQuestions, TopologyAdvice } from "./model/topology-advisor";
export { renderPlanMarkdown, subnetReports, wizardValues, AllocationKind } from "./report/plan-report";
export type {
  PlanReportInput,
  PlanReportLoadBalancer,
  PlanReportLoadBalancerInterface,
  SubnetReport,
  Allocation,
  WizardField,
} from "./report/plan-report";
export { renderAddressMap, renderPlanAddressMap, ServerRole } from "./report/address-map-svg";
export type { AddressMapOverlays, AddressMapServer } from "./report/address-map-svg";
export { PlanReport } from "./report/plan-report-renderers";
export { assertValidPlan, planReportFiles } from "./constructs/plan-report-synthesizer";
export { SynthesizedPlan } from "./constructs/synthesized-plan";

// The Supervisor.
export {
  Supervisor,
  ControlPlaneSize,
  SupervisorEnablement,
  SupervisorProtection,
} from "./constructs/supervisor";
export type { SupervisorProps } from "./constructs/supervisor";
export { SupervisorV2 } from "./constructs/supervisor-v2";
export type {
  SupervisorV2Config,
  SupervisorV2ControlPlane,
  SupervisorV2Workloads,
  SupervisorV2IpManagement,
  SupervisorV2IpAssignment,
  SupervisorV2Range,
  SupervisorV2Services,
  SupervisorV2Edge,
  SupervisorV2Haproxy,
  SupervisorV2HaproxyServer,
  SupervisorV2Foundation,
  SupervisorV2FoundationTarget,
  SupervisorV2FoundationInterface,
  SupervisorV2FoundationNetwork,
  SupervisorV2FoundationDvpg,
  SupervisorV2FoundationIpConfig,
  SupervisorV2FoundationServices,
  SupervisorV2Syslog,
  SupervisorV2Dns,
  SupervisorV2Ntp,
  SupervisorV2Backing,
  SupervisorV2ManagementNetwork,
  SupervisorV2VsphereNetwork,
  SupervisorV2WorkloadNetwork,
  SupervisorV2ApiServerSecurity,
  SupervisorV2KubeApiServerOptions,
  SupervisorV2Timeouts,
} from "./constructs/supervisor-v2";
export type {
  SupervisorSettings,
  SupervisorControlPlaneSettings,
  SupervisorServiceCidrSettings,
  SupervisorNetworkServicesSettings,
  SupervisorManagementSettings,
  SupervisorWorkloadSettings,
  SupervisorEdgeSettings,
  SupervisorEdgeServer,
  SupervisorFoundationSettings,
  SupervisorFoundationInterfaceSettings,
  AddressCount,
} from "./report/supervisor-report";
export type {
  SupervisorPlanProps,
  NetworkIdentifier,
  DataPlaneApiServer,
  ExistingHaproxyPlanProps,
} from "./model/plan";

// State that moves with the project.
export { ProjectLocalBackend } from "./constructs/local-backend";
export { StateBackend, StateBackendType } from "./constructs/state-backend";

// Checks across sites.
export { checkFleet } from "./rules/fleet-engine";
export type { FleetCheckOptions } from "./rules/fleet-engine";
export type { FleetSite, FleetLoadBalancer, FleetLoadBalancerServer } from "./rules/fleet-context";
export type { PgStateProps, S3StateProps, CloudStateProps } from "./constructs/state-backend";

// Acknowledging warnings, and rules of the site's own.
export { PlanAcknowledgements } from "./constructs/acknowledgements";
export type { Acknowledgement, ScopedAcknowledgement } from "./constructs/acknowledgements";
export { SiteRule, SiteRules } from "./rules/site-rules";
export type { SiteRuleProps, ISiteRuleReporter } from "./rules/site-rules";
export type { Report } from "./rules/rule";

// Findings.
export { Severity, formatDiagnostic } from "./model/diagnostics";
export type { Diagnostic, Finding, AcknowledgedDiagnostic } from "./model/diagnostics";
export { RULES, RuleCatalogue } from "./rules/catalogue";
export type { RuleInfo, RuleExample } from "./rules/catalogue";
