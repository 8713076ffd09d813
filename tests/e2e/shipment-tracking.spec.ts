import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { logInToOrganization, MAKER_EMAIL } from "./demo-login";
import { hydrated } from "./hydration";
import { expect, test } from "./fixtures";
import { t } from "./messages";

const run = promisify(execFile);

const BUYER_BR = "buyer.br@demo.ponte.test";
// Casa Paulista's air conditioners from Zhuhai (PO CP-TRK-06), arrived at Guarulhos and waiting for import clearance
// (prisma seed, demo shipments): the seed runs before any spec, so its sequence number is fixed.
const REFERENCE = "SHP-2026-000019";

/** What a public page must never show: the parties' names, legal names, tax ids, addresses, amounts and the order. */
const SENSITIVE = [
  "Casa Paulista",
  "Eletros Ltda",
  "Gree-Lux",
  "格悦",
  "Geyue",
  "Rua Vergueiro",
  "01504-000",
  "香洲区前山工业区",
  "91440400MA4WK70",
  "11222333",
  "11.222.333",
  "R$",
  "CN¥",
  "PO-2026-",
];

/** The simulator, as a demo would run it: signed carrier events through the server's real webhook. */
async function simulate(baseURL: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PONTE_DATA_DIR: process.env.E2E_DATA_DIR ?? ".cache/e2e" };
  delete env.DATABASE_URL;
  const { stdout } = await run("npx", ["tsx", "workers/simulate-shipments.ts", "--url", baseURL, "--shipment", REFERENCE, ...args], { env, timeout: 60_000 });
  return stdout;
}

/** Counts the page's own navigations from now on (a live update must not be one). */
function watchNavigations(page: Page) {
  const seen = { count: 0 };
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) seen.count++;
  });
  return seen;
}

test("a buyer's shipment page follows the import customs clearance live; the manufacturer reads it in Chinese; the public link shows it without prices, tax ids or addresses", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const buyerContext = await browser.newContext({ timezoneId: "America/Sao_Paulo" });
  const makerContext = await browser.newContext({ timezoneId: "Asia/Shanghai", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const buyer = await buyerContext.newPage();
  const maker = await makerContext.newPage();
  await logInToOrganization(buyer, BUYER_BR);
  await logInToOrganization(maker, MAKER_EMAIL);

  const cleared = { pt: t("pt", "logistics.milestones.IMPORT_CUSTOMS_CLEARED"), zh: t("zh", "logistics.milestones.IMPORT_CUSTOMS_CLEARED") };

  // Both open the shipment and are joined to its live room.
  await buyer.goto(`/pt/shipments/${REFERENCE}`);
  await hydrated(buyer);
  await expect(buyer.getByRole("heading", { level: 1, name: REFERENCE })).toBeVisible();
  await expect(buyer.getByTestId("shipment-live")).toHaveText(t("pt", "logistics.shipmentPage.live"));
  await expect(buyer.getByTestId("shipment-timeline")).not.toContainText(cleared.pt);
  await maker.goto(`/zh/shipments/${REFERENCE}`);
  await hydrated(maker);
  await expect(maker.getByTestId("shipment-live")).toHaveText(t("zh", "logistics.shipmentPage.live"));

  // The page must update in place: a marker on window survives, and no navigation happens.
  await buyer.evaluate(() => ((window as unknown as { __stillHere: boolean }).__stillHere = true));
  const navigations = watchNavigations(buyer);

  const output = await simulate(baseURL!, "--milestone", "IMPORT_CUSTOMS_CLEARED");
  expect(output).toMatch(/IMPORT_CUSTOMS_CLEARED.*stored/);

  // The buyer's timeline gains the milestone at its top, the status follows, and the live region says so.
  const newest = buyer.getByTestId("shipment-timeline").locator("li").first();
  await expect(newest).toContainText(cleared.pt);
  await expect(newest).toContainText(t("pt", "logistics.shipmentPage.new"));
  await expect(buyer.getByTestId("shipment-live-update")).toContainText(cleared.pt);
  await expect(buyer.getByRole("status").filter({ hasText: cleared.pt })).toBeVisible();
  await expect(buyer.locator("section[aria-labelledby='shipment-overview']")).toContainText(cleared.pt);
  expect(await buyer.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);
  expect(navigations.count).toBe(0);

  // The manufacturer, on a phone, reads the same milestone in Chinese, with nothing wider than the screen.
  await expect(maker.getByTestId("shipment-timeline").locator("li").first()).toContainText(cleared.zh);
  await expect(maker.getByTestId("shipment-live-update")).toContainText(cleared.zh);
  const overflow = await maker.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The buyer makes a public link for its own customer.
  await buyer.getByRole("button", { name: t("pt", "logistics.shipmentPage.publicLink.create") }).click();
  await expect(buyer.getByText(t("pt", "logistics.shipmentPage.publicLink.created"))).toBeVisible();
  const link = await buyer.getByLabel(t("pt", "logistics.shipmentPage.publicLink.address"), { exact: true }).inputValue();
  expect(link).toMatch(new RegExp(`/pt/track/[A-Za-z0-9_-]{43}$`));

  // Someone without an account opens it: the same milestone, and nothing about the parties or the money.
  const visitorContext = await browser.newContext({ timezoneId: "America/Sao_Paulo" });
  const visitor = await visitorContext.newPage();
  const answer = await visitor.goto(new URL(link).pathname);
  expect(answer?.status()).toBe(200);
  expect(answer?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(visitor.getByRole("heading", { level: 1, name: REFERENCE })).toBeVisible();
  await expect(visitor.getByTestId("shipment-timeline")).toContainText(cleared.pt);
  const main = await visitor.locator("main").innerText();
  for (const secret of SENSITIVE) expect(main, secret).not.toContain(secret);
  expect(await visitor.content()).not.toContain("Rua Vergueiro");

  // Revoked, the address answers like any unknown one.
  await buyer.getByRole("button", { name: t("pt", "logistics.shipmentPage.publicLink.revoke") }).click();
  await expect(buyer.getByText(t("pt", "logistics.shipmentPage.publicLink.revoked"))).toBeVisible();
  expect((await visitor.goto(new URL(link).pathname))?.status()).toBe(404);

  await visitorContext.close();
  await buyerContext.close();
  await makerContext.close();
});
