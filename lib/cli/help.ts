/** The `--help` of the command and of each subcommand. */

const EXIT_CODES = `Exit codes:
  0   ok (warnings do not fail)
  1   findings at error level (or, for plan, a block too small: the message gives the minimum prefix)
  2   a usage error, or a site file that cannot be read or is not JSON
  70  plan proposed a file that fails its own check (a bug: please report it)

Colour only on a terminal, and never with NO_COLOR set.`;

export const HELP = {
  main: `Usage: tanzu-haproxy-network <command> [options]

Commands:
  check SITE.json...     the plan rules and site rules on site files, no synthesis
  plan --cidr ... --topology t1|t2|t3|t4
                         propose a complete site file from one address block (stdout)
  advise                 the seed page's three questions: which topology (T1-T4)
  report SITE.json       the IP-plan report (ip-plan.md) and address map (address-map.svg), no Terraform
  report --fleet DIR|SITE.json...
                         the fleet report (fleet.md, an address map per routing domain), no Terraform
  synth SITE.json...     the site files as Terraform (cdktf.out/stacks/); the app of a cdktf project
  rules                  the rule catalogue, one line a rule
  explain ID             one rule: why, example and fix

Run tanzu-haproxy-network <command> --help for its options.

${EXIT_CODES}`,

  check: `Usage: tanzu-haproxy-network check SITE.json... [--json]

Checks each site file as a synth would, without synthesizing: the file's shape (CFG ids), then the whole plan
(IP, NET, VIP, HAP, SUP, SEC rules), the file's own siteRules and its acknowledgements (ACK-01). Each finding
names the file, the line, the JSON path and the value, and proposes a fix checked against the whole plan.
Several files are a fleet, as in a synth of them: each stack name once (CFG-05), then the rules across sites
(FLT-01 to FLT-06: port groups, VLANs and subnets per vCenter and distributed switch, appliance names and
management addresses per vCenter, VIP blocks per routing domain), each finding at its own file and line.

Options:
  --json       one JSON document on stdout: { "findings": [{ id, severity, file, path, line, value, message,
               fixes: [{ path, value }] }], "unreadable": [{ file, message }] }
  -h, --help   this help

${EXIT_CODES}`,

  plan: `Usage: tanzu-haproxy-network plan --cidr BLOCK --topology t1|t2|t3|t4 [options] > site.json

Proposes a complete site file from one block: the port group subnets (largest first, each aligned; gateways the
first host address), the appliance's addresses, the VIP block, the workload ranges and the Supervisor's 5
management addresses. Each choice is explained on stderr; the file is checked with the rules before it is printed.

Options:
  --cidr BLOCK              the block to carve the port groups from, e.g. 10.20.0.0/22 (required)
  --topology t1|t2|t3|t4    the seed page's topology (required; \`advise\` helps choose)
  --frontend-cidr BLOCK     t4 only (required there): the frontend network, where the VIPs live
  --namespaces N            t3, t4: workload networks with a port group each (default 2)
  --nodes-per-network N     addresses of each workload range (default 16, at least 3)
  --vips N                  addresses of the VIP block, a power of two (default 16)
  --supervisor              add the Supervisor (needs --dns)
  --storage-policy NAME     its control plane's storage policy (default "vSAN Default Storage Policy")
  --dns ADDRESS[,...]       DNS servers: the appliance's nameservers and the Supervisor's (repeatable)
  --ntp SERVER[,...]        the Supervisor's NTP servers (default pool.ntp.org)
  --name NAME               the stack name (default site-a)
  --datacenter, --cluster, --datastore, --distributed-switch, --host NAME
                            vSphere inventory names (placeholders dc-01, cluster-01, datastore-01, dvs-01,
                            esxi-01.example.com by default: replace them)
  --vlan-start N            the VLAN id of the first port group; the others count up (default 100)
  -h, --help                this help

${EXIT_CODES}`,

  advise: `Usage: tanzu-haproxy-network advise [--isolate-supervisor yes|no] [--isolate-clusters yes|no]
                                     [--keep-clients-off-nodes yes|no] [--vsphere-version 7|8|9]

The seed page's three questions (S-34) and the vSphere version, answered with flags or, on a terminal, asked
one by one; prints the topology, the load balancer (HAProxy and its mode on 7 and 8, the vSphere Foundation
Load Balancer on 9) and the reasons, and the plan command to run next.

Options:
  --isolate-supervisor yes|no       must the Supervisor be isolated at layer 2 from the clusters?
  --isolate-clusters yes|no         must the clusters be isolated at layer 2 from each other?
  --keep-clients-off-nodes yes|no   must clients be kept from routing to control-plane VMs and nodes?
  --vsphere-version 7|8|9           the vSphere version of the Supervisor: 9 answers the Foundation Load Balancer
  -h, --help                        this help

${EXIT_CODES}`,

  report: `Usage: tanzu-haproxy-network report SITE.json [--out DIR]
       tanzu-haproxy-network report --fleet DIR|SITE.json... [--out DIR]

Writes the IP-plan report (ip-plan.md: subnets, allocations, the wizard's values, findings) and the address map
(address-map.svg) of a site file, as a synth writes them beside the Terraform; no Terraform is written.
With --fleet: the fleet report of a folder of site files (every *.json in it) or of the files given: fleet.md
(every site, its stacks, state store, blocks and findings, the findings across sites) and fleet-<domain>.svg,
an address map per routing domain; exit 1 when the sites have errors across them.

Options:
  --fleet         the fleet report of several sites
  -o, --out DIR   the folder to write to (default <stackName>-report; with --fleet, fleet-report)
  -h, --help      this help

${EXIT_CODES}`,

  rules: `Usage: tanzu-haproxy-network rules [--json]

The rule catalogue: id, severity and what must hold, one line a rule.

Options:
  --json       the catalogue as JSON (id, severity, acknowledgeable, summary, why, example)
  -h, --help   this help

${EXIT_CODES}`,

  explain: `Usage: tanzu-haproxy-network explain ID

One rule: what must hold, why (with its source), a failing and a passing example, and how to fix a finding.
An unknown id names the nearest one.

Options:
  -h, --help   this help

${EXIT_CODES}`,
} as const;
