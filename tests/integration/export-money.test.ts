import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { presentAgencySettlements, presentMakerMoney } from "~/modules/export-agency/money-pages.server";
import { addAgencyFeeRate, addRebateRate, agencyFeeInForce, MoneyRateError, rebateRatesInForce } from "~/modules/export-agency/money-rates.server";
import { monthlyRebateTotals, refreshRebateEstimate, type EstimateLine } from "~/modules/export-agency/rebate-estimates.server";
import { markSettlementPaid, settleOrderPayment, SettlementError } from "~/modules/export-agency/settlements.server";
import { applyOrderEvent, type OrderActor } from "~/modules/ordering/order-lifecycle.server";
import type { OrganizationContext } from "~/modules/tenancy/access.server";
import { withTestDatabase } from "../support/database";
import { createManufacturer } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

withTestDatabase();

const system: OrderActor = { userId: null, organizationId: null };
const day = (s: string) => new Date(`${s}T00:00:00Z`);
let world: OrderWorld;

async function fx(effective: string, rates: Record<string, string>) {
  await unscopedDb.fxRate.createMany({ data: Object.entries(rates).map(([quoteCode, rate]) => ({ baseCode: "USD", quoteCode, rate, effectiveDate: day(effective), source: "test" })), skipDuplicates: true });
}

function contextOf(organizationId: string): OrganizationContext {
  return { organization: { id: organizationId, name: "Maker", kind: "MANUFACTURER" }, scoped: forOrganization(organizationId) } as unknown as OrganizationContext;
}

beforeAll(async () => {
  world = await createOrderWorld();
  // 2025-03: 1 BRL = 7.20 / 5.76 = 1.25 CNY exactly. The fee: 2% and 7 days from 2025-03-01, 3% and 3 days from 2025-06-01.
  await fx("2025-03-01", { CNY: "7.20", BRL: "5.76" });
  await fx("2025-06-01", { CNY: "7.30", BRL: "5.84" });
  await unscopedDb.agencyFeeRate.createMany({ data: [{ rate: "0.02", settlementDays: 7, validFrom: day("2025-03-01") }, { rate: "0.03", settlementDays: 3, validFrom: day("2025-06-01") }] });
  // Rebate rates of 2024: the seeded battery code 8507600090 is 13% until 2024-11-30 and 9% from 2024-12-01.
  await fx("2024-11-01", { CNY: "7.10" });
  await fx("2024-12-01", { CNY: "7.20" });
});

