#!/usr/bin/env node
/**
 * The `tanzu-haproxy-network` command: check site files, propose a plan from one block, choose a topology, write
 * the IP-plan report, list and explain the rules. Exit codes: 0 ok, 1 findings at error level (or a block too
 * small), 2 usage error or unreadable input, 70 a proposal that fails its own check (a bug).
 */
import * as readline from "readline";
import { run } from "./commands";

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org: set and not empty) or TERM=dumb. */
function colour(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";
}

async function main(): Promise<number> {
  let rl: readline.Interface | undefined;
  const ask = process.stdin.isTTY
    ? (question: string) =>
        new Promise<string>((resolve) => {
          rl ??= readline.createInterface({ input: process.stdin, output: process.stderr });
          rl.question(question, resolve);
        })
    : undefined;
  try {
    return await run(process.argv.slice(2), {
      out: (t) => process.stdout.write(`${t}\n`),
      err: (t) => process.stderr.write(`${t}\n`),
      colourOut: colour(process.stdout),
      colourErr: colour(process.stderr),
      ask,
    });
  } finally {
    rl?.close();
  }
}

// A reader that stops early (`rules | head`) closes the pipe: that ends the output, it is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
