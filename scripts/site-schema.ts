/** Writes schema/site.schema.json, the JSON Schema of site files, from the zod schema that parses them (`npm run schema`). */
import * as fs from "fs";
import * as path from "path";
import { siteJsonSchemaText } from "../lib/site/site-schema";

const dir = path.join(__dirname, "..", "schema");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "site.schema.json"), siteJsonSchemaText());
