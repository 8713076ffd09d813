import { Prisma } from "~/generated/prisma/client";
import { forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import type { Allocation } from "~/modules/inventory/allocation";
import { allocateSku, warehousesServing, type DeliveryLocation } from "~/modules/inventory/availability.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { InsufficientStockError, ReservationError } from "~/modules/inventory/errors";
import type { LedgerTx } from "~/modules/inventory/ledger.server";
import { normalizeRegion } from "~/modules/inventory/reference-data";
import { release, reserve, RESERVATION_TRANSACTION, type TransactionRunner } from "~/modules/inventory/reservations.server";
import type { RateTable } from "~/modules/money/fx.server";
import type { CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney, type Money } from "~/modules/money/money";
import { myMembershipOf } from "~/modules/tenancy/organizations.server";
import { getSessionUser, requireSessionUser, type SessionUser } from "~/modules/tenancy/session.server";
import { currentRates, getBuyerContext as getViewerContext } from "~/modules/catalog/buyer-context.server";
import { colorIn } from "~/modules/catalog/variant-colour";
import { attributionFor } from "~/modules/showrooms/leads.server";
import type { ShowroomSource } from "~/modules/showrooms/source.server";
import { chargeableKg, grossWeightG, type DeliveryRateValue } from "./delivery-rates";
import { deliveryRatesFor, quoteDelivery, type DeliveryQuote } from "./delivery-rates.server";
import { catalogVariants } from "./cart-catalog.server";
import { lineTotal, priceFor } from "./pricing";

/**
 * The buyer organization's cart: one per organization (Cart.organizationId), shared by its members, with lines
 * from any number of manufacturers. Lines are written through the buyer's scoped client, so a line id of another
 * organization is simply not found. What the lines cost and where they ship from is computed each time from the
 * catalog, the price tiers and the inventory allocation — never stored from a form.
 *
 * Catalog reads use `unscopedDb` with an explicit `status: PUBLISHED`: a buyer reads other organizations' published
 * products (as the product pages do). Stock holds use the reservation module, whose rows belong to the
 * manufacturer whose stock is held, filtered here by the holder (the buyer) and the cart's reference.
 */

/** Lines in one cart: a bound on what one checkout transaction locks. */
export const MAX_CART_LINES = 100;
/** Units in one line. */
export const MAX_LINE_QUANTITY = 1_000_000;

// ─── who may buy ─────────────────────────────────────────────────────────────────────────────────────────────

export interface BuyerContext {
  sessionUser: SessionUser;
  organization: { id: string; name: string; countryCode: string; region: string | null };
  scoped: ScopedDb;
  /** Where the goods go: the organization's country and state. */
  location: DeliveryLocation;
}

export type BuyerGate = { ok: true; buyer: BuyerContext } | { ok: false; reason: "signedOut" | "noOrganization" | "notBuyer"; sessionUser: SessionUser | null };

/**
 * The signed-in user acting for their active organization, when it is a BUYER organization they belong to. The
 * reason otherwise, so a page can say why it cannot sell (product page) or refuse (cart, checkout).
 */
export async function buyerGate(request: Request, sessionUser?: SessionUser | null): Promise<BuyerGate> {
  const user = sessionUser === undefined ? await getSessionUser(request) : sessionUser;
  if (!user) return { ok: false, reason: "signedOut", sessionUser: null };
  if (!user.activeOrganizationId) return { ok: false, reason: "noOrganization", sessionUser: user };
  const membership = await myMembershipOf(user.user.id, user.activeOrganizationId);
  if (!membership) return { ok: false, reason: "noOrganization", sessionUser: user };
  const org = membership.organization;
  if (org.kind !== "BUYER") return { ok: false, reason: "notBuyer", sessionUser: user };
  const countryCode = org.countryCode.trim();
  return {
    ok: true,
    buyer: {
      sessionUser: user,
      organization: { id: org.id, name: org.name, countryCode, region: org.region },
      scoped: forOrganization(org.id),
      location: { countryCode, regionCode: normalizeRegion(countryCode, org.region) },
    },
  };
}

// ─── errors ──────────────────────────────────────────────────────────────────────────────────────────────────

export type CartErrorCode =
  | "line_not_found"
  | "variant_not_found"
  | "sku_not_found"
  | "sku_ambiguous"
  | "unpublished"
  | "quantity_invalid"
  | "pack_multiple"
  | "too_many_lines"
  | "order_not_found";

/** A cart change refused; `cart.errors.<code>` with `values` says why in the buyer's language. */
export class CartError extends Error {
  constructor(
    readonly code: CartErrorCode,
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "CartError";
  }
  get status() {
    return this.code === "line_not_found" || this.code === "order_not_found" ? 404 : 400;
  }
  message_(lang: Lang): string {
    const t = serverT(lang);
    const values = Object.fromEntries(Object.entries(this.values).map(([k, v]) => [k, typeof v === "number" ? formatNumber(v, lang) : v]));
    return t(`cart.errors.${this.code}`, { ...values, count: typeof this.values.count === "number" ? this.values.count : undefined });
  }
}

export function cartErrorMessage(error: CartError, lang: Lang): string {
  return error.message_(lang);
}

// ─── the catalog side of a line ──────────────────────────────────────────────────────────────────────────────

const PRODUCT_SELECT = {
  id: true,
  organizationId: true,
  slug: true,
  status: true,
  moq: true,
  packSize: true,
  currencyCode: true,
  leadTimeDays: true,
  originCountry: true,
  hsCode: true,
  unitOfSale: true,
  sourceLocale: true,
  translations: { select: { locale: true, name: true }, orderBy: { id: "asc" } },
  priceTiers: { select: { minQuantity: true, unitPriceMinor: true }, orderBy: { minQuantity: "asc" } },
  organization: { select: { name: true } },
} as const satisfies Prisma.ProductSelect;

export type CatalogProduct = Prisma.ProductGetPayload<{ select: typeof PRODUCT_SELECT }>;

export interface CatalogVariant {
  id: string;
  sku: string;
  voltage: string | null;
  plugType: string | null;
  color: string | null;
  /** The colour per language (ProductVariant.colorNames); variantLabel falls back to `color`. */
  colorNames: unknown;
  capacity: string | null;
  /** Per unit, packed: what delivery is charged on. */
  grossWeightG: number;
  product: CatalogProduct;
}

/** The shape of a CatalogVariant as a Prisma select (the SKU lookup; catalogVariants answers the same in one statement). */
export const VARIANT_SELECT = { id: true, sku: true, voltage: true, plugType: true, color: true, colorNames: true, capacity: true, grossWeightG: true, product: { select: PRODUCT_SELECT } } as const;

/** Variants by id with their product, tiers and names; any status (one statement: cart-catalog.server.ts). */
export { catalogVariants };

/** The product's name in the language, else its source language, else any. */
export function productName(product: Pick<CatalogProduct, "translations" | "sourceLocale">, lang: Lang): string {
  return product.translations.find((t) => t.locale === lang)?.name ?? product.translations.find((t) => t.locale === product.sourceLocale)?.name ?? product.translations[0]?.name ?? "";
}

/** The variant's attributes as a reader of `lang` sees them (the colour in that language when it has a name there). */
export function variantLabel(variant: Pick<CatalogVariant, "voltage" | "plugType" | "color" | "colorNames" | "capacity" | "sku">, lang: Lang): string {
  return [variant.voltage, variant.plugType, colorIn(variant, lang), variant.capacity].filter(Boolean).join(" · ");
}

/** A variant a buyer may order: the id must exist and its product be published. */
async function resolveVariant(ref: { variantId?: string; sku?: string }): Promise<CatalogVariant> {
  if (ref.variantId) {
    if (!isUuid(ref.variantId)) throw new CartError("variant_not_found");
    const variant = (await catalogVariants([ref.variantId])).get(ref.variantId);
    if (!variant) throw new CartError("variant_not_found");
    if (variant.product.status !== "PUBLISHED") throw new CartError("unpublished");
    return variant;
  }
  const sku = ref.sku?.trim() ?? "";
  if (!sku) throw new CartError("sku_not_found", { sku });
  // SKUs are unique per manufacturer only: the same code at two manufacturers is ambiguous.
  const found = await unscopedDb.productVariant.findMany({ where: { sku: { equals: sku, mode: "insensitive" }, product: { status: "PUBLISHED" } }, select: VARIANT_SELECT, take: 2 });
  if (found.length === 0) throw new CartError("sku_not_found", { sku });
  if (found.length > 1) throw new CartError("sku_ambiguous", { sku });
  return found[0] as CatalogVariant;
}

// ─── rules ───────────────────────────────────────────────────────────────────────────────────────────────────

function checkQuantity(quantity: number) {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) throw new CartError("quantity_invalid", { max: MAX_LINE_QUANTITY });
}

