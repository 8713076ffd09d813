import { redirect } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client";
import type { LeadStatus } from "~/generated/prisma/enums";
import { env } from "~/modules/config/env.server";
import { db, forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { isUuid, notFound } from "~/modules/http/responses.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { viewerFor } from "~/modules/i18n/locale";
import { runWithViewer } from "~/modules/i18n/viewer.server";
import { currentQueue, enqueue } from "~/modules/jobs/queue.server";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { hitRateLimit } from "~/modules/security/rate-limit.server";
import { hashToken, randomToken } from "~/modules/security/tokens.server";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { CONSENT_VERSION, type ContactLeadForm, type LeadKind } from "./lead-schemas";
import type { ShowroomSource } from "./source.server";

/**
 * Showroom leads: a visitor's interest in a manufacturer, with where it came from (storefront, booth, product,
 * event). A lead is the manufacturer's row (organizationId); a signed-in buyer's lead also names the buyer
 * (buyerOrganizationId), so either party reaches it through its scoped client and nobody else does. The park
 * operator never reads a lead: its insight counts them (insight.server.ts).
 *
 * Kinds: "rfq" (an RFQ sent after a scan, written in the RFQ's transaction), "sample_order" (an order placed with
 * lines added after a scan, written in the checkout's transaction), "contact" (the booth's contact form: a guest with
 * explicit consent, or a signed-in buyer).
 */

// ─── attribution ───────────────────────────────────────────────────────────────────────────────────────────────

/** Where a lead, RFQ or order line came from, once checked against the manufacturer it goes to. */
export interface LeadAttribution {
  storefrontId: string;
  boothId: string | null;
  eventId: string | null;
}

/**
 * The visitor's showroom source, as it applies to one manufacturer: only while that manufacturer is featured in the
 * storefront (ACCEPTED); the booth only when it is that manufacturer's; the event only when it belongs to the
 * storefront. A scan at one maker's booth followed by an RFQ to a maker in another hall attributes nothing.
 * System read (participations are the manufacturers' rows, the booth and event the operator's).
 */
export async function attributionFor(source: ShowroomSource | null | undefined, manufacturerId: string): Promise<LeadAttribution | null> {
  if (!source || !isUuid(source.storefrontId) || !isUuid(manufacturerId)) return null;
  const participation = await unscopedDb.storefrontParticipation.findFirst({
    where: { storefrontId: source.storefrontId, organizationId: manufacturerId, status: "ACCEPTED" },
    select: { booth: { select: { id: true } } },
  });
  if (!participation) return null;
  const boothId = source.boothId && participation.booth?.id === source.boothId ? source.boothId : null;
  let eventId: string | null = null;
  if (source.eventId && isUuid(source.eventId)) {
    const event = await unscopedDb.showroomEvent.findFirst({ where: { id: source.eventId, storefrontId: source.storefrontId }, select: { id: true } });
    eventId = event?.id ?? null;
  }
  return { storefrontId: source.storefrontId, boothId, eventId };
}

/** The source columns of an RFQ (or a cart line, without the event) from an attribution. */
export function rfqSourceColumns(attribution: LeadAttribution | null) {
  return { sourceStorefrontId: attribution?.storefrontId ?? null, sourceBoothId: attribution?.boothId ?? null, sourceEventId: attribution?.eventId ?? null };
}

/** Anything that can create a lead: the application client, a scoped client, or either's transaction. */
interface LeadWriter {
  showroomLead: { create(args: { data: Prisma.ShowroomLeadUncheckedCreateInput; select: { id: true } }): Promise<{ id: string }> };
}

/**
 * The lead of an attributed RFQ, in the RFQ's transaction (the buyer's scoped client may write it: the buyer is one
 * of its two parties). A signed-in buyer gave no consent form: the lead names the buyer, not a person's details.
 */
export async function recordRfqLead(
  tx: LeadWriter & { organization: { findUnique(args: { where: { id: string }; select: { countryCode: true } }): Promise<{ countryCode: string } | null> } },
  rfq: { id: string; organizationId: string; buyerOrganizationId: string; createdById: string | null; productId: string | null; createdAt: Date },
  attribution: LeadAttribution,
  buyer: { organizationId: string; lang: Lang },
): Promise<void> {
  // In the transaction: on the embedded database a read beside it would wait for its one connection.
  const organization = await tx.organization.findUnique({ where: { id: buyer.organizationId }, select: { countryCode: true } });
  await tx.showroomLead.create({
    data: {
      organizationId: rfq.organizationId,
      buyerOrganizationId: rfq.buyerOrganizationId,
      userId: rfq.createdById,
      storefrontId: attribution.storefrontId,
      boothId: attribution.boothId,
      eventId: attribution.eventId,
      productId: rfq.productId,
      kind: "rfq",
      countryCode: organization?.countryCode.trim() || null,
      locale: buyer.lang,
      rfqId: rfq.id,
      createdAt: rfq.createdAt,
    },
    select: { id: true },
  });
}

/** One order of a checkout with the showroom source of its lines (null where a line had none). */
export interface SourcedOrder {
  orderId: string;
  manufacturerId: string;
  lines: { productId: string; sourceStorefrontId: string | null; sourceBoothId: string | null }[];
}

/**
 * A "sample_order" lead per placed order with a line added after a scan, in the checkout's transaction: the first
 * such line names the storefront, booth and product. The source was checked when the line was added.
 */
export async function recordOrderLeads(tx: LeadWriter, orders: SourcedOrder[], buyer: { organizationId: string; userId: string; countryCode: string; locale: Lang }, now: Date): Promise<number> {
  let written = 0;
  for (const order of orders) {
    const line = order.lines.find((l) => l.sourceStorefrontId);
    if (!line?.sourceStorefrontId) continue;
    await tx.showroomLead.create({
      data: {
        organizationId: order.manufacturerId,
        buyerOrganizationId: buyer.organizationId,
        userId: buyer.userId,
        storefrontId: line.sourceStorefrontId,
        boothId: line.sourceBoothId,
        productId: line.productId,
        kind: "sample_order",
        countryCode: buyer.countryCode.trim() || null,
        locale: buyer.locale,
        orderId: order.orderId,
        createdAt: now,
      },
      select: { id: true },
    });
    written += 1;
  }
  return written;
}

// ─── the booth's contact form ────────────────────────────────────────────────────────────────────────────────────

export type LeadErrorCode = "storefront_not_found" | "booth" | "product" | "rate_limited" | "not_found" | "closed" | "erased" | "not_allowed";

/** A refusal the pages show in the visitor's language (`showrooms.leads.errors.<code>`), never a 500. */
export class LeadError extends Error {
  constructor(
    readonly code: LeadErrorCode,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "LeadError";
  }
}

/** Guest contact forms per client address: a hall's shared Wi-Fi sends many, a script sends more. */
export const CONTACT_LIMIT = { attempts: 20, windowSeconds: 60 * 60 } as const;

/** Who sends the contact form: a guest, or a signed-in member of a buyer organization. */
export type ContactVisitor = { kind: "guest"; ip: string } | { kind: "buyer"; ip: string; userId: string; organizationId: string; countryCode: string };

/** The manufacturer behind a booth code or a product slug of a published storefront, if it is featured there. */
export async function contactTarget(storefrontSlug: string, boothCode: string, productSlug: string) {
  const storefront = await unscopedDb.storefront.findFirst({ where: { slug: storefrontSlug, status: "PUBLISHED" }, select: { id: true, organizationId: true, name: true, languages: true } });
  if (!storefront) throw new LeadError("storefront_not_found", 404);
  let boothManufacturer: string | null = null;
  let boothId: string | null = null;
  if (boothCode) {
    const booth = await unscopedDb.storefrontBooth.findFirst({
      where: { storefrontId: storefront.id, code: { equals: boothCode, mode: "insensitive" }, participation: { status: "ACCEPTED" } },
      select: { id: true, code: true, participation: { select: { organizationId: true } } },
    });
    if (!booth?.participation) throw new LeadError("booth", 400);
    boothManufacturer = booth.participation.organizationId;
    boothId = booth.id;
  }
  let product: { id: string; organizationId: string } | null = null;
  if (productSlug) {
    product = await db.$queryRaw<{ id: string; organizationId: string }[]>`
      SELECT "id", "organizationId" FROM "Product" WHERE "slug" = ${productSlug} AND "status" = 'PUBLISHED' LIMIT 1`.then((rows) => rows[0] ?? null);
    if (!product || (boothManufacturer && product.organizationId !== boothManufacturer)) throw new LeadError("product", 400);
  }
  const manufacturerId = boothManufacturer ?? product!.organizationId;
  const participation = await unscopedDb.storefrontParticipation.findFirst({ where: { storefrontId: storefront.id, organizationId: manufacturerId, status: "ACCEPTED" }, select: { id: true } });
  if (!participation) throw new LeadError(boothCode ? "booth" : "product", 400);
  const manufacturer = await db.organization.findUniqueOrThrow({ where: { id: manufacturerId }, select: { id: true, name: true, legalNameZh: true } });
  return { storefront, boothId, productId: product?.id ?? null, manufacturer };
}

export interface ContactLeadResult {
  leadId: string;
  /** Guests only: the withdrawal link was emailed; the page says where. */
  emailed: boolean;
}

/**
 * Records a contact lead. A guest's personal data is kept only with the consent they ticked (the form refuses it
 * otherwise), with the version of the text they saw; their withdrawal link (its token stored hashed) goes to them by
 * email in their language. The manufacturer's members are told in-app and by email, without the guest's details.
 */
export async function createContactLead(
  input: { storefrontSlug: string; form: ContactLeadForm; locale: Lang; visitor: ContactVisitor; source: ShowroomSource | null },
  now = new Date(),
): Promise<ContactLeadResult> {
  const limit = await hitRateLimit(`showroom-contact:ip:${input.visitor.ip}`, CONTACT_LIMIT.attempts, CONTACT_LIMIT.windowSeconds);
  if (!limit.allowed) throw new LeadError("rate_limited", 429, { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
  const target = await contactTarget(input.storefrontSlug, input.form.boothCode, input.form.productSlug);
  // The event on when the visitor scanned, when that scan was in this storefront.
  const eventId = input.source?.storefrontId === target.storefront.id ? ((await attributionFor(input.source, target.manufacturer.id))?.eventId ?? null) : null;
  const guest = input.visitor.kind === "guest";
  const token = guest && input.form.email ? randomToken() : null;
  const form = input.form;
  const lead = await unscopedDb.$transaction(async (tx) => {
    const created = await tx.showroomLead.create({
      data: {
        organizationId: target.manufacturer.id,
        buyerOrganizationId: input.visitor.kind === "buyer" ? input.visitor.organizationId : null,
        userId: input.visitor.kind === "buyer" ? input.visitor.userId : null,
        storefrontId: target.storefront.id,
        boothId: target.boothId,
        productId: target.productId,
        eventId,
        kind: "contact" satisfies LeadKind,
        countryCode: form.countryCode || (input.visitor.kind === "buyer" ? input.visitor.countryCode.trim() : null) || null,
        name: form.name || null,
        company: form.company || null,
        email: form.email || null,
        phone: form.phone || null,
        message: form.message,
        locale: input.locale,
        consentAt: guest ? now : null,
        consentVersion: guest ? CONSENT_VERSION : null,
        withdrawTokenHash: token ? hashToken(token) : null,
        createdAt: now,
      },
      select: { id: true },
    });
    const emailIds: string[] = [];
    if (token && form.email) {
      const t = serverT(input.locale);
      const storefrontName = localizedName(target.storefront.name, input.locale);
      const maker = makerName(target.manufacturer, input.locale);
      const link = `${env().APP_URL}/${input.locale}/leads/withdraw/${token}`;
      const text = [
        t("showrooms.leads.email.receipt.greeting", { name: form.name }),
        "",
        t("showrooms.leads.email.receipt.body", { maker, storefront: storefrontName }),
        "",
        t("showrooms.leads.email.receipt.consent", { text: t(`showrooms.leads.consent.${CONSENT_VERSION}`, { maker }) }),
        "",
        t("showrooms.leads.email.receipt.withdraw", { link }),
      ].join("\n");
      const row = await tx.emailMessage.create({ data: { toAddress: form.email.toLowerCase(), subject: t("showrooms.leads.email.receipt.subject", { maker }), text, kind: leadEmailKind(created.id, "receipt") }, select: { id: true } });
      emailIds.push(row.id);
    }
    emailIds.push(...(await notifyManufacturerOfLead(tx, target.manufacturer.id, created.id, target.storefront.name)));
    return { id: created.id, emailIds };
  });
  await deliver(lead.emailIds);
  emitToOrganization(target.manufacturer.id, "organization:changed", { area: "notifications" });
  return { leadId: lead.id, emailed: Boolean(token) };
}

/**
 * Emails about a lead carry its id in their kind ("showroom.lead:<id>:reply"): erasure finds and removes them.
 */
export function leadEmailKind(leadId: string, what: "receipt" | "reply"): string {
  return `showroom.lead:${leadId}:${what}`;
}

type SystemTx = Prisma.TransactionClient;

/** In-app notice and email to each member of the manufacturer, in their language; no personal data of the visitor. */
async function notifyManufacturerOfLead(tx: SystemTx, manufacturerId: string, leadId: string, storefrontNames: unknown): Promise<string[]> {
  const [organization, members] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: manufacturerId }, select: { name: true, countryCode: true } }),
    tx.membership.findMany({ where: { organizationId: manufacturerId }, orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, email: true, name: true, locale: true } } } }),
  ]);
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const emails: Prisma.EmailMessageCreateManyInput[] = [];
  runWithViewer(viewerFor(organization.countryCode), () => {
    for (const { user } of members) {
      const lang: Lang = isLang(user.locale) ? user.locale : "en";
      const t = serverT(lang);
      const href = `/${lang}/leads/${leadId}`;
      const values = { storefront: localizedName(storefrontNames, lang) };
      const title = t("showrooms.leads.notice.newLead.title", values);
      const body = t("showrooms.leads.notice.newLead.body", values);
      notifications.push({ userId: user.id, organizationId: manufacturerId, kind: "showroom.lead_received", title, body, href });
      emails.push({ toAddress: user.email, subject: title, text: [t("activity.email.greeting", { name: user.name }), "", body, "", t("activity.email.open", { link: `${env().APP_URL}${href}` }), "", "—", t("activity.email.footer", { organization: organization.name })].join("\n"), kind: "notification.showroom.lead_received" });
    }
  });
  if (notifications.length) await tx.notification.createMany({ data: notifications });
  const rows = emails.length ? await tx.emailMessage.createManyAndReturn({ data: emails, select: { id: true } }) : [];
  return rows.map((r) => r.id);
}

