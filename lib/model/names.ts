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
