/**
 * The public API of tanzu-haproxy-network: the two constructs with their props and enums, the IP-plan engine's
 * entry points (check, advise, report), the diagnostic types, and the assertion for users' tests. Interval
 * arithmetic, parsing and string helpers stay internal.
 */

// Constructs, props and enums.
export { SupervisorWorkloadNetwork } from "./supervisor-workload-network";
export type { SupervisorWorkloadNetworkProps, PortGroupOptions } from "./supervisor-workload-network";
export {
  HaproxyLoadBalancer,
  HaproxyOva,
  HaproxyCertificateAuthority,
  DiskProvisioning,
  HAPROXY_HARDWARE,
  HAPROXY_EXTRA_CONFIG,
  OVF_NETWORKS,
  DATAPLANE_READINESS_PATH,
} from "./haproxy-load-balancer";
export type {
  HaproxyLoadBalancerProps,
  GeneratedCaOptions,
  VirtualServerRange,
} from "./haproxy-load-balancer";
export { HaproxyMode } from "./plan";
export type {
  PortGroupProps,
  WorkloadNetworkProps,
  NetworkPlanProps,
  HaproxyPlanProps,
  CertificateAuthorityPem,
  CheckOptions,
  NetworkPlan,
  PlanPortGroup,
  PlanWorkloadNetwork,
  PlanRange,
} from "./plan";
export type { Interval, Cidr } from "./ip";

// The engine: check a plan, choose a topology, render the report.
export { checkPlan, checkNetworkPlan, checkHaproxyPlan, hasErrors } from "./rules";
export type { PlanCheck, HaproxyPlan } from "./rules";
export { adviseTopology, Topology } from "./topology-advisor";
export type { TopologyQuestions, TopologyAdvice } from "./topology-advisor";
export { renderPlanMarkdown, subnetReports, wizardValues, AllocationKind } from "./plan-report";
export type { PlanReportInput, SubnetReport, Allocation, WizardField } from "./plan-report";
export { renderAddressMap } from "./address-map-svg";
export { assertValidPlan, planReportFiles } from "./plan-report-synthesizer";

// Findings.
export { Severity, RULES, formatDiagnostic } from "./diagnostics";
export type { Diagnostic, RuleInfo } from "./diagnostics";
