import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { t, type Lang } from "./messages";

/**
 * One company's pages are invisible to another's members: the maker (Gree-Lux) asking for the pages of the
 * buyer's organization (Casa Paulista) gets the translated 404, exactly as for a page that does not exist.
 * Demo accounts come from prisma/seed.ts (seeded on the fresh embedded database the web server starts with).
 */


const DEMO_PASSWORD = "ponte-demo-2026";
const MAKER = { email: "maker@demo.ponte.test", organization: "Gree-Lux Home Appliances" };
const BUYER = { email: "buyer.br@demo.ponte.test", organization: "Casa Paulista Distribuidora" };
const HTML_LANG: Record<Lang, string> = { en: "en", pt: "pt-BR", es: "es-419", zh: "zh-CN" };
const ORG_URL = /\/en\/orgs\/([0-9a-f-]{36})$/;


/** On /en/login: signs in and waits to leave the login page. */
async function logIn(page: Page, email: string) {
  await page.getByLabel(t("en", "fields.email")).fill(email);
  await page.getByLabel(t("en", "fields.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t("en", "auth.login.submit") }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs in as `email` in a browser context of its own and reads its organization's id from the dashboard URL. */
async function organizationIdOf(browser: Browser, account: { email: string; organization: string }): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto("/en/login");
    await logIn(page, account.email);
    await expect(page).toHaveURL(ORG_URL);
    await expect(page.getByTestId("organization-name")).toHaveText(account.organization);
    return ORG_URL.exec(new URL(page.url()).pathname)![1]!;
  } finally {
    await context.close();
  }
}

test("a manufacturer cannot open a buyer's organization pages: translated 404, own pages load", async ({ page, browser }) => {
  const buyerOrgId = await organizationIdOf(browser, BUYER);

  await page.goto("/en/login");
  await logIn(page, MAKER.email);
  await expect(page).toHaveURL(ORG_URL);
  await expect(page.getByTestId("organization-name")).toHaveText(MAKER.organization);
  const makerOrgId = ORG_URL.exec(new URL(page.url()).pathname)![1]!;
  expect(makerOrgId).not.toBe(buyerOrgId);

  for (const lang of ["en", "pt", "es", "zh"] as const) {
    for (const path of ["settings", "members", ""]) {
      await test.step(`/${lang}/orgs/<buyer>/${path}`, async () => {
        const response = await page.goto(`/${lang}/orgs/${buyerOrgId}${path ? `/${path}` : ""}`);
        expect(response?.status()).toBe(404);
        const notFound = page.getByTestId("error-404");
        await expect(notFound).toBeVisible();
        await expect(notFound.getByRole("heading", { level: 1 })).toHaveText(t(lang, "errors.notFound.title"));
        await expect(notFound).toContainText(t(lang, "errors.notFound.body"));
        await expect(page.locator("html")).toHaveAttribute("lang", HTML_LANG[lang]);
        // Nothing of the other company leaks into the page.
        await expect(page.locator("body")).not.toContainText(BUYER.organization);
        await expect(page.getByTestId("organization-name")).toHaveCount(0);
      });
    }
  }

  await test.step("an id that is not a uuid is a 404 as well", async () => {
    const response = await page.goto("/pt/orgs/not-an-id/settings");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("error-404")).toContainText(t("pt", "errors.notFound.title"));
  });

  await test.step("the maker's own company profile loads", async () => {
    for (const lang of ["en", "pt"] as const) {
      const response = await page.goto(`/${lang}/orgs/${makerOrgId}/settings`);
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId("organization-name")).toHaveText(MAKER.organization);
      await expect(page.getByRole("heading", { name: t(lang, "company.title") })).toBeVisible();
      await expect(page.getByTestId("error-404")).toHaveCount(0);
    }
    const members = await page.goto(`/en/orgs/${makerOrgId}/members`);
    expect(members?.status()).toBe(200);
    await expect(page.getByTestId("member-row").first()).toBeVisible();
  });
});

test("a signed-out visitor is sent to log in, then lands on the page they asked for", async ({ page, browser }) => {
  const makerOrgId = await organizationIdOf(browser, MAKER);
  const wanted = `/en/orgs/${makerOrgId}/members`;

  await page.goto(wanted);
  await expect(page).toHaveURL((url) => url.pathname === "/en/login" && url.searchParams.get("redirectTo") === wanted);
  await expect(page.getByRole("heading", { level: 1, name: t("en", "auth.login.title") })).toBeVisible();

  await logIn(page, MAKER.email);
  await expect(page).toHaveURL((url) => url.pathname === wanted && url.search === "");
  await expect(page.getByTestId("organization-name")).toHaveText(MAKER.organization);
  await expect(page.getByRole("heading", { name: t("en", "members.title") })).toBeVisible();
});

test("a redirectTo pointing to another site is ignored after logging in", async ({ page }) => {
  await page.goto(`/en/login?redirectTo=${encodeURIComponent("//evil.example/phish")}`);
  await logIn(page, MAKER.email);
  await expect(page).toHaveURL(ORG_URL);
  await expect(page.getByTestId("organization-name")).toHaveText(MAKER.organization);
});