describe("forex settlement", () => {
  it("is made once when the order is paid: received total at the dated rate, less the fee in force, due days later", async () => {
    const order = await createPlacedOrder(world, [40]); // 400.00 CNY, the buyer pays 300.00 BRL
    const paidAt = new Date("2025-03-10T15:00:00Z");
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system, now: paidAt });
    const s = await unscopedDb.forexSettlement.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(s).toMatchObject({ organizationId: world.makerId, receivedCurrencyCode: "BRL", receivedMinor: 30_000n, grossCnyMinor: 37_500n, feeMinor: 750n, netCnyMinor: 36_750n, status: "PENDING" });
    expect(s.fxRate.toString()).toBe("1.25");
    expect(s.feeRate.toString()).toBe("0.02");
    expect(s.fxRateDate.toISOString().slice(0, 10)).toBe("2025-03-01");
    expect(s.expectedOn.toISOString().slice(0, 10)).toBe("2025-03-17");

    // Replayed, overpaid, or raced: still one settlement, unchanged.
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: 100n }, actor: system, now: new Date("2025-07-01T00:00:00Z") });
    const outcomes = await Promise.all([0, 1, 2].map(() => unscopedDb.$transaction((tx) => settleOrderPayment(tx, order.id, new Date("2025-07-01T00:00:00Z")))));
    expect(outcomes.map((o) => o.kind)).toEqual(["exists", "exists", "exists"]);
    expect(await unscopedDb.forexSettlement.count({ where: { orderId: order.id } })).toBe(1);
    expect((await unscopedDb.forexSettlement.findUniqueOrThrow({ where: { orderId: order.id } })).netCnyMinor).toBe(36_750n);
    // The surplus refunded back to the buyer leaves the settlement whole: no note.
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "refund", amountMinor: 100n }, actor: system, now: new Date("2025-07-02T00:00:00Z") });
    const page = await presentMakerMoney(contextOf(world.makerId), "en");
    expect(page.settlements.find((r) => r.id === s.id)?.refundNote).toBeNull();
  });

  it("concurrent payments of the same order make one settlement, with the fee and rate of their day", async () => {
    const order = await createPlacedOrder(world, [20]); // 150.00 BRL
    const at = new Date("2025-06-15T09:00:00Z");
    const results = await Promise.allSettled([0, 1].map(() => applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system, now: at })));
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const rows = await unscopedDb.forexSettlement.findMany({ where: { orderId: order.id } });
    expect(rows).toHaveLength(1);
    // 1 BRL = 7.30 / 5.84 = 1.25; 150.00 BRL = 187.50 CNY; 3% = 5.625 → 5.62 (half-even); due 3 days later.
    expect(rows[0]).toMatchObject({ grossCnyMinor: 18_750n, feeMinor: 562n, netCnyMinor: 18_188n });
    expect(rows[0]!.expectedOn.toISOString().slice(0, 10)).toBe("2025-06-18");
  });

  it("a net-terms order settles when paid in full, not before", async () => {
    const order = await createPlacedOrder(world, [8], { paymentMethod: "TERMS" }); // 60.00 BRL
    const at = new Date("2025-03-20T12:00:00Z");
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "terms_accepted" }, actor: { userId: null, organizationId: world.buyerId }, now: at });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: 2_000n }, actor: system, now: at });
    expect(await unscopedDb.forexSettlement.count({ where: { orderId: order.id } })).toBe(0);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: 4_000n }, actor: system, now: at });
    const s = await unscopedDb.forexSettlement.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(s).toMatchObject({ receivedMinor: 6_000n, grossCnyMinor: 7_500n, feeMinor: 150n, netCnyMinor: 7_350n });
  });

  it("a refund after settlement is shown beside it, never applied silently; marking paid keeps who and when, once", async () => {
    const order = await createPlacedOrder(world, [4]); // 30.00 BRL
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system, now: new Date("2025-03-11T00:00:00Z") });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "refund", amountMinor: 1_000n }, actor: system, now: new Date("2025-03-12T00:00:00Z") });
    const s = await unscopedDb.forexSettlement.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(s.receivedMinor).toBe(3_000n);
    const page = await presentMakerMoney(contextOf(world.makerId), "en");
    const row = page.settlements.find((r) => r.id === s.id)!;
    expect(row.refundNote).toContain("R$10.00");
    expect(row.rate).toBe("1 BRL = 1.25 CNY (rate of Mar 1, 2025)");

    const agent = await unscopedDb.user.create({ data: { email: `agent-${randomUUID()}@test.ponte`, name: "Agent Li", passwordHash: "x" } });
    const when = new Date("2025-03-18T08:00:00Z");
    await markSettlementPaid(s.id, agent.id, when);
    expect(await unscopedDb.forexSettlement.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "PAID", paidAt: when, paidById: agent.id });
    await expect(markSettlementPaid(s.id, agent.id)).rejects.toMatchObject({ code: "already_paid" });
    await expect(markSettlementPaid(randomUUID(), agent.id)).rejects.toBeInstanceOf(SettlementError);
    const desk = await presentAgencySettlements("zh", new Date("2025-03-30T00:00:00Z"));
    expect(desk.paid.find((p) => p.id === s.id)?.paidBy).toBe("Agent Li");
    const owed = desk.makers.find((m) => m.organizationId === world.makerId)!;
    expect(owed.count).toBe(desk.pending.filter((p) => p.maker === owed.name).length);
  });
});

