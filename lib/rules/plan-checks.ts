/**
 * The engine's entry points as static members of a class, so that every language of the construct library reaches
 * them (free functions reach TypeScript only): `PlanChecks.checkPlan(network, haproxy)` is `checkPlan(…)`.
 */
import { Diagnostic, Finding, formatDiagnostic } from "../model/diagnostics";
import {
  CheckOptions,
  HaproxyPlanProps,
  NetworkPlan,
  NetworkPlanProps,
  SupervisorPlanProps,
  FoundationPlanProps,
} from "../model/plan";
import { checkFleet, FleetCheckOptions } from "./fleet-engine";
import { FleetSite } from "./fleet-context";
import {
  checkFoundationPlan,
  checkHaproxyPlan,
  checkNetworkPlan,
  checkPlan,
  checkSupervisorPlan,
  checkWholePlan,
  EngineOptions,
  HaproxyPlan,
  HaproxyPlanCheck,
  hasErrors,
  NetworkPlanCheck,
  PlanFindings,
  WholePlanCheck,
} from "./engine";

/** Check a plan: the network, the HAProxy appliance and the Supervisor, against the rule catalogue. */
export class PlanChecks {
  /**
   * Check a whole plan at once: the network and, when given, the HAProxy appliance (and the Supervisor of
   * `options.supervisor`); every fix is re-checked with the whole plan.
   * @param network the network's props
   * @param haproxy the appliance's props (defaults resolved); @default - the network alone
   * @param options tokens, site rules, the Supervisor; @default - no options
   * @throws PropsError (CFG-03) for site rules that cannot be used (an id in the catalogue's namespace, one id twice)
   */
  public static checkPlan(
    network: NetworkPlanProps,
    haproxy?: HaproxyPlanProps,
    options?: EngineOptions,
  ): PlanFindings {
    return checkPlan(network, haproxy, options);
  }

  /**
   * Check the network side of a plan: the input form of its values and the NET rules. The parsed plan comes back
   * for the HAProxy check and the report.
   * @param options tokens and site rules; @default - no options
   */
  public static checkNetworkPlan(network: NetworkPlanProps, options?: EngineOptions): NetworkPlanCheck {
    return checkNetworkPlan(network, options);
  }

  /**
   * Check the HAProxy side of a plan against the parsed network side: the VIP and HAP rules, SEC-01 and the
   * HAProxy part of NET-08.
   * @param options tokens and site rules; @default - no options
   */
  public static checkHaproxyPlan(
    network: NetworkPlan,
    haproxy: HaproxyPlanProps,
    options?: EngineOptions,
  ): HaproxyPlanCheck {
    return checkHaproxyPlan(network, haproxy, options);
  }

  /**
   * Check the Supervisor's settings against the parsed network and appliance: NET-09, SUP-01 … SUP-05.
   * @param haproxy the appliance's parsed plan; @default - the Supervisor's load balancer is not known
   * @param options tokens; @default - no options
   */
  public static checkSupervisorPlan(
    network: NetworkPlan,
    supervisor: SupervisorPlanProps,
    haproxy?: HaproxyPlan,
    options?: CheckOptions,
  ): PlanFindings {
    return checkSupervisorPlan(network, haproxy, supervisor, options);
  }

  /**
   * Check a whole plan, by side: the network, the appliance and the Supervisor as far as they are given; every fix
   * a message proposes is checked against the whole plan.
   * @param haproxy @default - no appliance
   * @param supervisorProps the Supervisor's settings; @default - no Supervisor
   * @param options @default - no options
   */
  public static checkWholePlan(
    network: NetworkPlanProps,
    haproxy?: HaproxyPlanProps,
    supervisorProps?: SupervisorPlanProps,
    options?: EngineOptions,
  ): WholePlanCheck {
    return checkWholePlan(network, haproxy, supervisorProps, options);
  }

  /**
   * Check the vSphere Foundation Load Balancer's side of a plan (the VFL rules) against the parsed network and
   * the load balancer's parsed VIPs.
   * @param options tokens; @default - no options
   */
  public static checkFoundationPlan(
    network: NetworkPlan,
    loadBalancer: HaproxyPlan,
    foundation: FoundationPlanProps,
    options?: CheckOptions,
  ): PlanFindings {
    return checkFoundationPlan(network, loadBalancer, foundation, options);
  }

  /**
   * Check many sites' plans against each other (the FLT rules); paths are `sites[<i>].<prop path>`.
   * @param options @default - fixes verified
   */
  public static checkFleet(sites: FleetSite[], options?: FleetCheckOptions): Diagnostic[] {
    return checkFleet(sites, options);
  }

  /** True when any finding is an error. */
  public static hasErrors(diagnostics: Diagnostic[]): boolean {
    return hasErrors(diagnostics);
  }

  /** The one-line form every report uses: `RULE-ID path: message`. */
  public static formatDiagnostic(finding: Finding): string {
    return formatDiagnostic(finding);
  }

  private constructor() {}
}
