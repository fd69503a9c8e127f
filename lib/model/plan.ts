/**
 * The IP plan of a Supervisor on vSphere networking with HAProxy: its input shape and its parsed model.
 *
 * Pure: no constructs, no cdktf. Parsing turns the user's strings into integer intervals once; the rule
 * checks in `rules.ts` work on the parsed model only.
 */
import { Finding, finding } from "./diagnostics";
import { Cidr, formatAddress, Interval, parseAddress, parseCidr, parseRange, quote } from "./ip";

/**
 * A distributed port group of the plan and its subnet.
 */
export interface PortGroupProps {
  /** The distributed port group name, unique on its switch; port groups are identified by it. */
  readonly name: string;
  /**
   * The VLAN id, 0–4094 (NET-06).
   * @default - no VLAN tag (VLAN 0)
   */
  readonly vlanId?: number;
  /** The port group's subnet, network-aligned, e.g. `"192.168.120.0/24"` (IP-02). */
  readonly cidr: string;
  /** The subnet's gateway, e.g. `"192.168.120.1"` (NET-01). */
  readonly gateway: string;
  /**
   * The id of an existing network to use instead of creating a port group (e.g. from a
   * `vsphere_network` data source).
   * @default - the port group is created on the distributed switch
   */
  readonly existingNetworkId?: string;
}

/**
 * A Supervisor workload network: a name, the port group it rides on and the node address ranges it owns.
 */
export interface WorkloadNetworkProps {
  /** The Supervisor's name for this workload network: a DNS label (NET-07). */
  readonly name: string;
  /** The port group; two workload networks may share one port group with distinct ranges (S-13). */
  readonly portGroup: PortGroupProps;
  /** Node and control-plane address ranges, each `"first-last"` (IP-03, NET-02, NET-04). */
  readonly addressRanges: string[];
}

/**
 * The network side of the plan, as the user writes it.
 */
export interface NetworkPlanProps {
  /** The management network: vCenter, ESXi, the Supervisor control plane and the HAProxy management NIC. */
  readonly managementNetwork: PortGroupProps;
  /** The one primary workload network (S-03); the Supervisor control plane takes 3 of its addresses (S-05). */
  readonly primaryWorkloadNetwork: WorkloadNetworkProps;
  /**
   * The namespaces' workload networks (S-06).
   * @default - none: the primary workload network serves the namespaces as well (topology T1)
   */
  readonly workloadNetworks?: WorkloadNetworkProps[];
  /**
   * The frontend network, for the 3-NIC HAProxy appliance only (S-21, S-24).
   * @default - no frontend network
   */
  readonly frontendNetwork?: PortGroupProps;
  /**
   * The first of the 5 consecutive management addresses of the Supervisor control-plane VMs (NET-08).
   * @default - not planned here; the block is not checked
   */
  readonly supervisorManagementStartIp?: string;
}

/** The HAProxy appliance's deployment option (OVF configuration). */
export enum HaproxyMode {
  /** Two NICs, management and workload; the VIPs live on the workload network (S-20). */
  DEFAULT = "default",
  /** Three NICs, management, workload and frontend; the VIPs live on the frontend network (S-21). */
  FRONTEND = "frontend",
}

/** A certificate authority given as PEM text. */
export interface CertificateAuthorityPem {
  /** The CA certificate, PEM. */
  readonly certificatePem: string;
  /** The CA private key, PEM, PKCS#8 (`-----BEGIN PRIVATE KEY-----`). */
  readonly privateKeyPem: string;
}

