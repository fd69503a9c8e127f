import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { HaproxyLoadBalancer, SupervisorWorkloadNetwork } from "../lib";
import { planReportFiles } from "../lib/constructs/plan-report-synthesizer";
import {
  PACKAGE_RULES_DOCUMENT,
  rulesDocumentFile,
  rulesDocumentFrom,
  rulesDocumentFromCwd,
} from "../lib/constructs/rules-document";
import { RULES } from "../lib";
import { s13ApplianceProps, s13Network, stackWithProviders } from "./fixtures";

const repo = path.resolve(__dirname, "..");

/** The `path#anchor` links of a Markdown text that point at the catalogue. */
function catalogueLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)]*rules\.md#[a-z0-9-]+)\)/g)].map((m) => m[1]);
}

/** Whether a link resolves from a folder: the file exists and has the anchor's `### ID` heading. */
function resolves(fromDir: string, link: string): boolean {
  const [file, anchor] = link.split("#");
  const target = path.resolve(fromDir, file);
  return (
    fs.existsSync(target) &&
    fs
      .readFileSync(target, "utf8")
      .split("\n")
      .some((l) => l.startsWith("### ") && l.slice(4).trim().toLowerCase() === anchor)
  );
}

describe("links to the rule catalogue resolve where the user reads them", () => {
  test("the catalogue is found in the package: docs/rules.md of this repository", () => {
    expect(rulesDocumentFile()).toBe(path.join(repo, "docs", "rules.md"));
  });

  test("messages name it from the folder the command runs in", () => {
    expect(process.cwd()).toBe(repo);
    expect(rulesDocumentFromCwd()).toBe("docs/rules.md");
    for (const id of Object.keys(RULES)) {
      expect(resolves(process.cwd(), `${rulesDocumentFromCwd()}#${id.toLowerCase()}`)).toBe(true);
    }
  });

  test("a report in cdktf.out/stacks/<stack>/ links it relatively, and every link of the report resolves from there", () => {
    const reportDir = path.join(repo, "cdktf.out", "stacks", "site-a");
    expect(rulesDocumentFrom(reportDir)).toBe("../../../docs/rules.md");
    const stack = stackWithProviders(
      "site-a",
      new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "doc-")) }),
    );
    const network = new SupervisorWorkloadNetwork(stack, "network", {
      distributedSwitchUuid: "dvs",
      ...s13Network(),
    });
    // The seed's VIPs hold the broadcast address (VIP-06) and default mode warns (HAP-07): findings with links.
    new HaproxyLoadBalancer(stack, "haproxy", s13ApplianceProps(network));
    const links = catalogueLinks(planReportFiles(stack, reportDir)["ip-plan.md"]);
    expect(links).toEqual(
      expect.arrayContaining(["../../../docs/rules.md#vip-06", "../../../docs/rules.md#hap-07"]),
    );
    expect(links.filter((l) => !resolves(reportDir, l))).toEqual([]);
  });

  test("an output folder outside the project gets the package's name, no path of this machine", () => {
    const elsewhere = path.join(os.tmpdir(), "cdktf.out", "stacks", "site-a");
    expect(rulesDocumentFrom(elsewhere)).toBe(PACKAGE_RULES_DOCUMENT);
    // tanzu-haproxy-network, or tanzu-haproxy-network-cdktn in the cdktn package (scripts/build-cdktn.ts).
    const name = (
      JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { name: string }
    ).name;
    expect(PACKAGE_RULES_DOCUMENT).toBe(`${name}/docs/rules.md`);
  });
});
