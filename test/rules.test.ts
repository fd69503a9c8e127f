import * as fs from "fs";
import * as path from "path";
import {
  checkFleet,
  checkPlan,
  FleetSite,
  FoundationPersona,
  FoundationPlanProps,
  SupervisorPlanProps,
  Diagnostic,
  formatDiagnostic,
  HaproxyMode,
  HaproxyPlanProps,
  NetworkPlanProps,
  RULES,
  Severity,
} from "../lib";
import { FRONTEND, MGMT, s13Haproxy, s13Network, WL120 } from "./fixtures";

/** A CA certificate (PEM) for an existing HAProxy's Data Plane API. */
const TLS_CA = fs.readFileSync(path.join(__dirname, "fixtures", "tls", "ca.pem"), "utf8");

const WL121 = { name: "wl-121", vlanId: 121, cidr: "192.168.121.0/24", gateway: "192.168.121.1" };

type Plan = {
  network: NetworkPlanProps;
  haproxy: HaproxyPlanProps;
  supervisor?: SupervisorPlanProps;
  foundation?: FoundationPlanProps;
};

function s13(): Plan {
  return { network: s13Network(), haproxy: s13Haproxy() };
}

/** A T4 plan on a /16 workload network (the issue's 192.168.0.0/16), VIPs on the frontend network. */
function t4Wide(): Plan {
  const p = t4();
  const wide = { name: "wl-wide", vlanId: 100, cidr: "192.168.0.0/16", gateway: "192.168.1.1" };
  return {
    network: {
      ...p.network,
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: wide,
        addressRanges: ["192.168.1.31-192.168.1.40"],
      },
      workloadNetworks: [],
    },
    haproxy: { ...p.haproxy, workloadIp: "192.168.1.5" },
  };
}

/** A T4 plan: frontend mode, VIPs on the frontend network. */
function t4(): Plan {
  const p = s13();
  return {
    network: { ...p.network, frontendNetwork: FRONTEND },
    haproxy: {
      ...p.haproxy,
      mode: HaproxyMode.FRONTEND,
      frontendIp: "192.168.130.5",
      virtualIpCidrs: ["192.168.130.64/26"],
    },
  };
}

function run(p: Plan): Diagnostic[] {
  return checkPlan(p.network, p.haproxy, { supervisor: p.supervisor, foundation: p.foundation }).diagnostics;
}

/** S-13 with a Supervisor enabled on it. */
function withSupervisor(): Plan {
  const base = s13();
  return {
    ...base,
    network: { ...base.network, supervisorManagementStartIp: "10.0.0.20" },
    supervisor: {
      name: "supervisor-a",
      serviceCidr: "10.96.0.0/23",
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
      storagePolicy: "policy-1",
      apiServerDnsNames: ["supervisor-a.example.com"],
      networkIdentifiers: [{ path: "managementNetworkIdentifier", value: "management" }],
    },
  };
}
/** S-13 with the vSphere Foundation Load Balancer instead of the appliance: VIPs on the upper /25. */
function withFoundation(): Plan {
  return {
    network: s13Network(),
    haproxy: {
      deployed: false,
      mode: HaproxyMode.DEFAULT,
      virtualIpCidrs: ["192.168.120.128/25"],
      managementIp: "",
      workloadIp: "",
      nameservers: [],
      dataplanePort: 0,
      dataplaneUser: "",
    },
    foundation: {
      interfaces: [
        {
          personas: [FoundationPersona.MANAGEMENT],
          portGroup: "mgmt",
          addressRanges: ["10.0.0.30-10.0.0.31"],
        },
        {
          personas: [FoundationPersona.WORKLOAD, FoundationPersona.FRONTEND],
          portGroup: "wl-120",
          addressRanges: ["192.168.120.10-192.168.120.11"],
        },
      ],
      dnsServers: ["10.0.0.2"],
      ntpServers: ["pool.ntp.org"],
    },
  };
}
const setItf = (p: Plan, i: number, patch: Partial<FoundationPlanProps["interfaces"][number]>) => {
  const interfaces = [...p.foundation!.interfaces];
  interfaces[i] = { ...interfaces[i], ...patch };
  p.foundation = { ...p.foundation!, interfaces };
};
const setSup = (p: Plan, patch: Partial<SupervisorPlanProps>) => {
  p.supervisor = { ...p.supervisor!, ...patch };
};

function withRule(ds: Diagnostic[], id: string): Diagnostic[] {
  return ds.filter((d) => d.ruleId === id);
}

const PKCS1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----";
const PKCS8 = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----";
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

interface Case {
  id: string;
  what: string;
  base?: () => Plan;
  bad: (p: Plan) => void;
  good: (p: Plan) => void;
  quoted: string[];
}

const wl = (p: Plan) => p.network.primaryWorkloadNetwork;
const mutablePrimary = (p: Plan, patch: Partial<NetworkPlanProps["primaryWorkloadNetwork"]>) => {
  p.network = { ...p.network, primaryWorkloadNetwork: { ...wl(p), ...patch } };
};
const setNet = (p: Plan, patch: Partial<NetworkPlanProps>) => {
  p.network = { ...p.network, ...patch };
};
const setHap = (p: Plan, patch: Partial<HaproxyPlanProps>) => {
  p.haproxy = { ...p.haproxy, ...patch };
};

