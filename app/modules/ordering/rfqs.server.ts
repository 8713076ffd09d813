import { randomUUID } from "node:crypto";
import { redirect } from "@remix-run/node";
import { env } from "~/modules/config/env.server";
import { db, forOrganization, type ScopedDb } from "~/modules/db/index.server";
import type { OrganizationKind, RfqStatus, TradeTerm } from "~/generated/prisma/enums";
import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { formatRfqNumber, responseSeconds, RFQ_NUMBER, RFQ_STATUSES, TRADE_TERMS, type Party } from "./quotes";
import { attributionFor, recordRfqLead, rfqSourceColumns } from "~/modules/showrooms/leads.server";
import type { ShowroomSource } from "~/modules/showrooms/source.server";
import { discardAttachments, notifyRfqParties, publishRfqEvent, storeAttachments, type CheckedFile, type StoredAttachment } from "./rfq-thread.server";

/**
 * Requests for quotes: a buyer asks one manufacturer for a price, about one of its products or a free-form
 * specification; the two negotiate in a thread (quotes.server.ts for the priced offers). Every read and write goes
 * through the acting organization's scoped client: an RFQ is a two-party row, visible to its buyer and its
 * manufacturer and to nobody else.
 */

export { RFQ_STATUSES, TRADE_TERMS };

/** The signed-in member acting for the active organization on the RFQ pages. */
export interface RfqActor {
  userId: string;
  organizationId: string;
  kind: OrganizationKind;
  scoped: ScopedDb;
  /** The language the member writes in: the page's. */
  lang: Lang;
  /** The member's account currency (the default for a target price). */
  currencyCode: string;
}

export type RfqErrorCode =
  | "not_a_buyer"
  | "manufacturer_not_found"
  | "product_not_found"
  | "not_found"
  | "rfq_closed"
  | "nothing_to_counter"
  | "own_offer"
  | "quote_not_open"
  | "quote_expired"
  | "variant_required"
  | "no_origin"
  | "no_rate"
  | "currency_changed";

/** A refusal the pages show in the member's language (`rfq.errors.<code>`), never a 500. */
export class RfqError extends Error {
  constructor(readonly code: RfqErrorCode) {
    super(code);
    this.name = "RfqError";
  }
}

/**
 * The RFQ pages act for the session's active organization, a buyer or a manufacturer; anyone else has no RFQs
 * (404 on a thread; the list and the form say so). Without an active organization the dashboard decides where to go.
 */
export async function requireRfqActor(request: Request, lang: Lang, { partiesOnly = true } = {}): Promise<RfqActor> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) throw redirect(`/${lang}/dashboard`);
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  if (partiesOnly && context.organization.kind !== "BUYER" && context.organization.kind !== "MANUFACTURER") notFound();
  return {
    userId: context.user.id,
    organizationId: context.organization.id,
    kind: context.organization.kind,
    scoped: context.scoped,
    lang,
    currencyCode: context.user.currencyCode.trim(),
  };
}

export function partyOf(actor: Pick<RfqActor, "organizationId">, rfq: { organizationId: string; buyerOrganizationId: string }): Party {
  return rfq.organizationId === actor.organizationId ? "manufacturer" : "buyer";
}

export function parseRfqNumber(text: string | undefined): string | null {
  const normalized = (text ?? "").trim().toUpperCase();
  return RFQ_NUMBER.test(normalized) ? normalized : null;
}

/** The RFQ of this number if the actor's organization is one of its two parties; anything else is "not found". */
export async function findRfqForActor(actor: RfqActor, number: string | undefined) {
  const parsed = parseRfqNumber(number);
  if (!parsed) return null;
  return actor.scoped.rfq.findUnique({ where: { number: parsed } });
}

