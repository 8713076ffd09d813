import { randomUUID } from "node:crypto";
import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import type { MultipartLimits } from "~/modules/http/multipart.server";
import { storage } from "~/modules/catalog/storage.server";
import { emitToRfq } from "~/modules/realtime/index.server";
import { contentDisposition, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, sanitizeAttachmentName } from "./rfq-thread";
import { notifyRfqEvent, type NotifiableRfq, type RfqNotice } from "./notifications.server";

/**
 * What the RFQ thread shares between its two parties: the attachments (stored privately, served only to them) and
 * the live events of the thread's socket.io room.
 */

export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS };

/** An RFQ form or a message with its attachments: a few documents, well under what one request may carry. */
export const RFQ_UPLOAD: MultipartLimits = {
  maxFiles: MAX_ATTACHMENTS,
  maxFileBytes: MAX_ATTACHMENT_BYTES,
  maxTotalBytes: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 256 * 1024,
  // A specification can be long.
  maxFieldBytes: 32 * 1024,
};

/** Kinds a specification usually comes in, recognised by their first bytes (the browser's type and name are claims). */
const KINDS = [
  { ext: "pdf", type: "application/pdf", magic: (b: Uint8Array) => ascii(b, 0, 5) === "%PDF-" },
  { ext: "png", type: "image/png", magic: (b: Uint8Array) => b[0] === 0x89 && ascii(b, 1, 4) === "PNG" },
  { ext: "jpg", type: "image/jpeg", magic: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: "webp", type: "image/webp", magic: (b: Uint8Array) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
] as const;

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

export type AttachmentRefusal = "attachment_type" | "attachment_too_large" | "too_many_attachments";

/** The uploaded files of a form (an empty file input sends a nameless empty part: ignored). */
export function uploadedFiles(form: FormData, field = "attachments"): File[] {
  return form.getAll(field).filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v && v.size > 0);
}

/** A checked upload: its bytes, the kind they showed, and the name it came with (sanitized). */
export interface CheckedFile {
  bytes: Uint8Array;
  ext: string;
  /** Defaults to the kind's type and "attachment.<ext>" when absent (files made by code, not uploaded). */
  contentType?: string;
  name?: string;
}

/** A stored attachment, as RfqAttachment keeps it. */
export interface StoredAttachment {
  key: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** Checks every file before any is stored: one refused file refuses the form. */
export async function readAttachments(files: File[]): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; reason: AttachmentRefusal }> {
  if (files.length > MAX_ATTACHMENTS) return { ok: false, reason: "too_many_attachments" };
  const read: CheckedFile[] = [];
  for (const file of files) {
    if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "attachment_too_large" };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = KINDS.find((k) => k.magic(bytes));
    if (!kind) return { ok: false, reason: "attachment_type" };
    read.push({ bytes, ext: kind.ext, contentType: kind.type, name: sanitizeAttachmentName(file.name, kind.ext) });
  }
  return { ok: true, files: read };
}

/**
 * Stores checked files under the RFQ's folder ("rfq/<rfqId>/<uuid>.pdf": the name never reaches the disk) and
 * answers what RfqAttachment keeps of each: key, uploaded name, detected type, size.
 */
export async function storeAttachments(rfqId: string, files: CheckedFile[]): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    const key = `rfq/${rfqId}/${randomUUID()}.${file.ext}`;
    await storage().put(key, file.bytes);
    stored.push({ key, fileName: file.name ?? sanitizeAttachmentName(null, file.ext), contentType: file.contentType ?? KINDS.find((k) => k.ext === file.ext)?.type ?? "application/octet-stream", sizeBytes: file.bytes.byteLength });
  }
  return stored;
}

/** Removes files stored for a write that then failed, so that nothing unreferenced stays behind. */
export async function discardAttachments(keys: string[]) {
  await Promise.all(keys.map((key) => storage().delete(key).catch(() => undefined)));
}

/** "<uuid>.pdf" of a key: what a download link names. */
export function attachmentFileName(key: string): string {
  return key.split("/").pop() ?? "";
}

export function attachmentKind(key: string): string {
  return (key.split(".").pop() ?? "").toUpperCase();
}

/**
 * Streams an attachment to one of the two parties (the caller has checked that): downloaded, never rendered inline,
 * under `name` (the uploaded one) when known, else its key's "<uuid>.pdf".
 */
export async function attachmentResponse(key: string, name?: string | null): Promise<Response | null> {
  const ext = key.split(".").pop();
  const kind = KINDS.find((k) => k.ext === ext);
  if (!kind) return null;
  const file = await storage().open(key);
  if (!file) return null;
  return new Response(file.stream, {
    status: 200,
    headers: {
      "Content-Type": kind.type,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(name || attachmentFileName(key)),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}

// ─── Live events ───────────────────────────────────────────────────────────────────────────────────────────────

/** Events of a thread's room. The page reloads its data on all but typing, so every text comes in the viewer's language. */
export type RfqLiveEvent =
  | { type: "message"; rfqId: string; messageId: string; authorOrganizationId: string }
  | { type: "offer"; rfqId: string; quoteId: string }
  | { type: "status"; rfqId: string }
  | { type: "read"; rfqId: string; readerOrganizationId: string };

export function publishRfqEvent(event: RfqLiveEvent) {
  emitToRfq(event.rfqId, "rfq:update", event);
}

/**
 * The socket join rule: the user is a member of the RFQ's buyer or of its manufacturer. A malformed id or an RFQ
 * that does not exist is the same "no" (system lookup keyed by the signed-in user, like isMember).
 */
export async function mayJoinRfq(userId: string, rfqId: unknown): Promise<boolean> {
  if (!isUuid(rfqId)) return false;
  const rfq = await unscopedDb.rfq.findUnique({ where: { id: rfqId }, select: { organizationId: true, buyerOrganizationId: true } });
  if (!rfq) return false;
  const membership = await unscopedDb.membership.findFirst({
    where: { userId, organizationId: { in: [rfq.organizationId, rfq.buyerOrganizationId] } },
    select: { id: true },
  });
  return Boolean(membership);
}

/**
 * Tells the other party by email and in-app (notifications.server.ts), after the change has committed. A notice
 * that fails is logged, not thrown: the RFQ or the order stands, and the thread shows it anyway.
 */
export async function notifyRfqParties(rfq: NotifiableRfq, event: RfqNotice) {
  try {
    await notifyRfqEvent(null, rfq, event);
  } catch (error) {
    console.error("[rfqs] notification failed", rfq.number, event.kind, error);
  }
}
