/**
 * The report renderers as static members of a class, so that every language of the construct library reaches
 * them (free functions reach TypeScript only): `PlanReport.renderMarkdown(input)` is `renderPlanMarkdown(input)`.
 */
import { HaproxyPlan } from "../rules/engine";
import { NetworkPlan } from "../model/plan";
import { AddressMapOverlays, renderAddressMap, renderPlanAddressMap } from "./address-map-svg";
import {
  PlanReportInput,
  renderPlanMarkdown,
  SubnetReport,
  subnetReports,
  WizardField,
  wizardValues,
} from "./plan-report";

/** The plan's report: the Markdown page, its wizard values and subnets, and the SVG address map. */
export class PlanReport {
  /** The Markdown report of a plan (`ip-plan.md`): wizard values, subnets, findings. */
  public static renderMarkdown(input: PlanReportInput): string {
    return renderPlanMarkdown(input);
  }

  /**
   * The subnets of a plan with what lives in each.
   * @param haproxy the appliance's parsed plan; @default - the network alone
   */
  public static subnetReports(network: NetworkPlan, haproxy?: HaproxyPlan): SubnetReport[] {
    return subnetReports(network, haproxy);
  }

  /** The values to type into the Workload Management wizard, field by field. */
  public static wizardValues(input: PlanReportInput): WizardField[] {
    return wizardValues(input);
  }

  /**
   * The subnets as an SVG document, with the findings, servers and service CIDR of `overlays`.
   * @param overlays @default - none
   */
  public static renderAddressMap(
    title: string,
    subnets: SubnetReport[],
    overlays?: AddressMapOverlays,
  ): string {
    return renderAddressMap(title, subnets, overlays);
  }

  /** The address map of a plan's report (`ip-plan.svg`): its subnets, findings, servers and service CIDR. */
  public static renderPlanAddressMap(input: PlanReportInput): string {
    return renderPlanAddressMap(input);
  }

  private constructor() {}
}
