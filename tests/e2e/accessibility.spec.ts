import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { logInToOrganization } from "./demo-login";
import { hydrated } from "./hydration";
import { expect, test } from "./fixtures";
import { t, type Lang } from "./messages";

/**
 * Issue 15: the key pages stay accessible. Every page below is audited with axe-core (WCAG 2.1 A/AA plus best
 * practice) at 1366 px and 390 px, in Portuguese and Chinese; a test fails on any critical or serious violation, on a
 * page wider than its viewport (WCAG 1.4.10), on a focusable element whose focus ring is missing, fainter than 3:1
 * against what surrounds it or cut off by a clipping box, and, on a phone, on a Tab order that jumps back up the
 * page. Moderate and minor findings are attached to the test as annotations.
 *
 * Pages: the public ones (home, listing, search, product, login, signup) and the main signed-in pages of each kind
 * of organization — buyer, manufacturer, platform (transfer and credit desks) and a warehouse's staff: dashboards,
 * product console, inventory, warehouses, orders and an order, RFQs and a thread; declarations; shipments (list,
 * page, public tracking link) and showrooms (public list, storefront, booth; the park console; a manufacturer's leads
 * and invitations). New pages meet the same bar (issue 15). The keyboard tests at the end walk the skip link, the header menus and the listing's selects.
 */

const LANGS: Lang[] = ["pt", "zh"];
const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const BUYER = "buyer.mx@demo.ponte.test"; // Azteca: an RFQ thread with Gree-Lux, orders placed and in fulfilment
const MAKER = "maker@demo.ponte.test";
const PLATFORM = "admin@demo.ponte.test";
const WAREHOUSE_STAFF = "staff.lis@demo.ponte.test";

/** A page to audit: a path with {lang} in it, and a name for the report. */
interface Target {
  name: string;
  path: string;
}

/** The first link on `path` (in pt) whose href matches: demo ids and numbers are found, not hard-coded. */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return href!.replace(/^\/pt\//, "/{lang}/");
}

interface PageReport {
  overflow: number;
  rings: string[];
  order: string[];
}

/**
 * In the page: walks every element the Tab key reaches (focusing each the way Tab would, so :focus-visible
 * applies) and checks its focus ring — 2 px or more, 3:1 against the colours around it, not clipped by an ancestor
 * that hides overflow — and, when `checkOrder`, that the next element is never wholly above the one before.
 */
