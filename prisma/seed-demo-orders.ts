/**
 * Demo orders, made through the same functions the pages call (cart, checkout, bank transfer desk, terms, the order
 * lifecycle, RFQs), so every number, reservation, ledger movement and audit row is what a real buyer would produce:
 *
 * - Casa Paulista (São Paulo): 500 coffee makers from the São Paulo warehouse, paid by transfer, picked and dispatched
 *   (Jadlog) — the inventory demo's dispatched order, now a real order its buyer sees; a Zhuhai order delivered
 *   and completed; chargers from a second maker, paid and waiting to be prepared.
 * - Comercializadora Azteca (Mexico City): one order just placed, one paid and being prepared; an open RFQ thread with
 *   a quote and a counter-offer.
 * - Lisboa Lar & Técnica (Lisbon): one order paid and shipped, one cancelled.
 * - Kianda (Luanda): an order waiting for its transfer, and a transfer received with a mistyped reference that the
 *   platform's desk still has to match.
 * - Andina Hogar (Bogotá): net 30 terms approved; an order delivered on terms, not yet paid.
 *
 * Each step runs with a date in the past so the history reads like weeks of trade.
 */
import { unscopedDb, forOrganization } from "../app/modules/db/index.server";
import { evaluateStockAlerts } from "../app/modules/inventory/alerts.server";
import type { Lang } from "../app/modules/i18n/config";
import { addToCart, type BuyerContext } from "../app/modules/ordering/cart.server";
import { placeOrders } from "../app/modules/ordering/checkout.server";
import { applyOrderEvent, type OrderActor } from "../app/modules/ordering/order-lifecycle.server";
import { createRfq, postRfqMessage, type RfqActor } from "../app/modules/ordering/rfqs.server";
import { makeOffer } from "../app/modules/ordering/quotes.server";
import { chooseBankTransfer, recordTransfer } from "../app/modules/payments/bank-transfer.server";
import { seedPlatformBankAccounts } from "../app/modules/payments/bank-transfer-accounts.server";
import { acceptTerms, approveCredit } from "../app/modules/payments/credit.server";
import { CURRENCIES } from "../app/modules/money/currencies";
import type { TradeTerm } from "../app/generated/prisma/enums";

const DAY = 86_400_000;
const daysAgo = (days: number, hour = 10) => {
  const d = new Date(Date.now() - days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

interface Party {
  organizationId: string;
  userId: string;
  lang: Lang;
  currencyCode: string;
}

async function ownerOf(email: string): Promise<Party> {
  const user = await unscopedDb.user.findUniqueOrThrow({ where: { email }, select: { id: true, locale: true, currencyCode: true, memberships: { select: { organizationId: true }, take: 1, orderBy: { createdAt: "asc" } } } });
  const membership = user.memberships[0];
  if (!membership) throw new Error(`demo orders: ${email} belongs to no organization`);
  return { organizationId: membership.organizationId, userId: user.id, lang: user.locale, currencyCode: user.currencyCode };
}

async function buyerContext(party: Party): Promise<BuyerContext> {
  const org = await unscopedDb.organization.findUniqueOrThrow({ where: { id: party.organizationId }, select: { id: true, name: true, countryCode: true, region: true } });
  const user = await unscopedDb.user.findUniqueOrThrow({ where: { id: party.userId }, select: { id: true, email: true, name: true, locale: true, currencyCode: true } });
  return {
    sessionUser: { sessionId: "demo-seed", expiresAt: new Date(Date.now() + DAY), activeOrganizationId: org.id, user },
    organization: { id: org.id, name: org.name, countryCode: org.countryCode, region: org.region },
    scoped: forOrganization(org.id),
    location: { countryCode: org.countryCode, regionCode: org.region },
  };
}

/** The smallest quantity the product sells in (its MOQ, rounded up to whole packs), times `packs` packs more. */
async function orderable(sku: string, extraPacks = 0): Promise<{ sku: string; quantity: number }> {
  const variant = await unscopedDb.productVariant.findFirstOrThrow({ where: { sku }, select: { product: { select: { moq: true, packSize: true } } } });
  const { moq, packSize } = variant.product;
  return { sku, quantity: (Math.ceil(moq / packSize) + extraPacks) * packSize };
}

async function checkout(party: Party, items: { sku: string; quantity: number }[], at: Date, options: { poNumber?: string; originTerm?: TradeTerm } = {}) {
  const buyer = await buyerContext(party);
  for (const item of items) await addToCart(buyer, item);
  const org = await unscopedDb.organization.findUniqueOrThrow({ where: { id: party.organizationId }, select: { addressLine1: true, city: true, region: true, postalCode: true, name: true } });
  const manufacturers = await unscopedDb.cartLine.findMany({ where: { organizationId: party.organizationId }, select: { manufacturerOrganizationId: true }, distinct: ["manufacturerOrganizationId"] });
  const result = await placeOrders(
    buyer,
    {
      address: { recipient: org.name, line1: org.addressLine1 ?? "", city: org.city ?? "", region: org.region, postalCode: org.postalCode },
      poNumber: options.poNumber ?? null,
      originTerms: Object.fromEntries(manufacturers.map((m) => [m.manufacturerOrganizationId, options.originTerm ?? "CIF"])),
      currencyCode: party.currencyCode,
    },
    party.lang,
    { now: at },
  );
  if (!result.ok) throw new Error(`demo orders: checkout for ${org.name} refused (${result.code}: ${JSON.stringify([...result.lineErrors, ...result.addressErrors])})`);
  return result.orders;
}

const actorOf = (party: Party): OrderActor & { organizationId: string } => ({ userId: party.userId, organizationId: party.organizationId });

function decimal(amountMinor: bigint, currencyCode: string): string {
  const exponent = CURRENCIES.find((c) => c.code === currencyCode)?.exponent ?? 2;
  if (exponent === 0) return amountMinor.toString();
  const text = amountMinor.toString().padStart(exponent + 1, "0");
  return `${text.slice(0, -exponent)}.${text.slice(-exponent)}`;
}

/** The buyer pays by transfer and the platform's desk records it (matched by the order's reference). */
async function payByTransfer(order: { id: string }, buyer: Party, platform: Party, at: Date, options: { referenceText?: string; amountMinor?: bigint } = {}) {
  await chooseBankTransfer({ orderId: order.id, actor: actorOf(buyer), now: at });
  const placed = await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id }, select: { number: true, bankReference: true, buyerTotalMinor: true, buyerCurrencyCode: true, buyerSnapshot: true } });
  const payer = await unscopedDb.organization.findUniqueOrThrow({ where: { id: buyer.organizationId }, select: { legalNameLatin: true, name: true } });
  const paidAt = new Date(at.getTime() + 2 * DAY);
  return recordTransfer(
    {
      bankTransactionId: `DEMO-${placed.number}`,
      receivedOn: paidAt,
      payerName: payer.legalNameLatin ?? payer.name,
      referenceText: options.referenceText ?? placed.bankReference,
      currencyCode: placed.buyerCurrencyCode,
      amountText: decimal(options.amountMinor ?? placed.buyerTotalMinor, placed.buyerCurrencyCode),
    },
    actorOf(platform),
    paidAt,
  );
}

