import { randomUUID } from "node:crypto";
import type { VerificationDocumentKind, VerificationEventKind, VerificationStatus } from "~/generated/prisma/enums";
import { storage } from "~/modules/catalog/storage.server";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import { isUuid, notFound } from "~/modules/http/responses.server";
import type { MultipartLimits } from "~/modules/http/multipart.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { attachmentResponse, readAttachments, type CheckedFile } from "~/modules/ordering/rfq-thread.server";
import { requirePlatformDesk } from "~/modules/payments/bank-transfer-desk.server";
import type { OrganizationContext } from "./access.server";

/**
 * Company verification: the company sends its documents (business licence, tax registration) from its profile page,
 * which puts it in the platform's queue (PENDING); a platform owner or admin approves (VERIFIED), rejects with reasons
 * (REJECTED) or asks for more (UNVERIFIED until the company sends more). Every step is a VerificationEvent (who,
 * when, why) and an email to the company's owners in the company's language.
 */

export { DOCUMENT_KINDS } from "./verification";
export const MAX_VERIFICATION_FILES = 5;
export const MAX_VERIFICATION_FILE_BYTES = 10 * 1024 * 1024;

export const VERIFICATION_UPLOAD: MultipartLimits = {
  maxFiles: MAX_VERIFICATION_FILES,
  maxFileBytes: MAX_VERIFICATION_FILE_BYTES,
  maxTotalBytes: MAX_VERIFICATION_FILES * MAX_VERIFICATION_FILE_BYTES + 64 * 1024,
};

export type VerificationErrorCode = "already_verified" | "not_pending" | "no_file" | "attachment_type" | "attachment_too_large" | "too_many_attachments";

export class VerificationError extends Error {
  constructor(
    readonly code: VerificationErrorCode,
    readonly status: 400 | 409 | 413 = 409,
  ) {
    super(code);
    this.name = "VerificationError";
  }
}

export interface VerificationActor {
  userId: string;
  name: string;
}

const ZH = new Set(["CN", "HK", "MO", "TW"]);
const PT = new Set(["BR", "PT", "AO", "MZ", "CV", "GW", "ST", "TL"]);
const ES = new Set(["MX", "CO", "CL", "PE", "AR", "UY", "PY", "BO", "EC", "VE", "CR", "PA", "GT", "DO", "ES", "SV", "HN", "NI", "CU"]);

/** The language a company is written to in: its country's (Chinese, Portuguese, Spanish), English elsewhere. */
export function companyLang(countryCode: string): Lang {
  const code = countryCode.trim().toUpperCase();
  if (ZH.has(code)) return "zh";
  if (PT.has(code)) return "pt";
  if (ES.has(code)) return "es";
  return "en";
}

// ─── The company's side ────────────────────────────────────────────────────────────────────────────────────────

/** Checks the uploaded files (their bytes: PDF, PNG, JPEG, WebP) before anything is stored. */
export async function checkVerificationFiles(files: File[]): Promise<CheckedFile[]> {
  if (files.length === 0) throw new VerificationError("no_file", 400);
  if (files.length > MAX_VERIFICATION_FILES) throw new VerificationError("too_many_attachments", 413);
  const checked = await readAttachments(files);
  if (!checked.ok) throw new VerificationError(checked.reason, checked.reason === "attachment_type" ? 400 : 413);
  return checked.files;
}

/**
 * Stores the company's documents and puts it in the desk's queue (PENDING). A company already in the queue keeps its
 * place; a verified company has nothing to send (changing its legal name or tax id asks for a new verification).
 */
