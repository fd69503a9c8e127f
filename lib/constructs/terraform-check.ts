/**
 * A Terraform `check` block (Terraform 1.5+, OpenTofu 1.6+) with one scoped data source and assertions, which
 * cdktf 0.21 has no construct for.
 *
 * Why a check block: a data source scoped to it never fails a run. Terraform reads it at plan and apply, turns
 * every read error into a warning, and reports a failed assertion as a warning too (hashicorp/terraform v1.11.4
 * `internal/terraform/node_resource_abstract_instance.go` 1906–1946 in `planDataSource` and 2120–2138 in
 * `applyDataRead`: `tfdiags.OverrideAll(readDiags, tfdiags.Warning, …)`). `terraform destroy` still reads the
 * data source in its refresh (with the same downgrade), though it evaluates no assertion
 * (`internal/terraform/transform_check.go` 30–39). A plain data source is read at every plan, refresh and
 * destroy, and its error fails them.
 *
 * JSON: the element's fragment `{"check": {<name>: {"data": …, "assert": […]}}}` is merged into `cdk.tf.json`
 * like any element's. HCL: cdktf's HCL renderer keeps only the fragment kinds it knows (resource, data, provider,
 * terraform, module, output, moved, import, locals, variable: cdktf 0.21 `TerraformStack.toHclTerraform`), so the
 * block is rendered here and appended to the stack's `cdk.tf` after cdktf wrote it (open-constructs/cdk-terrain#313,
 * defects 1 and 2: `required_version` and top-level `check` overrides in HCL).
 */
import * as fs from "fs";
import * as path from "path";
import { IStackSynthesizer, ISynthesisSession, TerraformElement, TerraformStack } from "cdktf";
import { Construct } from "constructs";

/** One assertion of a check block. */
interface CheckAssertion {
  /** A Terraform expression, without `${…}`, e.g. `data.http.x.status_code == 200`. */
  readonly condition: string;
  /** The warning's text when the condition is false. */
  readonly errorMessage: string;
}

/** Config of {@link TerraformCheck}. */
interface TerraformCheckConfig {
  /** The scoped data source's type, e.g. `http`. */
  readonly dataSourceType: string;
  /** Its arguments in Terraform's snake_case, tokens allowed. */
  readonly dataSourceArguments: Record<string, unknown>;
  /** The assertions, given the scoped data source's address `data.<type>.<name>`. */
  readonly assertions: (dataSourceAddress: string) => CheckAssertion[];
}

/** A `check` block whose block name and scoped data source's name are the element's unique id. */
export class TerraformCheck extends TerraformElement {
  private readonly config: TerraformCheckConfig;

  constructor(scope: Construct, id: string, config: TerraformCheckConfig) {
    super(scope, id, "check");
    this.config = config;
    installHclWriter(TerraformStack.of(this));
  }

  /** The scoped data source's name (the same as the check block's). */
  public get dataSourceName(): string {
    return this.friendlyUniqueId;
  }

  /** `data.<type>.<name>`: the data source as the assertions refer to it. */
  public get dataSourceAddress(): string {
    return `data.${this.config.dataSourceType}.${this.dataSourceName}`;
  }

  private assertions(): CheckAssertion[] {
    return this.config.assertions(this.dataSourceAddress);
  }

  public toTerraform(): Record<string, unknown> {
    return {
      check: {
        [this.friendlyUniqueId]: {
          data: { [this.config.dataSourceType]: { [this.dataSourceName]: this.config.dataSourceArguments } },
          assert: this.assertions().map((a) => ({
            condition: `\${${a.condition}}`,
            error_message: a.errorMessage,
          })),
        },
      },
    };
  }

  public toHclTerraform(): Record<string, unknown> {
    return {};
  }
}

/** Resolved check blocks (`cdk.tf.json`'s `check` object) in HCL native syntax. */
function checkBlocksAsHcl(checks: Record<string, ResolvedCheck>): string {
  return Object.entries(checks)
    .map(([name, check]) => {
      const lines = [`check "${name}" {`];
      for (const [type, byName] of Object.entries(check.data ?? {})) {
        for (const [dataName, args] of Object.entries(byName)) {
          lines.push(`  data "${type}" "${dataName}" {`);
          for (const [key, value] of Object.entries(args)) {
            lines.push(`    ${key} = ${hclValue(value, "    ")}`);
          }
          lines.push("  }");
        }
      }
      for (const assertion of check.assert) {
        lines.push("  assert {");
        lines.push(`    condition     = ${expression(assertion.condition)}`);
        lines.push(`    error_message = ${hclValue(assertion.error_message, "    ")}`);
        lines.push("  }");
      }
      lines.push("}");
      return lines.join("\n");
    })
    .join("\n\n");
}

