import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** The literal secrets a user may give, with how messages name them. */
export const PASSWORDS = [
  ["dataplanePassword", "Data Plane API password"],
  ["rootPassword", "root password"],
] as const;

/** HAP-05: Data Plane API port, user and literal passwords. */
export default planRule({
  id: "HAP-05",
  severity: Severity.ERROR,
  summary:
    "The Data Plane API port is 1–65535, a literal password has 6–128 characters, and the API user name is non-empty.",
  why: "The OVF declares `dataplane_port` as an int from 1 to 65535 and the passwords with 6 to 128 characters (v0.2.0 `hack/image-build-ova.py`); an empty user leaves the Supervisor without credentials.",
  example: { failing: "dataplanePort 70000", passing: "dataplanePort 5556" },
  haproxy: (ctx, report) => {
    const { props } = ctx;
    const port = props.dataplanePort;
    if (
      ctx.known(port, "dataplanePort") &&
      (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
    ) {
      report(
        "dataplanePort",
        `Data Plane API port ${quote(port)} is not a whole number from 1 to 65535. Use the appliance default 5556 unless a firewall needs another port.`,
      );
    }
    if (
      ctx.known(props.dataplaneUser, "dataplaneUser") &&
      (typeof props.dataplaneUser !== "string" || props.dataplaneUser.trim().length === 0)
    ) {
      report(
        "dataplaneUser",
        `Data Plane API user ${quote(props.dataplaneUser)} is empty. Give a user name, e.g. "admin".`,
      );
    }
    for (const [path, what] of PASSWORDS) {
      const value = props[path];
      if (value === undefined || !ctx.known(value, path)) {
        continue;
      }
      if (typeof value !== "string" || value.length < 6 || value.length > 128) {
        const len = typeof value === "string" ? `${value.length} characters` : `not a string`;
        report(
          path,
          `the ${what} is ${len}; the appliance takes 6 to 128 characters. Leave it out to have one generated, or give a longer one from a sensitive variable.`,
        );
      }
    }
  },
});
