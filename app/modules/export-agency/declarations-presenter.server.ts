import type { DeclarationStatus, CustomsMode } from "~/generated/prisma/enums";

import type { Prisma } from "~/generated/prisma/client";
import { unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney, minorToDecimalInput } from "~/modules/money/money";
import type { DeclarationDocuments } from "./declaration-documents";
import { actionsFrom, CUSTOMS_MODES, DECLARATION_STATUSES, isEditable, QUEUE_FILTERS, type QueueFilter } from "./declaration-status";
import { gatherDeclarationDocuments, gatherDeclarationDocumentsMany } from "./declarations.server";
import { kilograms, matchDocuments, type Mismatch } from "./matching";
import { declarationOrigin } from "./export-documents.server";

/**
 * The agency desk's and the manufacturer's declaration pages, assembled and formatted here so the routes stay thin
 * (parse → authorize → call → render). The desk reads across organizations (unscopedDb, behind requireExportAgent);
 * the manufacturer's list goes through its scoped client.
 */


export interface QueueQuery {
  status: QueueFilter;
  mode: CustomsMode | null;
}

export function queueQueryFrom(params: URLSearchParams): QueueQuery {
  const status = QUEUE_FILTERS.find((s) => s === params.get("status")) ?? "OPEN";
  const mode = CUSTOMS_MODES.find((m) => m === params.get("mode")) ?? null;
  return { status, mode };
}

function currency(code: string): CurrencyInfo {
  return CURRENCIES.find((c) => c.code === code.trim()) ?? { code: code.trim(), numericCode: "000", exponent: 2, displayDigits: 2 };
}

export function money(amountMinor: bigint, code: string, lang: Lang): string {
  return formatMoney({ amountMinor, currency: currency(code) }, lang);
}

/** A mismatch in words, in `lang`: amounts (`…Minor` + `currency`) formatted as money. */
export function mismatchMessage(mismatch: Mismatch, lang: Lang): string {
  const t = serverT(lang);
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(mismatch.params)) {
    if (key.endsWith("Minor") && typeof mismatch.params.currency === "string") params[key.slice(0, -5)] = money(BigInt(value), mismatch.params.currency, lang);
    else if (key.endsWith("Kg")) params[key] = kgNumber(String(value), lang);
    else params[key] = value;
  }
  if (typeof params.document === "string") params.document = t(`agency.documents.${params.document}`);
  if (typeof params.mode === "string") params.mode = t(`agency.transport.${params.mode}`);
  return t(`agency.mismatch.${mismatch.code}`, params);
}

function presentMismatches(docs: DeclarationDocuments, lang: Lang) {
  return matchDocuments(docs).map((m) => ({ code: m.code, message: mismatchMessage(m, lang), href: `/${lang}${m.href}` }));
}

function subjectOf(d: { orderId: string | null; inboundShipmentId: string | null }, orders: Map<string, string>, shipments: Map<string, string>) {
  if (d.orderId) return orders.get(d.orderId) ?? "";
  return d.inboundShipmentId ? (shipments.get(d.inboundShipmentId) ?? "") : "";
}

