/**
 * The Supervisor, enabled from the same plan as its networks and its HAProxy appliance: a
 * `vsphere_supervisor_v2` (vsphere provider 2.16.1, vSphere 8.0.2+) whose every value is derived from the
 * `SupervisorWorkloadNetwork` and the `HaproxyLoadBalancer`, guarded against the provider's day-2 behaviour.
 */
import { Fn, Op, TerraformStack, Token } from "cdktf";
import { TerraformData } from "./terraform-data";
import { Construct } from "constructs";
import { AcknowledgedDiagnostic, Diagnostic } from "../model/diagnostics";
import { toDnsLabel } from "../model/names";
import { FoundationPlanProps, SupervisorPlanProps } from "../model/plan";
import { SupervisorSettings } from "../report/supervisor-report";
import { checkSupervisorPlan, checkWholePlan } from "../rules/engine";
import { Acknowledgement, addAcknowledgements } from "./acknowledgements";
import { attachDiagnostics, reviseDiagnostics, TOKEN_AWARE } from "./construct-diagnostics";
import { readinessPrecondition } from "./dataplane-readiness";
import { DATAPLANE_READINESS_PATH, HaproxyLoadBalancer } from "./haproxy-load-balancer";
import { reportedNetwork, reportFindings } from "./plan-report-synthesizer";
import { pinVsphereProvider, requireTerraformVersion } from "./provider-pin";
import { controlPlaneBlock, supervisorSettings, workloadsBlock } from "./supervisor-settings";
import { snake, SupervisorV2 } from "./supervisor-v2";
import { ACKNOWLEDGEMENTS_SPEC, SupervisorWorkloadNetwork } from "./supervisor-workload-network";
import {
  address,
  enumOf,
  instance,
  listOf,
  num,
  optional,
  PropSpec,
  required,
  str,
} from "../model/prop-spec";
import { checkConstructProps, refuseProps } from "./construct-props";
import { FoundationLoadBalancer } from "./foundation-load-balancer";
import { ExistingHaproxy, ISupervisorLoadBalancer } from "./supervisor-load-balancer";

/** The size of the control-plane VMs. */
export enum ControlPlaneSize {
  /** 2 vCPU, 8 GB: up to about 1,000 pods. */
  TINY = "TINY",
  /** 4 vCPU, 16 GB: up to about 2,000 pods. */
  SMALL = "SMALL",
  /** 8 vCPU, 16 GB: up to about 4,000 pods. */
  MEDIUM = "MEDIUM",
  /** 16 vCPU, 32 GB: up to about 8,000 pods. */
  LARGE = "LARGE",
}

/** How the Supervisor is enabled. */
export enum SupervisorEnablement {
  /** `vsphere_supervisor_v2` in this stack (vsphere provider 2.16.1, vSphere 8.0.2 or later). */
  TERRAFORM = "terraform",
  /**
   * No resource: the report writes the enable request body of the vSphere 7 Clusters API beside itself, for
   * sites on vSphere 7 or 8.0 before 8.0.2 (no Terraform resource can enable a Supervisor with HAProxy there).
   */
  REQUEST_BODY_ONLY = "request-body",
}

/** What protects a running Supervisor from the provider's day-2 behaviour. */
export enum SupervisorProtection {
  /**
   * `prevent_destroy`, and a changed setting plans a replacement that `prevent_destroy` stops: the plan fails,
   * naming the resource, and the settings diff shows on `<id>/settings`. Nothing is disabled.
   */
  PREVENT_DESTROY_AND_REPLACEMENT = "prevent",
  /**
   * Explicit opt-in: a changed setting replaces the Supervisor (disable, then enable: every namespace and
   * cluster on it is lost) and `terraform destroy` disables it.
   */
  ALLOW_REPLACEMENT_AND_DESTROY = "allow",
}