function checkPack(product: Pick<CatalogProduct, "packSize">, quantity: number) {
  const pack = Math.max(1, product.packSize);
  if (quantity % pack !== 0) throw new CartError("pack_multiple", { pack, lower: Math.floor(quantity / pack) * pack, upper: Math.ceil(quantity / pack) * pack });
}

/**
 * What is wrong with a line as the cart stands (shown in the cart; checkout refuses while any remains). The MOQ is
 * not refused when adding: it counts the product's variants together, and the buyer may be about to add the others
 * (as on Faire or Alibaba); the cart says how many more, and checkout waits until the product reaches it.
 */
export type LineProblem = { code: "unpublished" } | { code: "pack_multiple"; pack: number } | { code: "below_moq"; moq: number; have: number; missing: number };

export function lineProblems(product: Pick<CatalogProduct, "status" | "packSize" | "moq">, quantity: number, productTotal: number): LineProblem[] {
  const problems: LineProblem[] = [];
  if (product.status !== "PUBLISHED") problems.push({ code: "unpublished" });
  const pack = Math.max(1, product.packSize);
  if (quantity % pack !== 0) problems.push({ code: "pack_multiple", pack });
  if (productTotal < product.moq) problems.push({ code: "below_moq", moq: product.moq, have: productTotal, missing: product.moq - productTotal });
  return problems;
}