// ─── Sending ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface NewRfqInput {
  manufacturerId: string;
  productId?: string | null;
  variantId?: string | null;
  title: string;
  specification: string;
  quantity: number;
  destinationCountry: string;
  tradeTerm: TradeTerm;
  targetPriceMinor?: bigint | null;
  targetCurrencyCode?: string | null;
  attachments: CheckedFile[];
  /** The showroom the buyer came from (a scanned QR code), read from its signed cookie by the form. */
  source?: ShowroomSource | null;
}

/** Manufacturers a buyer can ask (the verified ones first), for the free-form request's picker. */
export async function listManufacturers() {
  return db.organization.findMany({
    where: { kind: "MANUFACTURER" },
    orderBy: [{ verificationStatus: "desc" }, { name: "asc" }],
    select: { id: true, name: true },
    take: 500,
  });
}

/**
 * A published product of a manufacturer, read through that manufacturer's scope (published products are public);
 * null for a draft, another manufacturer's product or a malformed id.
 */
export async function findPublishedProduct(manufacturerId: string, productId: string) {
  return forOrganization(manufacturerId).product.findFirst({
    where: { organizationId: manufacturerId, id: productId, status: "PUBLISHED" },
    select: {
      id: true,
      slug: true,
      organizationId: true,
      currencyCode: true,
      incoterm: true,
      moq: true,
      leadTimeDays: true,
      translations: { select: { locale: true, name: true } },
      variants: { select: { id: true, sku: true }, orderBy: { position: "asc" } },
    },
  });
}

/** The product of a catalog page (by slug), with its manufacturer, for "Request a quote". */
export async function findPublishedProductBySlug(slug: string) {
  const owner = await db.$queryRaw<{ organizationId: string; id: string }[]>`
    SELECT "organizationId", "id" FROM "Product" WHERE "slug" = ${slug} AND "status" = 'PUBLISHED' LIMIT 1`;
  const row = owner[0];
  if (!row) return null;
  return findPublishedProduct(row.organizationId, row.id);
}

/**
 * Sends an RFQ: the buyer's member asks the manufacturer. Files are checked before (readAttachments) and stored
 * under the new RFQ's folder; if the write fails they are removed again. The number is the year's next one, given
 * out under a transaction lock so that two requests never share it.
 */
export async function createRfq(actor: RfqActor, input: NewRfqInput, now = new Date()) {
  if (actor.kind !== "BUYER") throw new RfqError("not_a_buyer");
  const manufacturer = await db.organization.findFirst({ where: { id: input.manufacturerId, kind: "MANUFACTURER" }, select: { id: true } });
  if (!manufacturer) throw new RfqError("manufacturer_not_found");
  let variantId: string | null = null;
  if (input.productId) {
    const product = await findPublishedProduct(manufacturer.id, input.productId);
    if (!product) throw new RfqError("product_not_found");
    variantId = input.variantId ? (product.variants.find((v) => v.id === input.variantId)?.id ?? null) : (product.variants.length === 1 ? product.variants[0]!.id : null);
    if (input.variantId && !variantId) throw new RfqError("product_not_found");
  }
  // A scan in a showroom attributes the request to the storefront and booth and makes it the manufacturer's lead.
  const attribution = await attributionFor(input.source, manufacturer.id);
  const id = randomUUID();
  const stored = await storeAttachments(id, input.attachments);
  const keys = stored.map((file) => file.key);
  try {
    const respondBy = new Date(now.getTime() + env().RFQ_RESPONSE_DAYS * 24 * 60 * 60 * 1000);
    const created = await actor.scoped.$transaction(async (tx) => {
      const number = await nextRfqNumber(tx, now);
      const rfq = await tx.rfq.create({
        data: {
          id,
          number,
          organizationId: manufacturer.id,
          buyerOrganizationId: actor.organizationId,
          createdById: actor.userId,
          productId: input.productId ?? null,
          variantId,
          title: input.title,
          specification: input.specification,
          quantity: input.quantity,
          destinationCountry: input.destinationCountry,
          tradeTerm: input.tradeTerm,
          targetPriceMinor: input.targetPriceMinor ?? null,
          targetCurrencyCode: input.targetPriceMinor != null ? (input.targetCurrencyCode ?? null) : null,
          attachmentKeys: keys,
          respondBy,
          ...rfqSourceColumns(attribution),
          createdAt: now,
        },
      });
      await recordAttachments(tx, rfq, stored, now);
      if (attribution) await recordRfqLead(tx, rfq, attribution, actor);
      // The request itself opens the thread, in the buyer's language, so the conversation reads from the start.
      await tx.rfqMessage.create({
        data: {
          organizationId: manufacturer.id,
          buyerOrganizationId: actor.organizationId,
          rfqId: rfq.id,
          authorUserId: actor.userId,
          authorOrganizationId: actor.organizationId,
          body: input.specification || input.title,
          locale: actor.lang,
          attachmentKeys: keys,
          createdAt: now,
        },
      });
      return rfq;
    });
    await notifyRfqParties(created, { kind: "rfq_received" });
    return created;
  } catch (error) {
    await discardAttachments(keys);
    throw error;
  }
}

