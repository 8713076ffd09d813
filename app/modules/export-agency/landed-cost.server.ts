import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { unscopedDb } from "~/modules/db/index.server";
import { sharedRead } from "~/modules/db/shared-read.server";
import { isUuid } from "~/modules/http/responses.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { regionsOf } from "~/modules/inventory/reference-data";
import type { RateTable } from "~/modules/money/fx.server";
import { formatMoney, type Money } from "~/modules/money/money";
import { divideHalfEven } from "~/modules/money/rates";
import { deliveryFeeMinor, grossWeightG, rateInForce, ZHUHAI_ORIGIN } from "~/modules/ordering/delivery-rates";
import { deliveryRatesFor } from "~/modules/ordering/delivery-rates.server";
import { crossRate, priceFor } from "~/modules/ordering/pricing";
import { importTaxRatesFor, type ImportTaxRateRow } from "./import-tax-rates.server";
import { COUNTRY_RULES, estimateLandedCost, INCOTERMS, ratesInForce, type ImportTaxKindName, type Incoterm, type LandedLine } from "./landed-cost";
import { fractionToPercent } from "./money-rates";

/**
 * The landed-cost service: for goods from Zhuhai (one variant on a product page, or an order's lines at checkout),
 * a destination country/state and an Incoterm, it picks the import rates in force today (a state's row over the
 * country's, the longest HS prefix), prices the goods by their tiers, adds main carriage and destination charges
 * from the dated delivery rates (Zhuhai CIF and DDP), converts everything into the destination's currency with the
 * dated FX table, computes the §5.6 estimate and STORES it (LandedCostEstimate, one row per distinct set of inputs,
 * rate rows and FX rate) so that what a buyer was shown can be read again with the rates it used.
 */

export interface LandedItem {
  variantId: string;
  quantity: number;
}

export type LandedOutcome =
  | { status: "no_country" }
  | {
      status: "unavailable";
      countryCode: string;
      regionCode: string | null;
      reason: "no_rates" | "missing_rates" | "no_freight" | "no_fx" | "no_goods";
      missing: ImportTaxKindName[];
    }
  | { status: "ok"; estimate: StoredEstimate };

/** What `LandedCostEstimate.breakdown` holds. */
export interface StoredBreakdown {
  lines: (Omit<LandedLine, "baseMinor" | "amountMinor" | "fixedMinor"> & {
    baseMinor: string;
    amountMinor: string;
    fixedMinor: string | null;
    hsCode: string;
    sku: string;
  })[];
  fobMinor: string;
  freightMinor: string;
  destinationChargesMinor: string;
  recoverableMinor: string;
  goodsCurrency: string;
  dutiesPaidBy: "seller" | "buyer";
}

export interface StoredEstimate {
  id: string;
  countryCode: string;
  regionCode: string;
  incoterm: Incoterm;
  currencyCode: string;
  customsValueMinor: bigint;
  dutiesMinor: bigint;
  feesMinor: bigint;
  taxesMinor: bigint;
  landedMinor: bigint;
  breakdown: StoredBreakdown;
  rates: {
    id: string;
    kind: string;
    rate: string;
    fixedMinor: string | null;
    hsPrefix: string;
    regionCode: string;
    validFrom: string;
  }[];
  fxRate: string | null;
  fxRateDate: string | null;
  computedFor: string;
}

// ─── what repeated product-page estimates share ──────────────────────────────────────────────────────────────

/**
 * A product page estimates on every view. Its country's import-tax and delivery rates are the same for every buyer of
 * that country and day, so the page shares them for a minute per process (an edit shows within a minute); the
 * checkout and quotes read them fresh. A stored estimate never changes (one row per inputs hash), so a page viewed
 * again with the same inputs skips the insert and its read.
 */
const SHARED_RATES_TTL_MS = 60_000;
type CountryRates = { taxes: ImportTaxRateRow[]; delivery: Awaited<ReturnType<typeof deliveryRatesFor>> };
const sharedCountryRates = new LRUCache<string, Promise<CountryRates>>({ max: 500, ttl: SHARED_RATES_TTL_MS });
const storedEstimateIds = new LRUCache<string, string>({ max: 20_000 });

