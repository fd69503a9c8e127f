/**
 * A site file's stacks in an app: the site's own (port groups, appliance, report) and its Supervisor's. Used by
 * the app (`lib/cli/synth-sites.ts`) and by the command line's `report`.
 */
import { App } from "cdktf";
import { Construct } from "constructs";
import { Supervisor } from "../constructs/supervisor";
import { SiteConfig } from "./site-config";
import { SupervisorStack, supervisorProps } from "./supervisor-stack";
import { TopologyStack } from "./topology-stack";

/**
 * One site's stack in the app, and its Supervisor's: a second stack for it (vsphere provider 2.16.1), or, for
 * vSphere 7 ("request-body"), the Supervisor in the site's stack with no resource (the report writes the request
 * body).
 */
export function buildSite(app: App, config: SiteConfig): TopologyStack {
  const stack = new TopologyStack(app, config);
  const cfg = config.supervisor;
  if (cfg && cfg.enablement === "request-body") {
    new Supervisor(
      stack,
      "supervisor",
      supervisorProps(new Construct(stack, "supervisor-lookup"), stack, cfg),
    );
  } else if (cfg) {
    new SupervisorStack(app, stack, cfg);
  }
  return stack;
}
