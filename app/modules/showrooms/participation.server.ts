import type { ParticipationStatus } from "~/generated/prisma/enums";
import { unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { organizationDisplayName } from "~/modules/tenancy/display-name";
import { localized } from "./localized-text";
import type { OperatorDb } from "./operator-scope.server";
import { notifyOrganizationMembers } from "./showroom-notices.server";

/**
 * A manufacturer's consent to be featured. The operator invites (or re-invites after a decline or a departure) and
 * may withdraw an invitation still pending; the manufacturer accepts, declines, and may leave at any time. Only an
 * ACCEPTED participation features the manufacturer (operator-scope.server.ts: featuredManufacturerFilter), so leaving
 * takes its products off every public page at once; its booth is released in the same transaction.
 */

export type ParticipationErrorCode = "alreadyInvited" | "notManufacturer" | "notPending" | "notAccepted" | "boothTaken" | "notFound";
export class ParticipationError extends Error {
  constructor(readonly code: ParticipationErrorCode) {
    super(code);
    this.name = "ParticipationError";
  }
}

/** Where the manufacturer answers: its invitations page. */
export const INVITATIONS_PATH = "/showroom-invitations";

interface Organizationish {
  id: string;
  name: string;
  legalNameZh: string | null;
  city: string | null;
  countryCode: string;
}

async function organizationsById(ids: readonly string[]): Promise<Map<string, Organizationish>> {
  if (ids.length === 0) return new Map();
  // Shared rows (public company profiles): names to show, nothing tenant-owned.
  const rows = await unscopedDb.organization.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, legalNameZh: true, city: true, countryCode: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

/** The participations of one of the operator's storefronts, with names and booths, pending first. */
export async function listParticipations(operator: OperatorDb, storefrontId: string, lang: Lang) {
  const rows = await operator.storefrontParticipation.findMany({
    where: { storefrontId },
    orderBy: [{ invitedAt: "desc" }],
    select: { id: true, organizationId: true, status: true, message: true, invitedAt: true, respondedAt: true, leftAt: true, booth: { select: { id: true, code: true } } },
  });
  const names = await organizationsById(rows.map((r) => r.organizationId));
  const order: Record<ParticipationStatus, number> = { INVITED: 0, ACCEPTED: 1, DECLINED: 2, LEFT: 3, WITHDRAWN: 4 };
  return rows
    .map((row) => {
      const org = names.get(row.organizationId);
      return {
        id: row.id,
        manufacturerId: row.organizationId,
        manufacturer: org ? organizationDisplayName(org, lang) : "",
        city: org?.city ?? "",
        status: row.status,
        message: row.message,
        invitedAt: row.invitedAt.toISOString(),
        respondedAt: row.respondedAt?.toISOString() ?? null,
        leftAt: row.leftAt?.toISOString() ?? null,
        booth: row.booth,
      };
    })
    .sort((a, b) => order[a.status] - order[b.status]);
}

/**
 * Manufacturers the operator may invite: verified, with at least one published product (what the public catalog
 * shows), matched by name (Latin or Chinese), and not already invited to or featured in this storefront.
 */
export async function searchManufacturers(operator: OperatorDb, storefrontId: string, query: string, lang: Lang) {
  const q = query.trim().slice(0, 80);
  const taken = await operator.storefrontParticipation.findMany({ where: { storefrontId, status: { in: ["INVITED", "ACCEPTED"] } }, select: { organizationId: true } });
  // Public catalog data across tenants: which companies sell in the catalog, by name.
  const rows = await unscopedDb.organization.findMany({
    where: {
      kind: "MANUFACTURER",
      verificationStatus: "VERIFIED",
      id: { notIn: taken.map((t) => t.organizationId) },
      products: { some: { status: "PUBLISHED" } },
      ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { legalNameZh: { contains: q } }, { legalNameLatin: { contains: q, mode: "insensitive" as const } }] } : {}),
    },
    orderBy: { name: "asc" },
    take: 20,
    select: { id: true, name: true, legalNameZh: true, city: true, countryCode: true },
  });
  return rows.map((r) => ({ id: r.id, name: organizationDisplayName(r, lang), city: r.city }));
}