/** Props of {@link Supervisor}. */
export interface SupervisorProps {
  /** The Supervisor's networks (may live in another stack: values are passed by cross-stack references). */
  readonly network: SupervisorWorkloadNetwork;
  /**
   * The load balancer: the HAProxy appliance of this plan (`HaproxyLoadBalancer`), an HAProxy that runs already
   * (`ExistingHaproxy`) or the vSphere Foundation Load Balancer (`FoundationLoadBalancer`, vSphere 9). Give
   * exactly one of `loadBalancer` and `haproxy`.
   * @default - the `haproxy`
   */
  readonly loadBalancer?: ISupervisorLoadBalancer;
  /**
   * The HAProxy appliance wired to those networks.
   * @deprecated use `loadBalancer`, which takes the same appliance
   * @default - the `loadBalancer`
   */
  readonly haproxy?: HaproxyLoadBalancer;
  /**
   * The cluster's managed object id (`domain-c…`, e.g. a `vsphere_compute_cluster` data source's id), for a
   * Supervisor on one cluster. Give exactly one of `clusterId` and `zones`.
   * @default - none: `zones`
   */
  readonly clusterId?: string;
  /**
   * The three vSphere Zones (their names) of a Supervisor on zones (SUP-06; `zones` of `vsphere_supervisor_v2`,
   * `EnableOnZonesSpec`). Give exactly one of `clusterId` and `zones`.
   * @default - none: `clusterId`
   */
  readonly zones?: string[];
  /**
   * The Supervisor's name: a DNS label (SUP-02).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The control-plane VMs' size.
   * @default ControlPlaneSize.SMALL
   */
  readonly controlPlaneSize?: ControlPlaneSize;
  /**
   * The number of control-plane VMs: a whole number of at least 1 (SUP-05; provider 2.16.1 documents "1 for
   * single zone deployments").
   * @default 3
   */
  readonly controlPlaneCount?: number;
  /** The storage policy id of the control-plane VMs (SUP-02). */
  readonly storagePolicyId: string;
  /**
   * DNS servers of the control plane on the management network (the wizard's Management Network page, "DNS
   * Server(s)"): IPv4 addresses (SUP-01, SUP-04). `control_plane.network.services.dns.servers` of the resource,
   * `master_DNS` of the vSphere 7 request body.
   */
  readonly dnsServers: string[];
  /**
   * DNS servers of the nodes on the primary workload network (the wizard's Workload Network page, "DNS
   * Server(s)"): IPv4 addresses (SUP-01, SUP-04). Give them when the workload network reaches other servers
   * than the management network, e.g. a router whose DNS forwarder listens only on some interfaces.
   * `workloads.network.services.dns.servers` of the resource (vsphere provider 2.16.1
   * `vsphere/resource_vsphere_supervisor_v2.go` 380), `worker_DNS` of the vSphere 7 request body.
   * @default - the `dnsServers`
   */
  readonly workloadDnsServers?: string[];
  /**
   * DNS search domains, of both networks (the vSphere 7 request body has them for the control plane only).
   * @default - none
   */
  readonly dnsSearchDomains?: string[];
  /** NTP servers (SUP-01). */
  readonly ntpServers: string[];
  /**
   * The Kubernetes service CIDR (NET-09).
   * @default Supervisor.DEFAULT_SERVICE_CIDR
   */
  readonly serviceCidr?: string;
  /**
   * DNS names of the Supervisor API server's certificate (`kube_api_server_options.security.
   * certificate_dns_names`), the names clients reach it by: at least one with `SupervisorEnablement.TERRAFORM`,
   * each a DNS name (SUP-03). Provider 2.16.1 requires the block and dereferences its first element without a
   * nil check (`supervisor_helper.go` 156), so an empty one crashes it. Give `[]` with `REQUEST_BODY_ONLY` if
   * none.
   */
  readonly apiServerDnsNames: string[];
  /**
   * The identifier of the management network handed to the Supervisor: a DNS label (SUP-02).
   * @default "management"
   */
  readonly managementNetworkIdentifier?: string;
  /**
   * How the Supervisor is enabled.
   * @default SupervisorEnablement.TERRAFORM
   */
  readonly enablement?: SupervisorEnablement;
  /**
   * What protects it on day 2.
   * @default SupervisorProtection.PREVENT_DESTROY_AND_REPLACEMENT
   */
  readonly protection?: SupervisorProtection;
  /**
   * How long the enable may take before the provider gives up (it then leaves the resource tainted).
   * @default - the provider's 60m
   */
  readonly createTimeout?: string;
  /**
   * Warnings of this construct accepted on purpose, each with a reason.
   * @default - none
   */
  readonly acknowledge?: Acknowledgement[];
}

