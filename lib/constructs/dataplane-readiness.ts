/**
 * The appliance's Data Plane API readiness: a wait that runs only when the appliance is created or replaced and
 * fails that apply with the likely causes, and an opt-in health check on every plan that can only warn.
 *
 * Why this shape (hashicorp/terraform v1.11.4):
 * - A plain `http` data source that depends on the VM is read at every plan, refresh and destroy once the VM
 *   exists, and a read error fails them: `internal/terraform/node_resource_plan_instance.go`
 *   `dataResourceExecute` (87–110) returns `planDataSource`'s errors as they are, also in destroy's refresh
 *   (only postconditions are downgraded there); the http provider v3.5.0 reports a request that never
 *   connects as its own "Error making request" (`internal/provider/data_source_http.go` 355–378). A machine
 *   that cannot reach the management network could then never plan or destroy again. So the failing wait is
 *   not a data source.
 * - A creation-time provisioner runs only when its resource is created (`node_resource_apply_instance.go`
 *   `managedResourceExecute` 334 → `node_resource_abstract_instance.go` `evalApplyProvisioners` 2177: nothing for
 *   `ProvisionerWhenCreate` unless `createNew`), and a failing one fails that apply and taints the resource,
 *   so the next apply waits again. `terraform_data` (Terraform 1.4+) with `triggers_replace` = the VM's id is
 *   replaced, and so waits again, exactly when the VM is replaced. Run with Terraform 1.11.4 by
 *   `test/terraform-engine.test.ts`.
 * - The provisioner runs Node.js (the machine that runs `cdktf deploy` has it) with `interpreter`, so no shell
 *   or curl is needed, on Linux, macOS and Windows alike (`internal/builtin/provisioners/local-exec/
 *   resource_provisioner.go` 108–127: `interpreter` then `command` are the process's arguments, no shell). The
 *   password reaches it in `environment`, never on a command line. A sensitive value in the provisioner's config
 *   suppresses its live output (`node_resource_abstract_instance.go` 2351–2371), but the failure's diagnostic
 *   still carries the output ("Error running command …. Output: …", `resource_provisioner.go` 197–201), which
 *   is where our causes are printed. The script never prints the password.
 * - Health on every plan, opt-in: a `check` block (see `terraform-check.ts`): one try of 5 s, a warning at
 *   most (destroy reads it too, and only warns). Opt-in because the check's read is a planned change every time, so
 *   `terraform plan -detailed-exitcode` would always exit 2 (`internal/plans/changes_src.go` 42–60).
 */
import { Fn, Op, TerraformResource } from "cdktf";
import { TerraformData } from "./terraform-data";
import { Construct } from "constructs";
import { TerraformCheck } from "./terraform-check";

/** The readiness check's failure message: what to look at, most likely first. */
export const READINESS_FAILURE = [
  "The HAProxy appliance's Data Plane API did not answer 200 at the readiness URL. Likely causes:",
  "(1) the appliance's NICs were recreated by the provider, so its interfaces are not named management/workload/frontend (check `ip link` on the console; keep vsphere provider 2.5.1);",
  "(2) the first boot could not write its cloud-init data to guestinfo (ESXi 8.0 U3 needs extra_config guest_rpc.auth.cloud-init.set = FALSE);",
  "(3) the machine that runs Terraform cannot route to the management address and port (turn the check off with readinessCheck: false if it never can);",
  "(4) a 401 means the user or password differs from the vApp properties the appliance first booted with.",
].join(" ");

/** The later plans' health warning. */
export const HEALTH_WARNING =
  "The HAProxy appliance's Data Plane API did not answer 200 at the readiness URL from the machine that runs Terraform (one try, 5 s). This is a warning only: plans, applies and destroys go on. If the appliance should be up, look at its console; if this machine cannot reach the management network, ignore it.";

