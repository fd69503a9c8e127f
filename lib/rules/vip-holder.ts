/**
 * Who answers for a plan's VIP addresses, in messages: the appliance this plan deploys, an existing HAProxy, or
 * the vSphere Foundation Load Balancer. Pure.
 */
import { HaproxyPlanProps } from "../model/plan";

/** `the appliance`, `the HAProxy` or `the load balancer`, by what serves the VIPs. */
export function vipHolder(props: HaproxyPlanProps | undefined): string {
  if (props?.deployed !== false) return "the appliance";
  return props.existingHaproxy !== undefined ? "the HAProxy" : "the load balancer";
}

/** The same, starting a sentence. */
export function vipHolderAtStart(props: HaproxyPlanProps | undefined): string {
  const h = vipHolder(props);
  return h.charAt(0).toUpperCase() + h.slice(1);
}

/**
 * Where a VIP CIDR is given: `haproxy.virtualIpCidrs[0]` for the appliance, `the load balancer's
 * virtualIpCidrs[0]` for one the plan does not deploy (a site file says `supervisor.loadBalancer.…`).
 */
export function vipPlace(props: HaproxyPlanProps | undefined, path: string): string {
  return props?.deployed !== false ? `haproxy.${path}` : `the load balancer's ${path}`;
}
