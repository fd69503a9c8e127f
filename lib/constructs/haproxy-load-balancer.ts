/**
 * The VMware HAProxy appliance (OVA) as a `vsphere_virtual_machine`, in default (2-NIC) or frontend (3-NIC) mode.
 */
import { Password } from "@cdktf/provider-random/lib/password";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { VirtualMachine } from "@cdktf/provider-vsphere/lib/virtual-machine";
import { Fn, ITerraformDependable, TerraformElement, TerraformOutput, TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
import { Acknowledgement, addAcknowledgements } from "./acknowledgements";
import { ISupervisorLoadBalancer, SupervisorLoadBalancerType } from "./supervisor-load-balancer";
import { attachDiagnostics, reviseDiagnostics, TOKEN_AWARE } from "./construct-diagnostics";
import { healthCheck, readinessWait } from "./dataplane-readiness";
import { lifecycleForHcl } from "./hcl-rendering";
import { requireTerraformVersion } from "./provider-pin";
import { AcknowledgedDiagnostic, Diagnostic } from "../model/diagnostics";
import { formatAddress, formatCidr, Interval, size } from "../model/ip";
import { loadBalancerRangesOf } from "../model/load-balancer-ranges";
import { reportedNetwork } from "./plan-report-synthesizer";
import { pinVsphereProvider } from "./provider-pin";
import { HaproxyMode, portGroupByName } from "../model/plan";
import { NIC_PRESERVING_PROVIDER_VERSION } from "../model/provider-release";
import { checkHaproxyPlan, checkWholePlan, HaproxyPlan } from "../rules/engine";
import { ACKNOWLEDGEMENTS_SPEC, SupervisorWorkloadNetwork } from "./supervisor-workload-network";
import {
  address,
  bool,
  enumOf,
  instance,
  listOf,
  num,
  optional,
  PropSpec,
  recordOf,
  required,
  str,
} from "../model/prop-spec";
import { checkConstructProps } from "./construct-props";
import { HaproxyCertificateAuthority, HaproxyOva } from "./haproxy-sources";

export { HaproxyMode };
export { HaproxyCertificateAuthority, HaproxyOva } from "./haproxy-sources";
export type { GeneratedCaOptions } from "./haproxy-sources";

/** How the OVA's disk is laid out on the datastore. */
export enum DiskProvisioning {
  /** Thin provisioned. */
  THIN = "thin",
  /** Thick, lazily zeroed. */
  THICK = "thick",
  /** Thick, eagerly zeroed. */
  EAGER_ZEROED_THICK = "eagerZeroedThick",
}

/** Props of {@link HaproxyLoadBalancer}. */
export interface HaproxyLoadBalancerProps {
  /** The Supervisor networks the appliance is wired to. */
  readonly network: SupervisorWorkloadNetwork;
  /**
   * Default (2 NICs) or frontend (3 NICs) deployment (S-20, S-21).
   * @default HaproxyMode.DEFAULT
   */
  readonly mode?: HaproxyMode;
  /** The VIP blocks as network-aligned CIDRs, e.g. `["192.168.120.128/25"]` (S-10, VIP-01…VIP-05). */
  readonly virtualIpCidrs: string[];
  /** Static management address, inside the management port group (S-22, HAP-02). */
  readonly managementIp: string;
  /** Workload NIC address, inside the HAProxy's workload port group (S-23, HAP-02). */
  readonly workloadIp: string;
  /**
   * The workload network the workload NIC joins (S-25, HAP-03).
   * @default - the primary workload network
   */
  readonly workloadNetworkName?: string;
  /**
   * Frontend NIC address; frontend mode only (HAP-01).
   * @default - none (default mode)
   */
  readonly frontendIp?: string;
  /** The datacenter (required for OVF deployment). */
  readonly datacenterId: string;
  /** The resource pool, e.g. a cluster's root pool. */
  readonly resourcePoolId: string;
  /** The datastore. */
  readonly datastoreId: string;
  /**
   * The ESXi host the OVA is deployed on, e.g. a `vsphere_host` data source's id. The pinned provider 2.5.1
   * refuses an OVF deploy without one ("host system ID is required for ovf deployment": provider v2.5.1
   * `vsphere/internal/helper/ovfdeploy/ovf_helper.go` 484–487, HAP-09). It matters at create only: DRS may move
   * the appliance afterwards (the VM ignores later changes of `host_system_id`).
   */
  readonly hostSystemId: string;
  /**
   * The VM folder, relative to the datacenter's VM folder.
   * @default - the datacenter's VM folder
   */
  readonly folder?: string;
  /**
   * The VM name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The OVA.
   * @default HaproxyOva.fromRelease(HaproxyOva.LATEST_VERSION)
   */
  readonly ova?: HaproxyOva;
  /**
   * Disk provisioning of the OVA's disk.
   * @default DiskProvisioning.THIN
   */
  readonly diskProvisioning?: DiskProvisioning;
  /**
   * The appliance's host name or FQDN.
   * @default HaproxyLoadBalancer.DEFAULT_HOSTNAME
   */
  readonly hostname?: string;
  /**
   * Up to 3 DNS servers, reached over the management network (S-22, HAP-04).
   * @default HaproxyLoadBalancer.DEFAULT_NAMESERVERS (the appliance's own default)
   */
  readonly nameservers?: string[];
  /**
   * Data Plane API port on the management address (HAP-05).
   * @default HaproxyLoadBalancer.DEFAULT_DATAPLANE_PORT
   */
  readonly dataplanePort?: number;
  /**
   * Data Plane API user (HAP-05).
   * @default HaproxyLoadBalancer.DEFAULT_DATAPLANE_USER
   */
  readonly dataplaneUser?: string;
  /**
   * Data Plane API password: pass a sensitive variable; a literal string warns (SEC-01).
   * @default - generated with random_password
   */
  readonly dataplanePassword?: string;
  /**
   * Root password: pass a sensitive variable; a literal string warns (SEC-01).
   * @default - generated with random_password
   */
  readonly rootPassword?: string;
  /**
   * Allow root logins over SSH.
   * @default false
   */
  readonly permitRootLogin?: boolean;
  /**
   * The CA for the Data Plane API certificate (HAP-06).
   * @default HaproxyCertificateAuthority.generate()
   */
  readonly certificateAuthority?: HaproxyCertificateAuthority;
  /**
   * Minutes to wait for the guest's network after power-on; 0 disables the wait so a deploy never hangs
   * on VMware Tools reporting.
   * @default 0
   */
  readonly waitForGuestNetTimeoutMinutes?: number;
  /**
   * Accept an OVA server whose TLS certificate cannot be verified.
   * @default false
   */
  readonly allowUnverifiedSslCert?: boolean;
  /**
   * The exact vsphere provider release the stack is pinned to (`terraform.required_providers.vsphere`). The
   * default keeps the OVA's network cards; every release from 2.6.0 on replaces them, and choosing one warns
   * (HAP-10). One Terraform configuration holds one version of a provider. Anything but one exact release
   * `major.minor.patch` (a constraint such as `"~> 2.5"`, a Terraform variable) is error HAP-12 at synth.
   * @default HaproxyLoadBalancer.DEFAULT_VSPHERE_PROVIDER_VERSION
   */
  readonly vsphereProviderVersion?: string;
  /**
   * More `extra_config` (VMX) settings for the VM, merged with the ones the appliance needs
   * (`guest_rpc.auth.cloud-init.set = "FALSE"`, which wins over a value given here).
   * @default - only the appliance's own settings
   */
  readonly extraConfig?: Record<string, string>;
  /**
   * When the VM is created or replaced, wait until the Data Plane API answers on
   * `https://<management ip>:<port>/v2/info` with the construct's CA and credentials, and fail that apply with
   * the likely causes when it does not (a `terraform_data` with a local-exec provisioner that runs Node.js:
   * the machine that runs Terraform needs `node` on its PATH and a route to the management network at that
   * apply). Later plans, applies and destroys never contact the appliance. Turn it off where the machine that
   * creates the appliance can never reach the management network.
   * @default true
   */
  readonly readinessCheck?: boolean;
  /**
   * A health check on every plan and apply: a `check` block whose `http` request (one try, 5 s) warns when the
   * Data Plane API does not answer 200 and never fails a run, destroy included (Terraform 1.5+; the
   * stack needs the http provider). Off by default because Terraform plans the check's read every time, so
   * `terraform plan -detailed-exitcode` then always exits 2 (hashicorp/terraform v1.11.4
   * `internal/plans/changes_src.go` 42–60: a `Read` is a change; `internal/terraform/context_plan.go` 838).
   * @default false
   */
  readonly healthCheck?: boolean;
  /**
   * How many times the wait tries before it fails (5 to 30 s apart, 10 s per try).
   * @default HaproxyLoadBalancer.DEFAULT_READINESS_ATTEMPTS (about 20 minutes)
   */
  readonly readinessAttempts?: number;
  /**
   * Warnings of this construct accepted on purpose, each with a reason of at least a sentence: not printed,
   * listed under "Acknowledged" in the report. Errors cannot be acknowledged.
   * @default - none
   */
  readonly acknowledge?: Acknowledgement[];
}

/** The run-time shape of {@link HaproxyLoadBalancerProps}. */
export const HAPROXY_PROPS_SPEC: PropSpec = {
  fields: {
    network: required(
      instance("a SupervisorWorkloadNetwork", (v) => v instanceof SupervisorWorkloadNetwork),
      "the networks the appliance is wired to",
    ),
    mode: optional(enumOf("HaproxyMode", HaproxyMode)),
    virtualIpCidrs: required(listOf(str), 'the VIP blocks as CIDRs, e.g. ["192.168.120.128/25"]'),
    managementIp: required(address, "the appliance's management address"),
    workloadIp: required(address, "the appliance's workload address"),
    workloadNetworkName: optional(str),
    frontendIp: optional(address),
    datacenterId: required(str, "the datacenter's id, e.g. a vsphere_datacenter data source's id"),
    resourcePoolId: required(
      str,
      "a resource pool's id, e.g. a vsphere_compute_cluster data source's resourcePoolId",
    ),
    datastoreId: required(str, "the datastore's id, e.g. a vsphere_datastore data source's id"),
    hostSystemId: required(
      str,
      "the ESXi host to deploy on, e.g. a vsphere_host data source's id (vsphere provider 2.5.1 refuses an OVF deploy without one, HAP-09)",
    ),
    folder: optional(str),
    name: optional(str),
    ova: optional(
      instance('a HaproxyOva (e.g. HaproxyOva.fromRelease("v0.2.0"))', (v) => v instanceof HaproxyOva),
    ),
    diskProvisioning: optional(enumOf("DiskProvisioning", DiskProvisioning)),
    hostname: optional(str),
    nameservers: optional(listOf(address)),
    dataplanePort: optional(num),
    dataplaneUser: optional(str),
    dataplanePassword: optional(str),
    rootPassword: optional(str),
    permitRootLogin: optional(bool),
    certificateAuthority: optional(
      instance(
        "a HaproxyCertificateAuthority (HaproxyCertificateAuthority.generate() or .fromPem(…))",
        (v) => v instanceof HaproxyCertificateAuthority,
      ),
    ),
    waitForGuestNetTimeoutMinutes: optional(num),
    allowUnverifiedSslCert: optional(bool),
    vsphereProviderVersion: optional(str),
    extraConfig: optional(recordOf(str)),
    readinessCheck: optional(bool),
    healthCheck: optional(bool),
    readinessAttempts: optional(num),
    acknowledge: optional(ACKNOWLEDGEMENTS_SPEC),
  },
  renamed: { virtualIpRanges: "virtualIpCidrs" },
  aliases: {
    workloadNetwork: { prop: "workloadNetworkName", note: "the workload network's name" },
    host: { prop: "hostSystemId", note: "the host's id (a vsphere_host data source's id), not its name" },
    providerVersion: { prop: "vsphereProviderVersion", note: 'an exact release, e.g. "2.5.1"' },
  },
};

/**
 * A load-balancer range as the vCenter wizard and API take it: first address and count. It lies inside one VIP
 * block and leaves out the network and broadcast addresses of the plan's subnets (VIP-06).
 */
export interface VirtualServerRange {
  /** The VIP block it comes from, e.g. `192.168.120.128/25`. */
  readonly cidr: string;
  /** First address. */
  readonly start: string;
  /** Last address. */
  readonly end: string;
  /** Number of addresses. */
  readonly count: number;
}

/** The appliance VM's hardware, as the OVA defines it. */
export interface HaproxyHardware {
  /** Virtual CPUs. */
  readonly numCpus: number;
  /** Cores per socket. */
  readonly numCoresPerSocket: number;
  /** Memory in MiB. */
  readonly memory: number;
  /** The guest OS id. */
  readonly guestId: string;
  /** `bios` or `efi`. */
  readonly firmware: string;
  /** The SCSI controller type. */
  readonly scsiType: string;
}

/** The OVF network names, one per NIC. */
export interface OvfNetworkNames {
  /** The management NIC's OVF network. */
  readonly management: string;
  /** The workload NIC's OVF network. */
  readonly workload: string;
  /** The frontend NIC's OVF network (frontend mode). */
  readonly frontend: string;
}

/** The OVA's hardware (both deployment options). */
export const HAPROXY_HARDWARE = {
  numCpus: 2,
  numCoresPerSocket: 2,
  memory: 4096,
  guestId: "other3xLinux64Guest",
  firmware: "bios",
  scsiType: "lsilogic",
} as const;

/**
 * The `extra_config` the appliance needs. ESXi 8.0 U3 refuses the v0.2.0 appliance's first-boot write of its
 * cloud-init data into guestinfo (`ovf-to-cloud-init.sh`: `ovf-rpctool set userdata`) unless the VM allows it
 * (haproxytech/vmware-haproxy issue #35; the fix is only in the OVF template on master, commit e987363). The
 * provider applies `extra_config` in the reconfigure before the first power-on (provider v2.5.1
 * `vsphere/resource_vsphere_virtual_machine.go`, `resourceVSphereVirtualMachinePostDeployChanges`:
 * `expandVirtualMachineConfigSpec`, `Reconfigure`, then `PowerOn`).
 */
export const HAPROXY_EXTRA_CONFIG: Readonly<Record<string, string>> = {
  "guest_rpc.auth.cloud-init.set": "FALSE",
};

/**
 * The Data Plane API path the readiness check reads: `GET /v2/info` of the appliance's Data Plane API v2.1.0
 * (haproxytech/dataplaneapi v2.1.0 `embedded_spec.go`: basePath `/v2`, `/info`, basic auth on every path).
 */
export const DATAPLANE_READINESS_PATH = "/v2/info";

/** OVF network names in NIC order. */
export const OVF_NETWORKS = { management: "Management", workload: "Workload", frontend: "Frontend" } as const;

/**
 * The VMware HAProxy appliance, deployed from its OVA with the vApp properties, NICs, hardware, certificates
 * and lifecycle its first boot needs. Validates the HAProxy side of the plan (VIP-xx, HAP-xx, SEC-01).
 *
 * Needs the vsphere, tls and random providers configured in the stack.
 */
export class HaproxyLoadBalancer extends Construct implements ISupervisorLoadBalancer {
  /** Which load balancer it is, for the Supervisor. */
  public readonly loadBalancerType = SupervisorLoadBalancerType.HAPROXY_APPLIANCE;
  public static readonly DEFAULT_HOSTNAME = "haproxy.local";
  public static readonly DEFAULT_NAMESERVERS: string[] = ["1.1.1.1", "1.0.0.1"];
  public static readonly DEFAULT_DATAPLANE_PORT = 5556;
  public static readonly DEFAULT_DATAPLANE_USER = "admin";
  /** The provider release that keeps the OVA's network cards (see `NIC_PRESERVING_PROVIDER_VERSION`). */
  public static readonly DEFAULT_VSPHERE_PROVIDER_VERSION = NIC_PRESERVING_PROVIDER_VERSION;
  /** Readiness tries: with the backoff from 5 to 30 s, about 20 minutes, enough for a first boot. */
  public static readonly DEFAULT_READINESS_ATTEMPTS = 40;
  /** The OVA's hardware (both deployment options): `HAPROXY_HARDWARE`. */
  public static readonly HARDWARE: HaproxyHardware = HAPROXY_HARDWARE;
  /** The `extra_config` the appliance needs: `HAPROXY_EXTRA_CONFIG`. */
  public static readonly EXTRA_CONFIG: Record<string, string> = { ...HAPROXY_EXTRA_CONFIG };
  /** The Data Plane API path the readiness check reads: `DATAPLANE_READINESS_PATH`. */
  public static readonly DATAPLANE_READINESS_PATH = DATAPLANE_READINESS_PATH;
  /** The OVF network names in NIC order: `OVF_NETWORKS`. */
  public static readonly OVF_NETWORKS: OvfNetworkNames = OVF_NETWORKS;

  /** The appliance VM (escape hatch). */
  public readonly virtualMachine: VirtualMachine;
  /** The resolved mode. */
  public readonly mode: HaproxyMode;
  /** The parsed HAProxy plan. */
  public readonly plan: HaproxyPlan;
  /** Findings of the HAProxy rules. */
  public readonly diagnostics: Diagnostic[];
  /** The warnings acknowledged on it or above it, with their reasons. */
  public readonly acknowledged: AcknowledgedDiagnostic[];
  /** The vApp properties sent to the appliance, keyed by the un-prefixed OVF property ids. */
  public readonly vappProperties: Record<string, string>;
  /** Data Plane API endpoint, `https://<management ip>:<port>`. */
  public readonly dataplaneEndpoint: string;
  /** Data Plane API address as the vCenter wizard takes it, `<management ip>:<port>`. */
  public readonly dataplaneAddress: string;
  /** Data Plane API user. */
  public readonly dataplaneUser: string;
  /** Data Plane API password (a reference when generated; sensitive). */
  public readonly dataplanePassword: string;
  /** Root password (a reference when generated; sensitive). */
  public readonly rootPassword: string;
  /** The CA certificate PEM to give the Supervisor at enablement. */
  public readonly caCertificatePem: string;
  /** The VIP CIDRs as given. */
  public readonly virtualIpCidrs: string[];
  /** The VIP blocks as start/count ranges for vCenter; empty for blocks not known at synth. */
  public readonly virtualServerRanges: VirtualServerRange[];
  /** The OVA deployed. */
  public readonly ova: HaproxyOva;
  /** The name of the workload network the workload NIC joins. */
  public readonly workloadNetworkName: string;
  /** The VM's name. */
  public readonly name: string;
  /** The Data Plane API port. */
  public readonly dataplanePort: number;
  /** The vsphere provider release the stack is pinned to. */
  public readonly vsphereProviderVersion: string;
  /**
   * The mark of a readiness wait that succeeded (`terraform_data` `<id>/dataplane-api-ready`), when the readiness
   * check is on: applied only after the wait, replaced with it, absent after a failed one. Its `output.url` is
   * what the Supervisor gates on.
   */
  public readonly readinessCheck?: TerraformResource;
  /** The wait itself (`terraform_data` `<id>/dataplane-api-wait` with a local-exec provisioner), when on. */
  public readonly readinessWait?: TerraformResource;
  /** The health check of every plan (a `check` block that can only warn), with `healthCheck: true`. */
  public readonly healthCheck?: TerraformElement;
  /** What later resources (the Supervisor) depend on: the readiness wait when on, else the VM. */
  public readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: HaproxyLoadBalancerProps) {
    checkConstructProps(scope, id, props, HAPROXY_PROPS_SPEC);
    super(scope, id);
    const network = props.network;
    this.mode = props.mode ?? HaproxyMode.DEFAULT;
    this.name = props.name ?? id;
    this.ova = props.ova ?? HaproxyOva.fromRelease(HaproxyOva.LATEST_VERSION);
    const nameservers = props.nameservers ?? [...HaproxyLoadBalancer.DEFAULT_NAMESERVERS];
    const dataplanePort = props.dataplanePort ?? HaproxyLoadBalancer.DEFAULT_DATAPLANE_PORT;
    this.dataplanePort = dataplanePort;
    this.dataplaneUser = props.dataplaneUser ?? HaproxyLoadBalancer.DEFAULT_DATAPLANE_USER;
    const frontendMode = this.mode === HaproxyMode.FRONTEND;
    const supplied =
      props.certificateAuthority?.certificatePem !== undefined ? props.certificateAuthority : undefined;
    this.vsphereProviderVersion =
      props.vsphereProviderVersion ?? HaproxyLoadBalancer.DEFAULT_VSPHERE_PROVIDER_VERSION;
    pinVsphereProvider(this, this.vsphereProviderVersion, "the appliance");

    const check = checkHaproxyPlan(
      network.plan,
      {
        mode: this.mode,
        virtualIpCidrs: props.virtualIpCidrs,
        managementIp: props.managementIp,
        workloadIp: props.workloadIp,
        workloadNetworkName: props.workloadNetworkName,
        frontendIp: props.frontendIp,
        nameservers,
        dataplanePort,
        readinessAttempts: props.readinessAttempts,
        dataplaneUser: this.dataplaneUser,
        dataplanePassword: props.dataplanePassword,
        rootPassword: props.rootPassword,
        certificateAuthority: supplied
          ? { certificatePem: supplied.certificatePem!, privateKeyPem: supplied.privateKeyPem ?? "" }
          : undefined,
        applianceVersion: this.ova.version,
        vsphereProviderVersion: this.vsphereProviderVersion,
        hostSystemId: props.hostSystemId,
      },
      // Its fixes are verified once, below, with the whole plan.
      { ...TOKEN_AWARE, siteRules: network.siteRules, verifySuggestions: false },
    );
    this.plan = check.plan;
    // Every fix, the network's too, checked with the whole plan (a gateway proposed on a VIP or on a NIC is not
    // one): the appliance's findings are the whole check's.
    const whole = checkWholePlan(network.plan.props, check.plan.props, undefined, {
      ...TOKEN_AWARE,
      siteRules: network.siteRules,
    });
    this.diagnostics = whole.haproxy;
    addAcknowledgements(this, props.acknowledge ?? [], "acknowledge");
    this.acknowledged = attachDiagnostics(this, this.diagnostics, check.unresolved);
    reviseDiagnostics(network, network.diagnostics, whole.network, network.acknowledged);

    // Secrets: generated unless given.
    this.rootPassword = props.rootPassword ?? generatedPassword(this, "root-password").result;
    this.dataplanePassword = props.dataplanePassword ?? generatedPassword(this, "dataplane-password").result;
    let caKeyPem: string;
    if (supplied) {
      this.caCertificatePem = supplied.certificatePem!;
      caKeyPem = supplied.privateKeyPem ?? "";
    } else {
      const options = props.certificateAuthority?.generated ?? {};
      const key = new PrivateKey(this, "ca-key", { algorithm: "RSA", rsaBits: 2048 });
      const cert = new SelfSignedCert(this, "ca-cert", {
        privateKeyPem: key.privateKeyPem,
        isCaCertificate: true,
        validityPeriodHours: options.validityPeriodHours ?? 87600,
        allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
        subject: [
          { commonName: options.commonName ?? "HAProxy appliance CA", organization: "vSphere with Tanzu" },
        ],
      });
      this.caCertificatePem = cert.certPem;
      caKeyPem = key.privateKeyPemPkcs8;
    }

    // Networks: which port group each NIC joins.
    this.workloadNetworkName = this.plan.workloadNetwork ?? props.workloadNetworkName ?? "";
    const workloadPgName = this.plan.workloadPortGroup;
    const managementPg = portGroupByName(network.plan, network.plan.managementPortGroup);
    const workloadPg = portGroupByName(network.plan, workloadPgName);
    const frontendPg = portGroupByName(network.plan, network.plan.frontendPortGroup);
    const managementNetworkId = network.managementNetworkId;
    const workloadNetworkId = workloadPgName !== undefined ? network.networkId(workloadPgName) : "";
    const frontendNetworkId = network.frontendNetworkId ?? "";

    // A number token in text must be made a string token first, or its encoded double would be printed.
    const portText = Token.isUnresolved(dataplanePort)
      ? Token.asString(dataplanePort)
      : String(dataplanePort);
    // vApp properties, keyed by the un-prefixed OVF ids the provider matches.
    const properties: Record<string, string> = {
      root_pwd: this.rootPassword,
      permit_root_login: props.permitRootLogin ? "True" : "False",
      ca_cert: this.caCertificatePem,
      ca_cert_key: caKeyPem,
      hostname: props.hostname ?? HaproxyLoadBalancer.DEFAULT_HOSTNAME,
      nameservers: joined(nameservers, ", "),
      management_ip: withPrefix(props.managementIp, managementPg?.props.cidr),
      management_gateway: managementPg?.props.gateway ?? "",
      workload_ip: withPrefix(props.workloadIp, workloadPg?.props.cidr),
      workload_gateway: workloadPg?.props.gateway ?? "",
      service_ip_range: joined(props.virtualIpCidrs, ","),
      dataplane_port: portText,
      haproxy_user: this.dataplaneUser,
      haproxy_pwd: this.dataplanePassword,
    };
    if (this.ova.hasAdditionalWorkloadNetworks) {
      properties.additional_workload_networks = additionalWorkloadCidrs(network, workloadPgName).join(",");
    }
    if (frontendMode) {
      properties.frontend_ip = withPrefix(props.frontendIp ?? "", frontendPg?.props.cidr);
      properties.frontend_gateway = frontendPg?.props.gateway ?? "";
    }
    this.vappProperties = properties;

    const networkMap: Record<string, string> = {
      [OVF_NETWORKS.management]: managementNetworkId,
      [OVF_NETWORKS.workload]: workloadNetworkId,
    };
    // NICs in OVF order. The provider matches them to the OVA's NICs by list position (v2.5.1
    // NetworkInterfacePostCloneOperation); `ovf_mapping` is read only on the content-library path
    // (`content_library_helper.go`), so it is not sent.
    const nics: { networkId: string; adapterType: string }[] = [
      { networkId: managementNetworkId, adapterType: "vmxnet3" },
      { networkId: workloadNetworkId, adapterType: "vmxnet3" },
    ];
    if (frontendMode) {
      networkMap[OVF_NETWORKS.frontend] = frontendNetworkId;
      nics.push({ networkId: frontendNetworkId, adapterType: "vmxnet3" });
    }

    const ovfDeploy = {
      remoteOvfUrl: this.ova.remoteOvfUrl,
      localOvfPath: this.ova.localOvfPath,
      deploymentOption: this.mode,
      diskProvisioning: props.diskProvisioning ?? DiskProvisioning.THIN,
      // No ip_protocol / ip_allocation_policy: the OVF has no IP-assignment section.
      ovfNetworkMap: networkMap,
      allowUnverifiedSslCert: props.allowUnverifiedSslCert ?? false,
    };

    const waitMinutes = props.waitForGuestNetTimeoutMinutes ?? 0;
    this.virtualMachine = new ApplianceVirtualMachine(this, "appliance", {
      name: props.name ?? id,
      datacenterId: props.datacenterId,
      resourcePoolId: props.resourcePoolId,
      datastoreId: props.datastoreId,
      hostSystemId: props.hostSystemId,
      folder: props.folder,
      ...HAPROXY_HARDWARE,
      networkInterface: nics,
      ovfDeploy,
      vapp: { properties },
      extraConfig: { ...props.extraConfig, ...HAPROXY_EXTRA_CONFIG },
      waitForGuestNetTimeout: waitMinutes,
      waitForGuestIpTimeout: waitMinutes,
      // First boot reads the properties once: a change of them or of the OVA must replace the appliance.
      replaceTrigger: Fn.sha256(
        Fn.jsonencode({ properties, ova: this.ova.remoteOvfUrl ?? this.ova.localOvfPath, mode: this.mode }),
      ),
      lifecycle: {
        // host_system_id: provider 2.5.1 reads it back from the VM's current host (resource_vsphere_virtual_machine.go
        // 459–462) and migrates the VM back when it differs (resourceVSphereVirtualMachineUpdateLocation, 1793–1816).
        // vSphere with Tanzu needs fully automated DRS, so every DRS move would plan a vMotion back. The host
        // matters only to the OVF deploy at create (internal/helper/ovfdeploy/ovf_helper.go 484–487).
        ignoreChanges: ["vapp", "ept_rvi_mode", "hv_mode", "host_system_id"],
      },
    });

    const managementIpText = props.managementIp;
    this.dataplaneAddress = `${managementIpText}:${portText}`;
    this.dataplaneEndpoint = `https://${this.dataplaneAddress}`;
    this.virtualIpCidrs = props.virtualIpCidrs;
    this.virtualServerRanges = this.plan.virtualIps.flatMap((v) =>
      loadBalancerRangesOf(network.plan, v.cidr).map((r) => toServerRange(formatCidr(v.cidr), r)),
    );

    const readiness = {
      url: `${this.dataplaneEndpoint}${DATAPLANE_READINESS_PATH}`,
      caCertificatePem: this.caCertificatePem,
      user: this.dataplaneUser,
      password: this.dataplanePassword,
      attempts: props.readinessAttempts ?? HaproxyLoadBalancer.DEFAULT_READINESS_ATTEMPTS,
      virtualMachineId: this.virtualMachine.id,
    };
    if (props.readinessCheck ?? true) {
      const { wait, ready } = readinessWait(this, readiness);
      this.readinessWait = wait;
      this.readinessCheck = ready;
    }
    if (props.healthCheck ?? false) {
      this.healthCheck = healthCheck(this, readiness);
    }
    // A check block: 1.5; terraform_data and local-exec's `quiet`: 1.4.
    requireTerraformVersion(this, this.healthCheck ? "1.5.0" : this.readinessCheck ? "1.4.0" : "1.0.0");
    this.ready = this.readinessCheck ?? this.virtualMachine;

    const reported = reportedNetwork(network);
    if (reported) {
      reported.appliance = {
        construct: this,
        acknowledged: this.acknowledged,
        node: this.node,
        plan: this.plan,
        diagnostics: this.diagnostics,
        caCertificatePem: this.caCertificatePem,
        dataplanePassword: this.dataplanePassword,
        name: this.name,
      };
    }
  }

  /**
   * Terraform outputs of what the Workload Management wizard's load-balancer step asks for, named
   * `<prefix>_ca_certificate_pem`, `<prefix>_dataplane_address`, `<prefix>_dataplane_user` and
   * `<prefix>_dataplane_password` (sensitive), and the appliance's `<prefix>_root_password` (sensitive, for its
   * console): read one with `terraform output -raw <name>` in the stack's folder (`cdktf.out/stacks/<stack>`).
   * The IP-plan report then names them.
   *
   * @param prefix the outputs' name prefix, letters, digits and `_`; default: the appliance's name with `-` as `_`
   * @returns the five outputs, in that order
   */
  public addOutputs(prefix?: string): TerraformOutput[] {
    const p = prefix ?? this.name.replace(/[^A-Za-z0-9_]/g, "_");
    const output = (name: string, value: string, description: string, sensitive = false) => {
      const o = new TerraformOutput(this, name, { value, description, sensitive });
      o.overrideLogicalId(`${p}_${name.replace(/-/g, "_")}`);
      return o;
    };
    return [
      output(
        "ca_certificate_pem",
        this.caCertificatePem,
        "CA certificate (PEM) to paste into the Workload Management wizard's HAProxy step.",
      ),
      output("dataplane_address", this.dataplaneAddress, "Data Plane API address (<management ip>:<port>)."),
      output("dataplane_user", this.dataplaneUser, "Data Plane API user."),
      output("dataplane_password", this.dataplanePassword, "Data Plane API password.", true),
      output(
        "root_password",
        this.rootPassword,
        "The appliance's root password (console and, with permitRootLogin, SSH).",
        true,
      ),
    ];
  }
}