/** "MOQ 500 across variants: add 200 more", numbers written for the viewer. */
export function problemText(problem: LineProblem, lang: Lang): string {
  const t = serverT(lang);
  if (problem.code === "below_moq") return t("cart.problems.below_moq", { moq: formatNumber(problem.moq, lang), have: formatNumber(problem.have, lang), missing: formatNumber(problem.missing, lang) });
  if (problem.code === "pack_multiple") return t("cart.problems.pack_multiple", { pack: formatNumber(problem.pack, lang) });
  return t("cart.problems.unpublished");
}

// ─── writes ──────────────────────────────────────────────────────────────────────────────────────────────────

export function cartReference(cartId: string) {
  return `cart:${cartId}`;
}

async function cartOf(buyer: BuyerContext) {
  const organizationId = buyer.organization.id;
  // Nearly every add finds the cart: one read. The upsert (a transaction of four statements) only makes the first.
  const existing = await buyer.scoped.cart.findFirst({ select: { id: true } });
  return existing ?? buyer.scoped.cart.upsert({ where: { organizationId }, create: { organizationId }, update: {}, select: { id: true } });
}

/** Gives back the stock the cart holds for a SKU: its line changed or left, and the next /checkout holds anew. */
async function releaseHolds(buyer: BuyerContext, cartId: string, variantIds: string[], client?: TransactionRunner) {
  if (variantIds.length === 0) return;
  const holds = await unscopedDb.stockReservation.findMany({
    where: { reference: cartReference(cartId), holderOrganizationId: buyer.organization.id, status: "ACTIVE", variantId: { in: variantIds } },
    select: { id: true },
    orderBy: [{ warehouseId: "asc" }, { variantId: "asc" }],
  });
  for (const hold of holds) {
    try {
      await release(hold.id, { holderOrganizationId: buyer.organization.id }, { reason: "cart changed", client, userId: buyer.sessionUser.user.id });
    } catch (error) {
      // Already ended (expired by the worker, or taken by a checkout): nothing left to give back.
      if (!(error instanceof ReservationError)) throw error;
    }
  }
}

export interface AddInput {
  variantId?: string;
  sku?: string;
  quantity: number;
  /** The showroom the buyer came from (a scanned QR code): the line keeps it, the order line after it. */
  source?: ShowroomSource | null;
}

/** Adds units of a SKU (by id or code) to the cart; a SKU already there gets the units added to its line. */
export async function addToCart(buyer: BuyerContext, input: AddInput): Promise<{ lineId: string; quantity: number }> {
  checkQuantity(input.quantity);
  const variant = await resolveVariant(input);
  const scoped = buyer.scoped;
  const cart = await cartOf(buyer);
  const existing = await scoped.cartLine.findFirst({ where: { cartId: cart.id, variantId: variant.id }, select: { id: true, quantity: true } });
  const quantity = (existing?.quantity ?? 0) + input.quantity;
  checkQuantity(quantity);
  checkPack(variant.product, quantity);
  if (!existing && (await scoped.cartLine.count({ where: { cartId: cart.id } })) >= MAX_CART_LINES) throw new CartError("too_many_lines", { max: MAX_CART_LINES });
  // Only while the maker is featured in that storefront; the latest scan wins on a line added again.
  const attribution = await attributionFor(input.source, variant.product.organizationId);
  const source = attribution ? { sourceStorefrontId: attribution.storefrontId, sourceBoothId: attribution.boothId } : {};
  const line = existing
    ? await scoped.cartLine.update({ where: { id: existing.id }, data: { quantity, ...source }, select: { id: true, quantity: true } })
    : await scoped.cartLine.create({
        data: { organizationId: buyer.organization.id, cartId: cart.id, manufacturerOrganizationId: variant.product.organizationId, productId: variant.product.id, variantId: variant.id, quantity, addedById: buyer.sessionUser.user.id, ...source },
        select: { id: true, quantity: true },
      });
  if (existing) await releaseHolds(buyer, cart.id, [variant.id]);
  return { lineId: line.id, quantity: line.quantity };
}

async function ownLine(buyer: BuyerContext, lineId: string) {
  if (!isUuid(lineId)) throw new CartError("line_not_found");
  const line = await buyer.scoped.cartLine.findFirst({ where: { id: lineId }, select: { id: true, cartId: true, productId: true, variantId: true, quantity: true } });
  if (!line) throw new CartError("line_not_found");
  return line;
}

/** Sets a line's quantity (same rules as adding); its stock hold is released. */
export async function updateLine(buyer: BuyerContext, lineId: string, quantity: number): Promise<void> {
  const line = await ownLine(buyer, lineId);
  checkQuantity(quantity);
  const variant = (await catalogVariants([line.variantId])).get(line.variantId);
  if (!variant || variant.product.status !== "PUBLISHED") throw new CartError("unpublished");
  checkPack(variant.product, quantity);
  await buyer.scoped.cartLine.update({ where: { id: line.id }, data: { quantity } });
  await releaseHolds(buyer, line.cartId, [line.variantId]);
}

/** Removes a line (always allowed: the product's other lines may then show "below the minimum"). */
export async function removeLine(buyer: BuyerContext, lineId: string): Promise<void> {
  const line = await ownLine(buyer, lineId);
  await buyer.scoped.cartLine.delete({ where: { id: line.id } });
  await releaseHolds(buyer, line.cartId, [line.variantId]);
}