describe("reference rates", () => {
  it("reads the row in force on a day and refuses bad or duplicate rows", async () => {
    expect((await agencyFeeInForce(unscopedDb, "2025-05-31"))?.rate).toBe("0.02");
    expect((await agencyFeeInForce(unscopedDb, "2025-06-01"))?.rate).toBe("0.03");
    const before = await rebateRatesInForce(unscopedDb, ["8507600090"], "2024-11-30");
    const after = await rebateRatesInForce(unscopedDb, ["8507600090"], "2024-12-01");
    expect(before.get("8507600090")?.rebateRate).toBe("0.13");
    expect(after.get("8507600090")?.rebateRate).toBe("0.09");
    const user = await unscopedDb.user.create({ data: { email: `desk-${randomUUID()}@test.ponte`, name: "Desk", passwordHash: "x" } });
    await addRebateRate({ hsCode: "8541430000", rebatePercent: "9", vatPercent: "13", validFrom: "2024-12-01", note: "PV modules" }, user.id);
    await expect(addRebateRate({ hsCode: "8541430000", rebatePercent: "9", vatPercent: "13", validFrom: "2024-12-01", note: "" }, user.id)).rejects.toMatchObject({ code: "duplicate" });
    await expect(addRebateRate({ hsCode: "8541", rebatePercent: "9", vatPercent: "13", validFrom: "2024-12-01", note: "" }, user.id)).rejects.toMatchObject({ code: "hs_code" });
    await expect(addRebateRate({ hsCode: "8541430000", rebatePercent: "16", vatPercent: "13", validFrom: "2025-01-01", note: "" }, user.id)).rejects.toMatchObject({ code: "rebate_above_vat" });
    await expect(addAgencyFeeRate({ feePercent: "1,5", settlementDays: "500", validFrom: "2026-01-01" }, user.id)).rejects.toBeInstanceOf(MoneyRateError);
    await addAgencyFeeRate({ feePercent: "1,5", settlementDays: "5", validFrom: "2026-01-01" }, user.id);
    expect((await agencyFeeInForce(unscopedDb, "2026-01-02"))?.rate).toBe("0.015");
  });
});