/** The HAProxy side of the plan, with defaults already resolved. */
export interface HaproxyPlanProps {
  readonly mode: HaproxyMode;
  readonly virtualIpCidrs: string[];
  readonly managementIp: string;
  readonly workloadIp: string;
  /** @default - the primary workload network */
  readonly workloadNetworkName?: string;
  /** @default - none */
  readonly frontendIp?: string;
  readonly nameservers: string[];
  readonly dataplanePort: number;
  /** Tries of the readiness wait at create (HAP-11). Default 40. */
  readonly readinessAttempts?: number;
  readonly dataplaneUser: string;
  /** @default - generated, not checked */
  readonly dataplanePassword?: string;
  /**
   * The Data Plane API of an existing HAProxy (with `deployed` false): its endpoints and CA, checked by HAP-14.
   * @default - not an existing HAProxy: nothing of it checked
   */
  readonly existingHaproxy?: ExistingHaproxyPlanProps;
  /** @default - generated, not checked */
  readonly rootPassword?: string;
  /** @default - generated, not checked */
  readonly certificateAuthority?: CertificateAuthorityPem;
  /**
   * The appliance release, e.g. `v0.2.0` (HAP-08).
   * @default - not checked
   */
  readonly applianceVersion?: string;
  /**
   * The exact vsphere provider release the appliance's stack is pinned to, e.g. `2.5.1` (HAP-09, HAP-10;
   * anything else is HAP-12).
   * @default - not checked
   */
  readonly vsphereProviderVersion?: string;
  /**
   * The ESXi host the appliance is deployed on (HAP-09).
   * @default - none given
   */
  readonly hostSystemId?: string;
  /**
   * False for a load balancer this plan does not deploy (an existing HAProxy, the vSphere Foundation Load
   * Balancer): only its VIP CIDRs are checked (IP-02, VIP-01 … VIP-04, VIP-06, VIP-07); the rules about the
   * appliance's VM and its routing (HAP, SEC-01, VIP-05, VIP-08) do not apply, and it has no interface addresses.
   * @default true
   */
  readonly deployed?: boolean;
}

/** A Data Plane API endpoint of an existing HAProxy. */
export interface DataPlaneApiServer {
  /** Its IPv4 address (vsphere provider 2.16.1 takes an IPv4 address only: `IsIPv4Address`, resource line 741). */
  readonly host: string;
  /**
   * Its port: a whole number from 1 to 65535 (HAP-14).
   * @default ExistingHaproxy.DEFAULT_DATAPLANE_PORT
   */
  readonly port?: number;
}

/** The Data Plane API of an existing HAProxy, as HAP-14 checks it. */
export interface ExistingHaproxyPlanProps {
  /** Its endpoints: at least one, each an IPv4 host and a port 1–65535, no two the same. */
  readonly servers: DataPlaneApiServer[];
  /** The CA certificate (PEM) that signed the Data Plane API's certificate: one parsable X.509 certificate. */
  readonly caCertificatePem: string;
}

/** What traffic a vSphere Foundation Load Balancer interface carries (`personas`, vSphere API 9.0). */
export enum FoundationPersona {
  /** The Supervisor management network: vCenter and the control plane reach the load balancer there. */
  MANAGEMENT = "MANAGEMENT",
  /** The workload network: the load balancer reaches the Supervisor's and the clusters' nodes there. */
  WORKLOAD = "WORKLOAD",
  /** The network where the load balancer serves its virtual IPs to clients. */
  FRONTEND = "FRONTEND",
}

/** One interface of the vSphere Foundation Load Balancer: its personas, its port group and its addresses. */
export interface FoundationInterfaceProps {
  /** What it carries. */
  readonly personas: FoundationPersona[];
  /** The name of the plan's port group it sits on. */
  readonly portGroup: string;
  /** Its addresses, each `"first-last"` (one address: `"a.b.c.d-a.b.c.d"`). */
  readonly addressRanges: string[];
}

