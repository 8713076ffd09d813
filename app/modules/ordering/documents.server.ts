import { deliveryAddressLines } from "./address";
import type { TFunction } from "i18next";
import type { Order, OrderLine, Organization } from "~/generated/prisma/client";
import { forOrganization, type ScopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import { isLang, LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { platformBankAccount, type BankDetails } from "~/modules/payments/bank-transfer-accounts.server";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";
import { listMyMemberships } from "~/modules/tenancy/organizations.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { block, blockPair, CONTENT_WIDTH, createPdf, ensureSpace, FONT, footers, GREY, PAGE, paragraph, pdfBytes, table, totals, type Pdf } from "./pdf.server";

/**
 * The pro-forma invoice (from placement: what the buyer pays, how, and the T/T details for its import licence and
 * its bank) and the commercial invoice (once the order is paid, or accepted on net terms). Both are written in the
 * buyer's language, whoever downloads them, with the platform's export agency as seller and exporter of record and
 * the manufacturer named beside it.
 */

export type OrderDocumentKind = "proforma" | "invoice";

/** Paid, or fulfilled on terms: the statuses in which an order has a commercial invoice. */
const INVOICED = new Set<Order["status"]>(["PAID", "IN_FULFILMENT", "SHIPPED", "DELIVERED", "COMPLETED"]);

export function hasInvoice(order: Pick<Order, "status">): boolean {
  return INVOICED.has(order.status);
}

/**
 * The signed-in member's organization that is a party to order `number` (the active one first), or 404: a
 * foreign order does not exist. Each look-up goes through that organization's scoped client.
 */
export async function requireOrderParty(request: Request, lang: Lang, number: string): Promise<{ context: OrganizationContext; orderId: string }> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!/^[A-Z]{2,4}-\d{4}-[A-Z0-9]{1,20}$/.test(number)) notFound();
  const memberships = await listMyMemberships(sessionUser.user.id);
  const ids = memberships.map((m) => m.organization.id);
  const ordered = [...ids.filter((id) => id === sessionUser.activeOrganizationId), ...ids.filter((id) => id !== sessionUser.activeOrganizationId)];
  for (const organizationId of ordered) {
    const found = await forOrganization(organizationId).order.findFirst({ where: { number }, select: { id: true } });
    if (found) return { context: await requireOrganization(request, lang, organizationId), orderId: found.id };
  }
  notFound();
}

