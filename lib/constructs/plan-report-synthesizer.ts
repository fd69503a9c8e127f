/**
 * The IP-plan report belongs to the constructs: every stack that holds a `SupervisorWorkloadNetwork` gets
 * `ip-plan.md` and `address-map.svg` beside its Terraform file on every synth, whoever wrote the stack.
 *
 * Why a stack synthesizer: `TerraformStack.synthesizer` (cdktf's public `IStackSynthesizer`) is the one step
 * that knows the stack's output directory and runs on every `app.synth()`, `cdktf synth` and `cdktf deploy`,
 * with or without `skipValidation`. The wrapper writes the report first, then hands over to cdktf's own
 * synthesizer. A plan with rule errors gets a report that lists them, its stale Terraform file is removed, and
 * no Terraform file is written, even with `skipValidation`.
 */
import * as fs from "fs";
import * as path from "path";
import {
  AnnotationMetadataEntryType,
  Aspects,
  IAspect,
  IStackSynthesizer,
  ISynthesisSession,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Tokenization,
} from "cdktf";
import { Construct, IConstruct } from "constructs";
import { renderPlanAddressMap } from "../report/address-map-svg";
import { Diagnostic, Severity } from "../model/diagnostics";
import { isAcknowledgeable, RULES } from "../rules/catalogue";
import { quote } from "../model/ip";
import { toDnsLabel } from "../model/names";
import { Acknowledgement, PlanAcknowledgements, STALE_ACKNOWLEDGEMENT } from "./acknowledgements";
import { diagnosticLine } from "./construct-diagnostics";
import { NetworkPlan } from "../model/plan";
import { PlanReportInput, PlanReportLoadBalancer, renderPlanMarkdown } from "../report/plan-report";
import { enableRequestBody, hasEnableRequestBody, SupervisorSettings } from "../report/supervisor-report";
import { HaproxyPlan } from "../rules/engine";
import {
  annotationLines,
  cliPrintsAnnotations,
  otherValidationErrors,
  PLAN_ERRORS_FILE,
  PlanErrors,
  RefusedStackSynthesizer,
  recordRefusedStack,
  removeTerraformFiles,
} from "./refused-synthesis";
import { rulesDocumentFrom } from "./rules-document";

/** A construct with findings: its warnings are printed, or acknowledged, when the stack is synthesized. */
export interface FindingHolder {
  readonly construct: Construct;
  readonly diagnostics: readonly Diagnostic[];
  /** The warnings acknowledged on it or above it, with their reasons. */
  readonly acknowledged: readonly { readonly diagnostic: Diagnostic; readonly reason: string }[];
}

/** What the report needs of an appliance. */
export interface ReportedAppliance extends FindingHolder {
  readonly node: Construct["node"];
  readonly plan: HaproxyPlan;
  readonly diagnostics: readonly Diagnostic[];
  readonly caCertificatePem: string;
  readonly dataplanePassword: string;
  readonly name: string;
}

/** What the report needs of a load balancer the plan does not deploy (an existing HAProxy, the Foundation one). */
export interface ReportedLoadBalancer extends FindingHolder {
  readonly plan: HaproxyPlan;
  readonly loadBalancer: PlanReportLoadBalancer;
  /** Its Data Plane API password (an existing HAProxy): where it comes from is named in the wizard table. */
  readonly password?: string;
  /** Its Data Plane API CA (an existing HAProxy). */
  readonly caCertificatePem?: string;
}

/** One network's entry: its plan, findings and the appliance wired to it. */
export interface ReportedNetwork extends FindingHolder {
  readonly node: Construct["node"];
  readonly plan: NetworkPlan;
  readonly diagnostics: readonly Diagnostic[];
  appliance?: ReportedAppliance;
  /** A load balancer the plan does not deploy, wired to this network instead of the appliance. */
  loadBalancer?: ReportedLoadBalancer;
  /** The Supervisor enabled on this network (in this stack or another), for the report. */
  supervisor?: SupervisorSettings;
  /** That Supervisor's findings: the network's report lists them too. */
  supervisorFindings?: FindingHolder;
}

