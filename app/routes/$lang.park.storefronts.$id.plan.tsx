import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { HallPlanSvg } from "~/components/showrooms/console/hall-plan-svg";
import { LanguageFields } from "~/components/showrooms/console/language-fields";
import { parseForm, readForm } from "~/modules/http/forms.server";
import { isUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { deleteBooth, presentHallPlan, saveBooth } from "~/modules/showrooms/booths.server";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { assignBooth } from "~/modules/showrooms/participation.server";
import { AssignBoothSchema, BoothFormSchema } from "~/modules/showrooms/storefront-schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.plan.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const plan = await presentHallPlan(context.operator, storefront, lang);
  const url = new URL(request.url);
  const selectedId = url.searchParams.get("booth");
  const selected = isUuid(selectedId) ? (plan.booths.find((b) => b.id === selectedId) ?? null) : null;
  return { lang, storefront: { id: storefront.id, planWidth: storefront.planWidth, planHeight: storefront.planHeight, languages: storefront.languages }, plan, selected, created: url.searchParams.get("created") === "1" };
}

const IntentSchema = z.object({ intent: z.enum(["saveBooth", "deleteBooth", "assign"]), boothId: z.uuid().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  try {
    if (checked.data.intent === "saveBooth") {
      const parsed = await parseForm(request, BoothFormSchema, lang, form);
      if (!parsed.ok) return parsed.reply;
      await saveBooth(context.operator, storefront, parsed.data);
      return { ok: true as const, intent: "saveBooth" as const, code: parsed.data.code };
    }
    if (checked.data.intent === "deleteBooth") {
      await deleteBooth(context.operator, storefront.id, checked.data.boothId ?? "");
      return { ok: true as const, intent: "deleteBooth" as const, code: "" };
    }
    const parsed = await parseForm(request, AssignBoothSchema, lang, form);
    if (!parsed.ok) return parsed.reply;
    await assignBooth(context.operator, storefront.id, parsed.data.boothId, parsed.data.participationId);
    return { ok: true as const, intent: "assign" as const, code: "" };
  } catch (error) {
    return consoleErrorReply(error, lang, form);
  }
}

export default function HallPlan() {
  const { t } = useTranslation();
  const { lang, storefront, plan, selected, created } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const failed = reply && !("ok" in reply) ? reply : null;
  const base = `/${lang}/park/storefronts/${storefront.id}/plan`;
  const editing = selected;
  return (
    <div className="space-y-8">
      {created ? <FormSuccess>{t("showrooms.console.details.created")}</FormSuccess> : null}
      {reply && "ok" in reply ? <FormSuccess>{t(`showrooms.console.plan.done.${reply.intent}`, { code: reply.code })}</FormSuccess> : null}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="plan-drawing" className="min-w-0">
          <h2 id="plan-drawing" className="text-lg font-semibold">
            {t("showrooms.console.plan.title")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t("showrooms.console.plan.intro", { width: storefront.planWidth, height: storefront.planHeight })}</p>
          <HallPlanSvg viewBox={plan.drawing.viewBox} rects={plan.drawing.rects} gridLines={plan.drawing.gridLines} selectedId={editing?.id} title={t("showrooms.console.plan.svgTitle", { count: plan.booths.length })} />
        </section>

        <section aria-labelledby="booth-form" className="card min-w-0 space-y-4">
          <h2 id="booth-form" className="text-lg font-semibold">
            {editing ? t("showrooms.console.plan.editBooth", { code: editing.code }) : t("showrooms.console.plan.addBooth")}
          </h2>
          <Form method="post" className="space-y-4" key={editing?.id ?? "new"} action={editing ? `${base}?booth=${editing.id}` : base}>
            <CsrfInput />
            {editing ? <input type="hidden" name="boothId" value={editing.id} /> : null}
            {failed && failed.values?.intent === "saveBooth" ? <FormError reply={failed} /> : null}
            <TextField label={t("showrooms.console.plan.code")} name="code" defaultValue={editing?.code ?? ""} reply={failed} hint={t("showrooms.console.plan.codeHint")} required maxLength={12} autoComplete="off" />
            <div className="grid grid-cols-2 gap-3">
              <TextField label={t("showrooms.console.plan.x")} name="x" type="number" min={0} inputMode="numeric" defaultValue={String(editing?.x ?? 0)} reply={failed} required />
              <TextField label={t("showrooms.console.plan.y")} name="y" type="number" min={0} inputMode="numeric" defaultValue={String(editing?.y ?? 0)} reply={failed} required />
              <TextField label={t("showrooms.console.plan.width")} name="width" type="number" min={1} inputMode="numeric" defaultValue={String(editing?.width ?? 4)} reply={failed} required />
              <TextField label={t("showrooms.console.plan.height")} name="height" type="number" min={1} inputMode="numeric" defaultValue={String(editing?.height ?? 4)} reply={failed} required />
            </div>
            <LanguageFields prefix="label" label={t("showrooms.console.plan.label")} values={editing?.labels ?? {}} reply={failed} languages={storefront.languages} maxLength={80} />
            <div className="flex flex-wrap gap-3">
              <SubmitButton name="intent" value="saveBooth" pendingLabel={t("showrooms.console.saving")}>
                {editing ? t("showrooms.console.plan.saveBooth") : t("showrooms.console.plan.createBooth")}
              </SubmitButton>
              {editing ? (
                <Link to={base} className="btn-secondary">
                  {t("showrooms.console.plan.cancelEdit")}
                </Link>
              ) : null}
            </div>
          </Form>
        </section>
      </div>

      <section aria-labelledby="booth-list">
        <h2 id="booth-list" className="text-lg font-semibold">
          {t("showrooms.console.plan.booths")}
        </h2>
        {failed && failed.values?.intent !== "saveBooth" ? <FormError reply={failed} /> : null}
        {plan.booths.length === 0 ? (
          <p className="card mt-3 text-sm text-slate-700">{t("showrooms.console.plan.empty")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {plan.booths.map((booth) => (
              <li key={booth.id} className="flex flex-col gap-3 p-4 md:flex-row md:items-center md:justify-between" data-testid={`booth-${booth.code}`}>
                <div className="min-w-0">
                  <p className="font-semibold">
                    {booth.code}
                    {booth.label ? <span className="font-normal text-slate-700"> · {booth.label}</span> : null}
                  </p>
                  <p className="text-sm text-slate-600">{t("showrooms.console.plan.geometry", { x: booth.x, y: booth.y, width: booth.width, height: booth.height })}</p>
                  <p className="text-sm">{booth.manufacturer ? t("showrooms.console.plan.takenBy", { manufacturer: booth.manufacturer }) : t("showrooms.console.plan.free")}</p>
                </div>
                <div className="flex flex-wrap items-end gap-2">
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <CsrfInput />
                    <input type="hidden" name="boothId" value={booth.id} />
                    <div>
                      <label htmlFor={`assign-${booth.id}`} className="mb-1 block text-xs font-medium text-slate-700">
                        {t("showrooms.console.plan.assignLabel", { code: booth.code })}
                      </label>
                      <select id={`assign-${booth.id}`} name="participationId" defaultValue={booth.participationId ?? ""} className="input max-w-[14rem]">
                        <option value="">{t("showrooms.console.plan.nobody")}</option>
                        {plan.accepted.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.manufacturer}
                            {p.booth && p.booth !== booth.code ? ` (${p.booth})` : ""}
                          </option>
                        ))}
                      </select>
                    </div>
                    <SubmitButton name="intent" value="assign" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
                      {t("showrooms.console.plan.assign")}
                    </SubmitButton>
                  </Form>
                  <Link to={`${base}?booth=${booth.id}`} className="btn-secondary">
                    {t("showrooms.console.plan.edit")}
                  </Link>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="boothId" value={booth.id} />
                    <button type="submit" name="intent" value="deleteBooth" className="btn-secondary text-red-700">
                      {t("showrooms.console.plan.delete")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
        {plan.accepted.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("showrooms.console.plan.noAccepted")}</p> : null}
      </section>
    </div>
  );
}
