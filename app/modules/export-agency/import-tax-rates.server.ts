import { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { regionsOf } from "~/modules/inventory/reference-data";
import { CURRENCIES } from "~/modules/money/currencies";
import { formatMoney, parseAmount } from "~/modules/money/money";
import { COUNTRY_RULES, IMPORT_TAX_KINDS, ratesInForce, type ImportTaxKindName, type ImportTaxRateValue } from "./landed-cost";
import { fractionToPercent, percentToFraction } from "./money-rates";

/**
 * Destination import duties, taxes and fees (the `ImportTaxRate` reference table): read for a country on a day,
 * listed and added on the platform's page (/{lang}/platform/import-tax-rates), seeded for the demo. Not
 * tenant-owned: every buyer reads the same rates; only PLATFORM members write them (the route's gate). A change is
 * a new row from a later day; rows are never edited in place, so an estimate's rates stay readable.
 */

type Reader = {
  importTaxRate: Pick<typeof unscopedDb.importTaxRate, "findMany">;
};

const SELECT = {
  id: true,
  countryCode: true,
  regionCode: true,
  hsPrefix: true,
  kind: true,
  rate: true,
  fixedMinor: true,
  currencyCode: true,
  validFrom: true,
  note: true,
} as const;
type Row = Prisma.ImportTaxRateGetPayload<{ select: typeof SELECT }>;

export type ImportTaxRateRow = ImportTaxRateValue & { note: string };

/** "0.180000" → "0.18": the stored decimal, without trailing zeros (exact). */
export function plainRate(decimal: { toString(): string } | string): string {
  const text = decimal.toString();
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

function toValue(row: Row): ImportTaxRateRow {
  return {
    id: row.id,
    countryCode: row.countryCode.trim(),
    regionCode: row.regionCode,
    hsPrefix: row.hsPrefix,
    kind: row.kind,
    rate: plainRate(row.rate),
    fixedMinor: row.fixedMinor,
    currencyCode: row.currencyCode?.trim() ?? null,
    validFrom: row.validFrom.toISOString().slice(0, 10),
    note: row.note,
  };
}

/** The rows of one country that may be in force on `day` (YYYY-MM-DD) or earlier. */
export async function importTaxRatesFor(countryCode: string, day: string, client: Reader = unscopedDb): Promise<ImportTaxRateRow[]> {
  const rows = await client.importTaxRate.findMany({
    where: { countryCode, validFrom: { lte: new Date(`${day}T00:00:00Z`) } },
    select: SELECT,
  });
  return rows.map(toValue);
}

// ─── the platform's page ─────────────────────────────────────────────────────────────────────────────────────

export type ImportTaxRateErrorCode = "country" | "region" | "hs_prefix" | "kind" | "rate" | "fixed" | "date" | "duplicate";

export class ImportTaxRateError extends Error {
  constructor(readonly code: ImportTaxRateErrorCode, readonly field: string) {
    super(code);
    this.name = "ImportTaxRateError";
  }
}

export interface NewImportTaxRate {
  countryCode: string;
  regionCode: string;
  hsPrefix: string;
  kind: string;
  /** A percentage as typed ("18", "2,1", "0.8"); "" for a fixed amount only. */
  ratePercent: string;
  /** A fixed amount in the country's currency (the EU's €3 per item category); "" when none. */
  fixedAmount: string;
  /** YYYY-MM-DD */
  validFrom: string;
  note: string;
}

/** The countries Ponte estimates for (those with a landed-cost rule). */
export const RATE_COUNTRIES = Object.keys(COUNTRY_RULES);

function readDay(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text.trim() || day.getUTCFullYear() < 2000 || day.getUTCFullYear() > 2100)
    throw new ImportTaxRateError("date", "validFrom");
  return day;
}

/**
 * Adds a dated row. Refused, with the field at fault: a country without a landed-cost rule, an unknown state, an HS
 * prefix that is not 0–6 digits, an unknown kind, a rate that is not a percentage in [0, 100), a fixed amount that is
 * not an amount in the country's currency (only for the low-value item fee), a bad date, or a second row for the same
 * country, state, prefix, kind and date.
 */
export async function addImportTaxRate(input: NewImportTaxRate, createdById: string): Promise<{ id: string }> {
  const countryCode = input.countryCode.trim().toUpperCase();
  const rule = COUNTRY_RULES[countryCode];
  if (!rule) throw new ImportTaxRateError("country", "countryCode");
  const regionCode = input.regionCode.normalize("NFKC").trim().toUpperCase();
  if (regionCode && !Object.hasOwn(regionsOf(countryCode) ?? {}, regionCode)) throw new ImportTaxRateError("region", "regionCode");
  const hsPrefix = input.hsPrefix.normalize("NFKC").replace(/[\s.]/g, "");
  if (!/^\d{0,6}$/.test(hsPrefix) || hsPrefix.length === 1) throw new ImportTaxRateError("hs_prefix", "hsPrefix");
  if (!(IMPORT_TAX_KINDS as readonly string[]).includes(input.kind)) throw new ImportTaxRateError("kind", "kind");
  const kind = input.kind as ImportTaxKindName;
  let fixedMinor: bigint | null = null;
  let rate = "0";
  if (kind === "LOW_VALUE_ITEM_FEE") {
    const currency = CURRENCIES.find((c) => c.code === rule.currency)!;
    const parsed = parseAmount(input.fixedAmount, currency.exponent);
    if (!parsed.ok || parsed.minor <= 0n) throw new ImportTaxRateError("fixed", "fixedAmount");
    fixedMinor = parsed.minor;
  } else {
    const fraction = percentToFraction(input.ratePercent);
    if (fraction === null) throw new ImportTaxRateError("rate", "ratePercent");
    rate = fraction;
  }
  const validFrom = readDay(input.validFrom);
  try {
    return await unscopedDb.importTaxRate.create({
      data: {
        countryCode,
        regionCode,
        hsPrefix,
        kind,
        rate,
        fixedMinor,
        currencyCode: fixedMinor === null ? null : rule.currency,
        validFrom,
        note: input.note.trim().slice(0, 500),
        createdById,
      },
      select: { id: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ImportTaxRateError("duplicate", "validFrom");
    throw error;
  }
}

/** The rows for the platform's page, filtered by country, newest first per (state, prefix, kind), in force marked. */
export async function presentImportTaxRates(lang: Lang, filter: { country?: string }, today = new Date()) {
  const t = serverT(lang);
  const rows = (
    await unscopedDb.importTaxRate.findMany({
      where: filter.country ? { countryCode: filter.country } : {},
      select: SELECT,
      orderBy: [{ countryCode: "asc" }, { regionCode: "asc" }, { kind: "asc" }, { hsPrefix: "asc" }, { validFrom: "desc" }],
      take: 1000,
    })
  ).map(toValue);
  const day = today.toISOString().slice(0, 10);
  // A row is current when it is the one in force for its own place and prefix (as a product with exactly that prefix).
  const current = new Set<string>();
  for (const row of rows) {
    const chosen = ratesInForce(
      rows.filter((r) => r.countryCode === row.countryCode && r.kind === row.kind && r.regionCode === row.regionCode && r.hsPrefix === row.hsPrefix),
      {
        countryCode: row.countryCode,
        regionCode: row.regionCode,
        hsCode: row.hsPrefix,
        day,
      }
    ).get(row.kind);
    if (chosen) current.add(chosen.id);
  }
  const names = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  return {
    total: rows.length,
    rows: rows.map((r) => ({
      id: r.id,
      country: `${names.of(r.countryCode) ?? r.countryCode}${
        r.regionCode ? ` — ${regionsOf(r.countryCode)?.[r.regionCode] ?? r.regionCode} (${r.regionCode})` : ""
      }`,
      hsPrefix: r.hsPrefix || t("landed.rates.allCodes"),
      kind: t(`landed.kinds.${r.countryCode === "PE" && r.kind === "VAT" ? "VAT_PE" : r.kind}`),
      value:
        r.fixedMinor !== null
          ? formatMoney(
              {
                amountMinor: r.fixedMinor,
                currency: CURRENCIES.find((c) => c.code === r.currencyCode) ?? CURRENCIES.find((c) => c.code === "EUR")!,
              },
              lang
            )
          : `${formatNumber(fractionToPercent(r.rate) as unknown as number, lang, { maximumFractionDigits: 4 })} %`,
      validFrom: formatDate(`${r.validFrom}T12:00:00Z`, lang, {
        dateStyle: "medium",
        timeZone: "UTC",
      }),
      note: r.note,
      current: current.has(r.id),
    })),
    countries: RATE_COUNTRIES.map((c) => ({
      value: c,
      label: names.of(c) ?? c,
    })).sort((a, b) => a.label.localeCompare(b.label, LOCALE_TAGS[lang])),
    kinds: IMPORT_TAX_KINDS.map((k) => ({
      value: k,
      label: t(`landed.kinds.${k}`),
    })),
    countLabel: t("landed.rates.count", {
      count: rows.length,
      n: formatNumber(rows.length, lang),
    }),
  };
}

// ─── demo / reference seed ───────────────────────────────────────────────────────────────────────────────────

const EDITABLE = "Editable reference data.";

interface SeedRate {
  countryCode: string;
  regionCode?: string;
  hsPrefix?: string;
  kind: ImportTaxKindName;
  rate?: string;
  fixedMinor?: bigint;
  currencyCode?: string;
  validFrom?: string;
  note: string;
}

/**
 * The seeded rates (export-domain.md §5). A note says "(to verify)" where the reference marks a fact ❓ and "(one
 * source)" where it marks it ⚠️; the others were seen in the source the reference cites. Where a
 * product-level tariff rate was not verified the country-wide row is a placeholder said to be one; the platform
 * adds a row per HS prefix (the longest prefix wins) as rates are confirmed.
 */
export const SEEDED_IMPORT_TAX_RATES: readonly SeedRate[] = (
  [
    // Brazil (§5.1). II and IPI depend on the NCM: the country rows are the reference's worked-example rates.
    {
      countryCode: "BR",
      kind: "DUTY",
      rate: "0.16",
      note: "II (TEC) placeholder (to verify): the reference's worked-example rate; set the NCM's rate per HS prefix.",
    },
    {
      countryCode: "BR",
      kind: "IPI",
      rate: "0.10",
      note: "IPI (TIPI) placeholder (to verify): the reference's worked-example rate; set per HS prefix.",
    },
    {
      countryCode: "BR",
      kind: "PIS",
      rate: "0.021",
      note: "PIS-Importação 2.1% on the customs value (§5.1).",
    },
    {
      countryCode: "BR",
      kind: "COFINS",
      rate: "0.0965",
      note: "COFINS-Importação 9.65% on the customs value (§5.1).",
    },
    {
      countryCode: "BR",
      regionCode: "SP",
      kind: "ICMS",
      rate: "0.18",
      note: "São Paulo internal ICMS rate 18%, charged por dentro on imports (§5.1). Other states: add their row once verified.",
    },
    // Mexico (§5.2).
    {
      countryCode: "MX",
      kind: "DUTY",
      rate: "0.15",
      note: "IGI placeholder (to verify): the 2026 non-FTA rates for China range 5–50% by TIGIE fraction (DOF 2025-12-29); set the fraction's rate per HS prefix.",
    },
    {
      countryCode: "MX",
      kind: "DTA",
      rate: "0.008",
      note: "DTA 8 per thousand of the customs value (§5.2).",
    },
    {
      countryCode: "MX",
      kind: "VAT",
      rate: "0.16",
      note: "IVA 16% on CV + IGI + DTA (§5.2); creditable.",
    },
    // Portugal / EU (§5.3): conventional duties of the EU Common Customs Tariff per subheading (to verify in TARIC).
    {
      countryCode: "PT",
      kind: "DUTY",
      rate: "0.027",
      note: "EU duty placeholder, 2.7% as in the reference's example (to verify); per-subheading rows below.",
    },
    ...(
      [
        ["841510", "0.027", "air conditioners"],
        ["851671", "0.027", "coffee makers"],
        ["851679", "0.027", "electrothermic appliances"],
        ["851660", "0.027", "ovens, incl. air fryers"],
        ["851610", "0.027", "water heaters"],
        ["850940", "0.022", "food mixers and blenders"],
        ["850811", "0.022", "vacuum cleaners"],
        ["8517", "0", "telephones and network equipment (ITA)"],
        ["844399", "0", "printer parts and cartridges (ITA)"],
        ["910211", "0.045", "electric wrist-watches"],
        ["910212", "0.045", "electric wrist-watches"],
        ["848180", "0.022", "taps and valves"],
        ["940542", "0.047", "LED luminaires"],
      ] as const
    ).map(
      ([hsPrefix, rate, what]): SeedRate => ({
        countryCode: "PT",
        hsPrefix,
        kind: "DUTY",
        rate,
        note: `EU CCT conventional duty, ${what} (to verify in TARIC).`,
      })
    ),
    {
      countryCode: "PT",
      kind: "VAT",
      rate: "0.23",
      note: "IVA mainland 23% on CV + duty + costs to the first place of destination (§5.3).",
    },
    {
      countryCode: "PT",
      kind: "LOW_VALUE_ITEM_FEE",
      fixedMinor: 300n,
      currencyCode: "EUR",
      validFrom: "2026-07-01",
      note: "€3 per item category (6-digit subheading) in parcels under €150, from 2026-07-01 (§5.3).",
    },
    // Angola (§5.4).
    {
      countryCode: "AO",
      kind: "DUTY",
      rate: "0.20",
      note: "Pauta 2024 ad valorem placeholder, 2–50% by code (to verify); set per HS prefix.",
    },
    {
      countryCode: "AO",
      kind: "CUSTOMS_FEE",
      rate: "0.02",
      note: "General customs fee 2% of CIF (trade.gov, §5.4).",
    },
    {
      countryCode: "AO",
      kind: "STAMP_DUTY",
      rate: "0.01",
      note: "Stamp duty 1% (trade.gov, §5.4).",
    },
    {
      countryCode: "AO",
      kind: "VAT",
      rate: "0.14",
      note: "IVA 14% (Lei 7/19); base CV + duty + fees (to verify).",
    },
    // Mozambique (§5.4).
    {
      countryCode: "MZ",
      kind: "DUTY",
      rate: "0.20",
      note: "Consumer goods 20% (goodhopefreight, §5.4); capital goods 5%, raw materials 2.5%: add per HS prefix.",
    },
    {
      countryCode: "MZ",
      kind: "SERVICE_FEE",
      rate: "0.01",
      note: "Customs service fee 1% (one source, §5.4).",
    },
    {
      countryCode: "MZ",
      kind: "VAT",
      rate: "0.16",
      note: "IVA 16% since 2023-01-01 (Law 22/2022); base CV + duty + fee (to verify).",
    },
    // Chile, Colombia, Peru: background knowledge, to verify.
    {
      countryCode: "CL",
      kind: "DUTY",
      rate: "0.06",
      note: "General ad valorem duty 6% (to verify); the China–Chile FTA rate (0% for most goods, with a Form F certificate of origin) is not applied by the estimate.",
    },
    {
      countryCode: "CL",
      kind: "VAT",
      rate: "0.19",
      note: "IVA 19% on CIF + duty (to verify).",
    },
    {
      countryCode: "CO",
      kind: "DUTY",
      rate: "0.10",
      note: "Arancel placeholder, 0–20% by code (to verify); set per HS prefix.",
    },
    {
      countryCode: "CO",
      kind: "VAT",
      rate: "0.19",
      note: "IVA 19% on CIF + arancel (to verify).",
    },
    {
      countryCode: "PE",
      kind: "DUTY",
      rate: "0.06",
      note: "Ad valorem placeholder, 0%, 6% or 11% by code (to verify); the China–Peru FTA rate is not applied by the estimate.",
    },
    {
      countryCode: "PE",
      kind: "VAT",
      rate: "0.18",
      note: "IGV 16% + IPM 2% on CIF + duty, one row (to verify).",
    },
  ] as SeedRate[]
).map((r) => ({ ...r, note: `${r.note} ${EDITABLE}` }));

/** The day the seeded rates apply from, unless a row says otherwise. */
export const IMPORT_TAX_RATES_VALID_FROM = "2026-01-01";

/** Adds the seeded rows that are missing (same country, state, prefix, kind and date); rows added since stay. */
export async function seedImportTaxRates(
  client: {
    importTaxRate: Pick<typeof unscopedDb.importTaxRate, "createMany">;
  } = unscopedDb
) {
  await client.importTaxRate.createMany({
    data: SEEDED_IMPORT_TAX_RATES.map((r) => ({
      countryCode: r.countryCode,
      regionCode: r.regionCode ?? "",
      hsPrefix: r.hsPrefix ?? "",
      kind: r.kind,
      rate: r.rate ?? "0",
      fixedMinor: r.fixedMinor ?? null,
      currencyCode: r.currencyCode ?? null,
      validFrom: new Date(`${r.validFrom ?? IMPORT_TAX_RATES_VALID_FROM}T00:00:00Z`),
      note: r.note,
    })),
    skipDuplicates: true,
  });
}
