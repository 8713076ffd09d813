import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { StockMovementKind } from "~/generated/prisma/enums";
import { forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { serverT } from "~/modules/i18n/i18n.server";
import { countOpenAlerts, evaluateStockAlerts, listOpenAlerts } from "~/modules/inventory/alerts.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { createInbound, transitionInbound } from "~/modules/inventory/inbound.server";
import { DEFAULT_TRANSIT_DAYS, SAFETY_DAYS, setLowStockThreshold, stockInsight, suggestReplenishment } from "~/modules/inventory/insight.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { ledgerCsvResponse, ledgerFilterFrom, listLedger } from "~/modules/inventory/ledger-export.server";
import { runStockAlerts } from "../../workers/inventory-alerts";
import { withTestDatabase } from "../support/database";

withTestDatabase();

const DAY = 86_400_000;
const tag = () => randomBytes(3).toString("hex").toUpperCase();

interface Maker {
  id: string;
  scoped: ScopedDb;
  variants: { id: string; sku: string }[];
}

async function maker(name: string, options: { packSize: number; leadTimeDays: number }): Promise<Maker> {
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name, countryCode: "CN" } });
  const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
  const t = tag();
  const product = await unscopedDb.product.create({
    data: {
      organizationId: org.id,
      categoryId: category.id,
      slug: `insight-test-${t.toLowerCase()}`,
      hsCode: "851679",
      currencyCode: "CNY",
      packSize: options.packSize,
      leadTimeDays: options.leadTimeDays,
      translations: {
        create: [
          { organizationId: org.id, locale: "zh", name: "电风扇" },
          { organizationId: org.id, locale: "pt", name: "Ventilador de mesa" },
        ],
      },
    },
  });
  const variants = [];
  for (const [position, sku] of [`FAN-${t}-127V`, `FAN-${t}-220V`].entries()) {
    variants.push(await unscopedDb.productVariant.create({ data: { organizationId: org.id, productId: product.id, sku, netWeightG: 1000, grossWeightG: 1200, lengthMm: 100, widthMm: 100, heightMm: 100, position }, select: { id: true, sku: true } }));
  }
  return { id: org.id, scoped: forOrganization(org.id), variants };
}

async function move(m: Maker, warehouseId: string, variantId: string, kind: StockMovementKind, onHandDelta = 0, reservedDelta = 0, reason?: string) {
  return unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: m.id, warehouseId, variantId, kind, onHandDelta, reservedDelta, reason }));
}

async function member(organizationId: string, role: "OWNER" | "ADMIN" | "MEMBER", locale: "pt" | "zh" | "en") {
  const user = await unscopedDb.user.create({ data: { email: `${role.toLowerCase()}-${tag().toLowerCase()}@insight.test`, name: `${role} ${locale}`, passwordHash: "x", locale } });
  await unscopedDb.membership.create({ data: { organizationId, userId: user.id, role } });
  return user;
}

let a: Maker;
let b: Maker;
let gru: { id: string; code: string; city: string };
let lis: { id: string; code: string; city: string };
let brTransit: number;
let owner: { email: string };
let admin: { email: string };
let memberUser: { email: string };

beforeAll(async () => {
  a = await maker("Insight Maker A", { packSize: 4, leadTimeDays: 20 });
  b = await maker("Insight Maker B", { packSize: 1, leadTimeDays: 10 });
  gru = await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "GRU" }, select: { id: true, code: true, city: true } });
  lis = await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "LIS" }, select: { id: true, code: true, city: true } });
  brTransit = (await unscopedDb.transitLane.findFirstOrThrow({ where: { originCountry: "CN", destinationCountry: "BR" }, orderBy: { validFrom: "desc" } })).transitDaysMax;
  owner = await member(a.id, "OWNER", "pt");
  admin = await member(a.id, "ADMIN", "zh");
  memberUser = await member(a.id, "MEMBER", "en");

  const [v1, v2] = a.variants as [Maker["variants"][number], Maker["variants"][number]];
  // São Paulo: 100 received, 30 sold (reserved, then picked and shipped), 5 held in a cart.
  await move(a, gru.id, v1.id, "RECEIPT", 100);
  await move(a, gru.id, v1.id, "RESERVATION", 0, 30);
  await move(a, gru.id, v1.id, "PICK", -30, -30);
  await move(a, gru.id, v1.id, "SHIPMENT");
  await move(a, gru.id, v1.id, "RESERVATION", 0, 5);
  // Lisbon: 40 of the other SKU, nothing sold.
  await move(a, lis.id, v2.id, "RECEIPT", 40);
  await move(a, lis.id, v2.id, "ADJUSTMENT", -2, 0, "=HYPERLINK(\"http://x\") damaged in handling");
  // On their way to São Paulo: 12 shipped; a draft and a cancelled shipment do not count.
  const shipped = await createInbound(a.scoped, { warehouseId: gru.id, expectedOn: new Date(Date.now() + 20 * DAY), cartons: 3, notes: "", lines: [{ sku: v1.sku, quantity: 12, cartons: 3 }] });
  await transitionInbound(a.scoped, shipped.id, "ship");
  await createInbound(a.scoped, { warehouseId: gru.id, expectedOn: new Date(Date.now() + 20 * DAY), cartons: 25, notes: "", lines: [{ sku: v1.sku, quantity: 100, cartons: 25 }] });
  const cancelled = await createInbound(a.scoped, { warehouseId: gru.id, expectedOn: new Date(Date.now() + 20 * DAY), cartons: 25, notes: "", lines: [{ sku: v1.sku, quantity: 100, cartons: 25 }] });
  await transitionInbound(a.scoped, cancelled.id, "ship");
  await transitionInbound(a.scoped, cancelled.id, "cancel");
  // The other manufacturer sells in São Paulo too: never mixed in.
  await move(b, gru.id, b.variants[0]!.id, "RECEIPT", 9);
  await move(b, gru.id, b.variants[0]!.id, "RESERVATION", 0, 9);
  await move(b, gru.id, b.variants[0]!.id, "PICK", -9, -9);
});

