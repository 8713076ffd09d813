import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { tierForQuantity } from "~/modules/catalog/price-tiers";
import type { Lang } from "~/modules/i18n/config";
import type { CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";

export interface CalculatorTier {
  minQuantity: number;
  /** In the manufacturer's currency, minor units, as a string (BigInt does not travel as JSON). */
  unitPriceMinor: string;
}

export interface CalculatorConversion {
  to: CurrencyInfo;
  numerator: string;
  denominator: string;
}

export interface Quote {
  tierIndex: number;
  unitOriginal: string;
  unitConverted: string | null;
  totalOriginal: string;
  totalConverted: string | null;
}

function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  let q = numerator / denominator;
  const r = numerator % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  return q;
}

/**
 * The price of `quantity` units: the tier that applies (tierForQuantity), its unit price and the total, in the
 * manufacturer's currency and converted exactly (amount × numerator / denominator, half to even, as the server's
 * RateTable does). Null below the MOQ. The same function renders the server's first figures and the browser's.
 */
export function quoteFor(tiers: readonly CalculatorTier[], quantity: number, currency: CurrencyInfo, conversion: CalculatorConversion | null, lang: Lang): Quote | null {
  if (!Number.isSafeInteger(quantity) || quantity < 1) return null;
  const priced = tiers.map((t, i) => ({ minQuantity: t.minQuantity, unitPriceMinor: BigInt(t.unitPriceMinor), i }));
  const tier = tierForQuantity(priced, quantity);
  if (!tier) return null;
  const total = tier.unitPriceMinor * BigInt(quantity);
  const convert = (amount: bigint) => (conversion ? formatMoney({ amountMinor: divideHalfEven(amount * BigInt(conversion.numerator), BigInt(conversion.denominator)), currency: conversion.to }, lang) : null);
  return {
    tierIndex: tier.i,
    unitOriginal: formatMoney({ amountMinor: tier.unitPriceMinor, currency }, lang),
    unitConverted: convert(tier.unitPriceMinor),
    totalOriginal: formatMoney({ amountMinor: total, currency }, lang),
    totalConverted: convert(total),
  };
}

/**
 * "Ordering starts here": a quantity, and what it costs at the tier it reaches. Ordering itself comes later,
 * so nothing here pretends to be a cart: it is a calculator.
 */
export function TierCalculator({
  lang,
  tiers,
  currency,
  conversion,
  moq,
  moqFormatted,
  unitLabel,
  initial,
  incoterm,
  onTierChange,
  initialQuantity,
  name,
  onQuantityChange,
}: {
  lang: Lang;
  tiers: CalculatorTier[];
  currency: CurrencyInfo;
  conversion: CalculatorConversion | null;
  moq: number;
  moqFormatted: string;
  unitLabel: string;
  /** The quote for the MOQ, formatted by the server (the first render must match it). */
  initial: Quote | null;
  incoterm: string;
  onTierChange?: (index: number | null) => void;
  /** The quantity first shown (default the MOQ); `initial` is its quote. */
  initialQuantity?: number;
  /** The input's name, when the calculator sits in a form (the product page's GET form: availability for it). */
  name?: string;
  onQuantityChange?: (quantity: number | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const first = initialQuantity ?? moq;
  const [typed, setTyped] = useState(String(first));
  const quantity = /^\d{1,9}$/.test(typed.trim()) ? Number(typed.trim()) : NaN;
  const quote = quantity === first ? initial : Number.isNaN(quantity) ? null : quoteFor(tiers, quantity, currency, conversion, lang);
  const belowMoq = !Number.isNaN(quantity) && quantity < moq;
  return (
    <div className="space-y-3" data-testid="tier-calculator">
      <div>
        <label htmlFor={id} className="label">
          {t("browse.product.quantity", { unit: unitLabel })}
        </label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={moq}
          step={1}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            const n = /^\d{1,9}$/.test(e.target.value.trim()) ? Number(e.target.value.trim()) : NaN;
            onTierChange?.(Number.isNaN(n) ? null : (quoteFor(tiers, n, currency, conversion, lang)?.tierIndex ?? null));
            onQuantityChange?.(Number.isNaN(n) ? null : n);
          }}
          name={name}
          aria-describedby={`${id}-result`}
          className="input max-w-[12rem] text-base"
          data-testid="quantity-input"
        />
      </div>
      <div id={`${id}-result`} aria-live="polite" className="rounded-md bg-slate-50 p-3 text-sm">
        {belowMoq ? (
          <p className="text-amber-800" data-testid="calculator-below-moq">
            {t("browse.product.belowMoq", { moq: moqFormatted, unit: unitLabel })}
          </p>
        ) : quote ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-600">{t("browse.product.unitPrice")}</dt>
            <dd className="font-medium" data-testid="calculator-unit">
              {quote.unitConverted ?? quote.unitOriginal}
              {quote.unitConverted ? <span className="ml-2 text-xs font-normal text-slate-600">({quote.unitOriginal})</span> : null}
            </dd>
            <dt className="text-slate-600">{t("browse.product.total")}</dt>
            <dd className="text-lg font-bold text-slate-900" data-testid="calculator-total">
              {quote.totalConverted ?? quote.totalOriginal}
            </dd>
            {quote.totalConverted ? (
              <>
                <dt className="text-slate-600">{t("browse.product.totalOriginal")}</dt>
                <dd data-testid="calculator-total-original">
                  {quote.totalOriginal} {incoterm}
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="text-slate-600">{t("browse.product.enterQuantity")}</p>
        )}
      </div>
      <p className="text-xs text-slate-600">{t("browse.product.calculatorNote")}</p>
    </div>
  );
}
