/**
 * `check` reports what a synth of the same site file reports: the same rule ids at the same places with the same
 * messages, on the example sites and on failing fixtures (test/fixtures/sites/), without building the app.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { siteFindings } from "../lib/cli/site-check";
import { synthesizeSites } from "../lib/cli/synth-sites";
import { loadSiteConfig } from "../lib/site/site-config";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { parseSiteJson } from "../lib/site/site-json";

const FIXTURES = path.join(__dirname, "fixtures", "sites");
const failing = [
  "vip-holds-gateway.json",
  "acknowledgements.json",
  "supervisor-dns-in-vips.json",
  "site-rules.json",
  "request-body.json",
  "foundation-overlaps.json",
  "foundation-request-body.json",
  "existing-haproxy-vips.json",
].map((f) => path.join(FIXTURES, f));

/** The findings a synth prints, as `ID path: message` (the link to the catalogue left out). */
function synthFindings(file: string): string[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cli-check-"));
  const result = synthesizeSites([file], out);
  return [...result.out, ...result.err]
    .map((l) => l.trim().replace(/^warning: /, ""))
    .filter((l) => l.startsWith(`${file}: `))
    .map((l) => l.slice(file.length + 2).replace(/ \[[^\]\s]*rules\.md#[a-z0-9-]+\]$/, ""))
    .sort();
}

function checkFindings(file: string): string[] {
  const parsed = parseSiteJson(fs.readFileSync(file, "utf8"));
  if ("syntax" in parsed) throw new Error(`${file} is not JSON`);
  return siteFindings(file, loadSiteConfig(file), parsed)
    .map((f) => `${f.id} ${f.path}: ${f.message}`)
    .sort();
}

describe("check and synth report the same findings", () => {
  test.each([...builtInSiteFiles(), ...failing].map((f) => [path.basename(f), f]))(
    "%s: the same ids, places and messages",
    (_name, file) => {
      const synth = synthFindings(file);
      expect(checkFindings(file)).toEqual(synth);
    },
  );

  test("the failing fixtures do fail: each has at least one finding a synth reports", () => {
    for (const file of failing) {
      expect(synthFindings(file).length).toBeGreaterThan(0);
    }
  });

  test("a finding gives its line, the value at its path and the fix the message proposes", () => {
    const file = path.join(FIXTURES, "vip-holds-gateway.json");
    const text = fs.readFileSync(file, "utf8");
    const parsed = parseSiteJson(text);
    if ("syntax" in parsed) throw new Error("not JSON");
    const vip01 = siteFindings(file, loadSiteConfig(file), parsed).find((f) => f.id === "VIP-01")!;
    expect(vip01.path).toBe("haproxy.virtualIpCidrs[0]");
    expect(vip01.value).toBe("192.168.120.0/25");
    expect(text.split("\n")[vip01.line! - 1]).toContain('"192.168.120.0/25"');
    expect(vip01.fixes).toEqual([{ path: "haproxy.virtualIpCidrs[0]", value: "192.168.120.128/25" }]);
  });
});
