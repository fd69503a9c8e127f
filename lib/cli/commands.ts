/**
 * The subcommands of `tanzu-haproxy-network`: each takes its arguments and the process's streams and returns the
 * exit code, so tests can run them in-process as well as spawned.
 */
import * as fs from "fs";
import * as path from "path";
import { createColors } from "picocolors";
import { Severity } from "../model/diagnostics";
import { nearestName } from "../model/nearest-name";
import { RULES } from "../rules/catalogue";
import { EXIT, integer, list, parse, Parsed, text, UsageError } from "./args";
import { HELP } from "./help";
import { PlanRequest, PlanTopology, proposePlan } from "./plan-proposal";
import { SiteFinding, siteFindings } from "./site-check";
import { FleetMember, fleetFindings, stackNameProblems } from "./site-fleet";
import { checkSiteConfig, loadSiteConfig, SiteConfig, SiteConfigError } from "../site/site-config";

/** The site-file JSON Schema where a project that installed the package has it (the package's `files`). */
const INSTALLED_SCHEMA = "./node_modules/tanzu-haproxy-network/schema/site.schema.json";
import { parseSiteJson, isSyntaxProblem } from "../site/site-json";

/** What a command reads and writes. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour on stdout / stderr: only on a terminal, never with NO_COLOR (io.ts decides). */
  readonly colourOut: boolean;
  readonly colourErr: boolean;
  /** Answers to questions, when stdin is a terminal (`advise`); undefined otherwise. */
  readonly ask?: (question: string) => Promise<string>;
}

type Command = (argv: string[], io: Io) => number | Promise<number>;

const HELP_FLAG = { help: { type: "boolean", short: "h" } } as const;

/** The severity word, coloured when the stream is a terminal. */
function severityWord(severity: Severity, colour: boolean): string {
  const c = createColors(colour);
  return severity === Severity.ERROR ? c.red(c.bold("error")) : c.yellow("warn ");
}

/** Load a site file and its places; a `SiteConfigError` for a file that cannot be used. */
function load(file: string): { config: SiteConfig; places: ReturnType<typeof placesOf> } {
  const config = loadSiteConfig(file);
  return { config, places: placesOf(file) };
}

