import { z } from "zod";
import type { Order, TradeTerm } from "~/generated/prisma/client";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { InsufficientStockError, ReservationError } from "~/modules/inventory/errors";
import type { LedgerTx } from "~/modules/inventory/ledger.server";
import { regionsOf } from "~/modules/inventory/reference-data";
import { release, reserve, RESERVATION_TRANSACTION, type TransactionRunner } from "~/modules/inventory/reservations.server";
import { ratesAsOf, type RateTable } from "~/modules/money/fx.server";
import { asksPostalCode, validateAddress, type AddressError, type AddressInput, type DeliveryAddress } from "./address";
import { warehousesServing } from "~/modules/inventory/availability.server";
import {
  activeHolds,
  cartReference,
  deliveryOptions,
  problemText,
  catalogVariants,
  holdCart,
  planBalances,
  presentCart,
  priceLines,
  productName,
  stockFor,
  type BuyerContext,
  type CartView,
  type DeliveryOptionView,
  type PricedLine,
} from "./cart.server";
import { orderIdentifiers } from "./order-numbers";
import { grossWeightG } from "./delivery-rates";
import { deliveryRatesFor, quoteDelivery, type DeliveryQuote } from "./delivery-rates.server";
import { crossRate, lineTotal } from "./pricing";
import { checkoutLandedCosts, type CheckoutLanded } from "~/modules/export-agency/landed-cost.server";
import { recordOrderLeads } from "~/modules/showrooms/leads.server";

/**
 * Checkout: the cart becomes one order per manufacturer and per source (an overseas warehouse, or the
 * manufacturer's origin in Zhuhai), all in one transaction. Prices, sources and totals are computed again on the
 * server from the catalog, the tiers and the stock as they are inside that transaction — nothing priced comes from
 * the form. Amounts are locked in the manufacturer's currency and in the buyer's, with the dated rate used.
 *
 * Stock: the cart's holds ("cart:<id>") become the orders' reservations ("order:<id>",
 * ORDER_RESERVATION_TTL_MINUTES); a hold that no longer fits is released and the units reserved anew under the
 * reservation module's conditional update, so two buyers can never be given the same unit. A buyer who loses such
 * a race gets a message per line and nothing is saved.
 *
 * The transaction runs on `unscopedDb` (or the caller's pool): it writes the buyer's orders and the stock rows of
 * several manufacturers at once, which no single organization's scoped client may do. Every query below names the
 * buyer organization, or rows reached from the buyer's own cart.
 */

export const ORIGIN_TERMS = ["FOB", "CIF", "DDP"] as const satisfies readonly TradeTerm[];

const text = (max: number) => z.string().trim().max(max, { message: "validation.tooLong" }).optional().default("");

/**
 * The checkout form: the delivery address, an optional PO number and a term per manufacturer shipping from Zhuhai
 * (fields "term.<manufacturerId>"). Nothing priced is part of it: a price sent along is dropped here.
 */
export const checkoutFormSchema = z.preprocess(
  (input) => {
    const record = (input ?? {}) as Record<string, unknown>;
    const terms: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) if (key.startsWith("term.")) terms[key.slice(5)] = value;
    return { ...record, terms };
  },
  z.object({
    recipient: text(120),
    line1: text(200),
    line2: text(200),
    city: text(100),
    region: text(100),
    postalCode: text(16),
    phone: text(40),
    poNumber: text(60),
    terms: z.record(z.uuid(), z.enum(ORIGIN_TERMS)),
  }),
);

export type CheckoutForm = z.infer<typeof checkoutFormSchema>;

export interface CheckoutInput {
  /** The country is the buyer organization's (the allocation and the taxes follow it). */
  address: Omit<AddressInput, "countryCode">;
  poNumber?: string | null;
  /** The term chosen for each manufacturer's order shipped from Zhuhai; warehouse stock is always DDP. */
  originTerms: Record<string, TradeTerm>;
  /** The buyer's currency (the viewer's chosen one). */
  currencyCode: string;
}

export interface CheckoutLineError {
  lineId: string;
  sku: string;
  name: string;
  message: string;
}

export type CheckoutResult =
  | { ok: true; checkoutId: string; orders: { id: string; number: string; bankReference: string }[] }
  | { ok: false; code: "empty" | "lines" | "stock" | "address" | "currency" | "delivery"; lineErrors: CheckoutLineError[]; addressErrors: AddressError[] };

