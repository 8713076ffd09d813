import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { t, type Lang } from "./messages";
import { linkFromOutbox } from "./outbox";

/**
 * The newcomer's journey, as a person does it in the browser: sign up, set up the company, invite a colleague
 * (who signs up from the emailed link and accepts), read the app in each language, log out and in, reset a
 * forgotten password. Emails are read from the developer outbox (/dev/outbox).
 */


const PASSWORD = "a long e2e passphrase 2026";
const VALID_USCC = "91350100M000100Y43";
const INVALID_USCC = "91350100M000100Y44"; // same code, wrong check character
const HTML_LANG: Record<Lang, string> = { en: "en", pt: "pt-BR", es: "es-419", zh: "zh-CN" };
const LANG_NAME: Record<Lang, string> = { en: "English", pt: "Português", es: "Español", zh: "中文" };
const SCREENSHOTS = "test-results/screens";


const en = (key: string) => t("en", key);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Unique per run and per call; lowercase, since the app stores addresses lowercased. */
function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** Fills and sends the signup form of the page already open; the answer is "check your email", whoever the address is. */
async function submitSignUp(page: Page, { name, email, lang = "en" }: { name: string; email?: string; lang?: Lang }) {
  await page.getByLabel(t(lang, "fields.name")).fill(name);
  if (email) await page.getByLabel(t(lang, "fields.email")).fill(email);
  await page.getByLabel(t(lang, "fields.password"), { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: t(lang, "auth.signup.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t(lang, "auth.signup.checkEmail.title") })).toBeVisible();
}

/** Follows the verification link emailed to `email` and confirms: the account is verified and signed in. */
async function verifyFromOutbox(page: Page, email: string, lang: Lang = "en") {
  const link = await linkFromOutbox(page, email, new RegExp(`/${lang}/verify-email/[^/\\s]+$`));
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: t(lang, "auth.verify.title") })).toBeVisible();
  await expect(page.getByText(t(lang, "auth.verify.intro").replace("{{email}}", email))).toBeVisible();
  await page.getByRole("button", { name: t(lang, "auth.verify.submit") }).click();
  return link;
}

/** Signs up in English and confirms the address from the emailed link, as a newcomer does. */
async function signUp(page: Page, { name, email }: { name: string; email: string }) {
  await page.goto("/en/signup");
  await expect(page.getByRole("heading", { level: 1, name: en("auth.signup.title") })).toBeVisible();
  await submitSignUp(page, { name, email });
  await verifyFromOutbox(page, email);
}

