import { randomUUID } from "node:crypto";
import type { DiscrepancyKind, InboundStatus } from "~/generated/prisma/enums";
import { ImageUploadError, processImage, removeStoredImages, type ProcessedImage, type UploadedFile } from "~/modules/catalog/images.server";
import { storage } from "~/modules/catalog/storage.server";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import { isUuid } from "~/modules/http/responses.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { ReceivingError } from "./errors";
import { applyMovement, type LedgerTx } from "./ledger.server";
import { DISCREPANCY_KINDS, MAX_DISCREPANCIES_PER_RECEIPT, MAX_DISCREPANCY_ROWS, MAX_NOTE_LENGTH, MAX_PHOTOS_PER_DISCREPANCY, MAX_UNITS } from "./limits";
import { warehouseCity } from "./cities";

export { DISCREPANCY_KINDS, MAX_DISCREPANCIES_PER_RECEIPT, MAX_DISCREPANCY_ROWS, MAX_NOTE_LENGTH, MAX_PHOTOS_PER_DISCREPANCY, MAX_UNITS } from "./limits";

/** Statuses a warehouse can receive against. */
export const RECEIVABLE: InboundStatus[] = ["IN_TRANSIT", "PARTIALLY_RECEIVED"];
/** Discrepancy photos: the product images' checks (JPEG/PNG/WebP ≤ 8 MB, decoded), kept with two WebP renditions. */
export const PHOTO_WIDTHS = [160, 1200] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
const PHOTO_EXTENSION: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
const RECEIVING_TRANSACTION = { maxWait: 15_000, timeout: 30_000 } as const;

export interface ReceiveLineInput {
  lineId: string;
  /** Good units put into stock by this receipt. */
  received: number;
  /** Units that arrived unusable (not put into stock). */
  damaged: number;
}

export interface DiscrepancyInput {
  lineId: string;
  kind: DiscrepancyKind;
  quantity: number;
  cartons: number;
  note: string;
  photos: readonly UploadedFile[];
}

export interface ReceiveInput {
  warehouseId: string;
  shipmentId: string;
  lines: readonly ReceiveLineInput[];
  discrepancies?: readonly DiscrepancyInput[];
  /** Close the shipment: what has not arrived is recorded SHORT and the status becomes RECEIVED. */
  close: boolean;
  userId?: string;
  now?: Date;
  /** Tell the manufacturer (realtime event and email to its owners and admins); default true. */
  notify?: boolean;
}

export interface ReceiptResult {
  shipmentId: string;
  organizationId: string;
  reference: string;
  status: InboundStatus;
  hasDiscrepancies: boolean;
  receivedUnits: number;
  damagedUnits: number;
  /** Discrepancies written by this receipt (those entered and those derived: shortages, overages, damage). */
  discrepancies: { lineId: string; kind: DiscrepancyKind; quantity: number; cartons: number; derived: boolean }[];
}

/** The folder of a discrepancy photo: inbound/<manufacturer>/<shipment>/<photo>. */
export function photoFolder(organizationId: string, shipmentId: string, photoId: string) {
  return `inbound/${organizationId}/${shipmentId}/${photoId}`;
}

function checkInt(value: number, field: string, min = 0) {
  if (!Number.isInteger(value) || value < min || value > MAX_UNITS) throw new ReceivingError("invalid_quantity", field);
}

