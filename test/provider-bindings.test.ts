import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Supervisor } from "../lib/constructs/supervisor";
import { HaproxyLoadBalancer } from "../lib/constructs/haproxy-load-balancer";
import { parseProviderRelease, providerSource } from "../lib/model/provider-release";
import {
  bindingFolder,
  committedSchema,
  fqpnOf,
  generateBinding,
  PinnedRelease,
  pinnedReleases,
  rewriteCoreModule,
  terraformSchema,
} from "../scripts/generate-bindings";
import { CDKTN_PACKAGE, rewriteForCdktn } from "../scripts/build-cdktn";

// Module names built from parts, so that the cdktn build (which rewrites this file too) leaves the inputs alone.
const core = "cdktf";
const provider = "@cdktf/provider-";
const releases = pinnedReleases();
const release = (source: string) => releases.find((r) => r.source === source) as PinnedRelease;

/** The release a prebuilt @cdktf/provider-* package was generated from (its provider class's metadata). */
function prebuiltRelease(name: string): string | undefined {
  const file = require.resolve(`@cdktf/provider-${name}/lib/provider/index.js`);
  return /providerVersion: '([^']+)'/.exec(fs.readFileSync(file, "utf8"))?.[1];
}

describe("the pinned provider releases (providers/releases.json)", () => {
  test("the appliance's vsphere binding is the release and registry address the appliance's stacks pin", () => {
    const pin = HaproxyLoadBalancer.DEFAULT_VSPHERE_PROVIDER_VERSION;
    const appliance = releases.find((r) => r.name === "vsphere" && r.version === pin) as PinnedRelease;
    expect(appliance).toBeDefined();
    expect(appliance.source).toBe(providerSource(parseProviderRelease(pin)!));
  });

  test("the Supervisor's vsphere binding is the release and registry address the Supervisor's stack pins", () => {
    const pin = Supervisor.PROVIDER_VERSION;
    const supervisor = releases.find((r) => r.name === "vsphere" && r.version === pin) as PinnedRelease;
    expect(supervisor).toBeDefined();
    expect(supervisor.source).toBe(providerSource(parseProviderRelease(pin)!));
    expect(supervisor.files).toContain("lib/site/supervisor-stack.ts");
  });

  test.each(["http", "random", "tls"])(
    "%s is the release the cdktf package's prebuilt binding was generated from",
    (name) => {
      const pinned = releases.filter((r) => r.name === name);
      expect(pinned).toHaveLength(1);
      expect(pinned[0].version).toBe(prebuiltRelease(name));
    },
  );

  test.each(releases.map((r) => [`${r.source} ${r.version}`, r] as const))(
    "the committed schema of %s holds that provider and nothing else",
    (_name, r) => {
      const schema = committedSchema(r);
      expect(Object.keys(schema.provider_schemas ?? {})).toEqual([fqpnOf(r)]);
      expect(r.schema).toBe(`${bindingFolder(r)}.json`);
    },
  );

  test("vsphere_supervisor_v2 is in the Supervisor's release and not in the appliance's", () => {
    const has = (source: string) =>
      "vsphere_supervisor_v2" in
      (committedSchema(release(source)).provider_schemas?.[`registry.terraform.io/${source}`]
        ?.resource_schemas ?? {});
    expect(has("vmware/vsphere")).toBe(true);
    expect(has("hashicorp/vsphere")).toBe(false);
  });
});

describe("generated bindings", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bindings-test-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the http binding names the exact release and its registry source, and imports cdktn", async () => {
    const http = release("hashicorp/http");
    const files = await generateBinding(http, committedSchema(http), path.join(dir, "cdktn"), "cdktn");
    expect(files).toBeGreaterThan(1);
    const provider = fs.readFileSync(path.join(dir, "cdktn", "provider", "index.ts"), "utf8");
    expect(provider).toContain("terraformProviderSource: 'hashicorp/http'");
    expect(provider).toContain("providerVersion: '3.5.0'");
    expect(provider).toContain("providerVersionConstraint: '3.5.0'");
    expect(provider).toContain("import * as cdktn from 'cdktn';");
    expect(fs.existsSync(path.join(dir, "cdktn", "data-http", "index.ts"))).toBe(true);
  });

  test("the same binding for cdktf imports cdktf and nothing of cdktn", async () => {
    const http = release("hashicorp/http");
    await generateBinding(http, committedSchema(http), path.join(dir, "cdktf"), "cdktf");
    const text = fs.readFileSync(path.join(dir, "cdktf", "data-http", "index.ts"), "utf8");
    expect(text).toContain(`import * as cdktn from '${core}';`);
    expect(text).not.toMatch(/from 'cdktn'/);
  });
});

