import type { Prisma } from "~/generated/prisma/client";
import type { TradeTerm } from "~/generated/prisma/enums";
import { db, forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { ratesAsOf, type RateTable } from "~/modules/money/fx.server";
import { orderIdentifiers } from "./order-numbers";
import { crossRate } from "./pricing";
import { mayDecide, mayOffer, previousOfferFate, type Party, type QuoteStatus } from "./quotes";
import { findRfqForActor, partyOf, recordFirstResponse, RfqError, type RfqActor } from "./rfqs.server";
import { notifyRfqParties, publishRfqEvent } from "./rfq-thread.server";

/**
 * The priced side of an RFQ: the manufacturer's quotes and the buyer's counter-offers (both Quote rows, told apart by
 * who offered them), the other side's decision, and the order an accepted quote becomes. The rules are in quotes.ts.
 */

type Tx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];

export interface OfferInput {
  unitPriceMinor: bigint;
  quantity: number;
  tradeTerm: TradeTerm;
  leadTimeDays: number;
  validUntil: Date;
  notes: string;
  /** The manufacturer's SKU the price is for; the buyer's counter-offer keeps the one of the quote it answers. */
  variantId?: string | null;
  /** The currency the price was typed in (a form's); refused unless it is the offer's, so minor units mean the same. */
  currencyCode?: string;
}

/**
 * Makes an offer: a quote by the manufacturer, or a counter-offer by the buyer. The open offer it replaces is marked
 * COUNTERED (the other side's) or SUPERSEDED (one's own); the manufacturer's first quote is its first answer if it
 * had not written yet. The offer appears in the thread as a message carrying it.
 */
export async function makeOffer(actor: RfqActor, number: string | undefined, input: OfferInput, now = new Date()) {
  const rfq = await findRfqForActor(actor, number);
  if (!rfq) throw new RfqError("not_found");
  const party = partyOf(actor, rfq);
  const offer = await actor.scoped.$transaction(async (tx) => {
    await lockRfq(tx, rfq.id);
    const current = await tx.rfq.findUniqueOrThrow({ where: { id: rfq.id }, select: { status: true } });
    const quotes = await tx.quote.findMany({ where: { rfqId: rfq.id }, orderBy: { createdAt: "desc" } });
    const lastManufacturerQuote = quotes.find((q) => q.offeredByOrganizationId === rfq.organizationId);
    const allowed = mayOffer({ status: current.status, manufacturerHasQuoted: Boolean(lastManufacturerQuote) }, party);
    if (!allowed.ok) throw new RfqError(allowed.reason);

    let variantId: string | null;
    let currencyCode: string;
    if (party === "manufacturer") {
      variantId = input.variantId ?? rfq.variantId;
      if (!variantId) throw new RfqError("variant_required");
      const variant = await tx.productVariant.findFirst({ where: { id: variantId }, select: { product: { select: { currencyCode: true } } } });
      if (!variant) throw new RfqError("variant_required");
      currencyCode = variant.product.currencyCode.trim();
    } else {
      // A counter-offer is a price for the same goods, in the same currency, as the quote it answers.
      variantId = lastManufacturerQuote!.variantId;
      currencyCode = lastManufacturerQuote!.currencyCode.trim();
    }

    if (input.currencyCode && input.currencyCode !== currencyCode) throw new RfqError("currency_changed");
    const open = quotes.find((q) => q.status === "OFFERED");
    if (open) {
      const fate = previousOfferFate(open.offeredByOrganizationId === rfq.organizationId ? "manufacturer" : "buyer", party);
      await tx.quote.update({ where: { id: open.id }, data: { status: fate, decidedAt: now } });
    }
    const quote = await tx.quote.create({
      data: {
        organizationId: rfq.organizationId,
        buyerOrganizationId: rfq.buyerOrganizationId,
        rfqId: rfq.id,
        offeredByOrganizationId: actor.organizationId,
        offeredById: actor.userId,
        variantId,
        quantity: input.quantity,
        unitPriceMinor: input.unitPriceMinor,
        currencyCode,
        tradeTerm: input.tradeTerm,
        leadTimeDays: input.leadTimeDays,
        validUntil: input.validUntil,
        notes: input.notes,
        createdAt: now,
      },
    });
    await tx.rfqMessage.create({
      data: {
        organizationId: rfq.organizationId,
        buyerOrganizationId: rfq.buyerOrganizationId,
        rfqId: rfq.id,
        authorUserId: actor.userId,
        authorOrganizationId: actor.organizationId,
        body: input.notes,
        locale: actor.lang,
        attachmentKeys: [],
        quoteId: quote.id,
        createdAt: now,
      },
    });
    if (party === "manufacturer") await recordFirstResponse(tx, rfq, now);
    await tx.rfq.update({ where: { id: rfq.id }, data: { status: "QUOTED", updatedAt: now } });
    return quote;
  });
  publishRfqEvent({ type: "offer", rfqId: rfq.id, quoteId: offer.id });
  await notifyRfqParties(rfq, { kind: "quote_received", quote: offer });
  return offer;
}

