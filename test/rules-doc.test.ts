import * as fs from "fs";
import * as path from "path";
import { RULES } from "../lib";
import { renderRulesDoc, ruleLink } from "../lib/report/rules-doc";
import { RULE_UNITS } from "../lib/rules/catalogue";

const DOC = path.join(__dirname, "..", "docs", "rules.md");

describe("the rule catalogue as a document", () => {
  test("docs/rules.md is what the rule units generate (run `npm run docs:rules` after changing a rule)", () => {
    expect(fs.readFileSync(DOC, "utf8")).toBe(renderRulesDoc());
  });

  test("every rule has its own entry, and links point at it", () => {
    const doc = fs.readFileSync(DOC, "utf8");
    for (const id of Object.keys(RULES)) {
      expect(doc).toContain(`### ${id}\n`);
      expect(ruleLink(id)).toBe(`docs/rules.md#${id.toLowerCase()}`);
    }
  });

  test("each unit lives in its family's folder under its own id, with a summary, a why and an example", () => {
    const root = path.join(__dirname, "..", "lib", "rules");
    for (const u of RULE_UNITS) {
      const folder = {
        IP: "input",
        NET: "network",
        VIP: "vip",
        HAP: "appliance",
        SUP: "supervisor",
        SEC: "secrets",
        FLT: "fleet",
        VFL: "foundation",
      }[u.id.split("-")[0]]!;
      expect(fs.existsSync(path.join(root, folder, `${u.id}.ts`))).toBe(true);
      expect(u.summary.length).toBeGreaterThan(10);
      expect(u.why.length).toBeGreaterThan(20);
      expect(u.example.failing).not.toBe(u.example.passing);
      expect(u.network ?? u.haproxy ?? u.foundation ?? u.supervisor ?? u.fleet).toBeDefined();
    }
    expect(RULE_UNITS.map((u) => u.id)).toEqual(Object.keys(RULES));
  });
});