/** The document as PDF bytes, or null when this order has no such document (yet). */
export async function renderOrderDocument(scoped: ScopedDb, orderId: string, kind: OrderDocumentKind, now = new Date()): Promise<{ bytes: Buffer; fileName: string; lang: Lang } | null> {
  const order = await scoped.order.findFirst({ where: { id: orderId }, include: { lines: { orderBy: { id: "asc" } } } });
  if (!order) return null;
  if (kind === "invoice" && !hasInvoice(order)) return null;
  const [parties, platform, warehouse, placedBy, bank] = await Promise.all([
    // Other organizations' profiles are readable through a scoped client (never writable).
    scoped.organization.findMany({ where: { id: { in: [order.organizationId, order.buyerOrganizationId] } } }),
    scoped.organization.findFirst({ where: { kind: "PLATFORM" }, orderBy: { createdAt: "asc" } }),
    scoped.warehouse.findUnique({ where: { id: order.warehouseId }, select: { code: true, city: true, countryCode: true } }),
    order.placedById ? scoped.user.findUnique({ where: { id: order.placedById }, select: { locale: true } }) : null,
    platformBankAccount(order.buyerCurrencyCode.trim()),
  ]);
  const manufacturer = parties.find((p) => p.id === order.organizationId);
  const buyerOrganization = parties.find((p) => p.id === order.buyerOrganizationId);
  if (!manufacturer || !buyerOrganization) return null;
  const lang = buyerLang(placedBy?.locale, buyerOrganization.countryCode);
  const t = serverT(lang);
  const title = t(`documents.${kind}.title`);
  const documentNumber = kind === "invoice" ? invoiceNumber(order.number) : order.number;
  const seller = platform ?? manufacturer;

  const doc = createPdf({ title: `${title} ${documentNumber}`, subject: order.number, author: sellerName(seller, bank), lang: LOCALE_TAGS[lang] });
  const ctx: Ctx = { doc, t, lang, order, sellerCurrency: currencyInfo(order.currencyCode), buyerCurrency: currencyInfo(order.buyerCurrencyCode) };

  heading(ctx, title, documentNumber, now);
  blockPair(doc, { label: t("documents.labels.seller"), lines: organizationLines(ctx, seller, bank) }, { label: t("documents.labels.manufacturer"), lines: organizationLines(ctx, manufacturer, null) });
  blockPair(doc, { label: t("documents.labels.buyer"), lines: buyerLines(ctx, buyerOrganization) }, { label: t("documents.labels.deliverTo"), lines: addressLines(asRecord(order.deliveryAddress), lang) });
  orderFacts(ctx, warehouse);
  lineTable(ctx);
  orderTotals(ctx);
  payment(ctx, kind, bank);
  doc.moveDown(1);
  paragraph(doc, kind === "invoice" ? t("documents.invoice.note", { seller: sellerName(seller, bank) }) : t("documents.proforma.note"), { size: 8, color: GREY });
  footers(doc, `${sellerName(seller, bank)} · ${title} ${documentNumber}`, (page, pages) => t("documents.labels.page", { page, pages }));
  const bytes = await pdfBytes(doc);
  return { bytes, fileName: `${t(`documents.${kind}.fileName`)}-${order.number}.pdf`, lang };
}

/** GET /{lang}/orders/$number/{proforma,invoice}.pdf: either party's member, else 404; 404 too while there is no such document. */
export async function orderDocumentResponse(request: Request, lang: Lang, number: string, kind: OrderDocumentKind): Promise<Response> {
  const { context, orderId } = await requireOrderParty(request, lang, number);
  const document = await renderOrderDocument(context.scoped, orderId, kind);
  if (!document) notFound();
  return pdfResponse(document.bytes, document.fileName);
}

/** The HTTP answer: inline PDF, private (it names both companies and the bank details), never cached by proxies. */
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** "PO-2026-000123" → "INV-2026-000123": one invoice per order, numbered like it. */
export function invoiceNumber(orderNumber: string): string {
  return orderNumber.replace(/^[A-Z]+-/, "INV-");
}

interface Ctx {
  doc: Pdf;
  t: TFunction;
  lang: Lang;
  order: Order & { lines: OrderLine[] };
  sellerCurrency: CurrencyInfo;
  buyerCurrency: CurrencyInfo;
}

/** The buyer's language: the member who placed the order, else the language of the buyer's country. */
export function buyerLang(locale: string | null | undefined, countryCode: string): Lang {
  if (isLang(locale)) return locale;
  const country = countryCode.trim().toUpperCase();
  if (["BR", "PT", "AO", "MZ", "CV", "GW", "ST", "TL"].includes(country)) return "pt";
  if (["CN", "HK", "MO", "TW", "SG"].includes(country)) return "zh";
  if (["MX", "CO", "CL", "PE", "AR", "UY", "PY", "BO", "EC", "VE", "CR", "PA", "GT", "DO", "ES", "HN", "SV", "NI", "CU"].includes(country)) return "es";
  return "en";
}

const utcDate = (value: Date, lang: Lang) => formatDate(value, lang, { dateStyle: "long", timeZone: "UTC" });
const money = (amountMinor: bigint, currency: CurrencyInfo, lang: Lang) => formatMoney({ amountMinor, currency }, lang);

