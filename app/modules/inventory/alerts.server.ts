import type { Locale } from "~/generated/prisma/enums";
import { env } from "~/modules/config/env.server";
import { forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { formatNumber } from "~/modules/i18n/format";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { currentQueue, enqueue } from "~/modules/jobs/queue.server";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { warehouseCity } from "./cities";
import { stockInsight, type StockRow } from "./insight.server";

/**
 * Low-stock alerts. A StockAlert opens when a SKU's available stock in a warehouse is at or below its threshold
 * (at most one open alert per SKU, warehouse and kind) and resolves when it recovers (or the threshold is cleared).
 * Each alert is emailed once, through the outbox, to the manufacturer's OWNER and ADMIN members in their own
 * language: one message per member per run listing the alerts opened since the last run.
 *
 * Runs from the recurring worker (workers/inventory-alerts.ts) for every organization with thresholds or open
 * alerts, and right after a manufacturer edits a threshold. A transaction-scoped advisory lock per organization
 * makes two evaluations of the same organization (two worker nodes, a worker and a threshold edit) take turns, so
 * neither opens a second alert nor sends a second email.
 */

/** The transaction client of `forOrganization(orgId)`. */
type ScopedTx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];

const ALERT_TRANSACTION = { timeout: 30_000, maxWait: 30_000 } as const;

export interface AlertRun {
  opened: number;
  resolved: number;
  emails: number;
}

/** Organizations that have something to evaluate: a threshold set, or an alert still open. */
async function organizationsToEvaluate(): Promise<string[]> {
  // Cross-tenant by nature (the worker's sweep): raw SQL over the two tables, organization ids only.
  const rows = await unscopedDb.$queryRaw<{ organizationId: string }[]>`
    SELECT DISTINCT "organizationId" FROM "StockBalance" WHERE "lowStockThreshold" IS NOT NULL
    UNION
    SELECT DISTINCT "organizationId" FROM "StockAlert" WHERE "resolvedAt" IS NULL`;
  return rows.map((r) => r.organizationId);
}

/** Evaluates every organization (the worker), or one. */
export async function evaluateStockAlerts(options: { organizationId?: string; now?: Date } = {}): Promise<AlertRun> {
  const organizations = options.organizationId ? [options.organizationId] : await organizationsToEvaluate();
  const total: AlertRun = { opened: 0, resolved: 0, emails: 0 };
  for (const organizationId of organizations) {
    try {
      const run = await evaluateOrganization(organizationId, options.now ?? new Date());
      total.opened += run.opened;
      total.resolved += run.resolved;
      total.emails += run.emails;
    } catch (error) {
      // One organization's failure must not keep the others' alerts from being raised.
      console.error("[inventory-alerts]", organizationId, error);
      if (options.organizationId) throw error;
    }
  }
  return total;
}

async function evaluateOrganization(organizationId: string, now: Date): Promise<AlertRun> {
  const scoped = forOrganization(organizationId);
  const outcome = await scoped.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ponte:stock-alerts:${organizationId}`}))`;
    const [balances, open] = await Promise.all([
      tx.stockBalance.findMany({
        where: { lowStockThreshold: { not: null }, warehouse: { kind: "OVERSEAS" } },
        select: { warehouseId: true, variantId: true, productId: true, onHand: true, reserved: true, lowStockThreshold: true },
      }),
      tx.stockAlert.findMany({ where: { resolvedAt: null, kind: "LOW_STOCK" }, orderBy: { createdAt: "asc" } }),
    ]);
    const key = (warehouseId: string, variantId: string) => `${warehouseId}:${variantId}`;
    const openBy = new Map<string, (typeof open)[number]>();
    const duplicates: string[] = [];
    for (const alert of open) {
      const k = key(alert.warehouseId, alert.variantId);
      if (openBy.has(k)) duplicates.push(alert.id);
      else openBy.set(k, alert);
    }
    const lowBy = new Map(balances.filter((b) => b.onHand - b.reserved <= b.lowStockThreshold!).map((b) => [key(b.warehouseId, b.variantId), b]));

    let opened = 0;
    for (const [k, b] of lowBy) {
      const available = b.onHand - b.reserved;
      const existing = openBy.get(k);
      if (existing) {
        if (existing.available !== available || existing.threshold !== b.lowStockThreshold) {
          await tx.stockAlert.update({ where: { id: existing.id }, data: { available, threshold: b.lowStockThreshold! } });
        }
        continue;
      }
      await tx.stockAlert.create({
        data: { organizationId, warehouseId: b.warehouseId, variantId: b.variantId, productId: b.productId, kind: "LOW_STOCK", available, threshold: b.lowStockThreshold!, createdAt: now },
      });
      opened += 1;
    }
    // Recovered, threshold cleared, or the SKU no longer has a balance there: resolved. (Duplicates cannot arise under
    // the lock; any left by hand are closed too.)
    const recovered = [...openBy].filter(([k]) => !lowBy.has(k)).map(([, a]) => a.id);
    const toResolve = [...recovered, ...duplicates];
    if (toResolve.length) await tx.stockAlert.updateMany({ where: { id: { in: toResolve } }, data: { resolvedAt: now } });

    // Open alerts nobody was told about yet: claimed here, emailed below from rows written in this transaction.
    const unsent = await tx.stockAlert.findMany({ where: { resolvedAt: null, emailedAt: null, kind: "LOW_STOCK" }, orderBy: { createdAt: "asc" } });
    let emailIds: string[] = [];
    if (unsent.length) {
      await tx.stockAlert.updateMany({ where: { id: { in: unsent.map((a) => a.id) }, emailedAt: null }, data: { emailedAt: now } });
      emailIds = await writeAlertEmails(tx, organizationId, unsent, now);
    }
    return { opened, resolved: toResolve.length, emailIds };
  }, ALERT_TRANSACTION);

  // After commit: the delivery jobs (a PENDING row whose job could not be queued is picked up by the sweep).
  if (currentQueue()) {
    for (const emailId of outcome.emailIds) {
      try {
        await enqueue("email.send", { emailId }, { singletonKey: emailId });
      } catch (error) {
        console.error("[inventory-alerts] enqueue failed; the sweep will retry", error);
      }
    }
  }
  if (outcome.opened || outcome.resolved) emitToOrganization(organizationId, "organization:changed", { area: "inventory", reason: "stock-alerts" });
  return { opened: outcome.opened, resolved: outcome.resolved, emails: outcome.emailIds.length };
}