/** Queues emails written in a committed transaction; a failure leaves them PENDING for the outbox sweep. */
export async function deliver(emailIds: string[]) {
  if (!currentQueue()) return;
  for (const emailId of emailIds) {
    try {
      await enqueue("email.send", { emailId }, { singletonKey: emailId });
    } catch (error) {
      console.error("[showrooms] enqueue failed; the sweep will retry", error);
    }
  }
}

// ─── reading ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A name stored per language ({ "pt": "…", "zh": "…" }) in the reader's, else the first there is. */
export function localizedName(names: unknown, lang: Lang): string {
  if (!names || typeof names !== "object") return "";
  const record = names as Record<string, unknown>;
  const value = record[lang] ?? record.en ?? Object.values(record).find((v) => typeof v === "string" && v);
  return typeof value === "string" ? value : "";
}

/** On Chinese pages a company with a Chinese legal name is shown by it. */
export function makerName(organization: { name: string; legalNameZh?: string | null }, lang: Lang): string {
  return lang === "zh" && organization.legalNameZh ? organization.legalNameZh : organization.name;
}

/** The signed-in member's side of the leads pages: a manufacturer (its inbox) or a buyer (its own contacts). */
export interface LeadActor {
  userId: string;
  organizationId: string;
  kind: "MANUFACTURER" | "BUYER";
  scoped: ScopedDb;
  lang: Lang;
}

