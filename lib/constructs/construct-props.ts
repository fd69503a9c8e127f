/**
 * Props checked when a construct is created, before anything reads them: a missing required prop, a value of
 * the wrong JavaScript type, an unknown or renamed prop. TypeScript's compiler catches these, but JavaScript
 * users and TypeScript run through `tsx` (transpile only) do not have it, and without this check they meet a
 * `TypeError` from inside the library. A construct cannot be built from such props, so this throws (once, with
 * every problem) rather than adding a validation.
 */
import { inspect } from "util";
import { App } from "cdktf";
import { IConstruct } from "constructs";
import { checkProps, PropSpec } from "../model/prop-spec";
import { TOKEN_AWARE } from "./construct-diagnostics";
import { removeTerraformFiles } from "./refused-synthesis";

/**
 * Props a construct cannot be built from. `name` is `"PropsError"`; the message has one line per problem,
 * `[<construct path>] CFG-0x <prop>: <what is wrong>. <fix>`, and no stack frames (the construct path says
 * where, and the frames would be the library's).
 */
export class PropsError extends Error {
  /** The path of the construct that was being created, e.g. `site-a/haproxy`. */
  declare public readonly constructPath: string;
  /** One line per problem, `CFG-0x <prop>: …`. */
  declare public readonly problems: string[];

  constructor(constructPath: string, problems: string[]) {
    super(problems.map((p) => `[${constructPath}] ${p}`).join("\n"));
    // Not enumerable: Node prints an uncaught error's own enumerable fields after it, which would say it twice.
    Object.defineProperties(this, {
      name: { value: "PropsError", enumerable: false },
      constructPath: { value: constructPath, enumerable: false },
      problems: { value: problems, enumerable: false },
      // The message is the whole story: a trace of the library's own frames would only bury it.
      stack: { value: `PropsError: ${this.message}`, enumerable: false, writable: true },
    });
  }

  /** How Node prints it (an uncaught error, console.log): the message, once, without frames. */
  public [inspect.custom](): string {
    return `PropsError: ${this.message}`;
  }
}

/**
 * Check a construct's props against its spec, in its constructor before `super(scope, id)` (so nothing, cdktf's
 * own base classes included, reads them first, and no half-made construct is left in the tree); throws a
 * `PropsError` naming the path the construct would have had.
 */
export function checkConstructProps(scope: IConstruct, id: string, props: unknown, spec: PropSpec): void {
  const problems = checkProps(props, spec, { isUnresolved: TOKEN_AWARE.isUnresolved });
  if (problems.length === 0) {
    return;
  }
  const parent = (scope as IConstruct | undefined)?.node?.path;
  // The app makes one plan: Terraform an earlier synth wrote must not stay applicable beside a failed run.
  const root = (scope as IConstruct | undefined)?.node?.root;
  if (root && App.isApp(root)) {
    removeTerraformFiles(root.outdir);
  }
  throw new PropsError(parent ? `${parent}/${id}` : String(id), problems);
}