/** Units of each line in the cart, for the header's badge. */
export async function cartCount(organizationId: string): Promise<number> {
  return forOrganization(organizationId).cartLine.count();
}

// ─── stock as the cart sees it ───────────────────────────────────────────────────────────────────────────────

export interface StockRow {
  variantId: string;
  warehouseId: string;
  organizationId: string;
  available: number;
}

/**
 * Available units per SKU and warehouse, counting what this cart already holds as its own (so its allocation does
 * not move away from the stock it reserved). Inside a transaction pass its client.
 */
export async function stockFor(client: Pick<LedgerTx, "$queryRaw">, variantIds: string[], reference: string): Promise<StockRow[]> {
  if (variantIds.length === 0) return [];
  return client.$queryRaw<StockRow[]>`
    SELECT b."variantId", b."warehouseId", b."organizationId",
           (b."onHand" - b."reserved" + COALESCE(h."held", 0))::int AS "available"
      FROM "StockBalance" b
      LEFT JOIN (SELECT "warehouseId", "variantId", sum("quantity")::int AS "held"
                   FROM "StockReservation"
                  WHERE "reference" = ${reference} AND "status" = 'ACTIVE'
                  GROUP BY 1, 2) h ON h."warehouseId" = b."warehouseId" AND h."variantId" = b."variantId"
     WHERE b."variantId" IN (${Prisma.join(variantIds.map((id) => Prisma.sql`${id}::uuid`))})
       AND b."onHand" - b."reserved" + COALESCE(h."held", 0) > 0`;
}

export async function allocateLine(line: { variantId: string; quantity: number }, product: Pick<CatalogProduct, "leadTimeDays" | "originCountry">, location: DeliveryLocation, stock: StockRow[]): Promise<Allocation> {
  return allocateSku({ quantity: line.quantity, location, stock: stock.filter((s) => s.variantId === line.variantId), product });
}

// ─── holding stock while the buyer checks out ────────────────────────────────────────────────────────────────

interface Hold {
  id: string;
  warehouseId: string;
  variantId: string;
  organizationId: string;
  quantity: number;
  expiresAt: Date;
}

/** One balance row's worth of planned stock work: what the cart holds there and what the allocation wants. */
export interface BalancePlan {
  key: string;
  warehouseId: string;
  variantId: string;
  organizationId: string;
  holds: Hold[];
  wanted: number;
  lineId: string | null;
}

/**
 * Merges the cart's holds with the warehouse parts the allocation wants, one entry per balance row, sorted by
 * warehouse then SKU: every transaction touching balances takes their locks in that order, so two checkouts
 * never deadlock.
 */
