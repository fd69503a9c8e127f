/**
 * The JSON Schema of site files (schema/site.schema.json): generated from the zod schema the reader parses with,
 * valid draft-07 (what VS Code's JSON language service supports fully), accepting every example and refusing what
 * the reader refuses as CFG-01 or CFG-02, at the same JSON path.
 */
import Ajv, { ErrorObject } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { HaproxyLoadBalancer, Supervisor } from "../lib";
import { checkSiteConfig, loadSiteConfig } from "../lib/site/site-config";
import { DESCRIBED_DEFAULTS, siteJsonSchemaText } from "../lib/site/site-schema";
import { builtInSiteFiles } from "../stacks/built-in-sites";

const ROOT = path.join(__dirname, "..");
const SCHEMA_FILE = path.join(ROOT, "schema", "site.schema.json");
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The example site files and the valid fixtures, each with its `$schema`. */
const EXAMPLES = [
  ...builtInSiteFiles(),
  path.join(ROOT, "examples", "site-rules", "site.json"),
  path.join(__dirname, "fixtures", "site-files", "every-key.json"),
];

type Json = Record<string, Record<string, unknown> & { [k: string]: unknown }>;
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Json;
const t1 = () => read(builtInSiteFiles()[0]);
const t4 = () => read(builtInSiteFiles()[3]);

/** Ajv's errors as JSON paths like the reader's (`haproxy.fronendIp`, `vsphere.datastore`, `""` for the file). */
function ajvPaths(errors: ErrorObject[] | null | undefined): string[] {
  const paths = (errors ?? []).map((e) => {
    const at = e.instancePath
      .split("/")
      .slice(1)
      .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
      .join("")
      .replace(/^\./, "");
    const key =
      e.keyword === "additionalProperties"
        ? (e.params as { additionalProperty: string }).additionalProperty
        : e.keyword === "required"
          ? (e.params as { missingProperty: string }).missingProperty
          : undefined;
    if (key === undefined) return at.replace(/\[\d+\]$/, ""); // an item of a list of strings: the list
    return at ? `${at}.${key}` : key;
  });
  return [...new Set(paths)].sort();
}

/** The JSON paths of the reader's CFG-01 and CFG-02 lines (`""` for the file). */
function readerPaths(problems: string[]): string[] {
  const at = (p: string) =>
    /^CFG-0[12] \(line/.test(p) ? "" : (/^CFG-0[12] ([^\s:]+)/.exec(p)?.[1] ?? `not CFG-01/02: ${p}`);
  return [...new Set(problems.map(at))].sort();
}

/** The keys a CFG-01 line proposes (`Did you mean "managementIp"?`, `this key is now "virtualIpCidrs"`), as paths. */
function proposedPaths(problems: string[]): string[] {
  return problems.flatMap((p) => {
    const m = /^CFG-01 ([^\s:]+): .*(?:Did you mean|this key is now) "([^"]+)"/.exec(p);
    return m ? [m[1].replace(/[^.]+$/, m[2])] : [];
  });
}

/**
 * Zod and the JSON Schema agree: the schema refuses the value at every place the reader names, and at no other
 * place than those and the keys the reader's CFG-01 lines propose (one mistake, one line: a misspelt required key
 * is not also reported missing by the reader, as it is by the schema).
 */
function expectSamePlaces(value: unknown, problems: string[]): void {
  expect(validate(value)).toBe(false);
  const schemaPaths = ajvPaths(validate.errors);
  expect(schemaPaths).toEqual(expect.arrayContaining(readerPaths(problems)));
  expect([...readerPaths(problems), ...proposedPaths(problems)]).toEqual(expect.arrayContaining(schemaPaths));
}

