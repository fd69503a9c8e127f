/**
 * Every fix a message proposes is checked before it is offered: the engine applies it to the plan and checks
 * again; the fix stays only when the finding is gone and no new error appears. Otherwise the next alternative is
 * tried, and when none passes the proposal is taken out of the message (the rest of the advice stays).
 */
import { Diagnostic, Severity } from "../model/diagnostics";

/** A proposed value in a message: `did you mean "…"?` or `e.g. "…"` (a JSON string or list). */
const PROPOSAL = /(,\s*)?\b(did you mean|e\.g\.) ("(?:[^"\\]|\\.)*"|\[[^\]]*\])\??/i;

/** At most this many re-checks per check: a plan with hundreds of broken values stays fast. */
const BUDGET = 24;

type Path = (string | number)[];

function parsePath(path: string): Path | undefined {
  const out: Path = [];
  for (const part of path.split(".")) {
    const m = /^([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** A copy of `root` with `value` at `path` (copies along the path only), or undefined when there is no such place. */
export function setAt<T>(root: T, path: string, value: unknown): T | undefined {
  const p = parsePath(path);
  if (!p || p.length === 0) return undefined;
  const step = (node: unknown, i: number): unknown => {
    const key = p[i];
    if (node === null || typeof node !== "object") return undefined;
    if (Array.isArray(node) !== (typeof key === "number")) return undefined;
    if (typeof key === "number" && key >= (node as unknown[]).length) return undefined;
    const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
    if (i === p.length - 1) {
      copy[key] = value;
      return copy;
    }
    const child = step(copy[key], i + 1);
    if (child === undefined) return undefined;
    copy[key] = child;
    return copy;
  };
  return step(root, 0) as T | undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The value at `path` of `root`, or undefined when there is no such place. */
export function getAt(root: unknown, path: string): unknown {
  const p = parsePath(path);
  if (!p) return undefined;
  let node = root;
  for (const k of p) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node;
}

/**
 * The value a finding's message proposes for its path (`did you mean "…"?`, `e.g. […]`), parsed from its JSON, or
 * undefined when it proposes none. After the engine's check the proposal is one that passes the whole plan.
 */
export function proposedFix(message: string): unknown {
  const m = PROPOSAL.exec(message);
  return m ? parseJson(m[3]) : undefined;
}

/** How a proposal is put into the props: at its path by default. */
export type Apply<P> = (props: P, path: string, value: unknown) => P | undefined;

const key = (d: Diagnostic) => `${d.ruleId} ${d.path}`;
/** A finding as it reads, less the fix it proposes: a fix that changes what an error says makes a new error. */
const said = (d: Diagnostic) => {
  const m = PROPOSAL.exec(d.message);
  return `${key(d)} ${m ? withoutProposal(d.message, m) : d.message}`;
};

function withoutProposal(message: string, m: RegExpExecArray): string {
  const cut = message.slice(0, m.index) + message.slice(m.index + m[0].length);
  return cut
    .replace(/:\s*\./g, ".")
    .replace(/:\s*$/, ".")
    .replace(/\s+\./g, ".")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** The findings, each proposal checked by `recheck` on the props with the proposal applied. */
export function verifySuggestions<P>(
  props: P,
  found: Diagnostic[],
  recheck: (props: P) => readonly Diagnostic[],
  before: readonly Diagnostic[] = found,
  apply: Apply<P> = setAt,
): Diagnostic[] {
  if (!found.some((d) => PROPOSAL.test(d.message))) {
    return found;
  }
  const errorsBefore = new Set(
    before.filter((d) => d.severity === Severity.ERROR).flatMap((x) => [key(x), said(x)]),
  );
  let budget = BUDGET;
  return found.map((d) => {
    const m = PROPOSAL.exec(d.message);
    if (!m) {
      return d;
    }
    let first: unknown;
    try {
      first = JSON.parse(m[3]);
    } catch {
      return { ...d, message: withoutProposal(d.message, m) };
    }
    // A proposed list (or other JSON value) has its alternatives in JSON too; a proposed string, as plain text.
    const alternatives = (d.alternatives ?? []).map((a) => (typeof first === "string" ? a : parseJson(a)));
    for (const candidate of [first, ...alternatives]) {
      if (candidate === undefined) continue;
      if (budget <= 0) break;
      const next = apply(props, d.path, candidate);
      if (next === undefined) break;
      budget--;
      const after = recheck(next);
      const gone = !after.some((x) => x.ruleId === d.ruleId && x.path === d.path);
      // The fixed value may keep its own other problems; an error elsewhere that now says something else (a DNS
      // server inside the moved block) is new.
      const noNewError = after.every(
        (x) => x.severity !== Severity.ERROR || errorsBefore.has(x.path === d.path ? key(x) : said(x)),
      );
      if (gone && noNewError) {
        const text = JSON.stringify(candidate);
        const message = candidate === first ? d.message : d.message.replace(m[3], text);
        const { alternatives: _unused, ...rest } = d;
        void _unused;
        return { ...rest, message };
      }
    }
    const { alternatives: _unused, ...rest } = d;
    void _unused;
    return { ...rest, message: withoutProposal(d.message, m) };
  });
}
