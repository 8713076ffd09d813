import type { Prisma, RebateMethod } from "~/generated/prisma/client";
import { ratesAsOf } from "~/modules/money/fx.server";
import { monthOf } from "./money-rates";
import { rebateRatesInForce } from "./money-rates.server";
import { crossRate, vatRebate } from "./rebate";

/**
 * The VAT rebate estimate of one declaration (RebateEstimate), recomputed whenever the declarations module moves a
 * declaration to validated, submitted, released or cleared:
 * - FOB is the sum of the declaration's line totals, in the declaration's currency. Ponte's line prices are the goods
 *   at Zhuhai; freight and insurance are never inside them (they are the declaration's own freight/insurance fields
 *   and the order's delivery fee), so for CIF and DDP orders as for FOB ones, FOB = the goods value.
 * - The export date is the day customs released the goods (the 报关单's export date), else the day it cleared, else
 *   the day it was submitted, else `now` (a validated declaration: the expected export day). Rates in force on that
 *   day: each code's VatRebateRate with the latest validFrom ≤ the day; the dated FX table's CNY rate (a cross rate
 *   through USD, stored to 12 places and used exactly as stored).
 * - Per line (each line has its own 10-digit code and rate), each figure rounded half-even once; the estimate is the
 *   sum. A line whose code has no rate in force counts no rebate and is marked `missingRate` for the agent to add it.
 * - The manufacturer's method (Organization.rebateMethod): 免抵退 estimates the ceiling on FOB; 免退 (a trader) is
 *   refunded on its purchase invoices' taxable amount, which Ponte does not record, so its estimate is shown on FOB
 *   with `fobStandsInForInvoice`: an upper figure, said so on the page.
 */

export type RebateTx = Prisma.TransactionClient;

export const ESTIMATED_STATUSES = ["VALIDATED", "SUBMITTED", "RELEASED", "CLEARED"] as const;

