/**
 * Local state that moves with the project: cdktf's default `LocalBackend` writes the synthesizing machine's
 * absolute working directory into every stack (`path: <cwd>/terraform.<stack>.tfstate`, and the same path in
 * the `terraform_remote_state` of every stack that reads it: cdktf 0.21 `lib/backends/local-backend.ts`), so
 * a `cdktf.out/` run elsewhere (a CI job, another checkout) finds no state.
 */
import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";

/**
 * The local backend with paths relative to the stack's Terraform folder `<outdir>/stacks/<stack>/` (where
 * cdktf runs Terraform), so state lives beside the output folder, in the project:
 *
 * - the default workspace: `terraform.<stack>.tfstate`;
 * - workspace `<name>`: `terraform.<stack>.tfstate.d/<name>/terraform.tfstate` (Terraform's local backend puts a
 *   non-default workspace's state at `<workspace_dir>/<name>/terraform.tfstate`: hashicorp/terraform v1.11.4
 *   `internal/backend/local/backend.go`, `StatePaths`).
 *
 * A stack that reads this one's outputs gets the same relative paths and the same workspace
 * (`terraform.workspace`), so cross-stack references work in every workspace, wherever the project is.
 */
export class ProjectLocalBackend extends LocalBackend {
  constructor(scope: Construct) {
    const stack = TerraformStack.of(scope).node.id;
    super(scope, {
      path: `../../../terraform.${stack}.tfstate`,
      workspaceDir: `../../../terraform.${stack}.tfstate.d`,
    });
  }
}
