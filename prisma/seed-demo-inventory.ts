import type { Locale } from "../app/generated/prisma/enums";
import { evaluateStockAlerts } from "../app/modules/inventory/alerts.server";
import { forOrganization, unscopedDb } from "../app/modules/db/index.server";
import { createInbound, InboundInputSchema, transitionInbound } from "../app/modules/inventory/inbound.server";
import { recordCycleCount } from "../app/modules/inventory/counts.server";
import { receiveInboundShipment, type DiscrepancyInput, type ReceiveLineInput } from "../app/modules/inventory/receiving.server";
import { hashPassword } from "../app/modules/tenancy/passwords.server";

/**
 * Demo stock for Gree-Lux Home Appliances (maker@demo.ponte.test) in the overseas warehouses, made the way real
 * stock is made: advance shipping notices from Zhuhai, received by the warehouse staff (receipts, a short carton
 * and damaged units in Lisbon), one order picked and dispatched in São Paulo, a cycle count; plus one shipment still
 * at sea to Lisbon. And the demo warehouse staff: members of the platform organization, one per warehouse.
 * Idempotent: staff are upserted; stock is seeded only when the manufacturer has no movement yet.
 */

const PLATFORM = "Ponte Trade Services";
const MAKER_EMAIL = "maker@demo.ponte.test";

export const DEMO_STAFF: { email: string; name: string; locale: Locale; currencyCode: string; warehouse: string }[] = [
  { email: "staff.lis@demo.ponte.test", name: "Inês Carvalho", locale: "pt", currencyCode: "EUR", warehouse: "LIS" },
  { email: "staff.gru@demo.ponte.test", name: "Rafael Lima", locale: "pt", currencyCode: "BRL", warehouse: "GRU" },
];

interface DemoLine {
  sku: string;
  quantity: number;
  cartons: number;
  /** What the warehouse finds (default: everything, in good condition). */
  good?: number;
  damaged?: number;
}

interface DemoShipment {
  warehouse: string;
  /** Days from today (negative: already arrived). */
  expectedInDays: number;
  notes: string;
  lines: DemoLine[];
  receive: boolean;
  discrepancies?: { sku: string; kind: DiscrepancyInput["kind"]; quantity: number; cartons: number; note: string }[];
}

const SHIPMENTS: DemoShipment[] = [
  {
    warehouse: "GRU",
    expectedInDays: -12,
    notes: "Navio MSC Beatrice, contêiner MSCU 482913-6 — Santos → Guarulhos por caminhão.",
    receive: true,
    lines: [
      { sku: "GL-CM15-127N", quantity: 720, cartons: 120 },
      { sku: "GL-CM15-220N", quantity: 96, cartons: 16 },
      { sku: "GL-AF45-127N", quantity: 60, cartons: 30 },
      { sku: "GL-KT17-220N", quantity: 144, cartons: 12 },
      { sku: "GL-RV30-N", quantity: 24, cartons: 24 },
    ],
  },
  {
    warehouse: "LIS",
    expectedInDays: -6,
    notes: "Navio CMA CGM Tage, contentor CMAU 730551-2 — porto de Lisboa (Alcântara).",
    receive: true,
    lines: [
      { sku: "GL-CM15-230F", quantity: 72, cartons: 12 },
      { sku: "GL-KT17-230F", quantity: 108, cartons: 9, good: 96 },
      { sku: "GL-RV30-F", quantity: 20, cartons: 20, good: 18, damaged: 2 },
    ],
    discrepancies: [
      { sku: "GL-KT17-230F", kind: "SHORT", quantity: 12, cartons: 1, note: "Caixa 9 de 9 em falta; selo do contentor intacto." },
      { sku: "GL-RV30-F", kind: "DAMAGED", quantity: 2, cartons: 2, note: "Duas caixas esmagadas no canto; aspiradores com a tampa partida." },
    ],
  },
  {
    warehouse: "MEX",
    expectedInDays: -9,
    notes: "Buque ONE Manzanillo, contenedor ONEU 118204-9 — Manzanillo → CDMX por tren.",
    receive: true,
    lines: [{ sku: "GL-AF45-127AB", quantity: 48, cartons: 24 }],
  },
  {
    warehouse: "LIS",
    expectedInDays: 9,
    notes: "Navio MSC Alina, contentor MSCU 604418-3 — ETA Lisboa.",
    receive: false,
    lines: [
      { sku: "GL-CM15-230F", quantity: 120, cartons: 20 },
      { sku: "GL-KT17-230F", quantity: 60, cartons: 5 },
    ],
  },
];

function isoDay(daysFromToday: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + daysFromToday);
  return d.toISOString().slice(0, 10);
}

/** The demo warehouse staff (platform members assigned to Lisbon and São Paulo). */
async function seedDemoStaff(platformId: string, warehouses: Map<string, string>) {
  const passwordHash = await hashPassword("ponte-demo-2026");
  const staff = new Map<string, string>();
  for (const person of DEMO_STAFF) {
    const { warehouse, ...profile } = person;
    const user = await unscopedDb.user.upsert({ where: { email: profile.email }, create: { ...profile, passwordHash, emailVerifiedAt: new Date() }, update: {}, select: { id: true } });
    await unscopedDb.membership.upsert({
      where: { organizationId_userId: { organizationId: platformId, userId: user.id } },
      create: { organizationId: platformId, userId: user.id, role: "MEMBER" },
      update: {},
    });
    const warehouseId = warehouses.get(warehouse);
    if (warehouseId) {
      await unscopedDb.warehouseStaff.upsert({ where: { warehouseId_userId: { warehouseId, userId: user.id } }, create: { warehouseId, userId: user.id }, update: {} });
      staff.set(warehouse, user.id);
    }
  }
  return staff;
}