describe("rebate estimate", () => {
  async function declaration(organizationId: string, status: "DRAFT" | "VALIDATED" | "CLEARED", releasedAt: string | null, lines: { hsCode: string; totalMinor: bigint }[]) {
    const order = await createPlacedOrder(world, [1]);
    const variant = world.variants[0]!;
    return unscopedDb.exportDeclaration.create({
      data: {
        number: `DEC-2024-${randomUUID().slice(0, 6)}`,
        organizationId,
        mode: "B2B_DIRECT_9710",
        orderId: order.id,
        status,
        guid: randomUUID().toUpperCase(),
        destinationCountry: "BR",
        currencyCode: "USD",
        releasedAt: releasedAt ? new Date(`${releasedAt}T10:00:00Z`) : null,
        clearedAt: status === "CLEARED" && releasedAt ? new Date(`${releasedAt}T12:00:00Z`) : null,
        lines: {
          create: lines.map((l, i) => ({ organizationId, position: i + 1, productId: variant.productId, variantId: variant.id, sku: variant.sku, itemName: "测试", hsCode: l.hsCode, quantity: 1, unitPriceMinor: l.totalMinor, totalMinor: l.totalMinor, netWeightG: 1000, grossWeightG: 1200 })),
        },
      },
    });
  }

  it("uses the rebate rates and the CNY rate in force on the export date (the 2024-12-01 cut)", async () => {
    const lines = [
      { hsCode: "8507600090", totalMinor: 1_000_000n }, // USD 10,000.00 of power banks
      { hsCode: "8415102100", totalMinor: 50_000n }, // USD 500.00 of air conditioners
      { hsCode: "9999999999", totalMinor: 10_000n }, // no rate on file
    ];
    const november = await declaration(world.makerId, "CLEARED", "2024-11-30", lines);
    const december = await declaration(world.makerId, "VALIDATED", "2024-12-01", lines);
    await unscopedDb.$transaction((tx) => refreshRebateEstimate(tx, november.id));
    await unscopedDb.$transaction((tx) => refreshRebateEstimate(tx, december.id));
    const nov = await unscopedDb.rebateEstimate.findUniqueOrThrow({ where: { declarationId: november.id } });
    const dec = await unscopedDb.rebateEstimate.findUniqueOrThrow({ where: { declarationId: december.id } });
    // November at 7.10: 7,100,000 + 355,000 + 71,000 fen; 13% of the first two = 923,000 + 46,150.
    expect(nov).toMatchObject({ method: "EXEMPT_CREDIT_REFUND", fobMinor: 1_060_000n, fobCnyMinor: 7_526_000n, rebateMinor: 969_150n, nonCreditableMinor: 0n });
    expect(nov.fxRate.toString()).toBe("7.1");
    expect(nov.exportMonth.toISOString().slice(0, 10)).toBe("2024-11-01");
    // December at 7.20: batteries at 9% (648,000, and 4% = 288,000 not creditable), air conditioners 13% of 360,000.
    expect(dec).toMatchObject({ fobCnyMinor: 7_632_000n, rebateMinor: 694_800n, nonCreditableMinor: 288_000n });
    expect(dec.exportMonth.toISOString().slice(0, 10)).toBe("2024-12-01");
    const decLines = dec.lines as unknown as EstimateLine[];
    expect(decLines.map((l) => [l.hsCode, l.rebateRate, l.validFrom, l.missingRate])).toEqual([
      ["8507600090", "0.09", "2024-12-01", false],
      ["8415102100", "0.13", "2019-04-01", false],
      ["9999999999", null, null, true],
    ]);

    // Monthly totals: the cleared declaration counts, the validated one is pending.
    const estimates = await unscopedDb.rebateEstimate.findMany({ where: { organizationId: world.makerId }, include: { declaration: { select: { status: true } } } });
    const months = monthlyRebateTotals(estimates.map((e) => ({ ...e, status: e.declaration.status })));
    expect(months.map((m) => [m.month, m.clearedRebateMinor, m.pendingRebateMinor])).toEqual([
      ["2024-12-01", 0n, 694_800n],
      ["2024-11-01", 969_150n, 0n],
    ]);

    // Back to draft: no estimate.
    await unscopedDb.exportDeclaration.update({ where: { id: december.id }, data: { status: "DRAFT" } });
    expect(await unscopedDb.$transaction((tx) => refreshRebateEstimate(tx, december.id))).toBeNull();
    expect(await unscopedDb.rebateEstimate.count({ where: { declarationId: december.id } })).toBe(0);
  });

  it("a trader's (免退) estimate says FOB stood in for the purchase invoice", async () => {
    const trader = await createManufacturer();
    await unscopedDb.organization.update({ where: { id: trader.id }, data: { rebateMethod: "EXEMPT_REFUND" } });
    const d = await declaration(trader.id, "VALIDATED", "2024-12-01", [{ hsCode: "8507600090", totalMinor: 1_000_000n }]);
    await unscopedDb.$transaction((tx) => refreshRebateEstimate(tx, d.id));
    const e = await unscopedDb.rebateEstimate.findUniqueOrThrow({ where: { declarationId: d.id } });
    expect(e).toMatchObject({ method: "EXEMPT_REFUND", rebateMinor: 648_000n, nonCreditableMinor: 288_000n });
    expect((e.lines as unknown as EstimateLine[])[0]?.fobStandsInForInvoice).toBe(true);
  });

  it("another manufacturer sees none of them", async () => {
    const other = await createManufacturer();
    const page = await presentMakerMoney(contextOf(other.id), "zh");
    expect(page.settlements).toEqual([]);
    expect(page.estimates).toEqual([]);
    const own = await presentMakerMoney(contextOf(world.makerId), "zh");
    expect(own.settlements.length).toBeGreaterThan(0);
    expect(own.estimates.length).toBeGreaterThan(0);
    expect(own.months[0]?.label).toContain("2024");
    // Another tenant's settlement cannot be read through a manufacturer's scoped client either.
    const theirs = await unscopedDb.forexSettlement.findFirstOrThrow({ where: { organizationId: world.makerId } });
    expect(await forOrganization(other.id).forexSettlement.findFirst({ where: { id: theirs.id } })).toBeNull();
  });
});