export interface LeadFilter {
  storefront?: string;
  booth?: string;
  status?: LeadStatus;
}

/**
 * The actor's leads, newest first: a manufacturer's received leads (filters by storefront, booth, status), a buyer's
 * own. Through the scoped client, and pinned to the actor's side, so another tenant's lead never appears.
 */
export async function listLeads(actor: LeadActor, filter: LeadFilter = {}, take = 200) {
  const side = actor.kind === "MANUFACTURER" ? { organizationId: actor.organizationId } : { buyerOrganizationId: actor.organizationId };
  const leads = await actor.scoped.showroomLead.findMany({
    where: { ...side, ...(filter.storefront ? { storefrontId: filter.storefront } : {}), ...(filter.booth ? { boothId: filter.booth } : {}), ...(filter.status ? { status: filter.status } : {}) },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      storefrontId: true,
      boothId: true,
      productId: true,
      eventId: true,
      countryCode: true,
      name: true,
      company: true,
      buyerOrganizationId: true,
      organizationId: true,
      erasedAt: true,
      rfqId: true,
      orderId: true,
      createdAt: true,
    },
  });
  const context = await sourceContext(actor, leads);
  return leads.map((lead) => ({ ...lead, ...describeSource(lead, context, actor.lang) }));
}

/** The storefronts, booths and events the manufacturer was featured in (its filters). */
export async function leadFilterOptions(actor: LeadActor) {
  if (actor.kind !== "MANUFACTURER") return { storefronts: [], booths: [] };
  const participations = await actor.scoped.storefrontParticipation.findMany({ where: { organizationId: actor.organizationId }, select: { id: true, storefrontId: true } });
  // Booths and storefronts are the operator's rows: read beside the maker's own participations, not through them.
  const [storefronts, booths] = await Promise.all([
    unscopedDb.storefront.findMany({ where: { id: { in: participations.map((p) => p.storefrontId) } }, select: { id: true, name: true } }),
    unscopedDb.storefrontBooth.findMany({ where: { participationId: { in: participations.map((p) => p.id) } }, select: { id: true, code: true, storefrontId: true }, orderBy: { code: "asc" } }),
  ]);
  const nameOf = new Map(storefronts.map((s) => [s.id, localizedName(s.name, actor.lang)]));
  return {
    storefronts: storefronts.map((s) => ({ value: s.id, label: nameOf.get(s.id) ?? "" })),
    booths: booths.map((b) => ({ value: b.id, label: `${b.code} · ${nameOf.get(b.storefrontId) ?? ""}` })),
  };
}

