import type { TFunction } from "i18next";
import { unscopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { numberFormat } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { toDecimalString } from "~/modules/money/money";
import { buyerLang, invoiceNumber, pdfResponse } from "~/modules/ordering/documents.server";
import { CONTENT_WIDTH, createPdf, FONT, footers, GREY, PAGE, paragraph, pdfBytes, table, totals, type Column, type Pdf } from "~/modules/ordering/pdf.server";
import { requireDeclarationViewer } from "./agency-access.server";
import type { DeclarationDocuments, DeclarationLine, Party } from "./declaration-documents";
import { gatherDeclarationDocuments } from "./declarations.server";
import { originFor, portOfLoading, type InvoiceRef, type OriginData } from "./origin";

/**
 * The export pack's commercial invoice and packing list (PDF), drawn from the same DeclarationDocuments as the
 * declaration list and its XML: the same lines, quantities, amounts, HS codes, weights and packages, so they
 * cannot disagree with what is declared. Every label is in Chinese and English (customs and the forwarder), plus
 * the buyer's language where it is another (Portuguese, Spanish). Amounts print exactly from minor units; weights
 * in kg from grams.
 */

export type ExportDocumentKind = "invoice" | "packing";

const INK_DARK = "#0f172a";

/** Group E and F Incoterms: the named place is where the goods leave (Zhuhai); C and D: where they arrive. */
const DEPARTURE_TERMS = new Set(["EXW", "FCA", "FAS", "FOB"]);

/**
 * The commercial invoice's number and date, shared with the certificate of origin (which quotes them): for an
 * order (9710) the order's invoice number (INV-…, as on the invoice the buyer has); for stock sent to an overseas
 * warehouse (9810, no sale) one numbered after the declaration (CI-…). Dated the day the declaration was opened.
 */
export function commercialInvoiceRef(documents: Pick<DeclarationDocuments, "declaration" | "order">): InvoiceRef {
  const number = documents.order.orderType === "B" ? invoiceNumber(documents.order.number) : documents.declaration.number.replace(/^DEC-/, "CI-");
  return { number, date: documents.declaration.createdAt };
}

/** The certificate-of-origin data (or the plain origin statement) of a declaration's documents. */
export function declarationOrigin(documents: DeclarationDocuments): OriginData {
  return originFor(documents, commercialInvoiceRef(documents));
}

/** "FOB Zhuhai, China", "DDP São Paulo": the Incoterm and its named place; null without an Incoterm (9810). */
export function incotermWithPlace(documents: Pick<DeclarationDocuments, "order" | "declaration">, destinationPlace: string | null): string | null {
  const term = documents.order.incoterm?.trim().toUpperCase();
  if (!term) return null;
  const place = DEPARTURE_TERMS.has(term) ? portOfLoading(documents) : destinationPlace || countryName(documents.declaration.destinationCountry, "en");
  return `${term} ${place} (Incoterms® 2020)`;
}

export interface RenderOptions {
  /** The viewer's language: the file's name. The content is in Chinese, English and the buyer's language. */
  lang: Lang;
  /** Where C and D terms name the place: the delivery city of the order. */
  destinationPlace?: string | null;
}

export async function renderExportDocument(documents: DeclarationDocuments, kind: ExportDocumentKind, options: RenderOptions): Promise<{ bytes: Buffer; fileName: string }> {
  const buyer = buyerLang(null, documents.declaration.destinationCountry || documents.consignee.countryCode);
  const langs = [...new Set<Lang>(["zh", "en", buyer])];
  const ctx: Ctx = { documents, langs, buyer, label: labeller(langs), currency: currencyInfo(documents.declaration.currencyCode), invoice: commercialInvoiceRef(documents) };
  const titleKey = `exportdocs.pdf.${kind}.title`;
  const title = ctx.label(titleKey);
  const doc = createPdf({ title: `${title} ${ctx.invoice.number}`, subject: documents.declaration.number, author: documents.agency.name || "Ponte", lang: LOCALE_TAGS.en });
  heading(doc, ctx, title);
  facts(doc, ctx, kind, options.destinationPlace ?? null);
  parties(doc, ctx);
  if (kind === "invoice") {
    invoiceTable(doc, ctx);
    invoiceTotals(doc, ctx);
    originStatement(doc, ctx);
  } else {
    packingTable(doc, ctx);
    packingTotals(doc, ctx);
  }
  footers(doc, `${documents.agency.name || "Ponte"} · ${serverT("en")(titleKey)} ${ctx.invoice.number} · ${documents.declaration.number}`, (page, pages) => `${page} / ${pages}`);
  const bytes = await pdfBytes(doc);
  return { bytes, fileName: `${serverT(options.lang)(`exportdocs.pdf.${kind}.fileName`)}-${documents.declaration.number}.pdf` };
}

/**
 * GET /{lang}/agency/declarations/$number/{commercial-invoice,packing-list}.pdf: an export agent, or a member of the
 * manufacturer whose declaration it is; anyone else 404 (requireDeclarationViewer).
 */
export async function exportDocumentResponse(request: Request, lang: Lang, number: string | undefined, kind: ExportDocumentKind): Promise<Response> {
  const { declarationId } = await requireDeclarationViewer(request, lang, number);
  // The viewer is authorized for this declaration: its documents name the buyer, the agency and the order, which a
  // manufacturer's scoped client would not all read.
  const documents = await gatherDeclarationDocuments(unscopedDb, declarationId);
  if (!documents) notFound();
  const document = await renderExportDocument(documents, kind, { lang, destinationPlace: await deliveryPlace(documents) });
  return pdfResponse(document.bytes, document.fileName);
}

/** The order's delivery city (the named place of C and D terms), as the pro-forma names it. */
async function deliveryPlace(documents: DeclarationDocuments): Promise<string | null> {
  if (documents.order.orderType !== "B") return null;
  const order = await unscopedDb.order.findUnique({ where: { number: documents.order.number }, select: { deliveryAddress: true } });
  const address = order?.deliveryAddress;
  const city = address && typeof address === "object" && !Array.isArray(address) ? (address as Record<string, unknown>).city : null;
  return typeof city === "string" && city.trim() ? city.trim() : null;
}

interface Ctx {
  documents: DeclarationDocuments;
  langs: Lang[];
  buyer: Lang;
  label: Labeller;
  currency: CurrencyInfo;
  invoice: InvoiceRef;
}

type Labeller = (key: string, values?: Record<string, unknown>, separator?: string) => string;

/** One label in each of the document's languages, "商业发票 / Commercial invoice / Fatura comercial" (no repeats). */
function labeller(langs: Lang[]): Labeller {
  const ts: TFunction[] = langs.map((l) => serverT(l));
  return (key, values, separator = " / ") => [...new Set(ts.map((t) => String(t(key, values ?? {}))))].join(separator);
}

/** Exact amount from minor units: "USD 1,234.56", "CLP 150,000" (never rounded to CLDR's display digits). */
export function exactAmount(amountMinor: bigint, currency: CurrencyInfo): string {
  const digits = currency.exponent;
  const text = numberFormat("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    toDecimalString({ amountMinor, currency }) as unknown as number,
  );
  return `${currency.code} ${text}`;
}

/** Grams as kilograms, exactly: 41250 → "41.250". */
export function kilograms(grams: number): string {
  const sign = grams < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(grams));
  const decimal = `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, "0")}`;
  return numberFormat("en", { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(decimal as unknown as number);
}

const isoDate = (value: Date) => value.toISOString().slice(0, 10);

function countryName(code: string, lang: Lang): string {
  const upper = code.trim().toUpperCase();
  if (!upper) return "";
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(upper) ?? upper;
  } catch {
    return upper;
  }
}

function countryNames(code: string, langs: Lang[]): string {
  return [...new Set(langs.map((l) => countryName(code, l)))].join(" / ");
}

function currencyInfo(code: string): CurrencyInfo {
  const trimmed = code.trim();
  return CURRENCIES.find((c) => c.code === trimmed) ?? { code: trimmed, numericCode: "000", exponent: 2, displayDigits: 2 };
}

function heading(doc: Pdf, ctx: Ctx, title: string) {
  const top = PAGE.margin;
  doc.font(FONT.bold).fontSize(16).fillColor(INK_DARK).text(title, PAGE.margin, top, { width: CONTENT_WIDTH });
  doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(["Ponte · 桥", ctx.documents.agency.name].filter(Boolean).join(" — "), PAGE.margin, doc.y + 2, { width: CONTENT_WIDTH });
  doc.x = PAGE.margin;
  doc.y += 12;
}

function facts(doc: Pdf, ctx: Ctx, kind: ExportDocumentKind, destinationPlace: string | null) {
  const { documents: d, label, langs } = ctx;
  const L = (key: string) => label(`exportdocs.pdf.labels.${key}`);
  const incoterm = incotermWithPlace(d, destinationPlace);
  const rows: [string, string][] = [
    [L("invoiceNumber"), ctx.invoice.number],
    [L("invoiceDate"), isoDate(ctx.invoice.date)],
    [L("declaration"), `${d.declaration.number} · ${d.declaration.mode === "B2B_DIRECT_9710" ? "9710" : "9810"} ${label(`exportdocs.pdf.modes.${d.declaration.mode}`)}`],
    [L("order"), d.order.number],
  ];
  if (kind === "invoice") {
    if (incoterm) rows.push([L("incoterm"), incoterm]);
    rows.push([L("currency"), ctx.currency.code]);
  }
  rows.push(
    [L("origin"), countryNames("CN", langs)],
    [L("destination"), countryNames(d.declaration.destinationCountry, langs)],
    [L("portOfLoading"), portOfLoading(d)],
    [L("transport"), label(`exportdocs.pdf.transport.${d.waybill.transportMode}`)],
    [L("waybill"), d.waybill.logisticsNo || "—"],
  );
  if (d.waybill.logisticsName) rows.push([L("carrier"), d.waybill.logisticsName]);
  if (d.waybill.containerNumber) rows.push([L("container"), d.waybill.containerNumber]);
  if (kind === "packing" && incoterm) rows.push([L("incoterm"), incoterm]);
  const columnWidth = CONTENT_WIDTH / 3;
  let rowY = doc.y;
  for (let i = 0; i < rows.length; i += 3) {
    let rowHeight = 0;
    for (const [j, [name, value]] of rows.slice(i, i + 3).entries()) rowHeight = Math.max(rowHeight, factBlock(doc, PAGE.margin + j * columnWidth, rowY, columnWidth - 10, name, value));
    rowY += rowHeight + 6;
  }
  doc.x = PAGE.margin;
  doc.y = rowY + 6;
}

/** A trilingual label (not upper-cased: it carries Chinese) over one value. */
function factBlock(doc: Pdf, x: number, y: number, width: number, name: string, value: string): number {
  doc.font(FONT.regular).fontSize(7).fillColor(GREY).text(name, x, y, { width });
  doc.font(FONT.bold).fontSize(9).fillColor(INK_DARK).text(value, x, doc.y + 1, { width });
  doc.font(FONT.regular);
  return doc.y - y;
}

function partyLines(party: Party, label: Labeller, langs: Lang[]): string[] {
  const lines = [party.name];
  if (party.nameZh && party.nameZh !== party.name) lines.push(party.nameZh);
  lines.push(...party.address);
  if (party.countryCode) lines.push(countryNames(party.countryCode, langs));
  if (party.taxId) lines.push(`${label("exportdocs.pdf.labels.taxId")}: ${party.taxId}`);
  return lines;
}

/** Exporter of record (the agency), the manufacturer and the consignee, side by side. */
function parties(doc: Pdf, ctx: Ctx) {
  const { documents: d, label } = ctx;
  const width = (CONTENT_WIDTH - 20) / 3;
  const blocks = [
    { name: label("exportdocs.pdf.labels.exporter", undefined, "\n"), lines: partyLines(d.agency, label, ctx.langs) },
    { name: label("exportdocs.pdf.labels.manufacturer", undefined, "\n"), lines: partyLines(d.exporter, label, ctx.langs) },
    { name: label("exportdocs.pdf.labels.consignee", undefined, "\n"), lines: partyLines(d.consignee, label, ctx.langs) },
  ];
  if (doc.y + 120 > doc.page.height - PAGE.margin - 36) doc.addPage();
  const y = doc.y;
  let bottomY = y;
  for (const [i, b] of blocks.entries()) {
    const x = PAGE.margin + i * (width + 10);
    doc.font(FONT.regular).fontSize(7).fillColor(GREY).text(b.name, x, y, { width });
    doc.fontSize(9).fillColor(INK_DARK);
    for (const [j, line] of b.lines.filter(Boolean).entries()) {
      doc.font(j === 0 ? FONT.bold : FONT.regular).text(line, x, doc.y + (j === 0 ? 1 : 0), { width });
    }
    bottomY = Math.max(bottomY, doc.y);
  }
  doc.font(FONT.regular);
  doc.x = PAGE.margin;
  doc.y = bottomY + 12;
}

/** The goods' description: the English name, the declared Chinese name, and the buyer's where it has one. */
function description(line: DeclarationLine, ctx: Ctx): string {
  const names = [line.names.en?.trim(), line.itemName.trim(), ctx.buyer !== "en" && ctx.buyer !== "zh" ? line.names[ctx.buyer]?.trim() : undefined];
  return [...new Set(names.filter((n): n is string => Boolean(n)))].join("\n");
}

function formatHs(code: string): string {
  const digits = code.replace(/\D/g, "");
  return digits.length > 4 ? `${digits.slice(0, 4)}.${digits.slice(4, 6)}${digits.length > 6 ? `.${digits.slice(6)}` : ""}` : digits;
}

function quantity(line: DeclarationLine, ctx: Ctx): string {
  const known = ["007", "011", "035"].includes(line.unitCode);
  const unit = known ? ctx.label(`exportdocs.pdf.units.${line.unitCode}`, undefined, "/") : ctx.label("exportdocs.pdf.units.other", { code: line.unitCode }, "/");
  return `${numberFormat("en").format(line.quantity)}\n${unit}`;
}

const header = (ctx: Ctx, key: string) => ctx.label(`exportdocs.pdf.labels.${key}`, undefined, "\n");

function invoiceTable(doc: Pdf, ctx: Ctx) {
  const columns: Column[] = [
    { header: header(ctx, "no"), width: 34 },
    { header: header(ctx, "sku"), width: 72 },
    { header: header(ctx, "description"), width: 140 },
    { header: header(ctx, "hsCode"), width: 66 },
    { header: header(ctx, "quantity"), width: 56, align: "right" },
    { header: header(ctx, "unitPrice"), width: 70, align: "right" },
    { header: header(ctx, "amount"), width: CONTENT_WIDTH - 438, align: "right" },
  ];
  const rows = ctx.documents.lines.map((line) => [
    String(line.position),
    line.sku,
    description(line, ctx),
    formatHs(line.hsCode),
    quantity(line, ctx),
    exactAmount(line.unitPriceMinor, ctx.currency),
    exactAmount(line.totalMinor, ctx.currency),
  ]);
  table(doc, columns, rows);
}

/** The invoice's sums: the declared lines' value, the freight the buyer pays on the order, and their total. */
export function invoiceSums(documents: Pick<DeclarationDocuments, "lines" | "order">): { goodsMinor: bigint; freightMinor: bigint; totalMinor: bigint } {
  const goodsMinor = documents.lines.reduce((sum, line) => sum + line.totalMinor, 0n);
  const freightMinor = documents.order.orderType === "B" ? documents.order.freightMinor : 0n;
  return { goodsMinor, freightMinor, totalMinor: goodsMinor + freightMinor };
}

function invoiceTotals(doc: Pdf, ctx: Ctx) {
  const { goodsMinor, freightMinor, totalMinor } = invoiceSums(ctx.documents);
  const rows: { label: string; value: string; strong?: boolean }[] = [{ label: ctx.label("exportdocs.pdf.labels.goodsTotal"), value: exactAmount(goodsMinor, ctx.currency) }];
  if (freightMinor > 0n) rows.push({ label: ctx.label("exportdocs.pdf.labels.freight"), value: exactAmount(freightMinor, ctx.currency) });
  rows.push({ label: ctx.label("exportdocs.pdf.labels.total"), value: exactAmount(totalMinor, ctx.currency), strong: true });
  totals(doc, rows);
  weightTotals(doc, ctx);
}

function weightTotals(doc: Pdf, ctx: Ctx) {
  const { packing } = ctx.documents;
  doc.moveDown(0.6);
  const width = CONTENT_WIDTH / 3;
  if (doc.y + 50 > doc.page.height - PAGE.margin - 36) doc.addPage();
  const y = doc.y;
  const h = Math.max(
    factBlock(doc, PAGE.margin, y, width - 10, ctx.label("exportdocs.pdf.labels.packages"), numberFormat("en").format(packing.packages)),
    factBlock(doc, PAGE.margin + width, y, width - 10, ctx.label("exportdocs.pdf.labels.netWeight"), kilograms(packing.netWeightG)),
    factBlock(doc, PAGE.margin + 2 * width, y, width - 10, ctx.label("exportdocs.pdf.labels.grossWeight"), kilograms(packing.grossWeightG)),
  );
  doc.x = PAGE.margin;
  doc.y = y + h + 10;
}

function packingTable(doc: Pdf, ctx: Ctx) {
  const columns: Column[] = [
    { header: header(ctx, "no"), width: 34 },
    { header: header(ctx, "sku"), width: 72 },
    { header: header(ctx, "description"), width: 159 },
    { header: header(ctx, "hsCode"), width: 66 },
    { header: header(ctx, "quantity"), width: 56, align: "right" },
    { header: header(ctx, "netWeight"), width: 64, align: "right" },
    { header: header(ctx, "grossWeight"), width: CONTENT_WIDTH - 451, align: "right" },
  ];
  const rows = ctx.documents.lines.map((line) => [String(line.position), line.sku, description(line, ctx), formatHs(line.hsCode), quantity(line, ctx), kilograms(line.netWeightG), kilograms(line.grossWeightG)]);
  table(doc, columns, rows);
}

function packingTotals(doc: Pdf, ctx: Ctx) {
  const { packing, lines } = ctx.documents;
  totals(doc, [
    { label: ctx.label("exportdocs.pdf.labels.quantity"), value: numberFormat("en").format(lines.reduce((sum, l) => sum + l.quantity, 0)) },
    { label: ctx.label("exportdocs.pdf.labels.netWeight"), value: kilograms(packing.netWeightG) },
    { label: ctx.label("exportdocs.pdf.labels.grossWeight"), value: kilograms(packing.grossWeightG), strong: true },
    { label: ctx.label("exportdocs.pdf.labels.packages"), value: numberFormat("en").format(packing.packages), strong: true },
  ]);
}

/**
 * The invoice's origin declaration, in each of its languages: a plain non-preferential statement where China has
 * no trade agreement with the destination; under an agreement, that preferential origin rests on the certificate.
 */
function originStatement(doc: Pdf, ctx: Ctx) {
  const origin = declarationOrigin(ctx.documents);
  doc.moveDown(0.4);
  paragraph(doc, ctx.label("exportdocs.pdf.labels.originHeading"), { size: 8, color: GREY, bold: true });
  for (const lang of ctx.langs) {
    const t = serverT(lang);
    const country = countryName(ctx.documents.declaration.destinationCountry, lang);
    let text =
      origin.kind === "statement"
        ? t("exportdocs.origin.statement", { country })
        : origin.rule.form.certainty === "confirmed"
          ? t("exportdocs.origin.preferential", { country, form: origin.rule.form.value })
          : t("exportdocs.origin.preferentialNoForm", { country });
    const exceptions = origin.kind === "statement" ? origin.exceptions : ctx.documents.lines.filter((l) => l.originCountry.trim().toUpperCase() !== "CN").map((l) => ({ position: l.position, originCountry: l.originCountry }));
    if (exceptions.length > 0) {
      text += ` ${t("exportdocs.origin.statementExceptions", { items: exceptions.map((e) => `${e.position} (${countryName(e.originCountry, lang)})`).join(", ") })}`;
    }
    paragraph(doc, text, { size: 8.5 });
    doc.moveDown(0.3);
  }
}
