import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** HAP-11: the readiness wait's number of tries. */
export default planRule({
  id: "HAP-11",
  severity: Severity.ERROR,
  summary: "The readiness wait's `readinessAttempts` is a whole number from 1 to 1000.",
  why: "The wait tries that many times, 5 to 30 s apart, before it fails the apply that created the appliance: with 0 or fewer it would fail without trying, a fraction is not a number of tries, and 1000 tries are more than 8 hours.",
  example: { failing: "readinessAttempts 0", passing: "readinessAttempts 40" },
  haproxy: (ctx, report) => {
    const n = ctx.props.readinessAttempts;
    if (
      n !== undefined &&
      ctx.known(n, "readinessAttempts") &&
      (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 1000)
    ) {
      const fixed =
        typeof n === "number" && Number.isFinite(n) && n >= 1 ? Math.min(1000, Math.round(n)) : 40;
      report(
        "readinessAttempts",
        `${quote(n)} is not a whole number of tries from 1 to 1000. The default, 40, waits about 20 minutes, enough for a first boot; e.g. ${fixed}.`,
      );
    }
  },
});
