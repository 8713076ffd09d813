/**
 * ISO 4217 reference data seeded into the Currency table (the runtime source of truth).
 * `exponent` = ISO minor units (CLP 0); `displayDigits` = what CLDR shows (COP stores cents, shows none).
 * Never derived from glibc locales: Debian's es_CL claims 2 digits for CLP.
 */
export interface CurrencyInfo {
  code: string;
  numericCode: string;
  exponent: number;
  displayDigits: number;
}

export const CURRENCIES: readonly CurrencyInfo[] = [
  { code: "BRL", numericCode: "986", exponent: 2, displayDigits: 2 },
  { code: "MXN", numericCode: "484", exponent: 2, displayDigits: 2 },
  { code: "EUR", numericCode: "978", exponent: 2, displayDigits: 2 },
  { code: "USD", numericCode: "840", exponent: 2, displayDigits: 2 },
  { code: "CNY", numericCode: "156", exponent: 2, displayDigits: 2 },
  { code: "AOA", numericCode: "973", exponent: 2, displayDigits: 2 },
  { code: "MZN", numericCode: "943", exponent: 2, displayDigits: 2 },
  { code: "CLP", numericCode: "152", exponent: 0, displayDigits: 0 },
  { code: "COP", numericCode: "170", exponent: 2, displayDigits: 0 },
  { code: "PEN", numericCode: "604", exponent: 2, displayDigits: 2 },
];

/** Currencies a user can choose to see prices in. */
export const PREFERENCE_CURRENCIES = CURRENCIES.map((c) => c.code);
