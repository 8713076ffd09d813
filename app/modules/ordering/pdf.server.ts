import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

/**
 * PDF building blocks for the order documents (pdfkit): one font family for every language — Noto Sans SC covers
 * Latin and Chinese, so a document mixing a Chinese legal name with a Portuguese address renders both — a table
 * that breaks across pages and repeats its header, and page numbers.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;
export const FONT = { regular: "NotoSansSC", bold: "NotoSansSC-Bold" } as const;

// Read once per process (10 MB each); pdfkit embeds only the glyphs a document uses (a subset).
let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
function fonts() {
  fontBytes ??= { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fontBytes;
}

export type Pdf = PDFKit.PDFDocument;

export const PAGE = { margin: 40, width: 595.28, height: 841.89 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Space kept free at the bottom of every page for the footer. */
const FOOTER_SPACE = 36;
export const GREY = "#475569";
export const INK = "#0f172a";
export const RULE = "#cbd5e1";

export function createPdf(info: { title: string; subject: string; author: string; lang: string }): Pdf {
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Author: info.author, Creator: "Ponte" },
  });
  const { regular, bold } = fonts();
  doc.registerFont(FONT.regular, regular);
  doc.registerFont(FONT.bold, bold);
  doc.font(FONT.regular).fontSize(9).fillColor(INK);
  return doc;
}

/** The bottom of the writable area. */
export const bottom = (doc: Pdf) => doc.page.height - PAGE.margin - FOOTER_SPACE;

/** Starts a new page when `height` more points would not fit. */
export function ensureSpace(doc: Pdf, height: number): boolean {
  if (doc.y + height <= bottom(doc)) return false;
  doc.addPage();
  return true;
}

/** A small grey label over a block of lines (an address, a party). Returns the block's height. */
export function block(doc: Pdf, x: number, y: number, width: number, label: string, lines: string[]): number {
  doc.font(FONT.bold).fontSize(8).fillColor(GREY).text(label.toUpperCase(), x, y, { width });
  doc.font(FONT.regular).fontSize(9).fillColor(INK);
  for (const [i, line] of lines.filter(Boolean).entries()) {
    if (i === 0) doc.font(FONT.bold);
    doc.text(line, x, doc.y, { width });
    if (i === 0) doc.font(FONT.regular);
  }
  return doc.y - y;
}

/** Two blocks side by side; the cursor ends below the taller one. */
export function blockPair(doc: Pdf, left: { label: string; lines: string[] }, right: { label: string; lines: string[] }) {
  const half = (CONTENT_WIDTH - 20) / 2;
  const estimate = 14 + Math.max(left.lines.length, right.lines.length) * 13;
  ensureSpace(doc, estimate);
  const y = doc.y;
  const h1 = block(doc, PAGE.margin, y, half, left.label, left.lines);
  const h2 = block(doc, PAGE.margin + half + 20, y, half, right.label, right.lines);
  doc.x = PAGE.margin;
  doc.y = y + Math.max(h1, h2) + 12;
}

export interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

/** A table whose rows wrap inside their cells; rows never split, and the header repeats on each new page. */
export function table(doc: Pdf, columns: Column[], rows: string[][]) {
  const pad = 3;
  const drawHeader = () => {
    const y = doc.y;
    doc.font(FONT.bold).fontSize(8).fillColor(GREY);
    let x = PAGE.margin;
    const height = Math.max(...columns.map((c) => doc.heightOfString(c.header, { width: c.width - 2 * pad })));
    for (const c of columns) {
      doc.text(c.header, x + pad, y, { width: c.width - 2 * pad, align: c.align ?? "left" });
      x += c.width;
    }
    doc.moveTo(PAGE.margin, y + height + pad).lineTo(PAGE.margin + CONTENT_WIDTH, y + height + pad).strokeColor(RULE).lineWidth(0.8).stroke();
    doc.y = y + height + 2 * pad;
  };
  ensureSpace(doc, 40);
  drawHeader();
  doc.font(FONT.regular).fontSize(9).fillColor(INK);
  for (const row of rows) {
    const height = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * pad })));
    if (ensureSpace(doc, height + 2 * pad)) {
      drawHeader();
      doc.font(FONT.regular).fontSize(9).fillColor(INK);
    }
    const y = doc.y;
    let x = PAGE.margin;
    for (const [i, cell] of row.entries()) {
      const c = columns[i]!;
      doc.text(cell, x + pad, y, { width: c.width - 2 * pad, align: c.align ?? "left" });
      x += c.width;
    }
    doc.moveTo(PAGE.margin, y + height + pad).lineTo(PAGE.margin + CONTENT_WIDTH, y + height + pad).strokeColor("#e2e8f0").lineWidth(0.5).stroke();
    doc.y = y + height + 2 * pad;
  }
  doc.x = PAGE.margin;
}

/** Label and value rows aligned to the right edge (totals). */
export function totals(doc: Pdf, rows: { label: string; value: string; strong?: boolean }[]) {
  const labelWidth = 230;
  const valueWidth = 120;
  const x = PAGE.margin + CONTENT_WIDTH - labelWidth - valueWidth;
  ensureSpace(doc, rows.length * 14 + 8);
  doc.y += 4;
  for (const row of rows) {
    const y = doc.y;
    doc.font(row.strong ? FONT.bold : FONT.regular).fontSize(row.strong ? 10 : 9).fillColor(INK);
    doc.text(row.label, x, y, { width: labelWidth - 8, align: "right" });
    const labelBottom = doc.y;
    doc.text(row.value, x + labelWidth, y, { width: valueWidth, align: "right" });
    doc.y = Math.max(labelBottom, doc.y) + 2;
  }
  doc.x = PAGE.margin;
  doc.font(FONT.regular).fontSize(9);
}

/** A paragraph across the page (notes, the rate line). */
export function paragraph(doc: Pdf, text: string, options: { size?: number; color?: string; bold?: boolean } = {}) {
  doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? 9).fillColor(options.color ?? INK);
  ensureSpace(doc, doc.heightOfString(text, { width: CONTENT_WIDTH }));
  doc.text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.font(FONT.regular).fontSize(9).fillColor(INK);
}

/** "Page 1 of 2" (in the document's language) and a left footer line on every page, once the content is done. */
export function footers(doc: Pdf, left: string, pageLabel: (page: number, pages: number) => string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const y = doc.page.height - PAGE.margin - 14;
    // Writing inside the bottom margin must not trigger pdfkit's automatic page break.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.font(FONT.regular).fontSize(7.5).fillColor(GREY);
    doc.text(left, PAGE.margin, y, { width: CONTENT_WIDTH - 90, lineBreak: false, ellipsis: true });
    doc.text(pageLabel(i - range.start + 1, range.count), PAGE.margin + CONTENT_WIDTH - 90, y, { width: 90, align: "right", lineBreak: false });
    doc.page.margins = margins;
  }
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}