/** Two decisions on one RFQ (or a decision and a new offer) wait for each other instead of both passing the checks. */
async function lockRfq(tx: Tx, rfqId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Rfq" WHERE "id" = ${rfqId}::uuid FOR UPDATE`;
}

/** Declines the other side's open offer; the negotiation stays open for a new one. */
export async function declineQuote(actor: RfqActor, number: string | undefined, quoteId: string, now = new Date()) {
  const rfq = await findRfqForActor(actor, number);
  if (!rfq) throw new RfqError("not_found");
  await actor.scoped.$transaction(async (tx) => {
    const quote = await decidable(tx, actor, rfq, quoteId, now);
    await tx.quote.update({ where: { id: quote.id }, data: { status: "DECLINED", decidedAt: now } });
    await tx.rfq.update({ where: { id: rfq.id }, data: { updatedAt: now } });
  });
  publishRfqEvent({ type: "status", rfqId: rfq.id });
}

async function decidable(tx: Tx, actor: RfqActor, rfq: { id: string; organizationId: string; buyerOrganizationId: string }, quoteId: string, now: Date) {
  await lockRfq(tx, rfq.id);
  const current = await tx.rfq.findUniqueOrThrow({ where: { id: rfq.id }, select: { status: true } });
  const quote = await tx.quote.findFirst({ where: { id: quoteId, rfqId: rfq.id } });
  if (!quote) throw new RfqError("not_found");
  const offeredBy: Party = quote.offeredByOrganizationId === rfq.organizationId ? "manufacturer" : "buyer";
  const allowed = mayDecide({ status: current.status }, { status: quote.status as QuoteStatus, offeredBy, validUntil: quote.validUntil }, partyOf(actor, rfq), now);
  if (!allowed.ok) throw new RfqError(allowed.reason);
  return quote;
}

/**
 * Accepts the other side's open offer, and in the same transaction it becomes an order at the quoted price: status
 * PLACED, one line at the quoted unit price and quantity, the quoted Incoterm and lead time, shipped from the
 * manufacturer's origin location in Zhuhai, priced for the buyer in the buyer's chosen currency at the dated rate,
 * with the audit row "place". Answers the order's number.
 */