async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel(en("fields.email")).fill(email);
  await page.getByLabel(en("fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: en("auth.login.submit") }).click();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: en("nav.logout") }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole("banner").getByRole("link", { name: en("nav.login") })).toBeVisible();
}

/** Fills the company form of /orgs/new (kind MANUFACTURER, country China). */
async function fillCompany(page: Page, company: { name: string; legalNameZh: string; legalNameLatin: string; city: string; taxId: string }) {
  await page.getByRole("radio", { name: new RegExp(`^${escape(en("organizationKinds.MANUFACTURER"))}`) }).check();
  await page.getByLabel(en("fields.organizationName")).fill(company.name);
  await page.getByLabel(en("fields.legalNameLatin")).fill(company.legalNameLatin);
  await page.getByLabel(en("fields.legalNameZh")).fill(company.legalNameZh);
  await page.getByLabel(en("fields.country")).selectOption("CN");
  await page.getByLabel(en("fields.city")).fill(company.city);
  await page.getByLabel(en("fields.taxId")).fill(company.taxId);
}

async function signUpWithCompany(page: Page, label: string) {
  const email = uniqueEmail(label);
  const company = `E2E ${label} Appliances ${Date.now().toString(36)}`;
  await signUp(page, { name: `E2E ${label}`, email });
  await expect(page).toHaveURL(/\/en\/orgs\/new$/);
  await fillCompany(page, { name: company, legalNameZh: "珠海测试电器有限公司", legalNameLatin: "Zhuhai Test Appliances Co., Ltd.", city: "珠海 Zhuhai", taxId: VALID_USCC });
  await page.getByRole("button", { name: en("organizations.new.submit") }).click();
  await expect(page.getByTestId("organization-name")).toHaveText(company);
  return { email, company, orgUrl: page.url() };
}

async function switchLanguage(page: Page, lang: Lang) {
  const switcher = page.getByTestId("language-switcher");
  await switcher.locator("summary").click();
  await switcher.getByRole("button", { name: LANG_NAME[lang], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?#]*://[^/]+/${lang}(/|$)`));
  await expect(page.locator("html")).toHaveAttribute("lang", HTML_LANG[lang]);
  // The menu closes once the page is shown in the new language.
  await expect(switcher).not.toHaveAttribute("open");
  await expect(switcher.getByRole("button", { name: LANG_NAME[lang], exact: true })).toBeHidden();
}

test("sign up, set up a manufacturer, invite a colleague who signs up and accepts, then read it in pt, es and zh", async ({ page }) => {
  const owner = { name: "Lin Wei", email: uniqueEmail("owner") };
  const colleague = { name: "Chen Jing", email: uniqueEmail("colleague") };
  const company = { name: `Zhuhai Breeze Appliances ${Date.now().toString(36)}`, legalNameZh: "珠海微风电器有限公司", legalNameLatin: "Zhuhai Breeze Electric Appliances Co., Ltd.", city: "珠海 Zhuhai" };

  await test.step("sign up", async () => {
    await signUp(page, owner);
    await expect(page).toHaveURL(/\/en\/orgs\/new$/);
    await expect(page.getByRole("heading", { level: 1, name: en("organizations.new.title") })).toBeVisible();
  });

  await test.step("an invalid tax id is refused with the translated message, and nothing typed is lost", async () => {
    await fillCompany(page, { ...company, taxId: INVALID_USCC });
    await page.getByRole("button", { name: en("organizations.new.submit") }).click();
    const taxId = page.getByLabel(en("fields.taxId"));
    await expect(taxId).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(en("validation.taxId.CN_USCC"), { exact: true })).toBeVisible();
    await expect(taxId).toHaveAccessibleDescription(en("validation.taxId.CN_USCC"));
    await expect(page).toHaveURL(/\/en\/orgs\/new$/);
    await expect(taxId).toHaveValue(INVALID_USCC);
    await expect(page.getByLabel(en("fields.organizationName"))).toHaveValue(company.name);
    await expect(page.getByLabel(en("fields.legalNameZh"))).toHaveValue(company.legalNameZh);
    await expect(page.getByLabel(en("fields.legalNameLatin"))).toHaveValue(company.legalNameLatin);
    await expect(page.getByLabel(en("fields.city"))).toHaveValue(company.city);
    await expect(page.getByLabel(en("fields.country"))).toHaveValue("CN");
    await expect(page.getByRole("radio", { name: new RegExp(`^${escape(en("organizationKinds.MANUFACTURER"))}`) })).toBeChecked();
  });

  await test.step("fix the tax id: the organization is created and its dashboard shows", async () => {
    await page.getByLabel(en("fields.taxId")).fill(VALID_USCC);
    await page.getByRole("button", { name: en("organizations.new.submit") }).click();
    await expect(page).toHaveURL(/\/en\/orgs\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("organization-name")).toHaveText(company.name);
    await expect(page.getByRole("heading", { name: en("dashboard.kinds.MANUFACTURER.title") })).toBeVisible();
    await expect(page.getByRole("main").getByText(`${en("organizationKinds.MANUFACTURER")} · ${en("roles.OWNER")}`)).toBeVisible();
  });
  const orgPath = new URL(page.url()).pathname.replace(/^\/en/, "");

  await test.step("the company profile kept the Chinese legal name and the tax id", async () => {
    await page.getByRole("link", { name: en("organizations.tabs.settings") }).click();
    await expect(page.getByLabel(en("fields.legalNameZh"))).toHaveValue(company.legalNameZh);
    await expect(page.getByLabel(en("fields.taxId"))).toHaveValue(VALID_USCC);
    await expect(page.getByLabel(en("fields.country"))).toHaveValue("CN");
  });

  await test.step("invite a colleague as a member", async () => {
    await page.getByRole("link", { name: en("organizations.tabs.members") }).click();
    await expect(page).toHaveURL(new RegExp(`${escape(orgPath)}/members$`));
    const invite = page.getByRole("region", { name: en("members.invite.title") });
    await invite.getByLabel(en("fields.email")).fill(colleague.email);
    await invite.getByLabel(en("members.role")).selectOption("MEMBER");
    await invite.getByRole("button", { name: en("members.invite.submit") }).click();
    await expect(invite.getByRole("status")).toHaveText(en("members.invite.sent").replace("{{email}}", colleague.email));
    await expect(page.getByTestId("invitation-row").filter({ hasText: colleague.email })).toContainText(en("roles.MEMBER"));
    await expect(page.getByTestId("member-row")).toHaveCount(1);
  });

  await test.step("sign out: the colleague opens the emailed link", async () => {
    await logOut(page);
    const link = await linkFromOutbox(page, colleague.email, /\/en\/invitations\/[^/\s]+$/);
    expect(new URL(link).origin).toBe(new URL(page.url()).origin);
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: en("invitation.title") })).toBeVisible();
    await expect(page.getByText(company.name)).toBeVisible();
    await expect(page.getByText(en("invitation.for").replace("{{email}}", colleague.email))).toBeVisible();
  });
  const invitationPath = new URL(page.url()).pathname;

  await test.step("the colleague creates an account from the invitation (email prefilled) and comes back to it", async () => {
    await page.getByTestId("invitation-signup").click();
    await expect(page).toHaveURL(/\/en\/signup\?/);
    await expect(page.getByLabel(en("fields.email"))).toHaveValue(colleague.email);
    await submitSignUp(page, { name: colleague.name });
    // The link in the email brings the colleague back to the invitation, signed in.
    await verifyFromOutbox(page, colleague.email);
    await expect(page).toHaveURL((url) => url.pathname === invitationPath);
    await expect(page.getByTestId("account-link")).toHaveText(colleague.name);
  });

  await test.step("accept: the colleague lands on the organization's dashboard", async () => {
    await page.getByRole("button", { name: en("invitation.accept") }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/en${orgPath}`);
    await expect(page.getByTestId("organization-name")).toHaveText(company.name);
    await expect(page.getByRole("main").getByText(`${en("organizationKinds.MANUFACTURER")} · ${en("roles.MEMBER")}`)).toBeVisible();
  });

  await test.step("the members page lists both members", async () => {
    await page.getByRole("link", { name: en("organizations.tabs.members") }).click();
    const rows = page.getByTestId("member-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: owner.email })).toContainText(en("roles.OWNER"));
    await expect(rows.filter({ hasText: colleague.email })).toContainText(`${colleague.name} (${en("members.you")})`);
    // A member does not manage invitations.
    await expect(page.getByRole("region", { name: en("members.invite.title") })).toHaveCount(0);
  });

  await test.step("the invitation link cannot be used twice", async () => {
    await page.goto(invitationPath);
    await expect(page.getByRole("alert")).toHaveText(en("invitation.status.accepted"));
    await page.goto(`/en${orgPath}`);
    await expect(page.getByTestId("organization-name")).toHaveText(company.name);
  });

  for (const lang of ["pt", "es", "zh"] as const) {
    await test.step(`switch the language to ${lang}`, async () => {
      await switchLanguage(page, lang);
      await expect(page).toHaveURL((url) => url.pathname === `/${lang}${orgPath}`);
      const tabs = page.getByRole("navigation", { name: t(lang, "organizations.nav") });
      await expect(tabs.getByRole("link", { name: t(lang, "organizations.tabs.members"), exact: true })).toBeVisible();
      await expect(tabs.getByRole("link", { name: t(lang, "organizations.tabs.dashboard"), exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: t(lang, "dashboard.kinds.MANUFACTURER.title") })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("button", { name: t(lang, "nav.logout") })).toBeVisible();
      await expect(page.getByTestId("language-switcher").locator("summary")).toContainText(LANG_NAME[lang]);
      // The English strings are gone (the company's own name stays as it was entered).
      await expect(page.getByRole("heading", { name: en("dashboard.kinds.MANUFACTURER.title") })).toHaveCount(0);
      await expect(page.getByTestId("organization-name")).toHaveText(company.name);
      await expect(page).toHaveTitle(new RegExp(`^${escape(t(lang, "organizations.tabs.dashboard"))} · Ponte$`));
      // For people to look at (the mouse away from the header).
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SCREENSHOTS}/dashboard-${lang}.png`, fullPage: true });
    });
  }

  await test.step("the choice of language is remembered on the account", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/zh$/);
    await switchLanguage(page, "en");
  });
});

