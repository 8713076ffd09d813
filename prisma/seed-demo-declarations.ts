import { unscopedDb } from "../app/modules/db/index.server";
import { applyDeclarationAction, recordCustomsReceipt, updateWaybill, type WaybillInput } from "../app/modules/export-agency/declaration-lifecycle.server";
import { createMissingDeclarations, gatherDeclarationDocuments } from "../app/modules/export-agency/declarations.server";
import { matchDocuments } from "../app/modules/export-agency/matching";

const DAY = 86_400_000;

/**
 * The export agency's demo declarations, after the demo orders (whose payments and shipments created them through
 * applyOrderEvent) and the export money (which clears the maker's oldest one). Every change goes through the same
 * lifecycle the desk uses, as agent@demo.ponte.test:
 * - the net-terms order to Bogotá (shipped from Zhuhai): the forwarder's waybill says 2.5 kg more gross weight than the
 *   packing list: a draft with exactly that mismatch, the one the end-to-end test corrects;
 * - the kettles shipped from Zhuhai to Lisbon: waybill as issued, validated, submitted, released (a customs receipt
 *   recorded): filed, so no longer editable;
 * - the Mexican order being prepared: waybill as issued and validated, ready to submit;
 * - the chargers paid two days ago: a draft with no waybill yet;
 * - a 9810 for each shipped inbound shipment (the sweep creates them): left as drafts.
 * Idempotent: only declarations still in draft with no waybill are touched.
 */
export async function seedDemoDeclarations() {
  await createMissingDeclarations();
  const agent = await unscopedDb.user.findUnique({ where: { email: "agent@demo.ponte.test" }, select: { id: true } });
  if (!agent) return;
  const actor = { userId: agent.id };

  const drafts = await unscopedDb.exportDeclaration.findMany({
    where: { status: "DRAFT", mode: "B2B_DIRECT_9710", logisticsNo: "" },
    orderBy: { createdAt: "asc" },
    select: { id: true, orderId: true, freightMinor: true },
  });
  for (const draft of drafts) {
    const order = await unscopedDb.order.findUnique({ where: { id: draft.orderId! }, select: { number: true, status: true, paymentMethod: true, shippedAt: true, paidAt: true, placedAt: true, deliveryAddress: true } });
    if (!order) continue;
    const docs = await gatherDeclarationDocuments(unscopedDb, draft.id);
    if (!docs) continue;
    const country = docs.declaration.destinationCountry;
    const when = order.shippedAt ?? order.paidAt ?? order.placedAt;
    const asIssued = (awb: string, grossWeightG: number): WaybillInput => ({
      logisticsCode: "4403960Q0T",
      logisticsName: "珠海国际货运代理有限公司",
      logisticsNo: awb,
      transportMode: "AIR",
      containerNumber: null,
      freightMinor: draft.freightMinor,
      insuredFeeMinor: 0n,
      waybillGrossWeightG: grossWeightG,
      waybillPackages: docs.packing.packages,
      customsOfficeCode: "5710",
      portCode: "5710",
    });
    if (order.paymentMethod === "TERMS" && order.shippedAt) {
      // HKG → BOG (serial 5521003 mod 7 = 5): the forwarder weighed 2.5 kg more than the packing list.
      await updateWaybill(draft.id, asIssued("729-55210035", docs.packing.grossWeightG + 2500), actor, { note: "AWB as issued by the forwarder", now: when });
      continue;
    }
    if (country === "PT" && order.shippedAt) {
      await updateWaybill(draft.id, asIssued("235-10000012", docs.packing.grossWeightG), actor, { now: when });
      if (!(await agrees(draft.id, order.number))) continue;
      await applyDeclarationAction(draft.id, "validate", actor, { now: new Date(when.getTime() + DAY / 24) });
      await applyDeclarationAction(draft.id, "submit", actor, { now: new Date(when.getTime() + DAY / 12) });
      await recordCustomsReceipt(draft.id, { messageType: "CEB604", returnStatus: "120", returnInfo: "[Code:2600;Desc:海关入库成功]", receivedAt: new Date(when.getTime() + DAY / 6) }, actor, { now: new Date(when.getTime() + DAY / 6) });
      await applyDeclarationAction(draft.id, "release", actor, { now: new Date(when.getTime() + DAY / 3) });
      continue;
    }
    if (country === "MX") {
      await updateWaybill(draft.id, asIssued("784-76543213", docs.packing.grossWeightG), actor, { now: when });
      if (await agrees(draft.id, order.number)) await applyDeclarationAction(draft.id, "validate", actor, { now: new Date(when.getTime() + DAY / 24) });
    }
    // Anything else (the chargers paid two days ago) waits for its waybill.
  }
}

async function agrees(declarationId: string, orderNumber: string): Promise<boolean> {
  const docs = await gatherDeclarationDocuments(unscopedDb, declarationId);
  const mismatches = docs ? matchDocuments(docs) : [];
  if (mismatches.length > 0) console.warn(`[seed] demo declaration of ${orderNumber} left in draft: ${mismatches.map((m) => m.code).join(", ")}`);
  return mismatches.length === 0;
}
