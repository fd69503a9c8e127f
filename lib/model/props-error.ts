/**
 * The error for input a construct or a factory cannot be built from: one line per problem, prefixed with where
 * (a construct path, or a factory and its argument), and no stack frames. Pure (no constructs), so that the rule
 * factories (`SiteRules`) and the constructs throw the same kind.
 */
import { inspect } from "util";

/**
 * Props a construct cannot be built from. `name` is `"PropsError"`; the message has one line per problem,
 * `[<construct path>] CFG-0x <prop>: <what is wrong>. <fix>`, and no stack frames (the construct path says
 * where, and the frames would be the library's).
 */
export class PropsError extends Error {
  /** The path of the construct that was being created, e.g. `site-a/haproxy`, or the factory called, e.g.
   * `SiteRules.portGroupNamePattern("ACME-03", …)`. */
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