export interface EstimateLine {
  position: number;
  hsCode: string;
  totalMinor: string;
  rebateRate: string | null;
  vatRate: string | null;
  validFrom: string | null;
  missingRate: boolean;
  /** 免退 only: the purchase invoice's amount is not recorded, so FOB stood in for it. */
  fobStandsInForInvoice: boolean;
  fobCnyMinor: string;
  rebateMinor: string;
  nonCreditableMinor: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The day the estimate's rates are read for (see above). */
export function exportDayOf(declaration: { releasedAt: Date | null; clearedAt: Date | null; submittedAt: Date | null }, now: Date): string {
  return iso(declaration.releasedAt ?? declaration.clearedAt ?? declaration.submittedAt ?? now);
}

/**
 * Computes and upserts the declaration's estimate; a draft or rejected declaration has none (any old one is removed).
 * Returns the estimate's id, or null. Run it inside the transaction that changes the declaration's status.
 */
export async function refreshRebateEstimate(tx: RebateTx, declarationId: string, now: Date = new Date()): Promise<string | null> {
  const declaration = await tx.exportDeclaration.findUnique({
    where: { id: declarationId },
    select: {
      id: true,
      organizationId: true,
      status: true,
      currencyCode: true,
      releasedAt: true,
      clearedAt: true,
      submittedAt: true,
      lines: { select: { position: true, hsCode: true, totalMinor: true }, orderBy: { position: "asc" } },
    },
  });
  if (!declaration) return null;
  if (!(ESTIMATED_STATUSES as readonly string[]).includes(declaration.status)) {
    await tx.rebateEstimate.deleteMany({ where: { declarationId, organizationId: declaration.organizationId } });
    return null;
  }
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: declaration.organizationId }, select: { rebateMethod: true } });
  const method: RebateMethod = organization.rebateMethod;
  const day = exportDayOf(declaration, now);
  const currencyCode = declaration.currencyCode.trim();

  const fx = await ratesAsOf(new Date(`${day}T00:00:00Z`), tx);
  const currency = fx.currency(currencyCode);
  let cnyPerUnit = "1";
  let fxRateDate = day;
  if (currencyCode !== "CNY") {
    const cny = fx.usdRate("CNY");
    const source = fx.usdRate(currencyCode);
    if (!cny || !source) throw new Error(`No FX rate for ${currencyCode} or CNY on or before ${day}`);
    cnyPerUnit = crossRate(cny.rate, source.rate);
    // The older of the two rates' dates is the one the conversion rests on.
    fxRateDate = [cny.effectiveDate, source.effectiveDate].filter((d): d is string => Boolean(d)).sort()[0] ?? day;
  }

  const rates = await rebateRatesInForce(tx, declaration.lines.map((l) => l.hsCode), day);
  const lines: EstimateLine[] = declaration.lines.map((line) => {
    const rate = rates.get(line.hsCode);
    const common = { position: line.position, hsCode: line.hsCode, totalMinor: line.totalMinor.toString(), fobStandsInForInvoice: method === "EXEMPT_REFUND" };
    if (!rate) {
      const { fobCnyMinor } = vatRebate({ fobMinor: line.totalMinor, fobCurrency: currency, cnyPerUnit, rebateRate: "0", vatRate: "0" });
      return { ...common, rebateRate: null, vatRate: null, validFrom: null, missingRate: true, fobCnyMinor: fobCnyMinor.toString(), rebateMinor: "0", nonCreditableMinor: "0" };
    }
    const fobCny = vatRebate({ fobMinor: line.totalMinor, fobCurrency: currency, cnyPerUnit, rebateRate: "0", vatRate: "0" }).fobCnyMinor;
    const result = vatRebate({
      fobMinor: line.totalMinor,
      fobCurrency: currency,
      cnyPerUnit,
      rebateRate: rate.rebateRate,
      vatRate: rate.vatRate,
      method,
      // 免退 without the purchase invoice: FOB stands in (see above).
      purchaseTaxableCnyMinor: method === "EXEMPT_REFUND" ? fobCny : undefined,
    });
    return {
      ...common,
      rebateRate: rate.rebateRate,
      vatRate: rate.vatRate,
      validFrom: rate.validFrom,
      missingRate: false,
      fobCnyMinor: result.fobCnyMinor.toString(),
      rebateMinor: result.rebateMinor.toString(),
      nonCreditableMinor: result.nonCreditableMinor.toString(),
    };
  });

  const sum = (key: "totalMinor" | "fobCnyMinor" | "rebateMinor" | "nonCreditableMinor") => lines.reduce((acc, l) => acc + BigInt(l[key]), 0n);
  const values = {
    method,
    fobCurrencyCode: currencyCode,
    fobMinor: sum("totalMinor"),
    fxRate: cnyPerUnit,
    fxRateDate: new Date(`${fxRateDate}T00:00:00Z`),
    fobCnyMinor: sum("fobCnyMinor"),
    rebateMinor: sum("rebateMinor"),
    nonCreditableMinor: sum("nonCreditableMinor"),
    lines: lines as unknown as Prisma.InputJsonValue,
    exportMonth: new Date(`${monthOf(day)}T00:00:00Z`),
    computedAt: now,
  };
  const saved = await tx.rebateEstimate.upsert({
    where: { declarationId },
    create: { organizationId: declaration.organizationId, declarationId, ...values },
    update: values,
    select: { id: true },
  });
  return saved.id;
}

export interface MonthlyRebateTotal {
  /** YYYY-MM-01 */
  month: string;
  clearedRebateMinor: bigint;
  clearedNonCreditableMinor: bigint;
  clearedCount: number;
  pendingRebateMinor: bigint;
  pendingCount: number;
}

/** A manufacturer's estimates by month of export: cleared declarations count; the others are shown apart. */
export function monthlyRebateTotals(estimates: readonly { exportMonth: Date; rebateMinor: bigint; nonCreditableMinor: bigint; status: string }[]): MonthlyRebateTotal[] {
  const months = new Map<string, MonthlyRebateTotal>();
  for (const e of estimates) {
    const month = iso(e.exportMonth);
    const total = months.get(month) ?? { month, clearedRebateMinor: 0n, clearedNonCreditableMinor: 0n, clearedCount: 0, pendingRebateMinor: 0n, pendingCount: 0 };
    if (e.status === "CLEARED") {
      total.clearedRebateMinor += e.rebateMinor;
      total.clearedNonCreditableMinor += e.nonCreditableMinor;
      total.clearedCount += 1;
    } else {
      total.pendingRebateMinor += e.rebateMinor;
      total.pendingCount += 1;
    }
    months.set(month, total);
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}