test("log out, then log back in to the organization's dashboard", async ({ page }) => {
  const { email, company, orgUrl } = await signUpWithCompany(page, "relogin");
  await logOut(page);

  // Signed out, the organization is behind the login page.
  await page.goto(orgUrl);
  await expect(page).toHaveURL(/\/en\/login\?redirectTo=/);
  await expect(page.getByTestId("organization-name")).toHaveCount(0);

  await page.goto("/en/login");
  await logIn(page, email, "not the password at all");
  await expect(page.getByRole("alert")).toHaveText(en("auth.login.invalid"));
  await expect(page.getByLabel(en("fields.email"))).toHaveValue(email);

  await logIn(page, email);
  await expect(page).toHaveURL(orgUrl);
  await expect(page.getByTestId("organization-name")).toHaveText(company);
});

test("forgot password: the emailed link sets a new password and signs in", async ({ page }) => {
  const { email, company, orgUrl } = await signUpWithCompany(page, "reset");
  const newPassword = "a brand new e2e passphrase";
  await logOut(page);

  await page.getByRole("banner").getByRole("link", { name: en("nav.login") }).click();
  await page.getByRole("link", { name: en("auth.login.forgot") }).click();
  await expect(page).toHaveURL(/\/en\/forgot-password$/);
  await page.getByLabel(en("fields.email")).fill(email);
  await page.getByRole("button", { name: en("auth.forgot.submit") }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(en("auth.forgot.sent"));

  const link = await linkFromOutbox(page, email, /\/en\/reset-password\/[^/\s]+$/);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: en("auth.reset.title") })).toBeVisible();

  // Two different passwords are refused, and the passwords are not sent back.
  await page.getByLabel(en("fields.newPassword"), { exact: true }).fill(newPassword);
  await page.getByLabel(en("fields.confirmPassword")).fill(`${newPassword} typo`);
  await page.getByRole("button", { name: en("auth.reset.submit") }).click();
  await expect(page.getByText(en("validation.passwordsDiffer"))).toBeVisible();

  await page.getByLabel(en("fields.newPassword"), { exact: true }).fill(newPassword);
  await page.getByLabel(en("fields.confirmPassword")).fill(newPassword);
  await page.getByRole("button", { name: en("auth.reset.submit") }).click();
  await expect(page).toHaveURL(orgUrl);
  await expect(page.getByTestId("organization-name")).toHaveText(company);
  await expect(page.getByTestId("account-link")).toBeVisible();

  // The link was for one use only.
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText(en("auth.reset.invalid"));

  // The old password no longer works; the new one does.
  await logOut(page);
  await page.goto("/en/login");
  await logIn(page, email, PASSWORD);
  await expect(page.getByRole("alert")).toHaveText(en("auth.login.invalid"));
  await logIn(page, email, newPassword);
  await expect(page).toHaveURL(orgUrl);
});

