import type { Page } from "@playwright/test";
import { readPdf } from "../support/pdf-text";
import { logInToOrganization } from "./demo-login";
import { expect, test } from "./fixtures";
import { hydrated } from "./hydration";
import { t, type Lang } from "./messages";

/**
 * Issue 12's end-to-end story in Chromium: the park operator (pt) creates a storefront, draws a booth and invites
 * Gree-Lux, which accepts (zh); the operator gives it the booth, features its kettle and publishes. A buyer in Mexico
 * (es) scans the kettle's QR link, sees where it was scanned and sends an RFQ; the manufacturer (zh) finds the lead
 * with the booth and the RFQ behind it; the operator's funnel counts it; the QR sheet prints the kettle's name in
 * Chinese, Portuguese and Spanish. A storefront of its own keeps the invitation fresh and every count this test's.
 */

const OPERATOR = "park@demo.ponte.test";
const BUYER_MX = "buyer.mx@demo.ponte.test";
const MAKER = { name: "Gree-Lux Home Appliances", owner: "maker@demo.ponte.test" };
// Gree-Lux's kettle as the demo catalog names it (prisma/seed-demo-catalog.ts).
const KETTLE = { slug: "1-7-l-stainless-steel-electric-kettle", zh: "1.7升不锈钢电热水壶", pt: "Chaleira Elétrica Inox 1,7 L", es: "Hervidor Eléctrico de Acero Inoxidable 1.7 L" };
const BOOTH = "C-07";

/** A message with its values filled in. */
function msg(lang: Lang, key: string, values: Record<string, string | number>): string {
  return t(lang, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name]));
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