function toServerRange(cidr: string, i: Interval): VirtualServerRange {
  return { cidr, start: formatAddress(i.first), end: formatAddress(i.last), count: size(i) };
}

/** A list joined as text; a list token (a variable of type list) is joined by Terraform. */
function joined(list: readonly string[], separator: string): string {
  return Token.isUnresolved(list) ? Fn.join(separator, list as string[]) : list.join(separator);
}

function generatedPassword(scope: Construct, id: string): Password {
  // Characters the appliance's first-boot script and Data Plane API config take without quoting trouble.
  return new Password(scope, id, {
    length: 24,
    special: true,
    overrideSpecial: "-_.+=",
    minLower: 2,
    minUpper: 2,
    minNumeric: 2,
    minSpecial: 1,
  });
}

/** `ip/prefix` from a plain address and its port group's CIDR; the prefix is computed by Terraform for tokens. */
function withPrefix(ip: string, cidr: string | undefined): string {
  if (cidr === undefined) {
    return ip;
  }
  const prefix = Token.isUnresolved(cidr) ? Fn.element(Fn.split("/", cidr), 1) : (cidr.split("/")[1] ?? "");
  // With a token on either side, one function call rather than text around tokens: the value also goes into
  // jsonencode() for the replacement trigger, where cdktf cannot resolve tokens inside a template (it warns
  // about escape sequences and writes raw token text).
  return Token.isUnresolved(ip) || Token.isUnresolved(prefix)
    ? Fn.join("/", [ip, prefix])
    : `${ip}/${prefix}`;
}

/** CIDRs of every workload port group other than the HAProxy's own, each once, in plan order. */
function additionalWorkloadCidrs(network: SupervisorWorkloadNetwork, own: string | undefined): string[] {
  const byName = new Map(network.plan.portGroups.map((pg) => [pg.name, pg]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const wn of network.plan.workloadNetworks) {
    const pg = byName.get(wn.portGroup);
    if (wn.portGroup !== own && !seen.has(wn.portGroup) && pg) {
      seen.add(wn.portGroup);
      out.push(pg.props.cidr);
    }
  }
  return out;
}

/**
 * The appliance VM: the prebuilt binding, with its `lifecycle` rendered as Terraform's native syntax in HCL
 * output (see `hcl-rendering.ts`).
 */
class ApplianceVirtualMachine extends VirtualMachine {
  public toHclTerraform(): Record<string, unknown> {
    return lifecycleForHcl(super.toHclTerraform());
  }
}