async function step(order: { id: string }, kind: "start_fulfilment" | "ship" | "deliver" | "complete" | "cancel", actor: Party, at: Date, reason?: string) {
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind }, actor: actorOf(actor), reason, now: at });
}

/** Skips when the demo already has orders (a restart on a seeded database). */
export async function seedDemoOrders(): Promise<{ orders: number; rfqs: number }> {
  if ((await unscopedDb.order.count()) > 0) return { orders: 0, rfqs: 0 };
  await seedPlatformBankAccounts();

  const maker = await ownerOf("maker@demo.ponte.test");
  const platform = await ownerOf("admin@demo.ponte.test");
  const paulista = await ownerOf("buyer.br@demo.ponte.test");
  const azteca = await ownerOf("buyer.mx@demo.ponte.test");
  const lisboa = await ownerOf("buyer.pt@demo.ponte.test");
  const kianda = await ownerOf("owner.kianda@demo.ponte.test");
  const andina = await ownerOf("owner.andina@demo.ponte.test");
  const staffGru = await ownerOf("staff.gru@demo.ponte.test").catch(() => platform);

  // Casa Paulista: a minimum order (500) of coffee makers from São Paulo, paid by transfer, picked and dispatched with
  // Jadlog.
  const coffee = await checkout(paulista, [await orderable("GL-CM15-127N")], daysAgo(9), { poNumber: "CP-2026-1187" });
  for (const order of coffee) {
    await payByTransfer(order, paulista, platform, daysAgo(9));
    await step(order, "start_fulfilment", staffGru, daysAgo(6));
    await step(order, "ship", staffGru, daysAgo(5), "Jadlog 0012 4455 8821");
  }

  // Casa Paulista: an earlier order from Zhuhai, delivered and completed.
  for (const order of await checkout(paulista, [await orderable("GL-AC12-127")], daysAgo(70), { originTerm: "DDP" })) {
    await payByTransfer(order, paulista, platform, daysAgo(70));
    await step(order, "start_fulfilment", maker, daysAgo(66));
    await step(order, "ship", maker, daysAgo(60), "HKG → GRU, AWB 160-1234 5675");
    await step(order, "deliver", platform, daysAgo(38));
    await step(order, "complete", paulista, daysAgo(37), "Recebido conforme o pedido");
  }

  // Casa Paulista: GaN chargers from another Zhuhai maker, paid, waiting for the maker to start.
  for (const order of await checkout(paulista, [await orderable("MZ-GAN65-N")], daysAgo(2), { originTerm: "FOB" })) {
    await payByTransfer(order, paulista, platform, daysAgo(2));
  }

  // Azteca: one order just placed (still choosing how to pay), one paid and being prepared.
  await checkout(azteca, [await orderable("GL-AF45-127AB")], daysAgo(0, 8));
  for (const order of await checkout(azteca, [await orderable("GL-CM15-127AB")], daysAgo(4))) {
    await payByTransfer(order, azteca, platform, daysAgo(4));
    await step(order, "start_fulfilment", maker, daysAgo(1));
  }

  // Lisboa: kettles paid and shipped (what Lisbon had, the rest from Zhuhai); coffee makers cancelled before payment.
  for (const order of await checkout(lisboa, [await orderable("GL-KT17-230F")], daysAgo(12))) {
    await payByTransfer(order, lisboa, platform, daysAgo(12));
    await step(order, "start_fulfilment", maker, daysAgo(8));
    await step(order, "ship", maker, daysAgo(7), "CTT Expresso EA123456785PT");
  }
  for (const order of await checkout(lisboa, [await orderable("GL-CM15-230F")], daysAgo(3))) {
    await step(order, "cancel", lisboa, daysAgo(2), "Encomenda duplicada: o cliente já tinha stock");
  }

  // Kianda (Luanda): transfer is the only way; it arrived with a mistyped reference and waits on the desk.
  for (const order of await checkout(kianda, [await orderable("GL-AC09-220")], daysAgo(6), { originTerm: "CIF" })) {
    const { bankReference } = await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id }, select: { bankReference: true } });
    const mistyped = `${bankReference.slice(0, -2)}${bankReference.slice(-1)}${bankReference.slice(-2, -1)}`;
    await payByTransfer(order, kianda, platform, daysAgo(6), { referenceText: `PAGAMENTO ${mistyped}` });
  }

  // Andina (Bogotá): net 30 approved; an order on terms, delivered, not yet paid.
  await approveCredit({ buyerOrganizationId: andina.organizationId, termsDays: 30, limitMinor: 5_000_000n, currencyCode: "USD", note: "Cliente recurrente, referencias bancarias verificadas", approvedById: platform.userId });
  for (const order of await checkout(andina, [await orderable("GL-BL15-127N-BK")], daysAgo(20), { originTerm: "DDP" })) {
    await acceptTerms({ orderId: order.id, actor: actorOf(andina), now: daysAgo(20) });
    await step(order, "ship", maker, daysAgo(16), "HKG → BOG, AWB 729-5521 0034");
    await step(order, "deliver", platform, daysAgo(2));
  }

  // An open RFQ thread: Azteca asks for 127 V air fryers with a Spanish manual; the maker quotes, Azteca counters.
  const rfqs = await seedDemoRfq(azteca, maker);
  // The dispatches above moved stock: the maker's low-stock alerts are evaluated again.
  await evaluateStockAlerts({ organizationId: maker.organizationId });
  return { orders: await unscopedDb.order.count(), rfqs };
}

