import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormError, FormSuccess, TextField, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { MovementTable } from "~/components/warehouse/badges";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { adjustStock, recordCycleCount } from "~/modules/inventory/counts.server";
import { InsufficientStockError, StockOperationError } from "~/modules/inventory/errors";
import { MAX_COUNT, MAX_REASON_LENGTH } from "~/modules/inventory/limits";
import { requireWarehouseAccess } from "~/modules/inventory/warehouse-access.server";
import { getBalanceDetail, listWarehouseMovements, movementViews, warehouseDateTime } from "~/modules/inventory/warehouse-desk.server";
import { warehouseCity } from "~/modules/inventory/cities";

export const meta: MetaFunction = (args) => pageTitle(args, "warehouse.sku.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const balanceId = requireUuid(params.balanceId);
  const t = serverT(lang);
  const { warehouse, data } = context;
  const balance = await getBalanceDetail(data, balanceId, lang);
  if (!balance) notFound();
  const movements = await listWarehouseMovements(data, { balanceId, take: 100 });
  const base = `/${lang}/orgs/${context.organization.id}/warehouses/${warehouse.id}`;
  const n = (value: number) => formatNumber(value, lang);
  return {
    base,
    warehouse: { city: warehouseCity(t, warehouse), code: warehouse.code },
    balance: {
      ...balance,
      onHandLabel: n(balance.onHand),
      reservedLabel: n(balance.reserved),
      availableLabel: n(balance.available),
      activeReservationsLabel: n(balance.activeReservations),
      updatedAt: warehouseDateTime(balance.updatedAt, lang, warehouse.timeZone),
      attributes: [balance.variant.voltage, balance.variant.plugType ? t("warehouse.sku.plug", { type: balance.variant.plugType }) : null, balance.variant.color, balance.variant.capacity].filter(Boolean).join(" · "),
    },
    movements: movementViews(movements, lang, warehouse.timeZone, (id) => `${base}/stock/${id}`),
  };
}

const reason = z.string().trim().min(1, "warehouse.errors.reason_required").max(MAX_REASON_LENGTH, "validation.tooLong");
const quantity = (min: number) => z.coerce.number({ error: "warehouse.errors.invalid_quantity" }).int("warehouse.errors.invalid_quantity").min(min, "warehouse.errors.invalid_quantity").max(MAX_COUNT, "warehouse.errors.invalid_quantity");
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("count"), counted: quantity(0), reason }),
  z.object({ intent: z.literal("adjust"), direction: z.enum(["add", "remove"], "warehouse.errors.invalid_quantity"), quantity: quantity(1), reason }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const balanceId = requireUuid(params.balanceId);
  const checked = await parseForm(request, ActionSchema, lang);
  if (!checked.ok) return checked.reply;
  const input = checked.data;
  const ref = { balanceId, warehouseId: context.warehouse.id };
  const t = serverT(lang);
  try {
    if (input.intent === "count") {
      const { delta, balance } = await recordCycleCount(ref, { counted: input.counted, reason: input.reason, userId: context.user.id });
      return { ok: true as const, intent: input.intent, message: t("warehouse.sku.done.count", { onHand: formatNumber(balance.onHand, lang), delta: formatNumber(delta, lang, { signDisplay: "exceptZero" }) }) };
    }
    const delta = input.direction === "add" ? input.quantity : -input.quantity;
    const { balance } = await adjustStock(ref, { delta, reason: input.reason, userId: context.user.id });
    return { ok: true as const, intent: input.intent, message: t("warehouse.sku.done.adjust", { onHand: formatNumber(balance.onHand, lang), delta: formatNumber(delta, lang, { signDisplay: "exceptZero" }) }) };
  } catch (error) {
    if (error instanceof StockOperationError && error.code === "balance_not_found") notFound();
    if (error instanceof InsufficientStockError) {
      return formErrorReply(lang, checked.formData, { quantity: t("warehouse.errors.insufficient_stock", { available: formatNumber(error.available, lang), requested: formatNumber(error.requested, lang) }) }, undefined, 409);
    }
    if (error instanceof StockOperationError) {
      const field = error.code === "reason_required" ? "reason" : input.intent === "count" ? "counted" : "quantity";
      return formErrorReply(lang, checked.formData, { [field]: error.messageKey }, undefined, error.code === "below_reserved" ? 409 : 400);
    }
    throw error;
  }
}

type Reply = FormReply & { ok?: boolean; intent?: string; message?: string };

