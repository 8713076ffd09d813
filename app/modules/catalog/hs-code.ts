/**
 * Harmonized System codes: the 6-digit international subheading (WCO), and China's 10-digit customs commodity
 * code, which must extend it (its first 6 digits are the HS subheading).
 */
export function isValidHsCode(code: string): boolean {
  return /^\d{6}$/.test(code) && Number(code.slice(0, 2)) >= 1 && Number(code.slice(0, 2)) <= 97;
}

export function isValidChinaHsCode(code: string, hsCode?: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  return hsCode ? code.startsWith(hsCode) : isValidHsCode(code.slice(0, 6));
}

/** "8516.71" / "8516 71" / "851671" → "851671"; "8516.71.00.00" → "8516710000". */
export function normalizeHsCode(raw: string): string {
  return raw.replace(/[\s.\-]/g, "");
}
