import type { UnitOfSale } from "~/generated/prisma/enums";
import type { CardAvailability } from "~/modules/inventory/availability.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import type { CurrencyInfo } from "~/modules/money/currencies";
import type { RateTable } from "~/modules/money/fx.server";
import { formatMoney, type Money } from "~/modules/money/money";
import { imageUrl } from "./images.server";
import type { ListingRow } from "./listing.server";

// ─── what a product card shows ───────────────────────────────────────────────────────────────────────────────

/**
 * What a card shows, and nothing else: the listing sends 24 of these in its hydration data (the home page and the
 * showroom storefronts their own), so every field is paid for in bytes and in serialization on every page. Fields a
 * card does not show are left out, not sent as null.
 */
export interface ProductCard {
  /** The page is derived from it (productPath). */
  slug: string;
  /** Never empty: the buyer's language, else the manufacturer's source language, else any. */
  name: string;
  nameLang: Lang;
  /** "fallback": not translated into the buyer's language (shown in nameLang); "machine": machine-translated. */
  nameNote?: "fallback" | "machine";
  /** The manufacturer's language, which a machine translation names. */
  sourceLang?: Lang;
  /** The first image's 480 px rendition (`…/w480.webp`; the card derives the 160 px one for narrow cards). */
  image?: { src: string };
  maker: { name: string; verified: boolean };
  /** "from" price in the buyer's currency (null when no rate converts it; then only the original is shown). */
  priceFrom: string | null;
  /** The same price as the manufacturer quotes it, e.g. "US$ 12.50", with its Incoterm: only when it says something
   * the first does not (another currency, or no converted price). */
  priceOriginal?: string;
  incoterm?: string;
  moq: number;
  moqFormatted: string;
  unit: UnitOfSale;
  /** The production time: only when the card shows it (no availability line, or stock elsewhere). */
  leadTimeDays?: number;
  leadTimeFormatted?: string;
  /** Where the MOQ would ship from for the buyer (inventory's cardAvailability). */
  availability?: CardAvailability;
}

export function presentCard(row: ListingRow, lang: Lang, buyer: CurrencyInfo, rates: RateTable, availability: CardAvailability | null = null): ProductCard {
  const sourceLang: Lang = isLang(row.sourceLocale) ? row.sourceLocale : "zh";
  const nameLang: Lang = isLang(row.nameLocale) ? row.nameLocale : sourceLang;
  const nameNote = !row.name || nameLang !== lang ? "fallback" : row.nameSource === "MACHINE" && sourceLang !== lang ? "machine" : null;
  let priceFrom: string | null = null;
  let priceOriginal: string | null = null;
  const code = row.currencyCode.trim();
  if (row.minUnitPriceMinor !== null && rates.currencies.has(code)) {
    const original: Money = { amountMinor: row.minUnitPriceMinor, currency: rates.currency(code) };
    const inBuyer = rates.convert(original, buyer.code);
    if (inBuyer) priceFrom = formatMoney(inBuyer.money, lang);
    if (!inBuyer || code !== buyer.code) priceOriginal = formatMoney(original, lang);
  }
  const card: ProductCard = {
    slug: row.slug,
    name: row.name?.trim() || row.slug.replace(/-/g, " "),
    nameLang,
    maker: { name: row.makerName, verified: row.makerVerification === "VERIFIED" },
    priceFrom,
    moq: row.moq,
    moqFormatted: formatNumber(row.moq, lang),
    unit: row.unitOfSale,
  };
  if (nameNote) card.nameNote = nameNote;
  if (nameNote === "machine") card.sourceLang = sourceLang;
  // The picture is decorative on the card (alt=""): the name next to it says what it shows.
  if (row.imageKey) card.image = { src: imageUrl(row.imageKey, 480) };
  if (priceOriginal) {
    card.priceOriginal = priceOriginal;
    card.incoterm = row.incoterm;
  }
  // With a delivery location the availability line already says how long; the production time alone would contradict it.
  if (!availability || availability.tone === "elsewhere") {
    card.leadTimeDays = row.leadTimeDays;
    card.leadTimeFormatted = formatNumber(row.leadTimeDays, lang);
  }
  if (availability) card.availability = availability;
  return card;
}