class CheckoutRefused extends Error {
  constructor(readonly result: Extract<CheckoutResult, { ok: false }>) {
    super(result.code);
  }
}

interface OrderGroup {
  key: string;
  manufacturerId: string;
  currency: string;
  source: "WAREHOUSE" | "ORIGIN";
  /** The serving warehouse; for ORIGIN resolved to the manufacturer's origin location. */
  warehouseId: string | null;
  /** An allocation part of the group: where it leaves from, for the delivery rate. */
  part: PricedLine["allocation"]["parts"][number];
  manufacturerName: string;
  leadMin: number;
  leadMax: number;
  parts: { line: PricedLine; quantity: number }[];
}

/** Cart lines → one group per (manufacturer, source, currency): each becomes an order. */
function groupParts(priced: PricedLine[]): OrderGroup[] {
  const groups = new Map<string, OrderGroup>();
  for (const line of priced) {
    const product = line.variant.product;
    const currency = product.currencyCode.trim();
    for (const part of line.allocation.parts) {
      const warehouseId = part.source === "warehouse" ? part.warehouseId : null;
      // A manufacturer prices in one currency in practice; a second one would still get its own order.
      const key = `${product.organizationId}|${warehouseId ?? "origin"}|${currency}`;
      let group = groups.get(key);
      const [min, max] = part.source === "warehouse" ? [part.leadDaysMin, part.leadDaysMax] : [part.daysMin ?? part.productionDays, part.daysMax ?? part.productionDays];
      if (!group) {
        group = { key, manufacturerId: product.organizationId, manufacturerName: product.organization.name, currency, source: part.source === "warehouse" ? "WAREHOUSE" : "ORIGIN", warehouseId, part, leadMin: min, leadMax: max, parts: [] };
        groups.set(key, group);
      }
      group.leadMin = Math.max(group.leadMin, min);
      group.leadMax = Math.max(group.leadMax, max);
      group.parts.push({ line, quantity: part.quantity });
    }
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function lineErrorsFor(priced: PricedLine[], lang: Lang): CheckoutLineError[] {
  const t = serverT(lang);
  const errors: CheckoutLineError[] = [];
  const moqSaid = new Set<string>();
  for (const line of priced) {
    const product = line.variant.product;
    const messages: string[] = [];
    for (const p of line.problems) {
      if (p.code === "below_moq") {
        // The MOQ is the product's: one message naming all its SKUs in the cart.
        if (moqSaid.has(product.id)) continue;
        moqSaid.add(product.id);
        const skus = priced.filter((l) => l.variant.product.id === product.id).map((l) => l.variant.sku);
        errors.push({ lineId: line.lineId, sku: skus.join(", "), name: productName(product, lang), message: problemText(p, lang) });
        continue;
      }
      messages.push(problemText(p, lang));
    }
    if (!messages.length && line.unitPriceMinor === null) messages.push(t("cart.problems.no_price"));
    if (messages.length) errors.push({ lineId: line.lineId, sku: line.variant.sku, name: productName(line.variant.product, lang), message: messages.join(" ") });
  }
  return errors;
}

/** 1 `from` = fxRate `to`, and the date of the newest rate used (today when no conversion was needed). */
function lockedRate(rates: RateTable, from: string, to: string, now: Date): { rate: string; date: string } | null {
  const today = now.toISOString().slice(0, 10);
  if (from === to) return { rate: "1", date: today };
  const source = rates.usdRate(from);
  const dest = rates.usdRate(to);
  if (!source || !dest) return null;
  const dates = [source.effectiveDate, dest.effectiveDate].filter((d): d is string => Boolean(d)).sort();
  return { rate: crossRate(source.rate, dest.rate), date: dates.at(-1) ?? today };
}

async function nextSequence(tx: LedgerTx): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ value: bigint }[]>`SELECT nextval('"OrderNumberSeq"') AS "value"`;
  return BigInt(row!.value);
}

/** Re-points a live cart hold to the order: same units, same warehouse, a new reference and a longer expiry. */
async function repoint(tx: LedgerTx, holdId: string, reference: string, expiresAt: Date, now: Date): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "StockReservation" SET "reference" = ${reference}, "expiresAt" = ${expiresAt}
     WHERE "id" = ${holdId}::uuid AND "status" = 'ACTIVE' AND "expiresAt" > ${now}
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/**
 * Places the cart's orders. On success the cart is empty and the orders are PLACED with their reservations; on any
 * refusal nothing is saved (one transaction) and the answer says why, per line where it is a line's fault.
 */
