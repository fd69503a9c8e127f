/**
 * The command line as a user runs it: `tanzu-haproxy-network <command>` in a process of its own (here
 * `node --import tsx lib/cli/main.ts`), its exit code, stdout and stderr, for every subcommand and its usage errors.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, STACK_FRAME } from "./cli-process";

function cli(args: string[], env: Record<string, string> = {}) {
  const p = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60000,
  });
  return { status: p.status, stdout: p.stdout, stderr: p.stderr };
}

const T1 = "stacks/sites/t1-single-workload-network.json";
const FAILING = "test/fixtures/sites/vip-holds-gateway.json";
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));

describe("tanzu-haproxy-network", () => {
  test("no command: the usage on stderr, exit 2; --help: on stdout with the exit codes, exit 0", () => {
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^Usage: tanzu-haproxy-network <command>/);
    const help = cli(["--help"]);
    expect(help.status).toBe(0);
    for (const c of ["check", "plan", "advise", "report", "rules", "explain"])
      expect(help.stdout).toContain(`  ${c} `);
    expect(help.stdout).toMatch(
      /Exit codes:\n {2}0 {3}ok.*\n {2}1 {3}findings at error level.*\n(.*\n)? {2}2 {3}a usage error/,
    );
  });

  test("an unknown command names the nearest one; exit 2", () => {
    const r = cli(["chek", T1]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: unknown command "chek". Did you mean check?');
  });

  test("check of an example: its warnings with file:line, no error, exit 0, no colour when not a terminal", () => {
    const r = cli(["check", T1]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${T1}:42: warn  HAP-07 haproxy.mode: `);
    expect(r.stdout).toContain(`${T1}: no error, 2 warnings`);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stderr).toBe("");
  });

  test("check of a failing file: each error with its fix, exit 1; --json has id, severity, file, path, value, message, fixes", () => {
    const r = cli(["check", FAILING]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `${FAILING}:50: error VIP-01 haproxy.virtualIpCidrs[0]: VIP CIDR "192.168.120.0/25" contains gateway 192.168.120.1`,
    );
    expect(r.stdout).toContain('  fix: haproxy.virtualIpCidrs[0] = "192.168.120.128/25"');
    const j = cli(["check", "--json", FAILING]);
    expect(j.status).toBe(1);
    const doc = JSON.parse(j.stdout) as { findings: Record<string, unknown>[] };
    expect(doc.findings[0]).toEqual({
      id: "VIP-01",
      severity: "error",
      file: FAILING,
      path: "haproxy.virtualIpCidrs[0]",
      line: 50,
      value: "192.168.120.0/25",
      message: expect.stringContaining("contains gateway 192.168.120.1"),
      fixes: [{ path: "haproxy.virtualIpCidrs[0]", value: "192.168.120.128/25" }],
    });
  });

  test("check of a file that is not JSON or not there: exit 2, never a stack trace; a CFG error: exit 1", () => {
    const bad = cli(["check", "test/fixtures/sites/not-json.json", "no-such.json"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("line 1, column 19: a trailing comma");
    expect(bad.stderr).toContain("The site file no-such.json cannot be read");
    expect(bad.stderr).not.toMatch(STACK_FRAME);
    const shape = cli(["check", "test/fixtures/sites/shape-error.json"]);
    expect(shape.status).toBe(1);
    expect(shape.stdout).toContain(
      'shape-error.json:52: error CFG-01 haproxy.virtualIpRanges: this key is now "virtualIpCidrs"',
    );
  });

  test("check usage errors: no file, an unknown flag with the one meant; exit 2", () => {
    expect(cli(["check"]).stderr).toContain("error: check: give the site file(s) to check");
    const r = cli(["check", "--jsn", T1]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: check: unknown option --jsn. Did you mean --json?");
  });

  test("plan --cidr 10.20.0.0/22 --topology t1 > site.json: a file that check passes; each choice on stderr", () => {
    const r = cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t1"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("# Checked: no error");
    expect(r.stderr).toContain("supervisorManagementStartIp");
    const file = path.join(tmp(), "site.json");
    fs.writeFileSync(file, r.stdout);
    const c = cli(["check", file]);
    expect(c.status).toBe(0);
    expect(c.stdout).toContain(`${file}: no error`);
  });

  test("plan t4 with a Supervisor: frontend mode, VIPs on the frontend block; check passes with no warning", () => {
    const r = cli([
      "plan",
      "--cidr",
      "10.20.0.0/24",
      "--topology",
      "t4",
      "--frontend-cidr",
      "10.30.0.0/26",
      "--supervisor",
      "--dns",
      "10.20.0.2",
    ]);
    expect(r.status).toBe(0);
    const site = JSON.parse(r.stdout) as {
      haproxy: { mode: string; virtualIpCidrs: string[] };
      supervisor: object;
    };
    expect(site.haproxy.mode).toBe("frontend");
    expect(site.haproxy.virtualIpCidrs[0]).toMatch(/^10\.30\.0\./);
    expect(site.supervisor).toBeDefined();
    const file = path.join(tmp(), "site.json");
    fs.writeFileSync(file, r.stdout);
    expect(cli(["check", file]).stdout).toContain(`${file}: no error, 0 warnings`);
  });

  test("plan with too small a block: the minimum prefix, exit 1; usage errors exit 2", () => {
    const small = cli(["plan", "--cidr", "10.20.0.0/26", "--topology", "t3"]);
    expect(small.status).toBe(1);
    expect(small.stdout).toBe("");
    expect(small.stderr).toContain("it needs at least a /24");
    expect(cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t5"]).stderr).toContain(
      '--topology "t5" is not one of t1, t2, t3, t4',
    );
    expect(cli(["plan", "--cidr", "10.20.0.1/22", "--topology", "t1"]).status).toBe(2);
    expect(cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t4"]).stderr).toContain(
      "--topology t4 needs --frontend-cidr",
    );
    expect(cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t1", "--supervisor"]).stderr).toContain(
      "--supervisor needs --dns",
    );
  });

  test("advise with flags: T4 in frontend mode and the plan command; without flags off a terminal: exit 2", () => {
    const r = cli([
      "advise",
      "--isolate-supervisor",
      "no",
      "--isolate-clusters",
      "yes",
      "--keep-clients-off-nodes",
      "yes",
      "--vsphere-version",
      "8",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Topology T4 \(HAProxy frontend mode, workload layout T3\)/);
    expect(r.stdout).toContain("vSphere 8: use HAProxy");
    expect(r.stdout).toContain("plan --topology t4 --cidr <block> --frontend-cidr <block>");
    const missing = cli(["advise"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--isolate-supervisor yes|no is required when stdin is not a terminal");
  });

  test("advise --vsphere-version 9 answers the Foundation Load Balancer; without the version off a terminal: exit 2", () => {
    const answers = [
      "--isolate-supervisor",
      "no",
      "--isolate-clusters",
      "yes",
      "--keep-clients-off-nodes",
      "yes",
    ];
    const r = cli(["advise", ...answers, "--vsphere-version", "9"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Topology T4 \(vSphere 9, vSphere Foundation Load Balancer, workload layout T3\)/,
    );
    expect(r.stdout).toContain("vSphere 9: use the vSphere Foundation Load Balancer");
    expect(r.stdout).toContain('"supervisor.loadBalancer" with "type": "vsphere-foundation"');
    const missing = cli(["advise", ...answers]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--vsphere-version 7|8|9 is required when stdin is not a terminal");
    const wrong = cli(["advise", ...answers, "--vsphere-version", "6.7"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('"6.7" for --vsphere-version is not one of 7, 8, 9');
  });

  test("report: ip-plan.md and address-map.svg in the folder, no Terraform file; exit 1 with errors", () => {
    const dir = path.join(tmp(), "report");
    const r = cli(["report", T1, "--out", dir]);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "address-map.svg",
      "ip-plan.md",
      "supervisor-enable-request.json",
    ]);
    expect(fs.readFileSync(path.join(dir, "ip-plan.md"), "utf8")).toContain("192.168.120.128/25");
    expect(fs.readdirSync(dir).some((f) => /\.tf(\.json)?$/.test(f))).toBe(false);
    const failing = cli(["report", FAILING, "--out", path.join(tmp(), "r")]);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain("4 errors");
  });

  test("rules lists the catalogue; explain gives why, example and fix; an unknown id names the nearest, exit 2", () => {
    const rules = cli(["rules"]);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/^IP-01 {3}error {2}Every address/);
    const e = cli(["explain", "vip-01"]);
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/^VIP-01 error: No VIP CIDR contains a gateway/);
    for (const part of ["Why: ", "Example: ", "Fix: "]) expect(e.stdout).toContain(part);
    const unknown = cli(["explain", "VIP-10"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no rule "VIP-10"\. Did you mean VIP-0\d\?/);
  });
});
