/**
 * The readiness wait, run as Terraform runs it (`node -e <script>` with the provisioner's environment), against
 * an HTTPS server on 127.0.0.1 with a CA of the test's own: it succeeds on 200, waits through refused
 * connections and 503s, fails with our causes and the last answer, stops early on repeated 401s, and refuses a
 * server its CA did not sign. Nothing leaves the loopback address.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as net from "net";
import { AddressInfo } from "net";
import * as path from "path";
import {
  READINESS_COMMAND,
  READINESS_FAILURE,
  READINESS_PROBE_SCRIPT,
} from "../lib/constructs/dataplane-readiness";

const tls = (f: string) => fs.readFileSync(path.join(__dirname, "fixtures", "tls", f), "utf8");
const CA = tls("ca.pem");
const PASSWORD = "s3cret-Pa55word";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The provisioner's process: `interpreter` then `command` as arguments, the environment added. */
function probe(url: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", READINESS_PROBE_SCRIPT, READINESS_COMMAND], {
      env: {
        ...process.env,
        HAPROXY_DATAPLANE_URL: url,
        HAPROXY_DATAPLANE_CA: CA,
        HAPROXY_DATAPLANE_USER: "admin",
        HAPROXY_DATAPLANE_PASSWORD: PASSWORD,
        HAPROXY_READINESS_ATTEMPTS: "4",
        HAPROXY_READINESS_MIN_DELAY_MS: "20",
        HAPROXY_READINESS_MAX_DELAY_MS: "40",
        HAPROXY_READINESS_TIMEOUT_MS: "2000",
        HAPROXY_READINESS_FAILURE: READINESS_FAILURE,
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** An HTTPS server on 127.0.0.1 answering each request with the next status of `statuses` (the last repeats). */
async function server(
  statuses: number[],
): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  let i = 0;
  const s = https.createServer({ key: tls("server.key"), cert: tls("server.pem") }, (req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
    const status = statuses[Math.min(i++, statuses.length - 1)];
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(status === 200 ? '{"api":{"version":"v2.1.0"}}' : "{}");
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/v2/info`,
    seen,
    close: () => new Promise((r) => s.close(() => r())),
  };
}

const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString("base64")}`;

describe("the readiness wait as Terraform runs it", () => {
  test("200: done at the first try, with the CA and basic auth, exit 0", async () => {
    const srv = await server([200]);
    try {
      const run = await probe(srv.url);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Data Plane API ready at https:\/\/127\.0\.0\.1:\d+ \(try 1 of 4\)/);
      expect(srv.seen).toEqual([`GET /v2/info ${BASIC}`]);
    } finally {
      await srv.close();
    }
  });

  test("503 while the appliance boots, then 200: it waits and succeeds", async () => {
    const srv = await server([503, 503, 200]);
    try {
      const run = await probe(srv.url);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("(try 3 of 4)");
      expect(srv.seen).toHaveLength(3);
    } finally {
      await srv.close();
    }
  });

  test("nothing listening: every try refused, then our causes and the last error, exit 1, no password printed", async () => {
    const srv = await server([200]);
    await srv.close(); // a port that was just free
    const run = await probe(srv.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(READINESS_FAILURE);
    expect(run.stderr).toMatch(/Last answer from https:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    expect(`${run.stdout}${run.stderr}`).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString("base64"));
  });

  test("401 three times in a row: wrong credentials do not heal, it stops before the last try", async () => {
    const srv = await server([401]);
    try {
      const run = await probe(srv.url, { HAPROXY_READINESS_ATTEMPTS: "10" });
      expect(run.code).toBe(1);
      expect(srv.seen).toHaveLength(3);
      expect(run.stderr).toContain("(4) a 401 means the user or password differs");
      expect(run.stderr).toContain("Last answer from");
      expect(run.stderr).toContain("HTTP 401.");
    } finally {
      await srv.close();
    }
  });

  test("a server certificate the CA did not sign is never trusted", async () => {
    const srv = await server([200]);
    try {
      const run = await probe(srv.url, {
        HAPROXY_DATAPLANE_CA: tls("other-ca.pem"),
        HAPROXY_READINESS_ATTEMPTS: "2",
      });
      expect(run.code).toBe(1);
      expect(srv.seen).toEqual([]); // the request never got past TLS
      expect(run.stderr).toMatch(/Last answer from https:\/\/127\.0\.0\.1:\d+: [A-Z_]+: .*certificate/i);
    } finally {
      await srv.close();
    }
  });

  test("a port that accepts and never answers: each try ends at the timeout, never a hang", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as AddressInfo;
    try {
      const run = await probe(`https://127.0.0.1:${port}/v2/info`, {
        HAPROXY_READINESS_ATTEMPTS: "2",
        HAPROXY_READINESS_TIMEOUT_MS: "300",
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("no answer within 300 ms");
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  test("the script survives both syntaxes unchanged: one line, no backslash, no template sequence", () => {
    expect(READINESS_PROBE_SCRIPT).not.toMatch(/[\n\\"]|\$\{|%\{/);
  });
});