export async function acceptQuote(actor: RfqActor, number: string | undefined, quoteId: string, now = new Date()): Promise<{ orderNumber: string }> {
  const rfq = await findRfqForActor(actor, number);
  if (!rfq) throw new RfqError("not_found");
  // Read before the transaction: the embedded database serves one connection at a time.
  const offered = await actor.scoped.quote.findFirst({ where: { id: quoteId, rfqId: rfq.id }, select: { variantId: true } });
  if (!offered) throw new RfqError("not_found");
  if (!offered.variantId) throw new RfqError("variant_required");
  const [origin, buyer, creator, variant] = await Promise.all([
    db.warehouse.findFirst({ where: { kind: "ORIGIN", ownerOrganizationId: rfq.organizationId, active: true }, orderBy: { createdAt: "asc" }, select: { id: true } }),
    db.organization.findUniqueOrThrow({
      where: { id: rfq.buyerOrganizationId },
      select: { name: true, legalNameLatin: true, countryCode: true, taxId: true, addressLine1: true, addressLine2: true, city: true, region: true, postalCode: true },
    }),
    rfq.createdById ? db.user.findUnique({ where: { id: rfq.createdById }, select: { currencyCode: true } }) : null,
    // The quoted SKU is catalog data of the manufacturer, read in its scope whichever party accepts.
    forOrganization(rfq.organizationId).productVariant.findFirst({
      where: { id: offered.variantId },
      select: { id: true, sku: true, product: { select: { id: true, hsCode: true, translations: { select: { locale: true, name: true } } } } },
    }),
  ]);
  if (!variant) throw new RfqError("variant_required");
  if (!origin) throw new RfqError("no_origin");
  // The currency the buyer chose for its target price, else the requesting member's (or the accepting buyer's) own.
  const buyerCurrency = (rfq.targetCurrencyCode ?? (partyOf(actor, rfq) === "buyer" ? actor.currencyCode : creator?.currencyCode) ?? "USD").trim();

  const order = await actor.scoped.$transaction(async (tx) => {
    const quote = await decidable(tx, actor, rfq, quoteId, now);
    if (quote.variantId !== variant.id) throw new RfqError("quote_not_open");
    const rates = await ratesAsOf(now, tx as unknown as Parameters<typeof ratesAsOf>[1]);
    const priced = priceForBuyer(rates, quote.currencyCode.trim(), buyerCurrency, quote.unitPriceMinor * BigInt(quote.quantity), now);
    if (!priced) throw new RfqError("no_rate");

    const [sequence] = await tx.$queryRaw<{ value: bigint }[]>`SELECT nextval('"OrderNumberSeq"') AS "value"`;
    const ids = orderIdentifiers(now.getUTCFullYear(), sequence!.value);
    const subtotal = quote.unitPriceMinor * BigInt(quote.quantity);
    const created = await tx.order.create({
      data: {
        number: ids.number,
        bankReference: ids.bankReference,
        organizationId: rfq.organizationId,
        buyerOrganizationId: rfq.buyerOrganizationId,
        placedById: actor.kind === "BUYER" ? actor.userId : rfq.createdById,
        status: "PLACED",
        source: "ORIGIN",
        warehouseId: origin.id,
        tradeTerm: quote.tradeTerm,
        currencyCode: quote.currencyCode.trim(),
        subtotalMinor: subtotal,
        shippingMinor: 0n,
        totalMinor: subtotal,
        buyerCurrencyCode: buyerCurrency,
        buyerTotalMinor: priced.amountMinor,
        fxRate: priced.rate,
        fxRateDate: priced.rateDate,
        leadTimeDaysMin: quote.leadTimeDays,
        leadTimeDaysMax: quote.leadTimeDays,
        buyerSnapshot: {
          name: buyer.name,
          legalName: buyer.legalNameLatin ?? buyer.name,
          taxId: buyer.taxId,
          countryCode: buyer.countryCode.trim(),
        } satisfies Prisma.InputJsonObject,
        deliveryAddress: {
          // The RFQ named the destination country; the street address is the buyer's registered one when it is there.
          countryCode: rfq.destinationCountry.trim(),
          ...(buyer.countryCode.trim() === rfq.destinationCountry.trim()
            ? { line1: buyer.addressLine1, line2: buyer.addressLine2, city: buyer.city, region: buyer.region, postalCode: buyer.postalCode }
            : {}),
        } satisfies Prisma.InputJsonObject,
        quoteId: quote.id,
        placedAt: now,
        lines: {
          create: [
            {
              organizationId: rfq.organizationId,
              buyerOrganizationId: rfq.buyerOrganizationId,
              productId: variant.product.id,
              variantId: variant.id,
              sku: variant.sku,
              names: Object.fromEntries(variant.product.translations.map((t) => [t.locale, t.name])),
              hsCode: variant.product.hsCode,
              quantity: quote.quantity,
              unitPriceMinor: quote.unitPriceMinor,
              lineTotalMinor: subtotal,
              // A quoted price, not a tier's.
              tierMinQuantity: null,
            },
          ],
        },
        events: {
          create: [
            {
              organizationId: rfq.organizationId,
              buyerOrganizationId: rfq.buyerOrganizationId,
              event: "place",
              fromStatus: null,
              toStatus: "PLACED",
              actorUserId: actor.userId,
              actorOrganizationId: actor.organizationId,
              reasonCode: "from_quote",
              reasonParams: { rfq: rfq.number },
              createdAt: now,
            },
          ],
        },
      },
      select: { number: true },
    });
    await tx.quote.update({ where: { id: quote.id }, data: { status: "ACCEPTED", decidedAt: now } });
    await tx.rfq.update({ where: { id: rfq.id }, data: { status: "ACCEPTED", updatedAt: now } });
    return created;
  });
  publishRfqEvent({ type: "status", rfqId: rfq.id });
  await notifyRfqParties(rfq, { kind: "quote_accepted", orderNumber: order.number });
  return { orderNumber: order.number };
}

