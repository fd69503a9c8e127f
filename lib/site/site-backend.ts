/**
 * The site file's `backend` as the `StateBackend` every stack of the site is given: the site's stack and its
 * Supervisor's keep their state in the same store, so the Supervisor's `terraform_remote_state` (which cdktf builds
 * from the producer's backend) reads the appliance's outputs from there. Default: the local store.
 */
import { StateBackend } from "../constructs/state-backend";
import { BackendConfig } from "./site-schema";

/** The store a site file's `backend` names; `StateBackend.local()` when it names none. */
export function stateBackendOf(backend: BackendConfig | undefined): StateBackend {
  switch (backend?.type) {
    case "pg":
      return StateBackend.pg({ schemaPrefix: backend.schemaPrefix });
    case "s3":
      return StateBackend.s3({
        bucket: backend.bucket,
        keyPrefix: backend.keyPrefix,
        endpoint: backend.endpoint,
        region: backend.region,
        usePathStyle: backend.usePathStyle,
        useLockfile: backend.useLockfile,
        skipS3Checksum: backend.skipS3Checksum,
      });
    case "cloud":
      return StateBackend.cloud({
        organization: backend.organization,
        workspacePrefix: backend.workspacePrefix,
        project: backend.project,
        hostname: backend.hostname,
      });
    default:
      return StateBackend.local();
  }
}
