/**
 * Claims about apply-time behaviour, run with the real engine where a `terraform` binary is on the PATH. Only
 * Terraform's built-in pieces are used (`terraform_data`, `terraform_remote_state`, the local-exec
 * provisioner, the local backend), so no provider has to be installed; the appliance is a local HTTPS server on
 * 127.0.0.1 with a CA of the test's own.
 *
 * - The readiness wait runs at create only: a later plan and apply never contact the appliance, a destroy works
 *   while it is down, a create fails with our causes while it is down, and the password is never printed.
 * - A value read through `terraform_remote_state` loses its sensitive mark (so `terraform plan` prints it), and
 *   `sensitive()` restores it.
 * - `ProjectLocalBackend`: a stack reads another's outputs in a non-default workspace, from a copy of the
 *   output folder made elsewhere.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { App, DataResource, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { ProjectLocalBackend } from "../lib";
import {
  NOT_READY,
  READINESS_FAILURE,
  readinessPrecondition,
  readinessWait,
} from "../lib/constructs/dataplane-readiness";

const haveTerraform = spawnSync("terraform", ["version"]).status === 0;
const run = haveTerraform ? describe : describe.skip;
const tls = (f: string) => fs.readFileSync(path.join(__dirname, "fixtures", "tls", f), "utf8");
const PASSWORD = "Dataplane-Pa55-word";
const SECRET = "remote-state-s3cret";
const EMPTY_CLI_CONFIG = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tf-cli-")), "empty.tfrc");
fs.writeFileSync(EMPTY_CLI_CONFIG, "");

/** Terraform as a child process; asynchronous, so the test's own HTTPS server keeps answering meanwhile. */
function terraform(dir: string, ...args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("terraform", [...args, "-no-color"], {
      cwd: dir,
      // Built-in providers only: an empty CLI configuration, so nothing is looked up anywhere.
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: EMPTY_CLI_CONFIG,
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
      },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill(), 120000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

/** An HTTPS server on 127.0.0.1 answering 200, counting requests; it can go down and come back on its port. */
class Appliance {
  public requests = 0;
  public port = 0;
  private server?: https.Server;

  public async up(): Promise<void> {
    const s = https.createServer({ key: tls("server.key"), cert: tls("server.pem") }, (_req, res) => {
      this.requests++;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((r) => s.listen(this.port, "127.0.0.1", r));
    this.port = (s.address() as AddressInfo).port;
    this.server = s;
  }

  public async down(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  }
}

run("the readiness wait and the Supervisor's gate with the real engine", () => {
  let dir: string;
  const srv = new Appliance();
  const stacks = () => path.join(dir, "cdktf.out", "stacks");
  const appliance = () => path.join(stacks(), "appliance");
  const supervisor = () => path.join(stacks(), "supervisor");
  const apply = (d: string, ...more: string[]) =>
    terraform(d, "apply", "-auto-approve", "-input=false", ...more);

  /**
   * The appliance's stack (a stand-in VM and the wait on it) and a Supervisor's stack gated like the
   * Supervisor's resource, by a cross-stack reference to the readiness mark.
   */
  function synth(vmGeneration: string): void {
    const app = new App({ outdir: path.join(dir, "cdktf.out") });
    const stack = new TerraformStack(app, "appliance");
    new ProjectLocalBackend(stack);
    // A replaced VM gets a new id, as vsphere_virtual_machine does when its replace_trigger changes.
    const vm = new DataResource(stack, "vm", { triggersReplace: { generation: vmGeneration } });
    const url = `https://127.0.0.1:${srv.port}/v2/info`;
    const { ready } = readinessWait(stack, {
      url,
      caCertificatePem: tls("ca.pem"),
      user: "admin",
      password: PASSWORD,
      attempts: 3,
      minDelayMs: 50,
      maxDelayMs: 100,
      virtualMachineId: vm.id,
    });
    const gated = new TerraformStack(app, "supervisor");
    new ProjectLocalBackend(gated);
    new DataResource(gated, "enable", {
      input: { at: "enable" },
      lifecycle: { precondition: [readinessPrecondition(ready, url, vm.id) as never] },
    });
    app.synth();
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "readiness-engine-"));
    await srv.up();
    await srv.down(); // the port is known; the appliance is not up yet
    synth("1");
    for (const d of [appliance(), supervisor()]) {
      expect((await terraform(d, "init", "-input=false")).status).toBe(0);
    }
  });
  afterAll(() => srv.down());

  test("create while the appliance is down: the apply fails with our causes, no password; the Supervisor is gated", async () => {
    const r = await apply(appliance());
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("local-exec provisioner error");
    expect(r.out.replace(/\s+/g, " ")).toContain(READINESS_FAILURE);
    expect(r.out).toMatch(/Last answer from https:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    expect(r.out).not.toContain(PASSWORD);
    const gate = await terraform(supervisor(), "plan", "-input=false");
    expect(gate.status).not.toBe(0);
    expect(gate.out.replace(/\s+/g, " ")).toContain(NOT_READY);
  });

  test("the appliance up: the tainted wait runs again, the apply succeeds, the gate opens", async () => {
    await srv.up();
    const r = await apply(appliance());
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/terraform_data\.dataplane-api-wait is tainted, so must be replaced/);
    expect(srv.requests).toBe(1);
    expect((await terraform(supervisor(), "plan", "-input=false")).status).toBe(0);
  });

  test("later plan and apply: no change, and the appliance is not contacted", async () => {
    expect((await terraform(appliance(), "plan", "-detailed-exitcode", "-input=false")).status).toBe(0);
    expect((await apply(appliance())).status).toBe(0);
    expect(srv.requests).toBe(1);
  });

  test("a replaced VM waits again; when that wait fails the mark is gone and the gate shuts", async () => {
    synth("2");
    await srv.down();
    expect((await apply(appliance())).status).not.toBe(0);
    const state = (await terraform(appliance(), "state", "list")).out.split("\n");
    expect(state).toContain("terraform_data.dataplane-api-wait"); // tainted: the next apply waits again
    expect(state).not.toContain("terraform_data.dataplane-api-ready");
    // The mark's outputs are the old ones (an apply writes only what it evaluated), but the VM's id output is
    // the new VM's: they differ, so the gate is shut.
    const gate = await terraform(supervisor(), "plan", "-input=false");
    expect(gate.status).not.toBe(0);
    expect(gate.out.replace(/\s+/g, " ")).toContain(NOT_READY);
    await srv.up();
    const r = await apply(appliance());
    expect(r.status).toBe(0);
    expect(srv.requests).toBe(2);
    expect((await terraform(supervisor(), "plan", "-input=false")).status).toBe(0);
  });

  test("the appliance down: plan and destroy still work", async () => {
    await srv.down();
    expect((await terraform(appliance(), "plan", "-detailed-exitcode", "-input=false")).status).toBe(0);
    expect((await terraform(appliance(), "destroy", "-auto-approve", "-input=false")).status).toBe(0);
  });
});

run("secrets and state across stacks with the real engine", () => {
  let dir: string;
  const outdir = () => path.join(dir, "cdktf.out");

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cross-stack-engine-"));
    const app = new App({ outdir: outdir() });
    const producer = new TerraformStack(app, "producer");
    new ProjectLocalBackend(producer);
    const secret = new TerraformVariable(producer, "secret", {
      type: "string",
      sensitive: true,
      default: SECRET,
    });
    const site = new DataResource(producer, "site", { input: { name: `site-${"${terraform.workspace}"}` } });
    const consumer = new TerraformStack(app, "consumer");
    new ProjectLocalBackend(consumer);
    new DataResource(consumer, "wrapped", { input: { password: Fn.sensitive(secret.stringValue) } });
    new DataResource(consumer, "bare", { input: { password: secret.stringValue } });
    new TerraformOutput(consumer, "site", { value: Fn.lookup(site.output, "name", "") });
    app.synth();
  });

  /** A copy of the output folder somewhere else, as a CI job gets it: state files travel beside it. */
  function moved(): string {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "moved-"));
    fs.cpSync(dir, elsewhere, { recursive: true });
    return path.join(elsewhere, "cdktf.out", "stacks");
  }

  test("a remote-state value prints in a plan unless wrapped in sensitive(); a non-default workspace and a moved folder still find it", async () => {
    const stacks = moved();
    const producer = path.join(stacks, "producer");
    const consumer = path.join(stacks, "consumer");
    for (const d of [producer, consumer]) {
      expect((await terraform(d, "init", "-input=false")).status).toBe(0);
      expect((await terraform(d, "workspace", "new", "staging")).status).toBe(0);
    }
    expect((await terraform(producer, "apply", "-auto-approve", "-input=false")).status).toBe(0);
    const plan = await terraform(consumer, "plan", "-input=false");
    expect(plan.status).toBe(0);
    const text = plan.out.replace(/\s+/g, " ");
    // terraform_remote_state copies output values without their sensitive mark: the bare reference prints it.
    expect(text).toMatch(new RegExp(`terraform_data\\.bare will be created .* password = "${SECRET}"`));
    // sensitive() restores the mark.
    expect(text).toMatch(/terraform_data\.wrapped will be created .* password = \(sensitive value\)/);
    expect(plan.out.split(SECRET)).toHaveLength(2);
    // The workspace's own state was read: the producer's value for "staging".
    expect(text).toContain('site = "site-staging"');
    // The state of "staging" is where the layout says, beside the output folder.
    expect(
      fs.existsSync(
        path.join(stacks, "..", "..", "terraform.producer.tfstate.d", "staging", "terraform.tfstate"),
      ),
    ).toBe(true);
  });
});