/** The run-time shape of {@link SupervisorProps}. */
export const SUPERVISOR_PROPS_SPEC: PropSpec = {
  fields: {
    network: required(
      instance("a SupervisorWorkloadNetwork", (v) => v instanceof SupervisorWorkloadNetwork),
      "the Supervisor's networks",
    ),
    loadBalancer: optional(
      instance(
        "a HaproxyLoadBalancer, ExistingHaproxy or FoundationLoadBalancer",
        (v) =>
          v instanceof HaproxyLoadBalancer ||
          v instanceof ExistingHaproxy ||
          v instanceof FoundationLoadBalancer,
      ),
    ),
    haproxy: optional(instance("a HaproxyLoadBalancer", (v) => v instanceof HaproxyLoadBalancer)),
    clusterId: optional(str),
    zones: optional(listOf(str)),
    name: optional(str),
    controlPlaneSize: optional(enumOf("ControlPlaneSize", ControlPlaneSize)),
    controlPlaneCount: optional(num),
    storagePolicyId: required(str, "the storage policy's id, e.g. a vsphere_storage_policy data source's id"),
    dnsServers: required(listOf(address), 'the DNS servers\' addresses, e.g. ["10.0.0.2"]'),
    workloadDnsServers: optional(listOf(address)),
    dnsSearchDomains: optional(listOf(str)),
    ntpServers: required(listOf(str), 'the NTP servers, e.g. ["pool.ntp.org"]'),
    serviceCidr: optional(str),
    apiServerDnsNames: required(
      listOf(str),
      'the API server certificate\'s DNS names, e.g. ["supervisor.corp.example.com"] (SUP-03)',
    ),
    managementNetworkIdentifier: optional(str),
    enablement: optional(enumOf("SupervisorEnablement", SupervisorEnablement)),
    protection: optional(enumOf("SupervisorProtection", SupervisorProtection)),
    createTimeout: optional(str),
    acknowledge: optional(ACKNOWLEDGEMENTS_SPEC),
  },
  aliases: {
    cluster: {
      prop: "clusterId",
      note: "the cluster's id (a vsphere_compute_cluster data source's id), not its name",
    },
    storagePolicy: {
      prop: "storagePolicyId",
      note: "the policy's id (a vsphere_storage_policy data source's id), not its name",
    },
  },
};

/**
 * The Supervisor on vSphere networking with HAProxy. Everything but the cluster, control-plane size and storage
 * policy, DNS, NTP and the service CIDR comes from the plan: the management backing and its 5 static addresses
 * (NET-08), the primary workload network with its ranges as `NODE` assignments and the service CIDR as
 * `SERVICE`, and the HAProxy edge with the VIP ranges less network and broadcast addresses (VIP-06).
 *
 * With `SupervisorEnablement.TERRAFORM` its stack is pinned to vsphere provider 2.16.1, so it cannot share a
 * stack with the appliance (pinned to 2.5.1): put it in its own stack.
 */
export class Supervisor extends Construct {
  /** The default Kubernetes service CIDR. */
  public static readonly DEFAULT_SERVICE_CIDR = "10.96.0.0/23";
  /** The vsphere provider release that has `vsphere_supervisor_v2`. */
  public static readonly PROVIDER_VERSION = SupervisorV2.PROVIDER_VERSION;

  /** The resource (escape hatch), with `SupervisorEnablement.TERRAFORM`. */
  public readonly resource?: SupervisorV2;
  /**
   * Every value sent, computed once: the resource, the report's wizard table, its Supervisor section and the
   * vSphere 7 request body read it.
   */
  public readonly settings: SupervisorSettings;
  /** Findings of the Supervisor's rules (NET-09, SUP-01 … SUP-05). */
  public readonly diagnostics: Diagnostic[];
  /** The warnings acknowledged on it or above it, with their reasons. */
  public readonly acknowledged: AcknowledgedDiagnostic[];