export function planBalances(holds: Hold[], wanted: { warehouseId: string; variantId: string; organizationId: string; quantity: number; lineId: string }[]): BalancePlan[] {
  const plans = new Map<string, BalancePlan>();
  const entry = (warehouseId: string, variantId: string, organizationId: string) => {
    const key = `${warehouseId}|${variantId}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = { key, warehouseId, variantId, organizationId, holds: [], wanted: 0, lineId: null };
      plans.set(key, plan);
    }
    return plan;
  };
  for (const hold of holds) entry(hold.warehouseId, hold.variantId, hold.organizationId).holds.push(hold);
  for (const part of wanted) {
    const plan = entry(part.warehouseId, part.variantId, part.organizationId);
    plan.wanted += part.quantity;
    plan.lineId = part.lineId;
  }
  return [...plans.values()].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId) || a.variantId.localeCompare(b.variantId));
}

export async function activeHolds(tx: Pick<LedgerTx, "$queryRaw">, reference: string): Promise<Hold[]> {
  return tx.$queryRaw<Hold[]>`
    SELECT "id", "warehouseId", "variantId", "organizationId", "quantity", "expiresAt"
      FROM "StockReservation" WHERE "reference" = ${reference} AND "status" = 'ACTIVE'`;
}

/** What holding read: the cart page can be shown from it (the cart's own holds count as available either way). */
export interface CartReads {
  cart: { id: string; lines: { id: string; variantId: string; quantity: number }[] };
  catalog: Map<string, CatalogVariant>;
  stock: StockRow[];
}

export interface HoldResult {
  reads: CartReads | null;
  /** Units held per line id (warehouse parts only). */
  held: Map<string, number>;
  /** Lines whose warehouse stock could not all be held (someone else took it). */
  short: Map<string, { available: number; requested: number }>;
}

/**
 * Entering /checkout: each line's warehouse parts are reserved for the cart ("cart:<id>", RESERVATION_TTL_MINUTES)
 * at the warehouse the allocation chose. Holds that still match are kept as they are; the others are released and
 * taken anew. Parts shipping from Zhuhai (made to order) hold nothing.
 */
export async function holdCart(buyer: BuyerContext, options: { client?: TransactionRunner; now?: Date } = {}): Promise<HoldResult> {
  const client = options.client ?? unscopedDb;
  const now = options.now ?? new Date();
  const held = new Map<string, number>();
  const short = new Map<string, { available: number; requested: number }>();
  let reads: CartReads | null = null;
  // The allocation reads the warehouse network through its own cache; loaded here, not inside the transaction, where
  // on the embedded database (one connection at a time) a cold cache would wait for the transaction to end.
  await warehousesServing(buyer.location);
  await client.$transaction(async (raw) => {
    const tx = raw as LedgerTx;
    const [cart] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Cart" WHERE "organizationId" = ${buyer.organization.id}::uuid FOR UPDATE`;
    if (!cart) return;
    const lines = await tx.cartLine.findMany({ where: { cartId: cart.id, organizationId: buyer.organization.id }, select: { id: true, variantId: true, quantity: true }, orderBy: { createdAt: "asc" } });
    const catalog = await catalogVariants(
      lines.map((l) => l.variantId),
      tx,
    );
    const reference = cartReference(cart.id);
    const stock = await stockFor(
      tx,
      lines.map((l) => l.variantId),
      reference,
    );
    reads = { cart: { id: cart.id, lines }, catalog, stock };
    const wanted = [];
    for (const line of lines) {
      const variant = catalog.get(line.variantId);
      if (!variant || variant.product.status !== "PUBLISHED") continue;
      const allocation = await allocateLine(line, variant.product, buyer.location, stock);
      for (const part of allocation.parts) {
        if (part.source === "warehouse") wanted.push({ warehouseId: part.warehouseId, variantId: line.variantId, organizationId: variant.product.organizationId, quantity: part.quantity, lineId: line.id });
      }
    }
    for (const plan of planBalances(await activeHolds(tx, reference), wanted)) {
      const keep = plan.holds.length === 1 && plan.holds[0]!.quantity === plan.wanted && plan.holds[0]!.expiresAt > now;
      if (keep) {
        held.set(plan.lineId!, (held.get(plan.lineId!) ?? 0) + plan.wanted);
        continue;
      }
      for (const hold of plan.holds) await release(hold.id, {}, { tx, reason: "cart changed", now, userId: buyer.sessionUser.user.id });
      if (plan.wanted === 0 || !plan.lineId) continue;
      try {
        await reserve(
          { organizationId: plan.organizationId, warehouseId: plan.warehouseId, variantId: plan.variantId, quantity: plan.wanted, reference, holderOrganizationId: buyer.organization.id, holderUserId: buyer.sessionUser.user.id, now },
          { tx, userId: buyer.sessionUser.user.id },
        );
        held.set(plan.lineId, (held.get(plan.lineId) ?? 0) + plan.wanted);
      } catch (error) {
        // Taken by another buyer between the read and the hold: the page says so; the checkout re-checks.
        if (!(error instanceof InsufficientStockError)) throw error;
        short.set(plan.lineId, { available: error.available, requested: plan.wanted });
      }
    }
  }, RESERVATION_TRANSACTION);
  return { reads, held, short };
}

// ─── the cart page ───────────────────────────────────────────────────────────────────────────────────────────

export interface CartRowView {
  lineId: string;
  productSlug: string;
  productName: string;
  sku: string;
  variantLabel: string;
  /** The whole line's quantity (what the form edits). */
  quantity: number;
  /** The part of it in this group (a line split between a warehouse and Zhuhai appears in both groups). */
  partQuantity: number;
  split: boolean;
  unitPrice: string | null;
  unitPriceBuyer: string | null;
  lineTotal: string | null;
  /** "compre 500 e pague R$ 9,80" */
  tierHint: string | null;
  problems: string[];
  unit: string;
}

export interface DeliveryOptionView {
  term: "FOB" | "CIF" | "DDP";
  /** priced: `fee` is charged; fob: nothing (the buyer arranges freight); missing: no rate, said plainly. */
  status: "priced" | "fob" | "missing";
  /** In the order's (manufacturer's) currency. */
  fee: string | null;
  /** ≈ in the viewer's currency, when it differs. */
  feeBuyer: string | null;
  /** The group's goods plus this delivery in the viewer's currency (minor units, as text): what its order will cost. */
  orderTotalBuyerMinor: string | null;
  /** Why there is no price: "No delivery rate from São Paulo to Brazil (SP) yet…" */
  missingText: string | null;
}

export interface GroupDeliveryView {
  /** Chargeable gross weight, "1.250 kg" (every started kilogram). */
  weight: string;
  /** A warehouse group: DDP only. A Zhuhai group: FOB, CIF, DDP (the buyer picks at checkout). */
  options: DeliveryOptionView[];
}

export interface CartGroupView {
  key: string;
  manufacturerId: string;
  manufacturerName: string;
  source: "warehouse" | "origin";
  warehouseId: string | null;
  sourceText: string;
  leadTimeText: string;
  rows: CartRowView[];
  subtotal: string;
  subtotalBuyer: string | null;
  delivery: GroupDeliveryView;
}

export interface CartView {
  cartId: string | null;
  lineCount: number;
  groups: CartGroupView[];
  /** Goods plus the delivery known now (warehouse stock; Zhuhai as FOB), in the viewer's currency, when every group converts. */
  total: string | null;
  /** Goods only, in the viewer's currency. */
  goodsTotal: string | null;
  /** Delivery of warehouse stock, in the viewer's currency (null when there is none or a rate is missing). */
  deliveryTotal: string | null;
  currencyCode: string;
  /** The viewer's currency, for the checkout's running total in the browser. */
  currency: CurrencyInfo;
  /** Lines with a problem, or warehouse stock with no delivery rate (checkout refuses while any remains). */
  blocked: boolean;
  /** One per product below its MOQ: "Fritadeira — MOQ 500 across variants: add 200 more". */
  moqNotices: { productName: string; text: string }[];
  rateDate: string | null;
}

