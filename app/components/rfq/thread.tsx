import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, SelectField, SubmitButton, TextField, type FormReply } from "~/components/forms";
import type { Lang } from "~/modules/i18n/config";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "~/modules/ordering/rfq-thread";
import { TRADE_TERMS } from "~/modules/ordering/quotes";
import { LanguageBadge, QuoteStatusBadge } from "./rfq-parts";

export interface QuoteView {
  id: string;
  status: string;
  byManufacturer: boolean;
  by: string;
  unitPrice: string;
  total: string;
  quantity: string;
  tradeTerm: string;
  leadTimeDays: number;
  validUntil: string;
  notes: string;
  sku: string | null;
  canDecide: boolean;
}

export interface FileView {
  href: string;
  kind: string;
  n: number;
  /** The name it was uploaded with (null for files from before names were kept). */
  name: string | null;
  /** "1.2 MB" in the viewer's language, when known. */
  size: string | null;
}

export function FileLinks({ files }: { files: FileView[] }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2">
      {files.map((f) => (
        <li key={f.href} className="min-w-0 max-w-full">
          <a href={f.href} className="link break-all text-sm" download={f.name ?? true} data-testid="rfq-file">
            {f.name ?? t("rfq.thread.attachment", { kind: f.kind, n: f.n })}
          </a>
          {f.name ? <span className="ml-1 text-xs text-slate-500">({f.size ? `${f.kind}, ${f.size}` : f.kind})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** An offer: its terms, and for the side that decides on it, accept and decline (plain forms). */
export function QuoteCard({ quote, showDecision }: { quote: QuoteView; showDecision: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="rounded-md border border-sky-200 bg-sky-50 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-semibold">{quote.byManufacturer ? t("rfq.thread.quoteBy", { name: quote.by }) : t("rfq.thread.counterBy", { name: quote.by })}</p>
        <QuoteStatusBadge status={quote.status} />
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t("rfq.thread.unitPrice")}</dt>
          <dd className="font-semibold">{quote.unitPrice}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("rfq.offerForm.quantity")}</dt>
          <dd>{quote.quantity}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("rfq.thread.total")}</dt>
          <dd>{quote.total}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("rfq.offerForm.tradeTerm")}</dt>
          <dd>{quote.tradeTerm}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("rfq.thread.leadTime")}</dt>
          <dd>{t("rfq.thread.leadTimeDays", { count: quote.leadTimeDays })}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("rfq.thread.validUntil")}</dt>
          <dd>{quote.validUntil}</dd>
        </div>
        {quote.sku ? (
          <div>
            <dt className="text-slate-600">{t("rfq.offerForm.variant")}</dt>
            <dd className="font-mono">{quote.sku}</dd>
          </div>
        ) : null}
      </dl>
      {showDecision && quote.canDecide ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="quoteId" value={quote.id} />
            <SubmitButton name="intent" value="accept" pendingLabel={t("rfq.thread.accepting")}>
              {t("rfq.thread.accept")}
            </SubmitButton>
          </Form>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="quoteId" value={quote.id} />
            <SubmitButton name="intent" value="decline" className="btn-secondary" pendingLabel={t("rfq.thread.declining")}>
              {t("rfq.thread.decline")}
            </SubmitButton>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

export interface MessageView {
  id: string;
  mine: boolean;
  author: string;
  organization: string;
  body: string;
  locale: Lang;
  at: string;
  read: boolean;
  attachments: FileView[];
  quote: QuoteView | null;
}

export function MessageList({ messages }: { messages: MessageView[] }) {
  const { t } = useTranslation();
  if (!messages.length) return <p className="text-sm text-slate-600">{t("rfq.thread.noMessages")}</p>;
  return (
    <ol className="space-y-3" aria-live="polite">
      {messages.map((m) => (
        <li key={m.id} id={`m-${m.id}`} className={`flex ${m.mine ? "justify-end" : "justify-start"}`}>
          <article className={`w-full max-w-[36rem] rounded-lg border p-3 ${m.mine ? "border-brand-200 bg-brand-50" : "border-slate-200 bg-white"}`}>
            <header className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              <span className="font-semibold text-slate-800">{m.author}</span>
              <span>{m.organization}</span>
              <LanguageBadge locale={m.locale} />
              <time>{m.at}</time>
            </header>
            {m.body ? (
              <p className="mt-2 whitespace-pre-wrap break-words" lang={m.locale}>
                {m.body}
              </p>
            ) : null}
            {m.quote ? (
              <div className="mt-2">
                <QuoteCard quote={m.quote} showDecision={false} />
              </div>
            ) : null}
            <FileLinks files={m.attachments} />
            {m.mine ? <p className="mt-1 text-right text-xs text-slate-600">{m.read ? t("rfq.thread.read") : t("rfq.thread.sent")}</p> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}

/**
 * Clears a form once its own submission went through (the action redirected: no reply), so that the text sent does
 * not stay in the box; a refused one keeps what was typed. Another side's live update never touches it.
 */
function useResetAfterSubmit(intent: string, reply?: FormReply | null) {
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formData?.get("intent") === intent) submitted.current = true;
    else if (navigation.state === "idle" && submitted.current) {
      submitted.current = false;
      if (!reply) form.current?.reset();
    }
  }, [navigation.state, navigation.formData, intent, reply]);
  return form;
}

export function MessageForm({ reply, onTyping, disabled }: { reply?: FormReply | null; onTyping: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const bodyId = useId();
  const filesId = useId();
  const error = (name: string) => (reply?.values?.intent === "message" ? reply.fieldErrors?.[name] : undefined);
  const formRef = useResetAfterSubmit("message", reply);
  return (
    <Form ref={formRef} method="post" encType="multipart/form-data" className="space-y-3" noValidate>
      <CsrfInput />
      <div>
        <label htmlFor={bodyId} className="label">
          {t("rfq.message.label")}
        </label>
        <textarea
          id={bodyId}
          name="body"
          rows={3}
          maxLength={8000}
          className="input"
          placeholder={t("rfq.message.placeholder")}
          onInput={onTyping}
          disabled={disabled}
          aria-invalid={error("body") ? true : undefined}
          aria-describedby={error("body") ? `${bodyId}-error` : undefined}
        />
        {error("body") ? (
          <p id={`${bodyId}-error`} className="mt-1 text-sm text-red-700">
            {error("body")}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={filesId} className="label">
          {t("rfq.message.attach")}
        </label>
        <input id={filesId} type="file" name="attachments" multiple accept="application/pdf,image/png,image/jpeg,image/webp" className="block w-full text-sm" aria-describedby={`${filesId}-help`} />
        <p id={`${filesId}-help`} className={`mt-1 text-xs ${error("attachments") ? "text-red-700" : "text-slate-600"}`}>
          {error("attachments") ?? t("rfq.new.attachmentsHint", { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
        </p>
      </div>
      <SubmitButton name="intent" value="message" pendingLabel={t("rfq.message.sending")}>
        {t("rfq.message.send")}
      </SubmitButton>
    </Form>
  );
}

export interface OfferFormView {
  party: "buyer" | "manufacturer";
  currencyCode: string;
  variants: { value: string; label: string }[];
  defaults: { variantId: string; quantity: string; tradeTerm: string; leadTimeDays: string; validUntil: string; minValidUntil: string };
  supersedes: boolean;
}

export function OfferForm({ form, reply }: { form: OfferFormView; reply?: FormReply | null }) {
  const { t } = useTranslation();
  const notesId = useId();
  // Errors and typed values belong to this form only when it was the one submitted.
  const own = reply?.values?.intent === "offer" ? reply : null;
  const manufacturer = form.party === "manufacturer";
  const formRef = useResetAfterSubmit("offer", reply);
  return (
    <Form ref={formRef} method="post" className="space-y-4" noValidate>
      <CsrfInput />
      <input type="hidden" name="currencyCode" value={form.currencyCode} />
      <h2 className="text-lg font-semibold">{manufacturer ? t("rfq.offerForm.quoteTitle") : t("rfq.offerForm.counterTitle")}</h2>
      {form.supersedes ? <p className="text-sm text-slate-600">{t("rfq.offerForm.supersedes")}</p> : null}
      {manufacturer && form.variants.length ? <SelectField label={t("rfq.offerForm.variant")} name="variantId" reply={own} defaultValue={form.defaults.variantId} options={form.variants} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("rfq.offerForm.unitPrice", { currency: form.currencyCode })} name="unitPrice" reply={own} required inputMode="decimal" />
        <TextField label={t("rfq.offerForm.quantity")} name="quantity" reply={own} required inputMode="numeric" defaultValue={form.defaults.quantity} />
        <SelectField label={t("rfq.offerForm.tradeTerm")} name="tradeTerm" reply={own} defaultValue={form.defaults.tradeTerm} options={TRADE_TERMS.map((term) => ({ value: term, label: t(`rfq.tradeTerms.${term}`) }))} />
        <TextField label={t("rfq.offerForm.leadTimeDays")} name="leadTimeDays" reply={own} required inputMode="numeric" defaultValue={form.defaults.leadTimeDays} />
        <TextField label={t("rfq.offerForm.validUntil")} name="validUntil" type="date" reply={own} required min={form.defaults.minValidUntil} defaultValue={form.defaults.validUntil} />
      </div>
      <div>
        <label htmlFor={notesId} className="label">
          {t("rfq.offerForm.notes")}
        </label>
        <textarea id={notesId} name="notes" rows={2} maxLength={4000} className="input" defaultValue={own?.values?.notes ?? ""} />
      </div>
      <SubmitButton name="intent" value="offer" pendingLabel={t("rfq.offerForm.sending")}>
        {manufacturer ? t("rfq.offerForm.submitQuote") : t("rfq.offerForm.submitCounter")}
      </SubmitButton>
    </Form>
  );
}
