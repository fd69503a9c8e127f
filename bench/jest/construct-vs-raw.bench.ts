/**
 * The construct-vs-raw comparison under jest with ts-jest and source maps, as a user's tests synthesize stacks.
 * It prints numbers; it asserts nothing about time (benchmarks are not timed tests).
 */
import { constructVsRaw } from "../workloads";

test("construct vs raw bindings under jest (printed, not asserted)", () => {
  const lines: string[] = ["Under jest (ts-jest, source maps):"];
  constructVsRaw((l) => lines.push(l));
  process.stdout.write(`${lines.join("\n")}\n`);
  expect(lines.length).toBe(8);
});
