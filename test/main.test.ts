/**
 * The app as a user runs it, `node --import tsx bin/main.ts …` in a process of its own: the exit code, what it
 * prints on stdout and stderr, and what it writes (CDKTF_OUTDIR points at a fresh folder).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtInSiteFiles } from "../stacks/built-in-sites";

const ROOT = path.join(__dirname, "..");

function run(args: string[]): { status: number | null; stdout: string; stderr: string; outdir: string } {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "main-")), "out");
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  delete env.SITE_CONFIG;
  const p = spawnSync(process.execPath, ["--import", "tsx", "bin/main.ts", ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 60000,
  });
  return { status: p.status, stdout: p.stdout, stderr: p.stderr, outdir };
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

describe("bin/main.ts", () => {
  test("--sites my.json: an unknown option, with --site proposed and the usage hint; exit 2, nothing synthesized", () => {
    const r = run(["--sites", "my.json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "error: unknown option --sites. Did you mean --site?\nRun with --help for the options, SITE_CONFIG and the exit codes.\n",
    );
    expect(fs.existsSync(r.outdir)).toBe(false);
  });

  test("--site without a value: says what it needs; exit 2, nothing synthesized", () => {
    const r = run(["--site"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error: --site needs the site file\(s\) to synthesize, e\.g\. --site my-site\.json\.\n/,
    );
    expect(fs.existsSync(r.outdir)).toBe(false);
  });

  test("--help: the flags, SITE_CONFIG and the exit codes on stdout; exit 0, nothing synthesized", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Usage: node --import tsx bin\/main\.ts /);
    for (const flag of ["--site FILE", "--list-rules", "-h, --help", "SITE_CONFIG", "CDKTF_OUTDIR"]) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(
      /Exit codes:\n {2}0 {2}Terraform written.*\n {2}1 {2}the plan .* has errors.*\n {2}2 {2}a usage error, or a site file that cannot be read or is not JSON/,
    );
    expect(fs.existsSync(r.outdir)).toBe(false);
  });

  test('"vsphere": {"providerVersion": "~> 2.5"}: HAP-12 at vsphere.providerVersion with the value and an exact release; exit 1, no stack trace, no Terraform', () => {
    const site = JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as {
      vsphere: Record<string, string>;
    };
    site.vsphere.providerVersion = "~> 2.5";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "main-site-")), "my.json");
    fs.writeFileSync(file, JSON.stringify(site, null, 2));
    const r = run(["--site", file]);
    expect(r.status).toBe(1);
    // The error once, then the plan's warnings beside it (the T1 copy's VIP-06 and HAP-07).
    const lines = r.stderr.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "The site configuration has problems (no Terraform was written):",
      `  ${file}: HAP-12 vsphere.providerVersion: "~> 2.5" is not an exact provider release (it is a version constraint). Give one exact release major.minor.patch (the default, 2.5.1, keeps the OVA's network cards): did you mean "2.5.1"? [docs/rules.md#hap-12]`,
      "Warnings:",
    ]);
    expect(lines.filter((l) => l.includes("HAP-12"))).toHaveLength(1);
    expect(
      lines
        .slice(3)
        .filter((l) => l !== "")
        .map((l) => l.split(": ")[1].split(" ")[0]),
    ).toEqual(["VIP-06", "HAP-07"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const written = fs.existsSync(r.outdir)
      ? fs.readdirSync(r.outdir, { recursive: true }).filter((f) => String(f).endsWith("cdk.tf.json"))
      : [];
    expect(written).toEqual([]);
  });
  test("--list-rules into a reader that has stopped (`| true`): exit 0, no EPIPE and no trace", () => {
    // `true` exits without reading, long before node has started: every write meets a closed pipe.
    const p = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" --import tsx bin/main.ts --list-rules | true; exit \${PIPESTATUS[0]}`],
      { cwd: ROOT, encoding: "utf8", timeout: 60000, env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
    );
    expect(p.stderr).toBe("");
    expect(p.status).toBe(0);
  });

  test("the site's warnings are printed once: by the app, or under the cdktf CLI by the CLI alone", () => {
    const plain = run([]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/^ {2}warning: .*t1-single-workload-network\.json: VIP-06 /m);
    expect(plain.stdout).toMatch(
      /^IP plan t1-single-workload-network: 2 port groups, 2 workload networks, /m,
    );
    expect(plain.stdout).toMatch(/, 1 warning -> /);
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "main-cli-")), "out");
    const cli = spawnSync(process.execPath, ["--import", "tsx", "bin/main.ts"], {
      cwd: ROOT,
      env: {
        ...withoutSiteConfig(process.env),
        CDKTF_OUTDIR: outdir,
        CHECKPOINT_DISABLE: "1",
        CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
      },
      encoding: "utf8",
      timeout: 60000,
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^IP plan t1-single-workload-network: /m);
    expect(cli.stdout).not.toMatch(/warning: /);
  });
});

describe("a site file at the documented list sizes", () => {
  test("300 workload networks of 10 identical ranges print at most 200 findings and a count of the rest", () => {
    const site = JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8"));
    site.workloadNetworks = Array.from({ length: 300 }, (_, i) => ({
      name: `ns-${i}`,
      portGroup: {
        name: `pg-${i}`,
        vlanId: 200 + i,
        cidr: `172.16.${i & 255}.0/24`,
        gateway: `172.16.${i & 255}.1`,
      },
      addressRanges: Array.from({ length: 10 }, () => "192.168.121.10-192.168.121.200"),
    }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "limits-"));
    const file = path.join(dir, "site.json");
    fs.writeFileSync(file, JSON.stringify(site));
    const r = run(["--site", file]);
    expect(r.status).toBe(1);
    const errors = r.stderr.split(/\nWarnings:\n/)[0];
    const findings = errors.split("\n").filter((l) => /: [A-Z]+-\d\d /.test(l));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.length).toBeLessThanOrEqual(200);
    expect(r.stderr).toMatch(/… and \d+ more: every one is listed in the stack's ip-plan\.md/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
/** The environment without SITE_CONFIG (unset: the examples; set but empty is a usage error). */
function withoutSiteConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.SITE_CONFIG;
  return copy;
}
