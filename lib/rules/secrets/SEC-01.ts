import { Severity } from "../../model/diagnostics";
import { PASSWORDS } from "../appliance/HAP-05";
import { PKCS8_HEADER } from "../appliance/HAP-06";
import { planRule } from "../rule";

/** SEC-01: literal secrets land in plain text. */
export default planRule({
  id: "SEC-01",
  severity: Severity.WARN,
  deployedApplianceOnly: true,
  summary:
    "A password or CA key given as a literal string ends up in plain text in the synthesized configuration: prefer a sensitive variable, or let the construct generate one.",
  why: "`vapp.properties` is not a sensitive attribute of the provider, so a literal lands in `cdk.tf.json` and in every plan; a sensitive variable or a generated `random_password` is redacted in plans (it still lands in state).",
  example: {
    failing: 'rootPassword "VMware1!VMware1!"',
    passing: "rootPassword from a sensitive TerraformVariable, or left out",
  },
  haproxy: (ctx, report) => {
    for (const [path, what] of PASSWORDS) {
      const value = ctx.props[path];
      if (value !== undefined && !ctx.isToken(value)) {
        report(
          path,
          `the ${what} is a literal string, so it lands in plain text in the synthesized configuration and the plan. Pass a sensitive TerraformVariable, or leave it out to have one generated.`,
        );
      }
    }
    const key = ctx.props.certificateAuthority?.privateKeyPem;
    if (typeof key === "string" && !ctx.isToken(key) && key.includes(PKCS8_HEADER)) {
      report(
        "certificateAuthority.privateKeyPem",
        `the CA key is a literal string, so it lands in plain text in the synthesized configuration. Pass it from a sensitive variable, or let the construct generate a CA.`,
      );
    }
  },
});