function heading(ctx: Ctx, title: string, documentNumber: string, now: Date) {
  const { doc, t, lang, order } = ctx;
  const top = PAGE.margin;
  doc.font(FONT.bold).fontSize(18).fillColor("#0f172a").text(title, PAGE.margin, top, { width: CONTENT_WIDTH - 200 });
  doc.font(FONT.regular).fontSize(9).fillColor(GREY).text("Ponte · 桥", PAGE.margin, doc.y + 2);
  const facts: [string, string][] = [
    [t("documents.labels.documentNumber"), documentNumber],
    [t("documents.labels.issued"), utcDate(now, lang)],
  ];
  if (documentNumber !== order.number) facts.push([t("documents.labels.order"), order.number]);
  let y = top;
  for (const [label, value] of facts) {
    doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(label, PAGE.margin + CONTENT_WIDTH - 200, y, { width: 80, align: "right" });
    doc.font(FONT.bold).fontSize(9).fillColor("#0f172a").text(value, PAGE.margin + CONTENT_WIDTH - 115, y, { width: 115, align: "right" });
    y += 14;
  }
  doc.x = PAGE.margin;
  doc.y = Math.max(doc.y, y) + 14;
}

function sellerName(seller: Organization, bank: BankDetails | null): string {
  return seller.kind === "PLATFORM" && bank ? bank.beneficiary : (seller.legalNameLatin ?? seller.name);
}

/** Legal names (Latin and Chinese), registered address, tax id: the company profile filed once. */
function organizationLines(ctx: Ctx, organization: Organization, bank: BankDetails | null): string[] {
  const latin = organization.kind === "PLATFORM" && bank ? bank.beneficiary : (organization.legalNameLatin ?? organization.name);
  const lines = [latin];
  if (organization.legalNameZh && organization.legalNameZh !== latin) lines.push(organization.legalNameZh);
  if (organization.legalNameLatin && organization.legalNameLatin !== latin) lines.push(organization.legalNameLatin);
  lines.push(
    ...addressLines({ line1: organization.addressLine1, line2: organization.addressLine2, city: organization.city, region: organization.region, postalCode: organization.postalCode, countryCode: organization.countryCode }, ctx.lang),
  );
  if (organization.taxId) lines.push(ctx.t("documents.labels.taxId", { taxId: organization.taxId }));
  return lines;
}

/** The buyer as it was at checkout (Order.buyerSnapshot); the organization's name where the snapshot lacks one. */
function buyerLines(ctx: Ctx, organization: Organization): string[] {
  const snapshot = asRecord(ctx.order.buyerSnapshot);
  const name = text(snapshot.legalName) || text(snapshot.name) || organization.legalNameLatin || organization.name;
  const lines = [name];
  const tradeName = text(snapshot.name);
  if (tradeName && tradeName !== name) lines.push(tradeName);
  lines.push(...addressLines({ line1: snapshot.addressLine1 ?? snapshot.line1, line2: snapshot.addressLine2 ?? snapshot.line2, city: snapshot.city, region: snapshot.region, postalCode: snapshot.postalCode, countryCode: snapshot.countryCode }, ctx.lang));
  const taxId = text(snapshot.taxId);
  if (taxId) lines.push(ctx.t("documents.labels.taxId", { taxId }));
  return lines;
}