/** The vSphere Foundation Load Balancer's side of the plan (VFL rules). */
export interface FoundationPlanProps {
  /** Its interfaces. */
  readonly interfaces: FoundationInterfaceProps[];
  /** DNS servers of its nodes (IPv4). */
  readonly dnsServers: string[];
  /** NTP servers of its nodes. */
  readonly ntpServers: string[];
  /**
   * DNS search domains of its nodes: DNS names (VFL-07).
   * @default - none
   */
  readonly dnsSearchDomains?: string[];
  /**
   * The syslog endpoint, e.g. `tcp+tls://syslog.corp.example.com:6514`.
   * @default - no remote logging
   */
  readonly syslogEndpoint?: string;
  /**
   * The CA (PEM) of a TLS syslog endpoint.
   * @default - none
   */
  readonly syslogCaPem?: string;
}

/**
 * Tells whether a value is not known until apply (a cdktf token). In TypeScript a plain function
 * `(value) => boolean` is one; in other languages implement `isUnresolvedValue`.
 */
export interface IUnresolvedTest {
  /** TypeScript: the test as a function. */
  (value: unknown): boolean;
  /**
   * True when the value is not known until apply (checked when the test is not a function).
   * @param value any value of the props
   */
  isUnresolvedValue?(value: unknown): boolean;
}

/** Options of parsing and checking. */
export interface CheckOptions {
  /**
   * Tells whether a value is not known until apply (a cdktf token); such values skip the rules that need them.
   * @default - every value is known
   */
  readonly isUnresolved?: IUnresolvedTest;
}

/** The test of `options.isUnresolved` as a function: the function itself, or the object's method. */
export function unresolvedTest(options: CheckOptions): (value: unknown) => boolean {
  const test = options.isUnresolved;
  if (test === undefined) return () => false;
  if (typeof test === "function") return test;
  const object = test as { isUnresolvedValue?: (value: unknown) => boolean };
  return (value) => object.isUnresolvedValue?.(value) === true;
}

/** A port group as the plan sees it. */
export interface PlanPortGroup {
  readonly name: string;
  /** The prop path that first defined it, e.g. `managementNetwork`. */
  readonly path: string;
  /** `management`, `workload` and/or `frontend`. */
  readonly roles: string[];
  readonly props: PortGroupProps;
  /** Undefined when malformed or unresolved. */
  readonly cidr?: Cidr;
  /** Undefined when malformed or unresolved. */
  readonly gateway?: number;
}

/** A workload network address range as the plan sees it. */
export interface PlanRange {
  readonly network: string;
  readonly path: string;
  readonly text: string;
  /** Undefined when malformed or unresolved. */
  readonly interval?: Interval;
}

/** A workload network as the plan sees it. */
export interface PlanWorkloadNetwork {
  readonly name: string;
  readonly path: string;
  readonly primary: boolean;
  readonly portGroup: string;
  readonly ranges: PlanRange[];
}

/** The parsed network side of a plan. */
export interface NetworkPlan {
  readonly props: NetworkPlanProps;
  /** Unique port groups by name, in order of first appearance. */
  readonly portGroups: PlanPortGroup[];
  /** The primary first. */
  readonly workloadNetworks: PlanWorkloadNetwork[];
  readonly managementPortGroup: string;
  readonly frontendPortGroup?: string;
  /** The 5-address Supervisor management block, when given and parsable. */
  readonly managementBlock?: Interval;
  /** Prop paths whose values are not known until apply. */
  readonly unresolved: string[];
}

/** A port group as written at one place of the props (a name may be written at several). */
export interface PortGroupDefinition {
  /** The prop path, e.g. `workloadNetworks[0].portGroup`. */
  readonly path: string;
  /** `management`, `workload` or `frontend`. */
  readonly role: string;
  /** The value as given (not necessarily an object). */
  readonly props: PortGroupProps | undefined;
}

/** Result of parsing: the model, every port group definition, and the input-form problems found on the way. */
export interface Parsed<T> {
  readonly plan: T;
  readonly findings: Finding[];
  readonly definitions: PortGroupDefinition[];
}

/** How a value is named in a message; a function when building the name costs work on the hot path. */
export type Described = string | (() => string);

