/**
 * What we write is read by Terraform itself, not only by our JSON tests: every example stack is synthesized as
 * JSON and as HCL (the `cdktf synth --hcl` exit for plain Terraform and OpenTofu users); the HCL parses
 * (`@cdktf/hcl2json`, Terraform's own HCL parser compiled to WebAssembly) to the same configuration as the JSON;
 * Terraform's configuration loading (`terraform init`) accepts both with no configuration error or warning;
 * no secret that crosses stacks is left without `sensitive()`; and no absolute path of this machine is written.
 *
 * `terraform init` runs where a `terraform` (or `tofu`) binary is on the PATH. Without providers (this
 * project's CI has no registry) it is pointed at an empty filesystem mirror, so it fails only at provider
 * installation, after loading the configuration; every other diagnostic fails the test. With
 * `TF_CLI_CONFIG_FILE` naming a mirror that has the pinned providers, it installs them and `terraform validate`
 * must answer valid with no warning.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "@cdktf/hcl2json";
import * as sensitiveFixture from "./fixtures/sensitive-attributes.json";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";

type Json = Record<string, unknown>;

const root = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-config-"));
const jsonOut = path.join(root, "json", "cdktf.out");
const hclOut = path.join(root, "hcl", "cdktf.out");

/** T1 with the opt-in health check (a check block), so both syntaxes of it are loaded too. */
const withHealthCheck = path.join(root, "t1-with-health-check.json");
{
  const t1 = JSON.parse(fs.readFileSync(builtInSiteFiles()[0], "utf8")) as Json & { haproxy: Json };
  fs.writeFileSync(
    withHealthCheck,
    JSON.stringify({
      ...t1,
      stackName: "t1-with-health-check",
      haproxy: { ...t1.haproxy, healthCheck: true },
    }),
  );
}

function synth(outdir: string, hcl: boolean): void {
  const before = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = hcl ? "true" : "false";
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  try {
    // The examples are alternative plans of one site, not a fleet.
    const result = synthesizeSites([...builtInSiteFiles(), withHealthCheck], outdir, { acrossSites: false });
    if (result.code !== 0) {
      throw new Error(`the example sites did not synthesize:\n${result.err.join("\n")}`);
    }
  } finally {
    if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = before;
  }
}

// At load: the test tables below list the stacks written.
synth(jsonOut, false);
synth(hclOut, true);

const stackNames = () => fs.readdirSync(path.join(jsonOut, "stacks")).sort();
const jsonOf = (stack: string) =>
  JSON.parse(fs.readFileSync(path.join(jsonOut, "stacks", stack, "cdk.tf.json"), "utf8")) as Json;

/** One shape for both syntaxes: no cdktf metadata, one-block lists unwrapped, scalars as text, bare references. */
function normalize(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    if (key === "terraform") {
      return normalize(Object.assign({}, ...value.map((v) => normalize(v))));
    }
    const items = value.map((v) => normalize(v));
    return items.length === 1 && items[0] !== null && typeof items[0] === "object" && !Array.isArray(items[0])
      ? items[0]
      : items;
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([k]) => k !== "//")
        .map(([k, v]) => [k, normalize(v, k)]),
    );
  }
  const text = String(value);
  const reference = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(text);
  return reference ? reference[1] : text;
}