describe("the replenishment formula", () => {
  it("covers production + transit + safety days of sales, minus what is there and on its way, in whole cartons", () => {
    // 2.5/day × (15 + 35 + 14) = 160; 160 − 40 − 30 = 90 → 8 cartons of 12 = 96.
    expect(suggestReplenishment({ velocity: 2.5, available: 40, inbound: 30, threshold: null, packSize: 12, productionDays: 15, transitDays: 35 })).toEqual({
      quantity: 96,
      cartons: 8,
      packSize: 12,
      productionDays: 15,
      transitDays: 35,
      transitAssumed: false,
      safetyDays: SAFETY_DAYS,
      coverDays: 64,
      target: 160,
    });
    // Exactly a multiple of the carton: no extra carton.
    expect(suggestReplenishment({ velocity: 1, available: 0, inbound: 0, threshold: null, packSize: 8, productionDays: 10, transitDays: 40 - SAFETY_DAYS }).quantity).toBe(56);
    // Floating point: 2.1 × 30 days is 63, not 64.
    expect(suggestReplenishment({ velocity: 2.1, available: 0, inbound: 0, threshold: null, packSize: 1, productionDays: 16, transitDays: 30 - 16 - SAFETY_DAYS }).target).toBe(63);
  });

  it("suggests nothing when stock and what is on its way reach the target", () => {
    expect(suggestReplenishment({ velocity: 1, available: 60, inbound: 40, threshold: 10, packSize: 6, productionDays: 15, transitDays: 35 }).quantity).toBe(0);
  });

  it("lifts stock above the threshold when nothing sells, and assumes a long transit without a lane", () => {
    const s = suggestReplenishment({ velocity: 0, available: 3, inbound: 0, threshold: 10, packSize: 6, productionDays: 15, transitDays: null });
    expect(s.target).toBe(11);
    expect(s.quantity).toBe(12);
    expect(s.transitAssumed).toBe(true);
    expect(s.transitDays).toBe(DEFAULT_TRANSIT_DAYS);
  });
});