function withAlternatives(alternatives: readonly string[] | undefined, f: Finding): Finding {
  return alternatives && alternatives.length > 0 ? { ...f, alternatives: [...alternatives] } : f;
}

function described(what: Described): string {
  return typeof what === "function" ? what() : what;
}

/** A reader of addresses, CIDRs and ranges that records problems and unresolved values. */
export class PlanReader {
  public readonly findings: Finding[] = [];
  public readonly unresolved: string[] = [];
  private readonly isUnresolved: (value: unknown) => boolean;

  constructor(options: CheckOptions = {}) {
    this.isUnresolved = unresolvedTest(options);
  }

  /** True when the value is a token (not recorded). */
  public isToken(value: unknown): boolean {
    return this.isUnresolved(value);
  }

  /** True (and recorded) when the value is a token. */
  public unknown(value: unknown, path: string): boolean {
    if (this.isUnresolved(value)) {
      this.unresolved.push(path);
      return true;
    }
    return false;
  }

  public address(text: unknown, path: string, what: Described): number | undefined {
    if (this.unknown(text, path)) {
      return undefined;
    }
    const r = parseAddress(text as string);
    if (r.ok) {
      return r.value;
    }
    const fix = r.suggestion
      ? `did you mean ${quote(r.suggestion)}?`
      : 'write it as four decimal numbers, e.g. "192.168.1.10".';
    this.findings.push(
      withAlternatives(
        r.alternatives,
        finding(
          "IP-01",
          path,
          `${described(what)} ${quote(text)} ${r.reason}. Give a four-part decimal IPv4 address: ${fix}`,
        ),
      ),
    );
    return undefined;
  }

  /**
   * Read a CIDR. `fallback` gives blocks from the user's own plan, proposed (`e.g. …`) when the text itself
   * suggests no fix.
   */
  public cidr(
    text: unknown,
    path: string,
    what: Described,
    fallback: () => readonly string[] = () => [],
  ): Cidr | undefined {
    if (this.unknown(text, path)) {
      return undefined;
    }
    const r = parseCidr(text as string);
    if (r.ok) {
      return r.value;
    }
    const [example, ...others] = r.suggestion ? [] : fallback();
    const fix = r.suggestion
      ? `did you mean ${quote(r.suggestion)}?`
      : `e.g. ${quote(example ?? "192.168.120.0/24")}.`;
    this.findings.push(
      withAlternatives(
        r.suggestion ? r.alternatives : others,
        finding(
          "IP-02",
          path,
          `${described(what)} ${quote(text)} ${r.reason}. Give a network-aligned CIDR a.b.c.d/n: ${fix}`,
        ),
      ),
    );
    return undefined;
  }

  public range(text: unknown, path: string, what: Described): Interval | undefined {
    if (this.unknown(text, path)) {
      return undefined;
    }
    const r = parseRange(text as string);
    if (r.ok) {
      return r.value;
    }
    const fix = r.suggestion
      ? `did you mean ${quote(r.suggestion)}?`
      : 'e.g. "192.168.120.31-192.168.120.40".';
    this.findings.push(
      withAlternatives(
        r.alternatives,
        finding(
          "IP-03",
          path,
          `${described(what)} ${quote(text)} ${r.reason}. Give a range "first-last" of IPv4 addresses with first ≤ last: ${fix}`,
        ),
      ),
    );
    // A range written with spaces or another dash is checked as it was read: its other findings come at once.
    return r.understood;
  }
}

/** The /24 that holds a port group's gateway, as a proposal for a CIDR that cannot be read (none if neither can). */
function subnetsOfGateway(gateway: unknown): string[] {
  const gw = typeof gateway === "string" ? parseAddress(gateway) : undefined;
  return gw?.ok ? [`${formatAddress(Math.floor(gw.value / 256) * 256)}/24`] : [];
}

const ROLE_MANAGEMENT = "management";
const ROLE_WORKLOAD = "workload";
const ROLE_FRONTEND = "frontend";