async function countryRates(countryCode: string, day: string, shared: boolean): Promise<CountryRates> {
  const read = async () => {
    const [taxes, delivery] = await Promise.all([importTaxRatesFor(countryCode, day), deliveryRatesFor(countryCode, day)]);
    return { taxes, delivery };
  };
  return shared ? sharedRead(sharedCountryRates, `${countryCode}|${day}`, read) : read();
}

/** Forgets the shared rates (tests; after an edit in this process). */
export function forgetSharedLandedCostRates() {
  sharedCountryRates.clear();
}

/** `total` split in proportion to `weights` (largest remainder: the parts add up exactly). */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, w) => a + w, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const parts = weights.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, p) => a + p, 0n);
  const order = weights.map((w, i) => ({ i, r: (total * w) % sum })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (rest <= 0n) break;
    parts[i]! += 1n;
    rest -= 1n;
  }
  return parts;
}

const toMoney = (fx: RateTable, amountMinor: bigint, from: string, to: string): bigint | null => {
  if (!fx.currencies.has(from) || !fx.currencies.has(to)) return null;
  const converted = fx.convert({ amountMinor, currency: fx.currency(from) }, to);
  return converted ? converted.money.amountMinor : null;
};

interface LandedVariant {
  id: string;
  sku: string;
  grossWeightG: number;
  product: { id: string; hsCode: string; currencyCode: string; moq: number; priceTiers: { minQuantity: number; unitPriceMinor: bigint }[] };
}

/** The variants of published products with what an estimate needs of their product, in one statement. */
async function publishedVariants(variantIds: string[]): Promise<LandedVariant[]> {
  const ids = [...new Set(variantIds)].filter(isUuid);
  if (!ids.length) return [];
  type Raw = Omit<LandedVariant, "product"> & { product: Omit<LandedVariant["product"], "priceTiers"> & { priceTiers: { minQuantity: number; unitPriceMinor: string }[] } };
  const rows = await unscopedDb.$queryRaw<Raw[]>`
    SELECT v."id", v."sku", v."grossWeightG",
      json_build_object('id', p."id", 'hsCode', p."hsCode", 'currencyCode', p."currencyCode", 'moq', p."moq",
        'priceTiers', (SELECT coalesce(json_agg(json_build_object('minQuantity', t."minQuantity", 'unitPriceMinor', t."unitPriceMinor"::text)), '[]')
          FROM "PriceTier" t WHERE t."productId" = p."id")) AS "product"
    FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId"
    WHERE v."id" = ANY (${ids}::uuid[]) AND p."status" = 'PUBLISHED'`;
  return rows.map((v) => ({ ...v, product: { ...v.product, priceTiers: v.product.priceTiers.map((t) => ({ minQuantity: t.minQuantity, unitPriceMinor: BigInt(t.unitPriceMinor) })) } }));
}

/**
 * Estimates and stores the landed cost of `items` (goods from Zhuhai) for a country/state under `incoterm`, on
 * `day` (default today) with the FX table `fx`. Returns why not when the country has no rule or rates, there is no
 * Zhuhai delivery rate for the freight, or no FX rate.
 */