export default function StockDetail() {
  const { t } = useTranslation();
  const { base, warehouse, balance, movements } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const failed = reply && !reply.ok ? reply.values?.intent : undefined;
  const replyFor = (intent: string) => (failed === intent ? (reply ?? null) : null);
  // A successful submission clears its form (a new key remounts it).
  const formKey = (intent: string) => (reply?.ok && reply.intent === intent ? `${intent}-${movements.length}` : intent);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <nav aria-label={t("warehouse.breadcrumb")} className="text-sm">
          <Link to={`${base}#stock`} className="link">
            {t("warehouse.sku.back", { city: warehouse.city })}
          </Link>
        </nav>
        <h2 className="text-2xl font-bold">
          <span className="font-mono">{balance.sku}</span> <span className="text-base font-normal text-slate-600">{balance.productName}</span>
        </h2>
        <p className="text-sm text-slate-600">
          {balance.manufacturer}
          {balance.attributes ? ` · ${balance.attributes}` : ""}
        </p>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <div className="rounded-md border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{t("warehouse.stock.onHand")}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid="sku-on-hand">
              {balance.onHandLabel}
            </dd>
          </div>
          <div className="rounded-md border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{t("warehouse.stock.reserved")}</dt>
            <dd className="text-xl font-semibold tabular-nums">{balance.reservedLabel}</dd>
          </div>
          <div className="rounded-md border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{t("warehouse.stock.available")}</dt>
            <dd className="text-xl font-semibold tabular-nums">{balance.availableLabel}</dd>
          </div>
          <div className="rounded-md border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{t("warehouse.sku.activeReservations")}</dt>
            <dd className="text-xl font-semibold tabular-nums">{balance.activeReservationsLabel}</dd>
          </div>
        </dl>
        <p className="text-xs text-slate-600">{t("warehouse.sku.updated", { date: balance.updatedAt })}</p>
      </header>

      {reply?.ok ? <FormSuccess>{reply.message}</FormSuccess> : null}

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="count-title" className="card space-y-4">
          <div>
            <h3 id="count-title" className="text-lg font-semibold">
              {t("warehouse.sku.countTitle")}
            </h3>
            <p className="text-sm text-slate-600">{t("warehouse.sku.countHelp")}</p>
          </div>
          <Form method="post" className="space-y-4" key={formKey("count")}>
            <CsrfInput />
            {failed === "count" ? <FormError reply={reply} /> : null}
            <TextField label={t("warehouse.sku.counted")} name="counted" type="number" inputMode="numeric" min={0} max={MAX_COUNT} step={1} required reply={replyFor("count")} defaultValue={String(balance.onHand)} hint={t("warehouse.sku.countedHint", { count: balance.reserved, reserved: balance.reservedLabel })} />
            <TextField label={t("warehouse.sku.reason")} name="reason" required maxLength={MAX_REASON_LENGTH} reply={replyFor("count")} placeholder={t("warehouse.sku.countReasonPlaceholder")} />
            <IntentButton intent="count" pendingLabel={t("warehouse.sku.saving")}>
              {t("warehouse.sku.recordCount")}
            </IntentButton>
          </Form>
        </section>

        <section aria-labelledby="adjust-title" className="card space-y-4">
          <div>
            <h3 id="adjust-title" className="text-lg font-semibold">
              {t("warehouse.sku.adjustTitle")}
            </h3>
            <p className="text-sm text-slate-600">{t("warehouse.sku.adjustHelp")}</p>
          </div>
          <Form method="post" className="space-y-4" key={formKey("adjust")}>
            <CsrfInput />
            {failed === "adjust" ? <FormError reply={reply} /> : null}
            <fieldset>
              <legend className="label">{t("warehouse.sku.direction")}</legend>
              <div className="flex gap-4 text-sm">
                {(["add", "remove"] as const).map((direction) => (
                  <label key={direction} className="inline-flex items-center gap-2">
                    <input type="radio" name="direction" value={direction} defaultChecked={(replyFor("adjust")?.values?.direction ?? "remove") === direction} />
                    {t(`warehouse.sku.${direction}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <TextField label={t("warehouse.sku.quantity")} name="quantity" type="number" inputMode="numeric" min={1} max={MAX_COUNT} step={1} required reply={replyFor("adjust")} />
            <TextField label={t("warehouse.sku.reason")} name="reason" required maxLength={MAX_REASON_LENGTH} reply={replyFor("adjust")} placeholder={t("warehouse.sku.adjustReasonPlaceholder")} />
            <IntentButton intent="adjust" pendingLabel={t("warehouse.sku.saving")}>
              {t("warehouse.sku.recordAdjustment")}
            </IntentButton>
          </Form>
        </section>
      </div>

      <section aria-labelledby="ledger-title" className="space-y-3">
        <h3 id="ledger-title" className="text-xl font-semibold">
          {t("warehouse.sku.ledger")}
        </h3>
        {movements.length === 0 ? (
          <p className="card border-dashed text-center text-sm text-slate-700">{t("warehouse.movements.empty")}</p>
        ) : (
          <div className="rounded-lg border border-slate-200">
            <MovementTable movements={movements} showSku={false} caption={t("warehouse.sku.ledger")} />
          </div>
        )}
      </section>
    </div>
  );
}