type Tx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];

/** Each stored file's uploaded name and type, beside the keys the RFQ or message lists. */
async function recordAttachments(tx: Tx, rfq: { id: string; organizationId: string; buyerOrganizationId: string }, stored: StoredAttachment[], now: Date) {
  if (stored.length === 0) return;
  await tx.rfqAttachment.createMany({ data: stored.map((file) => ({ organizationId: rfq.organizationId, buyerOrganizationId: rfq.buyerOrganizationId, rfqId: rfq.id, ...file, createdAt: now })) });
}

/** The year's next "RFQ-2026-000042". Numbers span every organization, so this reads them all (raw, in the transaction). */
async function nextRfqNumber(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  // Held until the transaction ends: a concurrent request waits here instead of taking the same number.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ponte.rfq-number'))`;
  const rows = await tx.$queryRaw<{ last: string | null }[]>`
    SELECT max("number") AS "last" FROM "Rfq" WHERE "number" LIKE ${`RFQ-${year}-%`}`;
  const last = rows[0]?.last ? Number(RFQ_NUMBER.exec(rows[0].last)?.[2] ?? 0) : 0;
  return formatRfqNumber(year, last + 1);
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface RfqListFilter {
  status?: RfqStatus | null;
}

/** The organization's RFQs (sent or received), newest first, with the number of messages it has not read. */
export async function listRfqs(actor: RfqActor, filter: RfqListFilter = {}) {
  const rfqs = await actor.scoped.rfq.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      quantity: true,
      tradeTerm: true,
      destinationCountry: true,
      respondBy: true,
      createdAt: true,
      updatedAt: true,
      organizationId: true,
      buyerOrganizationId: true,
    },
  });
  const unread = rfqs.length
    ? await actor.scoped.rfqMessage.findMany({
        where: { rfqId: { in: rfqs.map((r) => r.id) }, readAt: null, authorOrganizationId: { not: actor.organizationId } },
        select: { rfqId: true },
      })
    : [];
  const unreadBy = new Map<string, number>();
  for (const message of unread) unreadBy.set(message.rfqId, (unreadBy.get(message.rfqId) ?? 0) + 1);
  const counterpartIds = [...new Set(rfqs.map((r) => (partyOf(actor, r) === "buyer" ? r.organizationId : r.buyerOrganizationId)))];
  const counterparts = await organizationNames(counterpartIds);
  return rfqs.map((r) => ({
    ...r,
    party: partyOf(actor, r),
    counterpart: counterparts.get(partyOf(actor, r) === "buyer" ? r.organizationId : r.buyerOrganizationId) ?? "",
    unread: unreadBy.get(r.id) ?? 0,
  }));
}

/** Names of organizations (public data: a party sees who the other is). */
export async function organizationNames(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((o) => [o.id, o.name]));
}

