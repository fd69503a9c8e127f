/**
 * Names vSphere takes as DNS labels: workload networks, the load balancer's id, the Supervisor. Pure.
 */

/** A DNS label: `[a-z0-9-]`, 1–63 characters, no leading or trailing `-`. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The nearest DNS label to a name (lower case, other characters as `-`, trimmed to 63); may be empty. */
export function toDnsLabel(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/g, "");
}

/** A DNS name: dot-separated DNS labels, at most 253 characters, not an IPv4 address (RFC 1123 host name). */
export function isDnsName(name: string): boolean {
  return (
    name.length <= 253 &&
    !/^\d+(\.\d+){3}$/.test(name) &&
    name.split(".").every((label) => DNS_LABEL.test(label))
  );
}

/** The nearest DNS name to a text (each label made a DNS label, empty labels dropped); may be empty. */
export function toDnsName(name: string): string {
  return name
    .trim()
    .split(".")
    .map(toDnsLabel)
    .filter((label) => label.length > 0)
    .join(".");
}
