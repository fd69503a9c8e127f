/**
 * The README says what works: every TypeScript block compiles against the library's source (strict, no emit),
 * and the fresh project it describes is the consumer project CI installs, builds, synthesizes and tests.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { Testing } from "cdktf";
import { HaproxyLoadBalancer, PlanAcknowledgements, SupervisorWorkloadNetwork } from "../lib";
import { s13ApplianceProps, s13Network, stackWithProviders } from "./fixtures";

const ROOT = path.join(__dirname, "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const CONSUMER = path.join(ROOT, "examples", "consumer-app");

/** The fenced blocks of a language, with the README line each starts on. */
function blocks(language: string): { code: string; line: number }[] {
  const out: { code: string; line: number }[] = [];
  for (const m of README.matchAll(new RegExp("^```" + language + "\\n([\\s\\S]*?)^```$", "gm"))) {
    out.push({ code: m[1], line: README.slice(0, m.index).split("\n").length + 1 });
  }
  return out;
}

/**
 * What the short blocks (those without imports of their own) may use without defining it, as the prose around
 * them says: the library's public names, cdktf's, and `stack`, `networkProps`, `applianceProps` of the user.
 */
const PREAMBLE = `
import { App, TerraformStack, Testing } from "cdktf";
import {
  HaproxyLoadBalancer,
  HaproxyLoadBalancerProps,
  HaproxyMode,
  PlanAcknowledgements,
  Severity,
  SiteRules,
  SupervisorWorkloadNetwork,
  SupervisorWorkloadNetworkProps,
} from "tanzu-haproxy-network";
declare const stack: TerraformStack;
declare const networkProps: SupervisorWorkloadNetworkProps;
declare const applianceProps: HaproxyLoadBalancerProps;
`;

describe("the README's TypeScript blocks", () => {
  const ts_blocks = blocks("ts");

  test("compile against the library (strict, tanzu-haproxy-network mapped to lib/index.ts)", () => {
    expect(ts_blocks.length).toBeGreaterThanOrEqual(5);
    // Each block is a module beside the consumer project's main.ts, so `./main` is that file.
    const files = new Map<string, { text: string; line: number; preamble: number }>();
    ts_blocks.forEach((b, i) => {
      const standalone = /^import /m.test(b.code);
      const text = standalone ? b.code : `${PREAMBLE}\nexport {};\n${b.code}`;
      const preamble = standalone ? 0 : text.split("\n").length - b.code.split("\n").length;
      files.set(path.join(CONSUMER, `readme-block-${i}.ts`), { text, line: b.line, preamble });
    });
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ["node", "jest"],
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
      baseUrl: ROOT,
      paths: { "tanzu-haproxy-network": ["lib/index.ts"] },
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => files.get(path.resolve(f))?.text ?? readFile(f);
    host.fileExists = (f) => files.has(path.resolve(f)) || fileExists(f);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (f, v, onError) => {
      const own = files.get(path.resolve(f));
      return own ? ts.createSourceFile(f, own.text, v) : getSourceFile(f, v, onError);
    };
    const program = ts.createProgram(
      [...files.keys(), path.join(CONSUMER, "main.ts"), path.join(CONSUMER, "main.test.ts")],
      options,
      host,
    );
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return text;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const own = files.get(path.resolve(d.file.fileName));
      return own
        ? `README.md:${own.line + line - own.preamble}: ${text}`
        : `${path.relative(ROOT, d.file.fileName)}:${line + 1}: ${text}`;
    });
    expect(problems).toEqual([]);
  });

  test("the own-project example is the consumer project's main.ts, word for word", () => {
    const main = fs.readFileSync(path.join(CONSUMER, "main.ts"), "utf8");
    expect(ts_blocks.map((b) => b.code)).toContain(main);
  });

  test("the Supervisor section's stack is the consumer project's SupervisorStack, word for word", () => {
    const main = fs.readFileSync(path.join(CONSUMER, "main.ts"), "utf8");
    const supervisorStack = (code: string) => /^export class SupervisorStack [\s\S]*?^}$/m.exec(code)?.[0];
    const sections = ts_blocks.filter((b) => b.code !== main && supervisorStack(b.code));
    expect(sections).toHaveLength(1);
    expect(supervisorStack(sections[0].code)).toBe(supervisorStack(main));
  });
});

