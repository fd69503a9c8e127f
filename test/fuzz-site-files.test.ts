/**
 * Seeded fuzzing of the four example site files through the app's real path (load, build, synth): each of
 * 2,000 mutations (deleted keys, typos, wrong types, nulls, huge and unicode strings, duplicated networks,
 * truncated arrays, broken addresses) must end in a synthesized configuration or a refusal whose every problem
 * names an id (CFG-xx or a rule id). A TypeError, a stack trace, a problem without an id or a run that hangs
 * (over 20 s: a guard against a hang, not a speed target; the speed of the worst inputs is measured in
 * `npm run bench`) fails the test, with the mutation that caused it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { BUILT_IN_SITES_DIR, builtInSiteFiles } from "../stacks/built-in-sites";

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS_PER_SITE = Number(process.env.FUZZ_RUNS ?? 500);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-"));
// The files an example site names beside it (T6's Data Plane API CA), so that its copies can synthesize.
for (const f of fs.readdirSync(BUILT_IN_SITES_DIR).filter((f) => f.endsWith(".pem"))) {
  fs.copyFileSync(path.join(BUILT_IN_SITES_DIR, f), path.join(work, f));
}

type Json = unknown;

/** Every path into a JSON value: objects' keys and arrays' indexes. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function parentOf(
  root: Json,
  p: (string | number)[],
): [Record<string | number, Json>, string | number] | undefined {
  if (p.length === 0) return undefined;
  let node = root as Record<string | number, Json>;
  for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  return [node, p[p.length - 1]];
}

const STRANGE = [
  "",
  " ",
  "x".repeat(100000),
  "Ωμέγα-σύνολο",
  "🙂🙂🙂",
  "\u202eevil",
  "a\u0000b",
  "10.0.0.256",
  "10.0.0.0/33",
  "192.168.120.5/24",
  "255.255.255.0",
  "192.168.120.64-192.168.120.127",
  "::1",
  "010.0.0.1",
  "${var.x}",
];
const VALUES: Json[] = [null, 0, -1, 1.5, 70000, true, {}, [], [null], ["x"], ...STRANGE];

type Mutation = { kind: string; pick: number; value: number; len: number };

function mutate(root: Json, m: Mutation): string {
  const all = paths(root).filter((p) => p.length > 0);
  const p = all[m.pick % all.length];
  const [parent, key] = parentOf(root, p)!;
  const where = p.join(".");
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return `delete ${where}`;
    case "typo": {
      if (Array.isArray(parent) || typeof key !== "string" || key.length < 2) return "none";
      const typo = key.slice(0, m.value % key.length) + key.slice((m.value % key.length) + 1);
      parent[typo] = parent[key];
      delete parent[key];
      return `rename ${where} to ${typo}`;
    }
    case "value": {
      const v = VALUES[m.value % VALUES.length];
      parent[key] = v;
      return `set ${where} = ${JSON.stringify(v)?.slice(0, 40)}`;
    }
    case "duplicate": {
      const target = parent[key];
      if (Array.isArray(target) && target.length > 0) {
        target.push(JSON.parse(JSON.stringify(target[m.value % target.length])));
        return `duplicate an element of ${where}`;
      }
      return "none";
    }
    case "truncate": {
      const target = parent[key];
      if (Array.isArray(target)) {
        target.length = Math.min(target.length, m.len);
        return `truncate ${where} to ${m.len}`;
      }
      return "none";
    }
    default:
      return "none";
  }
}

const mutation = fc.record({
  kind: fc.constantFrom("delete", "typo", "value", "value", "duplicate", "truncate"),
  pick: fc.nat(),
  value: fc.nat(),
  len: fc.nat({ max: 3 }),
});

/** A run this long is a hang (a run takes well under a second; `npm run bench` measures the worst inputs). */
const HANG_MS = 20_000;

const ID = /\b(CFG-\d\d|[A-Z][A-Z0-9]*-\d\d)\b/;

describe.each(builtInSiteFiles().map((f) => [path.basename(f), f]))("fuzzing %s", (_name, file) => {
  test(`${RUNS_PER_SITE} mutations: each synthesizes or is refused with an id, never hanging`, () => {
    const original = fs.readFileSync(file, "utf8");
    const failures: string[] = [];
    const outcomes = { synthesized: 0, refused: 0 };
    let run = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const value = JSON.parse(original) as Json;
        const done = ms.map((m) => mutate(value, m));
        const siteFile = path.join(work, `site-${run++ % 4}.json`);
        fs.writeFileSync(siteFile, JSON.stringify(value));
        const started = Date.now();
        try {
          const result = synthesizeSites([siteFile], path.join(work, "out"));
          const ms_ = Date.now() - started;
          if (ms_ > HANG_MS) failures.push(`${done.join("; ")}: took ${ms_} ms`);
          if (result.code === 0) {
            outcomes.synthesized++;
          } else {
            outcomes.refused++;
            const problems = result.err
              .flatMap((e) => e.split("\n"))
              .filter((l) => /^\s{2}\S/.test(l) && !/^\s{4}/.test(l));
            const without = problems.filter((l) => !ID.test(l) && !/is not valid JSON/.test(l));
            if (problems.length === 0 || without.length > 0)
              failures.push(
                `${done.join("; ")}: problem without an id: ${(without[0] ?? result.err.join(" | ")).slice(0, 300)}`,
              );
            if (
              /HaproxyMode\.|SupervisorWorkloadNetwork\b|HaproxyOva\.|\(S-\d\d\)/.test(result.err.join("\n"))
            )
              failures.push(
                `${done.join("; ")}: TypeScript words or a requirement id in a site-file message: ${result.err.join(" | ").slice(0, 300)}`,
              );
            if (/TfToken|\bat .+\(.*:\d+:\d+\)/.test(result.err.join("\n")))
              failures.push(
                `${done.join("; ")}: token text or a stack trace: ${result.err.join(" | ").slice(0, 300)}`,
              );
          }
        } catch (e) {
          failures.push(
            `${done.join("; ")}: threw ${(e as Error).stack?.split("\n").slice(0, 3).join(" / ")}`,
          );
        }
        return true;
      }),
      { seed: SEED + file.length, numRuns: RUNS_PER_SITE },
    );
    process.stdout.write(`${_name}: ${JSON.stringify(outcomes)}\n`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(outcomes.synthesized + outcomes.refused).toBe(RUNS_PER_SITE);
    // Most mutations leave a usable file: a site that never synthesizes is not being fuzzed at all.
    expect(outcomes.synthesized).toBeGreaterThan(0);
  });
});