  constructor(scope: Construct, id: string, props: SupervisorProps) {
    checkConstructProps(scope, id, props, SUPERVISOR_PROPS_SPEC);
    refuseProps(scope, id, exactlyOneProblems(props));
    super(scope, id);
    const { network } = props;
    const lb = (props.loadBalancer ?? props.haproxy) as
      | HaproxyLoadBalancer
      | ExistingHaproxy
      | FoundationLoadBalancer;
    const zones = props.zones ?? [];
    const plan = network.plan;
    const name = props.name ?? id;
    const serviceCidrText = props.serviceCidr ?? Supervisor.DEFAULT_SERVICE_CIDR;
    const managementIdentifier = props.managementNetworkIdentifier ?? "management";
    const lbId = toDnsLabel(lb.name);
    const enablement = props.enablement ?? SupervisorEnablement.TERRAFORM;
    // A list, a list token, or (JavaScript, a cast) anything else: SUP-03 reports what is not a list.
    const apiServerDnsNames = props.apiServerDnsNames ?? [];
    const dnsSearchDomains = props.dnsSearchDomains ?? [];
    const workloadDnsServers = props.workloadDnsServers ?? props.dnsServers;

    const supervisorProps: SupervisorPlanProps = {
      name,
      serviceCidr: serviceCidrText,
      serviceCidrIsDefault: props.serviceCidr === undefined,
      dnsServers: props.dnsServers,
      workloadDnsServers: props.workloadDnsServers,
      ntpServers: props.ntpServers,
      storagePolicy: props.storagePolicyId,
      controlPlaneCount: props.controlPlaneCount,
      viaProvider: enablement === SupervisorEnablement.TERRAFORM,
      apiServerDnsNames,
      dnsSearchDomains,
      networkIdentifiers: [
        { path: "managementNetworkIdentifier", value: managementIdentifier },
        { path: props.loadBalancer ? "loadBalancer.name" : "haproxy.name", value: lbId },
      ],
      zones: props.zones,
      loadBalancerType: lb.loadBalancerType,
    };
    // Every fix, the network's and the appliance's too, checked again with the whole plan: the Supervisor's
    // findings are the whole check's (its fixes verified); its own rules' pass gives the values known at apply.
    const whole = checkWholePlan(plan.props, lb.plan.props, supervisorProps, {
      ...TOKEN_AWARE,
      siteRules: network.siteRules,
      foundation: lb instanceof FoundationLoadBalancer ? foundationPlanProps(lb) : undefined,
    });
    reviseDiagnostics(network, network.diagnostics, whole.network, network.acknowledged);
    reviseDiagnostics(lb, lb.diagnostics, [...whole.haproxy, ...whole.foundation], lb.acknowledged);
    this.diagnostics = whole.supervisor;
    addAcknowledgements(this, props.acknowledge ?? [], "acknowledge");
    const { unresolved } = checkSupervisorPlan(plan, lb.plan, supervisorProps, TOKEN_AWARE);
    // The annotations print the same findings (and fixes) the report lists.
    this.acknowledged = attachDiagnostics(this, this.diagnostics, unresolved);
    reportFindings(this, { construct: this, diagnostics: this.diagnostics, acknowledged: this.acknowledged });

    this.settings = supervisorSettings({
      network,
      loadBalancer: lb,
      name,
      viaProvider: enablement === SupervisorEnablement.TERRAFORM,
      clusterId: props.clusterId ?? "",
      zones,
      controlPlaneSize: props.controlPlaneSize ?? ControlPlaneSize.SMALL,
      controlPlaneCount: props.controlPlaneCount ?? 3,
      storagePolicyId: props.storagePolicyId,
      managementIdentifier,
      edgeId: lbId,
      serviceCidr: serviceCidrText,
      dnsServers: props.dnsServers,
      workloadDnsServers,
      dnsSearchDomains,
      ntpServers: props.ntpServers,
      apiServerDnsNames,
    });
    const reported = reportedNetwork(network);
    if (reported) {
      reported.supervisor = this.settings;
      reported.supervisorFindings = {
        construct: this,
        diagnostics: this.diagnostics,
        acknowledged: this.acknowledged,
      };
    }

    if (enablement === SupervisorEnablement.REQUEST_BODY_ONLY) {
      return;
    }
    pinVsphereProvider(this, Supervisor.PROVIDER_VERSION, "the Supervisor");
    // terraform_data: 1.4; preconditions and replace_triggered_by: 1.2.
    requireTerraformVersion(this, "1.4.0");

    const controlPlane = controlPlaneBlock(this.settings);
    const workloads = workloadsBlock(this.settings);

    // Day 2: the provider has no update (a change inside control_plane/workloads plans an in-place update that
    // fails at apply: resource_vsphere_supervisor_v2.go has no UpdateContext) and a replacement disables and
    // re-enables the Supervisor. So the blocks are ignored by the resource itself, their values live in
    // terraform_data "settings", and a change there plans a replacement of the Supervisor, which
    // prevent_destroy stops at plan time unless replacement was opted into.
    const settings = new TerraformData(this, "settings", {
      // The same snake_case JSON as the resource's blocks, so the plan's diff reads like the resource.
      triggersReplace: snake({
        name,
        cluster: props.clusterId,
        zones: props.zones,
        controlPlane,
        workloads,
      }) as Record<string, unknown>,
    });
    const allow = props.protection === SupervisorProtection.ALLOW_REPLACEMENT_AND_DESTROY;
    // A readiness precondition only for the appliance this plan deploys: its readiness mark is in our state. An
    // endpoint we do not deploy gets none (a check against it would fail every later plan while it is down).
    const ready = lb instanceof HaproxyLoadBalancer ? lb.readinessCheck : undefined;
    const preconditions = [
      ...(ready && lb instanceof HaproxyLoadBalancer
        ? [
            readinessPrecondition(
              ready,
              `${lb.dataplaneEndpoint}${DATAPLANE_READINESS_PATH}`,
              lb.virtualMachine.id,
            ),
          ]
        : []),
      // SUP-03 for names known only at apply: stop at plan rather than crash the provider at apply.
      ...(Token.isUnresolved(apiServerDnsNames)
        ? [
            {
              // Op.gte with 1: cdktf 0.21 renders a literal 0 operand as "undefined".
              condition: Op.gte(Fn.lengthOf(apiServerDnsNames), 1),
              errorMessage:
                "SUP-03 apiServerDnsNames: no DNS name is given for the Supervisor API server's certificate; provider 2.16.1 needs at least one and crashes at apply without it.",
            },
          ]
        : []),
    ];
    this.resource = new SupervisorV2(this, "supervisor", {
      name,
      cluster: props.clusterId,
      zones: props.zones,
      controlPlane,
      workloads,
      timeouts: props.createTimeout ? { create: props.createTimeout } : undefined,
      dependsOn: ready && TerraformStack.of(ready) === TerraformStack.of(this) ? [ready] : undefined,
      lifecycle: {
        preventDestroy: !allow,
        ignoreChanges: ["control_plane", "workloads"],
        // The plain address: cdktf 0.21 renders a dependable here as "${terraform_data.x}", which Terraform
        // rejects in replace_triggered_by ("Invalid character"; hashicorp/terraform-cdk issues #3196, #3532).
        replaceTriggeredBy: [`${TerraformData.tfResourceType}.${settings.friendlyUniqueId}`],
        // The readiness mark's `output.url` is in the appliance's state only after a wait that succeeded, for
        // the endpoint the plan has now (see readinessWait in dataplane-readiness.ts).
        precondition: preconditions.length > 0 ? preconditions : undefined,
      },
    });
  }
}

