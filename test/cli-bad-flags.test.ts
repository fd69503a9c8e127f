/**
 * Bad flag values of `plan` and `advise` are the user's input: a usage error (exit 2) naming the flag and its value,
 * said once, never "internal error" (exit 70); blocks in special-purpose address space are refused (NET-11).
 * In-process: the `run` the command line calls.
 */
import { run } from "../lib/cli/commands";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    colourOut: false,
    colourErr: false,
  });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

const T1 = ["plan", "--cidr", "10.20.0.0/22", "--topology", "t1"];

describe("plan: a bad flag value is a usage error naming the flag", () => {
  test.each([
    [["--dns", "127.0.0.1"], '--dns "127.0.0.1": HAP-13', "loopback"],
    [["--dns", "127.0.0.1", "--supervisor"], '--dns "127.0.0.1": HAP-13', "loopback"],
    [["--name", "bad name!"], '--name "bad name!": CFG-04', 'e.g. "site-a"'],
    [["--datacenter", ""], '--datacenter "": CFG-04', "1–80 characters"],
    [
      ["--ntp", "bad host!", "--supervisor", "--dns", "10.1.1.1"],
      '--ntp "bad host!": SUP-01',
      '"pool.ntp.org"',
    ],
  ])("plan --cidr 10.20.0.0/22 --topology t1 %j: exit 2", async (flags, named, why) => {
    const r = await cli([...T1, ...flags]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`plan: ${named}`);
    expect(r.stderr).toContain(why);
    expect(r.stderr).not.toContain("internal error");
    // Said once, though the Supervisor and the appliance both take the DNS server.
    expect(r.stderr.split(named).length).toBe(2);
  });
});

describe("plan: special-purpose blocks are refused (NET-11), exit 2", () => {
  test.each([
    ["224.0.0.0/4", "t1", "is in multicast 224.0.0.0/4"],
    ["127.0.0.0/8", "t1", "is in loopback 127.0.0.0/8"],
    ["240.0.0.0/4", "t1", "is in reserved 240.0.0.0/4"],
    ["169.254.0.0/16", "t1", "is in link-local 169.254.0.0/16"],
    ["255.255.255.0/24", "t1", "is in reserved 240.0.0.0/4"],
    ["0.0.0.0/0", "t1", 'overlaps 0.0.0.0/8, "this network"'],
  ])("--cidr %s --topology %s", async (cidr, topology, why) => {
    const r = await cli(["plan", "--cidr", cidr, "--topology", topology]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`plan: --cidr ${cidr} ${why}`);
    expect(r.stderr).toContain("(NET-11)");
    // The block it proposes is one plan takes.
    const proposed = /e\.g\. --cidr (\S+)\./.exec(r.stderr)![1];
    expect((await cli(["plan", "--cidr", proposed, "--topology", topology])).status).toBe(0);
  });

  test("--frontend-cidr 255.255.255.0/24 for t4: exit 2 naming --frontend-cidr", async () => {
    const r = await cli([
      "plan",
      "--cidr",
      "10.0.0.0/16",
      "--topology",
      "t4",
      "--frontend-cidr",
      "255.255.255.0/24",
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("plan: --frontend-cidr 255.255.255.0/24 is in reserved 240.0.0.0/4");
    const proposed = /e\.g\. --frontend-cidr (\S+)\./.exec(r.stderr)![1];
    const again = await cli([
      "plan",
      "--cidr",
      "10.0.0.0/16",
      "--topology",
      "t4",
      "--frontend-cidr",
      proposed,
    ]);
    expect(again.status).toBe(0);
  });
});

describe("flags: repeated, negative, out of range", () => {
  test("--topology t1 --topology t2: a usage error with both values", async () => {
    const r = await cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t1", "--topology", "t2"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('plan: --topology is given 2 times ("t1", "t2"); give it once.');
  });

  test("--namespaces -1 and --vips 2: the range, with the plan: prefix", async () => {
    const neg = await cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t3", "--namespaces", "-1"]);
    expect(neg.status).toBe(2);
    expect(neg.stderr).toContain('error: plan: --namespaces "-1" is not a whole number from 1 to 64.');
    const vips = await cli(["plan", "--cidr", "10.20.0.0/22", "--topology", "t3", "--vips", "2"]);
    expect(vips.stderr).toContain('error: plan: --vips "2" is not a whole number from 4 to 65536.');
  });
});

describe("advise", () => {
  const answers = ["--isolate-supervisor", "no", "--isolate-clusters", "yes", "--keep-clients-off-nodes"];

  test("--vsphere-version 9 speaks of the Foundation Load Balancer's personas, not of HAProxy NICs", async () => {
    for (const keep of ["yes", "no"]) {
      const r = await cli(["advise", ...answers, keep, "--vsphere-version", "9"]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain("HAProxy with");
      expect(r.stdout).toContain(
        keep === "yes" ? "with the FRONTEND persona" : "WORKLOAD and FRONTEND personas",
      );
    }
    expect((await cli(["advise", ...answers, "yes", "--vsphere-version", "8"])).stdout).toContain(
      "deploy HAProxy with 3 NICs",
    );
  });

  test("--vsphere-version 8.0: exit 2, suggesting 8", async () => {
    const r = await cli(["advise", ...answers, "no", "--vsphere-version", "8.0"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      '"8.0" for --vsphere-version is not one of 7, 8, 9. Did you mean --vsphere-version 8',
    );
  });
});