const cases: Case[] = [
  {
    id: "IP-01",
    what: "a shorthand HAProxy address",
    bad: (p) => setHap(p, { managementIp: "10.10" }),
    good: (p) => setHap(p, { managementIp: "10.0.0.10" }),
    quoted: ['"10.10"'],
  },
  {
    id: "IP-02",
    what: "a VIP CIDR with host bits",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.130/25"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/25"] }),
    quoted: ['"192.168.120.130/25"', '"192.168.120.128/25"'],
  },
  {
    id: "IP-03",
    what: "a reversed range",
    bad: (p) => mutablePrimary(p, { addressRanges: ["192.168.120.40-192.168.120.31"] }),
    good: (p) => mutablePrimary(p, { addressRanges: ["192.168.120.31-192.168.120.40"] }),
    quoted: ['"192.168.120.40-192.168.120.31"'],
  },
  {
    id: "NET-01",
    what: "a gateway outside its CIDR",
    bad: (p) => setNet(p, { managementNetwork: { ...MGMT, gateway: "10.0.1.1" } }),
    good: (p) => setNet(p, { managementNetwork: { ...MGMT, gateway: "10.0.0.1" } }),
    quoted: ['"10.0.1.1"', '"10.0.0.0/24"'],
  },
  {
    id: "NET-02",
    what: "a range leaving its port group",
    bad: (p) => mutablePrimary(p, { addressRanges: ["192.168.120.250-192.168.121.10"] }),
    good: (p) => mutablePrimary(p, { addressRanges: ["192.168.120.31-192.168.120.40"] }),
    quoted: ['"192.168.120.250-192.168.121.10"', '"192.168.120.0/24"'],
  },
  {
    id: "NET-03",
    what: "overlapping port group CIDRs",
    bad: (p) =>
      setNet(p, { managementNetwork: { ...MGMT, cidr: "192.168.120.0/23", gateway: "192.168.121.1" } }),
    good: (p) => setNet(p, { managementNetwork: MGMT }),
    quoted: ['"192.168.120.0/23"', '"192.168.120.0/24"', '"mgmt"', '"wl-120"'],
  },
  {
    id: "NET-04",
    what: "two workload ranges overlapping",
    bad: (p) =>
      setNet(p, {
        workloadNetworks: [
          { name: "workload-1", portGroup: WL120, addressRanges: ["192.168.120.38-192.168.120.60"] },
        ],
      }),
    good: (p) =>
      setNet(p, {
        workloadNetworks: [
          { name: "workload-1", portGroup: WL120, addressRanges: ["192.168.120.41-192.168.120.60"] },
        ],
      }),
    quoted: ['"192.168.120.38-192.168.120.60"', '"192.168.120.31-192.168.120.40"'],
  },
  {
    id: "NET-05",
    what: "a primary range of 2 addresses",
    bad: (p) => mutablePrimary(p, { addressRanges: ["192.168.120.31-192.168.120.32"] }),
    good: (p) => mutablePrimary(p, { addressRanges: ["192.168.120.31-192.168.120.33"] }),
    quoted: ['"192.168.120.31-192.168.120.32"'],
  },
  {
    id: "NET-06",
    what: "one port group name with two CIDRs",
    bad: (p) =>
      setNet(p, {
        workloadNetworks: [
          {
            name: "workload-1",
            portGroup: { ...WL120, cidr: "192.168.121.0/24", gateway: "192.168.121.1" },
            addressRanges: ["192.168.121.51-192.168.121.60"],
          },
        ],
      }),
    good: (p) =>
      setNet(p, {
        workloadNetworks: [
          {
            name: "workload-1",
            portGroup: {
              ...WL120,
              name: "wl-121",
              vlanId: 121,
              cidr: "192.168.121.0/24",
              gateway: "192.168.121.1",
            },
            addressRanges: ["192.168.121.51-192.168.121.60"],
          },
        ],
      }),
    quoted: ['"wl-120"', '"192.168.121.0/24"', '"192.168.120.0/24"'],
  },
  {
    id: "NET-07",
    what: "a workload network name that is not a DNS label",
    bad: (p) => mutablePrimary(p, { name: "Primary_Net" }),
    good: (p) => mutablePrimary(p, { name: "primary-net" }),
    quoted: ['"Primary_Net"', '"primary-net"'],
  },
  {
    id: "NET-08",
    what: "a management block over the gateway",
    bad: (p) => setNet(p, { supervisorManagementStartIp: "9.255.255.254" }),
    good: (p) => setNet(p, { supervisorManagementStartIp: "10.0.0.20" }),
    quoted: ['"9.255.255.254"', '"10.0.0.0/24"'],
  },
  {
    id: "VIP-01",
    what: "VIPs over the gateway",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.0/28"], workloadIp: "192.168.120.20" }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.64/28"], workloadIp: "192.168.120.20" }),
    quoted: ['"192.168.120.0/28"', "192.168.120.1", '"wl-120"'],
  },
  {
    id: "VIP-02",
    what: "VIPs over a node range",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.32/27"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.64/27"] }),
    quoted: ['"192.168.120.32/27"', '"192.168.120.31-192.168.120.40"'],
  },
  {
    id: "VIP-03",
    what: "VIPs over a nameserver",
    bad: (p) => setHap(p, { nameservers: ["192.168.120.200"] }),
    good: (p) => setHap(p, { nameservers: ["10.0.0.2"] }),
    quoted: ['"192.168.120.128/25"', "192.168.120.200"],
  },
  {
    id: "VIP-04",
    what: "two overlapping VIP CIDRs",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/25", "192.168.120.192/26"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/26", "192.168.120.192/26"] }),
    quoted: ['"192.168.120.192/26"', '"192.168.120.128/25"'],
  },
  {
    id: "VIP-05",
    what: "default-mode VIPs in no subnet of the appliance's NICs",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.200.0/25"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/25"] }),
    quoted: [
      '"192.168.200.0/25"',
      'management "mgmt" 10.0.0.0/24, workload "wl-120" 192.168.120.0/24',
      "answered from the management NIC to its gateway 10.0.0.1",
      "return path",
      'e.g. "192.168.120.128/25"',
    ],
  },
  {
    id: "VIP-05",
    what: "frontend-mode VIPs in no subnet of the appliance's NICs",
    base: t4,
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.200.0/25"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.130.64/26"] }),
    quoted: [
      '"192.168.200.0/25"',
      'frontend "frontend" 192.168.130.0/24',
      "management NIC",
      'e.g. "192.168.130.128/25"',
    ],
  },
  {
    id: "VIP-08",
    what: "frontend-mode VIPs inside the workload NIC's subnet (VIPs 192.168.0.0/24 in workload 192.168.0.0/16)",
    base: t4Wide,
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.0.0/24"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.130.64/26"] }),
    quoted: [
      '"192.168.0.0/24"',
      'workload port group "wl-wide" (192.168.0.0/16)',
      "answers these VIPs from its workload NIC and its gateway 192.168.1.1",
      'take the VIPs from the frontend subnet "192.168.130.0/24"',
    ],
  },
  {
    id: "VIP-08",
    what: "default-mode VIPs inside the management NIC's subnet",
    bad: (p) => setHap(p, { virtualIpCidrs: ["10.0.0.128/26"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/26"] }),
    quoted: [
      '"10.0.0.128/26"',
      'management port group "mgmt"',
      "from its management NIC",
      "rides the management network",
    ],
  },
  {
    id: "VIP-07",
    what: "a /32 VIP block (one VIP)",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.200/32"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.200/29"] }),
    quoted: ['"192.168.120.200/32"', "1 load-balancer address", "at least 2", 'e.g. "192.168.120.200/29"'],
  },
  {
    id: "VIP-06",
    what: "the seed's VIP block, which holds the subnet's broadcast address",
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/25"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/26"] }),
    quoted: ['"192.168.120.128/25"', "192.168.120.255", '"wl-120"', "192.168.120.128-192.168.120.254"],
  },
  {
    id: "HAP-01",
    what: "a frontend IP in default mode",
    bad: (p) => setHap(p, { frontendIp: "192.168.130.5" }),
    good: (p) => setHap(p, { frontendIp: undefined }),
    quoted: ['"192.168.130.5"'],
  },
  {
    id: "HAP-01",
    what: "frontend mode without a frontend network",
    base: t4,
    bad: (p) => setNet(p, { frontendNetwork: undefined }),
    good: (p) => setNet(p, { frontendNetwork: FRONTEND }),
    quoted: ["frontendNetwork"],
  },
  {
    id: "HAP-02",
    what: "the workload address inside a node range",
    bad: (p) => setHap(p, { workloadIp: "192.168.120.35" }),
    good: (p) => setHap(p, { workloadIp: "192.168.120.5" }),
    quoted: ["192.168.120.35", '"192.168.120.31-192.168.120.40"'],
  },
  {
    id: "HAP-02",
    what: "the management address outside its subnet",
    bad: (p) => setHap(p, { managementIp: "10.0.1.10" }),
    good: (p) => setHap(p, { managementIp: "10.0.0.10" }),
    quoted: ['"10.0.1.10"', '"10.0.0.0/24"'],
  },
  {
    id: "HAP-03",
    what: "an unknown workload network for the workload NIC",
    bad: (p) => setHap(p, { workloadNetworkName: "workload-9" }),
    good: (p) => setHap(p, { workloadNetworkName: "workload-1" }),
    quoted: ['"workload-9"', '"primary"', '"workload-1"'],
  },
  {
    id: "HAP-04",
    what: "four nameservers",
    bad: (p) => setHap(p, { nameservers: ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"] }),
    good: (p) => setHap(p, { nameservers: ["10.0.0.2", "10.0.0.3", "10.0.0.4"] }),
    quoted: ['"10.0.0.5"'],
  },
  {
    id: "HAP-04",
    what: "a nameserver that is not IPv4",
    bad: (p) => setHap(p, { nameservers: ["2001:db8::53"] }),
    good: (p) => setHap(p, { nameservers: ["10.0.0.53"] }),
    quoted: ['"2001:db8::53"'],
  },
  {
    id: "HAP-05",
    what: "a 5-character password",
    bad: (p) => setHap(p, { dataplanePassword: "abcde" }),
    good: (p) => setHap(p, { dataplanePassword: "abcdef" }),
    quoted: ["5 characters"],
  },
  {
    id: "HAP-05",
    what: "port 0",
    bad: (p) => setHap(p, { dataplanePort: 0 }),
    good: (p) => setHap(p, { dataplanePort: 5556 }),
    quoted: ["0"],
  },
  {
    id: "HAP-06",
    what: "a PKCS#1 CA key",
    bad: (p) => setHap(p, { certificateAuthority: { certificatePem: CERT, privateKeyPem: PKCS1 } }),
    good: (p) => setHap(p, { certificateAuthority: { certificatePem: CERT, privateKeyPem: PKCS8 } }),
    quoted: ['"-----BEGIN RSA PRIVATE KEY-----"'],
  },
  {
    id: "HAP-07",
    what: "default mode on a /25 workload network",
    bad: (p) => setHap(p, { mode: HaproxyMode.DEFAULT }),
    good: () => undefined,
    base: s13,
    quoted: ["default mode"],
  },
  {
    id: "HAP-08",
    what: "release v0.1.10 with a workload network on another port group",
    bad: (p) => {
      setNet(p, {
        workloadNetworks: [
          { name: "ns-a", portGroup: WL121, addressRanges: ["192.168.121.10-192.168.121.20"] },
        ],
      });
      setHap(p, { applianceVersion: "v0.1.10" });
    },
    good: (p) => {
      setNet(p, {
        workloadNetworks: [
          { name: "ns-a", portGroup: WL121, addressRanges: ["192.168.121.10-192.168.121.20"] },
        ],
      });
      setHap(p, { applianceVersion: "v0.2.0" });
    },
    quoted: ['"v0.1.10"', '"ns-a"', '"wl-121"', '"wl-120"'],
  },
  {
    id: "HAP-09",
    what: "provider 2.5.1 without a host",
    bad: (p) => setHap(p, { vsphereProviderVersion: "2.5.1", hostSystemId: undefined }),
    good: (p) => setHap(p, { vsphereProviderVersion: "2.5.1", hostSystemId: "host-10" }),
    quoted: ["2.5.1", "host system ID is required for ovf deployment"],
  },
  {
    id: "HAP-10",
    what: "provider 2.15.0, which recreates the OVA's NICs",
    bad: (p) => setHap(p, { vsphereProviderVersion: "2.15.0" }),
    good: (p) => setHap(p, { vsphereProviderVersion: "2.5.1", hostSystemId: "host-10" }),
    quoted: ["2.15.0", "PCI slot", "2.5.1", "no management interface", "acknowledge HAP-10 with the reason"],
  },
  {
    id: "NET-10",
    what: "the management port group on the workload port group's VLAN with another subnet",
    bad: (p) => setNet(p, { managementNetwork: { ...MGMT, vlanId: 120 } }),
    good: (p) => setNet(p, { managementNetwork: MGMT }),
    quoted: ['"wl-120" (192.168.120.0/24) is on VLAN 120', 'like port group "mgmt" (10.0.0.0/24', "e.g. 121"],
  },
  {
    id: "NET-11",
    what: "a management port group in loopback 127.0.0.0/24",
    bad: (p) => setNet(p, { managementNetwork: { ...MGMT, cidr: "127.0.0.0/24", gateway: "127.0.0.1" } }),
    good: (p) => setNet(p, { managementNetwork: MGMT }),
    quoted: ['"127.0.0.0/24"', "loopback 127.0.0.0/8", "RFC 6890", "such as 10.0.0.0/24 (gateway 10.0.0.1)"],
  },
  {
    id: "NET-09",
    what: "a service CIDR over the workload subnet",
    base: withSupervisor,
    bad: (p) => setSup(p, { serviceCidr: "192.168.120.0/23" }),
    good: (p) => setSup(p, { serviceCidr: "10.96.0.0/23" }),
    quoted: ['"192.168.120.0/23"', '"wl-120"', 'e.g. "10.96.0.0/23"'],
  },
  {
    id: "SUP-01",
    what: "a DNS server given as a name, and no NTP server",
    base: withSupervisor,
    bad: (p) => setSup(p, { dnsServers: ["dns.example.com"], ntpServers: [] }),
    good: (p) => setSup(p, { dnsServers: ["10.0.0.2"], ntpServers: ["pool.ntp.org"] }),
    quoted: ['"dns.example.com"', "no NTP server"],
  },
  {
    id: "HAP-11",
    what: "a readiness wait of 0 tries (it would fail without trying)",
    bad: (p) => setHap(p, { readinessAttempts: 0 }),
    good: (p) => setHap(p, { readinessAttempts: 40 }),
    quoted: ["0 is not a whole number of tries", "e.g. 40"],
  },
  {
    id: "HAP-12",
    what: "a version constraint as the provider release",
    bad: (p) => setHap(p, { vsphereProviderVersion: "~> 2.5", hostSystemId: "host-10" }),
    good: (p) => setHap(p, { vsphereProviderVersion: "2.5.1", hostSystemId: "host-10" }),
    quoted: ['"~> 2.5" is not an exact provider release', 'did you mean "2.5.1"?'],
  },
  {
    id: "HAP-13",
    what: "the appliance's own management address as its nameserver (a Supervisor's DNS server is proposed)",
    base: withSupervisor,
    bad: (p) => setHap(p, { nameservers: ["10.0.0.10"] }),
    good: (p) => setHap(p, { nameservers: ["10.0.0.2"] }),
    quoted: ['"10.0.0.10"', "the appliance's own management address", 'did you mean "10.0.0.2"'],
  },
  {
    id: "SUP-03",
    what: "no DNS name for the API server's certificate (provider 2.16.1 crashes on the empty block)",
    base: withSupervisor,
    bad: (p) => setSup(p, { apiServerDnsNames: [] }),
    good: (p) => setSup(p, { apiServerDnsNames: ["supervisor-a.example.com"] }),
    quoted: ["apiServerDnsNames", 'e.g. ["supervisor-a.internal"]', "crashes at apply"],
  },
  {
    id: "SUP-04",
    what: "a Supervisor DNS server inside the VIP block (the issue's 10.30.0.70 in 10.30.0.64/26, on S-13's block)",
    base: withSupervisor,
    bad: (p) => setSup(p, { dnsServers: ["192.168.120.200"] }),
    good: (p) => setSup(p, { dnsServers: ["10.0.0.2"] }),
    quoted: ['"192.168.120.200"', 'inside VIP CIDR "192.168.120.128/25"', 'did you mean "10.0.0.2"'],
  },
  {
    id: "SUP-02",
    what: "no management block, no storage policy and a name that is no DNS label",
    base: withSupervisor,
    bad: (p) => {
      p.network = { ...p.network, supervisorManagementStartIp: undefined };
      setSup(p, { storagePolicy: "", name: "Supervisor_A" });
    },
    good: (p) => setSup(p, { storagePolicy: "policy-1", name: "supervisor-a" }),
    quoted: [
      "supervisorManagementStartIp",
      "storage policy",
      '"Supervisor_A"',
      'Did you mean "supervisor-a"?',
    ],
  },
  {
    id: "SUP-05",
    what: "a control plane of 0 VMs (the provider drops it: vCenter would deploy 3)",
    base: withSupervisor,
    bad: (p) => setSup(p, { controlPlaneCount: 0 }),
    good: (p) => setSup(p, { controlPlaneCount: 1 }),
    quoted: ["controlPlaneCount", "0", "default of 3", "at least 1"],
  },
  {
    id: "SUP-06",
    what: "a Supervisor on two vSphere Zones",
    base: withSupervisor,
    bad: (p) => setSup(p, { zones: ["zone-a", "zone-b"] }),
    good: (p) => setSup(p, { zones: ["zone-a", "zone-b", "zone-c"] }),
    quoted: ['["zone-a","zone-b"]', "has 2 zones", "exactly 3 distinct zones"],
  },
  {
    id: "SUP-07",
    what: "the vSphere 7 request body for the Foundation Load Balancer",
    base: withSupervisor,
    bad: (p) => setSup(p, { viaProvider: false, loadBalancerType: "vsphere-foundation" }),
    good: (p) => setSup(p, { viaProvider: true, loadBalancerType: "vsphere-foundation" }),
    quoted: ["no vSphere Foundation Load Balancer", "SupervisorEnablement.TERRAFORM"],
  },
  {
    id: "VFL-01",
    what: "a Foundation Load Balancer with no FRONTEND persona",
    base: withFoundation,
    bad: (p) => setItf(p, 1, { personas: [FoundationPersona.WORKLOAD] }),
    good: (p) => setItf(p, 1, { personas: [FoundationPersona.WORKLOAD, FoundationPersona.FRONTEND] }),
    quoted: ["FRONTEND persona", "interface 1", '"wl-120"'],
  },
  {
    id: "VFL-02",
    what: "the WORKLOAD interface on the management port group",
    base: withFoundation,
    bad: (p) => {
      setItf(p, 0, { personas: [FoundationPersona.MANAGEMENT, FoundationPersona.WORKLOAD] });
      setItf(p, 1, { personas: [FoundationPersona.FRONTEND] });
    },
    good: (p) => {
      setItf(p, 0, { personas: [FoundationPersona.MANAGEMENT] });
      setItf(p, 1, { personas: [FoundationPersona.WORKLOAD, FoundationPersona.FRONTEND] });
    },
    quoted: ['"mgmt"', "WORKLOAD persona", '"wl-120"'],
  },
  {
    id: "VFL-03",
    what: "an interface range outside its port group's subnet",
    base: withFoundation,
    bad: (p) => setItf(p, 1, { addressRanges: ["192.168.121.10-192.168.121.11"] }),
    good: (p) => setItf(p, 1, { addressRanges: ["192.168.120.10-192.168.120.11"] }),
    quoted: ['"192.168.121.10-192.168.121.11"', '"192.168.120.0/24"', 'e.g. "192.168.120.2-192.168.120.3"'],
  },
  {
    id: "VFL-04",
    what: "an interface range over the primary workload network's node range",
    base: withFoundation,
    bad: (p) => setItf(p, 1, { addressRanges: ["192.168.120.31-192.168.120.32"] }),
    good: (p) => setItf(p, 1, { addressRanges: ["192.168.120.10-192.168.120.11"] }),
    quoted: [
      '"192.168.120.31-192.168.120.32"',
      'workload network "primary"',
      'e.g. "192.168.120.2-192.168.120.3"',
    ],
  },
  {
    id: "VFL-06",
    what: "101 single-address ranges on one interface",
    base: withFoundation,
    bad: (p) =>
      setItf(p, 0, {
        addressRanges: Array.from({ length: 101 }, (_, i) => `10.0.0.${100 + i}-10.0.0.${100 + i}`),
      }),
    good: (p) => setItf(p, 0, { addressRanges: ["10.0.0.100-10.0.0.200"] }),
    quoted: ["has 101 address ranges", "at most 100", 'e.g. ["10.0.0.100-10.0.0.200"]'],
  },
  {
    id: "VFL-07",
    what: "a Foundation Load Balancer DNS server inside its VIP CIDR",
    base: withFoundation,
    bad: (p) => {
      p.foundation = { ...p.foundation!, dnsServers: ["192.168.120.130"] };
    },
    good: (p) => {
      p.foundation = { ...p.foundation!, dnsServers: ["10.0.0.2"] };
    },
    quoted: ["DNS server 192.168.120.130", 'VIP CIDR "192.168.120.128/25"'],
  },
  {
    id: "VFL-05",
    what: "VIPs outside the FRONTEND interface's subnet",
    base: () => {
      const p = withFoundation();
      p.network = { ...p.network, frontendNetwork: FRONTEND };
      return p;
    },
    bad: (p) => setHap(p, { virtualIpCidrs: ["192.168.130.64/26"] }),
    good: (p) => setHap(p, { virtualIpCidrs: ["192.168.120.128/26"] }),
    quoted: ['"192.168.130.64/26"', '"192.168.120.0/24"', '"wl-120"'],
  },
  {
    id: "HAP-14",
    what: "an existing HAProxy's Data Plane API on port 70000",
    base: () => ({
      network: s13Network(),
      haproxy: s13Haproxy({
        deployed: false,
        existingHaproxy: { servers: [{ host: "10.0.0.10", port: 5556 }], caCertificatePem: TLS_CA },
      }),
    }),
    bad: (p) =>
      setHap(p, {
        existingHaproxy: { servers: [{ host: "10.0.0.10", port: 70000 }], caCertificatePem: TLS_CA },
      }),
    good: (p) =>
      setHap(p, {
        existingHaproxy: { servers: [{ host: "10.0.0.10", port: 5556 }], caCertificatePem: TLS_CA },
      }),
    quoted: ["servers[0].port", "70000", "1 to 65535"],
  },
  {
    id: "SEC-02",
    what: "a literal Data Plane API password of an existing HAProxy",
    base: () => ({ network: s13Network(), haproxy: s13Haproxy({ deployed: false, dataplanePassword: "x" }) }),
    bad: (p) => setHap(p, { dataplanePassword: "VMware1!VMware1!" }),
    good: (p) => setHap(p, { dataplanePassword: undefined }),
    quoted: ["password", "sensitive TerraformVariable"],
  },
  {
    id: "SEC-01",
    what: "a literal root password",
    bad: (p) => setHap(p, { rootPassword: "VMware1!VMware1!" }),
    good: (p) => setHap(p, { rootPassword: undefined }),
    quoted: ["root password"],
  },
];

/** Two sites of vCenter "vc01" on switch "dvs-1" in routing domain "dc1", each plan S-13 in its own numbers. */
function fleet(): FleetSite[] {
  const b = (pg: typeof WL120, n: number, name: string) => ({
    name,
    vlanId: n,
    cidr: pg.cidr.replace(/\.(\d+)\.0\//, (_m, x) => `.${Number(x) + 1}.0/`),
    gateway: pg.gateway.replace(/\.(\d+)\.1$/, (_m, x) => `.${Number(x) + 1}.1`),
  });
  const siteB: FleetSite = {
    name: "lab-b",
    vcenter: "vc01.example.com",
    distributedSwitch: "dvs-1",
    routingDomain: "dc1",
    applianceName: "haproxy-b",
    network: {
      managementNetwork: b(MGMT, 11, "mgmt-b"),
      primaryWorkloadNetwork: {
        name: "primary",
        portGroup: b(WL120, 121, "wl-121"),
        addressRanges: ["192.168.121.31-192.168.121.40"],
      },
      supervisorManagementStartIp: "10.0.1.20",
    },
    haproxy: s13Haproxy({
      managementIp: "10.0.1.10",
      workloadIp: "192.168.121.5",
      virtualIpCidrs: ["192.168.121.128/25"],
    }),
  };
  return [
    {
      name: "lab-a",
      vcenter: "vc01.example.com",
      distributedSwitch: "dvs-1",
      routingDomain: "dc1",
      applianceName: "haproxy-a",
      network: { ...s13Network(), supervisorManagementStartIp: "10.0.0.20" },
      haproxy: s13Haproxy(),
    },
    siteB,
  ];
}

/** Site B as a copy of site A's plan on another switch ("dvs-2") of the same vCenter. */
function fleetTwins(): FleetSite[] {
  const [a, b] = fleet();
  return [a, { ...a, name: "lab-b", distributedSwitch: "dvs-2", applianceName: b.applianceName }];
}

interface FleetCase {
  id: string;
  what: string;
  base?: () => FleetSite[];
  bad: (f: FleetSite[]) => void;
  good: (f: FleetSite[]) => void;
  quoted: string[];
}

const setB = (f: FleetSite[], patch: (b: FleetSite) => FleetSite) => {
  f[1] = patch(f[1]);
};
const setBNet = (f: FleetSite[], patch: Partial<NetworkPlanProps>) =>
  setB(f, (b) => ({ ...b, network: { ...b.network, ...patch } }));
const bPrimary = (f: FleetSite[]) => f[1].network.primaryWorkloadNetwork;

const fleetCases: FleetCase[] = [
  {
    id: "FLT-01",
    what: "a port-group name both sites create on one switch",
    bad: (f) => setBNet(f, { managementNetwork: { ...f[1].network.managementNetwork, name: "mgmt" } }),
    good: (f) => setBNet(f, { managementNetwork: { ...f[1].network.managementNetwork, name: "mgmt-b" } }),
    quoted: ['"mgmt"', '"lab-a"', '"lab-b"', 'e.g. "mgmt-lab-b"'],
  },
  {
    id: "FLT-02",
    what: "one VLAN for two sites' subnets on one switch",
    bad: (f) =>
      setBNet(f, {
        primaryWorkloadNetwork: { ...bPrimary(f), portGroup: { ...bPrimary(f).portGroup, vlanId: 120 } },
      }),
    good: (f) =>
      setBNet(f, {
        primaryWorkloadNetwork: { ...bPrimary(f), portGroup: { ...bPrimary(f).portGroup, vlanId: 121 } },
      }),
    quoted: ["VLAN 120", '"wl-121" (192.168.121.0/24)', '"wl-120" (192.168.120.0/24', "e.g. VLAN 121"],
  },
  {
    id: "FLT-03",
    what: "overlapping subnets of two sites on one switch",
    bad: (f) => setBNet(f, { managementNetwork: { ...f[1].network.managementNetwork, cidr: "10.0.0.0/23" } }),
    good: (f) =>
      setBNet(f, { managementNetwork: { ...f[1].network.managementNetwork, cidr: "10.0.1.0/24" } }),
    quoted: ['"10.0.0.0/23"', '"10.0.0.0/24"', '"lab-a"'],
  },
  {
    id: "FLT-04",
    what: "one appliance VM name in one vCenter",
    bad: (f) => setB(f, (b) => ({ ...b, applianceName: "haproxy-a" })),
    good: (f) => setB(f, (b) => ({ ...b, applianceName: "haproxy-b" })),
    quoted: ['"haproxy-a"', '"vc01.example.com"', 'e.g. "haproxy-a-lab-b"'],
  },
  {
    id: "FLT-05",
    what: "one appliance management address in one vCenter",
    base: fleetTwins,
    bad: () => undefined,
    good: (f) =>
      setB(f, (b) => ({
        ...b,
        haproxy: { ...b.haproxy!, managementIp: "10.0.0.11" },
        network: { ...b.network, supervisorManagementStartIp: "10.0.0.30" },
      })),
    quoted: ["10.0.0.10", "10.0.0.20-10.0.0.24", '"lab-a"', "e.g."],
  },
  {
    id: "FLT-06",
    what: "overlapping VIP blocks in one routing domain",
    base: () => fleetTwins().map((s, i) => (i === 1 ? { ...s, vcenter: "vc02.example.com" } : s)),
    bad: () => undefined,
    good: (f) => setB(f, (b) => ({ ...b, routingDomain: "dc2" })),
    quoted: ['"192.168.120.128/25"', '"dc1"', '"lab-a"'],
  },
];

describe("one cross-site rule at a time", () => {
  test("the two sites of the fleet pass every cross-site rule", () => {
    expect(checkFleet(fleet())).toEqual([]);
    expect(
      checkFleet(fleetTwins().map((s, i) => (i === 1 ? { ...s, vcenter: "vc02", routingDomain: "dc2" } : s))),
    ).toEqual([]);
  });

  test("FLT-03's proposed subnet, with the site's gateway, ranges and appliance moved into it, passes across sites and in the site's own plan", () => {
    const f = fleet();
    setBNet(f, { managementNetwork: { ...f[1].network.managementNetwork, cidr: "10.0.0.0/23" } });
    const [d] = checkFleet(f).filter((x) => x.ruleId === "FLT-03");
    const proposed = /e\.g\. "([^"]+)"/.exec(d.message)![1];
    const delta = (s: string) => s.replace(/^10\.0\.1\./, `10.0.${Number(proposed.split(".")[2]) + 1}.`);
    const b = f[1];
    f[1] = {
      ...b,
      network: {
        ...b.network,
        managementNetwork: {
          ...b.network.managementNetwork,
          cidr: proposed,
          gateway: delta(b.network.managementNetwork.gateway),
        },
        supervisorManagementStartIp: delta(b.network.supervisorManagementStartIp!),
      },
      haproxy: { ...b.haproxy!, managementIp: delta(b.haproxy!.managementIp) },
    };
    expect(checkFleet(f)).toEqual([]);
    expect(
      checkPlan(f[1].network, f[1].haproxy).diagnostics.filter((x) => x.severity === Severity.ERROR),
    ).toEqual([]);
  });

  test.each(fleetCases.map((c) => [c.id, c.what, c] as const))(
    "%s: %s is reported, and the nearest valid fleet is not",
    (id, _what, c) => {
      const bad = (c.base ?? fleet)();
      c.bad(bad);
      const found = checkFleet(bad).filter((d) => d.ruleId === id);
      expect(found.length).toBeGreaterThan(0);
      const text = found.map(formatDiagnostic).join("\n");
      for (const q of c.quoted) {
        expect(text).toContain(q);
      }
      expect(found[0].severity).toBe(RULES[id].severity);
      const good = (c.base ?? fleet)();
      c.good(good);
      expect(checkFleet(good).filter((d) => d.ruleId === id)).toEqual([]);
    },
  );
});