const registry = new WeakMap<TerraformStack, ReportedNetwork[]>();
/** Other constructs with findings (the Supervisor), per stack. */
const others = new WeakMap<TerraformStack, FindingHolder[]>();

function install(stack: TerraformStack): void {
  if (!registry.has(stack)) {
    registry.set(stack, []);
    others.set(stack, []);
    stack.synthesizer = new PlanReportSynthesizer(stack, stack.synthesizer);
    Aspects.of(stack).add(new PlanErrorGuard(stack));
  }
}

/** Register a network for its stack's report, installing the report writer once per stack. */
export function reportNetwork(scope: Construct, entry: ReportedNetwork): void {
  const stack = TerraformStack.of(scope);
  install(stack);
  registry.get(stack)!.push(entry);
}

/** Register another construct with findings (the Supervisor): its errors block its stack's Terraform too. */
export function reportFindings(scope: Construct, holder: FindingHolder): void {
  const stack = TerraformStack.of(scope);
  install(stack);
  others.get(stack)!.push(holder);
}

/** The registered entry of a network construct, for the constructs wired to it. */
export function reportedNetwork(network: Construct): ReportedNetwork | undefined {
  return registry.get(TerraformStack.of(network))?.find((e) => e.node === network.node);
}

function holdersOf(stack: TerraformStack): FindingHolder[] {
  return [
    ...(registry.get(stack) ?? []).flatMap((e): FindingHolder[] => (e.appliance ? [e, e.appliance] : [e])),
    ...(others.get(stack) ?? []),
  ];
}

/** The rule errors of every plan in the stack, as `[construct path] RULE-ID path: message` lines. */
export function planErrorLines(stack: TerraformStack): string[] {
  return holdersOf(stack).flatMap((h) => errorLines(h.construct.node.path, unacknowledged(h)));
}

/** A holder's findings less the ones acknowledged (an acknowledged HAP-10 blocks nothing). */
function unacknowledged(h: FindingHolder): Diagnostic[] {
  const hidden = new Set(h.acknowledged.map((a) => a.diagnostic));
  return h.diagnostics.filter((d) => !hidden.has(d));
}

/** The stale acknowledgements (ACK-01) of each stack, found once, when it is synthesized. */
const staleByStack = new WeakMap<TerraformStack, StaleAcknowledgement[]>();

/** An ACK-01 finding and the construct whose acknowledgement it is about. */
export interface StaleAcknowledgement {
  readonly construct: IConstruct;
  readonly diagnostic: Diagnostic;
}

/**
 * ACK-01, a warning, for an acknowledgement that matches no finding of the plans under it, or that names an
 * error that cannot be acknowledged (a site rule's; the catalogue's are refused when acknowledged). Found once
 * per stack, when it is synthesized: a warning annotation on the construct that holds the acknowledgement (as
 * cdktf prints warnings) and a finding of the stack's report, counted with its warnings.
 */