describe("stock insight", () => {
  it("gives on hand, reserved, available and inbound per SKU and warehouse, only the organization's", async () => {
    const { rows, warehouses } = await stockInsight(a.scoped, { lang: "pt" });
    const sp = rows.find((r) => r.warehouseId === gru.id && r.variantId === a.variants[0]!.id)!;
    expect([sp.onHand, sp.reserved, sp.available, sp.inbound]).toEqual([70, 5, 65, 12]);
    expect(sp.productName).toBe("Ventilador de mesa");
    const lisbon = rows.find((r) => r.warehouseId === lis.id)!;
    expect([lisbon.onHand, lisbon.reserved, lisbon.available, lisbon.inbound]).toEqual([38, 0, 38, 0]);
    expect(rows).toHaveLength(2);
    const byCode = Object.fromEntries(warehouses.map((w) => [w.code, w]));
    expect(byCode.GRU).toMatchObject({ onHand: 70, reserved: 5, available: 65, inbound: 12, skuCount: 1 });
    expect(byCode.LIS).toMatchObject({ onHand: 38, available: 38, inbound: 0 });
  });

  it("measures velocity from picks over 30 days (shipments are not counted twice), and days of cover", async () => {
    const { rows } = await stockInsight(a.scoped, { lang: "zh" });
    const sp = rows.find((r) => r.warehouseId === gru.id)!;
    expect(sp.velocity).toBe(1);
    expect(sp.daysOfCover).toBe(65);
    expect(sp.productName).toBe("电风扇");
    const lisbon = rows.find((r) => r.warehouseId === lis.id)!;
    expect(lisbon.velocity).toBe(0);
    expect(lisbon.daysOfCover).toBeNull();
    // A month later the sales have left the window.
    const later = await stockInsight(a.scoped, { lang: "pt", now: new Date(Date.now() + 31 * DAY) });
    expect(later.rows.find((r) => r.warehouseId === gru.id)!.velocity).toBe(0);
  });

  it("suggests the quantity to send, rounded up to whole cartons of the product's pack size", async () => {
    const { rows } = await stockInsight(a.scoped, { lang: "pt" });
    const s = rows.find((r) => r.warehouseId === gru.id)!.suggestion;
    const coverDays = 20 + brTransit + SAFETY_DAYS;
    expect(s).toMatchObject({ productionDays: 20, transitDays: brTransit, safetyDays: SAFETY_DAYS, coverDays, target: coverDays, packSize: 4, transitAssumed: false });
    const shortfall = coverDays - 65 - 12;
    expect(s.quantity).toBe(Math.max(0, Math.ceil(shortfall / 4) * 4));
    expect(s.quantity % 4).toBe(0);
    expect(s.cartons).toBe(s.quantity / 4);
  });
});

describe("low-stock alerts", () => {
  const sku = () => a.variants[0]!.sku;
  const balanceId = async () => (await unscopedDb.stockBalance.findUniqueOrThrow({ where: { warehouseId_variantId: { warehouseId: gru.id, variantId: a.variants[0]!.id } } })).id;
  const mails = () => unscopedDb.emailMessage.findMany({ where: { kind: "inventory.low-stock", toAddress: { in: [owner.email, admin.email, memberUser.email] } }, orderBy: { createdAt: "asc" } });

  it("opens one alert when available falls to the threshold, and emails OWNER and ADMIN once, each in their language", async () => {
    expect(await setLowStockThreshold(a.scoped, await balanceId(), 65)).toBe(true);
    const run = await evaluateStockAlerts({ organizationId: a.id });
    expect(run).toEqual({ opened: 1, resolved: 0, emails: 2 });
    const open = await listOpenAlerts(a.scoped);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ warehouseId: gru.id, variantId: a.variants[0]!.id, available: 65, threshold: 65 });
    expect(open[0]!.emailedAt).not.toBeNull();

    const sent = await mails();
    expect(sent.map((m) => m.toAddress).sort()).toEqual([admin.email, owner.email].sort());
    const pt = sent.find((m) => m.toAddress === owner.email)!;
    expect(pt.subject).toBe(serverT("pt")("inventory.email.lowStock.subjectOne", { sku: sku(), city: "São Paulo" }));
    expect(pt.text).toContain(sku());
    expect(pt.text).toContain("Ventilador de mesa");
    expect(pt.text).toContain(`/pt/orgs/${a.id}/inventory`);
    const zh = sent.find((m) => m.toAddress === admin.email)!;
    expect(zh.subject).toContain("圣保罗");
    expect(zh.text).toContain("电风扇");

    // Nothing new on the next runs: still one open alert, no second email.
    expect(await evaluateStockAlerts({ organizationId: a.id })).toEqual({ opened: 0, resolved: 0, emails: 0 });
    expect(await runStockAlerts()).toMatchObject({ opened: 0, emails: 0 });
    expect(await countOpenAlerts(a.scoped)).toBe(1);
    expect(await mails()).toHaveLength(2);
  });

  it("keeps one alert when two evaluations race", async () => {
    await Promise.all([evaluateStockAlerts({ organizationId: a.id }), evaluateStockAlerts({ organizationId: a.id }), runStockAlerts()]);
    expect(await countOpenAlerts(a.scoped)).toBe(1);
    expect(await mails()).toHaveLength(2);
  });

  it("resolves the alert when stock recovers, and a new drop opens (and emails) a new one", async () => {
    await move(a, gru.id, a.variants[0]!.id, "RECEIPT", 20);
    expect(await runStockAlerts()).toMatchObject({ resolved: 1 });
    expect(await countOpenAlerts(a.scoped)).toBe(0);
    const resolved = await unscopedDb.stockAlert.findFirstOrThrow({ where: { organizationId: a.id }, orderBy: { createdAt: "asc" } });
    expect(resolved.resolvedAt).not.toBeNull();

    await setLowStockThreshold(a.scoped, await balanceId(), 100);
    expect(await evaluateStockAlerts({ organizationId: a.id })).toEqual({ opened: 1, resolved: 0, emails: 2 });
    expect(await mails()).toHaveLength(4);

    // Clearing the threshold resolves it.
    await setLowStockThreshold(a.scoped, await balanceId(), null);
    expect(await evaluateStockAlerts({ organizationId: a.id })).toMatchObject({ resolved: 1 });
    expect(await countOpenAlerts(a.scoped)).toBe(0);
    expect(await unscopedDb.stockAlert.count({ where: { organizationId: a.id } })).toBe(2);
  });

  it("does not let a manufacturer set another's threshold", async () => {
    expect(await setLowStockThreshold(b.scoped, await balanceId(), 1)).toBe(false);
    expect((await unscopedDb.stockBalance.findUniqueOrThrow({ where: { id: await balanceId() } })).lowStockThreshold).toBeNull();
    expect(await countOpenAlerts(b.scoped)).toBe(0);
  });

  it("names the warehouse's city in the reader's language", () => {
    expect(warehouseCity(serverT("pt"), gru)).toBe("São Paulo");
    expect(warehouseCity(serverT("es"), { code: "MEX", city: "Ciudad de México" })).toBe("Ciudad de México");
    expect(warehouseCity(serverT("en"), lis)).toBe("Lisbon");
    expect(warehouseCity(serverT("zh"), { code: "XYZ", city: "Somewhere" })).toBe("Somewhere");
  });
});

