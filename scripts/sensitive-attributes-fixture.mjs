#!/usr/bin/env node
/* global console, process, URL */
/**
 * Writes test/fixtures/sensitive-attributes.json: for every resource and data source type of the providers the
 * stacks pin, the attribute paths the provider marks `sensitive`. The cross-stack secrets test reads it to know
 * which outputs of a stack carry a secret.
 *
 * Input: what `terraform providers schema -json` prints, one file per argument (after an ordinary
 * `terraform init` of a stack: run it once in the appliance's stack and once in the Supervisor's), e.g.
 *
 *   terraform -chdir=cdktf.out/stacks/t1-single-workload-network providers schema -json > /tmp/appliance.json
 *   terraform -chdir=cdktf.out/stacks/t1-single-workload-network-supervisor providers schema -json > /tmp/sup.json
 *   node scripts/sensitive-attributes-fixture.mjs /tmp/appliance.json /tmp/sup.json
 *
 * The committed fixture was made from the schemas of hashicorp/vsphere 2.5.1, vmware/vsphere 2.16.1,
 * hashicorp/http 3.5.0, hashicorp/tls 4.1.0 and hashicorp/random 3.7.2, each built from its release tag.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const out = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "..",
  "test",
  "fixtures",
  "sensitive-attributes.json",
);
const result = { source: [], resources: {}, dataSources: {} };

function walk(block, prefix, into) {
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.sensitive) into.push(prefix + name);
  }
  for (const [name, b] of Object.entries(block.block_types ?? {})) {
    walk(b.block, `${prefix}${name}.`, into);
  }
}

for (const file of process.argv.slice(2)) {
  const schema = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const [provider, s] of Object.entries(schema.provider_schemas)) {
    result.source.push(provider);
    for (const [kind, key] of [
      ["resources", "resource_schemas"],
      ["dataSources", "data_source_schemas"],
    ]) {
      for (const [type, t] of Object.entries(s[key] ?? {})) {
        const paths = [];
        walk(t.block, "", paths);
        if (paths.length > 0)
          result[kind][type] = [...new Set([...(result[kind][type] ?? []), ...paths])].sort();
      }
    }
  }
}
result.source.sort();
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `wrote ${out}: ${Object.keys(result.resources).length} resource and ${Object.keys(result.dataSources).length} data source types with sensitive attributes, from ${result.source.join(", ")}`,
);
