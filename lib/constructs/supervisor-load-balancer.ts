/**
 * The load balancers a Supervisor can take: the HAProxy appliance this library deploys (`HaproxyLoadBalancer`),
 * an HAProxy with Data Plane API 2.x that already runs (`ExistingHaproxy`), and the vSphere Foundation Load
 * Balancer that vCenter deploys itself (`FoundationLoadBalancer`, vSphere 9). The two that this plan does not
 * deploy are checked here with the same engine as the appliance: their VIP CIDRs against the whole plan.
 */
import { Construct } from "constructs";
import { AcknowledgedDiagnostic, Diagnostic } from "../model/diagnostics";
import { formatAddress, formatCidr, size } from "../model/ip";
import { loadBalancerRangesOf } from "../model/load-balancer-ranges";
import { DataPlaneApiServer, FoundationPlanProps, HaproxyMode, HaproxyPlanProps } from "../model/plan";
import {
  address,
  listOf,
  num,
  objectOf,
  optional,
  PropSpec,
  required,
  str,
  instance,
} from "../model/prop-spec";
import { checkWholePlan, HaproxyPlan, checkHaproxyPlan } from "../rules/engine";
import { Acknowledgement, addAcknowledgements } from "./acknowledgements";
import { attachDiagnostics, reviseDiagnostics, TOKEN_AWARE } from "./construct-diagnostics";
import { checkConstructProps } from "./construct-props";
import { reportedNetwork, reportFindings } from "./plan-report-synthesizer";
import type { VirtualServerRange } from "./haproxy-load-balancer";
import { ACKNOWLEDGEMENTS_SPEC, SupervisorWorkloadNetwork } from "./supervisor-workload-network";

/** Which load balancer a Supervisor is enabled with. */
export enum SupervisorLoadBalancerType {
  /** The HAProxy appliance (OVA v0.2.0) this plan deploys (`HaproxyLoadBalancer`). */
  HAPROXY_APPLIANCE = "haproxy-appliance",
  /** An HAProxy with Data Plane API 2.x that runs already, reached at its Data Plane API (`ExistingHaproxy`). */
  EXISTING_HAPROXY = "existing-haproxy",
  /** The vSphere Foundation Load Balancer, deployed by vCenter (vSphere 9, `FoundationLoadBalancer`). */
  VSPHERE_FOUNDATION = "vsphere-foundation",
}

/**
 * A load balancer a `Supervisor` can be enabled with (`SupervisorProps.loadBalancer`). Implemented by
 * `HaproxyLoadBalancer`, `ExistingHaproxy` and `FoundationLoadBalancer`; the Supervisor refuses others.
 */
export interface ISupervisorLoadBalancer {
  /** Which load balancer it is. */
  readonly loadBalancerType: SupervisorLoadBalancerType;
  /** Its name; the Supervisor's edge id is this name as a DNS label. */
  readonly name: string;
  /** The VIP CIDRs it serves. */
  readonly virtualIpCidrs: string[];
  /** The load-balancer ranges handed to the Supervisor: the VIP CIDRs less network and broadcast addresses (VIP-06). */
  readonly virtualServerRanges: VirtualServerRange[];
}

/** What checking a load balancer that the plan does not deploy gives. */
export interface UndeployedCheck {
  readonly plan: HaproxyPlan;
  readonly diagnostics: Diagnostic[];
  readonly acknowledged: AcknowledgedDiagnostic[];
  readonly virtualServerRanges: VirtualServerRange[];
}

/**
 * Check a load balancer this plan does not deploy with the whole plan: its VIP CIDRs by the VIP rules (the
 * appliance's own rules do not run: `deployed` false), and the Foundation Load Balancer's interfaces by the VFL
 * rules; its findings are attached to `scope`, the network's revised.
 */