/** `CFG-02` problems of props that take exactly one of two: the load balancer, and the cluster or the zones. */
function exactlyOneProblems(props: SupervisorProps): string[] {
  const out: string[] = [];
  if ((props.loadBalancer === undefined) === (props.haproxy === undefined)) {
    out.push(
      props.loadBalancer === undefined
        ? "CFG-02 loadBalancer: missing; give the load balancer: a HaproxyLoadBalancer, ExistingHaproxy or FoundationLoadBalancer."
        : "CFG-02 haproxy: given with loadBalancer; give the load balancer once, as loadBalancer (haproxy is its former name).",
    );
  }
  if ((props.clusterId === undefined) === (props.zones === undefined)) {
    out.push(
      props.clusterId === undefined
        ? "CFG-02 clusterId: missing; give the cluster's id (a vsphere_compute_cluster data source's id), or zones for a Supervisor on three vSphere Zones."
        : "CFG-02 zones: given with clusterId; a Supervisor is on one cluster (clusterId) or on three vSphere Zones (zones), not both (vsphere provider 2.16.1 resource_vsphere_supervisor_v2.go lines 40, 48: ConflictsWith).",
    );
  }
  return out;
}

/** The Foundation Load Balancer's side of the plan, for the whole check. */
function foundationPlanProps(lb: FoundationLoadBalancer): FoundationPlanProps {
  return {
    interfaces: lb.interfaces,
    dnsServers: lb.dnsServers,
    ntpServers: lb.ntpServers,
    syslogEndpoint: lb.syslogEndpoint,
    syslogCaPem: lb.syslogCaPem,
  };
}
