/**
 * Where a stack keeps its Terraform state: the project folder (`local`), PostgreSQL (`pg`), an S3-compatible
 * object store (`s3`, including on-premises stores) or HCP Terraform / Terraform Enterprise (`cloud`). One
 * choice for a whole app: each stack gets its own place in the store, named from the stack, and a stack that
 * reads another's outputs (a cdktf cross-stack reference) reads them through the same store, because cdktf builds
 * the consumer's `terraform_remote_state` from the PRODUCER's backend (cdktf 0.21
 * `lib/terraform-stack.ts`, `registerIncomingCrossStackReference`: `fromStack.ensureBackendExists()
 * .getRemoteStateDataSource(...)`).
 *
 * Secrets never go into the synthesized files: the PostgreSQL connection string comes only from Terraform's own
 * `PG_CONN_STR` environment variable, object-store keys from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, and
 * an HCP Terraform token from `terraform login` or `TF_TOKEN_<host>`. A prop that would carry one is refused
 * (CFG-07).
 */
import {
  CloudBackend,
  DataTerraformRemoteStateConfig,
  NamedCloudWorkspace,
  S3Backend,
  TerraformBackend,
  TerraformRemoteState,
  TerraformStack,
} from "cdktf";
import { Construct } from "constructs";
import { bool, checkProps, optional, PropSpec, required, str } from "../model/prop-spec";
import { PropsError } from "../model/props-error";
import {
  pgSchemaProblem,
  SECRET_SETTINGS,
  secretSettingProblem,
  workspaceProblem,
} from "../model/state-store-names";
import { ProjectLocalBackend } from "./local-backend";

/** The kind of state store. */
export enum StateBackendType {
  /** Files in the project folder, paths relative to it (`ProjectLocalBackend`). */
  LOCAL = "local",
  /** PostgreSQL: one schema per stack; the connection string from `PG_CONN_STR` only. */
  PG = "pg",
  /** An S3-compatible object store: AWS S3, or an on-premises store by its `endpoint` with path-style URLs. */
  S3 = "s3",
  /** HCP Terraform or Terraform Enterprise: the `cloud` block, one workspace per stack. */
  CLOUD = "cloud",
}

/** State in PostgreSQL (Terraform's `pg` backend). */
export interface PgStateProps {
  /**
   * Prepended to the stack name to make the stack's schema, `<schemaPrefix><stack>` (at most 63 bytes, the
   * length PostgreSQL keeps of a name: CFG-04).
   * @default "" (the schema is the stack name)
   */
  readonly schemaPrefix?: string;
}

/** State in an S3-compatible object store (Terraform's `s3` backend). */
export interface S3StateProps {
  /** The bucket; it must exist (Terraform does not create it). */
  readonly bucket: string;
  /**
   * Prepended to each stack's object key `<keyPrefix><stack>/terraform.tfstate`, e.g. `"tanzu/"`.
   * @default "" (the key starts with the stack name)
   */
  readonly keyPrefix?: string;
  /**
   * The region. Terraform 1.11 requires one, from here or `AWS_REGION` / `AWS_DEFAULT_REGION`.
   * @default - `"us-east-1"` when `endpoint` is set (what on-premises stores expect unless configured
   * otherwise); else from `AWS_REGION` / `AWS_DEFAULT_REGION`
   */
  readonly region?: string;
  /**
   * The S3 API URL of an on-premises or other S3-compatible store, e.g. `"https://minio.example.com:9000"`
   * (`endpoints.s3`). With an endpoint, the AWS-only checks (STS credentials, account id, instance metadata,
   * region name) are skipped.
   * @default - AWS S3
   */
  readonly endpoint?: string;
  /**
   * Path-style URLs (`https://host/bucket/key`), which most on-premises stores need (`use_path_style`).
   * @default - true when `endpoint` is set, false otherwise
   */
  readonly usePathStyle?: boolean;
  /**
   * Lock the state with a lock object beside it (S3 conditional writes, `use_lockfile`; the store must support
   * `If-None-Match` on PUT).
   * @default true
   */
  readonly useLockfile?: boolean;
  /**
   * Do not send checksums with uploads, for stores that reject them (`skip_s3_checksum`).
   * @default false
   */
  readonly skipS3Checksum?: boolean;
}

/** State in HCP Terraform or Terraform Enterprise (the `cloud` block). */
export interface CloudStateProps {
  /** The organization. */
  readonly organization: string;
  /**
   * Prepended to the stack name to make the stack's workspace, `<workspacePrefix><stack>`.
   * @default "" (the workspace is the stack name)
   */
  readonly workspacePrefix?: string;
  /**
   * The project the workspaces are created in.
   * @default - the organization's default project
   */
  readonly project?: string;
  /**
   * Terraform Enterprise's host name.
   * @default "app.terraform.io" (HCP Terraform)
   */
  readonly hostname?: string;
}

