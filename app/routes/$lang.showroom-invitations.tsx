import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { ParticipationBadge } from "~/components/showrooms/console/status-badge";
import { parseForm, readForm } from "~/modules/http/forms.server";
import { formatDate } from "~/modules/i18n/format";
import { requireLang } from "~/modules/i18n/config";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { answerParticipation, listMyParticipations } from "~/modules/showrooms/participation.server";
import { requireShowroomManufacturer } from "~/modules/showrooms/manufacturer-access.server";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.invitations.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireShowroomManufacturer(request, lang);
  return { lang, organizationName: context.organization.name, participations: await listMyParticipations(context.scoped, lang) };
}

const AnswerSchema = z.object({ intent: z.enum(["accept", "decline", "leave"]), participationId: z.uuid() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireShowroomManufacturer(request, lang);
  const form = await readForm(request, lang);
  const parsed = await parseForm(request, AnswerSchema, lang, form);
  if (!parsed.ok) return parsed.reply;
  try {
    await answerParticipation(context.scoped, { participationId: parsed.data.participationId, answer: parsed.data.intent, userId: context.user.id });
    return { ok: true as const, intent: parsed.data.intent };
  } catch (error) {
    return consoleErrorReply(error, lang, form);
  }
}

export default function ShowroomInvitations() {
  const { t } = useTranslation();
  const { lang, organizationName, participations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm text-slate-600">{organizationName}</p>
      <h1 className="text-2xl font-bold sm:text-3xl">{t("showrooms.console.invitations.title")}</h1>
      <p className="mt-1 text-slate-700">{t("showrooms.console.invitations.intro")}</p>
      <div className="mt-4">
        {reply && "ok" in reply ? <FormSuccess>{t(`showrooms.console.invitations.done.${reply.intent}`)}</FormSuccess> : null}
        {reply && !("ok" in reply) ? <FormError reply={reply} /> : null}
      </div>
      {participations.length === 0 ? (
        <p className="card mt-4 text-sm text-slate-700">{t("showrooms.console.invitations.empty")}</p>
      ) : (
        <ul className="mt-4 space-y-4" data-testid="showroom-invitations">
          {participations.map((p) => (
            <li key={p.id} className="card min-w-0">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h2 className="break-words text-lg font-semibold">{p.storefront?.name ?? ""}</h2>
                  <p className="text-sm text-slate-600">
                    {p.operator} · {p.storefront?.city} · {t("showrooms.console.manufacturers.invitedOn", { date: formatDate(p.invitedAt, lang) })}
                  </p>
                </div>
                <ParticipationBadge status={p.status} />
              </div>
              {p.message ? <p className="mt-2 whitespace-pre-line break-words rounded-md bg-slate-50 p-3 text-sm text-slate-800">“{p.message}”</p> : null}
              {p.status === "ACCEPTED" ? (
                <p className="mt-2 text-sm text-slate-700">{p.booth ? t("showrooms.console.invitations.featuredAt", { code: p.booth }) : t("showrooms.console.invitations.featuredNoBooth")}</p>
              ) : null}
              {p.status === "INVITED" ? <p className="mt-2 text-sm text-slate-700">{t("showrooms.console.invitations.consent")}</p> : null}
              <div className="mt-3 flex flex-wrap items-center gap-3">
                {p.status === "INVITED" ? (
                  <Form method="post" className="flex flex-wrap gap-3">
                    <CsrfInput />
                    <input type="hidden" name="participationId" value={p.id} />
                    <SubmitButton name="intent" value="accept" pendingLabel={t("showrooms.console.saving")}>
                      {t("showrooms.console.invitations.accept")}
                    </SubmitButton>
                    <SubmitButton name="intent" value="decline" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
                      {t("showrooms.console.invitations.decline")}
                    </SubmitButton>
                  </Form>
                ) : null}
                {p.status === "ACCEPTED" ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="participationId" value={p.id} />
                    <SubmitButton name="intent" value="leave" className="btn-secondary text-red-700" pendingLabel={t("showrooms.console.saving")}>
                      {t("showrooms.console.invitations.leave")}
                    </SubmitButton>
                  </Form>
                ) : null}
                {p.storefront?.published && p.status === "ACCEPTED" ? (
                  <Link to={`/${lang}/showrooms/${p.storefront.slug}`} className="link text-sm" reloadDocument>
                    {t("showrooms.console.invitations.view")}
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
