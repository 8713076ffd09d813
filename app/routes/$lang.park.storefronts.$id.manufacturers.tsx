import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { ParticipationBadge } from "~/components/showrooms/console/status-badge";
import { parseForm, readForm } from "~/modules/http/forms.server";
import { formatDate } from "~/modules/i18n/format";
import { requireLang } from "~/modules/i18n/config";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { inviteManufacturer, listParticipations, searchManufacturers, withdrawInvitation } from "~/modules/showrooms/participation.server";
import { InvitationSchema } from "~/modules/showrooms/storefront-schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.manufacturers.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 80);
  const [participations, candidates] = await Promise.all([listParticipations(context.operator, storefront.id, lang), searchManufacturers(context.operator, storefront.id, q, lang)]);
  return { lang, q, participations, candidates };
}

const IntentSchema = z.object({ intent: z.enum(["invite", "withdraw"]), participationId: z.uuid().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  try {
    if (checked.data.intent === "withdraw") {
      await withdrawInvitation(context.operator, storefront.id, checked.data.participationId ?? "");
      return { ok: true as const, intent: "withdraw" as const };
    }
    const parsed = await parseForm(request, InvitationSchema, lang, form);
    if (!parsed.ok) return parsed.reply;
    await inviteManufacturer(context.operator, { storefrontId: storefront.id, manufacturerId: parsed.data.manufacturerId, message: parsed.data.message, invitedById: context.user.id });
    return { ok: true as const, intent: "invite" as const };
  } catch (error) {
    return consoleErrorReply(error, lang, form);
  }
}

export default function StorefrontManufacturers() {
  const { t } = useTranslation();
  const { lang, q, participations, candidates } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const failed = reply && !("ok" in reply) ? reply : null;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="participations" className="min-w-0">
        <h2 id="participations" className="text-lg font-semibold">
          {t("showrooms.console.manufacturers.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("showrooms.console.manufacturers.intro")}</p>
        {reply && "ok" in reply ? <FormSuccess>{t(`showrooms.console.manufacturers.done.${reply.intent}`)}</FormSuccess> : null}
        {failed && failed.values?.intent === "withdraw" ? <FormError reply={failed} /> : null}
        {participations.length === 0 ? (
          <p className="card mt-3 text-sm text-slate-700">{t("showrooms.console.manufacturers.empty")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="participations">
            {participations.map((p) => (
              <li key={p.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="break-words font-semibold">{p.manufacturer}</p>
                  <p className="text-sm text-slate-600">
                    {p.city} · {t("showrooms.console.manufacturers.invitedOn", { date: formatDate(p.invitedAt, lang) })}
                    {p.booth ? ` · ${t("showrooms.console.manufacturers.booth", { code: p.booth.code })}` : ""}
                  </p>
                  {p.message ? <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">“{p.message}”</p> : null}
                </div>
                <div className="flex shrink-0 items-center gap-3">
                  <ParticipationBadge status={p.status} />
                  {p.status === "INVITED" ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="participationId" value={p.id} />
                      <SubmitButton name="intent" value="withdraw" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
                        {t("showrooms.console.manufacturers.withdraw")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invite" className="card min-w-0 space-y-4">
        <h2 id="invite" className="text-lg font-semibold">
          {t("showrooms.console.manufacturers.invite")}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
          <div className="min-w-0 flex-1">
            <label htmlFor="manufacturer-search" className="label">
              {t("showrooms.console.manufacturers.search")}
            </label>
            <input id="manufacturer-search" name="q" type="search" defaultValue={q} className="input" maxLength={80} />
          </div>
          <button type="submit" className="btn-secondary">
            {t("showrooms.console.manufacturers.searchButton")}
          </button>
        </Form>
        {failed && failed.values?.intent !== "withdraw" ? <FormError reply={failed} /> : null}
        {candidates.length === 0 ? (
          <p className="text-sm text-slate-700">{q ? t("showrooms.console.manufacturers.noMatch", { q }) : t("showrooms.console.manufacturers.noneLeft")}</p>
        ) : (
          <Form method="post" className="space-y-4">
            <CsrfInput />
            <fieldset>
              <legend className="label">{t("showrooms.console.manufacturers.choose")}</legend>
              <ul className="max-h-72 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
                {candidates.map((c, i) => (
                  <li key={c.id}>
                    <label className="flex items-start gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                      <input type="radio" name="manufacturerId" value={c.id} defaultChecked={i === 0 && candidates.length === 1} className="mt-1 h-4 w-4" required />
                      <span className="min-w-0 break-words">
                        <span className="font-medium">{c.name}</span>
                        <span className="text-slate-600"> · {c.city}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div>
              <label htmlFor="invitation-message" className="label">
                {t("showrooms.console.manufacturers.message")}
              </label>
              <textarea id="invitation-message" name="message" rows={4} maxLength={1000} className="input" defaultValue={failed?.values?.message ?? ""} />
              <p className="mt-1 text-xs text-slate-600">{t("showrooms.console.manufacturers.messageHint")}</p>
            </div>
            <SubmitButton name="intent" value="invite" pendingLabel={t("showrooms.console.saving")}>
              {t("showrooms.console.manufacturers.send")}
            </SubmitButton>
          </Form>
        )}
      </section>
    </div>
  );
}
