import { expect, test } from "./fixtures";
import { logInToOrganization } from "./demo-login";

// Issue 13 item 19: dashboard cards were placeholders ("You will…", dashed) for buyers, the park and the platform.
// Every card now shows real figures or leads to a page that exists.
for (const email of ["buyer.mx@demo.ponte.test", "park@demo.ponte.test", "admin@demo.ponte.test", "maker@demo.ponte.test"]) {
  test(`${email.split("@")[0]}'s dashboard has no placeholder card, and each card's links open`, async ({ page }) => {
    const organizationId = await logInToOrganization(page, email);
    const cards = page.locator('[data-testid^="area-"]');
    await expect(cards.first()).toBeVisible();
    await expect(page.locator('[data-testid^="area-"].border-dashed')).toHaveCount(0);
    const hrefs = await cards.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of new Set(hrefs)) {
      const response = await page.request.get(href);
      expect(response.status(), `${href} from ${organizationId}`).toBe(200);
    }
  });
}