type SourceRow = { storefrontId: string; boothId: string | null; productId: string | null; eventId: string | null; rfqId: string | null; orderId: string | null; buyerOrganizationId: string | null; organizationId: string };

/**
 * Names for the leads' sources: storefronts, booths and events are the operator's public rows; products, RFQs and
 * orders are read through the actor's scoped client (its own, or the two parties').
 */
async function sourceContext(actor: LeadActor, leads: SourceRow[]) {
  const ids = (pick: (l: SourceRow) => string | null) => [...new Set(leads.map(pick).filter((v): v is string => Boolean(v)))];
  const [storefronts, booths, events, products, rfqs, orders, organizations] = await Promise.all([
    unscopedDb.storefront.findMany({ where: { id: { in: ids((l) => l.storefrontId) } }, select: { id: true, name: true, slug: true } }),
    unscopedDb.storefrontBooth.findMany({ where: { id: { in: ids((l) => l.boothId) } }, select: { id: true, code: true } }),
    unscopedDb.showroomEvent.findMany({ where: { id: { in: ids((l) => l.eventId) } }, select: { id: true, title: true } }),
    db.$queryRaw<{ id: string; slug: string; name: string | null }[]>`
      SELECT p."id", p."slug", (SELECT t."name" FROM "ProductTranslation" t WHERE t."productId" = p."id" ORDER BY (t."locale"::text = ${actor.lang}) DESC, (t."locale" = p."sourceLocale") DESC LIMIT 1) AS "name"
      FROM "Product" p WHERE p."id" = ANY(${ids((l) => l.productId)}::uuid[])`,
    actor.scoped.rfq.findMany({ where: { id: { in: ids((l) => l.rfqId) } }, select: { id: true, number: true, status: true } }),
    actor.scoped.order.findMany({ where: { id: { in: ids((l) => l.orderId) } }, select: { id: true, number: true, status: true } }),
    db.organization.findMany({ where: { id: { in: ids((l) => (actor.kind === "MANUFACTURER" ? l.buyerOrganizationId : l.organizationId)) } }, select: { id: true, name: true, legalNameZh: true } }),
  ]);
  return {
    side: actor.kind,
    storefronts: new Map(storefronts.map((s) => [s.id, s])),
    booths: new Map(booths.map((b) => [b.id, b.code])),
    events: new Map(events.map((e) => [e.id, e.title])),
    products: new Map(products.map((p) => [p.id, p])),
    rfqs: new Map(rfqs.map((r) => [r.id, r])),
    orders: new Map(orders.map((o) => [o.id, o])),
    organizations: new Map(organizations.map((o) => [o.id, makerName(o, actor.lang)])),
  };
}

