/**
 * The vSphere Foundation Load Balancer (vSphere 9): vCenter deploys it when the Supervisor is enabled with
 * `workloads.edge.foundation` (vsphere provider 2.16.1 `vsphere/internal/helper/supervisor/supervisor_helper.go`
 * lines 383-424, `buildFoundation`); this construct deploys no VM, it plans and checks its interfaces, VIPs and
 * services (VFL rules, and the VIP rules on its VIP CIDRs).
 */
import { Construct } from "constructs";
import { AcknowledgedDiagnostic, Diagnostic } from "../model/diagnostics";
import { FoundationInterfaceProps, FoundationPersona, HaproxyMode } from "../model/plan";
import {
  enumOf,
  instance,
  listOf,
  objectOf,
  optional,
  PropSpec,
  required,
  str,
  address,
} from "../model/prop-spec";
import { HaproxyPlan } from "../rules/engine";
import { Acknowledgement } from "./acknowledgements";
import { checkConstructProps } from "./construct-props";
import type { VirtualServerRange } from "./haproxy-load-balancer";
import {
  checkUndeployedLoadBalancer,
  ISupervisorLoadBalancer,
  SupervisorLoadBalancerType,
} from "./supervisor-load-balancer";
import { ACKNOWLEDGEMENTS_SPEC, SupervisorWorkloadNetwork } from "./supervisor-workload-network";

/** The CPU and memory of the load balancer's nodes (`deployment_target.deployment_size`, provider line 582). */
export enum FoundationDeploymentSize {
  /** Small. */
  SMALL = "SMALL",
  /** Medium. */
  MEDIUM = "MEDIUM",
  /** Large. */
  LARGE = "LARGE",
  /** Extra large. */
  X_LARGE = "X_LARGE",
}

/** How many nodes the load balancer runs (`deployment_target.availability`, provider line 570). */
export enum FoundationAvailability {
  /** Two nodes, one active and one standby. */
  ACTIVE_PASSIVE = "ACTIVE_PASSIVE",
  /** One node: no failover. */
  SINGLE_NODE = "SINGLE_NODE",
}

/** Props of {@link FoundationLoadBalancer}. */
export interface FoundationLoadBalancerProps {
  /** The Supervisor's networks: the interfaces sit on their port groups. */
  readonly network: SupervisorWorkloadNetwork;
  /**
   * Its name; the Supervisor's edge id is this name as a DNS label (SUP-02).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Its interfaces: each on a port group of the plan, with its personas and static address ranges (VFL-01 …
   * VFL-04). MANAGEMENT, WORKLOAD and FRONTEND each on exactly one interface.
   */
  readonly interfaces: FoundationInterfaceProps[];
  /**
   * The VIP blocks it serves, as CIDRs (IP-02, VIP rules, VFL-05); the Supervisor's `lb_address_range` is
   * them less network and broadcast addresses (VIP-06).
   */
  readonly virtualIpCidrs: string[];
  /**
   * The size of its nodes.
   * @default - not sent: vCenter's default
   */
  readonly deploymentSize?: FoundationDeploymentSize;
  /**
   * Its availability.
   * @default - not sent: vCenter's default
   */
  readonly availability?: FoundationAvailability;
  /**
   * The storage policy id of its nodes.
   * @default - not sent: vCenter's default
   */
  readonly storagePolicyId?: string;
  /** DNS servers of its nodes: IPv4 addresses (IP-01; provider line 491 `IsIPv4Address`). */
  readonly dnsServers: string[];
  /**
   * DNS search domains.
   * @default - none
   */
  readonly dnsSearchDomains?: string[];
  /** NTP servers of its nodes. */
  readonly ntpServers: string[];
  /**
   * Where its nodes forward their logs (`network_services.syslog.endpoint`).
   * @default - no remote logging
   */
  readonly syslogEndpoint?: string;
  /**
   * The CA (PEM) of a TLS syslog endpoint (`network_services.syslog.ca_cert`).
   * @default - none
   */
  readonly syslogCaPem?: string;
  /**
   * Warnings of this load balancer accepted on purpose, each with a reason.
   * @default - none
   */
  readonly acknowledge?: Acknowledgement[];
}