export function checkUndeployedLoadBalancer(
  scope: Construct & ISupervisorLoadBalancer,
  network: SupervisorWorkloadNetwork,
  props: HaproxyPlanProps,
  acknowledge: Acknowledgement[],
  foundation?: FoundationPlanProps,
  caCertificatePem?: string,
): UndeployedCheck {
  const options = { ...TOKEN_AWARE, siteRules: network.siteRules };
  const check = checkHaproxyPlan(network.plan, props, { ...options, verifySuggestions: false });
  const whole = checkWholePlan(network.plan.props, props, undefined, { ...options, foundation });
  const diagnostics = [...whole.haproxy, ...whole.foundation];
  addAcknowledgements(scope, acknowledge, "acknowledge");
  const network_ = network.plan.unresolved;
  const acknowledged = attachDiagnostics(
    scope,
    diagnostics,
    whole.unresolved.filter((u) => !network_.includes(u)),
  );
  reviseDiagnostics(network, network.diagnostics, whole.network, network.acknowledged);
  // Its errors block its stack's Terraform, as the appliance's and the Supervisor's do.
  reportFindings(scope, { construct: scope, diagnostics, acknowledged });
  // The network's report shows it instead of an appliance: its VIPs and interfaces, its findings, its wizard rows.
  const entry = reportedNetwork(network);
  if (entry) {
    entry.loadBalancer = {
      construct: scope,
      diagnostics,
      acknowledged,
      plan: check.plan,
      password: props.dataplanePassword,
      caCertificatePem,
      loadBalancer: {
        loadBalancerType: scope.loadBalancerType,
        name: scope.name,
        dataplaneEndpoints:
          scope instanceof ExistingHaproxy ? scope.servers.map((s) => `${s.host}:${s.port}`) : [],
        username: foundation ? "" : props.dataplaneUser,
        interfaces: (foundation?.interfaces ?? []).map((i) => ({
          personas: [...i.personas],
          portGroup: i.portGroup,
          addressRanges: [...i.addressRanges],
        })),
      },
    };
  }
  const virtualServerRanges = check.plan.virtualIps.flatMap((v) =>
    loadBalancerRangesOf(network.plan, v.cidr).map((r) => ({
      cidr: formatCidr(v.cidr),
      start: formatAddress(r.first),
      end: formatAddress(r.last),
      count: size(r),
    })),
  );
  return { plan: check.plan, diagnostics, acknowledged, virtualServerRanges };
}

/** Props of {@link ExistingHaproxy}. */
export interface ExistingHaproxyProps {
  /** The Supervisor's networks: the VIP CIDRs are checked against them. */
  readonly network: SupervisorWorkloadNetwork;
  /**
   * Its name; the Supervisor's edge id is this name as a DNS label (SUP-02).
   * @default - the construct id
   */
  readonly name?: string;
  /** Its Data Plane API endpoint(s): one or more (`edge.haproxy.server`). */
  readonly servers: DataPlaneApiServer[];
  /** The Data Plane API user (`edge.haproxy.username`). */
  readonly username: string;
  /**
   * The Data Plane API password: a token, e.g. a sensitive `TerraformVariable`'s value, never a literal (SEC-02).
   * The Supervisor sends it wrapped in `sensitive()`, so `terraform plan` does not print it.
   */
  readonly password: string;
  /** The CA certificate (PEM) that signed the Data Plane API's certificate (`edge.haproxy.ca_chain`). */
  readonly caCertificatePem: string;
  /** The VIP blocks HAProxy serves, as CIDRs, e.g. `["192.168.120.128/25"]` (IP-02, VIP rules). */
  readonly virtualIpCidrs: string[];
  /**
   * Warnings of this load balancer accepted on purpose, each with a reason.
   * @default - none
   */
  readonly acknowledge?: Acknowledgement[];
}

