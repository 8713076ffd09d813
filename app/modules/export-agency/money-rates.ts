/**
 * Dated reference rates of the export agency's money (pure): which row is in force on a day, percentages typed by a
 * person read into exact decimal fractions, and the demo's seed rows. The `*.server.ts` beside it reads and writes.
 */

/** The row with the latest `validFrom` (YYYY-MM-DD) on or before `day`, or null. */
export function inForce<T extends { validFrom: string }>(rows: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const row of rows) if (row.validFrom <= day && (!best || row.validFrom > best.validFrom)) best = row;
  return best;
}

/**
 * "13" → "0.13", "6.5" → "0.065", "０.５" → "0.005": a percentage typed by a person (a "." or "," decimal, an
 * optional "%"), as the exact decimal fraction the database stores; null when it is not a percentage in [0, 100).
 * At most 2 decimals of a percent (the columns keep 4 decimals of a fraction).
 */
export function percentToFraction(input: string): string | null {
  const text = input.normalize("NFKC").replace(/\s|%/g, "").replace(",", ".");
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const digits = `${match[1]}${(match[2] ?? "").padEnd(2, "0")}`.replace(/^0+(?=\d)/, "");
  const padded = digits.padStart(5, "0");
  const fraction = `${padded.slice(0, -4)}.${padded.slice(-4)}`.replace(/\.?0+$/, "");
  return fraction === "" ? "0" : fraction.replace(/^0+(?=\d)/, "");
}

/** "0.13" → "13", "0.065" → "6.5": a stored fraction as the percentage a person reads (exact, no float). */
export function fractionToPercent(fraction: string): string {
  const [whole = "0", decimals = ""] = fraction.split(".");
  const shifted = `${whole}${decimals.padEnd(2, "0").slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = decimals.slice(2).replace(/0+$/, "");
  return rest ? `${shifted}.${rest}` : shifted;
}

export interface SeedRebateRate {
  hsCode: string;
  rebateRate: string;
  vatRate: string;
  validFrom: string;
  note: string;
}

/** Since the 2019 VAT reform (MOF/SAT/GACC 2019 No.39) the standard rate on goods is 13%. */
const REFORM_2019 = "2019-04-01";
const CUT_2024 = "2024-12-01";
const TO_CONFIRM = "13% assumed, to confirm against the STA rebate-rate library (出口退税率文库)";

/** The demo catalog's 10-digit China codes (Product.hsCodeCn in prisma/seed-demo-catalog.ts) and their rows. */
const DEMO_CODES: Record<string, string> = {
  "3215190000": "墨水 ink",
  "3707902000": "激光打印机碳粉 laser printer toner powder",
  "3926909090": "塑料制品 plastic articles (phone cases)",
  "7324900000": "不锈钢卫浴制品 stainless sanitary ware",
  "8443999090": "硒鼓 toner cartridges",
  "8481809000": "水龙头 taps",
  "8504401400": "充电器 chargers",
  "8508110000": "扫地机器人 robot vacuum cleaners",
  "8509400000": "搅拌机 blenders",
  "8516100000": "电热水器/花洒 electric water heaters",
  "8516710000": "咖啡机 coffee makers",
  "8516609000": "空气炸锅 air fryers (ovens)",
  "8516799000": "电热水壶 kettles",
  "8517130000": "智能手机 smartphones",
  "8517629900": "智能手表 smartwatches",
  "8539520000": "LED灯泡 LED bulbs",
  "8544421900": "数据线 data cables",
  "9102110000": "石英手表 quartz watches",
  "9102120000": "电子表 digital watches",
  "9405420000": "LED灯具 LED lighting",
};

export function seededRebateRates(): SeedRebateRate[] {
  const rows: SeedRebateRate[] = Object.entries(DEMO_CODES).map(([hsCode, what]) => ({ hsCode, rebateRate: "0.13", vatRate: "0.13", validFrom: REFORM_2019, note: `${what}: ${TO_CONFIRM}` }));
  rows.push({ hsCode: "8415102100", rebateRate: "0.13", vatRate: "0.13", validFrom: REFORM_2019, note: "空调 air conditioners: 13%" });
  // Batteries (and photovoltaics, none in the demo catalog): 13% → 9% for exports from 2024-12-01.
  rows.push({ hsCode: "8507600090", rebateRate: "0.13", vatRate: "0.13", validFrom: REFORM_2019, note: "锂离子电池 lithium-ion batteries (power banks): 13% until 2024-11-30" });
  rows.push({ hsCode: "8507600090", rebateRate: "0.09", vatRate: "0.13", validFrom: CUT_2024, note: "锂离子电池 lithium-ion batteries: 13% → 9% from 2024-12-01 (MOF/SAT 2024 No.15)" });
  return rows.sort((a, b) => a.hsCode.localeCompare(b.hsCode) || a.validFrom.localeCompare(b.validFrom));
}

/** The agency's fee: 1.5% of the converted amount, the manufacturer paid 5 days after the buyer's payment settles. */
export const SEED_AGENCY_FEE = { rate: "0.015", settlementDays: 5, validFrom: "2024-01-01" } as const;

/** "2026-12-06" + 5 days → "2026-12-11" (UTC calendar days). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day of the month of `day`: "2026-12-06" → "2026-12-01". */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
