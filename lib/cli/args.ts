/**
 * Strict argument parsing for every subcommand, with Node's `util.parseArgs` (`strict: true`) as bin/command-line.ts
 * does: an unknown flag, a flag without its value or a stray argument is a usage error (exit 2) with the flag
 * meant when one is near.
 */
import { parseArgs, ParseArgsConfig } from "util";
import { nearestName } from "../model/nearest-name";

/** Exit codes of the command line. */
export const EXIT = {
  /** Done; no finding at error level (warnings do not fail). */
  OK: 0,
  /** Findings at error level, or a block too small for the plan asked for. */
  ERRORS: 1,
  /** A usage error, or an input that cannot be read or is not JSON. */
  USAGE: 2,
  /** `plan` proposed a file that fails its own check: a bug of the planner (sysexits EX_SOFTWARE). */
  SOFTWARE: 70,
} as const;

/** A usage error: the message is printed with a hint to `--help`, and the command exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags and positional arguments of one subcommand. */
export interface Parsed {
  /** The subcommand, the prefix of its usage errors. */
  readonly command: string;
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** Our words for `parseArgs`' errors (ERR_PARSE_ARGS_*). */
function usageMessage(e: Error & { code?: string }, command: string, options: Options): string {
  const flags = Object.keys(options).map((k) => `--${k}`);
  const name = /'([^']+)'/.exec(e.message)?.[1] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const flag = name.split("=")[0];
      const near = nearestName(flag, flags, 3);
      return `${command}: unknown option ${flag}.${near ? ` Did you mean ${near}?` : ` The options are ${flags.join(", ")}.`}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const flag = name.replace(/^-\w, /, "").split(" ")[0];
      const takes = options[flag.replace(/^--/, "")]?.type === "string";
      return takes ? `${command}: ${flag} needs a value.` : `${command}: ${flag} takes no value.`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `${command}: unexpected argument ${JSON.stringify(name)}.`;
    default:
      return `${command}: ${e.message}`;
  }
}

/** Parse `argv` for `command`, strictly; throws `UsageError`. */
export function parse(
  command: string,
  argv: readonly string[],
  options: Options,
  positionals: boolean,
): Parsed {
  // A negative number after a flag that takes a value is that value (`--namespaces -1`), not a flag, so that the
  // flag's own check names it.
  const args = argv;
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = /^--([\w-]+)$/.exec(args[i])?.[1];
    if (flag && options[flag]?.type === "string" && /^-\d/.test(args[i + 1] ?? "")) {
      joined.push(`${args[i]}=${args[++i]}`);
    } else {
      joined.push(args[i]);
    }
  }
  let r: ReturnType<typeof parseArgs>;
  try {
    r = parseArgs({ args: joined, options, strict: true, allowPositionals: positionals, tokens: true });
  } catch (e) {
    throw new UsageError(usageMessage(e as Error & { code?: string }, command, options));
  }
  // A flag given twice that takes one value: the last would win silently.
  const given = new Map<string, string[]>();
  for (const t of r.tokens ?? []) {
    if (t.kind !== "option" || options[t.name]?.multiple) continue;
    given.set(t.name, [...(given.get(t.name) ?? []), t.value ?? ""]);
  }
  for (const [name, values] of given) {
    if (values.length > 1) {
      const shown =
        options[name]?.type === "string" ? ` (${values.map((v) => JSON.stringify(v)).join(", ")})` : "";
      throw new UsageError(`${command}: --${name} is given ${values.length} times${shown}; give it once.`);
    }
  }
  return { command, values: r.values as Parsed["values"], positionals: r.positionals };
}

/** A flag's whole-number value from `min` to `max`, or its default. */
export function integer(p: Parsed, flag: string, fallback: number, min: number, max: number): number {
  const text = p.values[flag];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (typeof text !== "string" || !/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(
      `${p.command}: --${flag} ${JSON.stringify(text)} is not a whole number from ${min} to ${max}.`,
    );
  }
  return n;
}

/** A string flag's value, or its default. */
export function text(p: Parsed, flag: string, fallback: string): string {
  const v = p.values[flag];
  return typeof v === "string" ? v : fallback;
}

/** A repeatable, comma-separable flag's values. */
export function list(p: Parsed, flag: string): string[] {
  const v = p.values[flag];
  const all = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  return all
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