export interface DemoInventoryResult {
  staff: number;
  shipments: number;
  skipped?: string;
}

export async function seedDemoInventory(): Promise<DemoInventoryResult> {
  const platform = await unscopedDb.organization.findFirst({ where: { name: PLATFORM, kind: "PLATFORM" }, select: { id: true } });
  const warehouseRows = await unscopedDb.warehouse.findMany({ where: { code: { in: ["GRU", "LIS", "MEX"] } }, select: { id: true, code: true } });
  const warehouses = new Map(warehouseRows.map((w) => [w.code, w.id]));
  if (!platform) return { staff: 0, shipments: 0, skipped: "no platform organization" };
  const staff = await seedDemoStaff(platform.id, warehouses);

  const maker = await unscopedDb.membership.findFirst({
    where: { role: "OWNER", user: { email: MAKER_EMAIL }, organization: { kind: "MANUFACTURER" } },
    select: { userId: true, organizationId: true },
  });
  if (!maker) return { staff: staff.size, shipments: 0, skipped: "no demo manufacturer" };
  const makerId = maker.organizationId;
  if ((await unscopedDb.stockMovement.count({ where: { organizationId: makerId } })) > 0 || (await unscopedDb.inboundShipment.count({ where: { organizationId: makerId } })) > 0) {
    return { staff: staff.size, shipments: 0, skipped: "stock already seeded" };
  }
  const scoped = forOrganization(makerId);
  const skus = new Set((await scoped.productVariant.findMany({ select: { sku: true } })).map((v) => v.sku));

  let created = 0;
  for (const demo of SHIPMENTS) {
    const warehouseId = warehouses.get(demo.warehouse);
    const lines = demo.lines.filter((l) => skus.has(l.sku));
    if (!warehouseId || lines.length === 0) continue;
    const input = InboundInputSchema.parse({
      warehouseId,
      expectedOn: isoDay(demo.expectedInDays),
      cartons: null,
      notes: demo.notes,
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, cartons: l.cartons })),
    });
    const { id } = await createInbound(scoped, input, { userId: maker.userId });
    await transitionInbound(scoped, id, "ship");
    created += 1;
    if (!demo.receive) continue;

    const shipmentLines = await scoped.inboundShipmentLine.findMany({ where: { inboundShipmentId: id }, select: { id: true, variant: { select: { sku: true } } } });
    const lineOf = new Map(shipmentLines.map((l) => [l.variant.sku, l.id]));
    const receipt: ReceiveLineInput[] = lines.map((l) => ({ lineId: lineOf.get(l.sku)!, received: l.good ?? l.quantity, damaged: l.damaged ?? 0 }));
    const discrepancies: DiscrepancyInput[] = (demo.discrepancies ?? [])
      .filter((d) => lineOf.has(d.sku))
      .map((d) => ({ lineId: lineOf.get(d.sku)!, kind: d.kind, quantity: d.quantity, cartons: d.cartons, note: d.note, photos: [] }));
    await receiveInboundShipment({ warehouseId, shipmentId: id, lines: receipt, discrepancies, close: true, userId: staff.get(demo.warehouse), notify: false });
  }

  // São Paulo: an order of Casa Paulista picked and dispatched, and a cycle count that found one unit missing.
  const gru = warehouses.get("GRU");
  const variant = (sku: string) => scoped.productVariant.findFirst({ where: { sku }, select: { id: true } });
  // (Casa Paulista's order of 12 coffee makers, picked and dispatched here, is a real order: prisma/seed-demo-orders.ts.)
  const kettle = await variant("GL-KT17-220N");
  if (gru && kettle) {
    const balance = await unscopedDb.stockBalance.findFirst({ where: { organizationId: makerId, warehouseId: gru, variantId: kettle.id }, select: { id: true, onHand: true } });
    if (balance) {
      await recordCycleCount({ balanceId: balance.id, warehouseId: gru }, { counted: balance.onHand - 1, reason: "Contagem mensal, posição B-12: 1 unidade a menos (caixa aberta)", userId: staff.get("GRU") });
    }
  }
  // Low-stock thresholds: the robot vacuums in Lisbon (18 good after 2 damaged) fall below theirs, so the demo
  // dashboard shows an open alert with its suggested replenishment.
  const thresholds: [string, string, number][] = [
    ["LIS", "GL-RV30-F", 20],
    ["GRU", "GL-RV30-N", 10],
    ["GRU", "GL-CM15-127N", 40],
  ];
  for (const [code, sku, threshold] of thresholds) {
    const warehouseId = warehouses.get(code);
    const v = await variant(sku);
    if (!warehouseId || !v) continue;
    await scoped.stockBalance.updateMany({ where: { warehouseId, variantId: v.id }, data: { lowStockThreshold: threshold } });
  }
  await evaluateStockAlerts({ organizationId: makerId });
  return { staff: staff.size, shipments: created };
}
