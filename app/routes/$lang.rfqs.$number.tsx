import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { RfqStatusBadge, useRfqLive } from "~/components/rfq/rfq-parts";
import { FileLinks, MessageForm, MessageList, OfferForm, QuoteCard } from "~/components/rfq/thread";
import { parseForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { acceptQuote, declineQuote, makeOffer } from "~/modules/ordering/quotes.server";
import { rfqThreadView } from "~/modules/ordering/rfqs-presenter.server";
import { DecisionSchema, parseMessageForm, parseOfferForm, readRfqForm, rfqErrorReply, ThreadIntent } from "~/modules/ordering/rfqs-forms.server";
import { closeRfq, postRfqMessage, requireRfqActor, RfqError } from "~/modules/ordering/rfqs.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [title] = pageTitle(args, "rfq.list.title");
  return [{ title: args.data ? `${args.data.rfq.number} · ${title!.title}` : title!.title }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireRfqActor(request, lang);
  const view = await rfqThreadView(actor, params.number);
  // Another organization's RFQ, or none: the same answer.
  if (!view) notFound();
  return view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireRfqActor(request, lang);
  const read = await readRfqForm(request, lang);
  if (!read.ok) return read.reply;
  const form = read.form;
  const intent = await parseForm(request, ThreadIntent, lang, form);
  if (!intent.ok) return intent.reply;
  const back = `/${lang}/rfqs/${params.number}`;
  try {
    switch (intent.data.intent) {
      case "message": {
        const parsed = await parseMessageForm(request, lang, form);
        if (!parsed.ok) return parsed.reply;
        const message = await postRfqMessage(actor, params.number, { body: parsed.body, attachments: parsed.attachments });
        return redirect(`${back}#m-${message.id}`);
      }
      case "offer": {
        const parsed = await parseOfferForm(request, lang, form);
        if (!parsed.ok) return parsed.reply;
        await makeOffer(actor, params.number, parsed.input);
        return redirect(back);
      }
      case "accept":
      case "decline": {
        const parsed = await parseForm(request, DecisionSchema, lang, form);
        if (!parsed.ok) return parsed.reply;
        if (intent.data.intent === "decline") await declineQuote(actor, params.number, parsed.data.quoteId);
        else await acceptQuote(actor, params.number, parsed.data.quoteId);
        return redirect(back);
      }
      case "close":
        await closeRfq(actor, params.number);
        return redirect(back);
    }
  } catch (error) {
    if (!(error instanceof RfqError)) throw error;
    if (error.code === "not_found") notFound();
    return rfqErrorReply(lang, form, error);
  }
}

export default function RfqThread() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { rfq, lang } = view;
  const live = useRfqLive(rfq.id, view.viewer.userId);
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/${lang}/rfqs`} className="link">
          {t("rfq.list.title")}
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold sm:text-3xl">{rfq.title}</h1>
        <RfqStatusBadge status={rfq.status} />
        {live.connected ? <span className="badge bg-emerald-100 text-emerald-900">{t("rfq.thread.live")}</span> : null}
      </div>
      <p className="font-mono text-sm text-slate-600">{rfq.number}</p>
      {view.showroom ? (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="rfq-showroom-source">
          <span>
            {view.showroom.booth
              ? t("rfq.thread.showroomBooth", { storefront: view.showroom.storefront, booth: view.showroom.booth })
              : t("rfq.thread.showroom", { storefront: view.showroom.storefront })}
          </span>
          {view.showroom.href ? (
            <Link to={view.showroom.href} className="link">
              {t("rfq.thread.showroomPage")}
            </Link>
          ) : null}
          {view.showroom.leadId ? (
            <Link to={`/${lang}/leads/${view.showroom.leadId}`} className="link">
              {t("rfq.thread.showroomLead")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <FormError reply={reply} />

      {view.order ? (
        <div role="status" className="mt-4 flex flex-wrap items-center justify-between gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900">
          <span>{t("rfq.thread.order", { number: view.order.number })}</span>
          <Link to={`/${lang}/orders/${view.order.number}`} className="btn-primary">
            {t("rfq.thread.viewOrder")}
          </Link>
        </div>
      ) : null}
      {rfq.closedReason ? <p className="mt-4 rounded-md border border-slate-200 bg-slate-50 px-4 py-3">{t(`rfq.closedReason.${rfq.closedReason}`, { defaultValue: t("rfq.thread.closed") })}</p> : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="rfq-messages" className="min-w-0 space-y-4">
          {view.openQuote ? <QuoteCard quote={view.openQuote} showDecision /> : null}
          {view.openQuote && !view.openQuote.canDecide ? <p className="text-sm text-slate-600">{t("rfq.thread.waiting")}</p> : null}
          <h2 id="rfq-messages" className="text-lg font-semibold">
            {t("rfq.thread.messages")}
          </h2>
          <MessageList messages={view.messages} />
          <p className="min-h-5 text-sm italic text-slate-600" aria-live="polite">
            {live.typing ? t("rfq.thread.typing") : ""}
          </p>
          {rfq.open ? (
            <div className="card">
              <MessageForm reply={reply} onTyping={live.notifyTyping} />
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("rfq.thread.closed")}</p>
          )}
          {view.offerForm ? (
            <div className="card">
              <OfferForm form={view.offerForm} reply={reply} />
            </div>
          ) : null}
        </section>

        <aside className="card h-fit space-y-2 text-sm" aria-labelledby="rfq-details">
          <h2 id="rfq-details" className="text-lg font-semibold">
            {t("rfq.thread.details")}
          </h2>
          <p>
            <span className="text-slate-600">{t("rfq.thread.buyer")}:</span> {rfq.buyer}
          </p>
          <p>
            <span className="text-slate-600">{t("rfq.thread.manufacturer")}:</span> {rfq.manufacturer}
          </p>
          <p>
            <span className="text-slate-600">{t("rfq.thread.product")}:</span>{" "}
            {view.product ? (
              view.product.published ? (
                <Link to={`/${lang}/products/${view.product.slug}`} className="link">
                  {view.product.name}
                </Link>
              ) : (
                view.product.name
              )
            ) : (
              t("rfq.thread.freeForm")
            )}
          </p>
          <p>
            <span className="text-slate-600">{t("rfq.new.quantity")}:</span> {rfq.quantity}
          </p>
          <p>
            <span className="text-slate-600">{t("rfq.new.destination")}:</span> {rfq.destination}
          </p>
          <p>
            <span className="text-slate-600">{t("rfq.new.tradeTerm")}:</span> {rfq.tradeTerm}
          </p>
          {rfq.target ? (
            <p>
              <span className="text-slate-600">{t("rfq.thread.target")}:</span> {rfq.target}
            </p>
          ) : null}
          {rfq.respondBy ? <p>{t("rfq.thread.respondBy", { date: rfq.respondBy })}</p> : null}
          {rfq.responseTime ? <p>{t("rfq.thread.responseTime", { time: rfq.responseTime })}</p> : null}
          {rfq.specification ? <p className="whitespace-pre-wrap break-words border-t border-slate-200 pt-2">{rfq.specification}</p> : null}
          {rfq.attachments.length ? (
            <div className="border-t border-slate-200 pt-2">
              <p className="text-slate-600">{t("rfq.thread.attachments")}</p>
              <FileLinks files={rfq.attachments} />
            </div>
          ) : null}
          {rfq.open ? (
            <Form method="post" className="border-t border-slate-200 pt-3">
              <CsrfInput />
              <SubmitButton name="intent" value="close" className="btn-secondary" pendingLabel={view.viewer.party === "buyer" ? t("rfq.withdrawing") : t("rfq.decliningRequest")}>
                {view.viewer.party === "buyer" ? t("rfq.withdraw") : t("rfq.declineRequest")}
              </SubmitButton>
            </Form>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