describe("the JSON Schema of site files", () => {
  test("schema/site.schema.json is what the zod schema generates (run `npm run schema` after changing it)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(siteJsonSchemaText());
  });

  test("it is draft-07, valid against draft-07's meta-schema, and shipped in the package", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const ajv = new Ajv();
    expect(ajv.validateSchema(schema)).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain("schema/site.schema.json");
    expect(pkg.exports["./schema/site.schema.json"]).toBe("./schema/site.schema.json");
  });

  test("every key carries a description, every object refuses unknown keys, and choices are enums", () => {
    const undescribed: string[] = [];
    const open: string[] = [];
    const walk = (node: Record<string, unknown>, at: string) => {
      if (typeof node.description !== "string" || node.description.length < 10)
        undescribed.push(at || "(file)");
      if (node.type === "object" && node.additionalProperties !== false) open.push(at || "(file)");
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>))
        walk(v, at ? `${at}.${k}` : k);
      // The items of a list of strings or numbers are described by the list; those of a list of objects too.
      const items = node.items as Record<string, unknown> | undefined;
      if (items?.type === "object") walk(items, `${at}[]`);
    };
    walk(schema, "");
    expect(undescribed).toEqual([]);
    expect(open).toEqual([]);
    const props = schema.properties as Record<string, { properties: Record<string, { enum?: string[] }> }>;
    expect(props.haproxy.properties.mode.enum).toEqual(["default", "frontend"]);
    expect(props.supervisor.properties.enablement.enum).toEqual(["terraform", "request-body"]);
    expect(props.supervisor.properties.controlPlaneSize.enum).toEqual(["TINY", "SMALL", "MEDIUM", "LARGE"]);
    expect(props.supervisor.properties.protection.enum).toEqual(["prevent", "allow"]);
    const siteRules = schema.properties as Record<
      string,
      { items?: { properties: Record<string, { enum?: string[] }> } }
    >;
    expect(siteRules.siteRules.items?.properties.severity.enum).toEqual(["error", "warn"]);
  });

  test("the defaults the descriptions name are the constructs' defaults", () => {
    expect(DESCRIBED_DEFAULTS).toEqual({
      hostname: HaproxyLoadBalancer.DEFAULT_HOSTNAME,
      nameservers: [...HaproxyLoadBalancer.DEFAULT_NAMESERVERS],
      dataplanePort: HaproxyLoadBalancer.DEFAULT_DATAPLANE_PORT,
      dataplaneUser: HaproxyLoadBalancer.DEFAULT_DATAPLANE_USER,
      serviceCidr: Supervisor.DEFAULT_SERVICE_CIDR,
    });
  });

  test.each(EXAMPLES.map((f) => [path.relative(ROOT, f)]))(
    "%s points at the schema with its $schema, and both the schema and the reader accept it",
    (file) => {
      const value = read(path.join(ROOT, file));
      expect(path.resolve(path.dirname(path.join(ROOT, file)), value.$schema as unknown as string)).toBe(
        SCHEMA_FILE,
      );
      expect(validate(value) ? [] : validate.errors).toEqual([]);
      expect(checkSiteConfig(value)).toEqual([]);
      expect(() => loadSiteConfig(path.join(ROOT, file))).not.toThrow();
    },
  );

  test("the every-key fixture gives every key the schema declares", () => {
    const missing: string[] = [];
    // Every value given at a place of the schema (all items of a list): a key is given when one of them has it.
    const walk = (node: Record<string, unknown>, values: unknown[], at: string) => {
      if (node.items) return walk(node.items as Record<string, unknown>, values.flat(), `${at}[]`);
      for (const [k, v] of Object.entries(
        (node.properties ?? {}) as Record<string, Record<string, unknown>>,
      )) {
        const children = values.map((o) => (o as Record<string, unknown>)[k]).filter((c) => c !== undefined);
        if (children.length === 0) missing.push(at ? `${at}.${k}` : k);
        else walk(v, children, at ? `${at}.${k}` : k);
      }
    };
    walk(schema, [read(EXAMPLES[EXAMPLES.length - 1])], "");
    // Exactly one of url and localPath (CFG-02): the other is in test/site-config-ova.test.ts. One load balancer
    // (CFG-02): the appliance here; supervisor.loadBalancer's keys are in the T5 and T6 examples.
    expect(missing).toEqual(["haproxy.ova.localPath", "supervisor.loadBalancer"]);
  });

  const REFUSED: [string, () => unknown, string[]][] = [
    [
      "an unknown key",
      () => ({ ...t1(), colour: "blue" }),
      [
        'CFG-01 colour: unknown key "colour". Known keys: $schema, stackName, description, routingDomain, backend, vsphere, managementNetwork, supervisorManagementStartIp, primaryWorkloadNetwork, workloadNetworks, frontendNetwork, haproxy, supervisor, acknowledge, siteRules.',
      ],
    ],
    [
      "a misspelt key",
      () => {
        const c = t1();
        c.haproxy.fronendIp = "192.168.130.5";
        return c;
      },
      ['CFG-01 haproxy.fronendIp: unknown key "fronendIp". Did you mean "frontendIp"?'],
    ],
    [
      "a renamed key",
      () => {
        const c = t1();
        c.haproxy.virtualIpRanges = c.haproxy.virtualIpCidrs;
        delete c.haproxy.virtualIpCidrs;
        return c;
      },
      ['CFG-01 haproxy.virtualIpRanges: this key is now "virtualIpCidrs" (the same value).'],
    ],
    [
      "a wrong type",
      () => {
        const c = t1();
        c.vsphere.cluster = 3;
        return c;
      },
      ["CFG-02 vsphere.cluster: 3 is not a string."],
    ],
    [
      "a string for a list of strings",
      () => {
        const c = t1();
        c.haproxy.virtualIpCidrs = "192.168.120.128/25";
        return c;
      },
      ['CFG-02 haproxy.virtualIpCidrs: "192.168.120.128/25" is not a list of strings.'],
    ],
    [
      "a number in a list of strings",
      () => {
        const c = t1();
        c.haproxy.nameservers = ["10.0.0.2", 53];
        return c;
      },
      ['CFG-02 haproxy.nameservers: ["10.0.0.2",53] is not a list of strings.'],
    ],
    [
      "a missing required key",
      () => {
        const c = t1();
        delete c.vsphere.datastore;
        return c;
      },
      ["CFG-02 vsphere.datastore: missing; it must be a string."],
    ],
    [
      "a wrong enum value",
      () => {
        const c = t1();
        c.haproxy.mode = "three-nic";
        return c;
      },
      ['CFG-02 haproxy.mode: "three-nic" is not one of "default", "frontend".'],
    ],
    [
      "an extra key nested in a list's object",
      () => {
        const c = t4();
        (c.workloadNetworks as unknown as Record<string, Record<string, unknown>>[])[1].portGroup.vlan = 122;
        return c;
      },
      ['CFG-01 workloadNetworks[1].portGroup.vlan: unknown key "vlan". Did you mean "vlanId"?'],
    ],
    [
      "a wrong enum value nested in the Supervisor",
      () => {
        const c = t4();
        c.supervisor.controlPlaneSize = "HUGE";
        return c;
      },
      ['CFG-02 supervisor.controlPlaneSize: "HUGE" is not one of "TINY", "SMALL", "MEDIUM", "LARGE".'],
    ],
    [
      "an object where a list of objects goes",
      () => ({ ...t1(), acknowledge: { rule: "HAP-07", reason: "A lab site, accepted on purpose." } }),
      ['CFG-02 acknowledge: {"rule":"HAP-07","reason":"A lab site, accepted on purpose."} is not a list.'],
    ],
    [
      "a list instead of the file's object",
      () => [t1()],
      [
        "CFG-02 (line 1): the file must hold one JSON object, it holds a list. Put the site's keys in one { … }.",
      ],
    ],
  ];

  test.each(REFUSED)(
    "%s: the reader's CFG line, and the JSON Schema refuses it at the same path",
    (_name, make, lines) => {
      const value = make();
      const problems = checkSiteConfig(value);
      expect(problems).toEqual(lines);
      expectSamePlaces(value, problems);
    },
  );

  test("several mistakes at once: zod and the JSON Schema find the same places, the reader in the file's order", () => {
    const c = t4();
    delete c.vsphere.datastore;
    c.haproxy.mode = "three-nic";
    c.haproxy.fronendIp = "x";
    c.supervisor.protection = "none";
    (c.siteRules as unknown) = [{ id: "ACME-01", maxVipPrefix: "26" }];
    const problems = checkSiteConfig(c);
    expect(problems).toEqual([
      "CFG-02 vsphere.datastore: missing; it must be a string.",
      'CFG-01 haproxy.fronendIp: unknown key "fronendIp". Did you mean "frontendIp"?',
      'CFG-02 haproxy.mode: "three-nic" is not one of "default", "frontend".',
      'CFG-02 supervisor.protection: "none" is not one of "prevent", "allow".',
      'CFG-02 siteRules[0].maxVipPrefix: "26" is not a number.',
    ]);
    expectSamePlaces(c, problems);
  });

  test("the reader takes any $schema a user writes (a path or a URL), as editors do", () => {
    for (const $schema of [
      "./node_modules/tanzu-haproxy-network/schema/site.schema.json",
      "https://example.com/site.schema.json",
    ]) {
      const value = { ...t1(), $schema };
      expect(checkSiteConfig(value)).toEqual([]);
      expect(validate(value)).toBe(true);
    }
  });
});