function inspectPage(checkOrder: boolean): PageReport {
  type RGBA = [number, number, number, number];
  const parse = (color: string): RGBA | null => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = "1"] = m[1]!.split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const luminance = ([r, g, b]: RGBA) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  };
  const contrast = (a: RGBA, b: RGBA) => {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  };
  /** The colours seen at `from` (its own and its ancestors' backgrounds; a gradient as all of its stops). */
  const backdrops = (from: Element | null): RGBA[] => {
    const layers: RGBA[][] = [];
    for (let node = from; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const image = style.backgroundImage;
      if (image && image !== "none") {
        const stops = (image.match(/rgba?\([^)]+\)/g) ?? []).map(parse).filter((c): c is RGBA => c !== null);
        if (stops.length > 0) {
          layers.push(stops);
          if (stops.every((s) => s[3] === 1)) break;
        }
      }
      const bg = parse(style.backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push([bg]);
        if (bg[3] === 1) break;
      }
    }
    let result: RGBA[] = [[255, 255, 255, 1]];
    for (const layer of layers.reverse()) result = layer.flatMap((top) => result.map((under) => over(top, under)));
    return result;
  };
  const describe = (el: Element) => {
    const text = (el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? el.getAttribute("name") ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> "${text}"`;
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== "hidden";
  };

  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], iframe";
  const focusables = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest("[inert], [hidden]")) return false;
    const closed = el.closest("details:not([open])");
    if (closed && !(el.tagName === "SUMMARY" && el.parentElement === closed)) return false;
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  });
  // Sequential navigation order: positive tabindex first (none are expected), then document order.
  focusables.sort((a, b) => (a.tabIndex > 0 || b.tabIndex > 0 ? (a.tabIndex || Infinity) - (b.tabIndex || Infinity) : 0));

  const rings: string[] = [];
  const order: string[] = [];
  let previous: { el: Element; top: number; bottom: number } | null = null;
  for (const el of focusables) {
    el.focus({ preventScroll: false });
    if (document.activeElement !== el) continue;
    // What draws the ring: the element, or (a visually hidden input) its label, or an ancestor that shows it
    // (a card around a clamped title) — the first of them with a visible outline.
    const holders: Element[] = [el, ...Array.from((el as HTMLInputElement).labels ?? [])];
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) holders.push(node);
    const holder = holders.find((h) => {
      const s = getComputedStyle(h);
      // Tailwind's outline-none is a transparent outline (for forced-colours mode): not a ring.
      return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && (parse(s.outlineColor)?.[3] ?? 1) > 0 && visible(h);
    });
    if (!holder) {
      rings.push(`${describe(el)}: no focus ring`);
      continue;
    }
    const style = getComputedStyle(holder);
    const color = parse(style.outlineColor);
    const width = parseFloat(style.outlineWidth);
    const offset = parseFloat(style.outlineOffset);
    if (color) {
      // A ring outside the element lies on what is around it; one drawn inside (negative offset), on the element.
      const behind = backdrops(offset >= 0 ? holder.parentElement : holder);
      const worst = Math.min(...behind.map((b) => contrast(over(color, b), b)));
      if (worst < 3) rings.push(`${describe(el)}: focus ring ${style.outlineColor} is ${worst.toFixed(2)}:1 against its background`);
    }
    // The ring's box must fit inside every ancestor that clips.
    const r = holder.getBoundingClientRect();
    const reach = Math.max(0, offset + width);
    const ring = { left: r.left - reach, right: r.right + reach, top: r.top - reach, bottom: r.bottom + reach };
    for (let node = holder.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      const s = getComputedStyle(node);
      const clipsX = s.overflowX !== "visible";
      const clipsY = s.overflowY !== "visible";
      if (!clipsX && !clipsY) continue;
      const box = node.getBoundingClientRect();
      const inner = { left: box.left + node.clientLeft, top: box.top + node.clientTop, right: box.left + node.clientLeft + node.clientWidth, bottom: box.top + node.clientTop + node.clientHeight };
      const cut = (clipsX && (ring.left < inner.left - 0.5 || ring.right > inner.right + 0.5)) || (clipsY && (ring.top < inner.top - 0.5 || ring.bottom > inner.bottom + 0.5));
      if (cut && node !== document.body) {
        rings.push(`${describe(el)}: focus ring cut off by <${node.tagName.toLowerCase()} class="${node.className}">`);
        break;
      }
    }
    if (checkOrder) {
      const top = r.top + window.scrollY;
      const bottom = r.bottom + window.scrollY;
      if (previous && bottom <= previous.top - 1) order.push(`Tab goes from ${describe(previous.el)} up to ${describe(el)}, shown above it`);
      previous = { el, top, bottom };
    }
  }
  (document.activeElement as HTMLElement | null)?.blur();
  window.scrollTo(0, 0);
  return { overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, rings, order };
}

/** Audits each page at both widths in both languages; answers every problem found, one line each. */
async function audit(page: Page, targets: Target[]): Promise<string[]> {
  const problems: string[] = [];
  for (const target of targets) {
    for (const lang of LANGS) {
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        const path = target.path.replace("{lang}", lang);
        const where = `${target.name} ${path} ${lang} ${viewport.width}px`;
        const response = await page.goto(path);
        expect(response?.status(), where).toBeLessThan(400);
        await page.waitForLoadState("networkidle");
        // A page without its stylesheet (a build replaced under the server) would fail everything below misleadingly.
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), `${where}: the stylesheet is applied`).toBe("rgb(248, 250, 252)");
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const v of results.violations) {
          const line = `${where}: ${v.impact} ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`;
          if (v.impact === "critical" || v.impact === "serious") problems.push(line);
          else test.info().annotations.push({ type: "axe", description: line });
        }
        // Tab once so that focus() in the page shows :focus-visible as a keyboard user sees it.
        await page.keyboard.press("Tab");
        const report = await page.evaluate(inspectPage, viewport.width < 500);
        if (report.overflow > 0) problems.push(`${where}: the page is ${report.overflow} px wider than the viewport`);
        for (const line of [...report.rings, ...report.order]) problems.push(`${where}: ${line}`);
      }
    }
  }
  return problems;
}

test("public pages: no serious axe violations, no sideways scroll, visible focus", async ({ page }) => {
  test.setTimeout(300_000);
  const product = await firstHref(page, "/pt/products", /^\/pt\/products\/[^?]+$/);
  const problems = await audit(page, [
    { name: "home", path: "/{lang}" },
    { name: "listing", path: "/{lang}/products" },
    { name: "search", path: `/{lang}/products?q=${encodeURIComponent("chaleira")}` },
    { name: "product", path: product },
    { name: "login", path: "/{lang}/login" },
    { name: "signup", path: "/{lang}/signup" },
  ]);
  expect(problems).toEqual([]);
});

test("a buyer's pages: dashboard, cart, orders, an order, RFQs and a thread", async ({ page }) => {
  test.setTimeout(300_000);
  const org = await logInToOrganization(page, BUYER);
  const order = await firstHref(page, "/pt/orders", /^\/pt\/orders\/PO-/);
  const rfq = await firstHref(page, "/pt/rfqs", /^\/pt\/rfqs\/RFQ-/);
  const problems = await audit(page, [
    { name: "buyer dashboard", path: `/{lang}/orgs/${org}` },
    { name: "cart", path: "/{lang}/cart" },
    { name: "buyer orders", path: "/{lang}/orders" },
    { name: "buyer order", path: order },
    { name: "buyer RFQs", path: "/{lang}/rfqs" },
    { name: "buyer RFQ thread", path: rfq },
  ]);
  expect(problems).toEqual([]);
});

test("a manufacturer's pages: dashboard, product console, inventory, orders, an order, an RFQ thread", async ({ page }) => {
  test.setTimeout(300_000);
  const org = await logInToOrganization(page, MAKER);
  const product = await firstHref(page, `/pt/orgs/${org}/products`, new RegExp(`^/pt/orgs/${org}/products/[0-9a-f-]{36}$`));
  const order = await firstHref(page, "/pt/orders", /^\/pt\/orders\/PO-/);
  const rfq = await firstHref(page, "/pt/rfqs", /^\/pt\/rfqs\/RFQ-/);
  const problems = await audit(page, [
    { name: "manufacturer dashboard", path: `/{lang}/orgs/${org}` },
    { name: "product console", path: `/{lang}/orgs/${org}/products` },
    { name: "product editor", path: product },
    { name: "inventory", path: `/{lang}/orgs/${org}/inventory` },
    { name: "manufacturer orders", path: "/{lang}/orders" },
    { name: "manufacturer order", path: order },
    { name: "manufacturer RFQ thread", path: rfq },
  ]);
  expect(problems).toEqual([]);
});

test("the export agency's pages: the declaration queue, a declaration, settlements, the monthly summary, the verification desk, rates", async ({ page }) => {
  test.setTimeout(300_000);
  await logInToOrganization(page, PLATFORM);
  const declaration = await firstHref(page, "/pt/agency/declarations", /^\/pt\/agency\/declarations\/DEC-[0-9-]+$/);
  const problems = await audit(page, [
    { name: "declaration queue", path: "/{lang}/agency/declarations" },
    { name: "declaration", path: declaration },
    { name: "agency settlements", path: "/{lang}/agency/settlements" },
    { name: "monthly summary", path: "/{lang}/agency/summary" },
    { name: "verification desk", path: "/{lang}/platform/verifications" },
    { name: "import tax rates", path: "/{lang}/platform/import-tax-rates" },
    { name: "rebate rates", path: "/{lang}/platform/rebate-rates" },
  ]);
  expect(problems).toEqual([]);
});

test("a manufacturer's export pages: its declarations, a declaration, its export money", async ({ page }) => {
  test.setTimeout(300_000);
  await logInToOrganization(page, MAKER);
  const declaration = await firstHref(page, "/pt/declarations", /^\/pt\/declarations\/DEC-[0-9-]+$/);
  const problems = await audit(page, [
    { name: "manufacturer declarations", path: "/{lang}/declarations" },
    { name: "manufacturer declaration", path: declaration },
    { name: "export money", path: "/{lang}/export/money" },
  ]);
  expect(problems).toEqual([]);
});

test("the platform's pages: dashboard, orders, an order, the transfer and credit desks, warehouses", async ({ page }) => {
  test.setTimeout(300_000);
  const org = await logInToOrganization(page, PLATFORM);
  const order = await firstHref(page, "/pt/orders", /^\/pt\/orders\/PO-/);
  const problems = await audit(page, [
    { name: "platform dashboard", path: `/{lang}/orgs/${org}` },
    { name: "platform orders", path: "/{lang}/orders" },
    { name: "platform order", path: order },
    { name: "transfer desk", path: "/{lang}/platform/transfers" },
    { name: "credit desk", path: "/{lang}/platform/credit" },
    { name: "warehouses", path: `/{lang}/orgs/${org}/warehouses` },
  ]);
  expect(problems).toEqual([]);
});

test("a warehouse's staff pages: dashboard, warehouses, the Lisbon warehouse", async ({ page }) => {
  test.setTimeout(300_000);
  const org = await logInToOrganization(page, WAREHOUSE_STAFF);
  const warehouse = await firstHref(page, `/pt/orgs/${org}/warehouses`, new RegExp(`^/pt/orgs/${org}/warehouses/[0-9a-f-]{36}$`));
  const problems = await audit(page, [
    { name: "warehouse staff dashboard", path: `/{lang}/orgs/${org}` },
    { name: "staff warehouses", path: `/{lang}/orgs/${org}/warehouses` },
    { name: "Lisbon warehouse", path: warehouse },
  ]);
  expect(problems).toEqual([]);
});

test("showrooms, public side: the list, a storefront, a booth", async ({ page }) => {
  test.setTimeout(300_000);
  const storefront = await firstHref(page, "/pt/showrooms", /^\/pt\/showrooms\/[a-z0-9-]+$/);
  const booth = await firstHref(page, storefront.replace("{lang}", "pt"), /^\/pt\/showrooms\/[a-z0-9-]+\/booths\/[^/?]+$/);
  const problems = await audit(page, [
    { name: "showrooms", path: "/{lang}/showrooms" },
    { name: "storefront", path: storefront },
    { name: "booth", path: booth },
  ]);
  expect(problems).toEqual([]);
});

test("shipments: a buyer's list, a shipment, its public tracking page", async ({ page }) => {
  test.setTimeout(300_000);
  await logInToOrganization(page, "buyer.br@demo.ponte.test");
  const shipment = await firstHref(page, "/pt/shipments", /^\/pt\/shipments\/SHP-[0-9-]+$/);
  // The buyer's link for its own customers: made here if the shipment has none yet (specs share one database).
  await page.goto(shipment.replace("{lang}", "pt"));
  await hydrated(page);
  const create = page.locator('button[name="intent"][value="create_link"]');
  if (await create.count()) await create.click();
  const url = await page.locator("#public-link-url").inputValue();
  const tracking = new URL(url).pathname.replace(/^\/[a-zA-Z-]+\/track\//, "/{lang}/track/");
  const problems = await audit(page, [
    { name: "shipment list", path: "/{lang}/shipments" },
    { name: "shipment", path: shipment },
    { name: "public tracking", path: tracking },
  ]);
  expect(problems).toEqual([]);
});

test("the park operator's storefront list and editor; a manufacturer's leads and showroom invitations", async ({ page }) => {
  test.setTimeout(300_000);
  await logInToOrganization(page, "park@demo.ponte.test");
  const editor = await firstHref(page, "/pt/park/storefronts", /^\/pt\/park\/storefronts\/[0-9a-f-]{36}$/);
  const operatorProblems = await audit(page, [
    { name: "park storefronts", path: "/{lang}/park/storefronts" },
    { name: "storefront editor", path: editor },
  ]);
  await page.context().clearCookies();
  await logInToOrganization(page, MAKER);
  const makerProblems = await audit(page, [
    { name: "leads inbox", path: "/{lang}/leads" },
    { name: "showroom invitations", path: "/{lang}/showroom-invitations" },
  ]);
  expect([...operatorProblems, ...makerProblems]).toEqual([]);
});

// ── Keyboard ─────────────────────────────────────────────────────────────────────────────────────────────────────

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

test("the skip link moves the focus into the main content", async ({ page }) => {
  await page.goto("/pt/products");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: t("pt", "nav.skipToContent") });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect.poll(() => focusedId(page)).toBe("main");
  // The next Tab lands inside the main content, not back in the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
});

test("header menus close on Escape and give the focus back to their button", async ({ page }) => {
  await logInToOrganization(page, MAKER);
  await page.goto("/pt/orders");
  await hydrated(page);
  for (const testId of ["language-switcher", "organization-switcher"]) {
    const menu = page.getByTestId(testId);
    const summary = menu.locator("summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("open", "");
    await page.keyboard.press("Tab");
    expect(await menu.evaluate((details) => details.contains(document.activeElement) && document.activeElement?.tagName !== "SUMMARY")).toBe(true);
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(summary).toBeFocused();
  }
  // Tabbing past the last choice closes the menu too.
  const languages = page.getByTestId("language-switcher");
  await languages.locator("summary").focus();
  await page.keyboard.press("Enter");
  // Five choices: Português, Português (Portugal), Español, 中文, English.
  for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
  await expect(languages).toHaveAttribute("open", "");
  await page.keyboard.press("Tab");
  await expect(languages).not.toHaveAttribute("open", "");
});

test("listing selects: arrow keys only move the choice, Enter applies it, and the focus stays on the select", async ({ page }) => {
  await logInToOrganization(page, BUYER); // a buyer with a country: both of the filter's boxes are offered
  await page.goto(`/pt/products?q=${encodeURIComponent("chaleira")}`);
  await hydrated(page);
  const before = page.url();

  const sort = page.getByTestId("sort");
  await sort.focus();
  const initial = await sort.inputValue();
  await page.keyboard.press("ArrowDown");
  await expect(sort).not.toHaveValue(initial);
  const chosen = await sort.inputValue();
  // Nothing is submitted by the arrow key: same page, focus where it was, an explicit "apply" offered.
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  await expect(sort).toBeFocused();
  await expect(page.getByTestId("apply-choice")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`sort=${chosen}`));
  await expect(page.getByTestId("product-grid")).toHaveAttribute("aria-busy", "false");
  await expect(sort).toBeFocused();
  await expect(sort).toHaveValue(chosen);
  await expect(page.getByTestId("apply-choice")).toHaveCount(0);

  const category = page.getByTestId("filters").getByLabel(t("pt", "browse.filters.category"), { exact: true });
  await category.focus();
  const url = page.url();
  await page.keyboard.press("ArrowDown");
  const slug = await category.inputValue();
  expect(slug).not.toBe("");
  await page.waitForTimeout(500);
  expect(page.url()).toBe(url);
  await expect(category).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`category=${slug}`));
  await expect(category).toBeFocused();
  await expect(category).toHaveValue(slug);

  // A box ticked with Space applies at once (an explicit action) and keeps the focus.
  const nearStock = page.getByTestId("near-stock-filter").getByRole("checkbox");
  await nearStock.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/nearStock=1/);
  await expect(nearStock).toBeFocused();
  await expect(nearStock).toBeChecked();

  // Picking from the list with the pointer still applies at once.
  await sort.selectOption("newest");
  await expect(page).toHaveURL(/sort=newest/);
  await expect(sort).toHaveValue("newest");
});

test("the currency preference: arrows do not reload the page, Enter does, and the focus stays", async ({ page }) => {
  await page.goto("/pt/products");
  await hydrated(page);
  const price = page.getByTestId("product-card").locator(".pcard-price").first();
  const priceBefore = await price.innerText();
  const currency = page.getByTestId("currency-switcher").getByRole("combobox");
  await currency.focus();
  const initial = await currency.inputValue();
  await page.keyboard.press("ArrowDown");
  const chosen = await currency.inputValue();
  expect(chosen).not.toBe(initial);
  await page.waitForTimeout(500);
  await expect(price).toHaveText(priceBefore);
  await expect(currency).toBeFocused();
  await expect(page.getByTestId("currency-switcher").getByTestId("apply-choice")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(price).not.toHaveText(priceBefore);
  await expect(currency).toBeFocused();
  await expect(currency).toHaveValue(chosen);
});
