// Mutation testing of the risky modules: `npm run test:mutation` (a separate command, not part of `npm test`).
// A module's own run: `npx stryker run --mutate app/modules/<x>/<file>.ts --concurrency 1`.

// Mutants are judged on the in-process PGlite project only: the "postgres" project runs the same integration
// files a second time against the server, which doubles the run and kills no mutant PGlite leaves alive.
delete process.env.TEST_DATABASE_URL;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: true },
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants) are never activated with this vitest setup (a probe module's
  // regex mutants all "survived" with the projects' setupFiles, and were killed without them): counted, they
  // would be false survivors. Ignored, they count neither way; keep decisions out of module-level constants.
  ignoreStatic: true,
  // The sandbox gets no copy of build/ (it would be stale): the tests that serve pages through the Remix build
  // (http, product and receiving pages) use one made from the mutated sources, so they can kill mutants too.
  buildCommand: "npx remix build",
  // Two cores: one runner per core at most.
  concurrency: 2,
  // PGlite-backed test files start a database in beforeAll; a busy machine needs the room.
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 30,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  // The sandbox gets the sources, tests, locales, prisma/ (migrations) and the generated Prisma client
  // (app/generated, ignored by git but needed); not data, builds or caches.
  ignorePatterns: [".cache", "data", "test-results", "playwright-report", "build", "public/build", "reports", "*.log"],
  mutate: [
    "app/modules/money/money.ts",
    "app/modules/money/fx.server.ts",
    "app/modules/db/tenancy-guard.ts",
    "app/modules/security/csrf.server.ts",
    "app/modules/security/rate-limit.server.ts",
    "app/modules/security/tokens.server.ts",
    "app/modules/tenancy/session.server.ts",
    "app/modules/inventory/ledger.server.ts",
    "app/modules/inventory/reservations.server.ts",
    "app/modules/inventory/consistency.server.ts",
    "app/modules/inventory/allocation.ts",
    "app/modules/catalog/spreadsheet-format.ts",
    // Ranking only: the documents' weights, and how passes are merged and ranked (the rest is SQL plumbing).
    "app/modules/catalog/search.server.ts:158-180",
    "app/modules/catalog/search.server.ts:517-555",
    "app/modules/catalog/price-tiers.ts",
    // Ordering and payments: the order's state machine.
    "app/modules/ordering/order-state.ts",
    // Stripe's methods and amounts, and bank-transfer reference and amount matching (pure).
    "app/modules/payments/stripe-methods.ts",
    "app/modules/payments/bank-transfer.ts",
  ],
};
