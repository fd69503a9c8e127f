/**
 * A site's load balancer other than the appliance (`supervisor.loadBalancer`): an existing HAProxy or the vSphere
 * Foundation Load Balancer. Built in the site's stack (id `load-balancer`, beside the network it is checked
 * with, so the site file's acknowledgements cover it as they cover the appliance); it creates no resource. What
 * only its Supervisor sends (the Data Plane API password's variable, the storage policy's id) is made in the
 * Supervisor's stack, where the values are used.
 */
import * as fs from "fs";
import { DataVsphereStoragePolicy } from "@cdktf/provider-vsphere/lib/data-vsphere-storage-policy";
import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import {
  FoundationAvailability,
  FoundationDeploymentSize,
  FoundationLoadBalancer,
} from "../constructs/foundation-load-balancer";
import { ExistingHaproxy } from "../constructs/supervisor-load-balancer";
import { FoundationPersona } from "../model/plan";
import { SITE_LOAD_BALANCER_ID } from "./site-config";
import { ExistingHaproxyConfig, FoundationLoadBalancerConfig } from "./site-schema";
import { TopologyStack } from "./topology-stack";

/** The construct id of the existing HAProxy's password variable in the Supervisor's stack. */
const PASSWORD_VARIABLE_ID = "dataplane-password";

/**
 * The site's existing HAProxy. Its password is the sensitive Terraform variable the site file names
 * (`passwordVariable`), declared at the top of the Supervisor's stack so that `TF_VAR_<name>` sets it; its CA
 * certificate is the PEM file's text (checked at load, CFG-04).
 */
export function existingHaproxy(
  supervisorScope: Construct,
  site: TopologyStack,
  cfg: ExistingHaproxyConfig,
): ExistingHaproxy {
  // The construct id is fixed, so that no name the user gives collides with another construct of the stack
  // ("datacenter", "supervisor"); the variable's name is the one given (a Terraform identifier, CFG-04).
  const password = new TerraformVariable(TerraformStack.of(supervisorScope), PASSWORD_VARIABLE_ID, {
    type: "string",
    sensitive: true,
    description: `The Data Plane API password of ${cfg.name} (set TF_VAR_${cfg.passwordVariable}).`,
  });
  password.overrideLogicalId(cfg.passwordVariable);
  return new ExistingHaproxy(site, SITE_LOAD_BALANCER_ID, {
    network: site.network,
    name: cfg.name,
    servers: cfg.servers,
    username: cfg.username,
    password: password.stringValue,
    caCertificatePem: fs.readFileSync(cfg.caCertificateFile, "utf8"),
    virtualIpCidrs: cfg.virtualIpCidrs,
  });
}

/** The site's vSphere Foundation Load Balancer; its storage policy looked up by name in the Supervisor's stack. */
export function foundationLoadBalancer(
  supervisorScope: Construct,
  site: TopologyStack,
  cfg: FoundationLoadBalancerConfig,
): FoundationLoadBalancer {
  const policy =
    cfg.storagePolicy === undefined
      ? undefined
      : new DataVsphereStoragePolicy(supervisorScope, "load-balancer-storage-policy", {
          name: cfg.storagePolicy,
        });
  const syslogCa = cfg.syslog?.caCertificateFile;
  return new FoundationLoadBalancer(site, SITE_LOAD_BALANCER_ID, {
    network: site.network,
    name: cfg.name,
    interfaces: cfg.interfaces.map((i) => ({
      personas: i.personas.map((p) => FoundationPersona[p]),
      portGroup: i.portGroup,
      addressRanges: i.addressRanges,
    })),
    virtualIpCidrs: cfg.virtualIpCidrs,
    deploymentSize: cfg.deploymentSize && FoundationDeploymentSize[cfg.deploymentSize],
    availability: cfg.availability && FoundationAvailability[cfg.availability],
    storagePolicyId: policy?.id,
    dnsServers: cfg.dnsServers,
    dnsSearchDomains: cfg.dnsSearchDomains,
    ntpServers: cfg.ntpServers,
    syslogEndpoint: cfg.syslog?.endpoint,
    syslogCaPem: syslogCa === undefined ? undefined : fs.readFileSync(syslogCa, "utf8"),
  });
}
