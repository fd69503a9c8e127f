/**
 * A fleet of site files: a folder through the app (a stack per site and its Supervisor's, the Supervisor after
 * its site), the rules across sites refused before synthesis in site-file terms (the app, the cdktf CLI's
 * manifest, `check`), each site's state store in the blocks that use it, the secrets a store's settings refuse
 * (CFG-07), the vCenter a site without `vsphere.server` is on, and the fleet report.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCommandLine } from "../bin/command-line";
import { run } from "../lib/cli/commands";
import { ENVIRONMENT_VCENTER, fleetFindings, FleetError, vcenterOf } from "../lib/cli/site-fleet";
import { loadSiteConfig, SiteConfig, SiteConfigError } from "../lib/site/site-config";
import { siteFileRefusals } from "../lib/cli/refused-site-files";
import { siteFilesIn } from "../stacks/built-in-sites";
import { synthesizeSites } from "../lib/cli/synth-sites";

const FIXTURES = path.join(__dirname, "fixtures", "fleet");
const LAB_A = path.join(FIXTURES, "lab-a.json");
/** lab-b's namespace network ns-2 (workloadNetworks[1], line 44) reuses lab-a's subnet 192.168.120.0/24. */
const LAB_B = path.join(FIXTURES, "lab-b.json");

const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `fleet-${name}-`));

/** lab-b with ns-2 moved to a subnet of its own: a fleet with no finding across sites. */
function cleanLabB(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(LAB_B, "utf8").replace(/192\.168\.120\./g, "192.168.131.")) as Record<
    string,
    unknown
  >;
}

function writeSites(dir: string, sites: Record<string, unknown>): string[] {
  return Object.entries(sites).map(([name, value]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  });
}