/**
 * Everything the thread page shows. Opening it is reading it: the other side's unread messages get their read
 * receipt, and the other side sees it live.
 */
export async function loadRfqThread(actor: RfqActor, number: string | undefined, now = new Date()) {
  const rfq = await findRfqForActor(actor, number);
  if (!rfq) return null;
  const marked = await actor.scoped.rfqMessage.updateMany({
    where: { rfqId: rfq.id, readAt: null, authorOrganizationId: { not: actor.organizationId } },
    data: { readAt: now },
  });
  if (marked.count > 0) publishRfqEvent({ type: "read", rfqId: rfq.id, readerOrganizationId: actor.organizationId });
  const [messages, quotes, names, users, files] = await Promise.all([
    actor.scoped.rfqMessage.findMany({ where: { rfqId: rfq.id }, orderBy: { createdAt: "asc" }, take: 1000 }),
    actor.scoped.quote.findMany({ where: { rfqId: rfq.id }, orderBy: { createdAt: "asc" } }),
    organizationNames([rfq.organizationId, rfq.buyerOrganizationId]),
    authorNames(rfq.id, actor.scoped),
    rfqAttachmentNames(actor, rfq.id),
  ]);
  const product = rfq.productId ? await findProductSummary(rfq.organizationId, rfq.productId) : null;
  const order = quotes.some((q) => q.status === "ACCEPTED")
    ? await actor.scoped.order.findFirst({ where: { quoteId: { in: quotes.filter((q) => q.status === "ACCEPTED").map((q) => q.id) } }, select: { number: true } })
    : null;
  const variants = partyOf(actor, rfq) === "manufacturer" ? await manufacturerVariants(actor, rfq.productId) : [];
  return { rfq, party: partyOf(actor, rfq), messages, quotes, names, users, files, product, order, variants };
}