/** Parse the network side of a plan; input-form and consistency problems (IP-xx, NET-06) are returned. */
export function parseNetworkPlan(props: NetworkPlanProps, options: CheckOptions = {}): Parsed<NetworkPlan> {
  const reader = new PlanReader(options);
  const byName = new Map<string, PlanPortGroup>();
  const portGroups: PlanPortGroup[] = [];

  const definitions: PortGroupDefinition[] = [];
  const addPortGroup = (pg: PortGroupProps | undefined, path: string, role: string): string | undefined => {
    definitions.push({ path, role, props: pg });
    if (pg === undefined || pg === null || typeof pg !== "object") {
      return undefined;
    }
    const key = String(pg.name);
    const seen = byName.get(key);
    if (seen) {
      // A second definition of the same name: NET-06 compares it with the first.
      if (!seen.roles.includes(role)) {
        seen.roles.push(role);
      }
      return key;
    }
    reader.unknown(pg.name, `${path}.name`);
    if (pg.vlanId !== undefined) {
      reader.unknown(pg.vlanId, `${path}.vlanId`);
    }
    const cidr = reader.cidr(
      pg.cidr,
      `${path}.cidr`,
      () => `CIDR of port group ${quote(key)}`,
      () => subnetsOfGateway(pg.gateway),
    );
    const gateway = reader.address(
      pg.gateway,
      `${path}.gateway`,
      () => `gateway of port group ${quote(key)}`,
    );
    const entry: PlanPortGroup = { name: key, path, roles: [role], props: pg, cidr, gateway };
    byName.set(key, entry);
    portGroups.push(entry);
    return key;
  };

  const managementPortGroup =
    addPortGroup(props.managementNetwork, "managementNetwork", ROLE_MANAGEMENT) ?? "";

  const workloadNetworks: PlanWorkloadNetwork[] = [];
  const addWorkload = (wn: WorkloadNetworkProps | undefined, path: string, primary: boolean) => {
    if (wn === undefined || wn === null || typeof wn !== "object") {
      reader.findings.push(
        finding(
          "NET-07",
          path,
          `workload network is ${quote(wn)}. Give an object with name, portGroup and addressRanges.`,
        ),
      );
      return;
    }
    const portGroup = addPortGroup(wn.portGroup, `${path}.portGroup`, ROLE_WORKLOAD) ?? "";
    const ranges: PlanRange[] = [];
    // A list token (a variable of type list) is one unknown value: skipped whole, announced once.
    const listToken = reader.unknown(wn.addressRanges, `${path}.addressRanges`);
    const texts = Array.isArray(wn.addressRanges) && !listToken ? wn.addressRanges : [];
    if (!Array.isArray(wn.addressRanges) && !listToken) {
      reader.findings.push(
        finding(
          "IP-03",
          `${path}.addressRanges`,
          `address ranges ${quote(wn.addressRanges)} of workload network ${quote(wn.name)} are not a list. Give a list of "first-last" ranges, e.g. ["192.168.120.31-192.168.120.40"].`,
        ),
      );
    }
    const rangeWhat = () => `address range of workload network ${quote(wn.name)}`;
    texts.forEach((text, i) => {
      const p = `${path}.addressRanges[${i}]`;
      ranges.push({
        network: String(wn.name),
        path: p,
        text: String(text),
        interval: reader.range(text, p, rangeWhat),
      });
    });
    workloadNetworks.push({ name: String(wn.name), path, primary, portGroup, ranges });
  };
  addWorkload(props.primaryWorkloadNetwork, "primaryWorkloadNetwork", true);
  (props.workloadNetworks ?? []).forEach((wn, i) => addWorkload(wn, `workloadNetworks[${i}]`, false));

  const frontendPortGroup =
    props.frontendNetwork !== undefined
      ? addPortGroup(props.frontendNetwork, "frontendNetwork", ROLE_FRONTEND)
      : undefined;

  let managementBlock: Interval | undefined;
  if (props.supervisorManagementStartIp !== undefined) {
    const start = reader.address(
      props.supervisorManagementStartIp,
      "supervisorManagementStartIp",
      "Supervisor management start address",
    );
    if (start !== undefined) {
      if (start + 4 > 0xffffffff) {
        reader.findings.push(
          finding(
            "NET-08",
            "supervisorManagementStartIp",
            `the 5 addresses from ${formatAddress(start)} run past 255.255.255.255. Start the block lower.`,
          ),
        );
      } else {
        managementBlock = { first: start, last: start + 4 };
      }
    }
  }

  return {
    plan: {
      props,
      portGroups,
      workloadNetworks,
      managementPortGroup,
      frontendPortGroup,
      managementBlock,
      unresolved: reader.unresolved,
    },
    findings: reader.findings,
    definitions,
  };
}