/** Priced and allocated lines of a cart: shared by the cart page, the checkout summary and the checkout itself. */
export interface PricedLine {
  lineId: string;
  variant: CatalogVariant;
  quantity: number;
  productTotal: number;
  unitPriceMinor: bigint | null;
  tierMinQuantity: number | null;
  next: { minQuantity: number; unitPriceMinor: bigint } | null;
  problems: LineProblem[];
  allocation: Allocation;
}

export async function priceLines(lines: { id: string; variantId: string; quantity: number }[], catalog: Map<string, CatalogVariant>, location: DeliveryLocation, stock: StockRow[]): Promise<PricedLine[]> {
  const totals = new Map<string, number>();
  for (const line of lines) {
    const product = catalog.get(line.variantId)?.product;
    if (product) totals.set(product.id, (totals.get(product.id) ?? 0) + line.quantity);
  }
  const priced: PricedLine[] = [];
  for (const line of lines) {
    const variant = catalog.get(line.variantId);
    if (!variant) continue;
    const productTotal = totals.get(variant.product.id)!;
    // Below the MOQ the cart still shows what the line will cost once the product reaches it (the first tier's
    // price); checkout refuses the line until then, so this price is never charged below the minimum.
    const { tier, next } = priceFor(variant.product.priceTiers, Math.max(productTotal, variant.product.moq));
    priced.push({
      lineId: line.id,
      variant,
      quantity: line.quantity,
      productTotal,
      unitPriceMinor: tier?.unitPriceMinor ?? null,
      tierMinQuantity: tier?.minQuantity ?? null,
      next,
      problems: lineProblems(variant.product, line.quantity, productTotal),
      allocation: await allocateLine(line, variant.product, location, stock),
    });
  }
  return priced;
}

function money(rates: RateTable, amountMinor: bigint, code: string): Money {
  return { amountMinor, currency: rates.currency(code) };
}

export function convertForDisplay(rates: RateTable, amount: Money, to: string, lang: Lang): string | null {
  if (amount.currency.code === to) return null;
  const converted = rates.convert(amount, to);
  return converted ? formatMoney(converted.money, lang) : null;
}

export async function loadCartLines(buyer: BuyerContext) {
  const cart = await buyer.scoped.cart.findFirst({ select: { id: true, lines: { select: { id: true, variantId: true, quantity: true }, orderBy: { createdAt: "asc" } } } });
  return cart ?? null;
}

/** Where a delivery leaves from, for a sentence: the warehouse's city, or Zhuhai. */
function originName(t: ReturnType<typeof serverT>, part: Allocation["parts"][number]): string {
  return part.source === "warehouse" ? warehouseCity(t, { code: part.warehouseCode, city: part.city }) : "Zhuhai";
}

/** "Brasil (SP)": the buyer's place in the viewer's language. */
function placeName(lang: Lang, location: DeliveryLocation): string {
  let country = location.countryCode;
  try {
    country = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(location.countryCode) ?? country;
  } catch {
    // an unknown code stays as it is
  }
  return location.regionCode ? `${country} (${location.regionCode})` : country;
}

/**
 * The delivery choices of one future order, priced: DDP for warehouse stock; FOB (nothing), CIF and DDP for goods
 * from Zhuhai. Shared by the cart page and the checkout summary; the checkout charges the same computation.
 */
export function deliveryOptions(input: {
  lang: Lang;
  rates: RateTable;
  deliveryRates: readonly DeliveryRateValue[];
  location: DeliveryLocation;
  part: Allocation["parts"][number];
  weightG: bigint;
  orderCurrency: string;
  subtotalMinor: bigint;
  viewerCurrency: string;
  day: string;
}): { view: GroupDeliveryView; quotes: Map<string, DeliveryQuote> } {
  const { lang, rates } = input;
  const t = serverT(lang);
  const terms = input.part.source === "warehouse" ? (["DDP"] as const) : (["FOB", "CIF", "DDP"] as const);
  const quotes = new Map<string, DeliveryQuote>();
  const options: DeliveryOptionView[] = [];
  for (const term of terms) {
    const quote = quoteDelivery({
      rates: input.deliveryRates,
      fx: rates,
      source: input.part.source,
      warehouseCode: input.part.source === "warehouse" ? input.part.warehouseCode : null,
      term,
      countryCode: input.location.countryCode,
      regionCode: input.location.regionCode ?? null,
      weightG: input.weightG,
      orderCurrency: input.orderCurrency,
      day: input.day,
    });
    quotes.set(term, quote);
    const feeMinor = quote.kind === "priced" ? quote.feeMinor : 0n;
    const fee = quote.kind === "priced" ? money(rates, quote.feeMinor, input.orderCurrency) : null;
    const orderTotal = quote.kind === "missing" ? null : rates.convert(money(rates, input.subtotalMinor + feeMinor, input.orderCurrency), input.viewerCurrency);
    options.push({
      term,
      status: quote.kind,
      fee: fee ? formatMoney(fee, lang) : null,
      feeBuyer: fee ? convertForDisplay(rates, fee, input.viewerCurrency, lang) : null,
      orderTotalBuyerMinor: orderTotal ? orderTotal.money.amountMinor.toString() : null,
      missingText:
        quote.kind === "missing"
          ? t(input.part.source === "warehouse" ? "cart.delivery.missingWarehouse" : "cart.delivery.missingZhuhai", { from: originName(t, input.part), place: placeName(lang, input.location), term })
          : null,
    });
  }
  const kg = Number(chargeableKg(input.weightG));
  return { view: { weight: t("cart.delivery.weight", { kg: formatNumber(kg, lang) }), options }, quotes };
}