describe("the ledger and its CSV export", () => {
  it("pages through the history newest first without gaps or repeats", async () => {
    const all = await listLedger(a.scoped, {}, { lang: "pt", take: 1000 });
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listLedger>> = await listLedger(a.scoped, {}, { lang: "pt", cursor, take: 3 });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((e) => e.id));
    const times = all.entries.map((e) => e.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    // Only this manufacturer's movements.
    expect(all.entries.every((e) => a.variants.some((v) => v.sku === e.sku))).toBe(true);
  });

  it("filters by SKU, warehouse, kind and date range", async () => {
    const bySku = await listLedger(a.scoped, ledgerFilterFrom(new URLSearchParams({ sku: a.variants[1]!.sku.toLowerCase() })), { lang: "pt" });
    expect(bySku.entries.map((e) => e.kind).sort()).toEqual(["ADJUSTMENT", "RECEIPT"]);
    const byWarehouse = await listLedger(a.scoped, ledgerFilterFrom(new URLSearchParams({ warehouseId: gru.id, kind: "PICK" })), { lang: "pt" });
    expect(byWarehouse.entries.map((e) => [e.kind, e.onHandDelta, e.reservedDelta])).toEqual([["PICK", -30, -30]]);
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listLedger(a.scoped, ledgerFilterFrom(new URLSearchParams({ to: yesterday })), { lang: "pt" })).entries).toHaveLength(0);
    expect((await listLedger(a.scoped, ledgerFilterFrom(new URLSearchParams({ from: today, to: today })), { lang: "pt" })).entries.length).toBeGreaterThan(5);
    expect((await listLedger(a.scoped, ledgerFilterFrom(new URLSearchParams({ sku: "NOT-MINE" })), { lang: "pt" })).entries).toHaveLength(0);
    // Nonsense in the query string is ignored, not an error.
    expect(ledgerFilterFrom(new URLSearchParams({ kind: "STEAL", warehouseId: "x", from: "yesterday" }))).toEqual({});
  });

  it("exports the same filter as CSV: translated header, ISO dates, numbers as numbers, formulas defused", async () => {
    const t = serverT("pt");
    const response = ledgerCsvResponse(a.scoped, ledgerFilterFrom(new URLSearchParams({ sku: a.variants[1]!.sku })), { lang: "pt", t, cityOf: (w) => warehouseCity(t, w), fileName: "ledger.csv" });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="ledger.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 byte order mark, so that spreadsheets read accents and Chinese.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parse(bytes.subarray(3).toString("utf8")) as string[][];
    expect(header![0]).toBe(t("inventory.ledger.columns.date"));
    expect(header).toHaveLength(13);
    expect(records).toHaveLength(2);
    const [adjustment, receipt] = records as [string[], string[]];
    expect(adjustment[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(adjustment.slice(1, 7)).toEqual(["LIS", "Lisboa", a.variants[1]!.sku, "Ventilador de mesa", t("inventory.kinds.ADJUSTMENT"), "-2"]);
    expect(adjustment[8]).toBe("38");
    expect(adjustment[10]).toBe(`'=HYPERLINK("http://x") damaged in handling`);
    expect(receipt[5]).toBe(t("inventory.kinds.RECEIPT"));
    expect(receipt[6]).toBe("40");
  });
});