/** Find a port group of a parsed plan by name. */
export function portGroupByName(plan: NetworkPlan, name: string | undefined): PlanPortGroup | undefined {
  return name === undefined ? undefined : plan.portGroups.find((pg) => pg.name === name);
}

/** Find a workload network of a parsed plan by name; undefined name means the primary. */
export function workloadNetworkByName(
  plan: NetworkPlan,
  name: string | undefined,
): PlanWorkloadNetwork | undefined {
  return name === undefined
    ? plan.workloadNetworks.find((w) => w.primary)
    : plan.workloadNetworks.find((w) => w.name === name);
}

/** An identifier handed to the Supervisor (a DNS label), with the prop path it comes from. */
export interface NetworkIdentifier {
  /** The prop path, e.g. `workloads.network.network`. */
  readonly path: string;
  /** The identifier. */
  readonly value: string;
}

/** The Supervisor's own settings, for the rules that check them (NET-09, SUP-01, SUP-02). */
export interface SupervisorPlanProps {
  /** The Supervisor's name: a DNS label. */
  readonly name: string;
  /** The Kubernetes service CIDR, e.g. `10.96.0.0/23`. */
  readonly serviceCidr: string;
  /**
   * True when the user set no service CIDR and `serviceCidr` is the default (`Supervisor.DEFAULT_SERVICE_CIDR`):
   * NET-09 then says so and names the key to set.
   * @default false
   */
  readonly serviceCidrIsDefault?: boolean;
  /** DNS servers of the control plane, on the management network (IPv4 addresses). */
  readonly dnsServers: string[];
  /**
   * DNS servers of the nodes on the primary workload network (IPv4 addresses).
   * @default - the `dnsServers` (checked there)
   */
  readonly workloadDnsServers?: string[];
  /** NTP servers (names or addresses). */
  readonly ntpServers: string[];
  /** The storage policy id of the control-plane VMs. */
  readonly storagePolicy: string | undefined;
  /**
   * The number of control-plane VMs (SUP-05).
   * @default - not given: vCenter's default, 3
   */
  readonly controlPlaneCount?: number;
  /**
   * True when `vsphere_supervisor_v2` enables it (the provider's own needs are checked: SUP-03); false for the
   * vSphere 7 request body. Default true.
   */
  readonly viaProvider?: boolean;
  /** DNS names of the API server's certificate (at least one with the provider, SUP-03). */
  readonly apiServerDnsNames?: string[];
  /** DNS search domains: the first one names the proposed API server DNS name. */
  readonly dnsSearchDomains?: string[];
  /** The identifiers handed to the Supervisor for the management network, the workload network and the edge. */
  readonly networkIdentifiers: NetworkIdentifier[];
  /**
   * The vSphere Zones of a Supervisor on zones (SUP-06).
   * @default - on one cluster
   */
  readonly zones?: string[];
  /**
   * `haproxy-appliance`, `existing-haproxy` or `vsphere-foundation` (SUP-07).
   * @default "haproxy-appliance"
   */
  readonly loadBalancerType?: string;
}