export function finalizeFindings(stack: TerraformStack): readonly StaleAcknowledgement[] {
  const done = staleByStack.get(stack);
  if (done) {
    return done;
  }
  const stale: StaleAcknowledgement[] = [];
  staleByStack.set(stack, stale);
  const holders = holdersOf(stack);
  const matched = new Set<Acknowledgement>();
  const warn = (construct: IConstruct, ack: Acknowledgement, message: string) => {
    const index = PlanAcknowledgements.on(construct).indexOf(ack);
    const diagnostic: Diagnostic = {
      ruleId: STALE_ACKNOWLEDGEMENT,
      severity: Severity.WARN,
      path: index >= 0 ? `acknowledge[${index}]` : "acknowledge",
      message,
    };
    stale.push({ construct, diagnostic });
    construct.node.addMetadata(AnnotationMetadataEntryType.WARN, diagnosticLine(diagnostic));
  };
  for (const h of holders) {
    const covering = PlanAcknowledgements.covering(h.construct);
    for (const d of h.diagnostics) {
      const hit = covering.find((c) => c.ack.ruleId === d.ruleId);
      if (!hit) {
        continue;
      }
      matched.add(hit.ack);
      if (!isAcknowledgeable(d)) {
        warn(
          hit.scope,
          hit.ack,
          `${d.ruleId} is acknowledged here, but at ${h.construct.node.path} it is an error, and errors cannot be acknowledged. Fix the plan, and remove the acknowledgement.`,
        );
      }
    }
  }
  const siteRuleIds = new Set(
    // The network construct's site rules (read by shape: that construct imports this file).
    stack.node
      .findAll()
      .flatMap((c) => ((c as { siteRules?: readonly { id: string }[] }).siteRules ?? []).map((r) => r.id)),
  );
  for (const c of stack.node.findAll()) {
    const on = PlanAcknowledgements.on(c);
    on.forEach((ack, i) => {
      const first = on.findIndex((a) => a.ruleId === ack.ruleId);
      if (first < i) {
        warn(
          c,
          ack,
          `${ack.ruleId} is acknowledged twice here (also at acknowledge[${first}]); the first one covers it. Remove this one.`,
        );
      } else if (RULES[ack.ruleId] === undefined && !siteRuleIds.has(ack.ruleId)) {
        warn(
          c,
          ack,
          `${quote(ack.ruleId)} is an unknown rule id: no rule of the catalogue and no site rule of this stack has it, so the acknowledgement covers nothing. Correct the id (docs/rules.md lists the catalogue's), or remove the acknowledgement.`,
        );
      } else if (!matched.has(ack)) {
        warn(
          c,
          ack,
          `${ack.ruleId} is acknowledged here (${quote(ack.reason.trim())}), but no plan under ${c.node.path} has that finding any more. Remove the acknowledgement.`,
        );
      }
    });
  }
  return stale;
}

function errorLines(where: string, ds: readonly Diagnostic[]): string[] {
  return ds.filter((d) => d.severity === Severity.ERROR).map((d) => `[${where}] ${diagnosticLine(d)}`);
}

/** Where a value reaches the user: the name of a stack output that holds it, or the construct attribute. */
function sourceOf(stack: TerraformStack, value: string, fallback: string, sensitive: boolean): string {
  const output = stack.node
    .findAll()
    .find((c): c is TerraformOutput => c instanceof TerraformOutput && c.value === value);
  return output
    ? `Terraform output ${output.friendlyUniqueId}${sensitive ? " (sensitive; terraform output -raw)" : " (cdktf output / terraform output -raw)"}`
    : fallback;
}

/** The report input of one network, as every stack gets it. */
export function reportInputOf(stack: TerraformStack, entry: ReportedNetwork, title: string): PlanReportInput {
  const a = entry.appliance;
  const lb = entry.loadBalancer;
  const sup = entry.supervisorFindings;
  // ACK-01 of this stack, and of the Supervisor's when it lives in another: the report lists every finding.
  const stacks = new Set([stack, ...(sup ? [TerraformStack.of(sup.construct)] : [])]);
  const stale = [...stacks].flatMap((s) => finalizeFindings(s).map((x) => x.diagnostic));
  const acknowledged = [
    ...(entry.acknowledged ?? []),
    ...(a?.acknowledged ?? []),
    ...(lb?.acknowledged ?? []),
    ...(sup?.acknowledged ?? []),
  ];
  const hidden = new Set(acknowledged.map((x) => x.diagnostic));
  return {
    title,
    network: entry.plan,
    haproxy: a?.plan ?? lb?.plan,
    loadBalancer: lb?.loadBalancer,
    diagnostics: [
      ...[
        ...entry.diagnostics,
        ...(a?.diagnostics ?? []),
        ...(lb?.diagnostics ?? []),
        ...(sup?.diagnostics ?? []),
      ].filter((d) => !hidden.has(d)),
      ...stale,
    ],
    acknowledged,
    supervisor: entry.supervisor,
    loadBalancerName: toDnsLabel(a?.name ?? lb?.loadBalancer.name ?? "haproxy"),
    caSource: a
      ? sourceOf(stack, a.caCertificatePem, `${a.node.path}: caCertificatePem`, false)
      : lb?.caCertificatePem !== undefined
        ? `${lb.construct.node.path}: caCertificatePem (the CA that signed the Data Plane API's certificate)`
        : "-",
    passwordSource: a
      ? sourceOf(stack, a.dataplanePassword, `${a.node.path}: dataplanePassword`, true)
      : lb?.password !== undefined
        ? variableOf(stack, lb.password, `${lb.construct.node.path}: password`)
        : "-",
  };
}

