import { logInToOrganization } from "./demo-login";
import { expect, test } from "./fixtures";
import { t } from "./messages";

const BUYER_MX = "buyer.mx@demo.ponte.test";
const MAKER_NAME = "Gree-Lux Home Appliances";

test("an RFQ negotiated live between a buyer (es) and a manufacturer (zh, on a phone) becomes an order", async ({ browser }) => {
  const buyerContext = await browser.newContext();
  const makerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const buyer = await buyerContext.newPage();
  const maker = await makerContext.newPage();
  await logInToOrganization(buyer, BUYER_MX);
  await logInToOrganization(maker);

  // The buyer sends a free-form request to the manufacturer.
  await buyer.goto("/es/rfqs/new");
  await buyer.getByLabel(t("es", "rfq.new.manufacturer")).selectOption({ label: MAKER_NAME });
  await buyer.getByLabel(t("es", "rfq.new.subject")).fill("Hervidores 1,7 L para México");
  await buyer.getByLabel(t("es", "rfq.new.specification")).fill("127 V, enchufe tipo A, caja en español");
  await buyer.getByLabel(t("es", "rfq.new.quantity")).fill("300");
  await buyer.getByLabel(t("es", "rfq.new.targetPrice")).fill("95.50");
  await buyer.getByRole("button", { name: t("es", "rfq.new.submit") }).click();
  await expect(buyer).toHaveURL(/\/es\/rfqs\/RFQ-\d{4}-\d{6}$/);
  const number = new URL(buyer.url()).pathname.split("/").pop()!;

  // The manufacturer finds it in its list, unread, and opens the thread; both pages are live.
  await maker.goto("/zh/rfqs");
  const row = maker.getByRole("link", { name: new RegExp(number) });
  await expect(row).toContainText("Hervidores");
  await row.click();
  await expect(maker).toHaveURL(new RegExp(`/zh/rfqs/${number}$`));
  await expect(maker.getByText(t("zh", "rfq.thread.live"), { exact: true })).toBeVisible();
  await expect(buyer.getByText(t("es", "rfq.thread.live"), { exact: true })).toBeVisible();
  // The buyer's opening message was read: the buyer sees the receipt without reloading.
  await expect(buyer.getByText(t("es", "rfq.thread.read"), { exact: true })).toBeVisible();

  // Typing shows on the other side; the message arrives there without a reload, with its language.
  await maker.getByLabel(t("zh", "rfq.message.label")).pressSequentially("您好，可以生产127V版本");
  await expect(buyer.getByText(t("es", "rfq.thread.typing"))).toBeVisible();
  await maker.getByRole("button", { name: t("zh", "rfq.message.send"), exact: true }).click();
  const message = buyer.locator("article", { hasText: "您好，可以生产127V版本" });
  await expect(message).toBeVisible();
  await expect(message.getByText("中文", { exact: true })).toBeVisible();
  await expect(maker.getByLabel(t("zh", "rfq.message.label"))).toHaveValue("");

  // The manufacturer quotes; the buyer sees the offer live and accepts it.
  await maker.getByLabel(/单价（/).fill("48.00");
  await maker.getByLabel(t("zh", "rfq.offerForm.leadTimeDays")).fill("30");
  await maker.getByRole("button", { name: t("zh", "rfq.offerForm.submitQuote") }).click();
  const accept = buyer.getByRole("button", { name: t("es", "rfq.thread.accept") });
  await expect(accept).toBeVisible();
  await accept.click();
  const orderLink = buyer.getByRole("link", { name: t("es", "rfq.thread.viewOrder") });
  await expect(orderLink).toBeVisible();
  await expect(orderLink).toHaveAttribute("href", /\/es\/orders\/PO-\d{4}-\d{6}$/);
  // The manufacturer's page follows: accepted, with the order.
  await expect(maker.getByRole("link", { name: t("zh", "rfq.thread.viewOrder") })).toBeVisible();

  // On the phone nothing overflows sideways.
  const overflow = await maker.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await buyerContext.close();
  await makerContext.close();
});
