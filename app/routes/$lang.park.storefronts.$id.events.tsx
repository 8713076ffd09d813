import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SelectField, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { LanguageFields } from "~/components/showrooms/console/language-fields";
import { COMMON_TIME_ZONES } from "~/components/showrooms/console/storefront-form";
import { parseForm, readForm } from "~/modules/http/forms.server";
import { isUuid } from "~/modules/http/responses.server";
import { LANGS, requireLang } from "~/modules/i18n/config";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { cancelEvent, eventForEdit, listEventsAdmin, saveEvent } from "~/modules/showrooms/events-admin.server";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { EVENT_KINDS, EventFormSchema } from "~/modules/showrooms/storefront-schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.events.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const editId = new URL(request.url).searchParams.get("edit");
  const [events, editing] = await Promise.all([
    listEventsAdmin(context.operator, storefront.id, lang, storefront.languages),
    isUuid(editId) ? eventForEdit(context.operator, storefront.id, editId) : null,
  ]);
  return { lang, storefront: { id: storefront.id, languages: storefront.languages, timeZone: storefront.timeZone }, events, editing: editing && editing.status === "SCHEDULED" ? editing : null };
}

const IntentSchema = z.object({ intent: z.enum(["save", "cancel"]), eventId: z.string().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  try {
    if (checked.data.intent === "cancel") {
      const { notifications } = await cancelEvent(context.operator, storefront.id, isUuid(checked.data.eventId) ? checked.data.eventId : "");
      return { ok: true as const, intent: "cancel" as const, notified: notifications };
    }
    const parsed = await parseForm(request, EventFormSchema, lang, form);
    if (!parsed.ok) return parsed.reply;
    await saveEvent(context.operator, storefront.id, parsed.data);
    return { ok: true as const, intent: parsed.data.eventId ? ("updated" as const) : ("created" as const), notified: 0 };
  } catch (error) {
    return consoleErrorReply(error, lang, form);
  }
}

export default function StorefrontEvents() {
  const { t } = useTranslation();
  const { lang, storefront, events, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const failed = reply && !("ok" in reply) ? reply : null;
  const base = `/${lang}/park/storefronts/${storefront.id}/events`;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="event-list" className="min-w-0">
        <h2 id="event-list" className="text-lg font-semibold">
          {t("showrooms.console.events.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("showrooms.console.events.intro")}</p>
        {reply && "ok" in reply ? <FormSuccess>{t(`showrooms.console.events.done.${reply.intent}`, { count: reply.notified })}</FormSuccess> : null}
        {failed && failed.values?.intent === "cancel" ? <FormError reply={failed} /> : null}
        {events.length === 0 ? (
          <p className="card mt-3 text-sm text-slate-700">{t("showrooms.console.events.empty")}</p>
        ) : (
          <ul className="mt-3 space-y-3" data-testid="event-list">
            {events.map((e) => (
              <li key={e.id} className={`card min-w-0 ${e.status === "CANCELLED" || e.past ? "opacity-80" : ""}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t(`showrooms.console.events.kinds.${e.kind}`)}</p>
                    <h3 className="break-words font-semibold">{e.title}</h3>
                  </div>
                  {e.status === "CANCELLED" ? <span className="badge bg-red-100 text-red-900">{t("showrooms.console.events.cancelled")}</span> : e.past ? <span className="badge bg-slate-100 text-slate-800">{t("showrooms.console.events.past")}</span> : null}
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {e.when} · {e.timeZone}
                </p>
                <p className="text-sm text-slate-700">
                  {t("showrooms.console.events.heldIn", { language: t(`showrooms.console.languages.${e.language}`) })} · {t("showrooms.console.events.seats", { registered: e.registered, capacity: e.capacity })}
                  {e.waitlisted ? ` · ${t("showrooms.console.events.waiting", { count: e.waitlisted })}` : ""}
                </p>
                {e.link ? <p className="break-all text-sm text-slate-600">{e.link}</p> : null}
                {e.status === "SCHEDULED" && !e.past ? (
                  <div className="mt-3 flex flex-wrap gap-2">
                    <Link to={`${base}?edit=${e.id}`} className="btn-secondary">
                      {t("showrooms.console.events.edit")}
                    </Link>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="eventId" value={e.id} />
                      <SubmitButton name="intent" value="cancel" className="btn-secondary text-red-700" pendingLabel={t("showrooms.console.saving")}>
                        {t("showrooms.console.events.cancel")}
                      </SubmitButton>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="event-form" className="card min-w-0 space-y-4">
        <h2 id="event-form" className="text-lg font-semibold">
          {editing ? t("showrooms.console.events.editTitle") : t("showrooms.console.events.newTitle")}
        </h2>
        {failed && failed.values?.intent !== "cancel" ? <FormError reply={failed} /> : null}
        <Form method="post" className="space-y-4" key={editing?.id ?? "new"}>
          <CsrfInput />
          {editing ? <input type="hidden" name="eventId" value={editing.id} /> : null}
          <SelectField label={t("showrooms.console.events.kind")} name="kind" defaultValue={editing?.kind ?? "EXHIBITION"} reply={failed} options={EVENT_KINDS.map((k) => ({ value: k, label: t(`showrooms.console.events.kinds.${k}`) }))} />
          <LanguageFields prefix="title" label={t("showrooms.console.events.eventTitle")} values={editing?.title ?? {}} reply={failed} languages={storefront.languages} maxLength={160} />
          <LanguageFields prefix="description" label={t("showrooms.console.events.description")} values={editing?.description ?? {}} reply={failed} languages={storefront.languages} maxLength={4000} multiline />
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label={t("showrooms.console.events.date")} name="date" type="date" defaultValue={editing?.date ?? ""} reply={failed} required />
            <TextField label={t("showrooms.console.events.start")} name="startTime" type="time" defaultValue={editing?.startTime ?? "10:00"} reply={failed} required />
            <TextField label={t("showrooms.console.events.end")} name="endTime" type="time" defaultValue={editing?.endTime ?? "12:00"} reply={failed} required />
          </div>
          <TextField label={t("showrooms.console.fields.timeZone")} name="timeZone" defaultValue={editing?.timeZone ?? storefront.timeZone} reply={failed} list="event-time-zones" hint={t("showrooms.console.events.timeZoneHint")} required maxLength={64} spellCheck={false} />
          <datalist id="event-time-zones">
            {COMMON_TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField label={t("showrooms.console.events.language")} name="language" defaultValue={editing?.language ?? lang} reply={failed} options={LANGS.map((l) => ({ value: l, label: t(`showrooms.console.languages.${l}`) }))} />
            <TextField label={t("showrooms.console.events.capacity")} name="capacity" type="number" min={1} max={100000} inputMode="numeric" defaultValue={String(editing?.capacity ?? 30)} reply={failed} required />
          </div>
          <TextField label={t("showrooms.console.events.link")} name="link" type="url" defaultValue={editing?.link ?? ""} reply={failed} hint={t("showrooms.console.events.linkHint")} maxLength={500} placeholder="https://" />
          <div className="flex flex-wrap gap-3">
            <SubmitButton name="intent" value="save" pendingLabel={t("showrooms.console.saving")}>
              {editing ? t("showrooms.console.events.save") : t("showrooms.console.events.create")}
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
  );
}