export async function landedCostFor(input: {
  items: readonly LandedItem[];
  countryCode: string | null;
  regionCode: string | null;
  incoterm: Incoterm;
  fx: RateTable;
  day?: string;
  /** Use the rates shared for a minute (the product page); default: read them fresh. */
  sharedRates?: boolean;
}): Promise<LandedOutcome> {
  const { countryCode, incoterm, fx } = input;
  if (!countryCode) return { status: "no_country" };
  const regionCode = input.regionCode || null;
  const day = input.day ?? new Date().toISOString().slice(0, 10);
  const unavailable = (reason: Extract<LandedOutcome, { status: "unavailable" }>["reason"], missing: ImportTaxKindName[] = []): LandedOutcome => ({
    status: "unavailable",
    countryCode,
    regionCode,
    reason,
    missing,
  });
  const rule = COUNTRY_RULES[countryCode];
  if (!rule) return unavailable("no_rates");

  const items = input.items.filter((i) => Number.isSafeInteger(i.quantity) && i.quantity > 0);
  const variants = await publishedVariants(items.map((i) => i.variantId));
  const byId = new Map(variants.map((v) => [v.id, v]));
  const perProduct = new Map<string, number>();
  for (const item of items) {
    const v = byId.get(item.variantId);
    if (v) perProduct.set(v.product.id, (perProduct.get(v.product.id) ?? 0) + item.quantity);
  }
  // Each item priced by its product's tier for the product's whole quantity (at least the MOQ), as the cart does.
  const goods = items.flatMap((item) => {
    const v = byId.get(item.variantId);
    if (!v) return [];
    const tier = priceFor(v.product.priceTiers, Math.max(perProduct.get(v.product.id) ?? 0, v.product.moq)).tier;
    if (!tier) return [];
    return [
      {
        item,
        variant: v,
        currency: v.product.currencyCode.trim(),
        amountMinor: tier.unitPriceMinor * BigInt(item.quantity),
      },
    ];
  });
  if (!goods.length) return unavailable("no_goods");

  const { taxes: rows, delivery: deliveryRates } = await countryRates(countryCode, day, input.sharedRates === true);
  if (!rows.length) return unavailable("no_rates");

  // Freight and destination charges: the Zhuhai CIF and DDP delivery rates on the goods' gross weight.
  const query = { originCode: ZHUHAI_ORIGIN, countryCode, regionCode, day };
  const cifRate = rateInForce(deliveryRates, { ...query, tradeTerm: "CIF" });
  const ddpRate = rateInForce(deliveryRates, { ...query, tradeTerm: "DDP" });
  if (!cifRate) return unavailable("no_freight");
  const weight = grossWeightG(
    goods.map((g) => ({
      quantity: g.item.quantity,
      grossWeightG: g.variant.grossWeightG,
    }))
  );
  const dest = rule.currency;
  const freight = toMoney(fx, deliveryFeeMinor(cifRate, weight), cifRate.currencyCode, dest);
  const ddp = ddpRate ? toMoney(fx, deliveryFeeMinor(ddpRate, weight), ddpRate.currencyCode, dest) : 0n;
  const goodsDest = goods.map((g) => toMoney(fx, g.amountMinor, g.currency, dest));
  if (freight === null || ddp === null || goodsDest.some((g) => g === null)) return unavailable("no_fx");
  const goodsMinor = goodsDest as bigint[];
  // Beyond CIF the DDP delivery rate adds destination handling, brokerage and inland delivery (never negative).
  const destinationCharges = ddp > freight ? ddp - freight : 0n;
  const freightShares = allocate(freight, goodsMinor);
  const destShares = allocate(destinationCharges, goodsMinor);

  const lines: StoredBreakdown["lines"] = [];
  const used = new Map<string, ImportTaxRateRow>();
  const missing = new Set<ImportTaxKindName>();
  const totals = {
    fob: 0n,
    cv: 0n,
    duties: 0n,
    fees: 0n,
    taxes: 0n,
    landed: 0n,
    recoverable: 0n,
  };
  for (const [i, g] of goods.entries()) {
    const inForce = ratesInForce(rows, {
      countryCode,
      regionCode,
      hsCode: g.variant.product.hsCode,
      day,
    });
    const fob = goodsMinor[i]!;
    const carriage = incoterm === "FOB" ? 0n : freightShares[i]!;
    const beyond = incoterm === "DAP" || incoterm === "DDP" ? destShares[i]! : 0n;
    const result = estimateLandedCost({
      countryCode,
      incoterm,
      priceMinor: fob + carriage + beyond,
      freightMinor: freightShares[i]!,
      insuranceMinor: 0n, // Ponte's CIF delivery rate includes the insurance.
      destinationChargesMinor: destShares[i]!,
      itemCategories: 1,
      rates: new Map([...inForce].map(([kind, row]) => [kind, { rate: row.rate, fixedMinor: row.fixedMinor }])),
    });
    if (!result.ok) {
      for (const k of result.missing) missing.add(k);
      continue;
    }
    for (const row of inForce.values()) used.set(row.id, row);
    for (const l of result.lines) {
      lines.push({
        ...l,
        baseMinor: l.baseMinor.toString(),
        amountMinor: l.amountMinor.toString(),
        fixedMinor: l.fixedMinor?.toString() ?? null,
        hsCode: g.variant.product.hsCode,
        sku: g.variant.sku,
      });
    }
    totals.fob += result.fobMinor;
    totals.cv += result.customsValueMinor;
    totals.duties += result.dutiesMinor;
    totals.fees += result.feesMinor;
    totals.taxes += result.taxesMinor;
    totals.landed += result.landedMinor;
    totals.recoverable += result.recoverableMinor;
  }
  if (missing.size) return unavailable("missing_rates", [...missing]);

  // The FX rate stored: 1 unit of the goods' currency in the destination's, with the newest date of the two rates.
  const goodsCurrency = goods[0]!.currency;
  const from = fx.usdRate(goodsCurrency);
  const to = fx.usdRate(dest);
  const fxRate = goodsCurrency === dest ? "1" : from && to ? crossRate(from.rate, to.rate) : null;
  const fxRateDate =
    [from?.effectiveDate, to?.effectiveDate]
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1) ?? null;

  const rates = [...used.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      rate: r.rate,
      fixedMinor: r.fixedMinor?.toString() ?? null,
      hsPrefix: r.hsPrefix,
      regionCode: r.regionCode,
      validFrom: r.validFrom,
    }));
  const breakdown: StoredBreakdown = {
    lines,
    fobMinor: totals.fob.toString(),
    freightMinor: freight.toString(),
    destinationChargesMinor: destinationCharges.toString(),
    recoverableMinor: totals.recoverable.toString(),
    goodsCurrency,
    dutiesPaidBy: incoterm === "DDP" ? "seller" : "buyer",
  };
  const product = goods.length === 1 ? goods[0]!.variant : null;
  const quantity = goods.reduce((a, g) => a + g.item.quantity, 0);
  const inputsHash = createHash("sha256")
    .update(
      JSON.stringify({
        items: goods.map((g) => [g.item.variantId, g.item.quantity, g.amountMinor.toString(), g.currency]),
        countryCode,
        regionCode: regionCode ?? "",
        incoterm,
        day,
        rates: rates.map((r) => r.id),
        fx: [fxRate, fxRateDate],
        freight: [cifRate.id, ddpRate?.id ?? null, weight.toString()],
      })
    )
    .digest("hex");
  const data = {
    inputsHash,
    productId: product?.product.id ?? null,
    variantId: product?.id ?? null,
    quantity,
    countryCode,
    regionCode: regionCode ?? "",
    incoterm,
    currencyCode: dest,
    customsValueMinor: totals.cv,
    dutiesMinor: totals.duties,
    feesMinor: totals.fees,
    taxesMinor: totals.taxes,
    landedMinor: totals.landed,
    breakdown: breakdown as object,
    rates,
    fxRate,
    fxRateDate: fxRateDate ? new Date(`${fxRateDate}T00:00:00Z`) : null,
    computedFor: new Date(`${day}T00:00:00Z`),
  };
  // Same inputs, same rate rows and FX: the same figures, stored once. Two pages racing on the same inputs: the
  // second insert does nothing and both read the one row.
  let estimateId = storedEstimateIds.get(inputsHash);
  if (!estimateId) {
    await unscopedDb.landedCostEstimate.createMany({ data: [data], skipDuplicates: true });
    estimateId = (await unscopedDb.landedCostEstimate.findUniqueOrThrow({ where: { inputsHash }, select: { id: true } })).id;
    storedEstimateIds.set(inputsHash, estimateId);
  }
  return {
    status: "ok",
    estimate: {
      id: estimateId,
      countryCode,
      regionCode: regionCode ?? "",
      incoterm,
      currencyCode: dest,
      customsValueMinor: totals.cv,
      dutiesMinor: totals.duties,
      feesMinor: totals.fees,
      taxesMinor: totals.taxes,
      landedMinor: totals.landed,
      breakdown,
      rates,
      fxRate,
      fxRateDate,
      computedFor: day,
    },
  };
}