/**
 * The wait, as one line of Node.js (CommonJS, Node 18+) for `node -e`. One line, single quotes, no backslash,
 * no `${` or `%{`: it is written unchanged into both cdk.tf.json and HCL (cdktf renders a one-line string as
 * a quoted HCL string and would not escape a newline). It reads everything from the environment:
 * HAPROXY_DATAPLANE_URL, _CA (PEM), _USER, _PASSWORD, HAPROXY_READINESS_ATTEMPTS, _MIN_DELAY_MS, _MAX_DELAY_MS,
 * _TIMEOUT_MS and _FAILURE (the message). It tries until an HTTP 200, with a doubling delay between tries,
 * stops early after three 401s in a row (wrong credentials do not heal), and on failure prints the message and
 * the last answer and exits 1.
 */
export const READINESS_PROBE_SCRIPT = [
  "const https = require('https');",
  "const e = process.env;",
  "const url = new URL(e.HAPROXY_DATAPLANE_URL);",
  "const attempts = Number(e.HAPROXY_READINESS_ATTEMPTS);",
  "const minDelay = Number(e.HAPROXY_READINESS_MIN_DELAY_MS);",
  "const maxDelay = Number(e.HAPROXY_READINESS_MAX_DELAY_MS);",
  "const timeout = Number(e.HAPROXY_READINESS_TIMEOUT_MS);",
  "const auth = 'Basic ' + Buffer.from(e.HAPROXY_DATAPLANE_USER + ':' + e.HAPROXY_DATAPLANE_PASSWORD).toString('base64');",
  "const once = () => new Promise((done) => {",
  " const req = https.request(url, { method: 'GET', ca: e.HAPROXY_DATAPLANE_CA, timeout: timeout, headers: { Accept: 'application/json', Authorization: auth } }, (res) => { res.resume(); done({ status: res.statusCode }); });",
  " req.on('timeout', () => req.destroy(new Error('no answer within ' + timeout + ' ms')));",
  " req.on('error', (err) => done({ error: (err.code ? err.code + ': ' : '') + err.message }));",
  " req.end();",
  "});",
  "const sleep = (ms) => new Promise((done) => setTimeout(done, ms));",
  "(async () => {",
  " let last = { error: 'not tried' }; let unauthorized = 0;",
  " for (let i = 1; i <= attempts; i++) {",
  "  last = await once();",
  "  if (last.status === 200) { console.log('Data Plane API ready at ' + url.origin + ' (try ' + i + ' of ' + attempts + ')'); return; }",
  "  unauthorized = last.status === 401 ? unauthorized + 1 : 0;",
  "  if (unauthorized === 3) { break; }",
  "  if (i < attempts) { await sleep(Math.min(maxDelay, minDelay * Math.pow(2, i - 1))); }",
  " }",
  " console.error(e.HAPROXY_READINESS_FAILURE + ' Last answer from ' + url.origin + ': ' + (last.status ? 'HTTP ' + last.status : last.error) + '.');",
  " process.exitCode = 1;",
  "})();",
].join(" ");

/** The command label Terraform shows for the wait ("Error running command '<label>'"). */
export const READINESS_COMMAND = "haproxy-dataplane-api-readiness";

/** What the wait and the health check need. */
export interface DataplaneReadinessOptions {
  /** `https://<management ip>:<port>/v2/info`. */
  readonly url: string;
  /** The CA certificate PEM the appliance's server certificate is signed with. */
  readonly caCertificatePem: string;
  /** The Data Plane API user. */
  readonly user: string;
  /** The Data Plane API password (sensitive). */
  readonly password: string;
  /** Tries of the wait. */
  readonly attempts: number;
  /** The appliance VM's id: the wait runs again when it changes (a replaced VM). */
  readonly virtualMachineId: string;
  /** First delay between tries, doubling up to `maxDelayMs`. Default 5000. */
  readonly minDelayMs?: number;
  /** Longest delay between tries. Default 30000. */
  readonly maxDelayMs?: number;
}

