import { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, numberFormat } from "~/modules/i18n/format";
import { isValidHsCode } from "./validators";
import { compareRates } from "./rebate";
import { fractionToPercent, inForce, percentToFraction, SEED_AGENCY_FEE, seededRebateRates } from "./money-rates";

/**
 * The export agency's dated reference rates: VAT rebate rates per 10-digit China code and the agency's fee. Shared
 * reference data (not tenant-owned): read by the estimates and settlements, added on the platform's page. A change
 * is a new row from a later date; rows are never edited in place, so what an estimate used stays in the history.
 */

type Client = Pick<Prisma.TransactionClient, "vatRebateRate" | "agencyFeeRate">;

const day = (d: Date) => d.toISOString().slice(0, 10);
const dateOf = (s: string) => new Date(`${s}T00:00:00Z`);

export interface RebateRateRow {
  id: string;
  hsCode: string;
  rebateRate: string;
  vatRate: string;
  validFrom: string;
  note: string;
}

export interface FeeRateRow {
  id: string;
  rate: string;
  settlementDays: number;
  validFrom: string;
}

/** For each code, the rebate row in force on `on` (YYYY-MM-DD): the latest validFrom on or before it. */
export async function rebateRatesInForce(client: Client, hsCodes: readonly string[], on: string): Promise<Map<string, RebateRateRow>> {
  const rows = await client.vatRebateRate.findMany({ where: { hsCode: { in: [...new Set(hsCodes)] }, validFrom: { lte: dateOf(on) } } });
  const byCode = new Map<string, RebateRateRow[]>();
  for (const r of rows) {
    const list = byCode.get(r.hsCode) ?? [];
    list.push({ id: r.id, hsCode: r.hsCode, rebateRate: r.rebateRate.toString(), vatRate: r.vatRate.toString(), validFrom: day(r.validFrom), note: r.note });
    byCode.set(r.hsCode, list);
  }
  const result = new Map<string, RebateRateRow>();
  for (const [code, list] of byCode) {
    const row = inForce(list, on);
    if (row) result.set(code, row);
  }
  return result;
}

/** The agency's fee row in force on `on`, or null when none is. */
export async function agencyFeeInForce(client: Client, on: string): Promise<FeeRateRow | null> {
  const row = await client.agencyFeeRate.findFirst({ where: { validFrom: { lte: dateOf(on) } }, orderBy: { validFrom: "desc" } });
  return row ? { id: row.id, rate: row.rate.toString(), settlementDays: row.settlementDays, validFrom: day(row.validFrom) } : null;
}

export type MoneyRateErrorCode = "hs_code" | "rate" | "rebate_above_vat" | "days" | "date" | "duplicate";

export class MoneyRateError extends Error {
  constructor(
    readonly code: MoneyRateErrorCode,
    readonly field: string,
  ) {
    super(code);
    this.name = "MoneyRateError";
  }
}

function readDate(text: string, field: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || day(date) !== text.trim() || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) throw new MoneyRateError("date", field);
  return date;
}

function readPercent(text: string, field: string): string {
  const fraction = percentToFraction(text);
  if (fraction === null) throw new MoneyRateError("rate", field);
  return fraction;
}