/** The JSON value and the line of each path of a site file that loaded. */
function placesOf(file: string) {
  const parsed = parseSiteJson(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  if (isSyntaxProblem(parsed)) return { value: undefined, lineOf: () => undefined };
  return { value: parsed.value, lineOf: parsed.lineOf };
}

/** A CFG problem line of the loader as a finding: `CFG-02 vsphere.datastore (line 3): …`. */
function loaderFinding(file: string, problem: string): SiteFinding {
  const m = /^([A-Z]+-\d+) ([^\s:]+)(?: \((?:line (\d+)|in the object at line (\d+))\))?: (.*)$/.exec(
    problem,
  );
  if (!m) return { id: "CFG-00", severity: Severity.ERROR, file, path: "", message: problem, fixes: [] };
  const line = m[3] ?? m[4];
  return {
    id: m[1],
    severity: Severity.ERROR,
    file,
    path: m[2],
    ...(line ? { line: Number(line) } : {}),
    message: m[5],
    fixes: [],
  };
}

function humanFinding(f: SiteFinding, colour: boolean): string {
  const c = createColors(colour);
  const where = `${f.file}${f.line !== undefined ? `:${f.line}` : ""}`;
  const lines = [
    `${c.dim(where)}: ${severityWord(f.severity, colour)} ${c.bold(f.id)} ${f.path}: ${f.message}`,
  ];
  for (const fix of f.fixes) lines.push(`  ${c.green("fix")}: ${fix.path} = ${JSON.stringify(fix.value)}`);
  return lines.join("\n");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `check SITE.json…` */
const check: Command = (argv, io) => {
  const p = parse("check", argv, { ...HELP_FLAG, json: { type: "boolean" } }, true);
  if (p.values.help) return help(io, "check");
  if (p.positionals.length === 0)
    throw new UsageError("check: give the site file(s) to check, e.g. check site.json.");
  let code: number = EXIT.OK;
  const findings: SiteFinding[] = [];
  const unreadable: { file: string; message: string }[] = [];
  const loaded: FleetMember[] = [];
  for (const file of p.positionals) {
    let found: SiteFinding[];
    try {
      const { config, places } = load(file);
      loaded.push({ file, config });
      found = siteFindings(file, config, places);
    } catch (e) {
      if (!(e instanceof SiteConfigError)) throw e;
      if (e.unreadable) {
        unreadable.push({ file, message: e.message });
        if (!p.values.json) io.err(e.message);
        code = Math.max(code, EXIT.USAGE);
        continue;
      }
      found = e.problems.map((problem) => loaderFinding(file, problem));
    }
    findings.push(...found);
    const errors = found.filter((f) => f.severity === Severity.ERROR).length;
    if (errors > 0) code = Math.max(code, EXIT.ERRORS);
    if (!p.values.json) {
      for (const f of found) io.out(humanFinding(f, io.colourOut));
      const warnings = found.length - errors;
      const c = createColors(io.colourOut);
      io.out(
        errors > 0
          ? `${file}: ${c.red(plural(errors, "error"))}, ${plural(warnings, "warning")}`
          : `${file}: ${c.green("no error")}, ${plural(warnings, "warning")}`,
      );
    }
  }
  // Several site files are a fleet, as in a synth of them: one stack per name (CFG-05), then the rules across
  // sites, each finding at the file it belongs to. A file that does not load is not part of it.
  const across: SiteFinding[] = [
    ...stackNameProblems(loaded).map(({ file, problem }) => loaderFinding(file, problem)),
  ];
  if (across.length === 0) across.push(...fleetFindings(loaded));
  if (across.length > 0) {
    findings.push(...across);
    const errors = across.filter((f) => f.severity === Severity.ERROR).length;
    if (errors > 0) code = Math.max(code, EXIT.ERRORS);
    if (!p.values.json) {
      for (const f of across) io.out(humanFinding(f, io.colourOut));
      const c = createColors(io.colourOut);
      io.out(`across ${plural(loaded.length, "site")}: ${c.red(plural(errors, "error"))}`);
    }
  } else if (loaded.length > 1 && !p.values.json) {
    io.out(`across ${plural(loaded.length, "site")}: ${createColors(io.colourOut).green("no error")}`);
  }
  if (p.values.json) io.out(JSON.stringify({ findings, unreadable }, null, 2));
  return code;
};

/** `plan --cidr … --topology …` */
const plan: Command = (argv, io) => {
  const s = { type: "string" } as const;
  const p = parse(
    "plan",
    argv,
    {
      ...HELP_FLAG,
      cidr: s,
      topology: s,
      "frontend-cidr": s,
      namespaces: s,
      "nodes-per-network": s,
      vips: s,
      supervisor: { type: "boolean" },
      "storage-policy": s,
      dns: { type: "string", multiple: true },
      ntp: { type: "string", multiple: true },
      name: s,
      datacenter: s,
      cluster: s,
      datastore: s,
      "distributed-switch": s,
      host: s,
      "vlan-start": s,
    },
    false,
  );
  if (p.values.help) return help(io, "plan");
  const request = planRequest(p);
  const proposal = proposePlan(request);
  if (proposal.kind === "invalid") throw new UsageError(`plan: ${proposal.message}`);
  if (proposal.kind === "too-small") {
    io.err(`plan: ${proposal.message}`);
    return EXIT.ERRORS;
  }
  // The proposal is checked as `check` checks a file: the loader's shape and limits, then the whole plan.
  const site = JSON.parse(JSON.stringify(proposal.site)) as SiteConfig;
  const shape = checkSiteConfig(site);
  const found =
    shape.length > 0 ? [] : siteFindings("(proposal)", site, { value: site, lineOf: () => undefined });
  const errors = [
    ...shape,
    ...found.filter((f) => f.severity === Severity.ERROR).map((f) => humanFinding(f, false)),
  ];
  const byFlag = flagProblems(
    [
      ...shape.map((problem) => loaderFinding("(proposal)", problem)),
      ...found.filter((f) => f.severity === Severity.ERROR),
    ],
    site,
  );
  if (byFlag) throw new UsageError(byFlag.join("\n"));
  if (errors.length > 0) {
    io.err("plan: internal error: the proposed plan fails its own check (please report it):");
    errors.forEach((e) => io.err(`  ${e}`));
    return EXIT.SOFTWARE;
  }
  // "$schema": editors complete and check the file's keys from the schema the package ships (README, "Editor support").
  io.out(JSON.stringify({ $schema: INSTALLED_SCHEMA, ...proposal.site }, null, 2));
  const c = createColors(io.colourErr);
  for (const note of proposal.notes) io.err(`${c.dim("#")} ${note}`);
  const warnings = found.map((f) => `${f.id} ${f.path}`);
  io.err(
    `${c.dim("#")} Checked: no error${warnings.length > 0 ? `; ${plural(warnings.length, "warning")} (${warnings.join(", ")}), see \`check\`` : ", no warning"}.`,
  );
  return EXIT.OK;
};

/** The `plan` flag that gives the value at a site path of the proposal (the proposal copies these verbatim). */
const FLAG_OF_PATH: [RegExp, string][] = [
  [/^stackName$/, "--name"],
  [/^supervisor\.apiServerDnsNames\b/, "--name"],
  [/^vsphere\.datacenter$/, "--datacenter"],
  [/^vsphere\.cluster$/, "--cluster"],
  [/^vsphere\.datastore$/, "--datastore"],
  [/^vsphere\.distributedSwitch$/, "--distributed-switch"],
  [/^vsphere\.host$/, "--host"],
  [/^haproxy\.nameservers\b/, "--dns"],
  [/^supervisor\.(workloadD|d)nsServers\b/, "--dns"],
  [/^supervisor\.ntpServers\b/, "--ntp"],
  [/^supervisor\.storagePolicy$/, "--storage-policy"],
];

/** The value at a JSON path (`a.b[0]`) of a value, or undefined. */
function valueAt(root: unknown, jsonPath: string): unknown {
  let node = root;
  for (const key of jsonPath.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== "")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The errors of a proposal, each as the flag whose value it copied, the value and the rule's words: the user's
 * input, a usage error. Undefined when an error comes from no flag (then the planner is at fault).
 */
function flagProblems(errors: readonly SiteFinding[], site: SiteConfig): string[] | undefined {
  if (errors.length === 0) return undefined;
  const lines: string[] = [];
  const said = new Set<string>();
  for (const f of errors) {
    const flag = FLAG_OF_PATH.find(([re]) => re.test(f.path))?.[1];
    if (!flag) return undefined;
    const value = flag === "--name" ? site.stackName : valueAt(site, f.path);
    const key = `${flag} ${JSON.stringify(value)}`;
    if (said.has(key)) continue;
    said.add(key);
    const fixes = f.fixes
      .filter((x) => FLAG_OF_PATH.find(([re]) => re.test(x.path))?.[1] === flag)
      .map((x) => `${flag} ${JSON.stringify(x.value)}`);
    lines.push(
      `plan: ${key}: ${f.id} ${f.message}${fixes.length > 0 && !/did you mean|e\.g\./.test(f.message) ? ` Try ${fixes.join(" or ")}.` : ""}`,
    );
  }
  return lines;
}

function planRequest(p: Parsed): PlanRequest {
  const cidr = p.values.cidr;
  if (typeof cidr !== "string")
    throw new UsageError("plan: --cidr is required: the block to plan, e.g. --cidr 10.20.0.0/22.");
  const topologyText = text(p, "topology", "");
  const topology = Object.values(PlanTopology).find((t) => t === topologyText.toLowerCase());
  if (!topology) {
    throw new UsageError(
      `plan: --topology ${topologyText ? JSON.stringify(topologyText) : "is required"}${topologyText ? " is not one of" : ":"} t1, t2, t3, t4 (the seed page's topologies; \`advise\` helps choose).`,
    );
  }
  const supervisor = p.values.supervisor === true;
  const dnsServers = list(p, "dns");
  if (supervisor && dnsServers.length === 0) {
    throw new UsageError(
      "plan: --supervisor needs --dns, the DNS server(s) of the Supervisor's control plane (SUP-01).",
    );
  }
  const many = topology === PlanTopology.T3 || topology === PlanTopology.T4;
  if (!many && p.values.namespaces !== undefined) {
    throw new UsageError("plan: --namespaces is for --topology t3 and t4 (one port group per namespace).");
  }
  const ntp = list(p, "ntp");
  return {
    cidr,
    topology,
    frontendCidr: typeof p.values["frontend-cidr"] === "string" ? p.values["frontend-cidr"] : undefined,
    namespaces: integer(p, "namespaces", 2, 1, 64),
    nodesPerNetwork: integer(p, "nodes-per-network", 16, 3, 4096),
    vips: vipCount(p),
    supervisor,
    storagePolicy: text(p, "storage-policy", "vSAN Default Storage Policy"),
    dnsServers,
    ntpServers: ntp.length > 0 ? ntp : ["pool.ntp.org"],
    stackName: text(p, "name", "site-a"),
    datacenter: text(p, "datacenter", "dc-01"),
    cluster: text(p, "cluster", "cluster-01"),
    datastore: text(p, "datastore", "datastore-01"),
    distributedSwitch: text(p, "distributed-switch", "dvs-01"),
    host: text(p, "host", "esxi-01.example.com"),
    vlanStart: integer(p, "vlan-start", 100, 1, 4000),
  };
}

function vipCount(p: Parsed): number {
  const n = integer(p, "vips", 16, 4, 65536);
  if ((n & (n - 1)) !== 0) {
    throw new UsageError(
      `plan: --vips ${n} is not a power of two (a VIP CIDR is an aligned block), e.g. ${2 ** Math.ceil(Math.log2(n))}.`,
    );
  }
  return n;
}

/** The vSphere versions `advise` answers for: 7 and 8 (HAProxy), 9 (the Foundation Load Balancer). */
const VSPHERE_VERSIONS = ["7", "8", "9"];

/** `advise`: the seed page's three questions (S-34), and the vSphere version (the load balancer). */
const advise: Command = async (argv, io) => {
  const yesNo = { type: "string" } as const;
  const flags = {
    "isolate-supervisor": "Must the Supervisor be isolated at layer 2 from the Tanzu Kubernetes clusters?",
    "isolate-clusters": "Must the clusters be isolated at layer 2 from each other?",
    "keep-clients-off-nodes":
      "Must users and services be kept from routing directly to control-plane VMs and nodes?",
  } as const;
  const p = parse(
    "advise",
    argv,
    {
      ...HELP_FLAG,
      ...Object.fromEntries(Object.keys(flags).map((f) => [f, yesNo])),
      "vsphere-version": { type: "string" },
    },
    false,
  );
  if (p.values.help) return help(io, "advise");
  const answers: Record<string, boolean> = {};
  for (const [flag, question] of Object.entries(flags)) {
    let answer = p.values[flag] as string | undefined;
    if (answer === undefined) {
      if (!io.ask) {
        throw new UsageError(
          `advise: --${flag} yes|no is required when stdin is not a terminal (${question})`,
        );
      }
      answer = await io.ask(`${question} [y/n] `);
    }
    const a = answer.trim().toLowerCase();
    if (!["y", "yes", "n", "no", "true", "false"].includes(a)) {
      throw new UsageError(`advise: ${JSON.stringify(answer)} for --${flag} is not yes or no.`);
    }
    answers[flag] = ["y", "yes", "true"].includes(a);
  }
  let version = p.values["vsphere-version"] as string | undefined;
  if (version === undefined) {
    const question = "Which vSphere version runs the Supervisor (7, 8 or 9)?";
    if (!io.ask) {
      throw new UsageError(
        `advise: --vsphere-version 7|8|9 is required when stdin is not a terminal (${question})`,
      );
    }
    version = await io.ask(`${question} [7/8/9] `);
  }
  version = version.trim();
  if (!VSPHERE_VERSIONS.includes(version)) {
    // "8.0", "8.0.3", "v8": the major version is the answer.
    const major = /^v?(\d+)(\.\d+)*[a-z]?$/i.exec(version)?.[1];
    const near =
      major !== undefined && VSPHERE_VERSIONS.includes(major)
        ? ` Did you mean --vsphere-version ${major} (the major version)?`
        : "";
    throw new UsageError(
      `advise: ${JSON.stringify(version)} for --vsphere-version is not one of ${VSPHERE_VERSIONS.join(", ")}.${near}`,
    );
  }
  // The advisor is pure; imported here so that the other commands do not load it.
  const { adviseTopology, AdvisedLoadBalancer } = await import("../model/topology-advisor");
  const advice = adviseTopology({
    isolateSupervisorFromClusters: answers["isolate-supervisor"],
    isolateClustersFromEachOther: answers["isolate-clusters"],
    keepClientsOffNodeNetworks: answers["keep-clients-off-nodes"],
    vsphereVersion: Number(version),
  });
  const c = createColors(io.colourOut);
  const foundation = advice.loadBalancer === AdvisedLoadBalancer.VSPHERE_FOUNDATION;
  io.out(
    `${c.bold(`Topology ${advice.topology}`)} (${foundation ? `vSphere ${version}, vSphere Foundation Load Balancer` : `HAProxy ${advice.mode} mode`}, workload layout ${advice.workloadLayout})`,
  );
  advice.reasons.forEach((r) => io.out(`- ${r}`));
  const next = `tanzu-haproxy-network plan --topology ${advice.topology.toLowerCase()} --cidr <block>${advice.topology === "T4" ? " --frontend-cidr <block>" : ""} > site.json`;
  io.out(
    foundation
      ? `Next: ${next}, then replace its "haproxy" by "supervisor.loadBalancer" with "type": "vsphere-foundation" on the same port groups (an example: stacks/sites/t5-vsphere9-foundation-load-balancer.json, also in node_modules/tanzu-haproxy-network/).`
      : `Next: ${next}`,
  );
  return EXIT.OK;
};

/** `report --fleet DIR|SITE.json...`: the fleet report (fleet.md, a map per routing domain), no Terraform. */
async function fleetReport(p: Parsed, io: Io): Promise<number> {
  const given = p.positionals;
  if (given.length === 0) {
    throw new UsageError(
      "report: --fleet needs the folder of site files or the site files, e.g. report --fleet sites/.",
    );
  }
  const files =
    given.length === 1 && fs.existsSync(given[0]) && fs.statSync(given[0]).isDirectory()
      ? fs
          .readdirSync(given[0])
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => path.join(given[0], f))
      : given;
  if (files.length === 0) throw new UsageError(`report: the folder ${given[0]} holds no site file (*.json).`);
  const members: FleetMember[] = [];
  let code: number = EXIT.OK;
  for (const file of files) {
    try {
      members.push({ file, config: loadSiteConfig(file) });
    } catch (e) {
      if (!(e instanceof SiteConfigError)) throw e;
      io.err(e.message);
      code = Math.max(code, e.unreadable ? EXIT.USAGE : EXIT.ERRORS);
    }
  }
  if (code !== EXIT.OK) {
    io.err("report: no fleet report: every site file must load (`check` prints each problem).");
    return code;
  }
  const names = stackNameProblems(members);
  const across =
    names.length > 0
      ? names.map(({ file, problem }) => loaderFinding(file, problem))
      : fleetFindings(members);
  const dir = path.resolve(text(p, "out", "fleet-report"));
  const { fleetReportFiles } = await import("./fleet-report");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(fleetReportFiles(members, across))) {
    fs.writeFileSync(path.join(dir, name), content);
    io.out(path.join(path.relative(process.cwd(), dir) || ".", name));
  }
  const errors = across.filter((f) => f.severity === Severity.ERROR).length;
  if (errors > 0) {
    io.err(
      `across ${plural(members.length, "site")}: ${plural(errors, "error")} (listed in fleet.md; \`check\` prints them).`,
    );
    return EXIT.ERRORS;
  }
  return EXIT.OK;
}