export async function placeOrders(buyer: BuyerContext, input: CheckoutInput, lang: Lang, options: { client?: TransactionRunner & NonNullable<Parameters<typeof ratesAsOf>[1]>; now?: Date } = {}): Promise<CheckoutResult> {
  const now = options.now ?? new Date();
  const t = serverT(lang);
  const address = validateAddress({ ...input.address, countryCode: buyer.organization.countryCode });
  if (!address.ok) return { ok: false, code: "address", lineErrors: [], addressErrors: address.errors };
  const client = options.client ?? unscopedDb;
  // The dated rates are reference data nobody contends for: read before the transaction, which stays short.
  const rates = await ratesAsOf(now, client);
  // Delivery rates likewise: those in force on the order's day for the buyer's country.
  const day = now.toISOString().slice(0, 10);
  const deliveryRates = await deliveryRatesFor(buyer.location.countryCode, day, "deliveryRate" in client ? (client as unknown as Parameters<typeof deliveryRatesFor>[2]) : unscopedDb);
  const buyerId = buyer.organization.id;
  const userId = buyer.sessionUser.user.id;
  // Warm the allocation's warehouse-network cache outside the transaction (see holdCart).
  await warehousesServing(buyer.location);
  try {
    return await client.$transaction(async (raw) => {
      const tx = raw as LedgerTx;
      // Two members checking out the same cart at once: the second waits here, then finds it empty.
      const [cart] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Cart" WHERE "organizationId" = ${buyerId}::uuid FOR UPDATE`;
      const lines = cart ? await tx.cartLine.findMany({ where: { cartId: cart.id, organizationId: buyerId }, select: { id: true, variantId: true, quantity: true, sourceStorefrontId: true, sourceBoothId: true }, orderBy: { createdAt: "asc" } }) : [];
      if (!cart || lines.length === 0) throw new CheckoutRefused({ ok: false, code: "empty", lineErrors: [], addressErrors: [] });
      const reference = cartReference(cart.id);
      const variantIds = lines.map((l) => l.variantId);
      const catalog = await catalogVariants(variantIds, tx);
      const priced = await priceLines(lines, catalog, buyer.location, await stockFor(tx, variantIds, reference));
      const lineErrors = lineErrorsFor(priced, lang);
      if (lineErrors.length || priced.length !== lines.length) throw new CheckoutRefused({ ok: false, code: "lines", lineErrors, addressErrors: [] });

      if (!rates.currencies.has(input.currencyCode)) throw new CheckoutRefused({ ok: false, code: "currency", lineErrors: [], addressErrors: [] });
      const organization = await tx.organization.findUniqueOrThrow({
        where: { id: buyerId },
        select: { name: true, legalNameLatin: true, legalNameZh: true, taxId: true, countryCode: true, addressLine1: true, addressLine2: true, city: true, region: true, postalCode: true },
      });
      const buyerSnapshot = { ...organization, countryCode: organization.countryCode.trim() };

      const groups = groupParts(priced);
      // Delivery of each future order: warehouse stock DDP to the door; from Zhuhai as the buyer chose (FOB: none).
      const shipping = new Map<string, Extract<DeliveryQuote, { kind: "priced" | "fob" }>>();
      const deliveryErrors: CheckoutLineError[] = [];
      for (const group of groups) {
        const term = group.source === "WAREHOUSE" ? "DDP" : (input.originTerms[group.manufacturerId] ?? "FOB");
        const weightG = grossWeightG(group.parts.map((p) => ({ quantity: p.quantity, grossWeightG: p.line.variant.grossWeightG })));
        const quote = quoteDelivery({
          rates: deliveryRates,
          fx: rates,
          source: group.source === "WAREHOUSE" ? "warehouse" : "origin",
          warehouseCode: group.part.source === "warehouse" ? group.part.warehouseCode : null,
          term,
          countryCode: buyer.location.countryCode,
          regionCode: buyer.location.regionCode ?? null,
          weightG,
          orderCurrency: group.currency,
          day,
        });
        if (quote.kind === "missing") {
          // The same sentence the summary showed for this order and term.
          const option = deliveryOptions({ lang, rates, deliveryRates, location: buyer.location, part: group.part, weightG, orderCurrency: group.currency, subtotalMinor: 0n, viewerCurrency: group.currency, day }).view.options.find((o) => o.term === term);
          deliveryErrors.push({ lineId: group.key, sku: "", name: group.manufacturerName, message: option?.missingText ?? "" });
        } else shipping.set(group.key, quote);
      }
      if (deliveryErrors.length) throw new CheckoutRefused({ ok: false, code: "delivery", lineErrors: deliveryErrors, addressErrors: [] });
      const origins = groups.some((g) => g.source === "ORIGIN")
        ? await tx.warehouse.findMany({ where: { kind: "ORIGIN", ownerOrganizationId: { in: [...new Set(groups.filter((g) => g.source === "ORIGIN").map((g) => g.manufacturerId))] } }, select: { id: true, ownerOrganizationId: true } })
        : [];
      const checkout = await tx.checkout.create({ data: { organizationId: buyerId, placedById: userId }, select: { id: true } });
      const year = now.getUTCFullYear();
      const orders: { group: OrderGroup; order: Pick<Order, "id" | "number" | "bankReference"> }[] = [];
      for (const group of groups) {
        const warehouseId = group.source === "WAREHOUSE" ? group.warehouseId! : origins.find((o) => o.ownerOrganizationId === group.manufacturerId)?.id;
        if (!warehouseId) throw new Error(`manufacturer ${group.manufacturerId} has no origin location`);
        const subtotal = group.parts.reduce((sum, p) => sum + lineTotal(p.line.unitPriceMinor!, p.quantity), 0n);
        const quote = shipping.get(group.key)!;
        const shippingMinor = quote.kind === "priced" ? quote.feeMinor : 0n;
        const rate = lockedRate(rates, group.currency, input.currencyCode, now);
        const converted = rates.convert({ amountMinor: subtotal + shippingMinor, currency: rates.currency(group.currency) }, input.currencyCode);
        if (!rate || !converted) throw new CheckoutRefused({ ok: false, code: "currency", lineErrors: [], addressErrors: [] });
        const { number, bankReference } = orderIdentifiers(year, await nextSequence(tx));
        const order = await tx.order.create({
          data: {
            number,
            bankReference,
            organizationId: group.manufacturerId,
            buyerOrganizationId: buyerId,
            checkoutId: checkout.id,
            placedById: userId,
            status: "PLACED",
            source: group.source,
            warehouseId,
            tradeTerm: group.source === "WAREHOUSE" ? "DDP" : (input.originTerms[group.manufacturerId] ?? "FOB"),
            currencyCode: group.currency,
            subtotalMinor: subtotal,
            shippingMinor,
            totalMinor: subtotal + shippingMinor,
            buyerCurrencyCode: input.currencyCode,
            buyerTotalMinor: converted.money.amountMinor,
            fxRate: rate.rate,
            fxRateDate: new Date(`${rate.date}T00:00:00Z`),
            poNumber: input.poNumber?.trim() || null,
            leadTimeDaysMin: group.leadMin,
            leadTimeDaysMax: Math.max(group.leadMin, group.leadMax),
            buyerSnapshot,
            deliveryAddress: address.address as unknown as Record<string, string>,
            placedAt: now,
          },
          select: { id: true, number: true, bankReference: true },
        });
        orders.push({ group, order });
      }

      // Stock, one balance row at a time in (warehouse, SKU) order: holds kept and re-pointed where they fit.
      const orderOf = new Map<string, string>();
      const wanted = [];
      for (const { group, order } of orders) {
        if (group.source !== "WAREHOUSE") continue;
        for (const part of group.parts) {
          orderOf.set(`${group.warehouseId}|${part.line.variant.id}`, order.id);
          wanted.push({ warehouseId: group.warehouseId!, variantId: part.line.variant.id, organizationId: group.manufacturerId, quantity: part.quantity, lineId: part.line.lineId });
        }
      }
      const ttl = env().ORDER_RESERVATION_TTL_MINUTES;
      const expiresAt = new Date(now.getTime() + ttl * 60_000);
      const reservationOf = new Map<string, string>();
      const shortages: CheckoutLineError[] = [];
      for (const plan of planBalances(await activeHolds(tx, reference), wanted)) {
        const orderId = orderOf.get(plan.key);
        if (orderId && plan.holds.length === 1 && plan.holds[0]!.quantity === plan.wanted) {
          const kept = await repoint(tx, plan.holds[0]!.id, `order:${orderId}`, expiresAt, now);
          if (kept) {
            reservationOf.set(plan.key, kept);
            continue;
          }
        }
        for (const hold of plan.holds) {
          try {
            await release(hold.id, {}, { tx, reason: "checkout", now, userId });
          } catch (error) {
            if (!(error instanceof ReservationError)) throw error;
          }
        }
        if (!orderId || plan.wanted === 0) continue;
        try {
          const reservation = await reserve(
            { organizationId: plan.organizationId, warehouseId: plan.warehouseId, variantId: plan.variantId, quantity: plan.wanted, reference: `order:${orderId}`, holderOrganizationId: buyerId, holderUserId: userId, ttlMinutes: ttl, now },
            { tx, userId },
          );
          reservationOf.set(plan.key, reservation.id);
        } catch (error) {
          if (!(error instanceof InsufficientStockError)) throw error;
          const line = priced.find((l) => l.lineId === plan.lineId)!;
          shortages.push({
            lineId: line.lineId,
            sku: line.variant.sku,
            name: productName(line.variant.product, lang),
            message: t("cart.problems.stock_taken", { requested: formatNumber(plan.wanted, lang), available: formatNumber(error.available, lang) }),
          });
        }
      }
      if (shortages.length) throw new CheckoutRefused({ ok: false, code: "stock", lineErrors: shortages, addressErrors: [] });

      const sourceOf = new Map(lines.map((l) => [l.id, l]));
      const orderLines = orders.flatMap(({ group, order }) =>
        group.parts.map((part) => {
          const product = part.line.variant.product;
          return {
            organizationId: group.manufacturerId,
            buyerOrganizationId: buyerId,
            orderId: order.id,
            productId: product.id,
            variantId: part.line.variant.id,
            sku: part.line.variant.sku,
            names: Object.fromEntries(product.translations.map((tr) => [tr.locale, tr.name])),
            hsCode: product.hsCode.trim(),
            quantity: part.quantity,
            unitPriceMinor: part.line.unitPriceMinor!,
            lineTotalMinor: lineTotal(part.line.unitPriceMinor!, part.quantity),
            tierMinQuantity: part.line.tierMinQuantity,
            reservationId: group.source === "WAREHOUSE" ? (reservationOf.get(`${group.warehouseId}|${part.line.variant.id}`) ?? null) : null,
            // The showroom source of the cart line (a scanned QR code), for the showroom funnel.
            sourceStorefrontId: sourceOf.get(part.line.lineId)?.sourceStorefrontId ?? null,
            sourceBoothId: sourceOf.get(part.line.lineId)?.sourceBoothId ?? null,
          };
        }),
      );
      await tx.orderLine.createMany({ data: orderLines });
      await recordOrderLeads(
        tx,
        orders.map(({ group, order }) => ({ orderId: order.id, manufacturerId: group.manufacturerId, lines: orderLines.filter((l) => l.orderId === order.id) })),
        { organizationId: buyerId, userId, countryCode: buyer.organization.countryCode, locale: lang },
        now,
      );
      await tx.orderEvent.createMany({
        data: orders.map(({ group, order }) => ({
          organizationId: group.manufacturerId,
          buyerOrganizationId: buyerId,
          orderId: order.id,
          event: "place",
          fromStatus: null,
          toStatus: "PLACED" as const,
          actorUserId: userId,
          actorOrganizationId: buyerId,
          createdAt: now,
        })),
      });
      await tx.cartLine.deleteMany({ where: { cartId: cart.id, organizationId: buyerId } });
      return { ok: true as const, checkoutId: checkout.id, orders: orders.map(({ order }) => order) };
    }, RESERVATION_TRANSACTION);
  } catch (error) {
    if (error instanceof CheckoutRefused) return error.result;
    throw error;
  }
}

