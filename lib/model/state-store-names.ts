/**
 * What a state store's settings may hold, shared by `StateBackend` (TypeScript) and the site file's `backend`
 * key: the settings that would carry a secret (refused, CFG-07) with where Terraform reads each from instead, and
 * the names a store keeps (CFG-04). Pure: reading a site file does not load cdktf.
 */

/** Settings that carry a secret, by store type, and where Terraform reads the secret from instead. */
export const SECRET_SETTINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  local: {},
  // hashicorp/terraform v1.11.4 internal/backend/remote-state/pg/backend.go 57-60: conn_str defaults to PG_CONN_STR.
  pg: { connStr: "PG_CONN_STR", conn_str: "PG_CONN_STR" },
  s3: {
    accessKey: "AWS_ACCESS_KEY_ID",
    access_key: "AWS_ACCESS_KEY_ID",
    secretKey: "AWS_SECRET_ACCESS_KEY",
    secret_key: "AWS_SECRET_ACCESS_KEY",
    token: "AWS_SESSION_TOKEN",
    sseCustomerKey: "AWS_SSE_CUSTOMER_KEY",
    sse_customer_key: "AWS_SSE_CUSTOMER_KEY",
  },
  cloud: { token: "TF_TOKEN_<host> or `terraform login`" },
};

/**
 * The CFG-07 sentence for a secret setting `key` of a store of `type`: where it would be written and where
 * Terraform reads it from instead.
 */
export function secretSettingProblem(type: string, key: string, at: string = key): string {
  return `CFG-07 ${at}: a secret in the backend's settings would be written in clear into every stack's cdk.tf.json (and into the terraform_remote_state of every stack reading it). Remove ${key}; Terraform reads it from ${SECRET_SETTINGS[type]?.[key] ?? "the environment"} at init.`;
}

/** PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1); a longer schema name would be cut. */
export const PG_NAME_BYTES = 63;

/** HCP Terraform workspace names: letters, digits, `-` and `_`, at most 90. */
export const WORKSPACE_NAME = /^[A-Za-z0-9_-]{1,90}$/;

/** CFG-04 for a PostgreSQL schema name longer than PostgreSQL keeps; undefined when it fits. */
export function pgSchemaProblem(schema: string, prefix: string, at = "schemaPrefix"): string | undefined {
  const bytes = Buffer.byteLength(schema);
  return bytes > PG_NAME_BYTES
    ? `CFG-04 ${at}: schema ${JSON.stringify(schema)} is ${bytes} bytes; PostgreSQL keeps ${PG_NAME_BYTES} and two stacks whose names agree that far would share one state. Shorten schemaPrefix ${JSON.stringify(prefix)} or the stack name.`
    : undefined;
}

/** CFG-04 for a workspace name HCP Terraform refuses, with one it takes; undefined when it is one. */
export function workspaceProblem(workspace: string, at = "workspacePrefix"): string | undefined {
  return WORKSPACE_NAME.test(workspace)
    ? undefined
    : `CFG-04 ${at}: workspace ${JSON.stringify(workspace)} is not a workspace name (letters, digits, "-" and "_", at most 90). Use e.g. ${JSON.stringify(workspace.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 90))}.`;
}
