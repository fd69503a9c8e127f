/**
 * The distributed port groups and IP plan of a Supervisor's networks (vSphere networking stack with HAProxy).
 */
import { DistributedPortGroup } from "@cdktf/provider-vsphere/lib/distributed-port-group";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { SiteRule, siteRuleListProblems } from "../rules/site-rules";
import { Acknowledgement, addAcknowledgements } from "./acknowledgements";
import { attachDiagnostics, TOKEN_AWARE } from "./construct-diagnostics";
import { AcknowledgedDiagnostic, Diagnostic } from "../model/diagnostics";
import { NetworkPlan, NetworkPlanProps, PortGroupProps, WorkloadNetworkProps } from "../model/plan";
import { reportNetwork } from "./plan-report-synthesizer";
import { checkNetworkPlan } from "../rules/engine";
import { Severity } from "../model/diagnostics";
import {
  address,
  enumOf,
  fn,
  listOf,
  num,
  objectOf,
  optional,
  PropSpec,
  required,
  str,
} from "../model/prop-spec";
import { checkConstructProps, refuseProps } from "./construct-props";

export type { PortGroupProps, WorkloadNetworkProps };

/** Settings applied to every port group the construct creates. */
export interface PortGroupOptions {
  /**
   * Uplinks to use actively, in order.
   * @default - the switch's teaming policy
   */
  readonly activeUplinks?: string[];
  /**
   * Uplinks to hold in standby, in order.
   * @default - the switch's teaming policy
   */
  readonly standbyUplinks?: string[];
  /**
   * Number of ports; the port groups expand automatically past it.
   * @default - the provider's default (8, auto-expanding)
   */
  readonly numberOfPorts?: number;
}

/**
 * Props of {@link SupervisorWorkloadNetwork}.
 *
 * All hosts of the cluster must be attached to the distributed switch (S-01); workload networks can only be
 * given when the Supervisor is enabled and cannot be added later (S-04).
 */
export interface SupervisorWorkloadNetworkProps extends NetworkPlanProps {
  /** UUID of the vSphere Distributed Switch the port groups are created on (S-01, S-02). */
  readonly distributedSwitchUuid: string;
  /**
   * Settings for every created port group.
   * @default - the switch's defaults
   */
  readonly portGroupOptions?: PortGroupOptions;
  /**
   * Rules of the site's own (e.g. `SiteRules.maxVipPrefix("ACME-01", 26)`), run with the catalogue's on this
   * network and on the appliance wired to it.
   * @default - none
   */
  readonly siteRules?: SiteRule[];
  /**
   * Warnings of this construct accepted on purpose, each with a reason of at least a sentence: not printed,
   * listed under "Acknowledged" in the report. Errors cannot be acknowledged.
   * @default - none
   */
  readonly acknowledge?: Acknowledgement[];
}

/** A port group as props take it (`existing` is the site file's key; the prop takes the network's id). */
const PORT_GROUP_SPEC: PropSpec = {
  fields: {
    name: required(str),
    vlanId: optional(num),
    cidr: required(str, 'the subnet as a CIDR, e.g. "192.168.120.0/24"'),
    gateway: required(address, 'the subnet\'s gateway, e.g. "192.168.120.1"'),
    existingNetworkId: optional(str),
  },
  aliases: {
    existing: {
      prop: "existingNetworkId",
      note: "the id of the existing network (e.g. a vsphere_network data source's id)",
    },
  },
};

const WORKLOAD_NETWORK_SPEC: PropSpec = {
  fields: {
    name: required(str, "the workload network's name, a DNS label"),
    portGroup: required(objectOf(PORT_GROUP_SPEC)),
    addressRanges: required(listOf(str), 'the node ranges, e.g. ["192.168.120.31-192.168.120.40"]'),
  },
};