// ─── the checkout page ───────────────────────────────────────────────────────────────────────────────────────

export interface CheckoutPage {
  cart: CartView;
  /** Lines whose stock could not all be held when the page opened. */
  holdWarnings: string[];
  heldMinutes: number;
  defaults: { recipient: string; line1: string; line2: string; city: string; region: string; postalCode: string };
  company: { name: string; legalName: string | null; taxId: string | null; countryCode: string };
  asksPostalCode: boolean;
  regions: { value: string; label: string }[];
  /** Manufacturers with goods shipped from Zhuhai: the buyer picks the term for each, seeing what each costs. */
  originManufacturers: { id: string; name: string; groupKey: string; options: DeliveryOptionView[] }[];
  /** Import duties and taxes estimated per order (and per term for a Zhuhai order), each estimate stored. */
  landed: CheckoutLanded[];
}

/**
 * Opening /checkout: holds the cart's warehouse stock for RESERVATION_TTL_MINUTES, then shows the summary and a
 * form prefilled from the buyer's company profile (the tax id is shown, not edited).
 */
export async function prepareCheckout(buyer: BuyerContext, lang: Lang, currencyCode: string, rates: RateTable): Promise<CheckoutPage> {
  const t = serverT(lang);
  const hold = await holdCart(buyer);
  const cart = await presentCart(buyer, lang, currencyCode, rates, hold.reads);
  const holdWarnings: string[] = [];
  for (const [lineId, short] of hold.short) {
    const row = cart.groups.flatMap((g) => g.rows).find((r) => r.lineId === lineId);
    holdWarnings.push(t("cart.checkout.holdShort", { sku: row?.sku ?? "", requested: formatNumber(short.requested, lang), available: formatNumber(short.available, lang) }));
  }
  const org = await unscopedDb.organization.findUniqueOrThrow({
    where: { id: buyer.organization.id },
    select: { name: true, legalNameLatin: true, taxId: true, countryCode: true, addressLine1: true, addressLine2: true, city: true, region: true, postalCode: true },
  });
  const countryCode = org.countryCode.trim();
  const states = regionsOf(countryCode);
  const origin = new Map<string, CheckoutPage["originManufacturers"][number]>();
  for (const group of cart.groups) if (group.source === "origin") origin.set(group.manufacturerId, { id: group.manufacturerId, name: group.manufacturerName, groupKey: group.key, options: group.delivery.options });
  const cartLines = await buyer.scoped.cartLine.findMany({ where: { id: { in: cart.groups.flatMap((g) => g.rows.map((r) => r.lineId)) } }, select: { id: true, variantId: true } });
  const landed = await checkoutLandedCosts({ groups: cart.groups, lines: cartLines, location: { countryCode, regionCode: buyer.location.regionCode ?? null }, terms: ORIGIN_TERMS, fx: rates, lang });
  return {
    cart,
    holdWarnings,
    heldMinutes: env().RESERVATION_TTL_MINUTES,
    defaults: {
      recipient: org.legalNameLatin ?? org.name,
      line1: org.addressLine1 ?? "",
      line2: org.addressLine2 ?? "",
      city: org.city ?? "",
      region: buyer.location.regionCode ?? org.region ?? "",
      postalCode: org.postalCode ?? "",
    },
    company: { name: org.name, legalName: org.legalNameLatin, taxId: org.taxId, countryCode },
    asksPostalCode: asksPostalCode(countryCode),
    regions: states ? Object.entries(states).map(([value, name]) => ({ value, label: `${name} (${value})` })).sort((a, b) => a.label.localeCompare(b.label)) : [],
    originManufacturers: [...origin.values()],
    landed,
  };
}

/** The orders one checkout made, for its confirmation page (the buyer's own checkout only; else null → 404). */
export async function checkoutConfirmation(buyer: BuyerContext, checkoutId: string) {
  const checkout = await buyer.scoped.checkout.findFirst({ where: { id: checkoutId }, select: { id: true, createdAt: true } });
  if (!checkout) return null;
  const orders = await buyer.scoped.order.findMany({
    where: { checkoutId: checkout.id, buyerOrganizationId: buyer.organization.id },
    select: { id: true, number: true, bankReference: true, organizationId: true, source: true, tradeTerm: true, currencyCode: true, totalMinor: true, buyerCurrencyCode: true, buyerTotalMinor: true, leadTimeDaysMin: true, leadTimeDaysMax: true, fxRate: true, fxRateDate: true },
    orderBy: { number: "asc" },
  });
  const makers = await unscopedDb.organization.findMany({ where: { id: { in: orders.map((o) => o.organizationId) } }, select: { id: true, name: true } });
  return { checkout, orders: orders.map((o) => ({ ...o, manufacturerName: makers.find((m) => m.id === o.organizationId)?.name ?? "" })) };
}

export type { DeliveryAddress };