function describeSource(lead: SourceRow, context: Awaited<ReturnType<typeof sourceContext>>, lang: Lang) {
  const storefront = context.storefronts.get(lead.storefrontId);
  const product = lead.productId ? context.products.get(lead.productId) : undefined;
  return {
    storefrontName: storefront ? localizedName(storefront.name, lang) : "",
    storefrontSlug: storefront?.slug ?? null,
    boothCode: lead.boothId ? (context.booths.get(lead.boothId) ?? null) : null,
    eventTitle: lead.eventId ? localizedName(context.events.get(lead.eventId), lang) || null : null,
    product: product ? { slug: product.slug, name: product.name ?? product.slug } : null,
    rfq: lead.rfqId ? (context.rfqs.get(lead.rfqId) ?? null) : null,
    order: lead.orderId ? (context.orders.get(lead.orderId) ?? null) : null,
    /** The manufacturer sees the buyer company; the buyer sees the manufacturer. */
    counterpart: context.organizations.get((context.side === "MANUFACTURER" ? lead.buyerOrganizationId : lead.organizationId) ?? "") ?? null,
  };
}

/** One lead of the actor's side with its replies; null (a 404) for another tenant's lead or a malformed id. */
export async function loadLead(actor: LeadActor, leadId: string | undefined) {
  if (!isUuid(leadId)) return null;
  const side = actor.kind === "MANUFACTURER" ? { organizationId: actor.organizationId } : { buyerOrganizationId: actor.organizationId };
  const lead = await actor.scoped.showroomLead.findFirst({
    where: { id: leadId, ...side },
    include: { replies: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, authorUserId: true } } },
  });
  if (!lead) return null;
  const context = await sourceContext(actor, [lead]);
  const authors = await db.user.findMany({ where: { id: { in: lead.replies.map((r) => r.authorUserId).filter((v): v is string => Boolean(v)) } }, select: { id: true, name: true } });
  const authorName = new Map(authors.map((a) => [a.id, a.name]));
  return { ...lead, ...describeSource(lead, context, actor.lang), replies: lead.replies.map((r) => ({ ...r, authorName: r.authorUserId ? (authorName.get(r.authorUserId) ?? null) : null })) };
}

