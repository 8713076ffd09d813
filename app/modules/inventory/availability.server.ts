import type { TFunction } from "i18next";
import { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { readRows } from "~/modules/db/raw-read.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import type { CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { allocate, coveringArea, serves, type Allocation, type Destination, type OriginPart, type ServiceAreaInput, type TransitLaneInput, type WarehousePart } from "./allocation";
import { regionsOf } from "./reference-data";
import { warehouseCity } from "./cities";

/**
 * What buyers see of stock: for a delivery location, where each SKU would ship from and how long it takes
 * ("Em estoque em São Paulo — entrega em 2 a 3 dias úteis" / "Enviado de Zhuhai — 50 a 65 dias"), on the product
 * page (per variant, for a quantity) and on listing cards (one line, for the MOQ, batched: one query per page).
 * Quantities appear only where the manufacturer chose to show them (Product.showStockQuantities).
 *
 * Reads published products' stock across manufacturers, hence `unscopedDb`; callers pass only ids of
 * PUBLISHED products. The warehouse network (a few rows) is cached per process for a minute.
 */

/** A buyer's delivery location: country, and for Brazil and Mexico the state when known. */
export interface DeliveryLocation {
  countryCode: string;
  regionCode: string | null;
}

// ─── the warehouse network (reference data, cached) ──────────────────────────────────────────────────────────

interface NetworkWarehouse {
  id: string;
  code: string;
  city: string;
  countryCode: string;
  areas: ServiceAreaInput[];
}

interface Network {
  warehouses: Map<string, NetworkWarehouse>;
  /** "CN>BR" → the lane in force today. */
  lanes: Map<string, TransitLaneInput>;
  /** "BR:SP" → the warehouses serving it (warehousesServing), filled as buyers ask. */
  serving: Map<string, string[]>;
}

const NETWORK_TTL_MS = 60_000;
let cachedNetwork: { at: number; value: Promise<Network> } | null = null;

async function loadNetwork(): Promise<Network> {
  const [warehouses, lanes] = await Promise.all([
    unscopedDb.warehouse.findMany({
      where: { kind: "OVERSEAS", active: true },
      select: { id: true, code: true, city: true, countryCode: true, serviceAreas: { select: { countryCode: true, regionCode: true, leadDaysMin: true, leadDaysMax: true, costMinor: true, currencyCode: true } } },
      orderBy: { code: "asc" },
    }),
    unscopedDb.transitLane.findMany({ where: { validFrom: { lte: new Date() } }, orderBy: { validFrom: "desc" } }),
  ]);
  const laneMap = new Map<string, TransitLaneInput>();
  for (const lane of lanes) {
    const key = `${lane.originCountry.trim()}>${lane.destinationCountry.trim()}`;
    if (!laneMap.has(key)) laneMap.set(key, { transitDaysMin: lane.transitDaysMin, transitDaysMax: lane.transitDaysMax });
  }
  return {
    warehouses: new Map(
      warehouses.map((w) => [
        w.id,
        {
          id: w.id,
          code: w.code,
          city: w.city,
          countryCode: w.countryCode.trim(),
          areas: w.serviceAreas.map((a) => ({ ...a, countryCode: a.countryCode.trim(), regionCode: a.regionCode.trim(), currencyCode: a.currencyCode.trim() })),
        },
      ]),
    ),
    lanes: laneMap,
    serving: new Map(),
  };
}

function network(): Promise<Network> {
  const now = Date.now();
  if (!cachedNetwork || now - cachedNetwork.at > NETWORK_TTL_MS) {
    const value = loadNetwork();
    cachedNetwork = { at: now, value };
    value.catch(() => {
      if (cachedNetwork?.value === value) cachedNetwork = null;
    });
  }
  return cachedNetwork.value;
}

/** Tests (and the platform's edits of warehouses or lanes) make the next read fresh. */
export function forgetAvailabilityCaches() {
  cachedNetwork = null;
}

/**
 * The active overseas warehouses that deliver to the location (the "in stock near me" filter's set): the same for
 * every buyer of that place, so kept with the network it was computed from (a minute) per country and state.
 */
export async function warehousesServing(location: DeliveryLocation): Promise<string[]> {
  const net = await network();
  const key = `${location.countryCode}:${location.regionCode ?? ""}`;
  let ids = net.serving.get(key);
  if (!ids) {
    ids = [...net.warehouses.values()].filter((w) => serves(w.areas, toDestination(location))).map((w) => w.id);
    net.serving.set(key, ids);
  }
  return [...ids];
}

function toDestination(location: DeliveryLocation): Destination {
  return { countryCode: location.countryCode, regionCode: location.regionCode };
}

// ─── stock rows ──────────────────────────────────────────────────────────────────────────────────────────────

interface StockRow {
  productId: string;
  variantId: string;
  warehouseId: string;
  available: number;
}

/**
 * Available stock (onHand − reserved > 0) of the products, one query for all of them (index
 * StockBalance(productId, warehouseId)); only rows in active overseas warehouses are kept.
 */
async function stockOf(productIds: string[], net: Network): Promise<Map<string, StockRow[]>> {
  const byProduct = new Map<string, StockRow[]>();
  if (productIds.length === 0) return byProduct;
  const rows = await readRows<StockRow>(Prisma.sql`
    SELECT b."productId", b."variantId", b."warehouseId", (b."onHand" - b."reserved")::int AS "available"
      FROM "StockBalance" b
     WHERE b."productId" IN (${Prisma.join(productIds.map((id) => Prisma.sql`${id}::uuid`))})
       AND b."onHand" > b."reserved"`);
  for (const row of rows) {
    if (!net.warehouses.has(row.warehouseId)) continue;
    const list = byProduct.get(row.productId);
    if (list) list.push(row);
    else byProduct.set(row.productId, [row]);
  }
  return byProduct;
}

// ─── wording ─────────────────────────────────────────────────────────────────────────────────────────────────

// Intl formatters cost far more to build than to use (a listing card asked for one or two each): one per language.
const listFormats = new Map<Lang, Intl.ListFormat>();
const regionDisplayNames = new Map<Lang, Intl.DisplayNames>();

function cityList(lang: Lang, names: string[]): string {
  let format = listFormats.get(lang);
  if (!format) listFormats.set(lang, (format = new Intl.ListFormat(LOCALE_TAGS[lang], { style: "long", type: "conjunction" })));
  return format.format([...new Set(names)]);
}

function stockText(t: TFunction, lang: Lang, city: string, min: number, max: number): string {
  return min === max
    ? t("browse.availability.inStockDays", { city, count: max, n: formatNumber(max, lang) })
    : t("browse.availability.inStock", { city, min: formatNumber(min, lang), max: formatNumber(max, lang) });
}

function originText(t: TFunction, lang: Lang, part: Pick<OriginPart, "daysMin" | "daysMax" | "productionDays">, countryName: string): string {
  if (part.daysMin === null || part.daysMax === null) return t("browse.availability.fromOriginUnknown", { count: part.productionDays, n: formatNumber(part.productionDays, lang), country: countryName });
  return t("browse.availability.fromOrigin", { min: formatNumber(part.daysMin, lang), max: formatNumber(part.daysMax, lang) });
}

function regionNames(lang: Lang): Intl.DisplayNames {
  let names = regionDisplayNames.get(lang);
  if (!names) regionDisplayNames.set(lang, (names = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" })));
  return names;
}

// ─── listing cards ───────────────────────────────────────────────────────────────────────────────────────────

export interface CardAvailability {
  /** "stock": the MOQ ships from a warehouse near the buyer; "partial": part of it; "origin": from Zhuhai;
   * "elsewhere": no location known, stock in some warehouse. */
  tone: "stock" | "partial" | "origin" | "elsewhere";
  text: string;
}

export interface CardProduct {
  id: string;
  moq: number;
  leadTimeDays: number;
  originCountry: string;
}

/**
 * One line per card for a page of products, for the buyer's location (or none): one query for the whole page.
 * Cards without a location and without stock anywhere get no line (the card shows the production time).
 */
export async function cardAvailability(products: CardProduct[], location: DeliveryLocation | null, lang: Lang): Promise<Map<string, CardAvailability>> {
  const result = new Map<string, CardAvailability>();
  if (products.length === 0) return result;
  const net = await network();
  const stock = await stockOf(
    products.map((p) => p.id),
    net,
  );
  const t = serverT(lang);
  const countryName = location ? (regionNames(lang).of(location.countryCode) ?? location.countryCode) : "";
  for (const product of products) {
    const rows = stock.get(product.id) ?? [];
    if (!location) {
      if (rows.length) result.set(product.id, { tone: "elsewhere", text: t("browse.availability.stockIn", { cities: cityList(lang, rows.map((r) => warehouseCity(t, net.warehouses.get(r.warehouseId)!))) }) });
      continue;
    }
    const allocation = bestVariantAllocation(rows, Math.max(1, product.moq), location, net, product);
    const warehouseParts = allocation.parts.filter((p): p is WarehousePart => p.source === "warehouse");
    const origin = allocation.parts.find((p): p is OriginPart => p.source === "origin");
    if (allocation.fromStock) {
      const min = Math.max(...warehouseParts.map((p) => p.leadDaysMin));
      const max = Math.max(...warehouseParts.map((p) => p.leadDaysMax));
      result.set(product.id, { tone: "stock", text: stockText(t, lang, cityList(lang, warehouseParts.map((p) => warehouseCity(t, { code: p.warehouseCode, city: p.city }))), min, max) });
    } else if (warehouseParts.length) {
      result.set(product.id, { tone: "partial", text: t("browse.availability.partial", { city: cityList(lang, warehouseParts.map((p) => warehouseCity(t, { code: p.warehouseCode, city: p.city }))) }) });
    } else if (origin) {
      result.set(product.id, { tone: "origin", text: originText(t, lang, origin, countryName) });
    }
  }
  return result;
}

/** The SKU whose allocation of `quantity` is best: all from stock first (fastest), then the most from stock. */
function bestVariantAllocation(rows: StockRow[], quantity: number, location: DeliveryLocation, net: Network, product: { leadTimeDays: number; originCountry: string }): Allocation {
  const origin = { productionLeadDays: product.leadTimeDays, lane: net.lanes.get(`${product.originCountry.trim() || "CN"}>${location.countryCode}`) ?? null };
  const byVariant = new Map<string, StockRow[]>();
  for (const row of rows) byVariant.set(row.variantId, [...(byVariant.get(row.variantId) ?? []), row]);
  let best: Allocation | null = null;
  const score = (a: Allocation) => {
    const local = a.parts.filter((p): p is WarehousePart => p.source === "warehouse");
    return { full: a.fromStock, local: local.reduce((n, p) => n + p.quantity, 0), days: Math.max(0, ...local.map((p) => p.leadDaysMax)) };
  };
  for (const variantRows of byVariant.values()) {
    const a = allocate({ quantity, destination: toDestination(location), stocks: stocksFor(variantRows, net), origin });
    if (!best) {
      best = a;
      continue;
    }
    const [s, b] = [score(a), score(best)];
    if (Number(s.full) > Number(b.full) || (s.full === b.full && (s.full ? s.days < b.days : s.local > b.local))) best = a;
  }
  return best ?? allocate({ quantity, destination: toDestination(location), stocks: [], origin });
}

function stocksFor(rows: StockRow[], net: Network) {
  return rows.map((r) => {
    const w = net.warehouses.get(r.warehouseId)!;
    return { warehouse: { id: w.id, code: w.code, city: w.city }, serviceAreas: w.areas, available: r.available };
  });
}

// ─── the cart and checkout ───────────────────────────────────────────────────────────────────────────────────

/**
 * The allocation of `quantity` units of one SKU from stock the caller has read itself (the cart counts its own
 * holds as available; the checkout reads inside its transaction), with the network's service areas and lanes.
 * Rows of warehouses outside the active overseas network are ignored, as on the product page.
 */
export async function allocateSku(input: {
  quantity: number;
  location: DeliveryLocation;
  stock: readonly { warehouseId: string; available: number }[];
  product: { leadTimeDays: number; originCountry: string };
}): Promise<Allocation> {
  const net = await network();
  const origin = { productionLeadDays: input.product.leadTimeDays, lane: net.lanes.get(`${input.product.originCountry.trim() || "CN"}>${input.location.countryCode}`) ?? null };
  const stocks = input.stock.filter((r) => net.warehouses.has(r.warehouseId)).map((r) => ({ ...stocksFor([{ productId: "", variantId: "", ...r }], net)[0]! }));
  return allocate({ quantity: input.quantity, destination: toDestination(input.location), stocks, origin });
}

// ─── the product page ────────────────────────────────────────────────────────────────────────────────────────

export interface AvailabilityLine {
  source: "warehouse" | "origin" | "elsewhere";
  text: string;
  /** The quantity this line covers ("80 un."), only when the manufacturer shows stock quantities. */
  quantity: string | null;
  /** Local delivery cost from the warehouse, formatted in its currency. */
  cost: string | null;
}

export interface VariantAvailability {
  variantId: string;
  sku: string;
  /** "127V · N · white": what tells the SKUs apart. */
  label: string;
  tone: "stock" | "partial" | "origin" | "unknown";
  lines: AvailabilityLine[];
  /** "Part of the order ships from stock, the rest from Zhuhai" (when quantities are hidden). */
  splitNote: string | null;
  /** Available per warehouse that delivers to the buyer (every one without a location), only when the manufacturer shows stock quantities. */
  stock: { city: string; quantity: string }[] | null;
}

export interface ProductAvailability {
  quantity: number;
  quantityFormatted: string;
  /** Where the times are for ("São Paulo (SP), Brasil"), or null when the buyer has not said. */
  destination: string | null;
  variants: VariantAvailability[];
  /** Ask for what is missing: the country (nothing can be promised) or, in Brazil and Mexico, the state. */
  hint: "chooseCountry" | "chooseRegion" | null;
}

export interface AvailabilityProduct {
  id: string;
  leadTimeDays: number;
  originCountry: string;
  showStockQuantities: boolean;
  unit: string;
  variants: { id: string; sku: string; voltage: string | null; plugType: string | null; color: string | null; capacity: string | null }[];
}

/** Availability of each SKU of one product for `quantity` units, delivered to the location (or honestly unknown). */
export async function productAvailability(
  product: AvailabilityProduct,
  quantity: number,
  location: DeliveryLocation | null,
  lang: Lang,
  currencies: Map<string, CurrencyInfo>,
): Promise<ProductAvailability> {
  const net = await network();
  const rows = (await stockOf([product.id], net)).get(product.id) ?? [];
  const t = serverT(lang);
  const regions = regionNames(lang);
  const countryName = location ? (regions.of(location.countryCode) ?? location.countryCode) : "";
  const units = (n: number) => t(`browse.units.${product.unit}`, { count: n, n: formatNumber(n, lang) });
  const show = product.showStockQuantities;
  const regionList = location ? regionsOf(location.countryCode) : null;
  const regionName = location?.regionCode && regionList ? (regionList[location.regionCode] ?? location.regionCode) : null;
  const lane = location ? (net.lanes.get(`${product.originCountry.trim() || "CN"}>${location.countryCode}`) ?? null) : null;
  const origin = { productionLeadDays: product.leadTimeDays, lane };

  // A product without SKUs yet still ships from Zhuhai: one line for the product.
  const skus = product.variants.length ? product.variants : [{ id: "", sku: "", voltage: null, plugType: null, color: null, capacity: null }];
  const variants = skus.map((v): VariantAvailability => {
    const variantRows = rows.filter((r) => r.variantId === v.id);
    const label = [v.voltage, v.plugType ? t("browse.availability.plug", { plug: v.plugType }) : null, v.color, v.capacity].filter(Boolean).join(" · ") || v.sku;
    // With a location, only the warehouses that deliver there (stock on another continent is no help to this buyer).
    const listed = location ? variantRows.filter((r) => serves(net.warehouses.get(r.warehouseId)!.areas, toDestination(location))) : variantRows;
    const stockList = show ? listed.map((r) => ({ city: warehouseCity(t, net.warehouses.get(r.warehouseId)!), quantity: formatNumber(r.available, lang) })).sort((a, b) => a.city.localeCompare(b.city, LOCALE_TAGS[lang])) : null;

    if (!location) {
      const lines: AvailabilityLine[] = [];
      if (variantRows.length) lines.push({ source: "elsewhere", text: t("browse.availability.stockIn", { cities: cityList(lang, variantRows.map((r) => warehouseCity(t, net.warehouses.get(r.warehouseId)!))) }), quantity: null, cost: null });
      // "Or ships from Zhuhai" only after a line about stock; alone, it is the only way the goods come.
      const originKey = variantRows.length ? "browse.availability.fromOriginNoCountry" : "browse.availability.fromOriginOnlyNoCountry";
      lines.push({ source: "origin", text: t(originKey, { count: product.leadTimeDays, n: formatNumber(product.leadTimeDays, lang) }), quantity: null, cost: null });
      return { variantId: v.id, sku: v.sku, label, tone: "unknown", lines, splitNote: null, stock: stockList };
    }

    const allocation = allocate({ quantity, destination: toDestination(location), stocks: stocksFor(variantRows, net), origin });
    const lines = allocation.parts.map((part): AvailabilityLine => {
      if (part.source === "origin") return { source: "origin", text: originText(t, lang, part, countryName), quantity: show ? units(part.quantity) : null, cost: null };
      const currency = currencies.get(part.currency);
      return {
        source: "warehouse",
        text: stockText(t, lang, warehouseCity(t, { code: part.warehouseCode, city: part.city }), part.leadDaysMin, part.leadDaysMax),
        quantity: show ? units(part.quantity) : null,
        cost: currency ? t(part.regionUnknown ? "browse.availability.costUpTo" : "browse.availability.cost", { cost: formatMoney({ amountMinor: part.costMinor, currency }, lang) }) : null,
      };
    });
    const split = allocation.fromOrigin && allocation.parts.length > 1;
    return {
      variantId: v.id,
      sku: v.sku,
      label,
      tone: allocation.fromStock ? "stock" : split ? "partial" : "origin",
      lines,
      splitNote: split && !show ? t("browse.availability.splitNote") : null,
      stock: stockList,
    };
  });

  // The state matters only where a warehouse serves the country state by state.
  const regionMatters = Boolean(location && !location.regionCode && regionList && [...net.warehouses.values()].some((w) => coveringArea(w.areas, toDestination(location))?.regionUnknown));
  return {
    quantity,
    quantityFormatted: units(quantity),
    destination: location ? (regionName ? `${regionName}, ${countryName}` : countryName) : null,
    variants,
    hint: !location ? "chooseCountry" : regionMatters ? "chooseRegion" : null,
  };
}