test("account page: rename, and change the password", async ({ page }) => {
  const { email, orgUrl } = await signUpWithCompany(page, "account");
  const newPassword = "another e2e passphrase";

  await page.getByTestId("account-link").click();
  await expect(page.getByRole("heading", { level: 1, name: en("account.title") })).toBeVisible();

  const preferences = page.getByRole("region", { name: en("account.preferences.title") });
  await preferences.getByLabel(en("fields.name")).fill("Renamed E2E");
  await preferences.getByRole("button", { name: en("common.save") }).click();
  await expect(preferences.getByRole("status")).toHaveText(en("account.saved"));
  await expect(page.getByTestId("account-link")).toHaveText("Renamed E2E");

  const password = page.getByRole("region", { name: en("account.password.title") });
  await password.getByLabel(en("fields.currentPassword")).fill("not my password");
  await password.getByLabel(en("fields.newPassword"), { exact: true }).fill(newPassword);
  await password.getByLabel(en("fields.confirmPassword")).fill(newPassword);
  await password.getByRole("button", { name: en("account.password.submit") }).click();
  await expect(password.getByText(en("account.password.wrong"))).toBeVisible();

  await password.getByLabel(en("fields.currentPassword")).fill(PASSWORD);
  await password.getByRole("button", { name: en("account.password.submit") }).click();
  await expect(password.getByRole("status")).toHaveText(en("account.password.changed"));

  await logOut(page);
  await page.goto("/en/login");
  await logIn(page, email, newPassword);
  await expect(page).toHaveURL(orgUrl);
});