function terraformFiles(out: string): string[] {
  const stacks = path.join(out, "stacks");
  return fs.existsSync(stacks)
    ? fs
        .readdirSync(stacks, { recursive: true })
        .map(String)
        .filter((f) => /cdk\.tf(\.json)?$/.test(f))
    : [];
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    colourOut: false,
    colourErr: false,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("a folder of site files through the app", () => {
  test("one stack per site and its Supervisor's, named from stackName; the Supervisor's stack depends on its site's; the fleet report beside them", () => {
    const dir = tmp("dir");
    writeSites(dir, { "lab-a.json": read(LAB_A), "lab-b.json": cleanLabB(), "notes.txt": {} });
    const out = path.join(dir, "out");
    const files = siteFilesIn(dir);
    expect(files.map((f) => path.basename(f))).toEqual(["lab-a.json", "lab-b.json"]);
    const result = synthesizeSites(files, out);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      "lab-a",
      "lab-a-supervisor",
      "lab-b",
      "lab-b-supervisor",
    ]);
    // `cdktf deploy '*'` orders stacks by these: the Supervisor after the appliance it reads.
    expect(manifest.stacks["lab-a-supervisor"].dependencies).toEqual(["lab-a"]);
    expect(manifest.stacks["lab-b-supervisor"].dependencies).toEqual(["lab-b"]);
    expect(manifest.stacks["lab-a"].dependencies).toEqual([]);
    const page = fs.readFileSync(path.join(out, "fleet.md"), "utf8");
    expect(result.out).toContain(`Fleet report: ${path.join(out, "fleet.md")}`);
    expect(page).toMatch(/^# Fleet: 2 sites\n/);
    expect(page).toContain("Across sites (FLT-01 … FLT-06): no finding.");
    expect(page).toMatch(/\| lab-a \| `[^`]*lab-a\.json` \| lab-a, lab-a-supervisor \|/);
    expect(page).toContain("192.168.131.0/24");
    expect(page).toContain("![address map of dc-east](fleet-dc-east.svg)");
    const svg = fs.readFileSync(path.join(out, "fleet-dc-east.svg"), "utf8");
    expect(svg).toContain("lab-a: wl-120");
    expect(svg).toContain("lab-b: wl-b-2");
  });

  test("--sites-dir and SITES_DIR name the folder; with --site, or SITE_CONFIG with SITES_DIR, or empty, a usage error", () => {
    expect(parseCommandLine(["--sites-dir", "sites"], {})).toEqual({ kind: "synth", dir: "sites" });
    expect(parseCommandLine([], { SITES_DIR: "sites" })).toEqual({ kind: "synth", dir: "sites" });
    expect(parseCommandLine(["--site", "a.json"], { SITES_DIR: "sites" })).toEqual({
      kind: "synth",
      files: ["a.json"],
    });
    expect(parseCommandLine(["--site", "a.json", "--sites-dir", "sites"], {})).toMatchObject({
      kind: "usage-error",
      message: expect.stringMatching(/--site and --sites-dir/),
    });
    expect(parseCommandLine([], { SITES_DIR: "sites", SITE_CONFIG: "a.json" })).toMatchObject({
      kind: "usage-error",
      message: expect.stringMatching(/SITE_CONFIG and SITES_DIR are both set/),
    });
    expect(parseCommandLine([], { SITES_DIR: " " })).toMatchObject({
      kind: "usage-error",
      message: expect.stringMatching(/^SITES_DIR " " names no folder/),
    });
    expect(parseCommandLine(["--sites-dir"], {})).toMatchObject({
      kind: "usage-error",
      message: "--sites-dir needs the folder of site files, e.g. --sites-dir stacks/sites.",
    });
    expect(() => siteFilesIn(path.join(tmp("missing"), "nope"))).toThrow(/does not exist/);
    expect(() => siteFilesIn(tmp("empty"))).toThrow(/holds no site file/);
  });
});

describe("a collision across two site files is refused before synthesis", () => {
  const EXPECTED = new RegExp(
    `^${LAB_B.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: FLT-03 workloadNetworks\\[1\\]\\.portGroup\\.cidr \\(line 44\\): site "lab-b": subnet "192\\.168\\.120\\.0/24" of port group "wl-b-2" .* overlaps subnet "192\\.168\\.120\\.0/24" of site "lab-a"'s port group "wl-120" \\([^)]*lab-a\\.json primaryWorkloadNetwork\\.portGroup, line 20\\)\\..* e\\.g\\. "192\\.168\\.121\\.0/24"`,
  );

  test("through the app: the file, line, JSON path and a fix, once; no Terraform written; the fleet report says why", () => {
    const out = path.join(tmp("app"), "out");
    const result = synthesizeSites([LAB_A, LAB_B], out);
    expect(result.code).toBe(1);
    const [message, report] = result.err;
    const lines = message.split("\n");
    expect(lines[0]).toBe("The site files have 1 problem across sites (no Terraform was written):");
    expect(lines.slice(1).map((l) => l.trim())).toEqual([expect.stringMatching(EXPECTED)]);
    expect(message).not.toMatch(/\n\s+at /);
    expect(terraformFiles(out)).toEqual([]);
    expect(report).toBe(`Fleet report: ${path.join(out, "fleet.md")}`);
    expect(fs.readFileSync(path.join(out, "fleet.md"), "utf8")).toMatch(
      /- \*\*FLT-03\*\* error `[^`]*lab-b\.json` line 44 `workloadNetworks\[1\]\.portGroup\.cidr`/,
    );
  });

  test("under the cdktf CLI: one error annotation per finding, at its site file", () => {
    const result = synthesizeSites([LAB_A, LAB_B], path.join(tmp("cli"), "out"));
    expect(result.siteConfigError).toBeInstanceOf(FleetError);
    expect(siteFileRefusals(result.siteConfigError!)).toEqual([
      {
        where: LAB_B,
        message: expect.stringMatching(
          /^FLT-03 workloadNetworks\[1\]\.portGroup\.cidr \(line 44\): site "lab-b"/,
        ),
      },
    ]);
  });

  test("through check: the same finding at lab-b.json:44 with its fix, exit 1; the clean fleet passes", async () => {
    const r = await cli(["check", LAB_A, LAB_B]);
    expect(r.code).toBe(1);
    const flt = r.out.split("\n").filter((l) => / FLT-/.test(l));
    expect(flt).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${LAB_B.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:44: error FLT-03 workloadNetworks\\[1\\]\\.portGroup\\.cidr: site "lab-b"`,
        ),
      ),
    ]);
    expect(r.out).toContain('  fix: workloadNetworks[1].portGroup.cidr = "192.168.121.0/24"');
    expect(r.out).toMatch(/across 2 sites: 1 error$/);
    // The app's finding and check's are one and the same.
    const synth = synthesizeSites([LAB_A, LAB_B], path.join(tmp("same"), "out")).err[0];
    const json = JSON.parse((await cli(["check", "--json", LAB_A, LAB_B])).out) as {
      findings: { id: string; file: string; path: string; line: number; value: unknown; message: string }[];
    };
    const found = json.findings.filter((f) => f.id.startsWith("FLT-"));
    expect(found).toEqual([
      expect.objectContaining({
        file: LAB_B,
        path: "workloadNetworks[1].portGroup.cidr",
        line: 44,
        value: "192.168.120.0/24",
      }),
    ]);
    expect(synth).toContain(`${found[0].file}: FLT-03 ${found[0].path} (line 44): ${found[0].message}`);

    const dir = tmp("clean");
    const [a, b] = writeSites(dir, { "a.json": read(LAB_A), "b.json": cleanLabB() });
    const clean = await cli(["check", a, b]);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/across 2 sites: no error$/);
  });

  test("check of several files has CFG-05: one stack name, one stack", async () => {
    const dir = tmp("cfg05");
    const [a, b] = writeSites(dir, {
      "a.json": read(LAB_A),
      "b.json": { ...cleanLabB(), stackName: "lab-a" },
    });
    const r = await cli(["check", a, b]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${b}:2: error CFG-05 stackName: stack "lab-a" is already made by ${a};`);
  });

  test("the same file twice is named twice, not a stack-name clash to rename: check and the app say so once", async () => {
    const r = await cli(["check", LAB_A, LAB_A]);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n").filter((l) => /CFG-05/.test(l));
    expect(lines).toEqual([
      `${LAB_A}:2: error CFG-05 stackName: the site file is named twice in this run, so stack "lab-a" would be made twice. Name each site file once.`,
    ]);
    const result = synthesizeSites([LAB_A, LAB_A], path.join(tmp("twice"), "out"));
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain("the site file is named twice in this run");
    expect(result.err.join("\n")).not.toContain("Rename one");
  });

  test("sites on different vCenters (vsphere.server) share nothing the vCenter-wide rules compare", () => {
    const a = read(LAB_A) as unknown as SiteConfig;
    const b = read(LAB_B) as unknown as SiteConfig;
    const on = (c: SiteConfig, server: string): SiteConfig => ({ ...c, vsphere: { ...c.vsphere, server } });
    expect(
      fleetFindings([
        { file: "a.json", config: on(a, "vc01.example.com") },
        { file: "b.json", config: on(b, "vc02.example.com") },
      ]),
    ).toEqual([]);
    // One vCenter named in two ways (case) is one vCenter.
    expect(
      fleetFindings([
        { file: "a.json", config: on(a, "VC01.example.com") },
        { file: "b.json", config: on(b, "vc01.example.com") },
      ]).map((f) => f.id),
    ).toEqual(["FLT-03"]);
  });

  test("a site without vsphere.server is on VSPHERE_SERVER's vCenter, or, unset, on the one all such sites share", () => {
    const a = read(LAB_A) as unknown as SiteConfig;
    expect(vcenterOf(a, {})).toBe(ENVIRONMENT_VCENTER);
    expect(vcenterOf(a, { VSPHERE_SERVER: "vc01.example.com" })).toBe("vc01.example.com");
    expect(vcenterOf({ ...a, vsphere: { ...a.vsphere, server: "vc02" } }, { VSPHERE_SERVER: "vc01" })).toBe(
      "vc02",
    );
    const b = read(LAB_B) as unknown as SiteConfig;
    // lab-a names vc01; lab-b takes it from VSPHERE_SERVER: the same vCenter, so the collision is found.
    const members = [
      { file: "a.json", config: { ...a, vsphere: { ...a.vsphere, server: "vc01" } } },
      { file: "b.json", config: b },
    ];
    expect(fleetFindings(members, { VSPHERE_SERVER: "vc01" }).map((f) => f.id)).toEqual(["FLT-03"]);
    expect(fleetFindings(members, { VSPHERE_SERVER: "vc02" })).toEqual([]);
  });
});

test("a plan error of site lab-2 is told at lab-2's file, not at that of lab, whose name begins its name", () => {
  const dir = tmp("prefix");
  const b = cleanLabB();
  const [a, b2] = writeSites(dir, {
    "a.json": { ...read(LAB_A), stackName: "lab" },
    "b.json": {
      ...b,
      stackName: "lab-2",
      haproxy: { ...(b.haproxy as object), virtualIpCidrs: ["192.168.130.128/33"] },
    },
  });
  const result = synthesizeSites([a, b2], path.join(dir, "out"));
  expect(result.code).toBe(1);
  const errors = result.err.slice(1, result.err.indexOf("Warnings:"));
  expect(errors.length).toBeGreaterThan(0);
  for (const line of errors) expect(line.trim().startsWith(`${b2}: `)).toBe(true);
});

describe("the site file's backend in the stacks' blocks", () => {
  function synthWith(backend: unknown, extra: Record<string, unknown> = {}) {
    const dir = tmp("backend");
    const site = { ...read(LAB_A), backend, ...extra };
    const [file] = writeSites(dir, { "site.json": site });
    const out = path.join(dir, "out");
    const result = synthesizeSites([file], out);
    expect(result.err).toEqual([]);
    const stack = (name: string) =>
      JSON.parse(fs.readFileSync(path.join(out, "stacks", name, "cdk.tf.json"), "utf8")) as {
        terraform: { backend?: Record<string, unknown>; cloud?: unknown };
        data: {
          terraform_remote_state: Record<string, { backend: string; config: Record<string, unknown> }>;
        };
        provider: { vsphere: Record<string, unknown>[] };
      };
    const supervisor = stack("lab-a-supervisor");
    return {
      site: stack("lab-a"),
      supervisor,
      remote: supervisor.data.terraform_remote_state["cross-stack-reference-input-lab-a"],
    };
  }

  test("none: the local store in the project, as before", () => {
    const { site, remote } = synthWith(undefined);
    expect(site.terraform.backend).toEqual({
      local: {
        path: "../../../terraform.lab-a.tfstate",
        workspace_dir: "../../../terraform.lab-a.tfstate.d",
      },
    });
    expect(remote.backend).toBe("local");
  });

  test("pg: a schema per stack, the Supervisor reading the appliance's schema, no connection string", () => {
    const { site, supervisor, remote } = synthWith({ type: "pg", schemaPrefix: "tanzu_" });
    expect(site.terraform.backend).toEqual({ pg: { schema_name: "tanzu_lab-a" } });
    expect(supervisor.terraform.backend).toEqual({ pg: { schema_name: "tanzu_lab-a-supervisor" } });
    expect(remote).toEqual(
      expect.objectContaining({ backend: "pg", config: { schema_name: "tanzu_lab-a" } }),
    );
  });

  test("s3 on premises: bucket, key per stack, endpoint, path-style, lock file, in both stacks and the remote state", () => {
    const { site, supervisor, remote } = synthWith({
      type: "s3",
      bucket: "tfstate",
      keyPrefix: "tanzu/",
      endpoint: "https://minio.example.com:9000",
      useLockfile: true,
    });
    const expected = (key: string) =>
      expect.objectContaining({
        bucket: "tfstate",
        key,
        endpoints: { s3: "https://minio.example.com:9000" },
        use_path_style: true,
        use_lockfile: true,
        region: "us-east-1",
      });
    expect(site.terraform.backend?.s3).toEqual(expected("tanzu/lab-a/terraform.tfstate"));
    expect(supervisor.terraform.backend?.s3).toEqual(expected("tanzu/lab-a-supervisor/terraform.tfstate"));
    expect(remote.backend).toBe("s3");
    expect(remote.config).toEqual(
      expect.objectContaining({ bucket: "tfstate", key: "tanzu/lab-a/terraform.tfstate" }),
    );
  });

  test("cloud: a workspace per stack in the organization; the Supervisor reads the appliance's workspace", () => {
    const { site, supervisor, remote } = synthWith({
      type: "cloud",
      organization: "acme",
      workspacePrefix: "tanzu-",
      project: "vsphere",
    });
    expect(site.terraform.cloud).toEqual(
      expect.objectContaining({
        organization: "acme",
        workspaces: { name: "tanzu-lab-a", project: "vsphere" },
      }),
    );
    expect(supervisor.terraform.cloud).toEqual(
      expect.objectContaining({ workspaces: { name: "tanzu-lab-a-supervisor", project: "vsphere" } }),
    );
    expect(remote.backend).toBe("remote");
    expect(remote.config).toEqual(
      expect.objectContaining({ organization: "acme", workspaces: { name: "tanzu-lab-a" } }),
    );
  });

  test("vsphere.server names the vCenter in both stacks' provider blocks; without it the blocks stay empty", () => {
    const withServer = synthWith(undefined, {
      vsphere: { ...(read(LAB_A).vsphere as object), server: "vc01.example.com" },
    });
    expect(withServer.site.provider.vsphere).toEqual([{ vsphere_server: "vc01.example.com" }]);
    expect(withServer.supervisor.provider.vsphere).toEqual([{ vsphere_server: "vc01.example.com" }]);
    expect(synthWith(undefined).site.provider.vsphere).toEqual([{}]);
  });
});

describe("CFG-07: a secret in the site file's backend is refused, with where Terraform reads it", () => {
  test.each([
    ["pg", "connStr", "PG_CONN_STR"],
    ["pg", "conn_str", "PG_CONN_STR"],
    ["s3", "accessKey", "AWS_ACCESS_KEY_ID"],
    ["s3", "access_key", "AWS_ACCESS_KEY_ID"],
    ["s3", "secretKey", "AWS_SECRET_ACCESS_KEY"],
    ["s3", "secret_key", "AWS_SECRET_ACCESS_KEY"],
    ["s3", "token", "AWS_SESSION_TOKEN"],
    ["s3", "sseCustomerKey", "AWS_SSE_CUSTOMER_KEY"],
    ["s3", "sse_customer_key", "AWS_SSE_CUSTOMER_KEY"],
    ["cloud", "token", "TF_TOKEN_<host> or `terraform login`"],
  ])("%s with %s: CFG-07 at its line, read from %s", (type, key, from) => {
    const settings: Record<string, Record<string, string>> = {
      pg: {},
      s3: { bucket: "tfstate" },
      cloud: { organization: "acme" },
    };
    const dir = tmp("cfg07");
    const [file] = writeSites(dir, {
      "site.json": { ...read(LAB_A), backend: { type, ...settings[type], [key]: "s3cr3t" } },
    });
    let error: unknown;
    try {
      loadSiteConfig(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SiteConfigError);
    const problems = (error as SiteConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^CFG-07 backend\\.${key} \\(line \\d+\\): a secret in the backend's settings`),
      ),
    ]);
    expect(problems[0]).toContain(`Terraform reads it from ${from} at init.`);
    expect(problems[0]).not.toContain("s3cr3t");
    const line = Number(/\(line (\d+)\)/.exec(problems[0])![1]);
    expect(fs.readFileSync(file, "utf8").split("\n")[line - 1]).toContain(`"${key}"`);
  });

  test("a store type the schema does not know, and a missing bucket, are CFG-02 with what they take", () => {
    const dir = tmp("cfg02");
    const [unknown, noBucket] = writeSites(dir, {
      "a.json": { ...read(LAB_A), backend: { type: "consul" } },
      "b.json": { ...read(LAB_A), backend: { type: "s3" } },
    });
    expect(() => loadSiteConfig(unknown)).toThrow(
      /CFG-02 backend\.type \(line \d+\): "consul" is not one of "local", "pg", "s3", "cloud"\./,
    );
    expect(() => loadSiteConfig(noBucket)).toThrow(
      /CFG-02 backend\.bucket \(in the object at line \d+\): missing; it must be a string\./,
    );
  });
});

