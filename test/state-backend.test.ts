/**
 * StateBackend: each store's block as synthesized, the cross-stack read through the same store, the secret that
 * crosses stacks marked sensitive, and no secret or machine path in any file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, DataResource, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { StateBackend, StateBackendType } from "../lib";
import { PropsError } from "../lib/model/props-error";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A producer with a sensitive value and a consumer reading it by cross-stack reference, both on `state`. */
function synthPair(state: StateBackend): { producer: Json; consumer: Json; files: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "state-backend-"));
  const app = new App({ outdir });
  const producer = new TerraformStack(app, "site-a");
  state.applyTo(producer);
  const secret = new TerraformVariable(producer, "password", { type: "string", sensitive: true });
  const vm = new DataResource(producer, "vm", { input: { name: "haproxy-a" } });
  const consumer = new TerraformStack(app, "site-a-supervisor");
  state.applyTo(consumer);
  new DataResource(consumer, "enable", { input: { password: Fn.sensitive(secret.stringValue), vm: vm.id } });
  new TerraformOutput(consumer, "vm", { value: vm.id });
  app.synth();
  const read = (s: string) =>
    JSON.parse(fs.readFileSync(path.join(outdir, "stacks", s, "cdk.tf.json"), "utf8")) as Json;
  const files = ["site-a", "site-a-supervisor"]
    .map((s) => fs.readFileSync(path.join(outdir, "stacks", s, "cdk.tf.json"), "utf8"))
    .join("\n");
  return { producer: read("site-a"), consumer: read("site-a-supervisor"), files };
}

/** The consumer's one terraform_remote_state. */
function remoteState(consumer: Json): Json {
  const all = Object.values(consumer.data.terraform_remote_state as Json);
  expect(all).toHaveLength(1);
  return all[0] as Json;
}

describe("the stores", () => {
  test("local: paths relative to the project, the reader's path the producer's, no path of this machine", () => {
    const { producer, consumer, files } = synthPair(StateBackend.local());
    expect(producer.terraform.backend.local).toEqual({
      path: "../../../terraform.site-a.tfstate",
      workspace_dir: "../../../terraform.site-a.tfstate.d",
    });
    expect(remoteState(consumer)).toEqual(
      expect.objectContaining({
        backend: "local",
        workspace: "${terraform.workspace}",
        config: {
          path: "../../../terraform.site-a.tfstate",
          workspace_dir: "../../../terraform.site-a.tfstate.d",
        },
      }),
    );
    expect(files).not.toContain(process.cwd());
    expect(StateBackend.local().placeOfStack("site-a")).toBe("terraform.site-a.tfstate");
  });

  test("pg: a schema per stack, no connection string anywhere, the reader on the producer's schema", () => {
    const state = StateBackend.pg({ schemaPrefix: "tanzu_" });
    const { producer, consumer, files } = synthPair(state);
    expect(state.backendType).toBe(StateBackendType.PG);
    expect(producer.terraform.backend).toEqual({ pg: { schema_name: "tanzu_site-a" } });
    expect(consumer.terraform.backend).toEqual({ pg: { schema_name: "tanzu_site-a-supervisor" } });
    expect(remoteState(consumer)).toEqual(
      expect.objectContaining({
        backend: "pg",
        workspace: "${terraform.workspace}",
        config: { schema_name: "tanzu_site-a" },
      }),
    );
    expect(files).not.toMatch(/conn_str|postgres:\/\//);
  });

  test("s3 on an on-premises store: endpoints.s3, path-style, lock file, AWS-only checks off, the reader on the producer's key", () => {
    const state = StateBackend.s3({
      bucket: "tfstate",
      keyPrefix: "tanzu/",
      endpoint: "https://minio.example.com:9000",
    });
    const { producer, consumer } = synthPair(state);
    const onPremises = {
      bucket: "tfstate",
      region: "us-east-1",
      endpoints: { s3: "https://minio.example.com:9000" },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    };
    expect(producer.terraform.backend.s3).toEqual({
      ...onPremises,
      key: "tanzu/site-a/terraform.tfstate",
      use_lockfile: true,
    });
    expect(remoteState(consumer)).toEqual(
      expect.objectContaining({
        backend: "s3",
        config: { ...onPremises, key: "tanzu/site-a/terraform.tfstate" },
      }),
    );
    expect(state.placeOfStack("lab")).toBe("tanzu/lab/terraform.tfstate");
  });

  test("s3 on AWS: virtual-host style, the region from the environment when not given", () => {
    const { producer } = synthPair(StateBackend.s3({ bucket: "tfstate", useLockfile: false }));
    expect(producer.terraform.backend.s3).toEqual({
      bucket: "tfstate",
      key: "site-a/terraform.tfstate",
      use_path_style: false,
      use_lockfile: false,
    });
  });

  test("cloud: a workspace per stack; the reader uses the remote backend on the producer's workspace", () => {
    const { producer, consumer } = synthPair(
      StateBackend.cloud({ organization: "acme", workspacePrefix: "tanzu-", project: "vsphere" }),
    );
    expect(producer.terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "tanzu-site-a", project: "vsphere" },
    });
    expect(remoteState(consumer)).toEqual(
      expect.objectContaining({
        backend: "remote",
        config: { organization: "acme", workspaces: { name: "tanzu-site-a" } },
      }),
    );
  });

  test.each([
    ["local", StateBackend.local()],
    ["pg", StateBackend.pg()],
    ["s3", StateBackend.s3({ bucket: "b", endpoint: "http://127.0.0.1:9000" })],
    ["cloud", StateBackend.cloud({ organization: "acme" })],
  ])("%s: the value crossing stacks is a sensitive output of the producer", (_name, state) => {
    const { producer, consumer } = synthPair(state);
    const crossing = Object.entries(producer.output as Json).filter(([k]) =>
      k.startsWith("cross-stack-output-"),
    );
    expect(crossing.length).toBeGreaterThan(0);
    for (const [, o] of crossing) {
      expect(o.sensitive).toBe(true);
    }
    // terraform_remote_state drops the mark; sensitive() in the reader restores it (test/pg-backend.test.ts runs it).
    expect(JSON.stringify(consumer.resource.terraform_data)).toMatch(
      /sensitive\(data\.terraform_remote_state\./,
    );
  });
});