function validate(input: ReceiveInput) {
  if (!isUuid(input.shipmentId) || !isUuid(input.warehouseId)) throw new ReceivingError("shipment_not_found");
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (!isUuid(line.lineId) || seen.has(line.lineId)) throw new ReceivingError("line_not_found", `lines.${i}`);
    seen.add(line.lineId);
    checkInt(line.received, `lines.${i}.received`);
    checkInt(line.damaged, `lines.${i}.damaged`);
  });
  const discrepancies = input.discrepancies ?? [];
  if (discrepancies.length > MAX_DISCREPANCIES_PER_RECEIPT) throw new ReceivingError("invalid_quantity", "discrepancies");
  discrepancies.forEach((d, i) => {
    if (!isUuid(d.lineId)) throw new ReceivingError("line_not_found", `discrepancies.${i}.lineId`);
    if (!(DISCREPANCY_KINDS as readonly string[]).includes(d.kind)) throw new ReceivingError("invalid_quantity", `discrepancies.${i}.kind`);
    checkInt(d.quantity, `discrepancies.${i}.quantity`);
    checkInt(d.cartons, `discrepancies.${i}.cartons`);
    if (d.quantity === 0 && d.cartons === 0) throw new ReceivingError("invalid_quantity", `discrepancies.${i}.quantity`);
    if (d.note.length > MAX_NOTE_LENGTH) throw new ReceivingError("invalid_quantity", `discrepancies.${i}.note`);
    if (d.photos.length > MAX_PHOTOS_PER_DISCREPANCY) throw new ReceivingError("invalid_photo", `discrepancies.${i}.photos`, { reason: "too_many_files" });
  });
  const anything = input.lines.some((l) => l.received > 0 || l.damaged > 0) || discrepancies.length > 0;
  if (!anything && !input.close) throw new ReceivingError("nothing_received");
}

async function processPhotos(discrepancies: readonly DiscrepancyInput[]): Promise<ProcessedImage[][]> {
  const processed: ProcessedImage[][] = [];
  for (const [i, d] of discrepancies.entries()) {
    const images: ProcessedImage[] = [];
    for (const photo of d.photos) {
      try {
        images.push(await processImage(photo.data, { widths: PHOTO_WIDTHS, fileName: photo.name }));
      } catch (error) {
        if (error instanceof ImageUploadError) throw new ReceivingError("invalid_photo", `discrepancies.${i}.photos`, { reason: error.code, fileName: error.fileName });
        throw error;
      }
    }
    processed.push(images);
  }
  return processed;
}

async function storePhoto(organizationId: string, shipmentId: string, image: ProcessedImage): Promise<{ key: string; folder: string }> {
  const folder = photoFolder(organizationId, shipmentId, randomUUID());
  const key = `${folder}/original.${PHOTO_EXTENSION[image.contentType] ?? "jpg"}`;
  await storage().put(key, image.original);
  for (const rendition of image.renditions) await storage().put(`${folder}/w${rendition.width}.webp`, rendition.data);
  return { key, folder };
}

interface LockedShipment {
  id: string;
  organizationId: string;
  warehouseId: string;
  reference: string;
  status: InboundStatus;
  hasDiscrepancies: boolean;
}

/**
 * Receives (part of) an inbound shipment at its warehouse: good units go into stock (RECEIPT movements), damaged
 * units and what the staff found different are recorded as discrepancies (with photos), and the shipment becomes
 * PARTIALLY_RECEIVED or RECEIVED. Closing records the units still missing as SHORT. One transaction; the shipment
 * row is locked, so two people receiving the same shipment at once are serialized. Notifies the manufacturer.
 */
export async function receiveInboundShipment(input: ReceiveInput): Promise<ReceiptResult> {
  validate(input);
  const discrepancyInputs = input.discrepancies ?? [];
  const now = input.now ?? new Date();

  // Where the photos go is known before the transaction (the manufacturer is the shipment's owner).
  const head = await unscopedDb.inboundShipment.findFirst({
    where: { id: input.shipmentId, warehouseId: input.warehouseId },
    select: { organizationId: true },
  });
  if (!head) throw new ReceivingError("shipment_not_found");
  const processed = await processPhotos(discrepancyInputs);
  const stored: { key: string; folder: string }[][] = [];
  try {
    for (const images of processed) {
      const keys = [];
      for (const image of images) keys.push(await storePhoto(head.organizationId, input.shipmentId, image));
      stored.push(keys);
    }
    const result = await unscopedDb.$transaction(
      (tx) =>
        applyReceipt(
          tx as LedgerTx,
          input,
          discrepancyInputs.map((d, i) => ({ ...d, photoKeys: stored[i]!.map((s) => s.key) })),
          now,
        ),
      RECEIVING_TRANSACTION,
    );
    if (input.notify !== false) await notifyManufacturer(result, input.warehouseId).catch((error) => console.error("[inventory] receipt notification failed", error));
    return result;
  } catch (error) {
    await removeStoredImages(stored.flat().map((s) => s.folder));
    throw error;
  }
}

