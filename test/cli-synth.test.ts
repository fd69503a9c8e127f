/**
 * `tanzu-haproxy-network synth`: a site file made by `plan` becomes Terraform, by plain node and as the app of a
 * cdktf project (`cdktf synth`), as in a user's project; a plan with errors writes nothing; usage errors exit 2.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cdktfSynth, filesUnder, plainEnv, ROOT, STACK_FRAME, terraformFiles } from "./cli-process";

const MAIN = path.join(ROOT, "lib", "cli", "main.ts");
const FAILING = path.join(ROOT, "test", "fixtures", "sites", "vip-holds-gateway.json");

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const p = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: ROOT,
    env: plainEnv({ CHECKPOINT_DISABLE: "1", ...env }),
    encoding: "utf8",
    timeout: 120000,
  });
  void cwd;
  return { status: p.status, stdout: p.stdout, stderr: p.stderr };
}

/** A folder with the site file `plan` proposes for one block. */
function plannedSite(): { dir: string; site: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"));
  const planned = cli(
    ["plan", "--cidr", "10.20.0.0/22", "--topology", "t1", "--supervisor", "--dns", "10.20.0.2"],
    dir,
  );
  expect(planned.status).toBe(0);
  const site = path.join(dir, "site.json");
  fs.writeFileSync(site, planned.stdout);
  return { dir, site };
}

describe("tanzu-haproxy-network synth", () => {
  test("plan's site file becomes the site's and the Supervisor's Terraform; exit 0", () => {
    const { dir, site } = plannedSite();
    const out = path.join(dir, "out");
    const r = cli(["synth", site], dir, { CDKTF_OUTDIR: out });
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.status).toBe(0);
    expect(terraformFiles(filesUnder(out)).sort()).toEqual([
      "stacks/site-a-supervisor/cdk.tf.json",
      "stacks/site-a/cdk.tf.json",
    ]);
    const tf = JSON.parse(fs.readFileSync(path.join(out, "stacks/site-a/cdk.tf.json"), "utf8"));
    expect(Object.keys(tf.resource.vsphere_virtual_machine)).toHaveLength(1);
    expect(fs.existsSync(path.join(out, "stacks/site-a/ip-plan.md"))).toBe(true);
  });

  test("a plan with errors: each error once, exit 1, no Terraform written", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"));
    const out = path.join(dir, "out");
    const r = cli(["synth", FAILING], dir, { CDKTF_OUTDIR: out });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("VIP-01 haproxy.virtualIpCidrs[0]");
    expect(r.stderr.split("VIP-01 haproxy.virtualIpCidrs[0]")).toHaveLength(2);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(terraformFiles(filesUnder(out))).toEqual([]);
  });

  test("usage errors exit 2: no site file, both files and --sites-dir, a folder that is not there", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"));
    for (const args of [
      ["synth"],
      ["synth", FAILING, "--sites-dir", dir],
      ["synth", "--sites-dir", path.join(dir, "no")],
    ]) {
      const r = cli(args, dir, { CDKTF_OUTDIR: path.join(dir, "out") });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: synth: /);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    }
  });

  test("as the app of a cdktf project: cdktf synth writes the stacks; with errors it fails, each error once", () => {
    const { dir, site } = plannedSite();
    const app = (file: string) =>
      fs.writeFileSync(
        path.join(dir, "cdktf.json"),
        JSON.stringify({
          language: "typescript",
          app: `node --import tsx ${MAIN} synth ${file}`,
          projectId: "t",
        }),
      );
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "t", private: true }));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    app(site);
    const ok = cdktfSynth(dir);
    expect(ok.status).toBe(0);
    expect(terraformFiles(filesUnder(path.join(dir, "cdktf.out"))).sort()).toEqual([
      "stacks/site-a-supervisor/cdk.tf.json",
      "stacks/site-a/cdk.tf.json",
    ]);
    app(FAILING);
    const refused = cdktfSynth(dir);
    expect(refused.status).toBe(1);
    expect(refused.printed.split("VIP-01 ")).toHaveLength(2);
    expect(refused.printed).not.toMatch(STACK_FRAME);
  });
});
