import type { Prisma } from "~/generated/prisma/client";
import type { DeclarationStatus, TransportMode } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { newMessageGuid } from "./declaration-numbers";
import { isEditable, mayApply, TRANSITIONS, type DeclarationAction } from "./declaration-status";
import { gatherDeclarationDocuments } from "./declarations.server";
import { matchDocuments } from "./matching";
import { refreshRebateEstimate } from "./rebate-estimates.server";

/**
 * Every change to a declaration: status actions (declaration-status.ts), waybill corrections, a line's China code,
 * customs receipts. Each locks the row, checks the table, writes the change and its ExportDeclarationEvent (who,
 * when, why, and for corrections and amendments the values as they were) in one transaction.
 */

export type DeclarationErrorCode = "not_found" | "not_allowed_in_status" | "locked" | "mismatches" | "reason_required" | "line_not_found";

const STATUS_OF: Record<DeclarationErrorCode, 400 | 404 | 409> = {
  not_found: 404,
  not_allowed_in_status: 409,
  locked: 409,
  mismatches: 409,
  reason_required: 400,
  line_not_found: 404,
};

/** A refused change; pages translate `agency.errors.<code>` and answer `status`, never 500. */
export class DeclarationError extends Error {
  readonly status: 400 | 404 | 409;
  constructor(
    readonly code: DeclarationErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(code);
    this.status = STATUS_OF[code];
  }
}

export interface DeclarationActor {
  userId: string | null;
}

type Tx = Prisma.TransactionClient;

async function lock(tx: Tx, declarationId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ExportDeclaration" WHERE "id" = ${declarationId}::uuid FOR UPDATE`;
  if (!rows[0]) throw new DeclarationError("not_found");
  return tx.exportDeclaration.findUniqueOrThrow({ where: { id: declarationId }, include: { lines: { orderBy: { position: "asc" } } } });
}

type Locked = Awaited<ReturnType<typeof lock>>;

function waybillOf(d: Locked) {
  return {
    logisticsCode: d.logisticsCode,
    logisticsName: d.logisticsName,
    logisticsNo: d.logisticsNo,
    transportMode: d.transportMode,
    containerNumber: d.containerNumber,
    freightMinor: d.freightMinor.toString(),
    insuredFeeMinor: d.insuredFeeMinor.toString(),
    waybillGrossWeightG: d.waybillGrossWeightG,
    waybillPackages: d.waybillPackages,
    customsOfficeCode: d.customsOfficeCode,
    portCode: d.portCode,
  };
}

/** The filing as it stood: what an amendment keeps in its event. */
function snapshotOf(d: Locked) {
  return {
    guid: d.guid,
    version: d.version,
    status: d.status,
    rejectionReason: d.rejectionReason,
    validatedAt: d.validatedAt?.toISOString() ?? null,
    submittedAt: d.submittedAt?.toISOString() ?? null,
    releasedAt: d.releasedAt?.toISOString() ?? null,
    clearedAt: d.clearedAt?.toISOString() ?? null,
    rejectedAt: d.rejectedAt?.toISOString() ?? null,
    ...waybillOf(d),
    lines: d.lines.map((l) => ({ position: l.position, sku: l.sku, itemName: l.itemName, hsCode: l.hsCode, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor.toString(), totalMinor: l.totalMinor.toString(), netWeightG: l.netWeightG, grossWeightG: l.grossWeightG })),
  };
}

/** Applies a status action. `validate` refuses while the documents disagree (DeclarationError "mismatches", with the count). */
export async function applyDeclarationAction(
  declarationId: string,
  action: DeclarationAction,
  actor: DeclarationActor,
  options: { reason?: string; now?: Date } = {},
): Promise<{ status: DeclarationStatus; version: number }> {
  const reason = options.reason?.trim() || null;
  const rule = TRANSITIONS[action];
  if (rule.reasonRequired && !reason) throw new DeclarationError("reason_required");
  const now = options.now ?? new Date();
  return unscopedDb.$transaction(async (tx) => {
    const d = await lock(tx, declarationId);
    if (!mayApply(d.status, action)) throw new DeclarationError("not_allowed_in_status", { status: d.status });
    if (action === "validate") {
      const docs = await gatherDeclarationDocuments(tx, d.id);
      const mismatches = docs ? matchDocuments(docs) : [];
      if (mismatches.length > 0) throw new DeclarationError("mismatches", { count: mismatches.length });
    }
    const data: Prisma.ExportDeclarationUncheckedUpdateInput = { status: rule.to };
    if (rule.stamps) data[rule.stamps] = now;
    if (action === "reject") data.rejectionReason = reason;
    let previous: Prisma.InputJsonValue | undefined;
    if (action === "amend") {
      previous = snapshotOf(d);
      Object.assign(data, { version: d.version + 1, guid: newMessageGuid(), rejectionReason: null, validatedAt: null, submittedAt: null, releasedAt: null, clearedAt: null, rejectedAt: null });
    }
    if (action === "reopen") data.validatedAt = null;
    const updated = await tx.exportDeclaration.update({ where: { id: d.id }, data, select: { status: true, version: true } });
    await tx.exportDeclarationEvent.create({
      data: {
        organizationId: d.organizationId,
        declarationId: d.id,
        kind: action === "amend" ? "amended" : action === "reopen" ? "reopened" : (rule.stamps ?? action).replace(/At$/, ""),
        fromStatus: d.status,
        toStatus: updated.status,
        actorUserId: actor.userId,
        note: reason,
        previous,
        createdAt: now,
      },
    });
    await refreshEstimate(tx, d.id, now);
    return updated;
  });
}

