import { Severity } from "../../model/diagnostics";
import { quote } from "../../model/ip";
import { planRule } from "../rule";

/** The PEM header of a PKCS#8 private key. */
export const PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";

/** HAP-06: a supplied CA comes whole, its key in PKCS#8. */
export default planRule({
  id: "HAP-06",
  severity: Severity.ERROR,
  summary:
    "A supplied CA comes as certificate and key, and the key is PKCS#8 (`-----BEGIN PRIVATE KEY-----`).",
  why: "The appliance uses a given CA only when both parts are set, else it generates its own (v0.2.0 `ovf-to-cloud-init.sh`, `getCreateDefaultCA`); v0.2.0 breaks `BEGIN RSA PRIVATE KEY` keys when it reformats pasted PEM.",
  example: {
    failing: "a key starting -----BEGIN RSA PRIVATE KEY-----",
    passing: "a key starting -----BEGIN PRIVATE KEY-----",
  },
  haproxy: (ctx, report) => {
    const ca = ctx.props.certificateAuthority;
    if (!ca) {
      return;
    }
    if (
      ctx.known(ca.certificatePem, "certificateAuthority.certificatePem") &&
      (typeof ca.certificatePem !== "string" || !ca.certificatePem.includes("-----BEGIN CERTIFICATE-----"))
    ) {
      report(
        "certificateAuthority.certificatePem",
        `the CA certificate ${ca.certificatePem ? 'is not a PEM certificate (no "-----BEGIN CERTIFICATE-----")' : "is missing"}. Give the CA certificate and its key together, or let the construct generate a CA.`,
      );
    }
    if (!ctx.known(ca.privateKeyPem, "certificateAuthority.privateKeyPem")) {
      return;
    }
    const key = typeof ca.privateKeyPem === "string" ? ca.privateKeyPem : "";
    if (key.trim().length === 0) {
      report(
        "certificateAuthority.privateKeyPem",
        `the CA key is missing. Give the CA certificate and its key together, or let the construct generate a CA.`,
      );
    } else if (!key.includes(PKCS8_HEADER)) {
      const found = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(key)?.[0] ?? "no PEM header";
      report(
        "certificateAuthority.privateKeyPem",
        `the CA key starts with ${quote(found)}, but the appliance (v0.2.0) needs PKCS#8 ("${PKCS8_HEADER}"). Convert it with "openssl pkcs8 -topk8 -nocrypt", or use the tls provider's private_key_pem_pkcs8.`,
      );
    }
  },
});