/** The run-time shape of {@link ExistingHaproxyProps}. */
export const EXISTING_HAPROXY_PROPS_SPEC: PropSpec = {
  fields: {
    network: required(
      instance("a SupervisorWorkloadNetwork", (v) => v instanceof SupervisorWorkloadNetwork),
      "the Supervisor's networks",
    ),
    name: optional(str),
    servers: required(
      listOf(objectOf({ fields: { host: required(address), port: optional(num) } })),
      'the Data Plane API endpoints, e.g. [{ host: "10.0.0.10", port: 5556 }]',
    ),
    username: required(str, "the Data Plane API user"),
    password: required(str, "the Data Plane API password, e.g. a sensitive TerraformVariable's value"),
    caCertificatePem: required(str, "the Data Plane API's CA certificate, PEM"),
    virtualIpCidrs: required(listOf(str), 'the VIP blocks as CIDRs, e.g. ["192.168.120.128/25"]'),
    acknowledge: optional(ACKNOWLEDGEMENTS_SPEC),
  },
};

/**
 * An HAProxy with Data Plane API 2.x that runs already (not deployed by this plan), for the Supervisor's
 * `edge.haproxy`. It creates no resource: it checks its VIP CIDRs with the whole plan (IP-02, VIP-01 … VIP-04,
 * VIP-06, VIP-07) and its password (SEC-02). There is no readiness check: a Terraform check against an endpoint
 * we do not deploy would fail every later plan whenever the endpoint is down, not only the enable.
 */
export class ExistingHaproxy extends Construct implements ISupervisorLoadBalancer {
  /** The Data Plane API port of the appliance and of the Data Plane API's examples. */
  public static readonly DEFAULT_DATAPLANE_PORT = 5556;

  public readonly loadBalancerType = SupervisorLoadBalancerType.EXISTING_HAPROXY;
  public readonly name: string;
  public readonly servers: DataPlaneApiServer[];
  public readonly username: string;
  public readonly password: string;
  public readonly caCertificatePem: string;
  public readonly virtualIpCidrs: string[];
  public readonly virtualServerRanges: VirtualServerRange[];
  /** The parsed VIP side, as the engine checked it. */
  public readonly plan: HaproxyPlan;
  /** Findings of its rules. */
  public readonly diagnostics: Diagnostic[];
  /** The warnings acknowledged on it or above it, with their reasons. */
  public readonly acknowledged: AcknowledgedDiagnostic[];

  constructor(scope: Construct, id: string, props: ExistingHaproxyProps) {
    checkConstructProps(scope, id, props, EXISTING_HAPROXY_PROPS_SPEC);
    super(scope, id);
    this.name = props.name ?? id;
    this.servers = props.servers.map((s) => ({
      host: s.host,
      port: s.port ?? ExistingHaproxy.DEFAULT_DATAPLANE_PORT,
    }));
    this.username = props.username;
    this.password = props.password;
    this.caCertificatePem = props.caCertificatePem;
    this.virtualIpCidrs = props.virtualIpCidrs;
    const check = checkUndeployedLoadBalancer(
      this,
      props.network,
      existingHaproxyPlanProps(this.servers, props),
      props.acknowledge ?? [],
      undefined,
      props.caCertificatePem,
    );
    this.plan = check.plan;
    this.diagnostics = check.diagnostics;
    this.acknowledged = check.acknowledged;
    this.virtualServerRanges = check.virtualServerRanges;
  }
}

/** The plan props of an existing HAProxy: its VIPs and API credentials, no interface of ours. */
function existingHaproxyPlanProps(
  servers: DataPlaneApiServer[],
  props: ExistingHaproxyProps,
): HaproxyPlanProps {
  return {
    deployed: false,
    mode: HaproxyMode.DEFAULT,
    virtualIpCidrs: props.virtualIpCidrs,
    managementIp: servers[0]?.host ?? "",
    workloadIp: "",
    nameservers: [],
    dataplanePort: servers[0]?.port ?? ExistingHaproxy.DEFAULT_DATAPLANE_PORT,
    dataplaneUser: props.username,
    dataplanePassword: props.password,
    existingHaproxy: { servers, caCertificatePem: props.caCertificatePem },
  };
}
