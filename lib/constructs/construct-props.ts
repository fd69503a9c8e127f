/**
 * Props checked when a construct is created, before anything reads them: a missing required prop, a value of
 * the wrong JavaScript type, an unknown or renamed prop. TypeScript's compiler catches these, but JavaScript
 * users and TypeScript run through `tsx` (transpile only) do not have it, and without this check they meet a
 * `TypeError` from inside the library. A construct cannot be built from such props, so this throws (once, with
 * every problem) rather than adding a validation.
 *
 * Under the cdktf CLI the error, left uncaught, becomes error annotations of the CLI's manifest instead of a
 * crash, which the CLI would print twice with Node's excerpt and its own "cdktf encountered an error": see
 * `reportToCliWhenUncaught`.
 */
import { App, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { PropsError } from "../model/props-error";
import { checkProps, PropSpec } from "../model/prop-spec";
import { TOKEN_AWARE } from "./construct-diagnostics";
import { cliPrintsAnnotations, refuseBeforeSynthesis, removeStaleOutputs } from "./refused-synthesis";

export { PropsError };

/**
 * Check a construct's props against its spec, in its constructor before `super(scope, id)` (so nothing, cdktf's
 * own base classes included, reads them first, and no half-made construct is left in the tree); throws a
 * `PropsError` naming the path the construct would have had.
 */
export function checkConstructProps(scope: IConstruct, id: string, props: unknown, spec: PropSpec): void {
  refuseProps(scope, id, checkProps(props, spec, { isUnresolved: TOKEN_AWARE.isUnresolved }));
}

/**
 * Throw a `PropsError` for the construct `id` under `scope` when there are problems (each `CFG-0x <prop>: …`),
 * as `checkConstructProps` does: Terraform an earlier synth wrote is removed, and under the cdktf CLI the
 * problems become its error annotations.
 */
export function refuseProps(scope: IConstruct, id: string, problems: string[]): void {
  if (problems.length === 0) {
    return;
  }
  const parent = (scope as IConstruct | undefined)?.node?.path;
  // The app makes one plan: Terraform an earlier synth wrote must not stay applicable beside a failed run.
  const root = (scope as IConstruct | undefined)?.node?.root;
  if (root && App.isApp(root)) {
    removeStaleOutputs(root.outdir);
  }
  const error = new PropsError(parent ? `${parent}/${id}` : String(id), problems);
  if (cliPrintsAnnotations()) {
    reportToCliWhenUncaught(error, scope);
  }
  throw error;
}

/** The PropsErrors thrown under the cdktf CLI, and the scope of the construct each one was thrown for. */
const thrownUnderCli = new WeakMap<PropsError, IConstruct | undefined>();
let monitoring = false;

/**
 * Under the cdktf CLI, a PropsError that nothing catches ends the app the way the CLI prints once: its problems
 * become error annotations of the manifest (`refuseBeforeSynthesis`), and the app exits with code 0 without
 * printing anything; the CLI prints each problem once, `ERROR [site-a/haproxy]: CFG-01 managmentIp: …`, and
 * fails. The error is still thrown: the app stops where it was (nothing is built from the props), and code that
 * catches it (a test, a `try`) gets it as anywhere else.
 *
 * Node calls `uncaughtExceptionMonitor` listeners before it prints an uncaught error and exits, also for an
 * ES module's top-level error or a rejected promise that becomes one (origin `unhandledRejection`); errors
 * that are not such a PropsError are left to Node (nodejs/node `lib/internal/process/execution.js`
 * `createOnGlobalUncaughtException`, commit 01d3c44b: it emits `uncaughtExceptionMonitor` with origin
 * `unhandledRejection` or `uncaughtException` before it looks for `uncaughtException` listeners or prints; seen
 * so on Node.js 20.20 for a `node --import tsx` app).
 */
function reportToCliWhenUncaught(error: PropsError, scope: IConstruct | undefined): void {
  thrownUnderCli.set(error, scope);
  if (!monitoring) {
    monitoring = true;
    process.on("uncaughtExceptionMonitor", refuseOnUncaughtPropsError);
  }
}

function refuseOnUncaughtPropsError(e: unknown): void {
  if (!(e instanceof PropsError) || !thrownUnderCli.has(e)) {
    return;
  }
  const scope = thrownUnderCli.get(e);
  try {
    refuseBeforeSynthesis(
      outdirOf(scope),
      stackNameOf(scope, e.constructPath),
      e.problems.map((message) => ({ where: e.constructPath, message })),
    );
  } catch {
    // The output folder cannot be written: Node reports the error as it would have.
    return;
  }
  process.exit(0);
}

/** The app's output folder (the CLI's `CDKTF_OUTDIR`, which `App` reads: cdktf `lib/app.ts` 96). */
function outdirOf(scope: IConstruct | undefined): string {
  const root = scope?.node?.root;
  return root && App.isApp(root) ? root.outdir : (process.env.CDKTF_OUTDIR ?? "cdktf.out");
}

/** The stack the construct would have been in; outside a stack, the first part of its path. */
function stackNameOf(scope: IConstruct | undefined, constructPath: string): string {
  try {
    if (scope?.node) {
      return TerraformStack.of(scope).node.id;
    }
  } catch {
    // Not in a stack.
  }
  return constructPath.split("/")[0] || "app";
}