/** A check block as cdk.tf.json holds it. */
interface ResolvedCheck {
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly assert: { readonly condition: string; readonly error_message: string }[];
}

/** `${expr}` (JSON syntax) as the bare HCL expression. */
function expression(template: string): string {
  const m = /^\$\{([\s\S]*)\}$/.exec(template);
  return m ? m[1] : hclValue(template, "");
}

/**
 * A resolved JSON value as an HCL expression. A string is a template in both syntaxes: its literal parts are
 * escaped for HCL's quoted strings (`\"`, `\\`, `\n`, …, and `%{` as `%%{`), its `${…}` interpolations are HCL
 * expressions already and are copied as they are (they may hold quoted strings of their own).
 */
function hclValue(value: unknown, indent = ""): string {
  if (typeof value === "string") {
    return `"${hclTemplate(value)}"`;
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => hclValue(v, indent)).join(", ")}]`;
  }
  if (value !== null && typeof value === "object") {
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(
      ([k, v]) => `${inner}${JSON.stringify(k)} = ${hclValue(v, inner)}`,
    );
    return `{\n${entries.join("\n")}\n${indent}}`;
  }
  return "null";
}

/** The body of an HCL quoted string for a Terraform JSON-syntax string. */
function hclTemplate(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("${", i)) {
      const end = interpolationEnd(text, i + 2);
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      out += text.slice(i, i + 3); // already an escaped literal in both syntaxes
      i += 3;
      continue;
    }
    if (text.startsWith("%{", i)) {
      out += "%%{";
      i += 2;
      continue;
    }
    const c = text[i];
    out +=
      c === '"' || c === "\\" ? `\\${c}` : c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : c;
    i++;
  }
  return out;
}

/** The index of the `}` that closes an interpolation whose expression starts at `from`. */
function interpolationEnd(text: string, from: number): number {
  let depth = 1;
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === '"') {
      k = quotedEnd(text, k + 1);
    } else if (c === "{") {
      depth++;
    } else if (c === "}" && --depth === 0) {
      return k;
    }
  }
  return text.length - 1;
}

/** The index of the `"` that closes a quoted template inside an expression, starting after its opening `"`. */
function quotedEnd(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    if (text[k] === "\\") {
      k++;
    } else if (text[k] === '"') {
      return k;
    } else if (text.startsWith("${", k)) {
      k = interpolationEnd(text, k + 2);
    }
  }
  return text.length - 1;
}

const withWriter = new WeakSet<TerraformStack>();

/**
 * Appends what cdktf 0.21's HCL renderer drops or breaks to the stack's `cdk.tf` when it synthesizes HCL
 * (`cdktf synth --hcl`): check blocks, and `required_version` (its `renderTerraform` renders the `terraform`
 * block's other settings from `Object.keys(...)`, writing `0 = "required_version"`, which Terraform rejects).
 */
function installHclWriter(stack: TerraformStack): void {
  if (!withWriter.has(stack)) {
    withWriter.add(stack);
    stack.synthesizer = new HclAppendixWriter(stack, stack.synthesizer);
  }
}

class HclAppendixWriter implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    this.inner.synthesize(session);
    const file = path.join(session.outdir, session.manifest.forStack(this.stack).synthesizedStackPath);
    if (!file.endsWith(".tf") || !fs.existsSync(file)) {
      return; // JSON output (the fragment is in cdk.tf.json), or no Terraform written for a plan with errors
    }
    const json = this.stack.toTerraform() as {
      check?: Record<string, ResolvedCheck>;
      terraform?: { required_version?: string };
    };
    const parts: string[] = [];
    const version = json.terraform?.required_version;
    if (version !== undefined) {
      // A second `terraform` block: Terraform merges them and every required_version must hold.
      parts.push(`terraform {\n  required_version = ${hclValue(version)}\n}`);
    }
    if (json.check && Object.keys(json.check).length > 0) {
      parts.push(checkBlocksAsHcl(json.check));
    }
    if (parts.length > 0) {
      fs.appendFileSync(file, `\n\n${parts.join("\n\n")}\n`);
    }
  }
}

/**
 * `terraform.required_version` as an element: in `cdk.tf.json` it merges into the `terraform` block; in HCL it
 * is written by the appendix (a stack override would be rendered by cdktf as `0 = "required_version"`).
 */
export class RequiredTerraformVersion extends TerraformElement {
  /** The lowest release, e.g. `1.5.0`. */
  public minimum: string;

  constructor(scope: Construct, id: string, minimum: string) {
    super(scope, id);
    this.minimum = minimum;
    installHclWriter(TerraformStack.of(this));
  }

  public toTerraform(): Record<string, unknown> {
    return { terraform: { required_version: `>= ${this.minimum}` } };
  }

  public toHclTerraform(): Record<string, unknown> {
    return {};
  }
}
