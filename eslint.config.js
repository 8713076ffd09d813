import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "app/generated/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", ".cache/**", ".stryker-tmp/**", "reports/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Modules must not reach into routes: routes are the thin edge (ARCHITECTURE.md).
      "no-restricted-imports": ["error", { patterns: [{ group: ["~/routes/*"], message: "Modules never import routes." }] }],
    },
  },
  {
    // A committed `.only` silently skips the rest of the suite (vitest's it/describe/test, Playwright's test and
    // test.describe alike), so the summary line would count only what was left.
    files: ["tests/**/*.{ts,tsx}", "**/*.test.{ts,tsx}", "**/*.spec.{ts,tsx}"],
    rules: {
      "no-restricted-properties": ["error", { property: "only", message: "Do not commit .only: it skips every other test." }],
    },
  },
);