/** The cart page: lines grouped by manufacturer and source (each group becomes one order), priced and allocated. */
export async function presentCart(buyer: BuyerContext, lang: Lang, currencyCode: string, rates: RateTable, reads?: CartReads | null, now: Date = new Date()): Promise<CartView> {
  const t = serverT(lang);
  const cart = reads?.cart ?? (await loadCartLines(buyer));
  const currency = rates.currency(currencyCode);
  if (!cart || cart.lines.length === 0) return { cartId: cart?.id ?? null, lineCount: 0, groups: [], total: null, goodsTotal: null, deliveryTotal: null, currencyCode, currency, blocked: false, moqNotices: [], rateDate: null };
  // The checkout page passes what holding the stock just read: the same cart, catalog and stock.
  const catalog = reads?.catalog ?? (await catalogVariants(cart.lines.map((l) => l.variantId)));
  const stock =
    reads?.stock ??
    (await stockFor(
      unscopedDb,
      cart.lines.map((l) => l.variantId),
      cartReference(cart.id),
    ));
  const day = now.toISOString().slice(0, 10);
  const [priced, deliveryRates] = await Promise.all([priceLines(cart.lines, catalog, buyer.location, stock), deliveryRatesFor(buyer.location.countryCode, day)]);
  const groups = new Map<string, Omit<CartGroupView, "delivery"> & { subtotalMinor: bigint; weightG: bigint; currency: string; part: Allocation["parts"][number] }>();
  let blocked = false;
  const moqNotices: CartView["moqNotices"] = [];
  const moqSaid = new Set<string>();
  for (const line of priced) {
    const product = line.variant.product;
    const currency = product.currencyCode.trim();
    // The MOQ is the product's, across its variants: said once, on its first line (and above the blocks).
    const problems: string[] = [];
    for (const p of line.problems) {
      if (p.code === "below_moq") {
        if (moqSaid.has(product.id)) continue;
        moqSaid.add(product.id);
        moqNotices.push({ productName: productName(product, lang), text: problemText(p, lang) });
      }
      problems.push(problemText(p, lang));
    }
    if (line.problems.length || line.unitPriceMinor === null) blocked = true;
    const unit = line.unitPriceMinor !== null ? money(rates, line.unitPriceMinor, currency) : null;
    const hint = line.next
      ? t("cart.tierHint", {
          quantity: formatNumber(line.next.minQuantity, lang),
          price: convertForDisplay(rates, money(rates, line.next.unitPriceMinor, currency), currencyCode, lang) ?? formatMoney(money(rates, line.next.unitPriceMinor, currency), lang),
        })
      : null;
    for (const [partIndex, part] of line.allocation.parts.entries()) {
      const warehouseId = part.source === "warehouse" ? part.warehouseId : null;
      const key = `${product.organizationId}|${warehouseId ?? "origin"}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          key,
          manufacturerId: product.organizationId,
          manufacturerName: product.organization.name,
          source: part.source,
          warehouseId,
          sourceText: part.source === "warehouse" ? t("cart.source.warehouse", { city: warehouseCity(t, { code: part.warehouseCode, city: part.city }) }) : t("cart.source.origin"),
          leadTimeText: "",
          rows: [],
          subtotal: "",
          subtotalBuyer: null,
          subtotalMinor: 0n,
          weightG: 0n,
          currency,
          part,
        };
        groups.set(key, group);
      }
      group.leadTimeText = leadTimeText(lang, part);
      const partTotal = line.unitPriceMinor !== null ? lineTotal(line.unitPriceMinor, part.quantity) : 0n;
      group.subtotalMinor += partTotal;
      group.weightG += grossWeightG([{ quantity: part.quantity, grossWeightG: line.variant.grossWeightG }]);
      group.rows.push({
        lineId: line.lineId,
        productSlug: product.slug,
        productName: productName(product, lang),
        sku: line.variant.sku,
        variantLabel: variantLabel(line.variant, lang),
        quantity: line.quantity,
        partQuantity: part.quantity,
        split: line.allocation.parts.length > 1,
        unitPrice: unit ? formatMoney(unit, lang) : null,
        unitPriceBuyer: unit ? convertForDisplay(rates, unit, currencyCode, lang) : null,
        lineTotal: unit ? formatMoney(money(rates, partTotal, currency), lang) : null,
        tierHint: hint,
        // A line split between a warehouse and Zhuhai says its problems once, on its first part.
        problems: partIndex === 0 ? problems : [],
        unit: t(`browse.units.${product.unitOfSale}`, { count: part.quantity, n: formatNumber(part.quantity, lang) }),
      });
    }
  }
  let goodsMinor = 0n;
  let deliveryMinor = 0n;
  let hasDelivery = false;
  let convertible = true;
  const dates = new Set<string>();
  const views: CartGroupView[] = [];
  for (const { subtotalMinor, currency, weightG, part, ...group } of groups.values()) {
    const amount = money(rates, subtotalMinor, currency);
    const converted = rates.convert(amount, currencyCode);
    const delivery = deliveryOptions({ lang, rates, deliveryRates, location: buyer.location, part, weightG, orderCurrency: currency, subtotalMinor, viewerCurrency: currencyCode, day });
    // Warehouse stock is DDP: its delivery is known now; Zhuhai's depends on the term chosen at checkout (FOB: none).
    const known = delivery.view.options.find((o) => o.term === (part.source === "warehouse" ? "DDP" : "FOB"))!;
    if (known.status === "missing") blocked = true;
    if (converted) {
      goodsMinor += converted.money.amountMinor;
      for (const d of converted.rateDates) dates.add(d);
      if (known.orderTotalBuyerMinor !== null && known.status === "priced") {
        deliveryMinor += BigInt(known.orderTotalBuyerMinor) - converted.money.amountMinor;
        hasDelivery = true;
      }
    } else convertible = false;
    if (known.orderTotalBuyerMinor === null) convertible = false;
    views.push({ ...group, subtotal: formatMoney(amount, lang), subtotalBuyer: currency === currencyCode ? null : converted ? formatMoney(converted.money, lang) : null, delivery: delivery.view });
  }
  views.sort((a, b) => a.manufacturerName.localeCompare(b.manufacturerName) || (a.source === b.source ? 0 : a.source === "warehouse" ? -1 : 1));
  return {
    cartId: cart.id,
    lineCount: cart.lines.length,
    groups: views,
    total: convertible ? formatMoney(money(rates, goodsMinor + deliveryMinor, currencyCode), lang) : null,
    goodsTotal: convertible ? formatMoney(money(rates, goodsMinor, currencyCode), lang) : null,
    deliveryTotal: convertible && hasDelivery ? formatMoney(money(rates, deliveryMinor, currencyCode), lang) : null,
    currencyCode,
    currency,
    blocked,
    moqNotices,
    // The newest rate's day, written for the viewer (a date column: read at noon UTC so no zone moves it).
    rateDate: dates.size ? formatDate(`${[...dates].sort().at(-1)}T12:00:00Z`, lang, { dateStyle: "medium", timeZone: "UTC" }) : null,
  };
}

export function leadTimeText(lang: Lang, part: Allocation["parts"][number]): string {
  const t = serverT(lang);
  if (part.source === "warehouse") {
    return part.leadDaysMin === part.leadDaysMax
      ? t("cart.leadTime.businessDays", { count: part.leadDaysMax, n: formatNumber(part.leadDaysMax, lang) })
      : t("cart.leadTime.businessDaysRange", { min: formatNumber(part.leadDaysMin, lang), max: formatNumber(part.leadDaysMax, lang) });
  }
  if (part.daysMin === null || part.daysMax === null) return t("cart.leadTime.productionOnly", { count: part.productionDays, n: formatNumber(part.productionDays, lang) });
  return t("cart.leadTime.daysRange", { min: formatNumber(part.daysMin, lang), max: formatNumber(part.daysMax, lang) });
}

// ─── pages ───────────────────────────────────────────────────────────────────────────────────────────────────

export type CartPageAccess = { ok: true; buyer: BuyerContext; currencyCode: string; rates: RateTable } | { ok: false; reason: "noOrganization" | "notBuyer" };

/**
 * The gate of the cart and checkout pages: signed in (else to the login page, back here after), acting for a BUYER
 * organization (else the reason, shown on the page with a 403), with the viewer's currency and today's rates.
 */
export async function cartPageAccess(request: Request, lang: Lang): Promise<CartPageAccess> {
  const sessionUser = await requireSessionUser(request, lang);
  const gate = await buyerGate(request, sessionUser);
  if (!gate.ok) return { ok: false, reason: gate.reason === "notBuyer" ? "notBuyer" : "noOrganization" };
  const [viewer, rates] = await Promise.all([getViewerContext(request, lang, sessionUser), currentRates()]);
  return { ok: true, buyer: gate.buyer, currencyCode: rates.currencies.has(viewer.currencyCode) ? viewer.currencyCode : "USD", rates };
}

/** A placed order's lead time, from its stored span (business days from a warehouse, calendar days from Zhuhai). */
export function orderLeadTimeText(lang: Lang, source: "WAREHOUSE" | "ORIGIN", min: number, max: number): string {
  const t = serverT(lang);
  if (source === "WAREHOUSE") {
    return min === max ? t("cart.leadTime.businessDays", { count: max, n: formatNumber(max, lang) }) : t("cart.leadTime.businessDaysRange", { min: formatNumber(min, lang), max: formatNumber(max, lang) });
  }
  return t("cart.leadTime.daysRange", { min: formatNumber(min, lang), max: formatNumber(max, lang) });
}
