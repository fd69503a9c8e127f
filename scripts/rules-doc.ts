/** Writes docs/rules.md from the rule units (`npm run docs:rules`). */
import * as fs from "fs";
import * as path from "path";
import { renderRulesDoc } from "../lib/report/rules-doc";

fs.writeFileSync(path.join(__dirname, "..", "docs", "rules.md"), renderRulesDoc());