/** The run-time shape of {@link FoundationLoadBalancerProps}. */
export const FOUNDATION_PROPS_SPEC: PropSpec = {
  fields: {
    network: required(
      instance("a SupervisorWorkloadNetwork", (v) => v instanceof SupervisorWorkloadNetwork),
      "the Supervisor's networks",
    ),
    name: optional(str),
    interfaces: required(
      listOf(
        objectOf({
          fields: {
            personas: required(listOf(enumOf("FoundationPersona", FoundationPersona))),
            portGroup: required(str, "the name of a port group of the plan"),
            addressRanges: required(
              listOf(str),
              'the interface\'s addresses, e.g. ["192.168.120.10-192.168.120.12"]',
            ),
          },
        }),
      ),
      'the interfaces, e.g. [{ personas: [FoundationPersona.MANAGEMENT], portGroup: "mgmt", addressRanges: ["10.0.0.20-10.0.0.21"] }]',
    ),
    virtualIpCidrs: required(listOf(str), 'the VIP blocks as CIDRs, e.g. ["192.168.120.128/25"]'),
    deploymentSize: optional(enumOf("FoundationDeploymentSize", FoundationDeploymentSize)),
    availability: optional(enumOf("FoundationAvailability", FoundationAvailability)),
    storagePolicyId: optional(str),
    dnsServers: required(listOf(address), 'the DNS servers\' addresses, e.g. ["10.0.0.2"]'),
    dnsSearchDomains: optional(listOf(str)),
    ntpServers: required(listOf(str), 'the NTP servers, e.g. ["pool.ntp.org"]'),
    syslogEndpoint: optional(str),
    syslogCaPem: optional(str),
    acknowledge: optional(ACKNOWLEDGEMENTS_SPEC),
  },
};

/**
 * The vSphere Foundation Load Balancer of a vSphere 9 Supervisor: planned and checked here, deployed by vCenter
 * at enablement. It creates no resource: the `Supervisor` sends it as `workloads.edge.foundation`.
 */
export class FoundationLoadBalancer extends Construct implements ISupervisorLoadBalancer {
  public readonly loadBalancerType = SupervisorLoadBalancerType.VSPHERE_FOUNDATION;
  public readonly name: string;
  /** The interfaces as given. */
  public readonly interfaces: FoundationInterfaceProps[];
  public readonly virtualIpCidrs: string[];
  public readonly virtualServerRanges: VirtualServerRange[];
  /** Resolved props (defaults applied). */
  public readonly deploymentSize?: FoundationDeploymentSize;
  public readonly availability?: FoundationAvailability;
  public readonly storagePolicyId?: string;
  public readonly dnsServers: string[];
  public readonly dnsSearchDomains: string[];
  public readonly ntpServers: string[];
  public readonly syslogEndpoint?: string;
  public readonly syslogCaPem?: string;
  /** The parsed VIP side, as the engine checked it. */
  public readonly plan: HaproxyPlan;
  /** Findings of its rules (VIP, VFL, IP). */
  public readonly diagnostics: Diagnostic[];
  /** The warnings acknowledged on it or above it, with their reasons. */
  public readonly acknowledged: AcknowledgedDiagnostic[];

  constructor(scope: Construct, id: string, props: FoundationLoadBalancerProps) {
    checkConstructProps(scope, id, props, FOUNDATION_PROPS_SPEC);
    super(scope, id);
    this.name = props.name ?? id;
    this.interfaces = props.interfaces;
    this.virtualIpCidrs = props.virtualIpCidrs;
    this.deploymentSize = props.deploymentSize;
    this.availability = props.availability;
    this.storagePolicyId = props.storagePolicyId;
    this.dnsServers = props.dnsServers;
    this.dnsSearchDomains = props.dnsSearchDomains ?? [];
    this.ntpServers = props.ntpServers;
    this.syslogEndpoint = props.syslogEndpoint;
    this.syslogCaPem = props.syslogCaPem;
    const check = checkUndeployedLoadBalancer(
      this,
      props.network,
      {
        deployed: false,
        mode: HaproxyMode.DEFAULT,
        virtualIpCidrs: props.virtualIpCidrs,
        managementIp: "",
        workloadIp: "",
        nameservers: [],
        dataplanePort: 0,
        dataplaneUser: "",
      },
      props.acknowledge ?? [],
      {
        interfaces: props.interfaces,
        dnsServers: props.dnsServers,
        ntpServers: props.ntpServers,
        dnsSearchDomains: props.dnsSearchDomains,
        syslogEndpoint: props.syslogEndpoint,
        syslogCaPem: props.syslogCaPem,
      },
    );
    this.plan = check.plan;
    this.diagnostics = check.diagnostics;
    this.acknowledged = check.acknowledged;
    this.virtualServerRanges = check.virtualServerRanges;
  }
}