export async function submitVerificationDocuments(organizationId: string, actor: VerificationActor, kind: VerificationDocumentKind, files: CheckedFile[]) {
  if (files.length === 0) throw new VerificationError("no_file", 400);
  const stored: string[] = [];
  try {
    const result = await unscopedDb.$transaction(async (tx) => {
      // The row lock orders two submissions and a decision on the same company.
      const [organization] = await tx.$queryRaw<{ verificationStatus: VerificationStatus }[]>`
        SELECT "verificationStatus"::text AS "verificationStatus" FROM "Organization" WHERE "id" = ${organizationId}::uuid FOR UPDATE`;
      if (!organization) notFound();
      if (organization.verificationStatus === "VERIFIED") throw new VerificationError("already_verified");
      const documentIds: string[] = [];
      for (const file of files) {
        const key = `verification/${organizationId}/${randomUUID()}.${file.ext}`;
        await storage().put(key, file.bytes);
        stored.push(key);
        const row = await tx.verificationDocument.create({
          data: { organizationId, kind, storageKey: key, fileName: file.name ?? `document.${file.ext}`, contentType: file.contentType ?? "application/octet-stream", sizeBytes: file.bytes.byteLength, uploadedById: actor.userId },
          select: { id: true },
        });
        documentIds.push(row.id);
      }
      await tx.verificationEvent.create({ data: { organizationId, kind: "SUBMITTED", actorUserId: actor.userId, actorName: actor.name, documentIds } });
      const now = new Date();
      await tx.organization.update({
        where: { id: organizationId },
        data: { verificationStatus: "PENDING", ...(organization.verificationStatus === "PENDING" ? {} : { verificationSubmittedAt: now }) },
      });
      return { documentIds };
    });
    await notifyCompany(organizationId, "SUBMITTED", null);
    return result;
  } catch (error) {
    await Promise.all(stored.map((key) => storage().delete(key).catch(() => undefined)));
    throw error;
  }
}

/** What the company's profile page shows: its documents and the trail, newest first. */
export async function companyVerification(organizationId: string) {
  const [documents, events] = await Promise.all([
    unscopedDb.verificationDocument.findMany({ where: { organizationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, kind: true, fileName: true, sizeBytes: true, createdAt: true } }),
    unscopedDb.verificationEvent.findMany({ where: { organizationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, kind: true, actorName: true, actorUserId: true, reason: true, createdAt: true } }),
  ]);
  return { documents, events };
}

/** A document of the organization as a private download (null when it is not one of its documents). */
export async function verificationDocumentResponse(organizationId: string, documentId: string | undefined): Promise<Response | null> {
  if (!isUuid(organizationId) || !isUuid(documentId)) return null;
  const document = await unscopedDb.verificationDocument.findFirst({ where: { id: documentId, organizationId }, select: { storageKey: true, fileName: true } });
  if (!document) return null;
  return attachmentResponse(document.storageKey, document.fileName);
}

// ─── The platform's desk ───────────────────────────────────────────────────────────────────────────────────────

/** The desk's gate: an OWNER or ADMIN of the PLATFORM organization; anyone else gets the 404 of a missing page. */
export async function requireVerificationDesk(request: Request, lang: Lang): Promise<OrganizationContext> {
  const context = await requirePlatformDesk(request, lang);
  if (context.membership.role !== "OWNER" && context.membership.role !== "ADMIN") notFound();
  return context;
}

/** Companies waiting for a decision, the longest-waiting first. */
export async function verificationQueue() {
  return unscopedDb.organization.findMany({
    where: { verificationStatus: "PENDING", kind: { not: "PLATFORM" } },
    orderBy: [{ verificationSubmittedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: { id: true, name: true, kind: true, countryCode: true, city: true, verificationSubmittedAt: true, _count: { select: { verificationDocuments: true } } },
  });
}

/** One company as the desk sees it: profile, documents and the trail (null when there is no such company). */
export async function verificationCase(organizationId: string | undefined) {
  if (!isUuid(organizationId)) return null;
  const organization = await unscopedDb.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      kind: true,
      legalNameZh: true,
      legalNameLatin: true,
      countryCode: true,
      addressLine1: true,
      addressLine2: true,
      city: true,
      region: true,
      postalCode: true,
      taxId: true,
      verificationStatus: true,
      verificationSubmittedAt: true,
      verifiedAt: true,
      createdAt: true,
    },
  });
  if (!organization || organization.kind === "PLATFORM") return null;
  return { organization, ...(await companyVerification(organizationId)) };
}