/** `report SITE.json`: the IP-plan report and the address map, no Terraform. */
const report: Command = async (argv, io) => {
  const p = parse(
    "report",
    argv,
    { ...HELP_FLAG, out: { type: "string", short: "o" }, fleet: { type: "boolean" } },
    true,
  );
  if (p.values.help) return help(io, "report");
  if (p.values.fleet) return fleetReport(p, io);
  if (p.positionals.length !== 1)
    throw new UsageError("report: give one site file, e.g. report site.json --out report/.");
  const file = p.positionals[0];
  let config: SiteConfig;
  try {
    config = loadSiteConfig(file);
  } catch (e) {
    if (!(e instanceof SiteConfigError)) throw e;
    io.err(e.message);
    return e.unreadable ? EXIT.USAGE : EXIT.ERRORS;
  }
  const dir = path.resolve(text(p, "out", `${config.stackName}-report`));
  // The constructs make the report (the same files a synth writes beside the Terraform); only they load cdktf.
  const { reportFilesOf } = await import("./report-files");
  const files = reportFilesOf(config, dir);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files.files)) {
    fs.writeFileSync(path.join(dir, name), content);
    io.out(path.join(path.relative(process.cwd(), dir) || ".", name));
  }
  if (files.errors > 0) {
    io.err(
      `${file}: ${plural(files.errors, "error")} (listed in ip-plan.md under Findings; \`check ${file}\` prints them).`,
    );
    return EXIT.ERRORS;
  }
  return EXIT.OK;
};

