/**
 * Human-readable order numbers and bank-transfer references (pure; unit-tested in order-numbers.test.ts).
 *
 * Both come from one value of the PostgreSQL sequence "OrderNumberSeq" (migration 20261205213900), so they are
 * unique under any concurrency. The order number is "PO-<year>-<sequence, 6 digits at least>"; the bank reference
 * is "PNT" + two digits of the year + the sequence (7 digits at least) + a Damm check digit, which catches every
 * single mistyped digit and every swap of two adjacent digits, the usual slips when a buyer copies it into a
 * bank's form.
 */

// Damm's quasigroup of order 10 (totally anti-symmetric): the check digit makes the running interim digit 0.
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

/** The Damm check digit of a string of digits. */
export function checkDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError(`digits expected, got "${digits}"`);
  return String(dammInterim(digits));
}

function checkSequence(year: number, sequence: bigint | number) {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  const seq = BigInt(sequence);
  if (seq < 1n) throw new RangeError(`sequence must be positive: ${seq}`);
  return seq;
}

/** "PO-2026-000123". */
export function formatOrderNumber(year: number, sequence: bigint | number): string {
  const seq = checkSequence(year, sequence);
  return `PO-${year}-${seq.toString().padStart(6, "0")}`;
}

const ORDER_NUMBER = /^PO-(\d{4})-(\d{6,})$/;

/** Whether a text (an URL segment, a search box) is an order number; trims and upper-cases first. */
export function parseOrderNumber(text: string): { number: string; year: number; sequence: bigint } | null {
  const normalized = text.trim().toUpperCase();
  const match = ORDER_NUMBER.exec(normalized);
  if (!match) return null;
  const sequence = BigInt(match[2]!);
  if (sequence < 1n) return null;
  return { number: normalized, year: Number(match[1]), sequence };
}

/** "PNT" + yy + sequence (7 digits at least) + check digit: "PNT2600001235". */
export function formatBankReference(year: number, sequence: bigint | number): string {
  const seq = checkSequence(year, sequence);
  const digits = `${String(year % 100).padStart(2, "0")}${seq.toString().padStart(7, "0")}`;
  return `PNT${digits}${checkDigit(digits)}`;
}

/**
 * Reads a bank reference as a person may have typed it ("pnt 26-0000123 5"): spaces, dots and hyphens ignored,
 * case ignored. Null unless the letters, the length and the check digit are right.
 */
export function parseBankReference(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s.\-_/]/g, "");
  const match = /^PNT(\d{10,})$/.exec(compact);
  if (!match) return null;
  return dammInterim(match[1]!) === 0 ? compact : null;
}

export function isValidBankReference(text: string): boolean {
  return parseBankReference(text) !== null;
}

/**
 * The valid references quoted anywhere in a free text (a bank statement's remittance information), in order of
 * appearance, without repeats.
 */
export function findBankReferences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.toUpperCase().matchAll(/PNT[\s.\-]?(?:\d[\s.\-]?){9,}\d/g)) {
    const reference = parseBankReference(match[0]);
    if (reference && !found.includes(reference)) found.push(reference);
  }
  return found;
}

/** Both identifiers of one order, from one value of the sequence. */
export function orderIdentifiers(year: number, sequence: bigint | number): { number: string; bankReference: string } {
  return { number: formatOrderNumber(year, sequence), bankReference: formatBankReference(year, sequence) };
}
