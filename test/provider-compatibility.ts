/**
 * Checks synthesized Terraform against the attribute paths one provider release knows (a committed fixture,
 * see scripts/provider-attribute-fixture.mjs).
 */

/** The fixture's shape. */
export interface ProviderAttributes {
  readonly version: string;
  /** Keyed `resource.<type>`, `data.<type>` or `provider.<name>`. */
  readonly types: Record<string, { attributes: string[]; blocks: string[]; maps: string[] }>;
}

/** Terraform meta-arguments: not part of a provider's schema. */
const META = new Set([
  "//",
  "depends_on",
  "lifecycle",
  "provider",
  "count",
  "for_each",
  "connection",
  "provisioner",
]);

/**
 * Every attribute path of the provider's types (prefix `vsphere_`) in a synthesized configuration that the
 * release does not know, as `resource.vsphere_x.name: path`; a type the release lacks is reported whole.
 */
export function unknownAttributePaths(
  json: Record<string, unknown>,
  known: ProviderAttributes,
  prefix: string,
  providerName: string,
): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string, schema: ProviderAttributes["types"][string], where: string) => {
    if (value === null || typeof value !== "object") return;
    for (const item of Array.isArray(value) ? value : [value]) {
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        if (path === "" && META.has(key)) continue;
        const p = path ? `${path}.${key}` : key;
        if (!schema.attributes.includes(p)) {
          out.push(`${where}: ${p}`);
        } else if (schema.blocks.includes(p)) {
          walk(child, p, schema, where);
        }
      }
    }
  };
  for (const kind of ["resource", "data"] as const) {
    const byType = (json[kind] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [type, instances] of Object.entries(byType)) {
      if (!type.startsWith(prefix)) continue;
      const schema = known.types[`${kind}.${type}`];
      for (const [name, body] of Object.entries(instances)) {
        if (!schema) out.push(`${kind}.${type}.${name}: the type itself`);
        else walk(body, "", schema, `${kind}.${type}.${name}`);
      }
    }
  }
  const providers = (json.provider ?? {}) as Record<string, unknown[]>;
  for (const block of providers[providerName] ?? []) {
    walk(block, "", known.types[`provider.${providerName}`], `provider.${providerName}`);
  }
  return out;
}