async function authorNames(rfqId: string, scoped: ScopedDb): Promise<Map<string, string>> {
  const authors = await scoped.rfqMessage.findMany({ where: { rfqId, authorUserId: { not: null } }, distinct: ["authorUserId"], select: { authorUserId: true } });
  const ids = authors.map((a) => a.authorUserId!).filter(Boolean);
  if (!ids.length) return new Map();
  // A user's display name is shown to the other party of a thread they wrote in.
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

async function findProductSummary(manufacturerId: string, productId: string) {
  return forOrganization(manufacturerId).product.findFirst({
    where: { id: productId },
    select: { slug: true, status: true, translations: { select: { locale: true, name: true } } },
  });
}

/** The SKUs a manufacturer can quote: the RFQ's product's, else its whole catalog's (a free-form request). */
async function manufacturerVariants(actor: RfqActor, productId: string | null) {
  const variants = await actor.scoped.productVariant.findMany({
    where: productId ? { productId } : {},
    orderBy: [{ sku: "asc" }],
    take: 500,
    select: { id: true, sku: true, product: { select: { currencyCode: true, leadTimeDays: true, translations: { select: { locale: true, name: true } } } } },
  });
  return variants.map((v) => ({ id: v.id, sku: v.sku, names: v.product.translations, currencyCode: v.product.currencyCode.trim(), leadTimeDays: v.product.leadTimeDays }));
}

/** A name in the viewer's language, else English, else any. */
export function nameIn(translations: { locale: string; name: string }[], lang: Lang): string {
  return (translations.find((t) => t.locale === lang) ?? translations.find((t) => t.locale === "en") ?? translations[0])?.name ?? "";
}

// ─── Writing in the thread ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Records the manufacturer's first answer (a message or a quote): when, and how many seconds after the request.
 * Written once (the filter on firstResponseAt), whatever answers come after.
 */
export async function recordFirstResponse(tx: Pick<ScopedDb, "rfq">, rfq: { id: string; createdAt: Date }, now: Date) {
  await tx.rfq.updateMany({
    where: { id: rfq.id, firstResponseAt: null },
    data: { firstResponseAt: now, responseSeconds: responseSeconds(rfq.createdAt, now) },
  });
}

/** A message in the thread, in the writer's language, with attachments already checked (readAttachments). */
export async function postRfqMessage(actor: RfqActor, number: string | undefined, input: { body: string; attachments: CheckedFile[] }, now = new Date()) {
  const rfq = await findRfqForActor(actor, number);
  if (!rfq) throw new RfqError("not_found");
  if (rfq.status !== "OPEN" && rfq.status !== "QUOTED") throw new RfqError("rfq_closed");
  const stored = await storeAttachments(rfq.id, input.attachments);
  const keys = stored.map((file) => file.key);
  try {
    const message = await actor.scoped.$transaction(async (tx) => {
      await recordAttachments(tx, rfq, stored, now);
      const created = await tx.rfqMessage.create({
        data: {
          organizationId: rfq.organizationId,
          buyerOrganizationId: rfq.buyerOrganizationId,
          rfqId: rfq.id,
          authorUserId: actor.userId,
          authorOrganizationId: actor.organizationId,
          body: input.body,
          locale: actor.lang,
          attachmentKeys: keys,
          createdAt: now,
        },
      });
      if (partyOf(actor, rfq) === "manufacturer") await recordFirstResponse(tx, rfq, now);
      // The list orders and shows activity by it.
      await tx.rfq.update({ where: { id: rfq.id }, data: { updatedAt: now } });
      return created;
    });
    publishRfqEvent({ type: "message", rfqId: rfq.id, messageId: message.id, authorOrganizationId: actor.organizationId });
    return message;
  } catch (error) {
    await discardAttachments(keys);
    throw error;
  }
}

/**
 * Ends a negotiation still open: the buyer withdraws its request (CLOSED, "withdrawn"), the manufacturer declines
 * it (DECLINED, "declined": an answer, so it counts as the first response if nothing came before). An open offer
 * goes with it.
 */
export async function closeRfq(actor: RfqActor, number: string | undefined, now = new Date()) {
  const rfq = await findRfqForActor(actor, number);
  if (!rfq) throw new RfqError("not_found");
  const byBuyer = partyOf(actor, rfq) === "buyer";
  await actor.scoped.$transaction(async (tx) => {
    const result = await tx.rfq.updateMany({
      where: { id: rfq.id, status: { in: ["OPEN", "QUOTED"] } },
      data: byBuyer ? { status: "CLOSED", closedReason: "withdrawn", updatedAt: now } : { status: "DECLINED", closedReason: "declined", updatedAt: now },
    });
    if (result.count === 0) throw new RfqError("rfq_closed");
    await tx.quote.updateMany({ where: { rfqId: rfq.id, status: "OFFERED" }, data: { status: "SUPERSEDED", decidedAt: now } });
    if (!byBuyer) await recordFirstResponse(tx, rfq, now);
  });
  publishRfqEvent({ type: "status", rfqId: rfq.id });
}

/** Is this key one of the thread's files (the request's or a message's)? The download route asks before serving. */
export async function rfqHasAttachment(actor: RfqActor, rfq: { id: string; attachmentKeys: string[] }, key: string): Promise<boolean> {
  if (rfq.attachmentKeys.includes(key)) return true;
  const message = await actor.scoped.rfqMessage.findFirst({ where: { rfqId: rfq.id, attachmentKeys: { has: key } }, select: { id: true } });
  return Boolean(message);
}

/** The uploaded names of the thread's files by key (files from before names were kept have none). */
export async function rfqAttachmentNames(actor: RfqActor, rfqId: string, keys?: string[]): Promise<Map<string, { fileName: string; contentType: string; sizeBytes: number }>> {
  const rows = await actor.scoped.rfqAttachment.findMany({ where: { rfqId, ...(keys ? { key: { in: keys } } : {}) }, select: { key: true, fileName: true, contentType: true, sizeBytes: true } });
  return new Map(rows.map((row) => [row.key, row]));
}