async function rfqActor(party: Party): Promise<RfqActor> {
  const org = await unscopedDb.organization.findUniqueOrThrow({ where: { id: party.organizationId }, select: { kind: true } });
  return { userId: party.userId, organizationId: party.organizationId, kind: org.kind, scoped: forOrganization(party.organizationId), lang: party.lang, currencyCode: party.currencyCode };
}

async function seedDemoRfq(buyer: Party, maker: Party): Promise<number> {
  const product = await unscopedDb.product.findFirst({ where: { organizationId: maker.organizationId, variants: { some: { sku: "GL-AF45-127N" } } }, select: { id: true, currencyCode: true, variants: { where: { sku: "GL-AF45-127N" }, select: { id: true } } } });
  if (!product) return 0;
  const asking = await rfqActor(buyer);
  const rfq = await createRfq(
    asking,
    {
      manufacturerId: maker.organizationId,
      productId: product.id,
      variantId: product.variants[0]?.id ?? null,
      title: "Freidora de aire 4.5 L, 127 V, manual en español",
      specification: "Necesitamos 600 piezas con clavija tipo A/B, manual y caja en español (NOM), entrega CIF Manzanillo. ¿Pueden incluir el logotipo de nuestra marca en la caja?",
      quantity: 600,
      destinationCountry: "MX",
      tradeTerm: "CIF",
      targetPriceMinor: 2_650n,
      targetCurrencyCode: product.currencyCode,
      attachments: [],
    },
    daysAgo(3),
  );
  const number = rfq.number;
  const answering = await rfqActor(maker);
  await postRfqMessage(answering, number, { body: "您好！127V 款可以做西语说明书和彩盒，贵司品牌印刷需要 AI 文件，600 台起订没问题。", attachments: [] }, daysAgo(2, 9));
  await makeOffer(answering, number, { unitPriceMinor: 2_890n, quantity: 600, tradeTerm: "CIF", leadTimeDays: 25, validUntil: daysAgo(-12), notes: "含西语彩盒与说明书；品牌印刷另加 USD 0.15/台", variantId: product.variants[0]?.id ?? null }, daysAgo(2, 10));
  await makeOffer(asking, number, { unitPriceMinor: 2_750n, quantity: 600, tradeTerm: "CIF", leadTimeDays: 25, validUntil: daysAgo(-10), notes: "Si aceptan USD 27.50 confirmamos esta semana; el logotipo lo enviamos en AI." }, daysAgo(1, 15));
  return 1;
}