describe("refusals", () => {
  test.each([
    ["pg", () => StateBackend.pg({ connStr: "postgres://u:p@db/x" } as never), "connStr", "PG_CONN_STR"],
    [
      "s3",
      () => StateBackend.s3({ bucket: "b", secretKey: "k" } as never),
      "secretKey",
      "AWS_SECRET_ACCESS_KEY",
    ],
    ["cloud", () => StateBackend.cloud({ organization: "o", token: "t" } as never), "token", "TF_TOKEN_"],
  ])(
    "%s: a secret in the settings is CFG-07, naming the prop and where Terraform reads it",
    (_n, make, prop, env) => {
      expect(make).toThrow(`CFG-07 ${prop}: a secret in the backend's settings`);
      expect(make).toThrow(env);
    },
  );

  /** The problems of the PropsError a factory call throws (none when it throws none or another error). */
  function problemsOf(make: () => unknown): string[] {
    try {
      make();
    } catch (e) {
      expect(e).toBeInstanceOf(PropsError);
      expect((e as Error).stack).not.toMatch(/\n\s+at /);
      return (e as PropsError).problems;
    }
    return [];
  }

  test.each([
    [
      "s3({})",
      () => StateBackend.s3({} as never),
      ["CFG-02 bucket: missing; give a string: the name of an existing bucket."],
    ],
    [
      "cloud({})",
      () => StateBackend.cloud({} as never),
      [
        "CFG-02 organization: missing; give a string: the HCP Terraform or Terraform Enterprise organization's name.",
      ],
    ],
    [
      "pg({ schemaPrefix: 5 })",
      () => StateBackend.pg({ schemaPrefix: 5 } as never),
      ['CFG-02 schemaPrefix: 5 is a number; give a string. Did you mean "5"?'],
    ],
    [
      "pg({ schemaPrefx })",
      () => StateBackend.pg({ schemaPrefx: "tanzu_" } as never),
      ['CFG-01 schemaPrefx: unknown prop "schemaPrefx". Did you mean "schemaPrefix"?'],
    ],
    [
      "s3({ keyPrefx })",
      () => StateBackend.s3({ bucket: "b", keyPrefx: "tanzu/" } as never),
      ['CFG-01 keyPrefx: unknown prop "keyPrefx". Did you mean "keyPrefix"?'],
    ],
    [
      "s3(undefined)",
      () => StateBackend.s3(undefined as never),
      ["CFG-02 props: missing; give an object with bucket."],
    ],
    [
      'cloud({ organization: "" })',
      () => StateBackend.cloud({ organization: "" }),
      [
        'CFG-02 organization: "" is empty; give the HCP Terraform or Terraform Enterprise organization\'s name.',
      ],
    ],
    [
      's3({ endpoint: "not a url" })',
      () => StateBackend.s3({ bucket: "b", endpoint: "not a url" }),
      [
        'CFG-02 endpoint: "not a url" is not an http(s) URL; give the store\'s S3 API URL, e.g. "https://minio.example.com:9000".',
      ],
    ],
    [
      "s3 with a secret and a typo: both, at once",
      () => StateBackend.s3({ bucket: "b", secretKey: "k", regin: "eu" } as never),
      [
        expect.stringMatching(/^CFG-07 secretKey: /),
        'CFG-01 regin: unknown prop "regin". Did you mean "region"?',
      ],
    ],
  ])(
    "%s: a PropsError at StateBackend.<factory>, every problem with its fix, no TypeError",
    (_n, make, expected) => {
      expect(problemsOf(make)).toEqual(expected);
    },
  );

  test("the fixes the errors propose make a store", () => {
    expect(problemsOf(() => StateBackend.pg({ schemaPrefix: "5" }))).toEqual([]);
    expect(problemsOf(() => StateBackend.s3({ bucket: "b", keyPrefix: "tanzu/", region: "eu" }))).toEqual([]);
    expect(
      problemsOf(() => StateBackend.s3({ bucket: "b", endpoint: "https://minio.example.com:9000" })),
    ).toEqual([]);
  });

  test("pg: a schema name longer than PostgreSQL keeps is CFG-04", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "state-backend-")) });
    const stack = new TerraformStack(app, "site-a");
    const prefix = "p".repeat(60);
    expect(() => StateBackend.pg({ schemaPrefix: prefix }).applyTo(stack)).toThrow(
      `CFG-04 schemaPrefix: schema "${prefix}site-a" is 66 bytes; PostgreSQL keeps 63`,
    );
  });

  test("cloud: a workspace name HCP Terraform refuses is CFG-04 with a name it takes", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "state-backend-")) });
    const stack = new TerraformStack(app, "site-a");
    expect(() => StateBackend.cloud({ organization: "o", workspacePrefix: "tanzu/" }).applyTo(stack)).toThrow(
      'workspace "tanzu/site-a" is not a workspace name (letters, digits, "-" and "_", at most 90). Use e.g. "tanzu-site-a".',
    );
  });
});
