import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { reportInput } from "../context";
import { planRule } from "../rule";

/** HAP-04: at most 3 nameservers, each IPv4. */
export default planRule({
  id: "HAP-04",
  severity: Severity.ERROR,
  summary: "At most 3 nameservers, each IPv4.",
  why: "The appliance's `network.nameservers` property takes up to 3 comma-separated IPv4 addresses (OVF property description, v0.2.0 `hack/image-build-ova.py`).",
  example: {
    failing: '["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]',
    passing: '["10.0.0.2", "10.0.0.3"]',
  },
  haproxy: (ctx, report) => {
    const nameservers = Array.isArray(ctx.props.nameservers) ? ctx.props.nameservers : [];
    if (nameservers.length > 3) {
      report(
        "nameservers",
        `${nameservers.length} nameservers are given (${nameservers.slice(0, 5).map(quote).join(", ")}${nameservers.length > 5 ? ", …" : ""}); the appliance takes at most 3. Keep the 3 closest to the management network.`,
      );
    }
    reportInput(ctx.input, "HAP-04", report);
  },
});