/**
 * An amount in the buyer's currency at the dated rate, and the rate itself as the order stores it
 * (1 `from` = rate `to`, twelve decimals, rounded half to even), with the date of the newest rate used.
 */
export function priceForBuyer(rates: RateTable, from: string, to: string, amountMinor: bigint, now: Date): { amountMinor: bigint; rate: string; rateDate: Date } | null {
  const converted = rates.convert({ amountMinor, currency: rates.currency(from) }, to);
  if (!converted) return null;
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const rateDate = converted.rateDates.length ? new Date(`${[...converted.rateDates].sort().at(-1)}T00:00:00Z`) : today;
  if (from === to) return { amountMinor: converted.money.amountMinor, rate: "1", rateDate };
  const source = rates.usdRate(from)!;
  const dest = rates.usdRate(to)!;
  return { amountMinor: converted.money.amountMinor, rate: crossRate(source.rate, dest.rate), rateDate };
}

// ─── The worker ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Recurring system work (every minute): closes RFQs nobody answered by their respondBy, and expires offers past
 * their validity. Across every organization, hence unscoped; each change is announced in its thread's room.
 */
export async function expireRfqsAndQuotes(now = new Date()): Promise<{ closedRfqs: number; expiredQuotes: number }> {
  const stale = await unscopedDb.rfq.findMany({ where: { status: "OPEN", firstResponseAt: null, respondBy: { lte: now } }, select: { id: true }, take: 1000 });
  let closedRfqs = 0;
  if (stale.length) {
    const closed = await unscopedDb.rfq.updateMany({
      // The filter is repeated: an answer that arrived since the read keeps its RFQ open.
      where: { id: { in: stale.map((r) => r.id) }, status: "OPEN", firstResponseAt: null, respondBy: { lte: now } },
      data: { status: "CLOSED", closedReason: "no_response", updatedAt: now },
    });
    closedRfqs = closed.count;
  }
  const lapsed = await unscopedDb.quote.findMany({ where: { status: "OFFERED", validUntil: { lte: now } }, select: { id: true, rfqId: true }, take: 1000 });
  let expiredQuotes = 0;
  if (lapsed.length) {
    const expired = await unscopedDb.quote.updateMany({ where: { id: { in: lapsed.map((q) => q.id) }, status: "OFFERED", validUntil: { lte: now } }, data: { status: "EXPIRED", decidedAt: now } });
    expiredQuotes = expired.count;
  }
  for (const rfqId of new Set([...stale.map((r) => r.id), ...lapsed.map((q) => q.rfqId)])) publishRfqEvent({ type: "status", rfqId });
  return { closedRfqs, expiredQuotes };
}