interface AlertRow {
  id: string;
  warehouseId: string;
  variantId: string;
  available: number;
  threshold: number;
}

/**
 * One email per OWNER/ADMIN member, in the member's language, listing the alerts with days of cover and the
 * suggested quantity. Written as outbox rows in the caller's transaction (so that claiming the alerts and the mail
 * commit together): exactly one email per alert and member.
 */
async function writeAlertEmails(tx: ScopedTx, organizationId: string, alerts: AlertRow[], now: Date): Promise<string[]> {
  const [organization, members] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } }),
    tx.membership.findMany({ where: { role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true, name: true, locale: true } } } }),
  ]);
  if (members.length === 0) return [];
  const byLang = new Map<Lang, typeof members>();
  for (const m of members) byLang.set(m.user.locale as Locale, [...(byLang.get(m.user.locale as Locale) ?? []), m]);
  const ids: string[] = [];
  const cities = await warehouseCities(tx, alerts.map((a) => a.warehouseId));
  for (const [lang, recipients] of byLang) {
    const insight = await stockInsight(tx, { lang, now, variantIds: [...new Set(alerts.map((a) => a.variantId))] });
    const rowOf = new Map(insight.rows.map((r) => [`${r.warehouseId}:${r.variantId}`, r]));
    const { subject, text } = composeAlertEmail(lang, organization.name, organizationId, alerts, rowOf, cities);
    for (const member of recipients) {
      const row = await tx.emailMessage.create({ data: { toAddress: member.user.email, subject, text, kind: "inventory.low-stock" }, select: { id: true } });
      ids.push(row.id);
    }
  }
  return ids;
}

async function warehouseCities(tx: ScopedTx, ids: string[]): Promise<Map<string, { code: string; city: string }>> {
  const warehouses = await tx.warehouse.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, code: true, city: true } });
  return new Map(warehouses.map((w) => [w.id, w]));
}


function composeAlertEmail(lang: Lang, organizationName: string, organizationId: string, alerts: AlertRow[], rows: Map<string, StockRow>, cities: Map<string, { code: string; city: string }>) {
  const t = serverT(lang);
  const n = (value: number, digits = 0) => formatNumber(value, lang, { maximumFractionDigits: digits });
  const lines = alerts.map((alert) => {
    const row = rows.get(`${alert.warehouseId}:${alert.variantId}`);
    const w = cities.get(alert.warehouseId);
    const city = w ? warehouseCity(t, w) : "";
    const cover = row?.daysOfCover != null ? t("inventory.email.lowStock.cover", { days: n(row.daysOfCover, 1) }) : t("inventory.email.lowStock.noSales");
    const suggestion = row && row.suggestion.quantity > 0 ? t("inventory.email.lowStock.suggestion", { count: row.suggestion.quantity, quantity: n(row.suggestion.quantity), cartons: t("inventory.dashboard.cartons", { count: row.suggestion.cartons }) }) : "";
    return `• ${t("inventory.email.lowStock.line", { sku: row?.sku ?? "", product: row?.productName ?? "", city, available: n(alert.available), threshold: n(alert.threshold) })} ${cover}${suggestion ? ` ${suggestion}` : ""}`;
  });
  const first = alerts[0]!;
  const firstRow = rows.get(`${first.warehouseId}:${first.variantId}`);
  const firstCity = cities.get(first.warehouseId);
  const subject =
    alerts.length === 1
      ? t("inventory.email.lowStock.subjectOne", { sku: firstRow?.sku ?? "", city: firstCity ? warehouseCity(t, firstCity) : "" })
      : t("inventory.email.lowStock.subjectMany", { count: alerts.length });
  const link = `${env().APP_URL}/${lang}/orgs/${organizationId}/inventory`;
  const text = [t("inventory.email.lowStock.intro", { organization: organizationName }), "", ...lines, "", t("inventory.email.lowStock.action", { link })].join("\n");
  return { subject, text };
}

export interface OpenAlert {
  id: string;
  warehouseId: string;
  variantId: string;
  available: number;
  threshold: number;
  createdAt: Date;
  emailedAt: Date | null;
}

/** The organization's open alerts, oldest first. */
export async function listOpenAlerts(scoped: ScopedDb): Promise<OpenAlert[]> {
  return scoped.stockAlert.findMany({
    where: { resolvedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, warehouseId: true, variantId: true, available: true, threshold: true, createdAt: true, emailedAt: true },
  });
}

/** How many alerts are open (the dashboard overview's count). */
export function countOpenAlerts(scoped: ScopedDb): Promise<number> {
  return scoped.stockAlert.count({ where: { resolvedAt: null } });
}