/** Where a password a user supplies comes from: the Terraform variable (anywhere in the app) whose value it is. */
function variableOf(stack: TerraformStack, value: string, fallback: string): string {
  // Every read of a variable's value is a new token: compare what the token refers to (`var.<name>`).
  const ref = Tokenization.reverseString(value).firstToken as { identifier?: unknown } | undefined;
  const variable = stack.node.root.node
    .findAll()
    .find(
      (c): c is TerraformVariable =>
        c instanceof TerraformVariable && ref?.identifier === `var.${c.friendlyUniqueId}`,
    );
  return variable
    ? `Terraform variable ${variable.friendlyUniqueId} (sensitive; TF_VAR_${variable.friendlyUniqueId})`
    : fallback;
}

/** Unresolved cdktf values read "known at apply" in the report, never as token text. */
export function withoutTokens(text: string): string {
  return text
    .replace(/[$#]\{TfToken\[TOKEN\.\d+\]\}/g, "(known at apply)")
    .replace(/-1\.88815458970\d*e\+289/g, "(known at apply)");
}

/**
 * The report files of every network in the stack (one network: `ip-plan.md`, `address-map.svg`).
 *
 * @param reportDir the folder the files are written to: the findings link the rule catalogue from there
 * (default: `docs/rules.md`, the catalogue's path in the package)
 */
export function planReportFiles(stack: TerraformStack, reportDir?: string): Record<string, string> {
  const rulesDocument = reportDir === undefined ? undefined : rulesDocumentFrom(reportDir);
  const entries = registry.get(stack) ?? [];
  const files: Record<string, string> = {};
  for (const entry of entries) {
    const suffix = entries.length === 1 ? "" : `-${entry.node.path.split("/").slice(1).join("-")}`;
    const input = {
      ...reportInputOf(stack, entry, stack.node.id + (suffix ? ` (${entry.node.path})` : "")),
      rulesDocument,
    };
    let md = renderPlanMarkdown(input);
    const errors = input.diagnostics.filter((d) => d.severity === Severity.ERROR).length;
    if (errors > 0) {
      md = md.replace(
        "\n",
        `\n\n> **This plan has ${errors} error${errors === 1 ? "" : "s"} (see Findings): no Terraform file was written for it.**\n`,
      );
    }
    files[`ip-plan${suffix}.md`] = withoutTokens(md);
    // Nothing a user can apply is written for a plan with errors: no request body either.
    if (entry.supervisor && errors === 0 && hasEnableRequestBody(entry.supervisor)) {
      files[`supervisor-enable-request${suffix}.json`] = withoutTokens(
        `${JSON.stringify(enableRequestBody(entry.supervisor), null, 2)}\n`,
      );
    }
    files[`address-map${suffix}.svg`] = withoutTokens(renderPlanAddressMap(input));
  }
  return files;
}

/** The rule errors of every stack of the app, found once per synth (every stack's synthesizer asks). */
const appErrors = new WeakMap<object, string[]>();

function stacksOf(scope: IConstruct): TerraformStack[] {
  return scope.node.root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

function appErrorLines(stack: TerraformStack, session: ISynthesisSession): string[] {
  let lines = appErrors.get(session.manifest);
  if (!lines) {
    lines = stacksOf(stack).flatMap(planErrorLines);
    appErrors.set(session.manifest, lines);
  }
  return lines;
}

/** Sessions whose app was refused: the first stack to see the errors does it for the app. */
const refusedSessions = new WeakSet<object>();

/**
 * The app's plan has errors: remove every Terraform file of the output folder, then either record each stack's
 * refusal in the manifest for the CLI to print (the stacks synthesized before this one now, the others when cdktf
 * reaches them), or throw the errors and warnings of the whole app once.
 */
function refuseApp(stack: TerraformStack, session: ISynthesisSession, errors: string[]): void {
  if (refusedSessions.has(session.manifest)) {
    return;
  }
  refusedSessions.add(session.manifest);
  removeTerraformFiles(session.outdir);
  const stacks = stacksOf(stack);
  stacks.forEach(finalizeFindings);
  if (!cliPrintsAnnotations()) {
    const others = otherValidationErrors(stacks, session);
    throw new PlanErrors([...errors, ...others], annotationLines(stacks, AnnotationMetadataEntryType.WARN));
  }
  for (const s of stacks) {
    if (s === stack) {
      continue;
    }
    if (s.node.id in session.manifest.stacks) {
      recordRefusedStack(s, session, otherValidationErrors([s], session));
    } else if (!registry.has(s)) {
      s.synthesizer = new RefusedStackSynthesizer(s, (later) => otherValidationErrors([s], later));
    }
  }
}

/** Stacks whose report synthesizer is running (it has its own checks). */
const synthesizing = new WeakSet<TerraformStack>();

/**
 * Fails every other way of turning the stack into Terraform (`Testing.synth(stack)` without validations,
 * `Testing.synthScope`) when the plan has rule errors: cdktf invokes aspects on every one of them.
 */
class PlanErrorGuard implements IAspect {
  constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) {
      return;
    }
    finalizeFindings(this.stack);
    if (synthesizing.has(this.stack)) {
      return;
    }
    const errors = planErrorLines(this.stack);
    if (errors.length > 0) {
      throw new PlanErrors(errors, [], true);
    }
  }
}

class PlanReportSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    const stackManifest = session.manifest.forStack(this.stack);
    const dir = path.join(session.outdir, stackManifest.workingDirectory);
    fs.mkdirSync(dir, { recursive: true });
    const files = planReportFiles(this.stack, dir);
    for (const [name, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), text);
    }
    // A request body of an earlier synth would look current beside a report that has none (a plan with errors).
    for (const name of fs.readdirSync(dir)) {
      if (/^supervisor-enable-request.*\.json$/.test(name) && !(name in files)) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
    // An earlier synth in the other syntax left its file here: Terraform would load both and fail on every
    // block as a duplicate (cdktf leaves it, as its HCL synthesis pull request says: hashicorp/terraform-cdk#3365).
    const written = path.basename(stackManifest.synthesizedStackPath);
    for (const other of written.endsWith(".json") ? ["cdk.tf", "metadata.json"] : ["cdk.tf.json"]) {
      fs.rmSync(path.join(dir, other), { force: true });
    }
    // The stacks of an app make one plan (the Supervisor's stack reads the appliance's): an error in any of them
    // writes no Terraform for any, and removes what an earlier synth left. cdktf's own synthesizer is not run: it
    // would throw the validations with a stack trace, or, under the CLI, write the Terraform file.
    const errors = appErrorLines(this.stack, session);
    if (errors.length > 0) {
      refuseApp(this.stack, session, errors);
      recordRefusedStack(this.stack, session, otherValidationErrors([this.stack], session));
      return;
    }
    // A refusal of an earlier synth would read as current beside the Terraform written now.
    fs.rmSync(path.join(dir, PLAN_ERRORS_FILE), { force: true });
    synthesizing.add(this.stack);
    try {
      this.inner.synthesize(session);
    } finally {
      synthesizing.delete(this.stack);
    }
  }
}

/**
 * Fails, with one `[construct path] RULE-ID prop: message` line per rule error, when a plan in the scope's stack
 * (or in any stack under an app) has errors: the one-line assertion for a user's own tests.
 *
 * @example
 * test("the site plan is valid", () => assertValidPlan(new SiteStack(Testing.app(), "site-a")));
 */
export function assertValidPlan(scope: IConstruct): void {
  const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  if (stacks.length === 0) {
    stacks.push(TerraformStack.of(scope));
  }
  const lines = stacks.flatMap(planErrorLines);
  if (lines.length > 0) {
    throw new PlanErrors(lines, [], true);
  }
}