describe("one rule at a time", () => {
  test.each(cases.map((c) => [c.id, c.what, c] as const))(
    "%s: %s is reported, and the nearest valid plan is not",
    (id, _what, c) => {
      const bad = (c.base ?? s13)();
      c.bad(bad);
      const found = withRule(run(bad), id);
      expect(found.length).toBeGreaterThan(0);
      const text = found.map(formatDiagnostic).join("\n");
      for (const q of c.quoted) {
        expect(text).toContain(q);
      }
      expect(found[0].severity).toBe(RULES[id].severity);
      if (id !== "HAP-07") {
        const good = (c.base ?? s13)();
        c.good(good);
        expect(withRule(run(good), id)).toEqual([]);
      }
    },
  );

  test("every rule of the catalogue has a case", () => {
    const covered = new Set([...cases, ...fleetCases].map((c) => c.id));
    expect(Object.keys(RULES).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe("the seed's worked example (S-13)", () => {
  test("passes with no error", () => {
    const ds = run(s13());
    expect(ds.filter((d) => d.severity === Severity.ERROR)).toEqual([]);
  });

  test("with the VIPs on the lower /25 fails with VIP-01 naming gateway 192.168.120.1", () => {
    const p = s13();
    setHap(p, { virtualIpCidrs: ["192.168.120.0/25"] });
    const vip01 = withRule(run(p), "VIP-01").map(formatDiagnostic);
    expect(vip01).toEqual([
      'VIP-01 virtualIpCidrs[0]: VIP CIDR "192.168.120.0/25" contains gateway 192.168.120.1 of port group "wl-120". The appliance answers for every VIP, so all routes through that gateway would fail. Move the VIPs to a block without gateways, e.g. "192.168.120.128/25".',
    ]);
  });

  test("a T4 frontend plan passes with no finding at all", () => {
    expect(run(t4())).toEqual([]);
  });
});

describe("many problems at once", () => {
  test("a plan with several independent problems reports all of them", () => {
    const p = s13();
    mutablePrimary(p, { name: "Primary", addressRanges: ["192.168.120.31-192.168.120.32"] });
    setNet(p, { managementNetwork: { ...MGMT, gateway: "10.0.0.0" } });
    setHap(p, {
      virtualIpCidrs: ["192.168.120.0/25", "10.5.0.1/24"],
      dataplanePort: 70000,
      nameservers: ["8.8.8"],
    });
    const ids = new Set(run(p).map((d) => d.ruleId));
    for (const id of [
      "NET-07",
      "NET-05",
      "NET-01",
      "VIP-01",
      "VIP-02",
      "VIP-03",
      "IP-02",
      "HAP-05",
      "HAP-04",
    ]) {
      expect(ids).toContain(id);
    }
  });

  test("a nameserver problem names both HAP-04 and IP-01", () => {
    const p = s13();
    setHap(p, { nameservers: ["8.8.8"] });
    const text = withRule(run(p), "HAP-04").map(formatDiagnostic).join("\n");
    expect(text).toContain('"8.8.8"');
    expect(text).toContain("IP-01");
  });
});

describe("values not known until apply", () => {
  const isUnresolved = (v: unknown) => typeof v === "string" && v.startsWith("${TfToken[");
  test("skip the rules that need them, are listed, and never throw", () => {
    const p = s13();
    mutablePrimary(p, { addressRanges: ["${TfToken[TOKEN.1]}"] });
    setHap(p, { managementIp: "${TfToken[TOKEN.2]}", rootPassword: "${TfToken[TOKEN.3]}" });
    const r = checkPlan(p.network, p.haproxy, { isUnresolved });
    expect(r.diagnostics.filter((d) => d.severity === Severity.ERROR)).toEqual([]);
    expect(r.unresolved).toEqual(["primaryWorkloadNetwork.addressRanges[0]", "managementIp", "rootPassword"]);
  });
});

describe("input that is not even of the right type", () => {
  test.each([
    [
      "a number as CIDR",
      (p: Plan) => setNet(p, { managementNetwork: { ...MGMT, cidr: 42 as unknown as string } }),
      "IP-02",
    ],
    [
      "undefined ranges",
      (p: Plan) => mutablePrimary(p, { addressRanges: undefined as unknown as string[] }),
      "IP-03",
    ],
    ["a VLAN of 1.5", (p: Plan) => setNet(p, { managementNetwork: { ...MGMT, vlanId: 1.5 } }), "NET-06"],
    ["a VLAN of 4095", (p: Plan) => setNet(p, { managementNetwork: { ...MGMT, vlanId: 4095 } }), "NET-06"],
    [
      "null as port group",
      (p: Plan) => setNet(p, { managementNetwork: null as unknown as typeof MGMT }),
      "NET-06",
    ],
  ])("%s gives a rule id, not a TypeError", (_what, mutate, id) => {
    const p = s13();
    mutate(p);
    expect(() => run(p)).not.toThrow();
    expect(run(p).map((d) => d.ruleId)).toContain(id);
  });
});

describe("VIP-05 and VIP-08 advice that works", () => {
  test.each([
    ["VIP-05", "default mode", s13, ["192.168.200.0/25"]],
    ["VIP-05", "frontend mode", t4, ["192.168.200.0/25"]],
    ["VIP-08", "frontend mode, VIPs on the workload network", t4, ["192.168.120.128/25"]],
  ] as const)("%s in %s: the suggested block removes it and adds no error", (id, _mode, base, vips) => {
    const bad = base();
    setHap(bad, { virtualIpCidrs: [...vips] });
    const [finding] = withRule(run(bad), id);
    const suggested = /e\.g\. "([\d./]+)"/.exec(finding.message)?.[1];
    expect(suggested).toBeDefined();
    const fixed = base();
    setHap(fixed, { virtualIpCidrs: [suggested!] });
    const after = run(fixed);
    expect(withRule(after, id)).toEqual([]);
    expect(after.filter((d) => d.severity === Severity.ERROR)).toEqual([]);
  });

  test("VIPs inside the serving NIC's subnet get neither rule, in both modes", () => {
    for (const p of [s13(), t4()]) {
      expect(run(p).filter((d) => d.ruleId === "VIP-05" || d.ruleId === "VIP-08")).toEqual([]);
    }
  });

  test("VIPs in no NIC's subnet are an error that names the NIC that answers; inside another NIC's, a warning", () => {
    const none = s13();
    setHap(none, { virtualIpCidrs: ["192.168.200.0/25"] });
    const other = t4Wide();
    setHap(other, { virtualIpCidrs: ["192.168.0.0/24"] });
    const vip05 = withRule(run(none), "VIP-05");
    const vip08 = withRule(run(other), "VIP-08");
    expect(vip05.map((d) => d.severity)).toEqual([Severity.ERROR]);
    expect(vip05[0].message).toContain("answered from the management NIC");
    expect(vip08.map((d) => d.severity)).toEqual([Severity.WARN]);
    expect(vip08[0].message).toContain("from its workload NIC");
    expect(withRule(run(other), "VIP-05")).toEqual([]);
  });
});

describe("VIP-07: the VIP pool holds what a Supervisor needs", () => {
  const vip07 = (vips: string[]) => {
    const p = s13();
    setHap(p, { virtualIpCidrs: vips });
    return { p, found: withRule(run(p), "VIP-07") };
  };

  test("a /32 (one VIP) warns with the count, the need and a larger block that passes every rule", () => {
    const { found } = vip07(["192.168.120.200/32"]);
    expect(found.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^VIP-07 virtualIpCidrs\[0\]: .*"192\.168\.120\.200\/32" gives the Supervisor 1 load-balancer address .*needs at least 2/,
      ),
    ]);
    const suggested = /e\.g\. "([\d./]+)"/.exec(found[0].message)![1];
    const after = vip07([suggested]);
    expect(after.found).toEqual([]);
    expect(run(after.p).filter((d) => d.severity === Severity.ERROR)).toEqual([]);
  });

  test("network and broadcast addresses do not count: a /31 on the subnet's top holds one usable VIP", () => {
    const { found } = vip07(["192.168.120.254/31"]);
    expect(found[0].message).toContain("1 load-balancer address");
  });

  test("a block that would break another rule is not proposed: the largest that passes is, or none", () => {
    // 192.168.120.16/28 would reach the primary range at .31 (VIP-02): the /29 is proposed.
    expect(vip07(["192.168.120.20/32"]).found[0].message).toMatch(
      /Give a larger block, e\.g\. "192\.168\.120\.16\/29"\.$/,
    );
    // Every block around .4 holds the workload NIC .5 (VIP-03) or the gateway .1 (VIP-01): no proposal.
    expect(vip07(["192.168.120.4/32"]).found[0].message).toMatch(/Give a larger block\.$/);
  });

  test("two blocks count together: two /32s make the 2 addresses a Supervisor needs", () => {
    expect(vip07(["192.168.120.200/32", "192.168.120.210/32"]).found).toEqual([]);
  });
});

describe("SUP-05: one rule for the control-plane VM count", () => {
  const sup05 = (count: number | undefined) => {
    const p = withSupervisor();
    setSup(p, { controlPlaneCount: count });
    return withRule(run(p), "SUP-05").map((d) => `${d.path}: ${d.message}`);
  };

  test.each([1, 2, 3, undefined])("%s passes (the provider takes any count of at least 1)", (count) => {
    expect(sup05(count)).toEqual([]);
  });

  test.each([
    [0, "default of 3"],
    [-1, "default of 3"],
    [1.5, "whole number of VMs"],
  ])("%s is refused: %s", (count, why) => {
    expect(sup05(count)).toEqual([expect.stringMatching(/^controlPlaneCount: /)]);
    expect(sup05(count)[0]).toContain(why);
  });
});

describe("SUP-03: every wrong form of the API server's names gets a fix from the plan, or none", () => {
  const sup03 = (names: unknown, searchDomains: string[] = []) => {
    const p = withSupervisor();
    setSup(p, {
      apiServerDnsNames: names as string[],
      dnsSearchDomains: searchDomains,
    });
    return withRule(run(p), "SUP-03").map((d) => `${d.path}: ${d.message}`);
  };

  test.each([
    [["10.0.0.5"], ["corp.example.com"], 'Did you mean "supervisor-a.corp.example.com"'],
    [[""], [], 'Did you mean "supervisor-a.internal"'],
    [[null], [], 'Did you mean "supervisor-a.internal"'],
    [["Bad_Name.Example"], [], 'Did you mean "bad-name.example"?'],
  ])("%j (search domains %j): %s", (names, domains, fix) => {
    const lines = sup03(names, domains);
    expect(lines).toEqual([expect.stringMatching(/^apiServerDnsNames\[0\]: .* is not a DNS name/)]);
    expect(lines[0]).toContain(fix);
  });

  test("a wildcard gets no name of another meaning", () => {
    const lines = sup03(["*.lab.test"]);
    expect(lines).toEqual([expect.stringContaining("no wildcard: give each name")]);
    expect(lines[0]).not.toMatch(/did you mean/i);
  });

  test("a string instead of a list (JavaScript, or TypeScript through a cast) is an error, not a crash", () => {
    expect(sup03("supervisor-a.example.com")).toEqual([
      'apiServerDnsNames: "supervisor-a.example.com" is not a list of DNS names; give a list, e.g. ["supervisor-a.example.com"].',
    ]);
  });

  test("the proposals pass", () => {
    for (const name of ["supervisor-a.corp.example.com", "supervisor-a.internal", "bad-name.example"]) {
      expect(sup03([name])).toEqual([]);
    }
  });
});

describe("SUP-04: the Supervisor's DNS and NTP servers are not addresses the plan gives away", () => {
  const sup04 = (patch: Partial<SupervisorPlanProps>) => {
    const p = withSupervisor();
    setSup(p, patch);
    return withRule(run(p), "SUP-04").map((d) => `${d.path}: ${d.message}`);
  };

  test.each([
    [{ dnsServers: ["192.168.120.200"] }, "dnsServers[0]", 'inside VIP CIDR "192.168.120.128/25"'],
    [
      { ntpServers: ["10.0.0.21"] },
      "ntpServers[0]",
      "inside the Supervisor's management block 10.0.0.20-10.0.0.24",
    ],
    [
      { dnsServers: ["10.0.0.10"] },
      "dnsServers[0]",
      "the HAProxy appliance's own address (haproxy.managementIp)",
    ],
    [{ ntpServers: ["192.168.120.35"] }, "ntpServers[0]", 'inside range "192.168.120.31-192.168.120.40"'],
    [
      { workloadDnsServers: ["192.168.120.200"] },
      "workloadDnsServers[0]",
      'inside VIP CIDR "192.168.120.128/25"',
    ],
    [
      { workloadDnsServers: ["192.168.120.5"] },
      "workloadDnsServers[0]",
      "the HAProxy appliance's own address (haproxy.workloadIp)",
    ],
  ])("%j: %s %s", (patch, path, where) => {
    const lines = sup04(patch as Partial<SupervisorPlanProps>);
    expect(lines).toEqual([expect.stringContaining(`${path}: `)]);
    expect(lines[0]).toContain(where);
  });

  test("a DNS server in the VIPs gets the appliance's own nameserver as the fix, and that passes", () => {
    const lines = sup04({ dnsServers: ["192.168.120.200"] });
    expect(lines[0]).toContain('did you mean "10.0.0.2" (the appliance\'s nameserver)?');
    expect(sup04({ dnsServers: ["10.0.0.2"] })).toEqual([]);
  });

  test("names and the seed's own servers pass", () => {
    expect(sup04({ dnsServers: ["10.0.0.2"], ntpServers: ["pool.ntp.org", "10.0.0.3"] })).toEqual([]);
  });

  test("a workload DNS server in the VIPs gets a management DNS server as the fix, and that passes", () => {
    const lines = sup04({ dnsServers: ["10.0.0.3"], workloadDnsServers: ["192.168.120.200"] });
    expect(lines).toEqual([
      expect.stringMatching(/^workloadDnsServers\[0\]: DNS server "192\.168\.120\.200"/),
    ]);
    expect(lines[0]).toContain('did you mean "10.0.0.3" (a dnsServers entry)?');
    expect(sup04({ dnsServers: ["10.0.0.3"], workloadDnsServers: ["10.0.0.3"] })).toEqual([]);
  });

  test("with the management DNS server taken too, the fix is the appliance's nameserver", () => {
    const lines = sup04({ dnsServers: ["10.0.0.21"], workloadDnsServers: ["192.168.120.200"] });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^workloadDnsServers\[0\]: .*did you mean "10\.0\.0\.2" \(the appliance's nameserver\)\?$/,
    );
    expect(sup04({ dnsServers: ["10.0.0.2"], workloadDnsServers: ["10.0.0.2"] })).toEqual([]);
  });

  test("a workload DNS server of its own, on the workload subnet outside every block and range, passes", () => {
    expect(sup04({ workloadDnsServers: ["192.168.120.2"] })).toEqual([]);
  });
});

describe("SUP-01 for the workload network's DNS servers", () => {
  const sup01 = (patch: Partial<SupervisorPlanProps>) => {
    const p = withSupervisor();
    setSup(p, patch);
    return withRule(run(p), "SUP-01").map((d) => `${d.path}: ${d.message}`);
  };

  test("an empty list: the management network's servers are the fix, by leaving the list out, and that passes", () => {
    expect(sup01({ workloadDnsServers: [] })).toEqual([
      'workloadDnsServers: no DNS server is given; the nodes on the workload network need at least one. Give IPv4 addresses, or leave workloadDnsServers out to use the dnsServers (["10.0.0.2"]).',
    ]);
    expect(sup01({ workloadDnsServers: undefined })).toEqual([]);
  });

  test("a name is refused at its index; an address passes", () => {
    expect(sup01({ workloadDnsServers: ["192.168.120.2", "dns.example.com"] })).toEqual([
      expect.stringMatching(
        /^workloadDnsServers\[1\]: DNS server "dns\.example\.com" is not an IPv4 address/,
      ),
    ]);
    expect(sup01({ workloadDnsServers: ["192.168.120.2"] })).toEqual([]);
  });

  test("left out, the management network's list is checked once, not twice", () => {
    expect(sup01({ dnsServers: ["dns.example.com"] })).toEqual([expect.stringMatching(/^dnsServers\[0\]: /)]);
  });
});

describe("VIP-06 stays out of VIP-01's way", () => {
  test("a VIP block that holds a gateway and the network address is VIP-01's error alone, with no range that holds the gateway", () => {
    const p = s13();
    setHap(p, { virtualIpCidrs: ["192.168.120.0/28"] });
    const ids = run(p).map((d) => d.ruleId);
    expect(ids).toContain("VIP-01");
    expect(ids).not.toContain("VIP-06");
    // Without the gateway in it, the same network address is VIP-06's warning.
    const q = s13();
    setHap(q, { virtualIpCidrs: ["192.168.120.0/28"] });
    q.network = {
      ...q.network,
      primaryWorkloadNetwork: {
        ...q.network.primaryWorkloadNetwork,
        portGroup: { ...q.network.primaryWorkloadNetwork.portGroup, gateway: "192.168.120.254" },
      },
    };
    expect(run(q).map((d) => d.ruleId)).toContain("VIP-06");
  });
});

describe("SUP-01: servers a server can be, and search domains that are domains", () => {
  const sup01 = (patch: Partial<SupervisorPlanProps>) => {
    const p = withSupervisor();
    setSup(p, patch);
    return withRule(run(p), "SUP-01").map((d) => `${d.path}: ${d.message}`);
  };
  const errorsOf = (patch: Partial<SupervisorPlanProps>) => {
    const p = withSupervisor();
    setSup(p, patch);
    return run(p).filter((d) => d.severity === Severity.ERROR);
  };

  test.each(["127.0.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.251"])(
    "DNS server %s is refused, with the appliance's nameserver as the fix, which passes",
    (address) => {
      const lines = sup01({ dnsServers: [address] });
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^dnsServers\\[0\\]: DNS server "${address.replace(/\./g, "\\.")}" is .*; did you mean "10\\.0\\.0\\.2" \\(the appliance's nameserver\\)\\?$`,
          ),
        ),
      ]);
      expect(errorsOf({ dnsServers: ["10.0.0.2"] })).toEqual([]);
    },
  );

  test("NTP servers: a broken address and a text that is no host name are refused; names and addresses pass", () => {
    expect(sup01({ ntpServers: ["192.168.120.300"] })).toEqual([
      'ntpServers[0]: NTP server "192.168.120.300" is not an IPv4 address (four numbers 0-255). Give a host name (RFC 1123) or an IPv4 address, e.g. "pool.ntp.org".',
    ]);
    expect(sup01({ ntpServers: ["pool.ntp.org", "not an ntp server!!"] })).toEqual([
      'ntpServers[1]: NTP server "not an ntp server!!" is neither a host name nor an address. Give a host name (RFC 1123) or an IPv4 address, or remove this entry.',
    ]);
    expect(sup01({ ntpServers: ["pool.ntp.org", "10.0.0.3", "NTP1.Corp.Example.com"] })).toEqual([]);
  });

  test("search domains: an empty one, one with a space and an address are refused, with the nearest domain where there is one", () => {
    expect(sup01({ dnsSearchDomains: ["bad domain!"] })).toEqual([
      expect.stringMatching(
        /^dnsSearchDomains\[0\]: DNS search domain "bad domain!" is not a domain name .*did you mean "bad-domain"\?$/,
      ),
    ]);
    expect(sup01({ dnsSearchDomains: [""] })).toEqual([
      expect.stringMatching(
        /^dnsSearchDomains\[0\]: DNS search domain "" is not a domain name .*, or remove this entry\.$/,
      ),
    ]);
    expect(sup01({ dnsSearchDomains: ["10.0.0.2"] })).toEqual([
      expect.stringMatching(/an address is not a domain/),
    ]);
    expect(errorsOf({ dnsSearchDomains: ["bad-domain"] })).toEqual([]);
    expect(errorsOf({ dnsSearchDomains: ["Corp.Example.com"] })).toEqual([]);
  });
});

