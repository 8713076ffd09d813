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
