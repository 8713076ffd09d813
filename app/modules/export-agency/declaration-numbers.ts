/**
 * Declaration numbers, "DEC-2026-000123" (pure; unit-tested in declaration-numbers.test.ts), and the messages'
 * guid (36 characters, uppercase). The sequence is per year: the next number is one more than the year's highest,
 * and the unique index on `number` settles a race (the loser takes the next one, declarations.server.ts).
 */

/** "DEC-2026-000123". */
export function formatDeclarationNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be positive: ${sequence}`);
  return `DEC-${year}-${String(sequence).padStart(6, "0")}`;
}

const DECLARATION_NUMBER = /^DEC-(\d{4})-(\d{6,})$/;

/** The normalized number (trimmed, upper-cased) when the text is one, else null. */
export function parseDeclarationNumber(text: string): string | null {
  const normalized = text.trim().toUpperCase();
  const match = DECLARATION_NUMBER.exec(normalized);
  if (!match || Number(match[2]) < 1) return null;
  return normalized;
}

/** The sequence part of a number of `year` ("DEC-2026-000123" → 123), or 0 when it is another year's or malformed. */
export function sequenceOf(number: string, year: number): number {
  const match = DECLARATION_NUMBER.exec(number);
  if (!match || Number(match[1]) !== year) return 0;
  return Number(match[2]);
}

/** A guid as the CEB messages want it: a UUID, 36 characters, uppercase. */
export function newMessageGuid(): string {
  return crypto.randomUUID().toUpperCase();
}

export const MESSAGE_GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
