/**
 * The site file's text: syntax errors with a subject, line, column, caret and reason; a key given twice (CFG-06)
 * with both lines; the line of every other CFG problem; exit code 2 for a file that is not JSON or cannot be read.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { loadSiteConfig, SiteConfigError } from "../lib/site/site-config";
import { isSyntaxProblem, MAX_NESTING, parseSiteJson } from "../lib/site/site-json";
import { filesUnder, plainEnv, ROOT, STACK_FRAME, terraformFiles } from "./cli-process";

const T1 = () => fs.readFileSync(builtInSiteFiles()[0], "utf8");

function write(text: string, name = "my.json"): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "site-json-")), name);
  fs.writeFileSync(file, text);
  return file;
}

/** The 1-based line and column of the n-th (0-based) occurrence of `needle` in `text`. */
function placeOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`test setup: ${needle} not found`);
  const before = text.slice(0, at);
  return { line: before.split("\n").length, column: at - before.lastIndexOf("\n") };
}

function loadError(file: string): SiteConfigError {
  try {
    loadSiteConfig(file);
  } catch (e) {
    if (e instanceof SiteConfigError) return e;
    throw e;
  }
  throw new Error("expected the site file to be refused");
}

describe("a site file that is not JSON", () => {
  test("a trailing comma: the subject, its line and column, the line with a caret under the comma, in plain words", () => {
    const text = T1().replace('"gateway": "10.0.0.1"\n', '"gateway": "10.0.0.1",\n');
    const file = write(text);
    const { line, column } = placeOf(text, '"10.0.0.1",');
    const comma = column + '"10.0.0.1"'.length;
    const source = text.split("\n")[line - 1];
    expect(loadError(file).message).toBe(
      [
        `The site file ${file} is not valid JSON:`,
        `  line ${line}, column ${comma}: a trailing comma before \`}\`: JSON allows no comma after the last entry of an object. Remove it.`,
        `    ${source}`,
        `    ${" ".repeat(comma - 1)}^`,
      ].join("\n"),
    );
  });

  test("every trailing comma and comment is listed, each with its place; a list's comma says `]`", () => {
    const text = '{\n  "a": [1, 2,],\n  // a note\n  "b": {"c": 1,}\n}\n';
    const parsed = parseSiteJson(text);
    expect(isSyntaxProblem(parsed)).toBe(true);
    const firstLines = isSyntaxProblem(parsed) ? parsed.syntax.map((p) => p.split("\n")[0]) : [];
    expect(firstLines).toEqual([
      `line 2, column ${placeOf(text, "2,]").column + 1}: a trailing comma before \`]\`: JSON allows no comma after the last item of a list. Remove it.`,
      'line 3, column 3: a comment (`//`): JSON has no comments. Remove it, or put the note in "description".',
      `line 4, column ${placeOf(text, "1,}").column + 1}: a trailing comma before \`}\`: JSON allows no comma after the last entry of an object. Remove it.`,
    ]);
  });

  test.each([
    ["{ 'a': 1 }", "a string in single quotes: JSON strings take double quotes."],
    ["{ a: 1 }", 'a key without quotes: write "a".'],
    ['{"a": 01}', "a number with a leading zero: JSON numbers have none (1, not 01)."],
    ['{"a": 1 "b": 2}', "a comma is missing before this."],
    ['{"a": {"b": 1', "the file ends before an object is closed with `}`."],
    ["", "the file is empty; a site file is one JSON object."],
    [
      '{"a": NaN}',
      "`NaN` is not a JSON value (a string in double quotes, a number, true, false, null, an object or a list).",
    ],
  ])("%j: one problem, in plain words", (text, reason) => {
    const parsed = parseSiteJson(text);
    const problems = isSyntaxProblem(parsed) ? parsed.syntax : [];
    expect(problems).toHaveLength(1);
    expect(problems[0].split("\n")[0]).toMatch(
      new RegExp(`^line 1, column \\d+: ${reason.replace(/[.*+?^${}()|[\]\\`]/g, "\\$&")}$`),
    );
  });

  test("the app exits 2 for it, with no stack trace and nothing written", () => {
    const file = write(T1().replace('"gateway": "10.0.0.1"\n', '"gateway": "10.0.0.1",\n'));
    const out = path.join(path.dirname(file), "out");
    const result = synthesizeSites([file], out);
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toMatch(
      /^The site file .*my\.json is not valid JSON:\n {2}line \d+, column \d+: a trailing comma/,
    );
    expect(result.err.join("\n")).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a file that cannot be read says so with its name, exit 2", () => {
    const missing = path.join(os.tmpdir(), "no-such-dir-site-json", "my.json");
    const result = synthesizeSites(
      [missing],
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), "out-")), "out"),
    );
    expect(result.code).toBe(2);
    expect(result.err).toEqual([
      `The site file ${missing} cannot be read:\n  there is no such file. Give the path of a site JSON file (a copy of an example: stacks/sites/ in this repository, node_modules/tanzu-haproxy-network/stacks/sites/ where the package is installed, or "tanzu-haproxy-network plan").`,
    ]);
  });
});

describe("CFG-06: a key given twice", () => {
  /** T1 with a second "primaryWorkloadNetwork" (another primary range) just before "haproxy". */
  function twoPrimaries(): string {
    const text = T1();
    const second =
      '  "primaryWorkloadNetwork": {\n    "name": "primary",\n    "portGroup": { "name": "wl-120", "vlanId": 120, "cidr": "192.168.120.0/24", "gateway": "192.168.120.1" },\n    "addressRanges": ["192.168.120.41-192.168.120.50"]\n  },\n';
    return text.replace('  "haproxy": {', `${second}  "haproxy": {`);
  }

  test("two primaryWorkloadNetwork keys are refused with the JSON path and both lines, not silently dropped", () => {
    const text = twoPrimaries();
    const first = placeOf(text, '"primaryWorkloadNetwork"', 0).line;
    const second = placeOf(text, '"primaryWorkloadNetwork"', 1).line;
    const file = write(text);
    const e = loadError(file);
    expect(e.unreadable).toBe(false);
    expect(e.problems).toEqual([
      `CFG-06 primaryWorkloadNetwork (line ${second}): the key "primaryWorkloadNetwork" is given twice, at line ${first} and line ${second}; JSON keeps only the last and drops the others without a word. Keep one: merge them into the one at line ${first} and delete the rest.`,
    ]);
    const result = synthesizeSites([file], path.join(path.dirname(file), "out"));
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain(`at line ${first} and line ${second}`);
  });

  test("a nested key twice names its full path; the same key in two objects is no duplicate", () => {
    const text = T1().replace('"mode": "default",', '"mode": "default",\n    "mode": "frontend",');
    const lines = [placeOf(text, '"mode"', 0).line, placeOf(text, '"mode"', 1).line];
    const parsed = parseSiteJson(text);
    expect(isSyntaxProblem(parsed) ? [] : parsed.duplicates).toEqual([
      expect.stringMatching(
        new RegExp(
          `^CFG-06 haproxy\\.mode \\(line ${lines[1]}\\): the key "mode" is given twice, at line ${lines[0]} and line ${lines[1]};`,
        ),
      ),
    ]);
    const t1 = parseSiteJson(T1());
    expect(isSyntaxProblem(t1) ? ["syntax"] : t1.duplicates).toEqual([]);
  });
});

describe("the line of the other CFG problems", () => {
  test("a misspelt key, a wrong value and a missing key each name their line", () => {
    const text = T1()
      .replace('"mode": "default",', '"mode": "three-nic",\n    "fronendIp": "192.168.130.5",')
      .replace('    "datastore": "datastore-01",\n', "");
    expect(loadError(write(text)).problems).toEqual([
      `CFG-02 vsphere.datastore (in the object at line ${placeOf(text, '"vsphere"').line}): missing; it must be a string.`,
      `CFG-01 haproxy.fronendIp (line ${placeOf(text, '"fronendIp"').line}): unknown key "fronendIp". Did you mean "frontendIp"?`,
      `CFG-02 haproxy.mode (line ${placeOf(text, '"mode"').line}): "three-nic" is not one of "default", "frontend".`,
    ]);
  });
});

describe("a file nested too deep", () => {
  const DEEP_LIST = "[".repeat(2001);
  const DEEP_OBJECT = '{"a":'.repeat(50_000);
  const DEEP_DESCRIPTION = () =>
    T1().replace(/"description": "[^"]*"/, `"description": ${"[".repeat(3000)}${"]".repeat(3000)}`);

  test("2001 `[` from the command line: exit 2, its line and column, no stack trace, nothing written", () => {
    const file = write(DEEP_LIST);
    const out = path.join(path.dirname(file), "out");
    const run = spawnSync(process.execPath, ["--import", "tsx", "bin/main.ts", "--site", file], {
      cwd: ROOT,
      encoding: "utf8",
      env: plainEnv({ CDKTF_OUTDIR: out }),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `The site file ${file} is not valid JSON:\n  line 1, column ${MAX_NESTING + 1}: objects and lists nested deeper than ${MAX_NESTING} levels`,
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toContain("RangeError");
    expect(filesUnder(out)).toEqual([]);
  }, 30_000);

  test.each([
    ["an object nested 50,000 deep", () => DEEP_OBJECT, 1, 5 * MAX_NESTING + 1],
    [
      "a deep list as the description",
      DEEP_DESCRIPTION,
      placeOf(T1(), '"description"').line,
      '  "description": '.length + MAX_NESTING,
    ],
  ])("%s is refused at the level past the limit", (_name, text, line, column) => {
    const result = synthesizeSites([write(text())], fs.mkdtempSync(path.join(os.tmpdir(), "deep-")));
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toContain(
      `line ${line}, column ${column}: objects and lists nested deeper than ${MAX_NESTING} levels; a site file needs at most 5.`,
    );
  });
});

describe("a file that is misread", () => {
  const refused = (content: string | Buffer) =>
    synthesizeSites([write(content as string)], fs.mkdtempSync(path.join(os.tmpdir(), "misread-")));
  const T1_DC = () => T1().replace('"datacenter": "dc-01"', '"datacenter": "dc-é01"');

  test("a Latin-1 file: the byte that is not UTF-8, its line, column and value, exit 2; never a U+FFFD", () => {
    const text = T1_DC();
    const result = refused(Buffer.from(text, "latin1"));
    const { line, column } = placeOf(text, "é");
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toContain(
      `is not UTF-8 text:\n  line ${line}, column ${column}: the byte 0xE9 (in Latin-1 or Windows-1252, "é") is not UTF-8; the file is in another encoding. Save the file as UTF-8`,
    );
    expect(result.err.join("\n")).not.toContain("\uFFFD");
  });

  test("the same text in UTF-8 loads", () => {
    expect(loadSiteConfig(write(T1_DC())).vsphere.datacenter).toBe("dc-é01");
  });

  test("a UTF-16 file with its byte-order mark is named as UTF-16", () => {
    const result = refused(Buffer.from(`\uFEFF${T1()}`, "utf16le"));
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toContain(
      "the file is UTF-16 (little-endian), as its byte-order mark says, not UTF-8.",
    );
  });

  test("a NUL byte in a string is called a NUL character, at its column", () => {
    const text = T1().replace('"dc-01"', '"dc-\u000001"');
    const result = refused(text);
    const { line, column } = placeOf(text, "\u0000");
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toContain(
      `line ${line}, column ${column}: a NUL character (U+0000, a zero byte) inside a string`,
    );
  });

  test('"vlanId": 1e400 is a number too large, at its line, not "null"', () => {
    const text = T1().replace('"vlanId": 120', '"vlanId": 1e400');
    const result = refused(text);
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain(
      `CFG-02 primaryWorkloadNetwork.portGroup.vlanId (line ${placeOf(text, "1e400").line}): the number is too large (beyond ±1.8e308`,
    );
    expect(result.err.join("\n")).not.toContain("null");
  });

  test("a top-level list: the file must hold one object, said without the file's content", () => {
    const result = refused(`[${T1()}]`);
    expect(result.code).toBe(1);
    expect(result.err[0].split("\n")[1]).toBe(
      "  CFG-02 (line 1): the file must hold one JSON object, it holds a list. Put the site's keys in one { … }.",
    );
    expect(result.err.join("\n")).not.toContain("stackName");
  });
});

describe("an existing network given a VLAN in a site file", () => {
  test('managementNetwork with "existing": true and "vlanId": 10 is NET-06, as from TypeScript', () => {
    const cfg = JSON.parse(T1()) as { managementNetwork: Record<string, unknown> };
    cfg.managementNetwork = { ...cfg.managementNetwork, existing: true, vlanId: 10 };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "existing-vlan-"));
    const result = synthesizeSites([write(JSON.stringify(cfg, null, 2))], out);
    expect(result.code).toBe(1);
    expect(result.err).toContainEqual(
      expect.stringMatching(
        /: NET-06 managementNetwork\.existing: port group "[^"]+" is "existing": true and has "vlanId" 10: an existing network is used as it is and cannot be given a VLAN\. Drop "vlanId", or drop "existing" to create the port group\./,
      ),
    );
    expect(terraformFiles(filesUnder(out))).toEqual([]);
    delete cfg.managementNetwork.vlanId;
    expect(
      synthesizeSites([write(JSON.stringify(cfg))], fs.mkdtempSync(path.join(os.tmpdir(), "existing-"))).code,
    ).toBe(0);
  });
});
