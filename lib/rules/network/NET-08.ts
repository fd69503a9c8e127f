import { Severity } from "../../model/diagnostics";
import { contains, containsAddress, formatAddress, formatCidr, formatRange, quote } from "../../model/ip";
import { reportInput, reservedAddresses } from "../context";
import { freeBlockStarts, occupiedAddresses } from "../occupied";
import { planRule } from "../rule";

/** NET-08: the Supervisor's 5 management addresses fit and are free. */
export default planRule({
  id: "NET-08",
  severity: Severity.ERROR,
  summary:
    "When given, the Supervisor control-plane management block (5 consecutive addresses) lies inside the management CIDR and holds neither the gateway, an HAProxy address nor a VIP.",
  why: "Enabling the Supervisor takes a static block of 5 consecutive management addresses for the control-plane VMs (vSphere requirement); one of them on the gateway or the appliance breaks both.",
  example: {
    failing: 'supervisorManagementStartIp "10.0.0.1" (the gateway)',
    passing: 'supervisorManagementStartIp "10.0.0.20"',
  },
  network: (ctx, report) => {
    reportInput(ctx.input, "NET-08", report);
    const mgmt = ctx.pgByName.get(ctx.plan.managementPortGroup);
    const block = ctx.plan.managementBlock;
    if (!block || !mgmt?.cidr) {
      return;
    }
    const text = `Supervisor management block ${formatRange(block)}`;
    // Starts of 5 free addresses of the network's plan, nearest the user's first; each is checked again with the
    // appliance and the Supervisor before it is offered.
    const taken = occupiedAddresses({ network: ctx.plan, withoutManagementBlock: true });
    const [start, ...others] = freeBlockStarts(mgmt.cidr, taken, 5, block.first).map(formatAddress);
    const eg = start ? `, e.g. ${quote(start)}` : "";
    if (!contains(mgmt.cidr, block)) {
      report(
        "supervisorManagementStartIp",
        `${text} (5 addresses from ${quote(formatAddress(block.first))}) is not inside management CIDR ${quote(formatCidr(mgmt.cidr))} of port group ${quote(mgmt.name)}. Start it at an address with 4 free addresses after it inside that subnet${eg}.`,
        others,
      );
      return;
    }
    for (const { address: addr, name } of reservedAddresses(mgmt.cidr, mgmt.gateway)) {
      if (containsAddress(block, addr)) {
        report(
          "supervisorManagementStartIp",
          `${text} (5 addresses from ${quote(formatAddress(block.first))}) contains ${formatAddress(addr)}, the ${name} of management port group ${quote(mgmt.name)}. Move the start so the 5 addresses avoid it${eg}.`,
          others,
        );
      }
    }
  },
  haproxy: (ctx, report) => {
    for (const [a, b] of ctx.pairs) {
      if (a.label.kind === "haproxy" && b.label.kind === "block") {
        const cidr = ctx.managementPg?.cidr;
        const taken = occupiedAddresses({
          network: ctx.network,
          haproxy: ctx.props,
          supervisor: ctx.supervisor,
          withoutManagementBlock: true,
        });
        const [start, ...others] = (cidr ? freeBlockStarts(cidr, taken, 5, b.first) : []).map(formatAddress);
        report(
          "supervisorManagementStartIp",
          `${b.label.what()} contains ${a.label.what()}. The Supervisor control-plane VMs would take the appliance's address: move the block's start address${start ? `, e.g. ${quote(start)},` : ""} or the appliance.`,
          others,
        );
      }
    }
  },
});
