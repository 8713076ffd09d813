import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests: Debian's Chromium (no browser downloads) against the app on port 3210, started on a fresh
 * embedded database for every run (demo data is seeded on first start). `npm test` builds before running these.
 */
// E2E_PORT / E2E_DATA_DIR let a second run go beside the first (one developer's spec while the suite runs).
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = process.env.E2E_DATA_DIR ?? ".cache/e2e";
// The specs read the server's generated outbox key from there (tests/e2e/outbox.ts); workers load this file too.
process.env.E2E_DATA_DIR = DATA_DIR;
// The Stripe stand-in (tests/support/stripe-standin) answers the app's API calls and serves the hosted payment page on
// the port after the app's, so parallel runs with their own E2E_PORT do not clash. Test-only keys: both ends agree.
const STRIPE_PORT = PORT + 1;
const STRIPE_SECRET_KEY = "sk_test_ponte_e2e";
const STRIPE_WEBHOOK_SECRET = "whsec_ponte_e2e";
process.env.E2E_STRIPE_URL = `http://127.0.0.1:${STRIPE_PORT}`;
const STRIPE_APP_ENV = `STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY} STRIPE_WEBHOOK_SECRET=${STRIPE_WEBHOOK_SECRET} STRIPE_API_HOST=127.0.0.1 STRIPE_API_PORT=${STRIPE_PORT} STRIPE_API_PROTOCOL=http`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e-artifacts",
  // One embedded database behind one socket: it serializes everything, so tests run one at a time.
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The json report is read by tests/run-all.ts to count results.
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "en-US",
    timezoneId: "UTC",
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: [
    {
      // A fresh embedded database each run; a DATABASE_URL, SMTP_URL or STRIPE_* from the shell must not leak into it.
      command: `rm -rf ${DATA_DIR} && env -u DATABASE_URL -u SMTP_URL -u STRIPE_BOLETO PONTE_DATA_DIR=${DATA_DIR} LOGIN_ATTEMPTS_PER_IP=1000 CUSTOMS_DXP_ID=DXPE2ETEST0001 PORT=${PORT} APP_URL=${BASE_URL} ${STRIPE_APP_ENV} NODE_ENV=development node --import tsx app/server/index.ts`,
      url: `${BASE_URL}/healthz`,
      // First start migrates and seeds the demo (catalog, orders, declarations, shipments, showrooms): ~1 min quiet,
      // several on a loaded machine.
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `env STRIPE_STANDIN_PORT=${STRIPE_PORT} STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY} STRIPE_WEBHOOK_SECRET=${STRIPE_WEBHOOK_SECRET} STRIPE_WEBHOOK_URL=http://127.0.0.1:${PORT}/webhooks/stripe npx tsx tests/support/stripe-standin/main.ts`,
      url: `http://127.0.0.1:${STRIPE_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