async function applyReceipt(tx: LedgerTx, input: ReceiveInput, discrepancyInputs: (DiscrepancyInput & { photoKeys: string[] })[], now: Date): Promise<ReceiptResult> {
  const [shipment] = await tx.$queryRaw<LockedShipment[]>`
    SELECT "id", "organizationId", "warehouseId", "reference", "status", "hasDiscrepancies" FROM "InboundShipment"
     WHERE "id" = ${input.shipmentId}::uuid AND "warehouseId" = ${input.warehouseId}::uuid
     FOR UPDATE`;
  if (!shipment) throw new ReceivingError("shipment_not_found");
  if (!RECEIVABLE.includes(shipment.status)) throw new ReceivingError("shipment_not_receivable");
  const organizationId = shipment.organizationId;

  const lines = await tx.inboundShipmentLine.findMany({ where: { organizationId, inboundShipmentId: shipment.id } });
  const byId = new Map(lines.map((l) => [l.id, l]));
  input.lines.forEach((l, i) => {
    if (!byId.has(l.lineId)) throw new ReceivingError("line_not_found", `lines.${i}`);
  });
  discrepancyInputs.forEach((d, i) => {
    if (!byId.has(d.lineId)) throw new ReceivingError("line_not_found", `discrepancies.${i}.lineId`);
  });
  const earlierShort = await tx.inboundDiscrepancy.groupBy({
    by: ["lineId"],
    where: { organizationId, inboundShipmentId: shipment.id, kind: "SHORT" },
    _sum: { quantity: true },
  });
  const shortRecorded = new Map(earlierShort.map((r) => [r.lineId, r._sum.quantity ?? 0]));

  const entered = (lineId: string, kind: DiscrepancyKind) => discrepancyInputs.filter((d) => d.lineId === lineId && d.kind === kind).reduce((sum, d) => sum + d.quantity, 0);
  const inputs = new Map(input.lines.map((l) => [l.lineId, l]));
  const written: ReceiptResult["discrepancies"] = [];
  const derived: { lineId: string; kind: DiscrepancyKind; quantity: number; note: string }[] = [];
  let receivedUnits = 0;
  let damagedUnits = 0;
  let complete = true;

  // One lock order for balance rows (by SKU) whoever receives.
  for (const line of [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
    const given = inputs.get(line.id);
    const received = given?.received ?? 0;
    const damaged = Math.max(given?.damaged ?? 0, entered(line.id, "DAMAGED"));
    const before = line.receivedQuantity + line.damagedQuantity;
    const after = before + received + damaged;

    if (received > 0) {
      await applyMovement(tx, {
        organizationId,
        warehouseId: shipment.warehouseId,
        variantId: line.variantId,
        kind: "RECEIPT",
        onHandDelta: received,
        inboundShipmentId: shipment.id,
        userId: input.userId,
      });
    }
    if (received > 0 || damaged > 0) {
      await tx.inboundShipmentLine.updateMany({
        where: { id: line.id, organizationId },
        data: { receivedQuantity: { increment: received }, damagedQuantity: { increment: damaged } },
      });
    }
    receivedUnits += received;
    damagedUnits += damaged;

    const damagedGap = damaged - entered(line.id, "DAMAGED");
    if (damagedGap > 0) derived.push({ lineId: line.id, kind: "DAMAGED", quantity: damagedGap, note: "" });
    const overNow = Math.max(0, after - line.expectedQuantity) - Math.max(0, before - line.expectedQuantity);
    const overGap = overNow - entered(line.id, "OVER");
    if (overGap > 0) derived.push({ lineId: line.id, kind: "OVER", quantity: overGap, note: "" });
    const missing = Math.max(0, line.expectedQuantity - after);
    if (missing > 0) complete = false;
    if (input.close && missing > 0) {
      const shortGap = missing - (shortRecorded.get(line.id) ?? 0) - entered(line.id, "SHORT");
      if (shortGap > 0) derived.push({ lineId: line.id, kind: "SHORT", quantity: shortGap, note: "" });
    }
  }

  for (const d of discrepancyInputs) {
    await tx.inboundDiscrepancy.create({
      data: {
        organizationId,
        inboundShipmentId: shipment.id,
        lineId: d.lineId,
        kind: d.kind,
        quantity: d.quantity,
        cartons: d.cartons,
        note: d.note.trim(),
        photoKeys: d.photoKeys,
        recordedById: input.userId ?? null,
        createdAt: now,
      },
    });
    written.push({ lineId: d.lineId, kind: d.kind, quantity: d.quantity, cartons: d.cartons, derived: false });
  }
  for (const d of derived) {
    await tx.inboundDiscrepancy.create({
      data: { organizationId, inboundShipmentId: shipment.id, lineId: d.lineId, kind: d.kind, quantity: d.quantity, note: d.note, photoKeys: [], recordedById: input.userId ?? null, createdAt: now },
    });
    written.push({ lineId: d.lineId, kind: d.kind, quantity: d.quantity, cartons: 0, derived: true });
  }

  const status: InboundStatus = input.close || complete ? "RECEIVED" : "PARTIALLY_RECEIVED";
  const hasDiscrepancies = shipment.hasDiscrepancies || written.length > 0;
  await tx.inboundShipment.updateMany({
    where: { id: shipment.id, organizationId },
    data: { status, hasDiscrepancies, ...(status === "RECEIVED" ? { receivedAt: now } : {}) },
  });
  return { shipmentId: shipment.id, organizationId, reference: shipment.reference, status, hasDiscrepancies, receivedUnits, damagedUnits, discrepancies: written };
}

// ─── Notification ──────────────────────────────────────────────────────────────────────────────────────────────

/** Realtime event to the manufacturer's members online: the inventory pages refresh. */
export const INBOUND_RECEIVED_EVENT = "inventory:inbound-received";

async function notifyManufacturer(result: ReceiptResult, warehouseId: string) {
  emitToOrganization(result.organizationId, INBOUND_RECEIVED_EVENT, {
    shipmentId: result.shipmentId,
    reference: result.reference,
    status: result.status,
    hasDiscrepancies: result.hasDiscrepancies,
    receivedUnits: result.receivedUnits,
    damagedUnits: result.damagedUnits,
  });
  const [organization, warehouse, recipients] = await Promise.all([
    unscopedDb.organization.findUniqueOrThrow({ where: { id: result.organizationId }, select: { name: true } }),
    unscopedDb.warehouse.findUniqueOrThrow({ where: { id: warehouseId }, select: { code: true, city: true } }),
    unscopedDb.membership.findMany({
      where: { organizationId: result.organizationId, role: { in: ["OWNER", "ADMIN"] } },
      select: { user: { select: { email: true, locale: true } } },
    }),
  ]);
  for (const { user } of recipients) {
    const lang: Lang = isLang(user.locale) ? user.locale : "en";
    const t = serverT(lang);
    const n = (value: number) => formatNumber(value, lang);
    const city = warehouseCity(t, warehouse);
    const kinds = DISCREPANCY_KINDS.map((kind) => ({ kind, quantity: result.discrepancies.filter((d) => d.kind === kind).reduce((s, d) => s + d.quantity, 0) })).filter((k) => k.quantity > 0);
    const lines = [
      t("warehouse.email.received.intro", { organization: organization.name, reference: result.reference, city }),
      "",
      t(`warehouse.email.received.status.${result.status}`),
      t("warehouse.email.received.units", { received: n(result.receivedUnits), damaged: n(result.damagedUnits) }),
      ...kinds.map((k) => `• ${t(`warehouse.discrepancyKinds.${k.kind}`)}: ${n(k.quantity)}`),
      "",
      t("warehouse.email.received.action", { link: `${env().APP_URL}/${lang}/orgs/${result.organizationId}/inventory` }),
    ];
    await sendEmail({
      to: user.email,
      kind: "inventory-inbound-received",
      subject: t(result.hasDiscrepancies ? "warehouse.email.received.subjectDiscrepancies" : "warehouse.email.received.subject", { reference: result.reference, city }),
      text: lines.join("\n"),
    });
  }
}

// ─── Photos ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The storage key of a discrepancy photo's rendition, if `photoId` is a photo of that shipment; filter by the
 * manufacturer (its console) or the warehouse (staff). Discrepancy photos are private: served by authenticated
 * routes, never by the public /media route.
 */
export async function resolveInboundPhoto(where: { shipmentId: string; photoId: string; width: number; organizationId?: string; warehouseId?: string }): Promise<{ key: string; etag: string } | null> {
  if (!isUuid(where.shipmentId) || !isUuid(where.photoId) || !(PHOTO_WIDTHS as readonly number[]).includes(where.width)) return null;
  if (!where.organizationId && !where.warehouseId) return null;
  if (where.organizationId && !isUuid(where.organizationId)) return null;
  if (where.warehouseId && !isUuid(where.warehouseId)) return null;
  const shipment = await unscopedDb.inboundShipment.findFirst({
    where: { id: where.shipmentId, ...(where.organizationId ? { organizationId: where.organizationId } : {}), ...(where.warehouseId ? { warehouseId: where.warehouseId } : {}) },
    select: { organizationId: true },
  });
  if (!shipment) return null;
  const folder = photoFolder(shipment.organizationId, where.shipmentId, where.photoId);
  const owner = await unscopedDb.inboundDiscrepancy.findFirst({
    where: { organizationId: shipment.organizationId, inboundShipmentId: where.shipmentId, photoKeys: { hasSome: PHOTO_KEYS(folder) } },
    select: { id: true },
  });
  if (!owner) return null;
  return { key: `${folder}/w${where.width}.webp`, etag: `"${where.photoId}-w${where.width}"` };
}

/** The HTTP answer for a resolved discrepancy photo (private cache, revalidated by ETag); null when its file is gone. */
export async function inboundPhotoResponse(request: Request, media: { key: string; etag: string }): Promise<Response | null> {
  const headers = {
    "Content-Type": "image/webp",
    "Cache-Control": "private, max-age=86400",
    ETag: media.etag,
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (request.headers.get("If-None-Match") === media.etag) return new Response(null, { status: 304, headers });
  const file = await storage().open(media.key);
  if (!file) return null;
  return new Response(file.stream, { status: 200, headers: { ...headers, "Content-Length": String(file.size) } });
}

const PHOTO_KEYS = (folder: string) => Object.values(PHOTO_EXTENSION).map((ext) => `${folder}/original.${ext}`);

/** The photo id (its folder's last segment) of a stored key. */
export function photoIdOf(key: string): string {
  const parts = key.split("/");
  return parts[parts.length - 2] ?? "";
}

// ─── The receiving form ────────────────────────────────────────────────────────────────────────────────────────

export type ParsedReceiptForm =
  | { ok: true; lines: ReceiveLineInput[]; discrepancies: DiscrepancyInput[]; close: boolean; /** The form row of each discrepancy. */ rows: number[] }
  | { ok: false; fieldErrors: Record<string, string> };


function wholeNumber(raw: FormDataEntryValue | null): number | null {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return 0;
  if (!/^\d{1,7}$/.test(text)) return null;
  return Number(text);
}

/**
 * Reads the receiving form: `lines.<i>.lineId/received/damaged` and `discrepancies.<j>.lineId/kind/quantity/cartons/
 * note/photos` (a discrepancy row without a SKU is an unused row), and `intent` "close" or "partial". Field errors
 * are i18n keys.
 */
export async function parseReceiptForm(form: FormData): Promise<ParsedReceiptForm> {
  const fieldErrors: Record<string, string> = {};
  const lines: ReceiveLineInput[] = [];
  for (let i = 0; form.has(`lines.${i}.lineId`) && i < 1000; i++) {
    const lineId = String(form.get(`lines.${i}.lineId`) ?? "");
    const received = wholeNumber(form.get(`lines.${i}.received`));
    const damaged = wholeNumber(form.get(`lines.${i}.damaged`));
    if (received === null) fieldErrors[`lines.${i}.received`] = "warehouse.errors.invalid_quantity";
    if (damaged === null) fieldErrors[`lines.${i}.damaged`] = "warehouse.errors.invalid_quantity";
    lines.push({ lineId, received: received ?? 0, damaged: damaged ?? 0 });
  }
  const discrepancies: DiscrepancyInput[] = [];
  const rows: number[] = [];
  for (let j = 0; j < MAX_DISCREPANCY_ROWS; j++) {
    const lineId = String(form.get(`discrepancies.${j}.lineId`) ?? "").trim();
    const files = form.getAll(`discrepancies.${j}.photos`).filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f as File).size > 0);
    if (!lineId) {
      // A row left without its SKU but with figures, a note or photos would be lost without a word: say so.
      const typed = ["quantity", "cartons", "note"].some((f) => String(form.get(`discrepancies.${j}.${f}`) ?? "").trim() !== "");
      if (typed || files.length > 0) fieldErrors[`discrepancies.${j}.lineId`] = "warehouse.errors.discrepancy_sku";
      continue;
    }
    const kind = String(form.get(`discrepancies.${j}.kind`) ?? "");
    const quantity = wholeNumber(form.get(`discrepancies.${j}.quantity`));
    const cartons = wholeNumber(form.get(`discrepancies.${j}.cartons`));
    const note = String(form.get(`discrepancies.${j}.note`) ?? "").trim();
    if (!(DISCREPANCY_KINDS as readonly string[]).includes(kind)) fieldErrors[`discrepancies.${j}.kind`] = "warehouse.errors.discrepancy_kind";
    if (quantity === null) fieldErrors[`discrepancies.${j}.quantity`] = "warehouse.errors.invalid_quantity";
    if (cartons === null) fieldErrors[`discrepancies.${j}.cartons`] = "warehouse.errors.invalid_quantity";
    if (quantity === 0 && cartons === 0) fieldErrors[`discrepancies.${j}.quantity`] = "warehouse.errors.discrepancy_empty";
    if (note.length > MAX_NOTE_LENGTH) fieldErrors[`discrepancies.${j}.note`] = "validation.tooLong";
    if (files.length > MAX_PHOTOS_PER_DISCREPANCY) fieldErrors[`discrepancies.${j}.photos`] = "warehouse.errors.photo.too_many_files";
    const photos = await Promise.all(files.slice(0, MAX_PHOTOS_PER_DISCREPANCY).map(async (f) => ({ data: new Uint8Array(await f.arrayBuffer()), name: f.name })));
    discrepancies.push({ lineId, kind: kind as DiscrepancyKind, quantity: quantity ?? 0, cartons: cartons ?? 0, note, photos });
    rows.push(j);
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, lines, discrepancies, close: form.get("intent") === "close", rows };
}

/** The message key of a ReceivingError (photo errors name the failed check). */
export function receivingErrorKey(error: ReceivingError): string {
  if (error.code === "invalid_photo") return `warehouse.errors.photo.${error.detail?.reason ?? "unreadable"}`;
  return error.messageKey;
}

/** The form field a ReceivingError points at: discrepancies are renumbered to the rows they were posted in. */
export function receivingErrorField(error: ReceivingError, rows: readonly number[]): string {
  const match = /^discrepancies\.(\d+)(\..*)?$/.exec(error.field);
  if (!match) return error.field || "_form";
  return `discrepancies.${rows[Number(match[1])] ?? match[1]}${match[2] ?? ""}`;
}
