/**
 * The `pg` state backend with a real PostgreSQL server and the real `terraform` binary: two sites' stacks and a
 * Supervisor-like stack synthesized with `StateBackend.pg`, initialized on one database (a schema each), state
 * written there, a concurrent apply refused by the lock with nothing lost, and the reader taking the producer's
 * outputs through `terraform_remote_state` on the same backend, the secret staying sensitive.
 *
 * The server: `PG_CONN_STR` when set (`.ci/run` runs this file under scripts/with-postgres.sh); otherwise the
 * test starts one itself with scripts/with-postgres.sh. Skipped, saying why, only when the machine has no
 * PostgreSQL server binaries or no `terraform` (`.ci/run` fails before that when it lacks them). Only
 * Terraform's built-in pieces are used (`terraform_data`, local-exec, outputs): no provider is installed.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, DataResource, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { StateBackend } from "../lib";

const SCRIPT = path.join(__dirname, "..", "scripts", "with-postgres.sh");
const SECRET = "pg-backend-s3cret";
const HOLD_SECONDS = 4;

/** The server binaries as scripts/with-postgres.sh finds them. */
function haveServerBinaries(): boolean {
  const dirs = [process.env.PG_BIN, ...(process.env.PATH ?? "").split(path.delimiter)];
  if (fs.existsSync("/usr/lib/postgresql")) {
    dirs.push(...fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  return dirs.some(
    (d) => d && fs.existsSync(path.join(d, "initdb")) && fs.existsSync(path.join(d, "pg_ctl")),
  );
}
const haveTerraform = spawnSync("terraform", ["version"]).status === 0;
const ready = (process.env.PG_CONN_STR !== undefined || haveServerBinaries()) && haveTerraform;
if (!ready) {
  // A skip that says why (`.ci/run` fails earlier when the binaries are missing, so CI cannot skip this).
  console.warn(
    `test/pg-backend.test.ts skipped: ${haveTerraform ? "no PostgreSQL server binaries (initdb, pg_ctl)" : "no terraform on the PATH"}`,
  );
}
const run = ready ? describe : describe.skip;

const EMPTY_CLI_CONFIG = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tf-cli-")), "empty.tfrc");
fs.writeFileSync(EMPTY_CLI_CONFIG, "");

/** Terraform as a child process with `PG_CONN_STR`; resolves with its exit code and output. */
function terraform(
  connStr: string,
  dir: string,
  args: string[],
  onOutput?: (text: string) => void,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("terraform", [...args, "-no-color"], {
      cwd: dir,
      env: {
        ...process.env,
        PG_CONN_STR: connStr,
        TF_CLI_CONFIG_FILE: EMPTY_CLI_CONFIG,
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
      },
    });
    let out = "";
    const add = (d: Buffer) => {
      out += d;
      onOutput?.(out);
    };
    child.stdout.on("data", add);
    child.stderr.on("data", add);
    const timer = setTimeout(() => child.kill(), 60000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

/** One SQL query's result as psql prints it unaligned, without headers. */
function sql(connStr: string, query: string): string {
  const r = spawnSync("psql", [connStr, "-At", "-v", "ON_ERROR_STOP=1", "-c", query], { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`psql: ${r.stderr}`);
  }
  return r.stdout.trim();
}

/** A stack's state as stored in its schema's `states` table (workspace `default`). */
function storedState(
  connStr: string,
  schema: string,
): { serial: number; lineage: string; resources: { type: string; name: string }[] } {
  return JSON.parse(sql(connStr, `select data from "${schema}".states where name = 'default'`));
}

/** A server of scripts/with-postgres.sh for this file alone: it lives until its stdin closes. */
async function startServer(): Promise<{ connStr: string; server: ChildProcess }> {
  const server = spawn("bash", [SCRIPT, "bash", "-c", 'echo "PG_CONN_STR=$PG_CONN_STR"; cat >/dev/null'], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connStr = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (d) => {
      out += d;
      const m = /PG_CONN_STR=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on("close", (code) => reject(new Error(`scripts/with-postgres.sh ended with ${code}`)));
  });
  return { connStr, server };
}

/**
 * Two sites and site A's Supervisor-like stack, on `pg` with a schema each. Site A holds its lock for a while
 * (a local-exec sleep) and has a sensitive variable; the reader takes A's values by cross-stack reference.
 */
function synth(outdir: string): void {
  const state = StateBackend.pg({ schemaPrefix: "tfstate_" });
  const app = new App({ outdir });
  const site = (name: string) => {
    const stack = new TerraformStack(app, name);
    state.applyTo(stack);
    const vm = new DataResource(stack, "vm", { input: { name: `haproxy-${name}` } });
    return { stack, vm };
  };
  const a = site("site-a");
  site("site-b");
  const password = new TerraformVariable(a.stack, "password", {
    type: "string",
    sensitive: true,
    default: SECRET,
  });
  const generation = new TerraformVariable(a.stack, "generation", { type: "string", default: "1" });
  new DataResource(a.stack, "hold", {
    input: { vm: a.vm.id },
    triggersReplace: { generation: generation.stringValue },
    provisioners: [{ type: "local-exec", command: `sleep ${HOLD_SECONDS}` }],
  });
  const reader = new TerraformStack(app, "site-a-supervisor");
  state.applyTo(reader);
  new DataResource(reader, "enable", {
    input: { vm: Fn.lookup(a.vm.output, "name", ""), password: Fn.sensitive(password.stringValue) },
  });
  new TerraformOutput(reader, "appliance", { value: Fn.lookup(a.vm.output, "name", "") });
  new TerraformOutput(reader, "password", { value: Fn.sensitive(password.stringValue), sensitive: true });
  app.synth();
}

run("the pg state backend with a real PostgreSQL and the real engine", () => {
  let connStr: string;
  let server: ChildProcess | undefined;
  let stacks: string;
  const dir = (s: string) => path.join(stacks, s);
  const tf = (s: string, ...args: string[]) => terraform(connStr, dir(s), args);

  beforeAll(async () => {
    if (process.env.PG_CONN_STR) {
      connStr = process.env.PG_CONN_STR;
    } else {
      ({ connStr, server } = await startServer());
    }
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pg-backend-")), "cdktf.out");
    synth(outdir);
    stacks = path.join(outdir, "stacks");
    // One after another: the first init of a database creates the shared id sequence.
    for (const s of ["site-a", "site-b", "site-a-supervisor"]) {
      const r = await tf(s, "init", "-input=false");
      expect(r.out).toContain('Successfully configured the backend "pg"');
      expect(r.status).toBe(0);
    }
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const closed = new Promise((r) => server!.on("close", r));
      server.stdin!.end();
      await closed;
    }
  });

  test("init gives each stack its own schema in the one database, and an apply writes its state there", async () => {
    const schemas = sql(
      connStr,
      "select schema_name from information_schema.schemata where schema_name like 'tfstate_%' order by 1",
    );
    expect(schemas.split("\n")).toEqual(["tfstate_site-a", "tfstate_site-a-supervisor", "tfstate_site-b"]);
    expect((await tf("site-b", "apply", "-auto-approve", "-input=false")).status).toBe(0);
    expect(sql(connStr, 'select name from "tfstate_site-b".states')).toBe("default");
    const state = storedState(connStr, "tfstate_site-b");
    expect(state.resources.map((r) => `${r.type}.${r.name}`)).toEqual(["terraform_data.vm"]);
    // No state file was written beside the stack.
    expect(fs.readdirSync(dir("site-b")).filter((f) => f.endsWith(".tfstate"))).toEqual([]);
  });

  test("a second apply of the same stack while one runs is refused by the lock, and nothing is lost", async () => {
    expect((await tf("site-a", "apply", "-auto-approve", "-input=false")).status).toBe(0);
    const before = storedState(connStr, "tfstate_site-a");
    // The next apply replaces "hold" (a new generation), sleeping while it holds the lock.
    let holding: () => void = () => undefined;
    const started = new Promise<void>((r) => (holding = r));
    const first = terraform(
      connStr,
      dir("site-a"),
      ["apply", "-auto-approve", "-input=false", "-var", "generation=2"],
      (out) => {
        if (out.includes("Provisioning with 'local-exec'")) holding();
      },
    );
    await started;
    const second = await tf(
      "site-a",
      "apply",
      "-auto-approve",
      "-input=false",
      "-lock-timeout=0s",
      "-var",
      "generation=3",
    );
    expect(second.status).not.toBe(0);
    expect(second.out).toContain("Error acquiring the state lock");
    expect(second.out).toContain("Workspace is already locked: default");
    const done = await first;
    expect(done.status).toBe(0);
    expect(done.out).toContain("Apply complete! Resources: 1 added, 0 changed, 1 destroyed.");
    // The state in the database is the first apply's, whole: one lineage, the next serial, every resource, and
    // a new plan of generation 2 has nothing to do.
    const after = storedState(connStr, "tfstate_site-a");
    expect(after.lineage).toBe(before.lineage);
    expect(after.serial).toBeGreaterThan(before.serial);
    expect(after.resources.map((r) => `${r.type}.${r.name}`).sort()).toEqual([
      "terraform_data.hold",
      "terraform_data.vm",
    ]);
    const plan = await tf("site-a", "plan", "-detailed-exitcode", "-input=false", "-var", "generation=2");
    expect(plan.status).toBe(0);
  });

  test("the reader takes the producer's outputs from the same backend; the secret stays sensitive in plan and output", async () => {
    const plan = await tf("site-a-supervisor", "plan", "-input=false");
    expect(plan.status).toBe(0);
    const text = plan.out.replace(/\s+/g, " ");
    expect(text).toMatch(/terraform_data\.enable will be created .* password = \(sensitive value\)/);
    expect(text).toContain('vm = "haproxy-site-a"');
    expect(plan.out).not.toContain(SECRET);
    const apply = await tf("site-a-supervisor", "apply", "-auto-approve", "-input=false");
    expect(apply.status).toBe(0);
    expect(apply.out).not.toContain(SECRET);
    const output = await tf("site-a-supervisor", "output");
    expect(output.out).toContain('appliance = "haproxy-site-a"');
    expect(output.out).toContain("password = <sensitive>");
    expect(output.out).not.toContain(SECRET);
    const json = JSON.parse((await tf("site-a-supervisor", "output", "-json")).out) as Record<
      string,
      { sensitive: boolean }
    >;
    expect(json.password.sensitive).toBe(true);
  });
});