describe("the README's acknowledgement example does what it says", () => {
  test("on the stack before the constructs, and in the construct's props, the warnings are acknowledged", () => {
    const stack = stackWithProviders();
    PlanAcknowledgements.add(stack, [
      { ruleId: "HAP-07", reason: "Lab site: default mode is what we run here, on purpose." },
    ]);
    const network = new SupervisorWorkloadNetwork(stack, "network", {
      distributedSwitchUuid: "dvs",
      ...s13Network(),
    });
    const haproxy = new HaproxyLoadBalancer(stack, "haproxy", {
      ...s13ApplianceProps(network),
      acknowledge: [{ ruleId: "VIP-06", reason: "The Supervisor gets the range without .255." }],
    });
    expect(haproxy.acknowledged.map((a) => a.diagnostic.ruleId).sort()).toEqual(["HAP-07", "VIP-06"]);
    expect(haproxy.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("on a construct that exists it throws, saying what to do instead", () => {
    const stack = stackWithProviders();
    const network = new SupervisorWorkloadNetwork(stack, "network", {
      distributedSwitchUuid: "dvs",
      ...s13Network(),
    });
    const haproxy = new HaproxyLoadBalancer(stack, "haproxy", s13ApplianceProps(network));
    expect(() =>
      PlanAcknowledgements.add(haproxy, [
        { ruleId: "HAP-07", reason: "Lab site: default mode is what we run here, on purpose." },
      ]),
    ).toThrow(
      "[test/haproxy] CFG-03 PlanAcknowledgements.add acknowledgements: acknowledge before test/haproxy is created (its warnings are printed when it is): call PlanAcknowledgements.add on the stack first, or pass `acknowledge` in the construct's props.",
    );
  });
});

describe("the fresh project the README describes is the consumer project", () => {
  const consumer = (file: string) => JSON.parse(fs.readFileSync(path.join(CONSUMER, file), "utf8"));
  const json = blocks("json").map((b) => JSON.parse(b.code) as Record<string, unknown>);

  test("its cdktf.json and tsconfig.json", () => {
    expect(json).toContainEqual(consumer("cdktf.json"));
    expect(json).toContainEqual(consumer("tsconfig.json"));
  });

  test("its package.json scripts and jest settings", () => {
    const pkg = consumer("package.json");
    expect(json).toContainEqual({ scripts: pkg.scripts, jest: pkg.jest });
  });

  test("its npm install lines install exactly its dependencies and dev dependencies, at their versions", () => {
    const pkg = consumer("package.json");
    const sh = blocks("sh")
      .map((b) => b.code.replace(/\\\n/g, " "))
      .join("\n");
    const installed = (flag: RegExp) =>
      sh
        .split("\n")
        .filter((l) => /^npm install /.test(l) && flag.test(l))
        .flatMap((l) => l.split(/\s+/).filter((w) => /^@?[a-z][\w./-]*@\d/.test(w)))
        .map((w) => [w.slice(0, w.lastIndexOf("@")), w.slice(w.lastIndexOf("@") + 1)])
        .sort();
    expect(installed(/--save-dev/)).toEqual(Object.entries(pkg.devDependencies).sort());
    expect(installed(/^(?!.*--save-dev)/)).toEqual(Object.entries(pkg.dependencies).sort());
  });

  test("the CDK Terrain section's npm install lines install exactly the cdktn consumer's packages", () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(ROOT, "examples", "cdktn-consumer-app", "package.json"), "utf8"),
    );
    const lines = blocks("shell")
      .flatMap((b) => b.code.split("\n"))
      .filter((l) => /^npm install /.test(l));
    const installed = (flag: RegExp) =>
      lines
        .filter((l) => flag.test(l))
        .flatMap((l) => l.split(/\s+/).filter((w) => /^@?[a-z][\w./-]*@\d/.test(w)))
        .map((w) => [w.slice(0, w.lastIndexOf("@")), w.slice(w.lastIndexOf("@") + 1)])
        .sort();
    expect(lines.length).toBeGreaterThan(0);
    expect(installed(/--save-dev/)).toEqual(Object.entries(pkg.devDependencies).sort());
    expect(installed(/^(?!.*--save-dev)/)).toEqual(Object.entries(pkg.dependencies).sort());
  });
});