/** `rules`: the catalogue. */
const rules: Command = (argv, io) => {
  const p = parse("rules", argv, { ...HELP_FLAG, json: { type: "boolean" } }, false);
  if (p.values.help) return help(io, "rules");
  if (p.values.json) {
    io.out(JSON.stringify(Object.values(RULES), null, 2));
    return EXIT.OK;
  }
  for (const r of Object.values(RULES)) {
    io.out(`${r.id.padEnd(7)} ${severityWord(r.severity, io.colourOut)}  ${r.summary}`);
  }
  io.out("\nOne rule's why, example and fix: tanzu-haproxy-network explain ID. All of them: docs/rules.md.");
  return EXIT.OK;
};

/** `explain ID`: one rule. */
const explain: Command = (argv, io) => {
  const p = parse("explain", argv, HELP_FLAG, true);
  if (p.values.help) return help(io, "explain");
  if (p.positionals.length !== 1) throw new UsageError("explain: give one rule id, e.g. explain VIP-01.");
  const asked = p.positionals[0];
  const rule = RULES[asked.trim().toUpperCase()];
  if (!rule) {
    const near = nearestName(asked.trim().toUpperCase(), Object.keys(RULES), 2);
    throw new UsageError(
      `explain: no rule ${JSON.stringify(asked)}.${near ? ` Did you mean ${near}?` : ""} \`tanzu-haproxy-network rules\` lists them.`,
    );
  }
  const c = createColors(io.colourOut);
  io.out(
    `${c.bold(rule.id)} ${severityWord(rule.severity, io.colourOut).trim()}${rule.acknowledgeable ? " (acknowledgeable)" : ""}: ${rule.summary}`,
  );
  io.out("");
  io.out(`Why: ${rule.why}`);
  io.out("");
  io.out(`Example: ${rule.example.failing} fails; ${rule.example.passing} passes.`);
  io.out(
    `Fix: change the value the finding names (its site-file path) as from the failing example to the passing one; each finding of \`check\` proposes a value computed from your own plan and checked against all of it.${rule.acknowledgeable ? ` Or accept it with a reason: "acknowledge": [{ "rule": "${rule.id}", "reason": "…" }].` : ""}`,
  );
  return EXIT.OK;
};

function help(io: Io, command: keyof typeof HELP): number {
  io.out(HELP[command]);
  return EXIT.OK;
}

/** `synth` (./synth-command) loads cdktf and the constructs: only when asked for, so that `check` stays fast. */
const synth: Command = (argv, io) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("./synth-command") as typeof import("./synth-command")).synthCommand(argv, io);

const COMMANDS: Record<string, Command> = { check, plan, advise, report, synth, rules, explain };

/** Run the command line (without node and the script); returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.err(HELP.main);
      return EXIT.USAGE;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      io.out(HELP.main);
      return EXIT.OK;
    }
    const command = COMMANDS[name];
    if (!command) {
      const near = nearestName(name, Object.keys(COMMANDS), 3);
      throw new UsageError(
        `unknown command ${JSON.stringify(name)}.${near ? ` Did you mean ${near}?` : ""} The commands are ${Object.keys(COMMANDS).join(", ")}.`,
      );
    }
    return await command(rest, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`error: ${e.message}`);
    io.err(
      `Run tanzu-haproxy-network ${name && name in COMMANDS ? `${name} ` : ""}--help for the options and the exit codes.`,
    );
    return EXIT.USAGE;
  }
}