/** The VAT rebate estimate follows the status (validated and later: computed; draft, rejected: none). Under a
 * savepoint: a missing FX rate never blocks the declaration's change; the next change recomputes it. */
async function refreshEstimate(tx: Prisma.TransactionClient, declarationId: string, now: Date) {
  await tx.$executeRaw`SAVEPOINT rebate_estimate`;
  try {
    await refreshRebateEstimate(tx, declarationId, now);
    await tx.$executeRaw`RELEASE SAVEPOINT rebate_estimate`;
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT rebate_estimate`;
    console.error(`[export-agency] rebate estimate of declaration ${declarationId} not computed:`, error);
  }
}

export interface WaybillInput {
  logisticsCode: string;
  logisticsName: string;
  logisticsNo: string;
  transportMode: TransportMode;
  containerNumber: string | null;
  freightMinor: bigint;
  insuredFeeMinor: bigint;
  waybillGrossWeightG: number | null;
  waybillPackages: number | null;
  customsOfficeCode: string;
  portCode: string;
}

/**
 * The waybill as the forwarder issued it. Refused once the declaration is filed (submitted or later: "locked"); a
 * validated declaration goes back to draft, since what was validated changed.
 */
export async function updateWaybill(declarationId: string, input: WaybillInput, actor: DeclarationActor, options: { note?: string; now?: Date } = {}): Promise<{ status: DeclarationStatus; changed: boolean }> {
  const now = options.now ?? new Date();
  return unscopedDb.$transaction(async (tx) => {
    const d = await lock(tx, declarationId);
    if (!isEditable(d.status)) throw new DeclarationError("locked", { status: d.status });
    const before = waybillOf(d);
    const after = { ...input, freightMinor: input.freightMinor.toString(), insuredFeeMinor: input.insuredFeeMinor.toString() };
    const changedKeys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changedKeys.length === 0) return { status: d.status, changed: false };
    const status: DeclarationStatus = d.status === "VALIDATED" ? "DRAFT" : d.status;
    await tx.exportDeclaration.update({ where: { id: d.id }, data: { ...input, status, ...(status !== d.status ? { validatedAt: null } : {}) } });
    if (status !== d.status) await refreshEstimate(tx, d.id, now);
    await tx.exportDeclarationEvent.create({
      data: {
        organizationId: d.organizationId,
        declarationId: d.id,
        kind: "waybill_corrected",
        fromStatus: d.status,
        toStatus: status,
        actorUserId: actor.userId,
        note: options.note?.trim() || null,
        previous: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
        createdAt: now,
      },
    });
    return { status, changed: true };
  });
}

/** A list line's 10-digit China code, typed by the agent while the declaration is editable. */
export async function updateLineHsCode(declarationId: string, position: number, hsCode: string, actor: DeclarationActor, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  await unscopedDb.$transaction(async (tx) => {
    const d = await lock(tx, declarationId);
    if (!isEditable(d.status)) throw new DeclarationError("locked", { status: d.status });
    const line = d.lines.find((l) => l.position === position);
    if (!line) throw new DeclarationError("line_not_found");
    if (line.hsCode === hsCode) return;
    const status: DeclarationStatus = d.status === "VALIDATED" ? "DRAFT" : d.status;
    await tx.exportDeclarationLine.update({ where: { id: line.id }, data: { hsCode } });
    if (status !== d.status) await tx.exportDeclaration.update({ where: { id: d.id }, data: { status, validatedAt: null } });
    if (status !== d.status) await refreshEstimate(tx, d.id, now);
    await tx.exportDeclarationEvent.create({
      data: { organizationId: d.organizationId, declarationId: d.id, kind: "line_corrected", fromStatus: d.status, toStatus: status, actorUserId: actor.userId, previous: { position, hsCode: line.hsCode }, createdAt: now },
    });
  });
}

export const RECEIPT_MESSAGE_TYPES = ["CEB304", "CEB404", "CEB506", "CEB604"] as const;

export interface CustomsReceiptInput {
  messageType: (typeof RECEIPT_MESSAGE_TYPES)[number];
  returnStatus: string;
  returnInfo: string;
  receivedAt: Date;
}

/** A customs return message as the agent read it; recorded on the declaration and in its history. */
export async function recordCustomsReceipt(declarationId: string, input: CustomsReceiptInput, actor: DeclarationActor, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  await unscopedDb.$transaction(async (tx) => {
    const d = await lock(tx, declarationId);
    await tx.customsReceipt.create({ data: { organizationId: d.organizationId, declarationId: d.id, ...input, recordedById: actor.userId, createdAt: now } });
    await tx.exportDeclarationEvent.create({
      data: { organizationId: d.organizationId, declarationId: d.id, kind: "receipt", fromStatus: d.status, toStatus: d.status, actorUserId: actor.userId, note: `${input.messageType} ${input.returnStatus}`.trim(), createdAt: now },
    });
  });
}