describe("the HCL exit", () => {
  test("every example stack is written as HCL, the Supervisor's included", () => {
    const hclStacks = fs.readdirSync(path.join(hclOut, "stacks")).sort();
    expect(hclStacks).toEqual(stackNames());
    expect(hclStacks.filter((s) => s.endsWith("-supervisor"))).toHaveLength(5);
    expect(fs.readFileSync(path.join(hclOut, "stacks", "t1-with-health-check", "cdk.tf"), "utf8")).toMatch(
      /^check "haproxy_dataplane-api-health_[0-9A-F]+" \{$/m,
    );
    for (const s of hclStacks) {
      expect(fs.existsSync(path.join(hclOut, "stacks", s, "cdk.tf"))).toBe(true);
    }
  });

  test.each(stackNames())("%s: the HCL parses to the same configuration as the JSON", async (stack) => {
    const hcl = await parse("cdk.tf", fs.readFileSync(path.join(hclOut, "stacks", stack, "cdk.tf"), "utf8"));
    expect(normalize(hcl)).toEqual(normalize(jsonOf(stack)));
  });
});

const engines = ["terraform", "tofu"].filter((bin) => spawnSync(bin, ["version"]).status === 0);

// CI puts both on the PATH (.ci/run: the machine's terraform, OpenTofu from scripts/install-opentofu.sh).
(process.env.CI === "true" ? test : test.skip)("CI has both engines to load the output with", () => {
  expect(engines).toEqual(["terraform", "tofu"]);
});
// A CLI configuration of the user's (a mirror of the pinned providers), when the variable names a file that exists.
const userMirror =
  process.env.TF_CLI_CONFIG_FILE && fs.existsSync(process.env.TF_CLI_CONFIG_FILE)
    ? process.env.TF_CLI_CONFIG_FILE
    : undefined;

/** `init` (and with providers `validate`) in a copy of a stack's folder; the diagnostics it printed. */
function load(engine: string, dir: string): { init: string; errors: string[]; validate?: Json } {
  const work = fs.mkdtempSync(path.join(root, "load-"));
  for (const f of fs.readdirSync(dir).filter((f) => /^cdk\.tf(\.json)?$/.test(f))) {
    fs.copyFileSync(path.join(dir, f), path.join(work, f));
  }
  let config = userMirror;
  if (!config) {
    const empty = fs.mkdtempSync(path.join(root, "empty-mirror-"));
    config = path.join(root, "empty-mirror.tfrc");
    fs.writeFileSync(
      config,
      `provider_installation {\n  filesystem_mirror { path = ${JSON.stringify(empty)} }\n}\n`,
    );
  }
  const env = { ...process.env, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const init = spawnSync(engine, ["init", "-backend=false", "-input=false", "-no-color"], { cwd: work, env });
  const text = `${init.stdout}${init.stderr}`;
  const errors = [...text.matchAll(/^(Error|Warning): (.*)$/gm)]
    .map((m) => `${m[1]}: ${m[2].trim()}`)
    .filter(
      (d) =>
        // Installation, never configuration: the empty mirror has no provider, a mirror has no signatures.
        !/^Error: Failed to query available provider packages/.test(d) &&
        !/^Error: Terraform encountered problems during initiali[sz]ation, including problems$/.test(d) &&
        !/^Warning: Incomplete lock file information for providers/.test(d),
    );
  if (init.status !== 0) {
    return { init: text, errors };
  }
  const validate = spawnSync(engine, ["validate", "-json", "-no-color"], { cwd: work, env });
  return { init: text, errors, validate: JSON.parse(`${validate.stdout}`) as Json };
}

describe.each(engines.length > 0 ? engines : ["(no terraform or tofu on this machine)"])(
  "%s loads what we write",
  (engine) => {
    const run = engines.includes(engine) ? test : test.skip;
    const cases = () =>
      stackNames().flatMap((s) => [
        [`${s} (JSON)`, path.join(jsonOut, "stacks", s)],
        [`${s} (HCL)`, path.join(hclOut, "stacks", s)],
      ]);
    run.each(cases())("%s: no configuration error or warning", (_name, dir) => {
      const result = load(engine, dir);
      expect(result.errors).toEqual([]);
      if (result.validate) {
        expect(result.validate).toEqual(expect.objectContaining({ valid: true, warning_count: 0 }));
      } else {
        // Without providers the run must have reached provider installation: the configuration was loaded.
        expect(result.init).toMatch(
          /Failed to query available provider packages|Finding .* versions matching/,
        );
      }
    });
  },
);

describe("secrets that cross stacks", () => {
  const sensitive = sensitiveFixture as unknown as { resources: Record<string, string[]> };

  /** Outputs of a stack whose value reads a sensitive attribute, by the providers' own schemas. */
  function secretOutputs(json: Json): Set<string> {
    const out = new Set<string>();
    for (const [name, o] of Object.entries((json.output ?? {}) as Record<string, { value: unknown }>)) {
      const text = JSON.stringify(o.value);
      for (const m of text.matchAll(/\b([a-z][a-z0-9_]*)\.([\w-]+)\.([a-z0-9_.]+)/g)) {
        if ((sensitive.resources[m[1]] ?? []).some((a) => m[3] === a || m[3].startsWith(`${a}.`))) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** References to another stack's secret outputs not wrapped in sensitive(), in every stack of `stacks`. */
  function unwrapped(stacks: Record<string, Json>): { found: number; bare: string[] } {
    const secrets = new Set(Object.values(stacks).flatMap((j) => [...secretOutputs(j)]));
    let found = 0;
    const bare: string[] = [];
    for (const [stack, json] of Object.entries(stacks)) {
      const text = JSON.stringify({ ...json, output: undefined });
      for (const m of text.matchAll(/data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)/g)) {
        if (!secrets.has(m[1])) continue;
        found++;
        if (!text.slice(0, m.index).endsWith("sensitive(")) {
          bare.push(`${stack}: ${m[0]}`);
        }
      }
    }
    return { found, bare };
  }

  test("every reference to another stack's secret output is wrapped in sensitive(), in resources and triggers", () => {
    const stacks = Object.fromEntries(stackNames().map((s) => [s, jsonOf(s)]));
    const { found, bare } = unwrapped(stacks);
    expect(found).toBeGreaterThanOrEqual(4); // the password, in the resource and in the trigger, per Supervisor
    expect(bare).toEqual([]);
  });

  test("the check finds an unwrapped secret (a stack that passes the password as it is)", () => {
    const producer = {
      output: { "cross-stack-output-pw": { value: "${random_password.p.result}", sensitive: true } },
    };
    const consumer = {
      resource: { x: { y: { password: "${data.terraform_remote_state.r.outputs.cross-stack-output-pw}" } } },
    };
    expect(unwrapped({ producer, consumer }).bare).toEqual([
      "consumer: data.terraform_remote_state.r.outputs.cross-stack-output-pw",
    ]);
  });
});

describe("output that moves with the project", () => {
  test("no absolute path of the synthesizing machine in any synthesized file, JSON or HCL", () => {
    const offenders: string[] = [];
    for (const out of [jsonOut, hclOut]) {
      for (const stack of fs.readdirSync(path.join(out, "stacks"))) {
        for (const f of fs.readdirSync(path.join(out, "stacks", stack))) {
          const text = fs.readFileSync(path.join(out, "stacks", stack, f), "utf8");
          for (const p of [process.cwd(), root]) {
            if (text.includes(p)) offenders.push(`${stack}/${f}: ${p}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  test("local state beside the output folder, per stack and per workspace, read from the same place", () => {
    const json = jsonOf("t1-single-workload-network-supervisor") as {
      terraform: { backend: { local: Json } };
      data: { terraform_remote_state: Record<string, { config: Json; workspace: string }> };
    };
    expect(json.terraform.backend.local).toEqual({
      path: "../../../terraform.t1-single-workload-network-supervisor.tfstate",
      workspace_dir: "../../../terraform.t1-single-workload-network-supervisor.tfstate.d",
    });
    const remote = Object.values(json.data.terraform_remote_state);
    expect(remote).toEqual([
      {
        backend: "local",
        config: {
          path: "../../../terraform.t1-single-workload-network.tfstate",
          workspace_dir: "../../../terraform.t1-single-workload-network.tfstate.d",
        },
        workspace: "${terraform.workspace}",
      },
    ]);
    const appliance = jsonOf("t1-single-workload-network") as { terraform: { backend: { local: Json } } };
    expect(appliance.terraform.backend.local).toEqual(remote[0].config);
  });
});
