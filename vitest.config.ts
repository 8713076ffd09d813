import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };
const server = process.env.TEST_DATABASE_URL;

/**
 * Unit and integration tests on a real PostgreSQL: in-process PGlite always, and the PostgreSQL server too when
 * TEST_DATABASE_URL is set (each run creates and drops its own databases there).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "workers/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/process/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/setup-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { NODE_ENV: "test" as const, PONTE_TEST_DB: "pglite" },
        },
      },
      ...(server
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.ts"],
                environment: "node",
                setupFiles: ["tests/support/setup-env.ts"],
                testTimeout: 60_000,
                hookTimeout: 120_000,
                env: { NODE_ENV: "test" as const, PONTE_TEST_DB: "server" },
              },
            },
          ]
        : []),
    ],
  },
});
