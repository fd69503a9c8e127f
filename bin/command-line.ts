/**
 * The app's command line, parsed strictly with Node's `util.parseArgs` (`strict: true`): an unknown flag, a
 * `--site` without a file or a stray argument is a usage error (exit 2) with a did-you-mean, never a silent
 * synthesis of the example sites.
 */
import * as path from "path";
import { parseArgs } from "util";
import { editDistance } from "../lib/model/nearest-name";

/** Exit codes of the app. */
export const EXIT = { OK: 0, PLAN_ERRORS: 1, USAGE: 2 } as const;

/** What the command line asks for. */
export type Command =
  | { readonly kind: "help" }
  | { readonly kind: "list-rules" }
  /** `files` and `dir` undefined: the built-in example sites. `dir`: every `*.json` of the folder. */
  | { readonly kind: "synth"; readonly files?: string[]; readonly dir?: string }
  | { readonly kind: "usage-error"; readonly message: string };

export const USAGE = `Usage: node --import tsx bin/main.ts [--site FILE[,FILE...]]... [--sites-dir DIR] [--list-rules] [--help]
       SITE_CONFIG=FILE[,FILE...] npm run synth
       SITES_DIR=DIR npm run synth

Synthesizes one Terraform stack per site file (and a second for its Supervisor, if it has one) into
cdktf.out/stacks/, each with its IP-plan report ip-plan.md. Without --site, --sites-dir, SITE_CONFIG or
SITES_DIR: the four example topologies in stacks/sites/ (four alternative plans of one site, not a fleet).
A run of several site files is a fleet: the rules across sites (FLT-01 to FLT-06) run before synthesis, an
error refuses the run, and the fleet report cdktf.out/fleet.md (an address map per routing domain beside it)
is written.

Options:
  --site FILE[,FILE...]  the site files to synthesize; repeat it or separate files with commas
  --sites-dir DIR        every *.json file of the folder DIR (not its subfolders) is a site file
  --list-rules           print the rule catalogue, one line a rule, and exit
  -h, --help             print this help and exit

Environment:
  SITE_CONFIG            the site files when no option names them, as for --site; set but empty is an
                         error (unset it for the examples)
  SITES_DIR              the folder of site files when no option names them, as for --sites-dir; set but
                         empty is an error; not together with SITE_CONFIG
  CDKTF_OUTDIR           where to write (default: cdktf.out)

Exit codes:
  0  Terraform written (warnings are printed and do not fail)
  1  the plan or a site file's content has errors (each line names its rule or CFG id); no Terraform written
  2  a usage error, or a site file that cannot be read or is not JSON
Under npm run synth (cdktf synth) the cdktf CLI prints each problem once, as ERROR [file or usage]: ...
(a site file's problem or a usage error of SITE_CONFIG), and exits with its own code: 1 for all of them.
`;

const OPTIONS = {
  site: { type: "string", multiple: true },
  "sites-dir": { type: "string" },
  "list-rules": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const FLAGS = ["--site", "--sites-dir", "--list-rules", "--help"];

/** File names of a `--site` value or SITE_CONFIG: comma-separated, blanks dropped. */
function fileList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * A usage error for a site file named twice (the same path, however written): its stacks would be made twice,
 * which is not a second site. The fix is the list with each file once. Undefined when every file is named once.
 */
function namedTwice(files: readonly string[], source: "--site" | "SITE_CONFIG"): Command | undefined {
  const first = new Map<string, string>();
  let repeated: [string, string] | undefined;
  for (const file of files) {
    const key = path.resolve(file);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, file);
    else repeated ??= [seen, file];
  }
  if (repeated === undefined) return undefined;
  const [a, b] = repeated;
  const once = [...first.values()].join(",");
  return {
    kind: "usage-error",
    message: `${source} names the site file ${JSON.stringify(a)} twice${a === b ? "" : ` (also as ${JSON.stringify(b)})`}: give each site file once, e.g. ${source === "--site" ? `--site ${once}` : `SITE_CONFIG=${once}`}.`,
  };
}

/** Our words for `parseArgs`' errors (ERR_PARSE_ARGS_*), with the flag meant when one is near. */
function usageMessage(e: Error & { code?: string }): string {
  const name = /'([^']+)'/.exec(e.message)?.[1] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const flag = name.split("=")[0];
      const near = FLAGS.map((f) => [f, editDistance(flag, f)] as const).sort((a, b) => a[1] - b[1])[0];
      const hint = near[1] <= 3 ? ` Did you mean ${near[0]}?` : ` The options are ${FLAGS.join(", ")}.`;
      return `unknown option ${flag}.${hint}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (name.startsWith("--sites-dir")) {
        return "--sites-dir needs the folder of site files, e.g. --sites-dir stacks/sites.";
      }
      if (name.startsWith("--site")) {
        return "--site needs the site file(s) to synthesize, e.g. --site my-site.json.";
      }
      return `${name.replace(/^-h, /, "")} takes no value.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${JSON.stringify(name)}; to synthesize a site file, write --site ${name}.`;
    default:
      return e.message;
  }
}

/** What `argv` (without node and the script) and the environment ask for. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): Command {
  let values: { site?: string[]; "sites-dir"?: string; "list-rules"?: boolean; help?: boolean };
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    return { kind: "usage-error", message: usageMessage(e as Error & { code?: string }) };
  }
  if (values.help) return { kind: "help" };
  if (values["list-rules"]) return { kind: "list-rules" };
  if (values.site !== undefined && values["sites-dir"] !== undefined) {
    return {
      kind: "usage-error",
      message: "--site and --sites-dir name the run's site files twice: give one of them.",
    };
  }
  if (values["sites-dir"] !== undefined) {
    const dir = values["sites-dir"].trim();
    return dir.length > 0
      ? { kind: "synth", dir }
      : {
          kind: "usage-error",
          message: "--sites-dir needs the folder of site files, e.g. --sites-dir stacks/sites.",
        };
  }
  if (values.site !== undefined) {
    const files = fileList(values.site);
    return files.length > 0
      ? (namedTwice(files, "--site") ?? { kind: "synth", files })
      : {
          kind: "usage-error",
          message: "--site needs the site file(s) to synthesize, e.g. --site my-site.json.",
        };
  }
  if (values.site === undefined && env.SITE_CONFIG !== undefined && env.SITES_DIR !== undefined) {
    return {
      kind: "usage-error",
      message:
        "SITE_CONFIG and SITES_DIR are both set: give one of them (or name the sites with --site or --sites-dir, which win).",
    };
  }
  if (env.SITES_DIR !== undefined) {
    const dir = env.SITES_DIR.trim();
    return dir.length > 0
      ? { kind: "synth", dir }
      : {
          kind: "usage-error",
          message: `SITES_DIR ${JSON.stringify(env.SITES_DIR)} names no folder. Give one (SITES_DIR=sites/), or unset it (unset SITES_DIR) for the four examples.`,
        };
  }
  // A SITE_CONFIG that is set but names no file (empty: often `SITE_CONFIG=$UNSET_VARIABLE`) is a mistake, not
  // a request for the examples: only an unset one means those.
  if (env.SITE_CONFIG !== undefined) {
    const files = fileList([env.SITE_CONFIG]);
    return files.length > 0
      ? (namedTwice(files, "SITE_CONFIG") ?? { kind: "synth", files })
      : {
          kind: "usage-error",
          message: `SITE_CONFIG ${JSON.stringify(env.SITE_CONFIG)} names no site file. Give one (SITE_CONFIG=my-site.json), or unset it (unset SITE_CONFIG) for the four examples.`,
        };
  }
  return { kind: "synth" };
}
