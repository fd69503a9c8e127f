import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { PortGroupProps } from "../../model/plan";
import { planRule } from "../rule";

const COMPARED: (keyof PortGroupProps)[] = ["cidr", "gateway", "vlanId", "existingNetworkId"];

/** NET-06: port group definitions are consistent. */
export default planRule({
  id: "NET-06",
  severity: Severity.ERROR,
  summary:
    "Port group definitions are consistent: a name used twice carries identical CIDR, gateway, VLAN and existing-network id; the VLAN id is an integer 0–4094; a port group is either created or an existing network, not both.",
  why: "A port group is identified by its name on the switch, so two different descriptions of one name cannot both be true; the provider takes `vlan_id` 0–4094 only; an existing network is used as it is and cannot be given a VLAN.",
  example: { failing: "vlanId 5000", passing: "vlanId 120" },
  network: (ctx, report) => {
    const first = new Map<string, { path: string; props: PortGroupProps }>();
    for (const def of ctx.definitions) {
      const pg = def.props;
      if (pg === undefined || pg === null || typeof pg !== "object") {
        report(def.path, `port group is ${quote(pg)}. Give an object with name, cidr and gateway.`);
        continue;
      }
      const name = pg.name;
      if (!ctx.isToken(name) && (typeof name !== "string" || name.trim().length === 0)) {
        report(
          `${def.path}.name`,
          `port group name ${quote(name)} is empty. Give the distributed port group's name, e.g. "wl-primary".`,
        );
      }
      const key = String(name);
      const seen = first.get(key);
      if (seen) {
        for (const f of COMPARED) {
          if (seen.props[f] !== pg[f]) {
            report(
              `${def.path}.${f}`,
              `port group ${quote(key)} is described twice with different ${f}: ${quote(pg[f])} here and ${quote(seen.props[f])} at ${seen.path}.${f}. A port group name means one port group: describe it identically everywhere, or give the second one another name.`,
            );
          }
        }
        continue;
      }
      first.set(key, { path: def.path, props: pg });
      const vlan = pg.vlanId;
      if (vlan !== undefined && !ctx.isToken(vlan)) {
        if (typeof vlan !== "number" || !Number.isInteger(vlan) || vlan < 0 || vlan > 4094) {
          report(
            `${def.path}.vlanId`,
            `VLAN id ${quote(vlan)} of port group ${quote(key)} is not a whole number from 0 to 4094. Use the access VLAN of the port group (0 for none).`,
          );
        }
      }
      if (pg.existingNetworkId !== undefined && vlan !== undefined) {
        report(
          `${def.path}.existingNetworkId`,
          `port group ${quote(key)} has both existingNetworkId ${quote(pg.existingNetworkId)} and vlanId ${quote(vlan)}: an existing network is used as it is and cannot be given a VLAN. Drop vlanId, or drop existingNetworkId to create the port group.`,
        );
      }
      if (
        pg.existingNetworkId !== undefined &&
        // An existing network's id is only passed through: a token there needs no rule.
        !ctx.isToken(pg.existingNetworkId) &&
        (typeof pg.existingNetworkId !== "string" || pg.existingNetworkId.length === 0)
      ) {
        report(
          `${def.path}.existingNetworkId`,
          `existingNetworkId ${quote(pg.existingNetworkId)} of port group ${quote(key)} is empty. Give the network's managed object id (e.g. from a vsphere_network data source), or leave it out to create the port group.`,
        );
      }
    }
  },
});
