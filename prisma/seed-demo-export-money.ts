import { unscopedDb } from "../app/modules/db/index.server";
import { applyDeclarationAction, updateWaybill } from "../app/modules/export-agency/declaration-lifecycle.server";
import { gatherDeclarationDocuments } from "../app/modules/export-agency/declarations.server";
import { matchDocuments } from "../app/modules/export-agency/matching";
import { ESTIMATED_STATUSES, refreshRebateEstimate } from "../app/modules/export-agency/rebate-estimates.server";
import { settleOrderPayment } from "../app/modules/export-agency/settlements.server";

const DAY = 24 * 60 * 60 * 1000;

/**
 * The export money of the demo, after the demo orders and declarations:
 * - every paid order has its forex settlement (made by applyOrderEvent when paid; made here if reference data was
 *   missing then), and the oldest one of the demo maker is marked paid by the agent;
 * - the demo maker's oldest Zhuhai order (the air conditioners delivered to São Paulo) has a cleared 9710 declaration,
 *   taken through the real lifecycle (its waybill as the forwarder issued it, validated without mismatches, submitted,
 *   released, cleared on the days after shipment), so its rebate estimate counts in the maker's monthly totals;
 * - every validated or later declaration has its rebate estimate.
 * Idempotent: a restart on a seeded database changes nothing.
 */
export async function seedDemoExportMoney() {
  const paid = await unscopedDb.order.findMany({ where: { status: { notIn: ["PLACED", "AWAITING_PAYMENT", "CANCELLED"] } }, select: { id: true, paidAt: true, placedAt: true } });
  for (const order of paid) await unscopedDb.$transaction((tx) => settleOrderPayment(tx, order.id, order.paidAt ?? order.placedAt));

  const maker = await unscopedDb.user.findUnique({ where: { email: "maker@demo.ponte.test" }, select: { memberships: { select: { organizationId: true } } } });
  const agent = await unscopedDb.user.findUnique({ where: { email: "agent@demo.ponte.test" }, select: { id: true } });
  const makerOrgId = maker?.memberships[0]?.organizationId;
  if (makerOrgId && agent) {
    await clearOldestDeclaration(makerOrgId, agent.id);
    const oldest = await unscopedDb.forexSettlement.findFirst({ where: { organizationId: makerOrgId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true, expectedOn: true } });
    if (oldest && oldest.status === "PENDING" && oldest.expectedOn.getTime() < Date.now()) {
      await unscopedDb.forexSettlement.update({ where: { id: oldest.id }, data: { status: "PAID", paidAt: oldest.expectedOn, paidById: agent.id } });
    }
  }

  const declarations = await unscopedDb.exportDeclaration.findMany({ where: { status: { in: [...ESTIMATED_STATUSES] }, rebate: null }, select: { id: true } });
  for (const d of declarations) await unscopedDb.$transaction((tx) => refreshRebateEstimate(tx, d.id));
}

/** The maker's oldest shipped Zhuhai order: its declaration through validated → submitted → released → cleared. */
async function clearOldestDeclaration(organizationId: string, agentUserId: string) {
  const declaration = await unscopedDb.exportDeclaration.findFirst({
    where: { organizationId, mode: "B2B_DIRECT_9710", orderId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, orderId: true, freightMinor: true, insuredFeeMinor: true, customsOfficeCode: true, portCode: true },
  });
  if (!declaration || declaration.status !== "DRAFT" || !declaration.orderId) return;
  const order = await unscopedDb.order.findUniqueOrThrow({ where: { id: declaration.orderId }, select: { shippedAt: true, number: true } });
  if (!order.shippedAt) return;
  const actor = { userId: agentUserId };
  const shipped = order.shippedAt;
  // The air waybill of the demo's shipment (HKG → GRU, 160-12345675: serial 1234567 mod 7 = 5).
  const docs = await gatherDeclarationDocuments(unscopedDb, declaration.id);
  if (!docs) return;
  await updateWaybill(
    declaration.id,
    {
      logisticsCode: "4403960Q0T",
      logisticsName: "珠海国际货运代理有限公司",
      logisticsNo: "160-12345675",
      transportMode: "AIR",
      containerNumber: null,
      freightMinor: declaration.freightMinor,
      insuredFeeMinor: declaration.insuredFeeMinor,
      waybillGrossWeightG: docs.packing.grossWeightG,
      waybillPackages: docs.packing.packages,
      customsOfficeCode: declaration.customsOfficeCode || "5710",
      portCode: declaration.portCode || "5710",
    },
    actor,
    { note: "demo", now: new Date(shipped.getTime() - DAY) },
  );
  const checked = await gatherDeclarationDocuments(unscopedDb, declaration.id);
  const mismatches = checked ? matchDocuments(checked) : [];
  if (mismatches.length > 0) {
    console.warn(`[seed] demo declaration of ${order.number} left in draft: ${mismatches.map((m) => m.code).join(", ")}`);
    return;
  }
  await applyDeclarationAction(declaration.id, "validate", actor, { now: new Date(shipped.getTime() - DAY) });
  await applyDeclarationAction(declaration.id, "submit", actor, { now: new Date(shipped.getTime() - DAY / 2) });
  await applyDeclarationAction(declaration.id, "release", actor, { now: shipped });
  await applyDeclarationAction(declaration.id, "clear", actor, { now: new Date(shipped.getTime() + 3 * DAY) });
}