/** An acknowledgement as props take it (`rule` is the site file's key). */
export const ACKNOWLEDGEMENTS_SPEC = listOf(
  objectOf({
    fields: { ruleId: required(str, 'the warning\'s rule id, e.g. "HAP-07"'), reason: required(str) },
    aliases: { rule: { prop: "ruleId", note: 'the warning\'s rule id, e.g. "HAP-07"' } },
  }),
);

/** The run-time shape of {@link SupervisorWorkloadNetworkProps}. */
export const NETWORK_PROPS_SPEC: PropSpec = {
  fields: {
    distributedSwitchUuid: required(
      str,
      "the distributed switch's UUID, e.g. a vsphere_distributed_virtual_switch data source's id",
    ),
    managementNetwork: required(objectOf(PORT_GROUP_SPEC)),
    primaryWorkloadNetwork: required(objectOf(WORKLOAD_NETWORK_SPEC)),
    workloadNetworks: optional(listOf(objectOf(WORKLOAD_NETWORK_SPEC))),
    frontendNetwork: optional(objectOf(PORT_GROUP_SPEC)),
    supervisorManagementStartIp: optional(address),
    portGroupOptions: optional(
      objectOf({
        fields: {
          activeUplinks: optional(listOf(str)),
          standbyUplinks: optional(listOf(str)),
          numberOfPorts: optional(num),
        },
      }),
    ),
    siteRules: optional(
      listOf(
        objectOf({
          // A user's own object implementing SiteRule may carry members of its own.
          open: true,
          fields: {
            id: required(str),
            severity: required(enumOf("Severity", Severity)),
            summary: required(str),
            why: optional(str),
            checkNetwork: optional(fn),
            checkHaproxy: optional(fn),
          },
        }),
      ),
    ),
    acknowledge: optional(ACKNOWLEDGEMENTS_SPEC),
  },
  aliases: {
    distributedSwitch: {
      prop: "distributedSwitchUuid",
      note: "the switch's UUID (a vsphere_distributed_virtual_switch data source's id), not its name",
    },
  },
};

/**
 * The Supervisor's networks: one `vsphere_distributed_port_group` per created port group, and the IP plan,
 * checked before synthesis against the rule catalogue (IP-xx, NET-xx).
 *
 * A port group is identified by its name: workload networks naming the same port group share one resource
 * (S-13). Port groups with an `existingNetworkId` are not created; that id is used wherever a network id is
 * needed.
 */
export class SupervisorWorkloadNetwork extends Construct {
  /** The parsed IP plan, for the HAProxy construct and reports. */
  public readonly plan: NetworkPlan;
  /** Every finding of the network's own rules (errors and warnings). */
  public readonly diagnostics: Diagnostic[];
  /** The warnings acknowledged on it or above it, with their reasons. */
  public readonly acknowledged: AcknowledgedDiagnostic[];
  /** The site's own rules, run on this network and on the appliance wired to it. */
  public readonly siteRules: SiteRule[];
  /** The distributed switch the port groups live on. */
  public readonly distributedSwitchUuid: string;
  /** The created port groups, in plan order. */
  public readonly portGroups: DistributedPortGroup[];
  private readonly created = new Map<string, DistributedPortGroup>();
  /** Ids of existing networks; created port groups' ids are read only when asked for (each read is a token). */
  private readonly existingIds = new Map<string, string>();