/** The agent's work queue: oldest first, with what blocks each (the mismatch count and the first mismatch). */
export async function presentQueue(lang: Lang, query: QueueQuery, now = new Date()) {
  const t = serverT(lang);
  const where: Prisma.ExportDeclarationWhereInput = {};
  if (query.status === "OPEN") where.status = { not: "CLEARED" };
  else if (query.status !== "ALL") where.status = query.status;
  if (query.mode) where.mode = query.mode;
  const [rows, counts] = await Promise.all([
    unscopedDb.exportDeclaration.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { number: "asc" }],
      take: 200,
      select: { id: true, number: true, status: true, mode: true, organizationId: true, orderId: true, inboundShipmentId: true, createdAt: true, rejectionReason: true, version: true },
    }),
    unscopedDb.exportDeclaration.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const [orgs, orders, shipments] = await Promise.all([
    unscopedDb.organization.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.organizationId))] } }, select: { id: true, name: true, legalNameZh: true } }),
    unscopedDb.order.findMany({ where: { id: { in: rows.flatMap((r) => (r.orderId ? [r.orderId] : [])) } }, select: { id: true, number: true } }),
    unscopedDb.inboundShipment.findMany({ where: { id: { in: rows.flatMap((r) => (r.inboundShipmentId ? [r.inboundShipmentId] : [])) } }, select: { id: true, reference: true } }),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, lang === "zh" ? (o.legalNameZh ?? o.name) : o.name]));
  const orderNo = new Map(orders.map((o) => [o.id, o.number]));
  const shipmentRef = new Map(shipments.map((s) => [s.id, s.reference]));
  // What blocks a draft or validated declaration is its mismatches: their documents are read for all of them at once.
  const documents = await gatherDeclarationDocumentsMany(
    unscopedDb,
    rows.filter((r) => r.status === "DRAFT" || r.status === "VALIDATED").map((r) => r.id),
  );
  const items = [];
  for (const row of rows) {
    let blocker: { kind: "mismatches" | "ready" | "customs" | "rejected" | "none"; text: string; count: number; href: string | null };
    if (row.status === "DRAFT" || row.status === "VALIDATED") {
      const docs = documents.get(row.id);
      const mismatches = docs ? presentMismatches(docs, lang) : [];
      blocker =
        mismatches.length > 0
          ? { kind: "mismatches", count: mismatches.length, text: mismatches[0]!.message, href: mismatches[0]!.href }
          : { kind: "ready", count: 0, text: t(row.status === "DRAFT" ? "agency.queue.blockers.readyToValidate" : "agency.queue.blockers.readyToSubmit"), href: null };
    } else if (row.status === "SUBMITTED" || row.status === "RELEASED") {
      blocker = { kind: "customs", count: 0, text: t(`agency.queue.blockers.${row.status}`), href: null };
    } else if (row.status === "REJECTED") {
      blocker = { kind: "rejected", count: 0, text: t("agency.queue.blockers.REJECTED", { reason: row.rejectionReason ?? "" }), href: null };
    } else {
      blocker = { kind: "none", count: 0, text: t("agency.queue.blockers.CLEARED"), href: null };
    }
    items.push({
      number: row.number,
      status: row.status,
      mode: row.mode,
      version: row.version,
      exporter: orgName.get(row.organizationId) ?? "",
      subject: subjectOf(row, orderNo, shipmentRef),
      created: formatDate(row.createdAt, lang, { dateStyle: "medium", timeZone: "UTC" }),
      ageDays: Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / 86_400_000)),
      blocker,
    });
  }
  const byStatus = Object.fromEntries(DECLARATION_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?._count._all ?? 0])) as Record<DeclarationStatus, number>;
  return { items, byStatus };
}

