/**
 * Reading a pasted quick order (pure; unit-tested in quick-order.test.ts): one "SKU quantity" per line, the two
 * separated by spaces, a tab (a spreadsheet's copy), a comma or a semicolon. Blank lines are skipped; every other
 * line is either an item or an error with its line number, so the buyer can fix exactly that line.
 */

export const MAX_QUICK_ORDER_LINES = 100;

export type QuickOrderLine = { line: number; text: string; sku: string; quantity: number } | { line: number; text: string; error: "format" | "quantity" };

export function parseQuickOrder(text: string): { lines: QuickOrderLine[]; tooMany: boolean } {
  const lines: QuickOrderLine[] = [];
  const raw = text.replace(/\r\n?/g, "\n").split("\n");
  for (const [index, original] of raw.entries()) {
    const trimmed = original.trim();
    if (!trimmed) continue;
    if (lines.length === MAX_QUICK_ORDER_LINES) return { lines, tooMany: true };
    const line = index + 1;
    // NFKC: full-width SKUs, digits, commas and the ideographic space (a Chinese input method's) read as ASCII; the
    // line is quoted back as typed.
    const tokens = trimmed.normalize("NFKC").split(/[\s,;]+/).filter(Boolean);
    if (tokens.length !== 2) {
      lines.push({ line, text: trimmed, error: "format" });
      continue;
    }
    const [sku, amount] = tokens as [string, string];
    const digits = amount;
    if (!/^\d{1,7}$/.test(digits) || Number(digits) < 1) {
      lines.push({ line, text: trimmed, error: "quantity" });
      continue;
    }
    lines.push({ line, text: trimmed, sku, quantity: Number(digits) });
  }
  return { lines, tooMany: false };
}