export type VerificationDecision = "approve" | "reject" | "more";

const DECISIONS: Record<VerificationDecision, { event: VerificationEventKind; status: VerificationStatus }> = {
  approve: { event: "APPROVED", status: "VERIFIED" },
  reject: { event: "REJECTED", status: "REJECTED" },
  more: { event: "MORE_REQUESTED", status: "UNVERIFIED" },
};

/**
 * The desk's decision on a PENDING company (anything else: not_pending, so two reviewers cannot both decide). A
 * rejection or a request for more needs a reason (the route asks for it; the database refuses an event without).
 */
export async function decideVerification(organizationId: string, actor: VerificationActor, decision: VerificationDecision, reason: string | null) {
  const rule = DECISIONS[decision];
  const why = reason?.trim() || null;
  await unscopedDb.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.organization.updateMany({
      where: { id: organizationId, verificationStatus: "PENDING", kind: { not: "PLATFORM" } },
      data: { verificationStatus: rule.status, verifiedAt: rule.status === "VERIFIED" ? now : null },
    });
    if (changed.count === 0) throw new VerificationError("not_pending");
    await tx.verificationEvent.create({ data: { organizationId, kind: rule.event, actorUserId: actor.userId, actorName: actor.name, reason: why, documentIds: [] } });
  });
  // The badge shows on public pages (product pages, the makers' facet).
  purgePublicPages();
  await notifyCompany(organizationId, rule.event, why);
}

// ─── Emails ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Each step, to the company's owners, in the company's language. A failed email is logged: the step stands. */
async function notifyCompany(organizationId: string, kind: VerificationEventKind, reason: string | null) {
  try {
    const organization = await unscopedDb.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, countryCode: true } });
    const owners = await unscopedDb.membership.findMany({ where: { organizationId, role: "OWNER" }, select: { user: { select: { email: true, name: true } } } });
    const lang = companyLang(organization.countryCode);
    const t = serverT(lang);
    const link = `${env().APP_URL}/${lang}/orgs/${organizationId}/settings`;
    for (const { user } of owners) {
      await sendEmail({
        to: user.email,
        kind: `verification-${kind.toLowerCase().replace(/_/g, "-")}`,
        subject: t(`trust.email.${kind}.subject`, { organization: organization.name }),
        text: t(`trust.email.${kind}.body`, { name: user.name, organization: organization.name, reason: reason ?? "", link }),
      });
    }
  } catch (error) {
    console.error("[verification] email failed", organizationId, kind, error);
  }
}

// ─── Presenting (the company's page and the desk share it) ─────────────────────────────────────────────────────

/** Documents and the trail as both pages show them: dates in the viewer's language, links to the private files. */
export function presentVerification(lang: Lang, verification: Awaited<ReturnType<typeof companyVerification>>, documentHref: (documentId: string) => string) {
  return {
    documents: verification.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      fileName: d.fileName,
      size: `${formatNumber(Math.max(1, Math.round(d.sizeBytes / 1024)), lang)} KB`,
      uploaded: formatDateTime(d.createdAt, lang),
      href: documentHref(d.id),
    })),
    events: verification.events.map((e) => ({ id: e.id, kind: e.kind, by: e.actorName, reason: e.reason, at: formatDateTime(e.createdAt, lang) })),
  };
}
export type PresentedVerification = ReturnType<typeof presentVerification>;

/** How many companies wait for a decision (the platform's dashboard). */
export async function pendingVerificationCount(): Promise<number> {
  return unscopedDb.organization.count({ where: { verificationStatus: "PENDING", kind: { not: "PLATFORM" } } });
}