function isDuplicate(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Adds a dated rebate rate (percentages as typed: "13", "9", "6.5"). */
export async function addRebateRate(input: { hsCode: string; rebatePercent: string; vatPercent: string; validFrom: string; note: string }, createdById: string) {
  const hsCode = input.hsCode.normalize("NFKC").replace(/[\s.]/g, "");
  if (hsCode.length !== 10 || !isValidHsCode(hsCode)) throw new MoneyRateError("hs_code", "hsCode");
  const rebateRate = readPercent(input.rebatePercent, "rebatePercent");
  const vatRate = readPercent(input.vatPercent, "vatPercent");
  if (compareRates(rebateRate, vatRate) > 0) throw new MoneyRateError("rebate_above_vat", "rebatePercent");
  const validFrom = readDate(input.validFrom, "validFrom");
  try {
    return await unscopedDb.vatRebateRate.create({ data: { hsCode, rebateRate, vatRate, validFrom, note: input.note.trim(), createdById }, select: { id: true } });
  } catch (error) {
    if (isDuplicate(error)) throw new MoneyRateError("duplicate", "validFrom");
    throw error;
  }
}

/** Adds a dated agency fee (percentage as typed) and the days until the manufacturer is paid. */
export async function addAgencyFeeRate(input: { feePercent: string; settlementDays: string; validFrom: string }, createdById: string) {
  const rate = readPercent(input.feePercent, "feePercent");
  const days = /^\d{1,3}$/.test(input.settlementDays.trim()) ? Number(input.settlementDays.trim()) : NaN;
  if (!Number.isInteger(days) || days > 120) throw new MoneyRateError("days", "settlementDays");
  const validFrom = readDate(input.validFrom, "feeValidFrom");
  try {
    return await unscopedDb.agencyFeeRate.create({ data: { rate, settlementDays: days, validFrom, createdById }, select: { id: true } });
  } catch (error) {
    if (isDuplicate(error)) throw new MoneyRateError("duplicate", "feeValidFrom");
    throw error;
  }
}

/** The platform page's lists: every rebate row (optionally of one code), the fee rows; which ones are in force today. */
export async function presentMoneyRates(lang: Lang, filter: { hsCode?: string }, today = new Date()) {
  const on = day(today);
  const rows = await unscopedDb.vatRebateRate.findMany({ where: filter.hsCode ? { hsCode: { startsWith: filter.hsCode } } : {}, orderBy: [{ hsCode: "asc" }, { validFrom: "desc" }], take: 1000 });
  const values: RebateRateRow[] = rows.map((r) => ({ id: r.id, hsCode: r.hsCode, rebateRate: r.rebateRate.toString(), vatRate: r.vatRate.toString(), validFrom: day(r.validFrom), note: r.note }));
  const current = new Set<string>();
  for (const code of new Set(values.map((v) => v.hsCode))) {
    const row = inForce(
      values.filter((v) => v.hsCode === code),
      on,
    );
    if (row) current.add(row.id);
  }
  const fees = await unscopedDb.agencyFeeRate.findMany({ orderBy: { validFrom: "desc" }, take: 200 });
  const feeValues: FeeRateRow[] = fees.map((f) => ({ id: f.id, rate: f.rate.toString(), settlementDays: f.settlementDays, validFrom: day(f.validFrom) }));
  const feeNow = inForce(feeValues, on);
  const percent = (fraction: string) => numberFormat(LOCALE_TAGS[lang], { maximumFractionDigits: 4 }).format(fractionToPercent(fraction) as unknown as number);
  const shown = (d: string) => formatDate(`${d}T12:00:00Z`, lang, { dateStyle: "medium", timeZone: "UTC" });
  return {
    today: on,
    rebates: values.map((v) => ({
      id: v.id,
      hsCode: v.hsCode,
      rebatePercent: percent(v.rebateRate),
      vatPercent: percent(v.vatRate),
      validFrom: shown(v.validFrom),
      note: v.note,
      current: current.has(v.id),
    })),
    fees: feeValues.map((f) => ({ id: f.id, feePercent: percent(f.rate), settlementDays: f.settlementDays, validFrom: shown(f.validFrom), current: f.id === feeNow?.id })),
  };
}

/** Reference rows every deployment starts with (missing ones only; the platform's later rows are kept). */
export async function seedExportMoneyRates(client: Client = unscopedDb) {
  await client.vatRebateRate.createMany({
    data: seededRebateRates().map((r) => ({ ...r, validFrom: dateOf(r.validFrom) })),
    skipDuplicates: true,
  });
  if ((await client.agencyFeeRate.count()) === 0) {
    await client.agencyFeeRate.createMany({ data: [{ rate: SEED_AGENCY_FEE.rate, settlementDays: SEED_AGENCY_FEE.settlementDays, validFrom: dateOf(SEED_AGENCY_FEE.validFrom) }], skipDuplicates: true });
  }
}