test("a storefront from invitation to a scanned product's RFQ, counted in the funnel and printed on the QR sheet", async ({ browser }) => {
  test.setTimeout(240_000);
  // Unique per attempt: a retry on the same database must not collide with the first attempt's storefront.
  const suffix = Date.now().toString(36);
  const slug = `e2e-salao-cozinha-${suffix}`;
  const names = { pt: `Salão da cozinha ${suffix}`, es: `Salón de cocina ${suffix}`, zh: `厨房展厅 ${suffix}` };

  const operatorContext = await browser.newContext({ locale: "pt-BR" });
  const makerContext = await browser.newContext({ locale: "zh-CN" });
  const buyerContext = await browser.newContext({ locale: "es-MX" });
  const operator = await operatorContext.newPage();
  const maker = await makerContext.newPage();
  const buyer = await buyerContext.newPage();
  await logInToOrganization(operator, OPERATOR);
  await logInToOrganization(maker, MAKER.owner);
  await logInToOrganization(buyer, BUYER_MX);

  let storefrontId = "";
  await test.step("the operator creates the storefront in Portuguese and draws a booth", async () => {
    await open(operator, "/pt/park/storefronts");
    await operator.getByRole("link", { name: t("pt", "showrooms.console.list.create") }).click();
    await expect(operator).toHaveURL(/\/pt\/park\/storefronts\/new$/);
    await hydrated(operator);
    const field = (key: string, lang: Lang) => operator.getByLabel(msg("pt", "showrooms.console.fields.inLanguage", { label: t("pt", `showrooms.console.fields.${key}`), language: t("pt", `showrooms.console.languages.${lang}`) }), { exact: true });
    await operator.getByLabel(t("pt", "showrooms.console.fields.slug")).fill(slug);
    // Portuguese, Spanish and Chinese: the languages of the visitors and of the manufacturer.
    await operator.getByRole("checkbox", { name: t("pt", "showrooms.console.languages.en") }).uncheck();
    for (const lang of ["pt", "es", "zh"] as const) {
      await field("name", lang).fill(names[lang]);
      await field("heroTitle", lang).fill({ pt: "Eletrodomésticos de Zhuhai de perto", es: "Electrodomésticos de Zhuhai de cerca", zh: "近距离了解珠海家电" }[lang]);
    }
    await operator.getByLabel(t("pt", "showrooms.console.fields.address"), { exact: true }).fill("Avenida Huandao Norte 3000, Pavilhão 2");
    await operator.getByLabel(t("pt", "showrooms.console.fields.city")).fill("Zhuhai");
    await operator.getByRole("button", { name: t("pt", "showrooms.console.new.submit") }).click();
    await expect(operator).toHaveURL(/\/pt\/park\/storefronts\/[0-9a-f-]{36}\/plan\?created=1$/);
    storefrontId = /storefronts\/([0-9a-f-]{36})\//.exec(operator.url())![1]!;
    await expect(operator.getByText(t("pt", "showrooms.console.details.created"))).toBeVisible();

    await hydrated(operator);
    await operator.getByLabel(t("pt", "showrooms.console.plan.code")).fill(BOOTH);
    await operator.getByLabel(t("pt", "showrooms.console.plan.x")).fill("2");
    await operator.getByLabel(t("pt", "showrooms.console.plan.y")).fill("3");
    await operator.getByRole("button", { name: t("pt", "showrooms.console.plan.createBooth") }).click();
    await expect(operator.getByText(msg("pt", "showrooms.console.plan.done.saveBooth", { code: BOOTH }))).toBeVisible();
    await expect(operator.getByTestId(`booth-${BOOTH}`)).toContainText(t("pt", "showrooms.console.plan.free"));
  });

  await test.step("the operator invites Gree-Lux", async () => {
    await open(operator, `/pt/park/storefronts/${storefrontId}/manufacturers`);
    await operator.getByLabel(t("pt", "showrooms.console.manufacturers.search")).fill("Gree-Lux");
    await operator.locator("#main").getByRole("button", { name: t("pt", "showrooms.console.manufacturers.searchButton") }).click();
    await expect(operator).toHaveURL(/manufacturers\?q=Gree-Lux$/);
    await hydrated(operator);
    await operator.getByRole("radio", { name: new RegExp(MAKER.name) }).check();
    await operator.getByLabel(t("pt", "showrooms.console.manufacturers.message"), { exact: true }).fill("Queremos suas chaleiras no pavilhão de cozinha.");
    await operator.getByRole("button", { name: t("pt", "showrooms.console.manufacturers.send") }).click();
    await expect(operator.getByText(t("pt", "showrooms.console.manufacturers.done.invite"))).toBeVisible();
    const invited = operator.getByTestId("participations").getByRole("listitem").filter({ hasText: MAKER.name });
    await expect(invited).toContainText(t("pt", "showrooms.console.participation.INVITED"));
  });

  await test.step("Gree-Lux accepts in Chinese", async () => {
    await open(maker, "/zh/showroom-invitations");
    const invitation = maker.getByTestId("showroom-invitations").getByRole("listitem").filter({ hasText: names.zh });
    await expect(invitation).toContainText(t("zh", "showrooms.console.invitations.consent"));
    await invitation.getByRole("button", { name: t("zh", "showrooms.console.invitations.accept"), exact: true }).click();
    await expect(maker.getByText(t("zh", "showrooms.console.invitations.done.accept"))).toBeVisible();
    await expect(invitation).toContainText(t("zh", "showrooms.console.invitations.featuredNoBooth"));
  });

  await test.step("the operator gives it the booth, features its kettle and publishes", async () => {
    await open(operator, `/pt/park/storefronts/${storefrontId}/plan`);
    const booth = operator.getByTestId(`booth-${BOOTH}`);
    await booth.getByLabel(msg("pt", "showrooms.console.plan.assignLabel", { code: BOOTH })).selectOption({ label: MAKER.name });
    await booth.getByRole("button", { name: t("pt", "showrooms.console.plan.assign") }).click();
    await expect(operator.getByText(t("pt", "showrooms.console.plan.done.assign"))).toBeVisible();
    await expect(operator.getByTestId(`booth-${BOOTH}`)).toContainText(msg("pt", "showrooms.console.plan.takenBy", { manufacturer: MAKER.name }));

    await open(operator, `/pt/park/storefronts/${storefrontId}/sections`);
    await operator.getByLabel(msg("pt", "showrooms.console.fields.inLanguage", { label: t("pt", "showrooms.console.sections.sectionTitle"), language: t("pt", "showrooms.console.languages.pt") }), { exact: true }).fill("Chaleiras");
    await operator.getByRole("button", { name: t("pt", "showrooms.console.sections.create") }).click();
    const section = operator.getByTestId("curated-section").filter({ hasText: "Chaleiras" });
    await expect(section).toBeVisible();
    await hydrated(operator);
    await section.getByLabel(t("pt", "showrooms.console.sections.add")).selectOption({ label: KETTLE.pt });
    await section.getByRole("button", { name: t("pt", "showrooms.console.sections.addButton") }).click();
    await expect(operator.getByText(t("pt", "showrooms.console.sections.saved"))).toBeVisible();
    await expect(operator.getByTestId("curated-section").filter({ hasText: "Chaleiras" }).getByRole("listitem").filter({ hasText: KETTLE.pt })).toBeVisible();

    await open(operator, `/pt/park/storefronts/${storefrontId}`);
    await operator.getByRole("button", { name: t("pt", "showrooms.console.details.publish"), exact: true }).click();
    await expect(operator.getByText(t("pt", "showrooms.console.details.done.publish"))).toBeVisible();
  });

  await test.step("the QR sheet prints the kettle in Chinese, Portuguese and Spanish with its booth", async () => {
    await open(operator, `/pt/park/storefronts/${storefrontId}/qr-labels`);
    const download = operator.getByRole("link", { name: msg("pt", "showrooms.console.qr.downloadAll_other", { count: 2 }) });
    const href = await download.getAttribute("href");
    expect(href).toBe(`/pt/park/storefronts/${storefrontId}/qr-labels.pdf`);
    const response = await operator.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const { text } = readPdf(await response.body());
    for (const name of [KETTLE.zh, KETTLE.pt, KETTLE.es]) expect(text).toContain(name);
    expect(text).toContain(BOOTH);
    expect(text).toContain(`/q/${slug}/${BOOTH}`);
  });

  let rfqNumber = "";
  await test.step("a buyer in Mexico scans the kettle's QR code and sends an RFQ in Spanish", async () => {
    // The booth page offers the guest contact form beside the RFQ.
    await open(buyer, `/es/showrooms/${slug}/booths/${BOOTH}`);
    await expect(buyer.getByTestId("booth-leave-contact")).toHaveAttribute("href", `/es/showrooms/${slug}/contact?booth=${BOOTH}`);
    await expect(buyer.getByTestId("booth-leave-contact")).toHaveText(t("es", "showrooms.public.leaveContact"));

    await buyer.goto(`/q/${slug}/${BOOTH}/${KETTLE.slug}`);
    await expect(buyer).toHaveURL(new RegExp(`/es/products/${KETTLE.slug}\\?via=`));
    await hydrated(buyer);
    await expect(buyer.getByTestId("showroom-source-banner")).toContainText(msg("es", "showrooms.public.scannedAtBooth", { storefront: names.es, booth: BOOTH }));
    await buyer.getByTestId("request-quote").click();
    await expect(buyer).toHaveURL(new RegExp(`/es/rfqs/new\\?product=${KETTLE.slug}$`));
    await hydrated(buyer);
    await expect(buyer.getByLabel(t("es", "rfq.new.subject"))).toHaveValue(KETTLE.es);
    await buyer.getByLabel(t("es", "rfq.new.specification")).fill("Versión de 127 V con enchufe tipo A, manual y caja en español. Visto en el stand del parque.");
    await buyer.getByLabel(t("es", "rfq.new.quantity")).fill("600");
    await buyer.getByRole("button", { name: t("es", "rfq.new.submit") }).click();
    await expect(buyer).toHaveURL(/\/es\/rfqs\/RFQ-\d{4}-\d{6}$/);
    rfqNumber = new URL(buyer.url()).pathname.split("/").pop()!;
  });

  await test.step("Gree-Lux sees the lead and the RFQ attributed to the booth", async () => {
    await open(maker, "/zh/leads");
    const lead = maker.getByTestId("leads-list").getByRole("listitem").filter({ hasText: rfqNumber });
    await expect(lead).toContainText(t("zh", "showrooms.leads.kinds.rfq"));
    await expect(lead).toContainText(names.zh);
    await expect(lead).toContainText(msg("zh", "showrooms.leads.source.booth", { code: BOOTH }));
    await lead.getByRole("link").click();
    await expect(maker).toHaveURL(/\/zh\/leads\/[0-9a-f-]{36}$/);
    await expect(maker.getByRole("heading", { level: 1 })).toContainText(names.zh);
    await maker.getByRole("link", { name: msg("zh", "showrooms.leads.page.rfq", { number: rfqNumber }) }).click();
    await expect(maker).toHaveURL(new RegExp(`/zh/rfqs/${rfqNumber}$`));
    // The thread names where the request came from, and leads back to the lead.
    await expect(maker.getByTestId("rfq-showroom-source")).toContainText(msg("zh", "rfq.thread.showroomBooth", { storefront: names.zh, booth: BOOTH }));
    await expect(maker.getByTestId("rfq-showroom-source").getByRole("link", { name: t("zh", "rfq.thread.showroomLead") })).toBeVisible();
    // The request itself, as the buyer wrote it (the thread's first message carries it too).
    await expect(maker.getByRole("complementary").getByText("Versión de 127 V con enchufe tipo A")).toBeVisible();
  });

  await test.step("the operator's funnel counts the scan, the lead and the RFQ", async () => {
    await open(operator, "/pt/park/insight");
    await operator.getByLabel(t("pt", "showrooms.insight.storefront"), { exact: true }).selectOption({ label: names.pt });
    await operator.getByRole("button", { name: t("pt", "showrooms.insight.apply") }).click();
    await expect(operator).toHaveURL(new RegExp(`storefront=${storefrontId}`));
    const funnel = operator.getByTestId("insight-funnel-table");
    const count = (stage: string) => funnel.locator(`tr[data-stage="${stage}"] td`).first();
    await expect(count("leads")).toHaveText("1");
    await expect(count("rfqs")).toHaveText("1");
    // The scan and the booth page's visit (its beacon may still be on its way: at least the scan).
    await expect(count("touches")).toHaveText(/^[1-9]\d*$/);
  });

  await operatorContext.close();
  await makerContext.close();
  await buyerContext.close();
});
