// The TypeScript side of the Python suite's comparison: examples/consumer-app/main.ts with the library as jsii
// compiled it (dist/lib, the code the wheel carries), synthesized into the directory given as the first argument.
// Run from the repository root: `node --import tsx test/python/ts-site.ts <outdir>`.
import Module from "module";
import * as path from "path";

const root = path.join(__dirname, "..", "..");
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const target = request === "tanzu-haproxy-network" ? path.join(root, "dist", "lib", "index.js") : request;
  return resolve.call(this, target, ...rest);
};

type StackClass = new (...args: unknown[]) => unknown;
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the resolver above is in place */
const { App } = require("cdktf") as typeof import("cdktf");
const { SiteStack, SupervisorStack } = require(path.join(root, "examples", "consumer-app", "main.ts")) as {
  SiteStack: StackClass;
  SupervisorStack: StackClass;
};
/* eslint-enable @typescript-eslint/no-require-imports */
const app = new App({ outdir: process.argv[2] });
new SupervisorStack(app, "site-a-supervisor", new SiteStack(app, "site-a"));
app.synth();