describe("NET-04 says when it stops listing", () => {
  test("50 copies of one range (1,225 overlapping pairs): 1,000 pairs listed, then one line that more follow", () => {
    const p = s13();
    p.network = {
      ...p.network,
      primaryWorkloadNetwork: {
        ...p.network.primaryWorkloadNetwork,
        addressRanges: Array.from({ length: 50 }, () => "192.168.120.31-192.168.120.40"),
      },
    };
    const net04 = run(p).filter((d) => d.ruleId === "NET-04");
    expect(net04).toHaveLength(1001);
    expect(net04[1000].message).toMatch(
      /^and more overlapping ranges from here on: the first 1,000 overlapping pairs are listed/,
    );
    expect(net04.slice(0, 1000).every((d) => d.message.includes(" overlaps "))).toBe(true);
  });

  test("below the cap, no such line", () => {
    const p = s13();
    p.network = {
      ...p.network,
      primaryWorkloadNetwork: {
        ...p.network.primaryWorkloadNetwork,
        addressRanges: Array.from({ length: 3 }, () => "192.168.120.31-192.168.120.40"),
      },
    };
    const net04 = run(p).filter((d) => d.ruleId === "NET-04");
    expect(net04).toHaveLength(3);
    expect(net04.some((d) => d.message.startsWith("and more"))).toBe(false);
  });
});
