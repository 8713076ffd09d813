import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { t } from "./messages";

export const DEMO_PASSWORD = "ponte-demo-2026";
export const MAKER_EMAIL = "maker@demo.ponte.test";
const ORG_URL = /\/en\/orgs\/([0-9a-f-]{36})$/;

/** Logs a demo user in through the English login page; answers the id of the organization it lands on. */
export async function logInToOrganization(page: Page, email = MAKER_EMAIL, password = DEMO_PASSWORD): Promise<string> {
  await page.goto("/en/login");
  await page.getByLabel(t("en", "fields.email")).fill(email);
  await page.getByLabel(t("en", "fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("en", "auth.login.submit") }).click();
  await expect(page).toHaveURL(ORG_URL);
  return ORG_URL.exec(new URL(page.url()).pathname)![1]!;
}
