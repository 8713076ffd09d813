import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { LeadSource, LeadStatusBadge } from "~/components/showrooms/leads/lead-parts";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { LANG_NAMES, isLang, requireLang } from "~/modules/i18n/config";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { withdrawForBuyer } from "~/modules/showrooms/erasure.server";
import { countryName } from "~/modules/showrooms/lead-presenter";
import { LeadIntentSchema, LeadReplySchema } from "~/modules/showrooms/lead-schemas";
import { closeLead, LeadError, loadLead, replyToLead, requireLeadActor } from "~/modules/showrooms/leads.server";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.leads.title");

const DONE = ["answered", "closedDone", "erasedDone"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireLeadActor(request, lang);
  const lead = await loadLead(actor, params.leadId);
  if (!lead) notFound();
  const done = new URL(request.url).searchParams.get("done");
  const leadLang = isLang(lead.locale) ? lead.locale : "en";
  return {
    lang,
    kind: actor.kind,
    done: DONE.find((d) => d === done) ?? null,
    lead: {
      id: lead.id,
      kind: lead.kind,
      status: lead.status,
      received: formatDateTime(lead.createdAt, lang),
      erased: Boolean(lead.erasedAt),
      erasedAt: lead.erasedAt ? formatDateTime(lead.erasedAt, lang) : null,
      guest: !lead.userId && !lead.erasedAt,
      name: lead.name,
      company: lead.company,
      email: lead.email,
      phone: lead.phone,
      message: lead.message,
      counterpart: lead.counterpart,
      country: lead.countryCode ? countryName(lead.countryCode, lang) : null,
      consent: lead.consentAt && lead.consentVersion ? { date: formatDate(lead.consentAt, lang), version: lead.consentVersion } : null,
      language: LANG_NAMES[leadLang],
      source: { storefrontName: lead.storefrontName, storefrontSlug: lead.storefrontSlug, boothCode: lead.boothCode, eventTitle: lead.eventTitle, product: lead.product },
      rfq: lead.rfq?.number ?? null,
      order: lead.order?.number ?? null,
      replies: lead.replies.map((r) => ({ id: r.id, body: r.body, author: r.authorName, at: formatDateTime(r.createdAt, lang) })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireLeadActor(request, lang);
  const form = await readForm(request, lang);
  const intent = await parseForm(request, LeadIntentSchema, lang, form);
  if (!intent.ok) return intent.reply;
  try {
    switch (intent.data.intent) {
      case "reply": {
        const parsed = await parseForm(request, LeadReplySchema, lang, form);
        if (!parsed.ok) return parsed.reply;
        await replyToLead(actor, params.leadId, parsed.data.body);
        return redirect(`/${lang}/leads/${params.leadId}?done=answered`);
      }
      case "close":
        await closeLead(actor, params.leadId);
        return redirect(`/${lang}/leads/${params.leadId}?done=closedDone`);
      case "erase":
        await withdrawForBuyer(actor, params.leadId);
        return redirect(`/${lang}/leads?done=erasedDone`);
    }
  } catch (error) {
    if (!(error instanceof LeadError)) throw error;
    if (error.status === 404) notFound();
    return formErrorReply(lang, form, {}, `showrooms.leads.errors.${error.code}`, error.status);
  }
}

export default function LeadPage() {
  const { t } = useTranslation();
  const { lang, kind, done, lead } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyId = useId();
  const manufacturer = kind === "MANUFACTURER";
  const replyError = reply?.fieldErrors?.body;
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/${lang}/leads`} className="link">
          {t("showrooms.leads.page.back")}
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("showrooms.leads.page.title", { storefront: lead.source.storefrontName })}</h1>
        <LeadStatusBadge status={lead.status} />
      </div>
      <p className="mt-1 text-slate-700">
        {t(`showrooms.leads.kinds.${lead.kind}`)} · {t("showrooms.leads.page.received")}: {lead.received}
      </p>
      {done ? <div className="mt-4"><FormSuccess>{t(`showrooms.leads.page.${done}`)}</FormSuccess></div> : null}
      <FormError reply={reply} />

      <section className="card mt-6" aria-labelledby="lead-source">
        <h2 id="lead-source" className="text-lg font-semibold">
          {t("showrooms.leads.columns.source")}
        </h2>
        <p className="mt-2">
          <LeadSource lang={lang} source={lead.source} links />
        </p>
        {lead.rfq || lead.order ? (
          <p className="mt-2">
            {t("showrooms.leads.columns.linked")}:{" "}
            {lead.rfq ? (
              <Link to={`/${lang}/rfqs/${lead.rfq}`} className="link">
                {t("showrooms.leads.page.rfq", { number: lead.rfq })}
              </Link>
            ) : null}
            {lead.rfq && lead.order ? " · " : null}
            {lead.order ? (
              <Link to={`/${lang}/orders/${lead.order}`} className="link">
                {t("showrooms.leads.page.order", { number: lead.order })}
              </Link>
            ) : null}
          </p>
        ) : null}
      </section>

      <section className="card mt-6" aria-labelledby="lead-contact">
        <h2 id="lead-contact" className="text-lg font-semibold">
          {t("showrooms.leads.page.contact")}
        </h2>
        {lead.erased ? (
          <p className="mt-2 italic text-slate-700" data-testid="lead-erased">
            {t("showrooms.leads.erased")} ({lead.erasedAt})
          </p>
        ) : (
          <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            {lead.counterpart ? (
              <>
                <dt className="font-medium text-slate-600">{manufacturer ? t("showrooms.leads.page.buyer") : t("showrooms.leads.page.manufacturer")}</dt>
                <dd>{lead.counterpart}</dd>
              </>
            ) : null}
            {lead.name ? (
              <>
                <dt className="font-medium text-slate-600">{t("showrooms.leads.page.name")}</dt>
                <dd>{lead.name}</dd>
              </>
            ) : null}
            {lead.company ? (
              <>
                <dt className="font-medium text-slate-600">{t("showrooms.leads.page.company")}</dt>
                <dd>{lead.company}</dd>
              </>
            ) : null}
            {lead.country ? (
              <>
                <dt className="font-medium text-slate-600">{t("showrooms.leads.page.country")}</dt>
                <dd>{lead.country}</dd>
              </>
            ) : null}
            {lead.email ? (
              <>
                <dt className="font-medium text-slate-600">{t("showrooms.leads.page.email")}</dt>
                <dd className="break-all">
                  <a href={`mailto:${lead.email}`} className="link">
                    {lead.email}
                  </a>
                </dd>
              </>
            ) : null}
            {lead.phone ? (
              <>
                <dt className="font-medium text-slate-600">{t("showrooms.leads.page.phone")}</dt>
                <dd>
                  <a href={`tel:${lead.phone.replace(/[^+0-9]/g, "")}`} className="link">
                    {lead.phone}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        )}
        {lead.message ? (
          <div className="mt-4">
            <h3 className="font-medium text-slate-600">{t("showrooms.leads.page.message")}</h3>
            <p className="mt-1 whitespace-pre-wrap break-words">{lead.message}</p>
          </div>
        ) : null}
        {lead.consent ? <p className="mt-4 text-sm text-slate-600">{t("showrooms.leads.page.consentGiven", lead.consent)}</p> : null}
      </section>

      <section className="card mt-6" aria-labelledby="lead-replies">
        <h2 id="lead-replies" className="text-lg font-semibold">
          {t("showrooms.leads.page.replies")}
        </h2>
        {lead.replies.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("showrooms.leads.page.noReplies")}</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {lead.replies.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-200 p-3">
                <p className="text-sm text-slate-600">
                  {r.author ? `${r.author} · ` : ""}
                  {r.at}
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words">{r.body ?? <span className="italic text-slate-600">{t("showrooms.leads.page.replyErased")}</span>}</p>
              </li>
            ))}
          </ol>
        )}

        {manufacturer && !lead.erased && lead.status !== "CLOSED" ? (
          <Form method="post" className="mt-4 space-y-3" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="reply" />
            <div>
              <label htmlFor={replyId} className="label">
                {t("showrooms.leads.page.replyLabel")}
              </label>
              <textarea
                id={replyId}
                name="body"
                rows={5}
                maxLength={8000}
                required
                defaultValue={reply?.values?.body ?? ""}
                className="input"
                aria-invalid={replyError ? true : undefined}
                aria-describedby={`${replyId}-hint`}
              />
              <p id={`${replyId}-hint`} className={`mt-1 text-xs ${replyError ? "text-red-700" : "text-slate-600"}`}>
                {replyError ?? (lead.guest ? t("showrooms.leads.page.replyHintGuest", { language: lead.language }) : t("showrooms.leads.page.replyHintBuyer"))}
              </p>
            </div>
            <SubmitButton pendingLabel={t("showrooms.leads.page.sending")}>{t("showrooms.leads.page.send")}</SubmitButton>
          </Form>
        ) : null}
        {lead.status === "CLOSED" ? <p className="mt-4 text-slate-700">{t("showrooms.leads.page.closed")}</p> : null}
      </section>

      {manufacturer && lead.status !== "CLOSED" ? (
        <Form method="post" className="mt-6">
          <CsrfInput />
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="btn-secondary">
            {t("showrooms.leads.page.close")}
          </button>
        </Form>
      ) : null}

      {!manufacturer && !lead.erased ? (
        <section className="card mt-6 border-red-200" aria-labelledby="lead-erase">
          <h2 id="lead-erase" className="text-lg font-semibold">
            {t("showrooms.leads.withdraw.title")}
          </h2>
          <p className="mt-1 text-slate-700">{t("showrooms.leads.page.eraseHint")}</p>
          <Form method="post" className="mt-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="erase" />
            <button type="submit" className="btn border border-red-300 bg-white text-red-800 hover:bg-red-50">
              {t("showrooms.leads.page.erase")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