/** The run-time shape of each factory's props (for JavaScript users and TypeScript run without a type check). */
const FACTORY_SPECS: Readonly<Record<string, PropSpec>> = {
  pg: { fields: { schemaPrefix: optional(str) } },
  s3: {
    fields: {
      bucket: required(str, "the name of an existing bucket"),
      keyPrefix: optional(str),
      region: optional(str),
      endpoint: optional(str),
      usePathStyle: optional(bool),
      useLockfile: optional(bool),
      skipS3Checksum: optional(bool),
    },
  },
  cloud: {
    fields: {
      organization: required(str, "the HCP Terraform or Terraform Enterprise organization's name"),
      workspacePrefix: optional(str),
      project: optional(str),
      hostname: optional(str),
    },
  },
};

/** CFG-02 for a required name given as "" (or blanks): Terraform would fail at init, far from here. */
function blankProblems(props: Record<string, unknown>, spec: PropSpec): string[] {
  return Object.entries(spec.fields)
    .filter(([k, f]) => !f.optional && typeof props[k] === "string" && (props[k] as string).trim() === "")
    .map(([k, f]) => `CFG-02 ${k}: ${JSON.stringify(props[k])} is empty; give ${f.hint ?? "a value"}.`);
}

/**
 * CFG-02 for an `endpoint` that is not an http(s) URL with a host: Terraform's s3 backend only warns for one
 * (hashicorp/terraform v1.11.4 internal/backend/remote-state/s3/validate.go lines 284-297).
 */
function endpointProblem(endpoint: unknown): string[] {
  if (typeof endpoint !== "string") return [];
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  return url && (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== ""
    ? []
    : [
        `CFG-02 endpoint: ${JSON.stringify(endpoint)} is not an http(s) URL; give the store's S3 API URL, e.g. "https://minio.example.com:9000".`,
      ];
}

/**
 * Check a factory's props before anything reads them: CFG-07 for every prop that would write a secret into the
 * synthesized Terraform, CFG-01 for an unknown prop (with the nearest known name), CFG-02 for a missing,
 * mistyped or empty one. Throws one `PropsError` with every problem; never a TypeError from inside.
 */
function checkFactoryProps(factory: string, type: string, props: unknown): void {
  const spec = FACTORY_SPECS[type];
  const isObject = typeof props === "object" && props !== null && !Array.isArray(props);
  const secrets = isObject ? Object.keys(props).filter((k) => k in SECRET_SETTINGS[type]) : [];
  const rest = isObject
    ? Object.fromEntries(Object.entries(props).filter(([k]) => !secrets.includes(k)))
    : props;
  const problems = [
    ...secrets.map((k) => secretSettingProblem(type, k)),
    ...checkProps(rest, spec),
    ...(isObject ? blankProblems(rest as Record<string, unknown>, spec) : []),
    ...(isObject && type === "s3" ? endpointProblem((rest as S3StateProps).endpoint) : []),
  ];
  if (problems.length > 0) {
    throw new PropsError(`StateBackend.${factory}`, problems);
  }
}

/** Terraform's `pg` backend with no `conn_str`: Terraform takes it from `PG_CONN_STR`. */
class PgEnvBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly schemaName: string,
  ) {
    super(scope, "backend", "pg");
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { schema_name: this.schemaName };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return { schema_name: this.schemaName };
  }

  public getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    // The data source's `conn_str` too comes from PG_CONN_STR (the backend's SDK-like defaults apply to
    // terraform_remote_state's config: hashicorp/terraform v1.11.4 internal/backend/remote-state/pg/backend.go
    // lines 57-60).
    return new PgRemoteState(scope, name, this.schemaName);
  }
}

/** The config of `terraform_remote_state` on the `pg` backend. */
interface PgRemoteStateConfig extends DataTerraformRemoteStateConfig {
  readonly schemaName: string;
}

/** `terraform_remote_state` on the `pg` backend, in the reading stack's workspace. */
class PgRemoteState extends TerraformRemoteState {
  constructor(scope: Construct, id: string, schemaName: string) {
    const config: PgRemoteStateConfig = { schemaName, workspace: "${terraform.workspace}" };
    super(scope, id, "pg", config);
  }
}

/**
 * The state store of an app's stacks, chosen once and applied to each stack (`applyTo`). Made by its static
 * factories, one per `StateBackendType`.
 *
 * ```ts
 * const state = StateBackend.pg({ schemaPrefix: "tanzu_" });
 * state.applyTo(applianceStack);   // schema "tanzu_site-a"
 * state.applyTo(supervisorStack);  // schema "tanzu_site-a-supervisor"
 * ```
 */
export class StateBackend {
  /**
   * Files in the project: `terraform.<stack>.tfstate` beside the output folder, non-default workspaces under
   * `terraform.<stack>.tfstate.d/<workspace>/` (see `ProjectLocalBackend`).
   */
  public static local(): StateBackend {
    return new StateBackend(
      StateBackendType.LOCAL,
      (stack) => `terraform.${stack}.tfstate`,
      (scope) => new ProjectLocalBackend(scope),
    );
  }

