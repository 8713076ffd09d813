import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormError, FormSuccess, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import {
  assignWarehouseStaff,
  listAssignableMembers,
  listDeskWarehouses,
  listWarehouseStaff,
  removeWarehouseStaff,
  requireWarehouseDesk,
  StaffAssignmentError,
} from "~/modules/inventory/warehouse-access.server";
import { warehouseSummaries } from "~/modules/inventory/warehouse-desk.server";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { forbidden } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "~/modules/inventory/cities";

export const meta: MetaFunction = (args) => pageTitle(args, "warehouse.list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const desk = await requireWarehouseDesk(request, lang, params.orgId);
  const t = serverT(lang);
  const warehouses = await listDeskWarehouses(desk);
  const ids = warehouses.map((w) => w.id);
  const [summaries, staff, members] = await Promise.all([
    warehouseSummaries(ids),
    desk.managesAllWarehouses ? listWarehouseStaff(ids) : Promise.resolve([]),
    desk.managesAllWarehouses ? listAssignableMembers(desk.organization.id) : Promise.resolve([]),
  ]);
  const n = (value: number) => formatNumber(value, lang);
  return {
    lang,
    organizationId: desk.organization.id,
    organizationName: desk.organization.name,
    managesAll: desk.managesAllWarehouses,
    warehouses: warehouses.map((w) => {
      const s = summaries.get(w.id)!;
      const assigned = staff.filter((row) => row.warehouseId === w.id);
      return {
        id: w.id,
        code: w.code,
        name: w.name,
        city: warehouseCity(t, w),
        country: w.countryCode,
        inbound: n(s.inboundExpected),
        inboundCount: s.inboundExpected,
        skus: n(s.skus),
        units: n(s.units),
        reserved: n(s.reserved),
        staff: assigned.map((row) => ({ id: row.id, name: row.name, email: row.email })),
        assignable: members.filter((m) => !assigned.some((row) => row.userId === m.userId)).map((m) => ({ userId: m.userId, label: `${m.name} (${m.email})` })),
      };
    }),
  };
}

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), warehouseId: z.uuid(), userId: z.uuid("warehouse.staff.errors.chooseMember") }),
  z.object({ intent: z.literal("remove"), staffId: z.uuid() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const desk = await requireWarehouseDesk(request, lang, params.orgId);
  if (!desk.managesAllWarehouses) forbidden();
  const checked = await parseForm(request, IntentSchema, lang);
  if (!checked.ok) return checked.reply;
  const input = checked.data;
  try {
    if (input.intent === "assign") {
      const row = await assignWarehouseStaff(desk.organization.id, input.warehouseId, input.userId);
      return { ok: true as const, intent: input.intent, name: row.name };
    }
    await removeWarehouseStaff(input.staffId);
    return { ok: true as const, intent: input.intent, name: "" };
  } catch (error) {
    if (!(error instanceof StaffAssignmentError)) throw error;
    return formErrorReply(lang, checked.formData, { userId: error.messageKey }, undefined, error.code === "staff_not_found" || error.code === "warehouse_not_found" ? 404 : 400);
  }
}

type Reply = FormReply & { ok?: boolean; intent?: string; name?: string };

function StaffSection({ warehouse, reply }: { warehouse: ReturnType<typeof useLoaderData<typeof loader>>["warehouses"][number]; reply: Reply | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const failedHere = reply && !reply.ok && reply.values?.warehouseId === warehouse.id;
  const error = failedHere ? reply?.fieldErrors?.userId : undefined;
  return (
    <section className="mt-4 border-t border-slate-200 pt-4" aria-labelledby={`${id}-staff`}>
      <h3 id={`${id}-staff`} className="text-sm font-semibold text-slate-800">
        {t("warehouse.staff.title")}
        {/* One such region per warehouse card: its name says which warehouse (landmarks must be told apart). */}
        <span className="sr-only">
          {" "}
          · {warehouse.city} ({warehouse.code})
        </span>
      </h3>
      {warehouse.staff.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("warehouse.staff.none")}</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {warehouse.staff.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span>
                {s.name} <span className="text-slate-600">{s.email}</span>
              </span>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="staffId" value={s.id} />
                <IntentButton intent="remove" match={{ staffId: s.id }} pendingLabel={t("warehouse.staff.removing")} className="btn-secondary px-2 py-1 text-xs" label={t("warehouse.staff.removeNamed", { name: s.name })}>
                  {t("warehouse.staff.remove")}
                </IntentButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {warehouse.assignable.length > 0 ? (
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
          <CsrfInput />
          <input type="hidden" name="warehouseId" value={warehouse.id} />
          <div className="min-w-0 flex-1">
            <label htmlFor={`${id}-member`} className="label">
              {t("warehouse.staff.member")}
            </label>
            <select id={`${id}-member`} name="userId" className="input" defaultValue="" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
              <option value="">{t("warehouse.staff.choose")}</option>
              {warehouse.assignable.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <IntentButton intent="assign" match={{ warehouseId: warehouse.id }} pendingLabel={t("warehouse.staff.assigning")} className="btn-secondary">
            {t("warehouse.staff.assign")}
          </IntentButton>
          {error ? (
            <p id={`${id}-error`} role="alert" className="basis-full text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}

export default function Warehouses() {
  const { t } = useTranslation();
  const { lang, organizationId, organizationName, managesAll, warehouses } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const base = `/${lang}/orgs/${organizationId}/warehouses`;
  return (
    <section aria-labelledby="warehouses-title" className="space-y-4">
      <h2 id="warehouses-title" className="text-2xl font-bold">
        {t("warehouse.list.title")}
      </h2>
      <p className="text-sm text-slate-600">{managesAll ? t("warehouse.list.introAdmin") : t("warehouse.list.intro")}</p>
      {reply?.ok ? <FormSuccess>{t(`warehouse.staff.done.${reply.intent}`, { name: reply.name })}</FormSuccess> : null}
      {reply && !reply.ok && !reply.values?.warehouseId ? <FormError reply={reply} /> : null}
      {warehouses.length === 0 ? (
        <p className="card border-dashed text-center text-sm text-slate-700" data-testid="warehouses-empty">
          {t("warehouse.list.empty", { organization: organizationName })}
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="warehouse-list">
          {warehouses.map((w) => (
            <li key={w.id} className="card" data-testid="warehouse-card">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h3 className="text-lg font-semibold">
                    <Link to={`${base}/${w.id}`} className="link">
                      {w.city}
                    </Link>{" "}
                    <span className="text-sm font-normal text-slate-600">
                      {w.code} · {w.country}
                    </span>
                  </h3>
                  <p className="text-xs text-slate-600">{w.name}</p>
                </div>
                {w.inboundCount > 0 ? <span className="badge bg-amber-100 text-amber-900">{t("warehouse.list.inboundBadge", { count: w.inboundCount })}</span> : null}
              </div>
              <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
                <div className="rounded-md bg-slate-50 p-2">
                  <dt className="text-xs text-slate-600">{t("warehouse.list.inbound")}</dt>
                  <dd className="text-lg font-semibold" data-testid="summary-inbound">
                    {w.inbound}
                  </dd>
                </div>
                <div className="rounded-md bg-slate-50 p-2">
                  <dt className="text-xs text-slate-600">{t("warehouse.list.skus")}</dt>
                  <dd className="text-lg font-semibold" data-testid="summary-skus">
                    {w.skus}
                  </dd>
                </div>
                <div className="rounded-md bg-slate-50 p-2">
                  <dt className="text-xs text-slate-600">{t("warehouse.list.units")}</dt>
                  <dd className="text-lg font-semibold" data-testid="summary-units">
                    {w.units}
                  </dd>
                </div>
              </dl>
              <p className="mt-2 text-xs text-slate-600">{t("warehouse.list.reserved", { reserved: w.reserved })}</p>
              {managesAll ? <StaffSection warehouse={w} reply={reply} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