/** "1452.5" → "1.452,5" in Portuguese: one decimal, the reader's separators (a display of an exact string). */
function kgNumber(kg: string, lang: Lang) {
  return formatNumber(Number(kg), lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function grams(g: number | null, lang: Lang) {
  if (g === null) return "";
  return `${kgNumber(kilograms(g), lang)} kg`;
}

/** One declaration, for the agent (with the forms) or the manufacturer (read-only), in `lang`. */
export async function presentDeclaration(lang: Lang, declarationId: string, viewer: "agent" | "manufacturer") {
  const docs = await gatherDeclarationDocuments(unscopedDb, declarationId);
  if (!docs) return null;
  const t = serverT(lang);
  const d = docs.declaration;
  const [events, receipts] = await Promise.all([
    unscopedDb.exportDeclarationEvent.findMany({ where: { declarationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    unscopedDb.customsReceipt.findMany({ where: { declarationId }, orderBy: { receivedAt: "desc" } }),
  ]);
  const actorIds = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
  const actors = new Map((await unscopedDb.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u.name || u.email]));
  const row = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { id: declarationId }, select: { submittedAt: true, rejectionReason: true, validatedAt: true } });
  const cur = docs.order.currencyCode;
  const m = (v: bigint, c = cur) => money(v, c, lang);
  const name = (names: Record<string, string>, fallback: string) => names[lang] ?? names.en ?? names.zh ?? fallback;
  const mismatches = presentMismatches(docs, lang);
  const editable = isEditable(d.status);
  return {
    number: d.number,
    guid: d.guid,
    version: d.version,
    status: d.status,
    mode: d.mode,
    modeCode: d.mode === "B2B_DIRECT_9710" ? "9710" : "9810",
    destinationCountry: d.destinationCountry,
    created: formatDate(d.createdAt, lang, { dateStyle: "medium", timeZone: "UTC" }),
    rejectionReason: row.rejectionReason,
    editable,
    lockedBecause: editable ? null : t("agency.declaration.locked", { date: row.submittedAt ? formatDate(row.submittedAt, lang, { dateStyle: "medium", timeZone: "UTC" }) : "", status: t(`agency.status.${d.status}`) }),
    actions: viewer === "agent" ? actionsFrom(d.status) : [],
    mismatches,
    parties: [
      { role: "agency", name: docs.agency.nameZh && lang === "zh" ? docs.agency.nameZh : docs.agency.name, code: docs.agency.code, country: docs.agency.countryCode },
      { role: "exporter", name: docs.exporter.nameZh && lang === "zh" ? docs.exporter.nameZh : docs.exporter.name, code: docs.exporter.code, country: docs.exporter.countryCode },
      { role: "consignee", name: docs.consignee.name, code: docs.consignee.code, country: docs.consignee.countryCode },
    ],
    order: {
      number: docs.order.number,
      orderType: docs.order.orderType,
      incoterm: docs.order.incoterm,
      placed: formatDate(docs.order.placedAt, lang, { dateStyle: "medium", timeZone: "UTC" }),
      goodsValue: m(docs.order.goodsValueMinor),
      freight: m(docs.order.freightMinor),
      total: m(docs.order.goodsValueMinor + docs.order.freightMinor),
      lines: docs.order.lines.map((l) => ({ position: l.position, sku: l.sku, name: name(l.names, l.sku), quantity: l.quantity, unitPrice: m(l.unitPriceMinor), total: m(l.totalMinor) })),
      href: docs.order.href ? `/${lang}${docs.order.href}` : null,
    },
    receipt: docs.receipt
      ? {
          payNo: docs.receipt.payNo,
          payerName: docs.receipt.payerName,
          charge: m(docs.receipt.chargeMinor, docs.receipt.currencyCode),
          chargeInOrderCurrency: docs.receipt.currencyCode === cur ? null : m(docs.receipt.chargeInOrderCurrencyMinor),
          accountingDate: formatDate(docs.receipt.accountingDate, lang, { dateStyle: "medium", timeZone: "UTC" }),
        }
      : null,
    waybill: {
      logisticsCode: docs.waybill.logisticsCode,
      logisticsName: docs.waybill.logisticsName,
      logisticsNo: docs.waybill.logisticsNo,
      transportMode: docs.waybill.transportMode,
      containerNumber: docs.waybill.containerNumber ?? "",
      freight: m(docs.waybill.freightMinor),
      insuredFee: m(docs.waybill.insuredFeeMinor),
      grossWeight: grams(docs.waybill.grossWeightG, lang),
      packages: docs.waybill.packages,
      currencyCode: cur,
      form: {
        logisticsCode: docs.waybill.logisticsCode,
        logisticsName: docs.waybill.logisticsName,
        logisticsNo: docs.waybill.logisticsNo,
        transportMode: docs.waybill.transportMode,
        containerNumber: docs.waybill.containerNumber ?? "",
        freight: minorToDecimalInput(docs.waybill.freightMinor, currency(cur).exponent),
        insuredFee: minorToDecimalInput(docs.waybill.insuredFeeMinor, currency(cur).exponent),
        grossWeightKg: docs.waybill.grossWeightG === null ? "" : String(docs.waybill.grossWeightG / 1000),
        packages: docs.waybill.packages === null ? "" : String(docs.waybill.packages),
        customsOfficeCode: d.customsOfficeCode,
        portCode: d.portCode,
      },
    },
    list: docs.lines.map((l) => ({
      position: l.position,
      sku: l.sku,
      itemName: l.itemName,
      name: name(l.names, l.itemName),
      hsCode: l.hsCode,
      quantity: l.quantity,
      unitPrice: m(l.unitPriceMinor),
      total: m(l.totalMinor),
      netWeight: grams(l.netWeightG, lang),
      grossWeight: grams(l.grossWeightG, lang),
    })),
    packing: { grossWeight: grams(docs.packing.grossWeightG, lang), netWeight: grams(docs.packing.netWeightG, lang), packages: docs.packing.packages, grossKg: String(docs.packing.grossWeightG / 1000) },
    receipts: receipts.map((r) => ({ id: r.id, messageType: r.messageType, returnStatus: r.returnStatus, returnInfo: r.returnInfo, received: formatDateTime(r.receivedAt, lang) })),
    history: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      label: t(`agency.events.${e.kind}`, { defaultValue: e.kind }),
      from: e.fromStatus ? t(`agency.status.${e.fromStatus}`) : null,
      to: t(`agency.status.${e.toStatus}`),
      who: e.actorUserId ? (actors.get(e.actorUserId) ?? "") : t("agency.declaration.history.system"),
      when: formatDateTime(e.createdAt, lang),
      note: e.note,
      previous: e.previous && typeof e.previous === "object" ? describePrevious(e.previous as Record<string, unknown>, t) : null,
    })),
    // The XML messages are linked by the customs panel (app/components/export-agency/customs-messages.tsx).
    /** Certificate-of-origin data (FTA destinations) or the plain origin statement, as the commercial invoice prints it. */
    origin: declarationOrigin(docs),
    downloads: [
      { key: "invoice", label: t("agency.declaration.downloads.invoice"), href: `/${lang}/agency/declarations/${d.number}/commercial-invoice.pdf` },
      { key: "packing", label: t("agency.declaration.downloads.packing"), href: `/${lang}/agency/declarations/${d.number}/packing-list.pdf` },
    ],
  };
}

