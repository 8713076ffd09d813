import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { hashToken } from "~/modules/security/tokens.server";
import { LeadError, type LeadActor } from "./leads.server";

/**
 * Withdrawing consent erases a lead's personal data, at once and in one transaction: the lead's name, company,
 * email, phone and message, the person and company it named, the withdrawal token, the bodies of the manufacturer's
 * replies, and the lead's emails in the outbox (queued ones never leave; sent ones no longer keep the address and
 * text here). What stays is an anonymous row — storefront, booth, product, event, kind, country, dates — that the
 * funnel keeps counting. The database refuses an erased lead holding personal data (CHECK ShowroomLead_erased_is_empty).
 *
 * The RFQ or order a lead points at is a business record of its own and stays as it is.
 */

export type WithdrawResult = { erased: true; leadId: string } | { erased: false; reason: "unknown" | "already" };

/** The guest's link: /{lang}/leads/withdraw/{token}. An unknown token and an already erased lead are told apart only as "already done or unknown". */
export async function withdrawByToken(token: string, now = new Date()): Promise<WithdrawResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { erased: false, reason: "unknown" };
  const lead = await unscopedDb.showroomLead.findUnique({ where: { withdrawTokenHash: hashToken(token) }, select: { id: true, erasedAt: true } });
  if (!lead) return { erased: false, reason: "unknown" };
  if (lead.erasedAt) return { erased: false, reason: "already" };
  await eraseLead(lead.id, now);
  return { erased: true, leadId: lead.id };
}

/** A signed-in buyer withdraws from its own side (the leads page): only a lead naming the buyer's organization. */
export async function withdrawForBuyer(actor: LeadActor, leadId: string | undefined, now = new Date()) {
  if (actor.kind !== "BUYER") throw new LeadError("not_allowed", 403);
  if (!isUuid(leadId)) throw new LeadError("not_found", 404);
  const lead = await actor.scoped.showroomLead.findFirst({ where: { id: leadId, buyerOrganizationId: actor.organizationId }, select: { id: true, erasedAt: true } });
  if (!lead) throw new LeadError("not_found", 404);
  if (lead.erasedAt) throw new LeadError("erased", 409);
  await eraseLead(lead.id, now);
}

/** Erases one lead (system work: the lead, its replies and its emails span the manufacturer, the buyer and the outbox). */
export async function eraseLead(leadId: string, now = new Date()): Promise<void> {
  await unscopedDb.$transaction(async (tx) => {
    // Held until commit: a reply being written to this lead waits, then finds it erased.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ShowroomLead" WHERE "id" = ${leadId}::uuid AND "erasedAt" IS NULL FOR UPDATE`;
    if (locked.length === 0) return;
    await tx.showroomLead.update({
      where: { id: leadId },
      data: {
        name: null,
        company: null,
        email: null,
        phone: null,
        message: null,
        userId: null,
        buyerOrganizationId: null,
        withdrawTokenHash: null,
        withdrawnAt: now,
        erasedAt: now,
      },
    });
    await tx.showroomLeadReply.updateMany({ where: { leadId }, data: { body: null, buyerOrganizationId: null } });
    await tx.emailMessage.deleteMany({ where: { kind: { startsWith: `showroom.lead:${leadId}:` } } });
  });
}
