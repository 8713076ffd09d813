import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, SubmitButton, TextField, type FormReply } from "~/components/forms";

interface DisputesOrder {
  actions: readonly string[];
  disputeWindowEnds: string | null;
  buyerCurrency: string;
  disputes: {
    id: string;
    status: string;
    reason: string;
    openedAt: string;
    resolution: string | null;
    resolvedAt: string | null;
    messages: { id: string; author: string; side: string; at: string; body: string; files: { name: string; kind: string; href: string }[] }[];
  }[];
}

function TextArea({ label, name, reply, required }: { label: string; name: string; reply?: FormReply | null; required?: boolean }) {
  const id = useId();
  const error = reply?.fieldErrors?.[name];
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea id={id} name={name} rows={3} required={required} maxLength={8000} defaultValue={reply?.values?.[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="input" />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Evidence({ label, reply }: { label: string; reply?: FormReply | null }) {
  const id = useId();
  const error = reply?.fieldErrors?.attachments;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input id={id} type="file" name="attachments" multiple accept="image/jpeg,image/png,image/webp,application/pdf" className="block w-full text-sm" aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The order's disputes: opening one (buyer, within the window), the conversation with evidence, the platform's decision. */
export function OrderDisputes({ order, reply, uploads }: { order: DisputesOrder; reply?: FormReply | null; uploads: { max: number; size: number } }) {
  const { t } = useTranslation();
  const mine = (intent: string) => (reply?.values?.intent === intent ? reply : null);
  return (
    <>
      {order.actions.includes("open_dispute") && order.disputeWindowEnds ? (
        <section className="card space-y-3 p-4" aria-labelledby="dispute-open">
          <h2 id="dispute-open" className="text-lg font-semibold">
            {t("orders.disputes.open.title")}
          </h2>
          <p className="text-sm text-slate-600">{t("orders.disputes.open.hint", { date: order.disputeWindowEnds })}</p>
          <Form method="post" encType="multipart/form-data" className="space-y-3">
            <CsrfInput />
            <TextArea label={t("orders.disputes.open.reason")} name="reason" required reply={mine("open_dispute")} />
            <Evidence label={t("orders.disputes.open.evidence", { max: uploads.max, size: uploads.size })} reply={mine("open_dispute")} />
            <SubmitButton name="intent" value="open_dispute" pendingLabel={t("orders.disputes.open.pending")}>
              {t("orders.disputes.open.submit")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
      {order.disputes.map((d) => (
        <section key={d.id} className="card space-y-3 p-4" aria-labelledby={`dispute-${d.id}`} data-testid="dispute">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`dispute-${d.id}`} className="text-lg font-semibold">
              {t("orders.disputes.title")} · {t(`orders.disputes.status.${d.status}`)}
            </h2>
            <p className="text-xs text-slate-500">{d.resolvedAt ? t("orders.disputes.resolvedOn", { date: d.resolvedAt }) : t("orders.disputes.openedOn", { date: d.openedAt })}</p>
          </div>
          {d.resolution ? <p className="rounded-md bg-slate-50 p-3 text-sm">{d.resolution}</p> : null}
          <ol className="space-y-2">
            {d.messages.map((m) => (
              <li key={m.id} className={`rounded-md border p-3 text-sm ${m.side === "buyer" ? "border-sky-200 bg-sky-50" : m.side === "manufacturer" ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"}`}>
                <p className="text-xs text-slate-600">
                  <span className="font-medium">{m.author}</span> ({t(`orders.disputes.sides.${m.side}`)}) · {m.at}
                </p>
                {m.body ? <p className="mt-1 whitespace-pre-line break-words">{m.body}</p> : null}
                {m.files.length > 0 ? (
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {m.files.map((f) => (
                      <li key={f.href}>
                        <a href={f.href} className="link text-xs" download>
                          {f.kind} · {f.name}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
          {d.status === "OPEN" && order.actions.includes("dispute_message") ? (
            <Form method="post" encType="multipart/form-data" className="space-y-3 border-t border-slate-100 pt-3">
              <CsrfInput />
              <input type="hidden" name="disputeId" value={d.id} />
              <TextArea label={t("orders.disputes.message.label")} name="body" reply={mine("dispute_message")} />
              <Evidence label={t("orders.disputes.message.evidence")} reply={mine("dispute_message")} />
              <SubmitButton name="intent" value="dispute_message" className="btn-secondary" pendingLabel={t("orders.disputes.message.pending")}>
                {t("orders.disputes.message.submit")}
              </SubmitButton>
            </Form>
          ) : null}
          {d.status === "OPEN" && order.actions.includes("resolve_dispute") ? (
            <Form method="post" className="space-y-3 border-t border-slate-100 pt-3">
              <CsrfInput />
              <input type="hidden" name="disputeId" value={d.id} />
              <h3 className="font-medium">{t("orders.disputes.resolve.title")}</h3>
              <fieldset>
                <legend className="label">{t("orders.disputes.resolve.outcome")}</legend>
                <label className="mr-4 inline-flex items-center gap-2 text-sm">
                  <input type="radio" name="outcome" value="RESOLVED_FOR_BUYER" required /> {t("orders.disputes.resolve.forBuyer")}
                </label>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input type="radio" name="outcome" value="RESOLVED_FOR_MANUFACTURER" /> {t("orders.disputes.resolve.forManufacturer")}
                </label>
              </fieldset>
              <TextArea label={t("orders.disputes.resolve.resolution")} name="resolution" required reply={mine("resolve_dispute")} />
              <TextField label={t("orders.disputes.resolve.refund", { currency: order.buyerCurrency })} name="refund" inputMode="decimal" maxLength={40} reply={mine("resolve_dispute")} />
              <SubmitButton name="intent" value="resolve_dispute" pendingLabel={t("orders.disputes.resolve.pending")}>
                {t("orders.disputes.resolve.submit")}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}