  constructor(scope: Construct, id: string, props: SupervisorWorkloadNetworkProps) {
    checkConstructProps(scope, id, props, NETWORK_PROPS_SPEC);
    refuseProps(
      scope,
      id,
      siteRuleListProblems((props.siteRules ?? []).map((r) => r.id)).map(
        (p) => `CFG-03 siteRules[${p.index}].id: ${p.problem}.`,
      ),
    );
    super(scope, id);
    this.distributedSwitchUuid = props.distributedSwitchUuid;

    this.siteRules = props.siteRules ?? [];
    const check = checkNetworkPlan(props, { ...TOKEN_AWARE, siteRules: this.siteRules });
    this.plan = check.plan;
    this.diagnostics = check.diagnostics;
    addAcknowledgements(this, props.acknowledge ?? [], "acknowledge");
    this.acknowledged = attachDiagnostics(this, check.diagnostics, check.unresolved);
    // The stack gets ip-plan.md and address-map.svg on every synth, and no Terraform while the plan has errors.
    reportNetwork(this, {
      construct: this,
      node: this.node,
      plan: this.plan,
      diagnostics: this.diagnostics,
      acknowledged: this.acknowledged,
    });

    const usedIds = new Set<string>();
    this.portGroups = [];
    this.plan.portGroups.forEach((pg, index) => {
      const existing = pg.props.existingNetworkId;
      if (existing !== undefined) {
        this.existingIds.set(pg.name, existing);
        return;
      }
      const resource = new DistributedPortGroup(this, portGroupId(pg.name, index, usedIds), {
        name: pg.props.name,
        distributedVirtualSwitchUuid: props.distributedSwitchUuid,
        vlanId: pg.props.vlanId,
        description: `${describeRoles(pg.roles)} network ${pg.props.cidr} (gateway ${pg.props.gateway})`,
        activeUplinks: props.portGroupOptions?.activeUplinks,
        standbyUplinks: props.portGroupOptions?.standbyUplinks,
        numberOfPorts: props.portGroupOptions?.numberOfPorts,
      });
      this.created.set(pg.name, resource);
      this.portGroups.push(resource);
    });
  }

  /** Network id of the management network. */
  public get managementNetworkId(): string {
    // A malformed plan has no id for a missing port group: validation fails synthesis before it matters.
    return this.idOf(this.plan.managementPortGroup) ?? "";
  }

  /** Network id of the primary workload network's port group. */
  public get primaryWorkloadNetworkId(): string {
    return this.idOf(this.plan.workloadNetworks.find((w) => w.primary)?.portGroup) ?? "";
  }

  /** Network id of the frontend network, when there is one. */
  public get frontendNetworkId(): string | undefined {
    return this.idOf(this.plan.frontendPortGroup);
  }

  private idOf(name: string | undefined): string | undefined {
    return name === undefined ? undefined : (this.existingIds.get(name) ?? this.created.get(name)?.id);
  }

  /** The created port group of that name, if the construct created it (escape hatch). */
  public portGroup(name: string): DistributedPortGroup | undefined {
    return this.created.get(name);
  }

  /** The network id (created or existing) of the port group of that name. */
  public networkId(portGroupName: string): string {
    const id = this.idOf(portGroupName);
    if (id === undefined) {
      throw new Error(
        `${this.node.path}: no port group named ${JSON.stringify(portGroupName)}; known port groups: ${this.plan.portGroups.map((pg) => JSON.stringify(pg.name)).join(", ")}.`,
      );
    }
    return id;
  }

  /** The network id of the port group of the named workload network (the primary when no name is given). */
  public workloadNetworkId(workloadNetworkName?: string): string {
    const wn =
      workloadNetworkName === undefined
        ? this.plan.workloadNetworks.find((w) => w.primary)
        : this.plan.workloadNetworks.find((w) => w.name === workloadNetworkName);
    if (!wn) {
      throw new Error(`${this.node.path}: no workload network named ${JSON.stringify(workloadNetworkName)}.`);
    }
    return this.networkId(wn.portGroup);
  }

  /** Names of the workload networks, the primary first. */
  public get workloadNetworkNames(): string[] {
    return this.plan.workloadNetworks.map((w) => w.name);
  }
}

function describeRoles(roles: readonly string[]): string {
  const text = roles.join("/");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Construct id of a created port group: derived from its name, which is its identity (and Terraform address). */
function portGroupId(name: string, index: number, used: Set<string>): string {
  let id = Token.isUnresolved(name)
    ? `port-group-${index}`
    : `port-group-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  while (used.has(id)) {
    id = `${id}-${index}`;
  }
  used.add(id);
  return id;
}