// ─── what a buyer reads ──────────────────────────────────────────────────────────────────────────────────────

export interface LandedView {
  status: "ok" | "no_country" | "unavailable";
  /** "Brasil — São Paulo (SP)" */
  destination: string | null;
  incoterm: Incoterm;
  /** Why there is no estimate, in plain words. */
  message: string | null;
  estimateId: string | null;
  lines: {
    key: string;
    label: string;
    base: string | null;
    rate: string;
    amount: string;
    recoverable: boolean;
  }[];
  goods: string | null;
  freight: string | null;
  customsValue: string | null;
  destinationCharges: string | null;
  landed: string | null;
  recoverable: string | null;
  netOfRecoverable: string | null;
  paidBy: string | null;
  /** "Câmbio: 1 USD = 5,3512 BRL (6 de dez. de 2026) · calculada em 6 de dez. de 2026" */
  basis: string | null;
}

/** "5.351200000000" → "5.3512": a stored rate to 4 decimals, half-to-even, exact. */
function fourDecimals(rate: string): string {
  const [whole = "0", fraction = ""] = rate.split(".");
  const scaled = divideHalfEven(BigInt(whole + fraction), 10n ** BigInt(Math.max(0, fraction.length - 4)) || 1n);
  const digits = (fraction.length >= 4 ? scaled : scaled * 10n ** BigInt(4 - fraction.length)).toString().padStart(5, "0");
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

function percentText(rate: string, lang: Lang): string {
  return `${formatNumber(fractionToPercent(rate) as unknown as number, lang, {
    maximumFractionDigits: 4,
  })} %`;
}

export function presentLandedCost(outcome: LandedOutcome, incoterm: Incoterm, lang: Lang, fx: RateTable): LandedView {
  const t = serverT(lang);
  const names = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const place = (country: string, region: string | null) =>
    `${names.of(country) ?? country}${region ? ` — ${regionsOf(country)?.[region] ?? region} (${region})` : ""}`;
  const empty = {
    estimateId: null,
    lines: [],
    goods: null,
    freight: null,
    customsValue: null,
    destinationCharges: null,
    landed: null,
    recoverable: null,
    netOfRecoverable: null,
    paidBy: null,
    basis: null,
  };
  if (outcome.status === "no_country")
    return {
      status: "no_country",
      destination: null,
      incoterm,
      message: t("landed.noCountry"),
      ...empty,
    };
  if (outcome.status === "unavailable") {
    const message =
      outcome.reason === "missing_rates"
        ? t("landed.unavailable.missing_rates", {
            kinds: outcome.missing.map((k) => t(`landed.kinds.${k}`)).join(", "),
          })
        : t(`landed.unavailable.${outcome.reason}`);
    return {
      status: "unavailable",
      destination: place(outcome.countryCode, outcome.regionCode),
      incoterm,
      message,
      ...empty,
    };
  }
  const e = outcome.estimate;
  const currency = fx.currencies.get(e.currencyCode) ?? {
    code: e.currencyCode,
    numericCode: "000",
    exponent: 2,
    displayDigits: 2,
  };
  const money = (minor: bigint | string): string => formatMoney({ amountMinor: BigInt(minor), currency } as Money, lang);
  const several = new Set(e.breakdown.lines.map((l) => l.sku)).size > 1;
  const kindLabel = (kind: string) =>
    t(
      `landed.kinds.${
        e.countryCode === "PE" && kind === "VAT"
          ? "VAT_PE"
          : e.countryCode === "BR" && kind === "DUTY"
          ? "DUTY_BR"
          : e.countryCode === "MX" && kind === "DUTY"
          ? "DUTY_MX"
          : kind
      }`
    );
  const recoverable = BigInt(e.breakdown.recoverableMinor);
  const fxText =
    e.fxRate && e.breakdown.goodsCurrency !== e.currencyCode
      ? t("landed.fx", {
          rate: `1 ${e.breakdown.goodsCurrency} = ${formatNumber(fourDecimals(e.fxRate) as unknown as number, lang, {
            minimumFractionDigits: 2,
            maximumFractionDigits: 4,
          })} ${e.currencyCode}`,
          date: e.fxRateDate
            ? formatDate(`${e.fxRateDate}T12:00:00Z`, lang, {
                dateStyle: "medium",
                timeZone: "UTC",
              })
            : "—",
        })
      : null;
  return {
    status: "ok",
    destination: place(e.countryCode, e.regionCode || null),
    incoterm,
    message: null,
    estimateId: e.id,
    lines: e.breakdown.lines.map((l, i) => ({
      key: `${l.sku}-${l.kind}-${i}`,
      label: several ? `${kindLabel(l.kind)} · ${l.sku}` : kindLabel(l.kind),
      base: l.kind === "LOW_VALUE_ITEM_FEE" ? null : money(l.baseMinor),
      rate: l.rate !== null ? percentText(l.rate, lang) : `${money(l.fixedMinor ?? "0")} × ${formatNumber(l.units ?? 1, lang)}`,
      amount: money(l.amountMinor),
      recoverable: l.recoverable,
    })),
    goods: money(e.breakdown.fobMinor),
    freight: money(e.breakdown.freightMinor),
    customsValue: money(e.customsValueMinor),
    destinationCharges: BigInt(e.breakdown.destinationChargesMinor) > 0n ? money(e.breakdown.destinationChargesMinor) : null,
    landed: money(e.landedMinor),
    recoverable: recoverable > 0n ? money(recoverable) : null,
    netOfRecoverable: money(e.landedMinor - recoverable),
    paidBy: t(`landed.paidBy.${e.breakdown.dutiesPaidBy}`),
    basis: [
      fxText,
      t("landed.computedFor", {
        date: formatDate(`${e.computedFor}T12:00:00Z`, lang, {
          dateStyle: "medium",
          timeZone: "UTC",
        }),
      }),
    ]
      .filter(Boolean)
      .join(" · "),
  };
}

/** `?incoterm=` read leniently: one of DDP, DAP, CIF, FOB (any case), else DDP — landed at the buyer's door. */
export function readIncoterm(raw: string | null | undefined): Incoterm {
  const value = (raw ?? "").trim().toUpperCase();
  return (INCOTERMS as readonly string[]).includes(value) ? (value as Incoterm) : "DDP";
}

/**
 * The product page's estimate: the page's first variant at the quantity it prices, for the buyer's country and state
 * (the buyer company's, else the "buying for" preference), under the Incoterm chosen on the page.
 */
export async function productLandedCost(input: {
  variantId: string | null;
  quantity: number;
  buyer: { countryCode: string | null; regionCode: string | null };
  incoterm: string | null;
  fx: RateTable;
  lang: Lang;
}): Promise<LandedView> {
  const incoterm = readIncoterm(input.incoterm);
  const outcome: LandedOutcome = input.variantId
    ? await landedCostFor({
        items: [{ variantId: input.variantId, quantity: input.quantity }],
        countryCode: input.buyer.countryCode,
        regionCode: input.buyer.regionCode,
        incoterm,
        fx: input.fx,
        sharedRates: true,
      })
    : input.buyer.countryCode
    ? { status: "unavailable", countryCode: input.buyer.countryCode, regionCode: input.buyer.regionCode, reason: "no_goods", missing: [] }
    : { status: "no_country" };
  return presentLandedCost(outcome, incoterm, input.lang, input.fx);
}

export interface CheckoutLanded {
  groupKey: string;
  manufacturerName: string;
  source: "warehouse" | "origin";
  /** Per term the buyer may choose for a Zhuhai order (FOB, CIF, DDP); empty for warehouse stock (already imported). */
  terms: Partial<Record<Incoterm, LandedView>>;
}

/**
 * The checkout's estimates, one per order (a manufacturer × source group of the cart): a Zhuhai order gets one per
 * term the buyer may pick, each stored; warehouse stock was imported when it arrived, so it has none.
 */
export async function checkoutLandedCosts(input: {
  groups: readonly { key: string; manufacturerName: string; source: "warehouse" | "origin"; rows: readonly { lineId: string; partQuantity: number }[] }[];
  lines: readonly { id: string; variantId: string }[];
  location: { countryCode: string; regionCode: string | null };
  terms: readonly Incoterm[];
  fx: RateTable;
  lang: Lang;
}): Promise<CheckoutLanded[]> {
  const variantOf = new Map(input.lines.map((l) => [l.id, l.variantId]));
  const result: CheckoutLanded[] = [];
  for (const group of input.groups) {
    const entry: CheckoutLanded = { groupKey: group.key, manufacturerName: group.manufacturerName, source: group.source, terms: {} };
    if (group.source === "origin") {
      const items = group.rows.flatMap((r) => {
        const variantId = variantOf.get(r.lineId);
        return variantId && r.partQuantity > 0 ? [{ variantId, quantity: r.partQuantity }] : [];
      });
      for (const term of input.terms) {
        const outcome = await landedCostFor({
          items,
          countryCode: input.location.countryCode,
          regionCode: input.location.regionCode,
          incoterm: term,
          fx: input.fx,
        });
        entry.terms[term] = presentLandedCost(outcome, term, input.lang, input.fx);
      }
    }
    result.push(entry);
  }
  return result;
}
