import { expect, test } from "./fixtures";
import { t } from "./messages";

// Forms are plain HTML forms first: with JavaScript off (or before it loads) they must still work.
test.use({ javaScriptEnabled: false });

test("without JavaScript: log in, switch language, log out", async ({ page }) => {
  await page.goto("/pt/login");
  await page.getByLabel(t("pt", "fields.email")).fill("buyer.br@demo.ponte.test");
  await page.getByLabel(t("pt", "fields.password")).fill("ponte-demo-2026");
  await page.getByRole("main").getByRole("button", { name: t("pt", "auth.login.submit") }).click();
  await expect(page).toHaveURL(/\/pt\/orgs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("organization-name")).toHaveText("Casa Paulista Distribuidora");

  await page.getByTestId("language-switcher").locator("summary").click();
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page).toHaveURL(/\/es\/orgs\/[0-9a-f-]{36}$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "es-419");

  await page.getByRole("button", { name: t("es", "nav.logout") }).click();
  await expect(page).toHaveURL(/\/es$/);
  await expect(page.getByRole("banner").getByRole("link", { name: t("es", "nav.login") })).toBeVisible();
});
