import { expect, test } from "./fixtures";
import { logInToOrganization } from "./demo-login";

// Issue 13 item 11: the Spanish header wrapped to two rows for signed-in users at 1280–1920 px and cut the
// organization's name ("Hengqin Sino-Latin Ameri…").
for (const width of [1280, 1440, 1920]) {
  test(`the header is one row at ${width} px, with the organization's whole name (es, park operator)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await logInToOrganization(page, "park@demo.ponte.test");
    await page.goto("/es/products");
    const header = page.locator("header").first();
    const logo = header.getByRole("link", { name: "Ponte" }).first();
    const logout = header.getByRole("button", { name: "Cerrar sesión" });
    const [logoBox, logoutBox] = [await logo.boundingBox(), await logout.boundingBox()];
    expect(Math.abs(logoBox!.y + logoBox!.height / 2 - (logoutBox!.y + logoutBox!.height / 2))).toBeLessThan(8);
    const organization = header.getByTestId("organization-switcher").locator("summary");
    await expect(organization).toContainText("Hengqin Sino-Latin America Park");
    expect(await organization.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

// Showrooms and Shipments joined the main links: a buyer's and a manufacturer's header (the longest link sets) stays
// one row at 1280 px in Portuguese and Spanish, every main link on that row, and the phone width does not scroll.
const members = [
  { who: "buyer", email: "buyer.br@demo.ponte.test" },
  { who: "manufacturer", email: "maker@demo.ponte.test" },
];
for (const { who, email } of members) {
  for (const [lang, logoutName] of [["pt", "Sair"], ["es", "Cerrar sesión"]] as const) {
    test(`the header is one row at 1280 px for a ${who} (${lang}), every main link on it`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await logInToOrganization(page, email);
      await page.goto(`/${lang}/products`);
      const header = page.locator("header").first();
      const logo = header.getByRole("link", { name: "Ponte" }).first();
      const logout = header.getByRole("button", { name: logoutName });
      const middle = async (box: Promise<{ y: number; height: number } | null>) => {
        const b = (await box)!;
        return b.y + b.height / 2;
      };
      const row = await middle(logo.boundingBox());
      expect(Math.abs((await middle(logout.boundingBox())) - row)).toBeLessThan(8);
      const links = header.getByRole("navigation").first().getByRole("link");
      expect(await links.count()).toBeGreaterThanOrEqual(5);
      for (const link of await links.all()) {
        expect(Math.abs((await middle(link.boundingBox())) - row), await link.getAttribute("href") ?? "").toBeLessThan(8);
      }
      await expect(header.getByTestId("nav-shipments")).toHaveAccessibleName(/.+/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.setViewportSize({ width: 390, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  }
}