/** The form's label of a field an event kept ("waybillGrossWeightG" → the gross weight's label, in grams). */
const PREVIOUS_LABELS: Record<string, string> = {
  logisticsNo: "fields.logisticsNo",
  logisticsCode: "fields.logisticsCode",
  logisticsName: "fields.logisticsName",
  transportMode: "fields.transportMode",
  containerNumber: "fields.containerNumber",
  waybillPackages: "fields.packages",
  hsCode: "fields.hsCode",
  customsOfficeCode: "waybillForm.customsOffice",
  portCode: "waybillForm.port",
};

/** "Waybill number: —; Gross weight (waybill): 41000 g": what a correction or an amendment replaced, compactly. */
function describePrevious(previous: Record<string, unknown>, t: ReturnType<typeof serverT>): string {
  return Object.entries(previous)
    .filter(([key]) => key !== "lines")
    .map(([key, value]) => {
      const shown = value === null || value === "" ? "—" : String(value);
      if (key === "waybillGrossWeightG") return `${t("agency.declaration.fields.waybillGrossWeight")}: ${shown === "—" ? shown : `${shown} g`}`;
      const label = PREVIOUS_LABELS[key];
      return `${label ? t(`agency.declaration.${label}`) : key}: ${shown}`;
    })
    .join("; ");
}

/** The manufacturer's own declarations (its scoped client), newest first, with where each stands. */
export async function presentManufacturerDeclarations(scoped: ScopedDb, lang: Lang) {
  const rows = await scoped.exportDeclaration.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { number: true, status: true, mode: true, orderId: true, inboundShipmentId: true, createdAt: true, version: true },
  });
  const [orders, shipments] = await Promise.all([
    scoped.order.findMany({ where: { id: { in: rows.flatMap((r) => (r.orderId ? [r.orderId] : [])) } }, select: { id: true, number: true } }),
    scoped.inboundShipment.findMany({ where: { id: { in: rows.flatMap((r) => (r.inboundShipmentId ? [r.inboundShipmentId] : [])) } }, select: { id: true, reference: true } }),
  ]);
  const orderNo = new Map(orders.map((o) => [o.id, o.number]));
  const shipmentRef = new Map(shipments.map((s) => [s.id, s.reference]));
  return rows.map((r) => ({
    number: r.number,
    status: r.status,
    mode: r.mode,
    version: r.version,
    subject: subjectOf(r, orderNo, shipmentRef),
    created: formatDate(r.createdAt, lang, { dateStyle: "medium", timeZone: "UTC" }),
  }));
}

export type DeclarationView = NonNullable<Awaited<ReturnType<typeof presentDeclaration>>>;
