/**
 * What a synth of an app whose IP plan has rule errors leaves behind, and how it says so, on each route cdktf
 * 0.21 has:
 *
 * - `cdktf synth` / `diff` / `deploy` (the CLI runs the app with `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`,
 *   "we want to display the errors ourselves", cli-core `src/lib/synth-stack.ts` 133): the app ends normally and
 *   the stack manifest holds the annotations; the CLI prints each one once as `ERROR [path]: message` or
 *   `WARN [path]: message`, with no trace for annotations without one, then fails: "While synthesizing one or
 *   more error annotations have been encountered" (cli-core `src/lib/synth.ts` `printAnnotations`, which
 *   `cdktf-project.ts` also runs for `--skip-synth`). The CLI reads every stack's file named in the manifest
 *   (`synth-stack.ts` `readSynthesizedStacks`, and `synthTelemetry` reads its `"//".metadata` and `terraform`), so
 *   the manifest names `plan-errors.json` instead of a Terraform file.
 * - everywhere else (`app.synth()` in a plain node run, a test, `Testing.fullSynth`): a `PlanErrors` error listing
 *   every error once, then the warnings, without a stack trace (the construct paths say where) and without
 *   cdktf's hints to `skipValidation` or to that variable, which would not write Terraform either.
 *
 * On both routes no Terraform file is left in the output folder.
 */