// ─── answering ───────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The manufacturer answers a lead: the reply is kept with the lead; a guest gets it by email in the lead's language
 * (through the outbox), a signed-in buyer in-app (the buyer's page shows the text). The first answer marks it
 * ANSWERED. An erased or closed lead takes no answer.
 */
export async function replyToLead(actor: LeadActor, leadId: string | undefined, body: string, now = new Date()) {
  if (actor.kind !== "MANUFACTURER") throw new LeadError("not_allowed", 403);
  const lead = await loadLead(actor, leadId);
  if (!lead) throw new LeadError("not_found", 404);
  if (lead.erasedAt) throw new LeadError("erased", 409);
  if (lead.status === "CLOSED") throw new LeadError("closed", 409);
  const maker = await db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true, legalNameZh: true } });
  const result = await unscopedDb.$transaction(async (tx) => {
    await tx.showroomLeadReply.create({ data: { organizationId: lead.organizationId, buyerOrganizationId: lead.buyerOrganizationId, leadId: lead.id, authorUserId: actor.userId, body, createdAt: now } });
    const updated = await tx.showroomLead.updateMany({ where: { id: lead.id, organizationId: actor.organizationId, erasedAt: null }, data: { status: "ANSWERED", answeredAt: lead.answeredAt ?? now } });
    // Erased meanwhile (the guest withdrew while the maker typed): nothing is sent.
    if (updated.count === 0) throw new LeadError("erased", 409);
    const lang: Lang = isLang(lead.locale) ? lead.locale : "en";
    const t = serverT(lang);
    const makerShown = makerName(maker, lang);
    const emailIds: string[] = [];
    if (!lead.userId && lead.email) {
      const text = [
        lead.name ? t("showrooms.leads.email.receipt.greeting", { name: lead.name }) : "",
        "",
        t("showrooms.leads.email.reply.intro", { maker: makerShown, storefront: lead.storefrontName }),
        "",
        body,
        "",
        "—",
        t("showrooms.leads.email.reply.withdraw", { date: formatDate(lead.createdAt, lang) }),
      ].join("\n");
      const row = await tx.emailMessage.create({ data: { toAddress: lead.email, subject: t("showrooms.leads.email.reply.subject", { maker: makerShown }), text, kind: leadEmailKind(lead.id, "reply") }, select: { id: true } });
      emailIds.push(row.id);
    }
    let buyerOrganization: string | null = null;
    if (lead.userId && lead.buyerOrganizationId) {
      const member = await tx.membership.findFirst({ where: { organizationId: lead.buyerOrganizationId, userId: lead.userId }, select: { user: { select: { locale: true } } } });
      if (member) {
        const userLang: Lang = isLang(member.user.locale) ? member.user.locale : lang;
        const ut = serverT(userLang);
        await tx.notification.create({
          data: {
            userId: lead.userId,
            organizationId: lead.buyerOrganizationId,
            kind: "showroom.lead_answered",
            title: ut("showrooms.leads.notice.answered.title", { maker: makerName(maker, userLang) }),
            body: ut("showrooms.leads.notice.answered.body", { storefront: lead.storefrontName }),
            href: `/${userLang}/leads/${lead.id}`,
          },
        });
        buyerOrganization = lead.buyerOrganizationId;
      }
    }
    return { emailIds, buyerOrganization };
  });
  await deliver(result.emailIds);
  if (result.buyerOrganization) emitToOrganization(result.buyerOrganization, "organization:changed", { area: "notifications" });
}