/** Invites a manufacturer (or again, after a decline, a departure or a withdrawal) and tells its members. */
export async function inviteManufacturer(operator: OperatorDb, input: { storefrontId: string; manufacturerId: string; message: string; invitedById: string }) {
  const existing = await operator.storefrontParticipation.findFirst({ where: { storefrontId: input.storefrontId, organizationId: input.manufacturerId }, select: { id: true, status: true } });
  if (existing && (existing.status === "INVITED" || existing.status === "ACCEPTED")) throw new ParticipationError("alreadyInvited");
  const manufacturer = await unscopedDb.organization.findFirst({ where: { id: input.manufacturerId, kind: "MANUFACTURER" }, select: { id: true } });
  if (!manufacturer) throw new ParticipationError("notManufacturer");
  const data = { status: "INVITED" as const, message: input.message, invitedAt: new Date(), invitedById: input.invitedById };
  const id = existing
    ? (await operator.storefrontParticipation.updateMany({ where: { id: existing.id, status: existing.status }, data })).count === 1
      ? existing.id
      : null
    : (await operator.storefrontParticipation.create({ data: { ...data, storefrontId: input.storefrontId, organizationId: input.manufacturerId }, select: { id: true } })).id;
  if (!id) throw new ParticipationError("alreadyInvited");
  await notifyInvitation(input.storefrontId, input.manufacturerId, input.message);
  return { id };
}

async function storefrontNames(storefrontId: string) {
  // The operator's storefront and name, for a notice written to another organization (system work).
  const storefront = await unscopedDb.storefront.findUnique({ where: { id: storefrontId }, select: { name: true, languages: true, slug: true, organizationId: true } });
  const operator = storefront ? await unscopedDb.organization.findUnique({ where: { id: storefront.organizationId }, select: { name: true, legalNameZh: true } }) : null;
  return { storefront, operator };
}

async function notifyInvitation(storefrontId: string, manufacturerId: string, message: string) {
  const { storefront, operator } = await storefrontNames(storefrontId);
  if (!storefront || !operator) return;
  await notifyOrganizationMembers(manufacturerId, {
    kind: "showroom.invitation",
    path: INVITATIONS_PATH,
    compose: (lang) => {
      const t = serverT(lang);
      const values = { operator: organizationDisplayName(operator, lang), storefront: localized(storefront.name, lang, storefront.languages)?.value ?? storefront.slug };
      const body = t("showrooms.console.notices.invitation.body", values);
      return { title: t("showrooms.console.notices.invitation.title", values), body: message ? `${body}\n\n“${message}”` : body };
    },
  });
}

/** The operator withdraws an invitation not answered yet. */
export async function withdrawInvitation(operator: OperatorDb, storefrontId: string, participationId: string) {
  const { count } = await operator.storefrontParticipation.updateMany({ where: { id: participationId, storefrontId, status: "INVITED" }, data: { status: "WITHDRAWN" } });
  if (count === 0) throw new ParticipationError("notPending");
}

/**
 * Gives a booth to an accepted manufacturer (one booth each: a booth it had is released), or releases it (null).
 * The participation is read through the operator's scope, so it must belong to this storefront.
 */
export async function assignBooth(operator: OperatorDb, storefrontId: string, boothId: string, participationId: string | null) {
  const booth = await operator.storefrontBooth.findFirst({ where: { id: boothId, storefrontId }, select: { id: true } });
  if (!booth) throw new ParticipationError("notFound");
  if (participationId) {
    const participation = await operator.storefrontParticipation.findFirst({ where: { id: participationId, storefrontId }, select: { status: true } });
    if (!participation) throw new ParticipationError("notFound");
    if (participation.status !== "ACCEPTED") throw new ParticipationError("notAccepted");
  }
  await operator.$transaction(async (tx) => {
    if (participationId) await tx.storefrontBooth.updateMany({ where: { storefrontId, participationId, id: { not: boothId } }, data: { participationId: null } });
    await tx.storefrontBooth.updateMany({ where: { id: boothId, storefrontId }, data: { participationId } });
  });
  purgePublicPages();
}

// ─── The manufacturer's side ────────────────────────────────────────────────────────────────────────────────────