describe("the schema from terraform, on a machine that can install providers", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bindings-terraform-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * A stand-in for `terraform`: `init` records the configuration's provider, `version -json` selects `selected`,
   * `providers schema -json` prints the committed schema of that provider; every call is logged.
   */
  function standIn(selected: string): string {
    const file = path.join(dir, `terraform-${selected}`);
    const schemas = path.join(__dirname, "..", "providers", "schemas");
    fs.writeFileSync(
      file,
      `#!/usr/bin/env node
const fs = require("fs");
fs.appendFileSync(${JSON.stringify(path.join(dir, "calls.log"))}, process.argv.slice(2).join(" ") + "\\n");
const config = JSON.parse(fs.readFileSync("main.tf.json", "utf8")).terraform.required_providers;
const [name, req] = Object.entries(config)[0];
const fqpn = "registry.terraform.io/" + req.source;
const args = process.argv.slice(2).join(" ");
if (args.startsWith("init")) process.exit(0);
if (args === "version -json") console.log(JSON.stringify({ provider_selections: { [fqpn]: ${JSON.stringify(selected)} } }));
if (args === "providers schema -json")
  process.stdout.write(fs.readFileSync(${JSON.stringify(schemas)} + "/" + req.source.replace("/", "-") + "-" + req.version + ".json", "utf8"));
`,
    );
    fs.chmodSync(file, 0o755);
    return file;
  }

  test("runs init, checks the selected release and returns the printed schema", () => {
    const tls = release("hashicorp/tls");
    const schema = terraformSchema(tls, standIn("4.1.0"));
    expect(schema).toEqual(committedSchema(tls));
    expect(fs.readFileSync(path.join(dir, "calls.log"), "utf8").split("\n")).toEqual([
      "init -input=false -backend=false -no-color",
      "version -json",
      "providers schema -json",
      "",
    ]);
  });

  test("another release than the pinned one stops generation, naming both", () => {
    expect(() => terraformSchema(release("hashicorp/tls"), standIn("4.0.6"))).toThrow(
      "terraform init selected registry.terraform.io/hashicorp/tls 4.0.6, expected 4.1.0",
    );
  });
});

describe("the cdktn flavour of a source file", () => {
  const source = [
    `import { VirtualMachine } from "${provider}vsphere/lib/virtual-machine";`,
    `import { Password } from "${provider}random/lib/password";`,
    `import { Fn, TerraformStack } from "${core}";`,
    `import "${core}/lib/testing/adapters/jest";`,
    `const lib = require("${core}");`,
    `const manifest = require.resolve("${core}/package.json");`,
  ].join("\n");

  test("an appliance file gets cdktn and the 2.5.1 bindings, by relative path", () => {
    expect(rewriteForCdktn("lib/constructs/haproxy-load-balancer.ts", source, releases).split("\n")).toEqual([
      'import { VirtualMachine } from "../../providers/gen/hashicorp-vsphere-2.5.1/virtual-machine";',
      'import { Password } from "../../providers/gen/hashicorp-random-3.7.2/password";',
      'import { Fn, TerraformStack } from "cdktn";',
      'import "cdktn/lib/testing/adapters/jest";',
      'const lib = require("cdktn");',
      'const manifest = require.resolve("cdktn/package.json");',
    ]);
  });

  test("the Supervisor's stack gets the 2.16.1 bindings", () => {
    const out = rewriteForCdktn("lib/site/supervisor-stack.ts", source, releases);
    expect(out).toContain('"../../providers/gen/vmware-vsphere-2.16.1/virtual-machine"');
  });

  test("a provider no release pins stops the build, naming the file", () => {
    expect(() => rewriteForCdktn("lib/x.ts", `import { A } from "${provider}aws/lib/a";`, releases)).toThrow(
      "lib/x.ts imports @cdktf/provider-aws, which providers/releases.json does not pin",
    );
  });

  test("the package names its own catalogue and schema", () => {
    const rules = rewriteForCdktn(
      "lib/constructs/rules-document.ts",
      'const PACKAGE = "tanzu-haproxy-network";',
      releases,
    );
    expect(rules).toBe(`const PACKAGE = "${CDKTN_PACKAGE}";`);
    expect(() => rewriteForCdktn("lib/constructs/rules-document.ts", "nothing here", releases)).toThrow(
      /found it 0 times/,
    );
  });

  test("a module whose name only starts with cdktf is left alone", () => {
    expect(rewriteCoreModule('import x from "cdktf-cli";', "cdktf", "cdktn")).toBe(
      'import x from "cdktf-cli";',
    );
  });
});