/** The manufacturer closes a lead (done with it); it stays in the counts. */
export async function closeLead(actor: LeadActor, leadId: string | undefined) {
  if (actor.kind !== "MANUFACTURER") throw new LeadError("not_allowed", 403);
  if (!isUuid(leadId)) throw new LeadError("not_found", 404);
  const updated = await actor.scoped.showroomLead.updateMany({ where: { id: leadId, organizationId: actor.organizationId }, data: { status: "CLOSED" } });
  if (updated.count === 0) throw new LeadError("not_found", 404);
}

/** New leads of a manufacturer (the inbox badge). */
export async function newLeadCount(organizationId: string) {
  return forOrganization(organizationId).showroomLead.count({ where: { organizationId, status: "NEW" } });
}

/**
 * The leads pages act for the session's active organization: a manufacturer (its inbox) or a buyer (its own
 * contacts). Any other organization has no leads here (404); without an active organization the dashboard decides.
 */
export async function requireLeadActor(request: Request, lang: Lang): Promise<LeadActor> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) throw redirect(`/${lang}/dashboard`);
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  const kind = context.organization.kind;
  if (kind !== "MANUFACTURER" && kind !== "BUYER") notFound();
  return { userId: context.user.id, organizationId: context.organization.id, kind, scoped: context.scoped, lang };
}

