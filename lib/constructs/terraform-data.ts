/**
 * `terraform_data` (Terraform's built-in resource, 1.4+) without cdktf 0.21's `DataResource` synth-time check.
 *
 * cdktf's `DataResource` adds a validation that runs `terraform version` in a child process every time its
 * stack is validated (`cdktf/lib/terraform-data-resource.ts` → `ValidateTerraformVersion` →
 * `validations/validate-binary-version.ts`, `execSync`): about 65 ms per resource per synth, and a synth error
 * ("Could not determine version of terraform") on a machine without a `terraform` binary, such as a laptop
 * that synthesizes for a CI job, or an OpenTofu user's. The stacks say `required_version = ">= 1.4.0"` instead,
 * which Terraform and OpenTofu check themselves at `init`. The synthesized JSON and HCL are the same as
 * `DataResource`'s.
 */
import { withEscapedLineBreaks } from "./hcl-rendering";
import {
  anyToHclTerraform,
  anyToTerraform,
  DataConfig,
  hashMapper,
  hashMapperHcl,
  TerraformMetaArguments,
  TerraformResource,
} from "cdktf";
import { Construct } from "constructs";

/** `terraform_data`: stores `input` (echoed as `output`), replaced when `triggers_replace` changes. */
export class TerraformData extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = "terraform_data";

  private readonly config: DataConfig;

  constructor(scope: Construct, id: string, config: DataConfig = {}) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      terraformGeneratorMetadata: { providerName: "terraform" },
      ...metaArguments(config),
    });
    this.config = config;
  }

  /** The resource's id (a new one at every replacement). */
  public get id(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      input: hashMapper(anyToTerraform)(this.config.input),
      triggers_replace: hashMapper(anyToTerraform)(this.config.triggersReplace),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return {
      input: hashMapperHcl(anyToHclTerraform)(withEscapedLineBreaks(this.config.input)),
      triggers_replace: hashMapperHcl(anyToHclTerraform)(withEscapedLineBreaks(this.config.triggersReplace)),
    };
  }
}

/** The meta-arguments of a resource's config, as `TerraformResource` takes them (for bindings written here). */
export function metaArguments(config: TerraformMetaArguments): TerraformMetaArguments {
  const { provider, dependsOn, count, lifecycle, provisioners, connection, forEach } = config;
  return { provider, dependsOn, count, lifecycle, provisioners, connection, forEach };
}