import * as fs from "fs";
import * as path from "path";
import {
  AnnotationMetadataEntryType,
  IStackSynthesizer,
  ISynthesisSession,
  StackAnnotation,
  StackManifest,
  TerraformStack,
} from "cdktf";
import { IConstruct } from "constructs";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The release of cdktf the app runs, which its manifest names as cdktf's `App` does (cdktf `lib/app.ts` 120). */
function cdktfVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(require.resolve("cdktf/package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** The file that stands for a stack's Terraform in the manifest when its app's plan has errors. */
export const PLAN_ERRORS_FILE = "plan-errors.json";

/**
 * Whether the cdktf CLI runs the app and prints the annotations itself: cdktf's own stack synthesizer reads the
 * same variable (cdktf `lib/terraform-stack.ts` 91, `process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !==
 * undefined`).
 */
export function cliPrintsAnnotations(): boolean {
  return process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/** The failure of a synth, an assertion or a test synth when the plan has errors: the lines once, no trace. */
export class PlanErrors extends Error {
  /** `[construct path] RULE-ID prop: message` lines of the errors. */
  declare public readonly errorLines: readonly string[];
  /** The same, for the warnings printed beside them. */
  declare public readonly warningLines: readonly string[];

  /**
   * @param errors `[construct path] RULE-ID prop: message` lines
   * @param warnings the same, for the warnings printed beside them
   * @param keepTrace keep the stack trace (a test wants to see its own line)
   */
  constructor(errors: readonly string[], warnings: readonly string[] = [], keepTrace = false) {
    super(
      `The IP plan has rule errors: no Terraform is written for it, whatever skips validations.\n  ${errors.join("\n  ")}` +
        (warnings.length > 0 ? `\nWarnings:\n  ${warnings.join("\n  ")}` : ""),
    );
    // Not enumerable: node prints an uncaught error's enumerable members after its message.
    Object.defineProperty(this, "errorLines", { value: errors, enumerable: false });
    Object.defineProperty(this, "warningLines", { value: warnings, enumerable: false });
    if (!keepTrace) {
      this.stack = this.message;
    }
  }
}

/** The annotations of every construct in the stack, as cdktf's stack synthesizer collects them (synthesizer.ts 60-75). */
function annotationsOf(stack: TerraformStack): StackAnnotation[] {
  const levels: string[] = [
    AnnotationMetadataEntryType.INFO,
    AnnotationMetadataEntryType.WARN,
    AnnotationMetadataEntryType.ERROR,
  ];
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => levels.includes(m.type))
      .map((m) => ({
        constructPath: c.node.path,
        level: m.type as AnnotationMetadataEntryType,
        message: String(m.data),
        ...(m.trace ? { stacktrace: m.trace } : {}),
      })),
  );
}

/** `[construct path] message` of every annotation at a level, in the stacks given. */
export function annotationLines(
  stacks: readonly TerraformStack[],
  level: AnnotationMetadataEntryType,
): string[] {
  return stacks.flatMap((s) =>
    annotationsOf(s)
      .filter((a) => a.level === level)
      .map((a) => `[${a.constructPath}] ${a.message}`),
  );
}

/**
 * The other validations of the stacks (a missing provider, …), which cdktf would have run: the plan's errors stop
 * synthesis before cdktf's stack synthesizer runs them, and every problem is reported at once.
 */
export function otherValidationErrors(
  stacks: readonly TerraformStack[],
  session: ISynthesisSession,
): string[] {
  if (session.skipValidation) {
    return [];
  }
  return stacks.flatMap((s) =>
    s.node.findAll().flatMap((c: IConstruct) => c.node.validate().map((m) => `[${c.node.path}] ${m}`)),
  );
}

/**
 * Every Terraform file an earlier synth left in the output folder (each stack's `cdk.tf`, `cdk.tf.json` and its
 * HCL `metadata.json`, and the `manifest.json` that lists them): nothing in the folder may then look applicable,
 * whichever stacks this run and the earlier one had. Terraform refuses to plan or apply a folder left without
 * configuration files, "No configuration files … Planning without a configuration would mark everything for
 * destruction" (hashicorp/terraform v1.11.4 internal/backend/local/backend_plan.go 44-51, backend_apply.go 46),
 * where a configuration emptied of its resources would plan to destroy them.
 */
export function removeTerraformFiles(outdir: string): void {
  const stacksDir = path.join(outdir, "stacks");
  const stackDirs = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
  for (const stack of stackDirs) {
    for (const file of ["cdk.tf", "cdk.tf.json", "metadata.json"]) {
      fs.rmSync(path.join(stacksDir, stack, file), { force: true });
    }
  }
  fs.rmSync(path.join(outdir, "manifest.json"), { force: true });
}

/**
 * Write `plan-errors.json` in a stack's working directory: what the CLI reads of a stack (its `"//".metadata`, for
 * its telemetry, and `terraform`), and no Terraform. Returns its path relative to the output folder.
 */
function writePlanErrorsFile(
  outdir: string,
  workingDirectory: string,
  stackName: string,
  version: string,
  note: string,
): string {
  const file = path.join(workingDirectory, PLAN_ERRORS_FILE);
  fs.mkdirSync(path.join(outdir, workingDirectory), { recursive: true });
  fs.writeFileSync(
    path.join(outdir, file),
    `${JSON.stringify({ "//": { metadata: { stackName, version }, note }, terraform: {} }, null, 2)}\n`,
  );
  return file;
}

/**
 * For a run refused before any plan was made (props a construct cannot be built from, a site file that cannot be
 * used): the Terraform files as `removeTerraformFiles` removes them, and the reports and request bodies an earlier
 * run wrote, which would describe that run's plan as current (and a request body is meant to be sent as it is).
 */
export function removeStaleOutputs(outdir: string): void {
  removeTerraformFiles(outdir);
  const stacksDir = path.join(outdir, "stacks");
  const stackDirs = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
  for (const stack of stackDirs) {
    const dir = path.join(stacksDir, stack);
    const files = fs.statSync(dir).isDirectory() ? fs.readdirSync(dir) : [];
    for (const file of files) {
      if (/^(ip-plan\.md|address-map\.svg|supervisor-enable-request.*\.json)$/.test(file)) {
        fs.rmSync(path.join(dir, file), { force: true });
      }
    }
  }
}

/**
 * For the CLI: the stack's manifest entry names `plan-errors.json` (no Terraform: neither `*.tf` nor
 * `*.tf.json`, which Terraform would load) and carries the stack's annotations, with the other validations'
 * errors as error annotations.
 */
export function recordRefusedStack(
  stack: TerraformStack,
  session: ISynthesisSession,
  otherErrors: string[],
): void {
  // cdktf's own stack synthesizer writes these members of its manifest entry in the same way (synthesizer.ts 78).
  const entry = session.manifest.forStack(stack) as Writable<StackManifest>;
  const file = writePlanErrorsFile(
    session.outdir,
    entry.workingDirectory,
    stack.node.id,
    String(stack.node.tryGetContext("cdktfVersion")),
    "The IP plan has rule errors: no Terraform was written for this stack. See ip-plan.md beside this file.",
  );
  // The CLI parses `synthesizedStackPath` when it ends in `.tf.json`, and `stackMetadataPath` otherwise; with
  // `--hcl` it first formats `synthesizedStackPath` as HCL, which leaves this JSON valid.
  entry.synthesizedStackPath = file;
  entry.stackMetadataPath = file;
  entry.annotations = [
    ...annotationsOf(stack),
    ...otherErrors.map((line) => {
      const m = /^\[([^\]]*)\] ([\s\S]*)$/.exec(line);
      return {
        constructPath: m ? m[1] : stack.node.path,
        level: AnnotationMetadataEntryType.ERROR,
        message: m ? m[2] : line,
      };
    }),
  ];
}

