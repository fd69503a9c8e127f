import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** How many vSphere Zones a Supervisor on zones spans. */
const ZONES = 3;

/** SUP-06: one cluster or three zones; on zones, at least one control-plane VM per zone. */
export default planRule({
  id: "SUP-06",
  severity: Severity.ERROR,
  summary:
    "A Supervisor on vSphere Zones (`zones`) is on exactly three distinct, non-empty zones, and its control-plane VM count (`controlPlaneCount`), when given, is at least the number of zones.",
  why: 'vsphere provider 2.16.1 enables a Supervisor on one cluster (`cluster`, `EnableOnComputeClusterSpec`) or on zones (`zones`, `EnableOnZonesSpec`; `vsphere/internal/helper/supervisor/supervisor_helper.go` lines 18-62, chosen at `vsphere/resource_vsphere_supervisor_v2.go` lines 1006-1025), and documents `control_plane.count` as "greater or equal to the number of zones backing the Supervisor - 1 for single zone deployments and 3 for stretched Supervisors" (`docs/resources/supervisor_v2.md` line 349). vSphere deploys a zonal Supervisor on three vSphere Zones, one control-plane VM in each; the provider checks neither the number of zones nor the count (a list of non-empty strings, lines 44-53).',
  example: { failing: 'zones ["zone-a", "zone-b"]', passing: 'zones ["zone-a", "zone-b", "zone-c"]' },
  supervisor: (ctx, report) => {
    const zones: unknown = ctx.props.zones;
    if (zones === undefined || !ctx.known(zones, "zones")) {
      return;
    }
    const list = Array.isArray(zones) ? (zones as unknown[]) : [];
    const names = list.filter((z) => typeof z === "string" && z.trim() !== "" && !ctx.isToken(z)) as string[];
    const distinct = [...new Set(names)];
    const unknown = list.some((z) => ctx.isToken(z));
    if (!unknown && (distinct.length !== ZONES || names.length !== list.length)) {
      const dup = names.find((z, i) => names.indexOf(z) !== i);
      const problem =
        dup !== undefined
          ? `names zone ${quote(dup)} twice`
          : names.length !== list.length
            ? "has an empty zone name"
            : `has ${distinct.length} zone${distinct.length === 1 ? "" : "s"}`;
      report(
        "zones",
        `${quote(zones)} ${problem}: a Supervisor on vSphere Zones spans exactly ${ZONES} distinct zones. Give three zone names, or a clusterId for a Supervisor on one cluster.`,
      );
    }
    const count: unknown = ctx.props.controlPlaneCount;
    if (typeof count === "number" && Number.isInteger(count) && count >= 1 && count < ZONES && !unknown) {
      report(
        "controlPlaneCount",
        `${count} control-plane VM${count === 1 ? "" : "s"} on ${ZONES} zones: the count is at least the number of zones (one VM per zone). Give ${ZONES}, e.g. 3.`,
      );
    }
  },
});