function addressLines(address: Record<string, unknown>, lang: Lang = "en"): string[] {
  return deliveryAddressLines(address, lang);
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(code.trim().toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function orderFacts(ctx: Ctx, warehouse: { code: string; city: string; countryCode: string } | null) {
  const { doc, t, lang, order } = ctx;
  const delivery = asRecord(order.deliveryAddress);
  const place = order.tradeTerm === "FOB" ? "Zhuhai" : text(delivery.city) || countryName(text(delivery.countryCode) || "", lang);
  const shipsFrom = order.source === "WAREHOUSE" && warehouse ? t("documents.sources.WAREHOUSE", { city: warehouseCity(t, warehouse) }) : t("documents.sources.ORIGIN");
  const facts: [string, string][] = [
    [t("documents.labels.placedOn"), utcDate(order.placedAt, lang)],
    [t("documents.labels.incoterm"), `${order.tradeTerm} ${place} (Incoterms® 2020)`],
    [t("documents.labels.shipsFrom"), shipsFrom],
    [t("documents.labels.leadTime"), t("documents.labels.leadTimeDays", { min: formatNumber(order.leadTimeDaysMin, lang), max: formatNumber(order.leadTimeDaysMax, lang) })],
  ];
  if (order.poNumber) facts.splice(1, 0, [t("documents.labels.poNumber"), order.poNumber]);
  if (order.paidAt) facts.push([t("documents.labels.paidOn"), utcDate(order.paidAt, lang)]);
  if (order.paymentDueOn) facts.push([t("documents.labels.dueOn"), utcDate(order.paymentDueOn, lang)]);
  const columnWidth = CONTENT_WIDTH / 3;
  const startY = doc.y;
  let rowY = startY;
  for (let i = 0; i < facts.length; i += 3) {
    let rowHeight = 0;
    for (const [j, [label, value]] of facts.slice(i, i + 3).entries()) {
      rowHeight = Math.max(rowHeight, block(doc, PAGE.margin + j * columnWidth, rowY, columnWidth - 10, label, [value]));
    }
    rowY += rowHeight + 8;
  }
  doc.x = PAGE.margin;
  doc.y = rowY + 6;
}

function lineTable(ctx: Ctx) {
  const { doc, t, lang, order, sellerCurrency } = ctx;
  const columns = [
    { header: t("documents.labels.sku"), width: 80 },
    { header: t("documents.labels.description"), width: 170 },
    { header: t("documents.labels.hsCode"), width: 55 },
    { header: t("documents.labels.quantity"), width: 45, align: "right" as const },
    { header: t("documents.labels.unitPrice"), width: 82.28, align: "right" as const },
    { header: t("documents.labels.lineTotal"), width: 83, align: "right" as const },
  ];
  const rows = order.lines.map((line) => [
    line.sku,
    lineName(line.names, lang),
    formatHs(line.hsCode),
    formatNumber(line.quantity, lang),
    money(line.unitPriceMinor, sellerCurrency, lang),
    money(line.lineTotalMinor, sellerCurrency, lang),
  ]);
  table(doc, columns, rows);
}

function orderTotals(ctx: Ctx) {
  const { doc, t, lang, order, sellerCurrency, buyerCurrency } = ctx;
  const rows: { label: string; value: string; strong?: boolean }[] = [{ label: t("documents.labels.subtotal"), value: money(order.subtotalMinor, sellerCurrency, lang) }];
  if (order.shippingMinor > 0n) rows.push({ label: t("documents.labels.shipping"), value: money(order.shippingMinor, sellerCurrency, lang) });
  rows.push({ label: t("documents.labels.total", { currency: sellerCurrency.code }), value: money(order.totalMinor, sellerCurrency, lang), strong: sellerCurrency.code === buyerCurrency.code });
  totals(doc, rows);
  if (sellerCurrency.code !== buyerCurrency.code) {
    totals(doc, [{ label: t("documents.labels.totalBuyer", { currency: buyerCurrency.code }), value: money(order.buyerTotalMinor, buyerCurrency, lang), strong: true }]);
    doc.moveDown(0.3);
    const rate = formatNumber(Number(order.fxRate.toString()), lang, { maximumFractionDigits: 6 });
    paragraph(doc, t("documents.labels.rate", { from: sellerCurrency.code, to: buyerCurrency.code, rate, date: utcDate(order.fxRateDate, lang) }), { size: 8, color: GREY });
  }
  doc.moveDown(1);
}

/** How the buyer pays: net terms with the due date, or the platform's account for a T/T with the order's reference. */
function payment(ctx: Ctx, kind: OrderDocumentKind, bank: BankDetails | null) {
  const { doc, t, lang, order, buyerCurrency } = ctx;
  paragraph(doc, t("documents.labels.payment").toUpperCase(), { size: 8, color: GREY, bold: true });
  const outstanding = order.buyerTotalMinor - order.paidMinor;
  if (outstanding <= 0n && order.paidMinor > 0n) {
    paragraph(doc, order.paidAt ? t("documents.payment.paidInFull", { date: utcDate(order.paidAt, lang) }) : t("documents.payment.received", { amount: money(order.paidMinor, buyerCurrency, lang) }));
    if (order.paymentMethod === "STRIPE") paragraph(doc, t("documents.payment.stripe"));
    return;
  }
  if (order.paymentMethod === "TERMS") {
    const days = order.paymentDueOn ? Math.round((order.paymentDueOn.getTime() - Date.UTC(order.placedAt.getUTCFullYear(), order.placedAt.getUTCMonth(), order.placedAt.getUTCDate())) / 86_400_000) : null;
    paragraph(doc, order.paymentDueOn && days ? t("documents.payment.terms", { days: formatNumber(days, lang), date: utcDate(order.paymentDueOn, lang) }) : t("documents.payment.termsNoDate"));
  }
  if (order.paidMinor > 0n) {
    paragraph(doc, `${t("documents.payment.received", { amount: money(order.paidMinor, buyerCurrency, lang) })} · ${t("documents.payment.outstanding", { amount: money(outstanding, buyerCurrency, lang) })}`);
  }
  // The pro-forma always carries the T/T details (a buyer's bank asks for them); an invoice only while money is due.
  if (kind === "invoice" && outstanding <= 0n) return;
  if (!bank) {
    paragraph(doc, t("documents.payment.noAccount", { currency: buyerCurrency.code, reference: order.bankReference }));
    return;
  }
  doc.moveDown(0.3);
  paragraph(doc, t("documents.payment.tt"), { bold: true });
  const rows: [string, string | null, boolean][] = [
    [t("documents.payment.beneficiary"), bank.beneficiary, false],
    [t("documents.payment.bank"), bank.bankName, false],
    [t("documents.payment.iban"), bank.iban, false],
    [t("documents.payment.account"), bank.accountNumber, false],
    [t("documents.payment.swift"), bank.swift, false],
    [t("documents.payment.bankAddress"), bank.bankAddress, false],
    [t("documents.payment.reference"), order.bankReference, true],
  ];
  for (const [label, value, strong] of rows) {
    if (!value) continue;
    // Each row is placed by hand: make room first, or pdfkit would break the page in the middle of it.
    ensureSpace(doc, doc.heightOfString(value, { width: CONTENT_WIDTH - 115 }) + 6);
    const y = doc.y;
    doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(label, PAGE.margin, y, { width: 110 });
    doc.font(strong ? FONT.bold : FONT.regular).fontSize(strong ? 11 : 9).fillColor("#0f172a").text(value, PAGE.margin + 115, y, { width: CONTENT_WIDTH - 115 });
    doc.y = Math.max(doc.y, y + 12) + 1;
  }
  doc.x = PAGE.margin;
  paragraph(doc, t("documents.payment.referenceNote"), { size: 8, color: GREY });
}

/** The product's name in the buyer's language, else English, else any the manufacturer gave. */
export function lineName(names: unknown, lang: Lang): string {
  const record = asRecord(names);
  return text(record[lang]) || text(record.en) || Object.values(record).map(text).find(Boolean) || "";
}

function formatHs(code: string): string {
  const digits = code.trim();
  return digits.length > 4 ? `${digits.slice(0, 4)}.${digits.slice(4, 6)}${digits.length > 6 ? `.${digits.slice(6)}` : ""}` : digits;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function currencyInfo(code: string): CurrencyInfo {
  const trimmed = code.trim();
  return CURRENCIES.find((c) => c.code === trimmed) ?? { code: trimmed, numericCode: "000", exponent: 2, displayDigits: 2 };
}
