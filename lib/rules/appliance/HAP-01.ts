import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { HaproxyMode } from "../../model/plan";
import { planRule } from "../rule";

/** HAP-01: the NICs of the mode. */
export default planRule({
  id: "HAP-01",
  severity: Severity.ERROR,
  summary: "Frontend mode needs a frontend port group and a frontend IP; default mode takes neither.",
  why: "The OVA's `default` configuration has 2 NICs and its `frontend` configuration 3; a frontend address in default mode has no NIC to live on, and the provider rejects vApp properties the configuration lacks.",
  example: {
    failing: 'mode "default" with frontendIp "192.168.130.5"',
    passing: 'mode "frontend" with a frontend network and frontendIp',
  },
  haproxy: (ctx, report) => {
    const { props, network } = ctx;
    if (props.mode !== HaproxyMode.DEFAULT && props.mode !== HaproxyMode.FRONTEND) {
      report(
        "mode",
        `mode ${quote(props.mode)} is not a deployment option of the appliance. Use HaproxyMode.DEFAULT ("default", 2 NICs) or HaproxyMode.FRONTEND ("frontend", 3 NICs).`,
      );
    }
    if (ctx.frontendMode) {
      if (network.frontendPortGroup === undefined) {
        report(
          "network.frontendNetwork",
          `frontend mode needs a frontend port group, but the network has no frontendNetwork. Add frontendNetwork to the SupervisorWorkloadNetwork, or use HaproxyMode.DEFAULT.`,
        );
      }
      if (props.frontendIp === undefined) {
        report(
          "frontendIp",
          `frontend mode needs frontendIp, the appliance's address on the frontend network. Add it, e.g. an address of the frontend subnet outside the VIP CIDRs.`,
        );
      }
      return;
    }
    if (props.frontendIp !== undefined) {
      report(
        "frontendIp",
        `frontendIp ${quote(props.frontendIp)} is given in default mode, which has no frontend NIC. Remove it, or use mode HaproxyMode.FRONTEND.`,
      );
    }
    if (network.frontendPortGroup !== undefined) {
      report(
        "network.frontendNetwork",
        `the network has frontendNetwork ${quote(network.frontendPortGroup)} but the appliance is in default mode, which has no frontend NIC. Use mode HaproxyMode.FRONTEND, or remove frontendNetwork.`,
      );
    }
  },
});