/**
 * The contact page of a published storefront: its booths with a featured manufacturer (the picker), and the booth or
 * product the visitor came from when the link named one (unknown ones are simply not preselected).
 */
export async function presentContactPage(storefrontSlug: string, boothCode: string | null, productSlug: string | null, lang: Lang) {
  const storefront = await unscopedDb.storefront.findFirst({ where: { slug: storefrontSlug, status: "PUBLISHED" }, select: { id: true, slug: true, name: true } });
  if (!storefront) return null;
  const booths = await unscopedDb.storefrontBooth.findMany({
    where: { storefrontId: storefront.id, participation: { status: "ACCEPTED" } },
    orderBy: { code: "asc" },
    select: { code: true, participation: { select: { organizationId: true } } },
  });
  const makers = await db.organization.findMany({ where: { id: { in: booths.map((b) => b.participation!.organizationId) } }, select: { id: true, name: true, legalNameZh: true } });
  const makerOf = new Map(makers.map((m) => [m.id, makerName(m, lang)]));
  const options = booths.map((b) => ({ value: b.code, label: `${b.code} · ${makerOf.get(b.participation!.organizationId) ?? ""}`, maker: makerOf.get(b.participation!.organizationId) ?? "" }));
  const booth = boothCode ? options.find((o) => o.value.toLowerCase() === boothCode.toLowerCase()) : undefined;
  let product: { slug: string; name: string; maker: string } | null = null;
  if (productSlug && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(productSlug)) {
    const rows = await db.$queryRaw<{ slug: string; organizationId: string; name: string | null }[]>`
      SELECT p."slug", p."organizationId", (SELECT t."name" FROM "ProductTranslation" t WHERE t."productId" = p."id" ORDER BY (t."locale"::text = ${lang}) DESC, (t."locale" = p."sourceLocale") DESC LIMIT 1) AS "name"
      FROM "Product" p WHERE p."slug" = ${productSlug} AND p."status" = 'PUBLISHED' LIMIT 1`;
    const row = rows[0];
    const maker = row ? makerOf.get(row.organizationId) : undefined;
    // Only a product of a maker featured here, and of the booth when one is named.
    if (row && maker && (!booth || booth.maker === maker)) product = { slug: row.slug, name: row.name ?? row.slug, maker };
  }
  return {
    storefront: { slug: storefront.slug, name: localizedName(storefront.name, lang) },
    booths: options.map(({ value, label }) => ({ value, label })),
    boothCode: booth?.value ?? null,
    product,
    makerName: booth?.maker ?? product?.maker ?? null,
  };
}