/** A manufacturer's invitations and participations (its own rows), with the storefronts' public names. */
export async function listMyParticipations(scoped: ScopedDb, lang: Lang) {
  const rows = await scoped.storefrontParticipation.findMany({
    orderBy: [{ invitedAt: "desc" }],
    select: { id: true, storefrontId: true, status: true, message: true, invitedAt: true, respondedAt: true, leftAt: true },
  });
  // The storefronts are the operators' rows: their names, city, status and the booth given, read as system work.
  const storefronts = rows.length
    ? await unscopedDb.storefront.findMany({
        where: { id: { in: rows.map((r) => r.storefrontId) } },
        select: { id: true, slug: true, status: true, name: true, languages: true, city: true, organizationId: true, booths: { where: { participationId: { in: rows.map((r) => r.id) } }, select: { code: true, participationId: true } } },
      })
    : [];
  const operators = await organizationsById(storefronts.map((s) => s.organizationId));
  const byId = new Map(storefronts.map((s) => [s.id, s]));
  const order: Record<ParticipationStatus, number> = { INVITED: 0, ACCEPTED: 1, LEFT: 2, DECLINED: 3, WITHDRAWN: 4 };
  return rows
    .map((row) => {
      const storefront = byId.get(row.storefrontId);
      const operator = storefront ? operators.get(storefront.organizationId) : undefined;
      return {
        id: row.id,
        status: row.status,
        message: row.message,
        invitedAt: row.invitedAt.toISOString(),
        respondedAt: row.respondedAt?.toISOString() ?? null,
        leftAt: row.leftAt?.toISOString() ?? null,
        storefront: storefront
          ? { slug: storefront.slug, published: storefront.status === "PUBLISHED", name: localized(storefront.name, lang, storefront.languages)?.value ?? storefront.slug, city: storefront.city }
          : null,
        operator: operator ? organizationDisplayName(operator, lang) : "",
        booth: storefront?.booths.find((b) => b.participationId === row.id)?.code ?? null,
      };
    })
    .sort((a, b) => order[a.status] - order[b.status]);
}

export type ParticipationAnswer = "accept" | "decline" | "leave";
const ANSWERS: Record<ParticipationAnswer, { from: ParticipationStatus; to: ParticipationStatus }> = {
  accept: { from: "INVITED", to: "ACCEPTED" },
  decline: { from: "INVITED", to: "DECLINED" },
  leave: { from: "ACCEPTED", to: "LEFT" },
};

/**
 * The manufacturer answers an invitation or leaves (through its own scoped client: the participation is its row).
 * Leaving releases its booth in the same transaction, and the page cache is purged so nothing of it stays public.
 */
export async function answerParticipation(scoped: ScopedDb, input: { participationId: string; answer: ParticipationAnswer; userId: string }) {
  if (!isUuid(input.participationId)) throw new ParticipationError("notFound");
  const rule = ANSWERS[input.answer];
  const now = new Date();
  const participation = await scoped.storefrontParticipation.findFirst({ where: { id: input.participationId }, select: { id: true, storefrontId: true, organizationId: true, status: true } });
  if (!participation) throw new ParticipationError("notFound");
  if (participation.status !== rule.from) throw new ParticipationError(rule.from === "INVITED" ? "notPending" : "notAccepted");
  await scoped.$transaction(async (tx) => {
    const { count } = await tx.storefrontParticipation.updateMany({
      where: { id: participation.id, status: rule.from },
      data: { status: rule.to, ...(input.answer === "leave" ? { leftAt: now } : { respondedAt: now, respondedById: input.userId }) },
    });
    if (count === 0) throw new ParticipationError(rule.from === "INVITED" ? "notPending" : "notAccepted");
  });
  if (input.answer === "leave") {
    // The booth is the operator's row: released by the system on the manufacturer's word, visibly unscoped.
    await unscopedDb.storefrontBooth.updateMany({ where: { participationId: participation.id }, data: { participationId: null } });
  }
  purgePublicPages();
  await notifyOperator(participation.storefrontId, participation.organizationId, input.answer);
}

async function notifyOperator(storefrontId: string, manufacturerId: string, answer: ParticipationAnswer) {
  const { storefront } = await storefrontNames(storefrontId);
  const manufacturer = (await organizationsById([manufacturerId])).get(manufacturerId);
  if (!storefront || !manufacturer) return;
  await notifyOrganizationMembers(storefront.organizationId, {
    kind: `showroom.${answer}`,
    path: `/park/storefronts/${storefrontId}/manufacturers`,
    compose: (lang) => {
      const t = serverT(lang);
      const values = { manufacturer: organizationDisplayName(manufacturer, lang), storefront: localized(storefront.name, lang, storefront.languages)?.value ?? storefront.slug };
      return { title: t(`showrooms.console.notices.${answer}.title`, values), body: t(`showrooms.console.notices.${answer}.body`, values) };
    },
  });
}