/**
 * The wait and its mark. `wait` is a `terraform_data` replaced with the VM, whose creation-time provisioner runs
 * the probe. `ready` is a second `terraform_data` replaced with the wait (`triggers_replace` = the wait's id), so
 * Terraform applies it only after a wait that succeeded: after a failed first create it does not exist, and
 * when a replaced wait fails it is gone (a dependent being replaced is destroyed first, and its create never
 * runs). It records the endpoint and the VM it waited for: the Supervisor gates on both through
 * `readinessPrecondition`.
 */
export function readinessWait(
  scope: Construct,
  o: DataplaneReadinessOptions,
): { wait: TerraformData; ready: TerraformData } {
  const wait = new TerraformData(scope, "dataplane-api-wait", {
    // Replaced, and so run again, exactly when the VM is replaced.
    triggersReplace: { virtual_machine_id: o.virtualMachineId },
    provisioners: [
      {
        type: "local-exec",
        interpreter: ["node", "-e", READINESS_PROBE_SCRIPT],
        command: READINESS_COMMAND,
        environment: {
          HAPROXY_DATAPLANE_URL: o.url,
          HAPROXY_DATAPLANE_CA: o.caCertificatePem,
          HAPROXY_DATAPLANE_USER: o.user,
          HAPROXY_DATAPLANE_PASSWORD: o.password,
          HAPROXY_READINESS_ATTEMPTS: String(o.attempts),
          HAPROXY_READINESS_MIN_DELAY_MS: String(o.minDelayMs ?? 5000),
          HAPROXY_READINESS_MAX_DELAY_MS: String(o.maxDelayMs ?? 30000),
          HAPROXY_READINESS_TIMEOUT_MS: "10000",
          HAPROXY_READINESS_FAILURE: READINESS_FAILURE,
        },
        // Terraform 1.4+: no "Executing: [node -e <script>]" line.
        quiet: true,
      } as { type: "local-exec"; command: string },
    ],
  });
  const ready = new TerraformData(scope, "dataplane-api-ready", {
    triggersReplace: { wait_id: wait.id },
    input: { url: o.url, virtual_machine_id: o.virtualMachineId } as Record<string, unknown>,
  });
  return { wait, ready };
}

/** The message of a Supervisor whose appliance has not passed its readiness wait. */
export const NOT_READY =
  "The HAProxy appliance's Data Plane API has not passed its readiness wait for the planned endpoint (the appliance's last apply failed there, or has not run): apply the appliance's stack first and read its readiness wait's error.";

/**
 * A precondition for a resource that needs the appliance up: the mark records the planned endpoint and the VM
 * that exists now. Across stacks the condition reads the appliance's outputs, which Terraform writes only for
 * what an apply evaluated: after a failed wait on a replaced VM, the VM's id is new (it was created) while the
 * mark's values are the old ones, so the two ids differ and the gate stays shut. `try()` turns a missing mark
 * (no successful wait yet) into a false condition with our message instead of "Unsupported attribute".
 */
export function readinessPrecondition(
  ready: TerraformResource,
  url: string,
  virtualMachineId: string,
): { condition: unknown; errorMessage: string } {
  return {
    condition: Op.and(
      Op.eq(Fn.try([ready.getStringAttribute("output.url"), ""]), url),
      Op.eq(Fn.try([ready.getStringAttribute("output.virtual_machine_id"), ""]), virtualMachineId),
    ),
    errorMessage: NOT_READY,
  };
}

/** The health check of later plans: a check block with one `http` request of 5 s; a warning at most. */
export function healthCheck(scope: Construct, o: DataplaneReadinessOptions): TerraformCheck {
  return new TerraformCheck(scope, "dataplane-api-health", {
    dataSourceType: "http",
    dataSourceArguments: {
      url: o.url,
      ca_cert_pem: o.caCertificatePem,
      request_headers: {
        Accept: "application/json",
        Authorization: `Basic ${Fn.base64encode(`${o.user}:${o.password}`)}`,
      },
      request_timeout_ms: 5000,
    },
    assertions: (data) => [{ condition: `${data}.status_code == 200`, errorMessage: HEALTH_WARNING }],
  });
}
