/**
 * Where the appliance comes from and what it trusts: the OVA (`HaproxyOva`) and the CA that signs its server
 * certificate (`HaproxyCertificateAuthority`), given to `HaproxyLoadBalancer` as props.
 */
/** Where the appliance's OVA comes from. */
export class HaproxyOva {
  /** The latest release of the appliance. */
  public static readonly LATEST_VERSION = "v0.2.0";
  /** Releases whose properties this construct knows; vSphere 7.0.1+ needs v0.1.9 or later. */
  public static readonly KNOWN_VERSIONS = ["v0.1.9", "v0.1.10", "v0.2.0"];

  /**
   * A published release from HAProxy's CDN. The machine that runs Terraform downloads it and streams it to ESXi
   * (provider `vsphere/internal/helper/ovfdeploy/ovf_helper.go`): that machine needs to reach the URL and the
   * hosts on port 443; vCenter downloads nothing.
   */
  public static fromRelease(version: string): HaproxyOva {
    HaproxyOva.assertKnown(version);
    return new HaproxyOva(
      version,
      `https://cdn.haproxy.com/download/haproxy/vsphere/ova/haproxy-${version}.ova`,
      undefined,
    );
  }

  /**
   * An OVA at another URL (a mirror), of the given release; downloaded by the machine that runs Terraform.
   * @param version the release; @default - the known release its file name says (`haproxy-v0.1.10.ova`, as the
   * releases are published), else `LATEST_VERSION`
   */
  public static fromUrl(url: string, version?: string): HaproxyOva {
    const release = version ?? HaproxyOva.versionInFileName(url) ?? HaproxyOva.LATEST_VERSION;
    HaproxyOva.assertKnown(release);
    return new HaproxyOva(release, url, undefined);
  }

  /**
   * An OVA on the machine that runs Terraform, of the given release.
   * @param version the release; @default - the known release its file name says, else `LATEST_VERSION`
   */
  public static fromLocalPath(path: string, version?: string): HaproxyOva {
    const release = version ?? HaproxyOva.versionInFileName(path) ?? HaproxyOva.LATEST_VERSION;
    HaproxyOva.assertKnown(release);
    return new HaproxyOva(release, undefined, path);
  }

  /**
   * The known release a URL's or path's file name says, as HAProxy publishes them (`haproxy-v0.1.10.ova`, the
   * CDN's `haproxy-${version}.ova`); undefined for another name or a release not in `KNOWN_VERSIONS`.
   */
  public static versionInFileName(location: string): string | undefined {
    const name = location.split(/[?#]/)[0].split(/[/\\]/).pop() ?? "";
    const m = /^haproxy-(v\d+\.\d+\.\d+)\.ova$/i.exec(name);
    return m && HaproxyOva.KNOWN_VERSIONS.includes(m[1]) ? m[1] : undefined;
  }

  private static assertKnown(version: string): void {
    if (!HaproxyOva.KNOWN_VERSIONS.includes(version)) {
      throw new Error(
        `HaproxyOva: unknown appliance release ${JSON.stringify(version)}. Use one of ${HaproxyOva.KNOWN_VERSIONS.map((v) => JSON.stringify(v)).join(", ")}.`,
      );
    }
  }

  private constructor(
    /** The appliance release, e.g. `v0.2.0`. */
    public readonly version: string,
    /** The URL the machine that runs Terraform downloads, when remote. */
    public readonly remoteOvfUrl: string | undefined,
    /** The local path, when local. */
    public readonly localOvfPath: string | undefined,
  ) {}

  /** True when the release reads `additional_workload_networks` (v0.2.0 and later). */
  public get hasAdditionalWorkloadNetworks(): boolean {
    return this.version === "v0.2.0";
  }
}

/** Options of a CA generated with the tls provider. */
export interface GeneratedCaOptions {
  /**
   * The CA's common name.
   * @default "HAProxy appliance CA"
   */
  readonly commonName?: string;
  /**
   * How long the CA is valid. Renewing it replaces the appliance.
   * @default 87600 (10 years)
   */
  readonly validityPeriodHours?: number;
}

/** The CA the appliance signs its Data Plane API certificate with (the Supervisor must be given it). */
export class HaproxyCertificateAuthority {
  /** Generate a CA with the tls provider (RSA 2048, key passed to the appliance in PKCS#8). */
  public static generate(options: GeneratedCaOptions = {}): HaproxyCertificateAuthority {
    return new HaproxyCertificateAuthority(options, undefined, undefined);
  }

  /** Use an existing CA; the key must be PKCS#8 (`-----BEGIN PRIVATE KEY-----`, HAP-06). Prefer tokens. */
  public static fromPem(certificatePem: string, privateKeyPem: string): HaproxyCertificateAuthority {
    return new HaproxyCertificateAuthority(undefined, certificatePem, privateKeyPem);
  }

  private constructor(
    /** Options when generated. */
    public readonly generated: GeneratedCaOptions | undefined,
    /** The certificate when supplied. */
    public readonly certificatePem: string | undefined,
    /** The key when supplied. */
    public readonly privateKeyPem: string | undefined,
  ) {}
}