/** A stack without IP plans of its own, in an app whose plan has errors: it writes no Terraform either. */
export class RefusedStackSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly otherErrors: (session: ISynthesisSession) => string[],
  ) {}

  public synthesize(session: ISynthesisSession): void {
    recordRefusedStack(this.stack, session, this.otherErrors(session));
  }
}

/**
 * For the CLI, when the app stops before synthesis (props a construct cannot be built from, a site file that cannot
 * be used): remove every Terraform file of the output folder and write a manifest whose one stack names
 * `plan-errors.json` and carries the errors as error annotations, without stack traces. The app then ends with
 * exit code 0 and the CLI prints each error once, as `ERROR [where]: message`, and fails (cli-core
 * `src/lib/synth.ts` `printAnnotations` 13-54). An app that ends with another exit code has its stderr printed
 * twice, once as it comes (@cdktf/commons `src/util.ts` 119-131, through its logger) and once more after
 * "cdktf encountered an error while synthesizing" (cli-core `src/lib/synth-stack.ts` 144-174), and its stdout
 * twice too (`util.ts` 26-31 as it comes, `synth-stack.ts` 158-165). The CLI removes the folders of the stacks
 * the manifest does not name (`synth-stack.ts` 202-209).
 *
 * @param outdir the output folder (the CLI's `CDKTF_OUTDIR`)
 * @param stackName the stack whose manifest entry carries the errors
 * @param errors each error's place (a construct path, a file) and its message
 */
export function refuseBeforeSynthesis(outdir: string, stackName: string, errors: RefusalError[]): void {
  fs.mkdirSync(outdir, { recursive: true });
  removeStaleOutputs(outdir);
  const workingDirectory = path.join("stacks", stackName);
  const version = cdktfVersion();
  const file = writePlanErrorsFile(
    outdir,
    workingDirectory,
    stackName,
    version,
    "The app stopped before synthesis: no Terraform was written. The cdktf CLI printed the errors.",
  );
  const entry: StackManifest = {
    name: stackName,
    constructPath: stackName,
    workingDirectory,
    synthesizedStackPath: file,
    stackMetadataPath: file,
    annotations: errors.map((e) => ({
      constructPath: e.where,
      level: AnnotationMetadataEntryType.ERROR,
      message: e.message,
    })),
    dependencies: [],
  };
  fs.writeFileSync(
    path.join(outdir, "manifest.json"),
    `${JSON.stringify({ version, stacks: { [stackName]: entry } }, null, 2)}\n`,
  );
}

/** An error of an app that stops before synthesis: where it is (a construct path, a file) and what it says. */
export interface RefusalError {
  readonly where: string;
  readonly message: string;
}
