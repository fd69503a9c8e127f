/**
 * What a stack's plan synthesizes to, as static members of a class, so that every language of the construct
 * library reaches them (free functions reach TypeScript only): `SynthesizedPlan.assertValid(stack)` is
 * `assertValidPlan(stack)`.
 */
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { assertValidPlan, planReportFiles } from "./plan-report-synthesizer";

/** The plans of a stack: the assertion for users' tests and the report files. */
export class SynthesizedPlan {
  /**
   * Fails, with one `[construct path] RULE-ID prop: message` line per rule error, when a plan in the scope's
   * stack (or in any stack under an app) has errors: the one-line assertion for a user's own tests.
   * @throws PlanErrors naming every rule error
   */
  public static assertValid(scope: IConstruct): void {
    assertValidPlan(scope);
  }

  /**
   * The report files of a stack's plans by file name (`ip-plan.md`, `ip-plan.svg`, …), as synthesis writes them.
   * @param reportDir where the files go, for the link to the rules document; @default - no link
   */
  public static reportFiles(stack: TerraformStack, reportDir?: string): Record<string, string> {
    return planReportFiles(stack, reportDir);
  }

  private constructor() {}
}