test("a backend with an empty organization or bucket, or an endpoint that is no http(s) URL, is CFG-02 at its line with what it takes", () => {
  const dir = tmp("backend-values");
  const [org, endpoint, bucket] = writeSites(dir, {
    "org.json": { ...read(LAB_A), backend: { type: "cloud", organization: "" } },
    "endpoint.json": { ...read(LAB_A), backend: { type: "s3", bucket: "b", endpoint: "not a url" } },
    "bucket.json": { ...read(LAB_A), backend: { type: "s3", bucket: "" } },
  });
  const lineOf = (file: string, text: string) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .findIndex((l) => l.includes(text)) + 1;
  expect(() => loadSiteConfig(org)).toThrow(
    `CFG-02 backend.organization (line ${lineOf(org, '"organization"')}): "" is empty; give the HCP Terraform or Terraform Enterprise organization's name.`,
  );
  expect(() => loadSiteConfig(endpoint)).toThrow(
    `CFG-02 backend.endpoint (line ${lineOf(endpoint, '"endpoint"')}): "not a url" is not an http(s) URL; give the store's S3 API URL, e.g. "https://minio.example.com:9000".`,
  );
  expect(() => loadSiteConfig(bucket)).toThrow(
    `CFG-02 backend.bucket (line ${lineOf(bucket, '"bucket"')}): "" is empty; give the name of an existing bucket.`,
  );
  const [fixed] = writeSites(dir, {
    "fixed.json": {
      ...read(LAB_A),
      backend: { type: "s3", bucket: "b", endpoint: "https://minio.example.com:9000" },
    },
  });
  expect(() => loadSiteConfig(fixed)).not.toThrow();
});

describe("report --fleet", () => {
  test("a folder: fleet.md and a map per routing domain; exit 1 with the collision listed", async () => {
    const dir = tmp("report");
    writeSites(dir, { "lab-a.json": read(LAB_A), "lab-b.json": read(LAB_B) });
    const out = path.join(dir, "report");
    const r = await cli(["report", "--fleet", dir, "--out", out]);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(["fleet-dc-east.svg", "fleet.md"]);
    const page = fs.readFileSync(path.join(out, "fleet.md"), "utf8");
    expect(page).toContain("Across sites (FLT-01 … FLT-06): **1 error**");
    expect(page).toMatch(/\| lab-b \| .* \| 1 \|$/m);
    expect(r.err).toContain("across 2 sites: 1 error");
  });
});
