import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { HaproxyOva } from "../lib";
import { builtInSiteFiles } from "../stacks/built-in-sites";
import { loadSiteConfig, SiteConfigError } from "../lib/site/site-config";
import { TopologyStack } from "../lib/site/topology-stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const T1 = builtInSiteFiles().find((f) => path.basename(f).startsWith("t1-"))!;

function t1(): Json {
  return JSON.parse(fs.readFileSync(T1, "utf8"));
}

/** Writes the site file into a fresh folder and returns its path. */
function write(value: Json, dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-ova-"))): string {
  const file = path.join(dir, "site.json");
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

function ovfDeploy(file: string): Record<string, unknown> {
  const stack = new TopologyStack(Testing.app(), loadSiteConfig(file));
  const json = JSON.parse(Testing.synth(stack, true));
  const vm = Object.values(json.resource.vsphere_virtual_machine)[0] as {
    ovf_deploy: Record<string, unknown>;
  };
  return vm.ovf_deploy;
}

function problems(file: string): string[] {
  try {
    loadSiteConfig(file);
  } catch (e) {
    if (e instanceof SiteConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("haproxy.ova in the site file", () => {
  test("an https URL of a mirror is what the machine that runs Terraform downloads", () => {
    const cfg = t1();
    cfg.haproxy.ova = { url: "https://mirror.example.com/ova/haproxy-v0.2.0.ova" };
    const deploy = ovfDeploy(write(cfg));
    expect(deploy.remote_ovf_url).toBe("https://mirror.example.com/ova/haproxy-v0.2.0.ova");
    expect(deploy.local_ovf_path).toBeUndefined();
  });

  test("a local path relative to the site file is deployed from its absolute path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-ova-"));
    fs.mkdirSync(path.join(dir, "ova"));
    fs.writeFileSync(path.join(dir, "ova", "haproxy-v0.1.10.ova"), "stand-in");
    const cfg = t1();
    cfg.haproxy.ova = { localPath: "ova/haproxy-v0.1.10.ova", version: "v0.1.10" };
    const deploy = ovfDeploy(write(cfg, dir));
    expect(deploy.local_ovf_path).toBe(path.join(dir, "ova", "haproxy-v0.1.10.ova"));
    expect(deploy.remote_ovf_url).toBeUndefined();
  });

  test("without the key the appliance comes from HAProxy's CDN", () => {
    expect(ovfDeploy(T1).remote_ovf_url).toBe(
      "https://cdn.haproxy.com/download/haproxy/vsphere/ova/haproxy-v0.2.0.ova",
    );
  });

  test("both or neither of url and localPath is CFG-02", () => {
    const both = t1();
    both.haproxy.ova = { url: "https://mirror.example.com/a.ova", localPath: "a.ova" };
    expect(problems(write(both))).toEqual([
      'CFG-02 haproxy.ova (line 1): give exactly one of "url" (an http or https URL of the OVA) or "localPath" (the OVA on the machine that runs Terraform); both are given.',
    ]);
    const neither = t1();
    neither.haproxy.ova = { version: "v0.2.0" };
    expect(problems(write(neither))).toEqual([
      'CFG-02 haproxy.ova (line 1): give exactly one of "url" (an http or https URL of the OVA) or "localPath" (the OVA on the machine that runs Terraform).',
    ]);
  });

  test("a URL that is not http or https is CFG-04", () => {
    const cfg = t1();
    cfg.haproxy.ova = { url: "ftp://mirror.example.com/haproxy-v0.2.0.ova" };
    expect(problems(write(cfg))).toEqual([
      'CFG-04 haproxy.ova.url (line 1): "ftp://mirror.example.com/haproxy-v0.2.0.ova" is not an http or https URL, e.g. "https://mirror.example.com/haproxy-v0.2.0.ova". For a file on this machine use "localPath".',
    ]);
  });

  test("a local path with no file is CFG-04 naming the path it looked at", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-ova-"));
    const cfg = t1();
    cfg.haproxy.ova = { localPath: "missing.ova" };
    expect(problems(write(cfg, dir))).toEqual([
      `CFG-04 haproxy.ova.localPath (line 1): no file at "missing.ova" (${path.join(dir, "missing.ova")}). Give the path of the downloaded OVA, relative to the site file's folder or absolute.`,
    ]);
  });

  test("an unknown release is CFG-02 with the releases the construct knows", () => {
    const cfg = t1();
    cfg.haproxy.ova = { url: "https://mirror.example.com/a.ova", version: "v0.3.0" };
    expect(problems(write(cfg))).toEqual([
      'CFG-02 haproxy.ova.version (line 1): "v0.3.0" is not one of "v0.1.9", "v0.1.10", "v0.2.0".',
    ]);
  });
});

describe("the appliance release of an OVA without version", () => {
  test("a mirror URL named haproxy-v0.1.10.ova is release v0.1.10, so HAP-08 checks it", () => {
    const cfg = t1();
    cfg.haproxy.ova = { url: "https://mirror.example.com/ova/haproxy-v0.1.10.ova" };
    cfg.workloadNetworks = [
      ...cfg.workloadNetworks,
      {
        name: "ns-other",
        portGroup: { name: "pg-other", vlanId: 301, cidr: "172.16.1.0/24", gateway: "172.16.1.1" },
        addressRanges: ["172.16.1.10-172.16.1.20"],
      },
    ];
    const stack = new TopologyStack(Testing.app(), loadSiteConfig(write(cfg)));
    expect(() => Testing.synth(stack, true)).toThrow(/HAP-08[^\n]*"v0\.1\.10"/);
  });

  test("a file name without a known release keeps the latest release", () => {
    const cfg = t1();
    cfg.haproxy.ova = { url: "https://mirror.example.com/ova/appliance.ova?x=haproxy-v0.1.9.ova" };
    expect(ovfDeploy(write(cfg)).remote_ovf_url).toBe(
      "https://mirror.example.com/ova/appliance.ova?x=haproxy-v0.1.9.ova",
    );
    expect(HaproxyOva.fromUrl(cfg.haproxy.ova.url).version).toBe(HaproxyOva.LATEST_VERSION);
    expect(HaproxyOva.fromLocalPath("/ova/haproxy-v0.1.9.ova").version).toBe("v0.1.9");
  });
});
