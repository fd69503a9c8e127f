/** Runs bench/jest/*.bench.ts the way a user's jest runs their stack tests: ts-jest with source maps. */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: "..",
  testEnvironment: "node",
  roots: ["<rootDir>/bench/jest"],
  testMatch: ["**/*.bench.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 600000,
};