  /**
   * PostgreSQL (Terraform's `pg` backend): the stack's state is the row of workspace `default` (or the
   * workspace's name) in table `states` of schema `<schemaPrefix><stack>`, which `terraform init` creates;
   * locking uses PostgreSQL advisory locks (hashicorp/terraform v1.11.4 `internal/backend/remote-state/pg/
   * client.go`, `Lock`). The connection string comes only from `PG_CONN_STR`.
   * @throws PropsError CFG-07 for a `connStr` prop; CFG-01 for an unknown prop; CFG-02 for a mistyped one
   */
  public static pg(props: PgStateProps = {}): StateBackend {
    checkFactoryProps("pg", "pg", props);
    const prefix = props.schemaPrefix ?? "";
    return new StateBackend(
      StateBackendType.PG,
      (stack) => `${prefix}${stack}`,
      (scope, schema) => {
        const tooLong = pgSchemaProblem(schema, prefix);
        if (tooLong) throw new PropsError(scope.node.path, [tooLong]);
        return new PgEnvBackend(scope, schema);
      },
    );
  }

  /**
   * An S3-compatible object store (Terraform's `s3` backend): the stack's state is object
   * `<keyPrefix><stack>/terraform.tfstate`, a non-default workspace's `env:/<workspace>/<keyPrefix><stack>/
   * terraform.tfstate`. Argument names of Terraform 1.11 (hashicorp/terraform v1.11.4
   * `internal/backend/remote-state/s3/backend.go`: `endpoints` line 102 with `s3` line 560, `use_lockfile`
   * line 157, `skip_*` lines 193-216, `use_path_style` line 238; `region` required from the block or the
   * environment, line 641).
   * @throws PropsError CFG-07 for `accessKey`, `secretKey`, `token` or `sseCustomerKey` props; CFG-01 for an
   * unknown prop; CFG-02 for a missing or empty `bucket`, a mistyped prop or an `endpoint` that is not an
   * http(s) URL
   */
  public static s3(props: S3StateProps): StateBackend {
    checkFactoryProps("s3", "s3", props);
    const onPremises = props.endpoint !== undefined;
    return new StateBackend(
      StateBackendType.S3,
      (stack) => `${props.keyPrefix ?? ""}${stack}/terraform.tfstate`,
      (scope, key) => {
        const backend = new S3Backend(scope, {
          bucket: props.bucket,
          key,
          region: props.region ?? (onPremises ? "us-east-1" : undefined),
          ...(onPremises
            ? {
                endpoints: { s3: props.endpoint },
                skipCredentialsValidation: true,
                skipRequestingAccountId: true,
                skipMetadataApiCheck: true,
                skipRegionValidation: true,
              }
            : {}),
          usePathStyle: props.usePathStyle ?? onPremises,
          ...(props.skipS3Checksum ? { skipS3Checksum: true } : {}),
        });
        // cdktf 0.21's S3BackendConfig has no use_lockfile (Terraform 1.10+).
        backend.addOverride("use_lockfile", props.useLockfile ?? true);
        return backend;
      },
    );
  }

  /**
   * HCP Terraform or Terraform Enterprise (the `cloud` block): workspace `<workspacePrefix><stack>` in the
   * organization. A stack reading another's outputs reads them with the `remote` backend from the producer's
   * workspace (cdktf 0.21 `lib/backends/cloud-backend.ts`), which needs that workspace's remote state sharing
   * to include the reader's.
   * @throws PropsError CFG-07 for a `token` prop; CFG-01 for an unknown prop; CFG-02 for a missing or empty
   * `organization` or a mistyped prop; CFG-04 for a workspace name HCP Terraform refuses
   */
  public static cloud(props: CloudStateProps): StateBackend {
    checkFactoryProps("cloud", "cloud", props);
    const prefix = props.workspacePrefix ?? "";
    return new StateBackend(
      StateBackendType.CLOUD,
      (stack) => `${prefix}${stack}`,
      (scope, workspace) => {
        const refused = workspaceProblem(workspace);
        if (refused) throw new PropsError(scope.node.path, [refused]);
        return new CloudBackend(scope, {
          organization: props.organization,
          hostname: props.hostname,
          workspaces: new NamedCloudWorkspace(workspace, props.project),
        });
      },
    );
  }

  /** The kind of store. */
  public readonly backendType: StateBackendType;

  private constructor(
    type: StateBackendType,
    private readonly placeOf: (stack: string) => string,
    private readonly make: (scope: TerraformStack, place: string) => TerraformBackend,
  ) {
    this.backendType = type;
  }

  /**
   * Where a stack's state lives in the store: the local file, the PostgreSQL schema, the object key or the
   * workspace, from the stack's name.
   */
  public placeOfStack(stackName: string): string {
    return this.placeOf(stackName);
  }

  /** Give `stack` this store (its `terraform { backend … }` or `cloud` block); returns the backend construct. */
  public applyTo(stack: TerraformStack): TerraformBackend {
    return this.make(stack, this.placeOf(stack.node.id));
  }
}