test("a registered address gets the same answer, and its owner an email instead of an account", async ({ page }) => {
  const { email } = await signUpWithCompany(page, "taken");
  await logOut(page);
  await page.goto("/en/signup");
  await submitSignUp(page, { name: "Someone Else", email });
  await expect(page.getByRole("main").getByRole("status")).toContainText(email);
  const login = await linkFromOutbox(page, email, /\/en\/login$/);
  expect(new URL(login).pathname).toBe("/en/login");
});

test("guessable passwords are refused at signup with the reason in the page's language", async ({ page }) => {
  await page.goto("/pt/signup");
  await page.getByLabel(t("pt", "fields.name")).fill("Joana Silva");
  await page.getByLabel(t("pt", "fields.email")).fill(uniqueEmail("weak"));
  await page.getByLabel(t("pt", "fields.password"), { exact: true }).fill("password12");
  await page.getByRole("button", { name: t("pt", "auth.signup.submit") }).click();
  const password = page.getByLabel(t("pt", "fields.password"), { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(new RegExp(escape(t("pt", "passwordStrength.weak"))));
});

for (const lang of ["pt", "zh"] as const) {
  test(`${lang}: sign up, log in too early, ask for a new link, confirm, and reach the company setup`, async ({ page }) => {
    const email = uniqueEmail(`verify-${lang}`);
    const shot = async (name: string) => {
      await page.mouse.move(0, 0);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    };

    await page.goto(`/${lang}/signup`);
    await submitSignUp(page, { name: lang === "zh" ? "林伟" : "Joana Silva", email, lang });
    await expect(page.getByRole("main").getByRole("status")).toHaveText(t(lang, "auth.signup.checkEmail.body").replace("{{email}}", email).replace("{{hours}}", "24"));
    await shot("signup-check-email");

    // The right password before confirming: no session, a notice and a button for a new link.
    await page.goto(`/${lang}/login`);
    await page.getByLabel(t(lang, "fields.email")).fill(email);
    await page.getByLabel(t(lang, "fields.password"), { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: t(lang, "auth.login.submit") }).click();
    await expect(page.getByTestId("unverified-notice")).toHaveText(t(lang, "auth.login.unverified").replace("{{email}}", email));
    await shot("login-unverified");
    await page.getByRole("button", { name: t(lang, "auth.verify.resendSubmit") }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(t(lang, "auth.verify.resendSent").replace("{{hours}}", "24"));

    const link = await linkFromOutbox(page, email, new RegExp(`/${lang}/verify-email/[^/\\s]+$`));
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: t(lang, "auth.verify.title") })).toBeVisible();
    await shot("verify-email");
    await page.getByRole("button", { name: t(lang, "auth.verify.submit") }).click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/orgs/new$`));
    await expect(page.getByRole("heading", { level: 1, name: t(lang, "organizations.new.title") })).toBeVisible();
    await expect(page.getByTestId("account-link")).toBeVisible();
    await shot("verified-company-setup");

    // The link is spent.
    await page.goto(link);
    await expect(page.getByRole("alert")).toHaveText(t(lang, "auth.verify.invalid"));
  });
}
