import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "cdktf.out/**",
      "coverage/**",
      "scratch/**",
      ".venv-python/**",
      ".venv/**",
      "jest.config.js",
      "bench/jest.config.js",
      // Generated: the provider bindings and the cdktn package built from this source.
      "providers/gen/**",
      "providers/gen-cdktf/**",
      "build/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
);
