import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, SubmitButton, TextField, type FormReply } from "~/components/forms";

interface ActionsOrder {
  actions: readonly string[];
  buyerCurrency: string;
  amounts: { refundOutstanding: string | null };
  refundOutstandingInput: string;
}

const SIMPLE = ["start_fulfilment", "ship", "deliver", "complete"] as const;

/** The status changes the viewer may make now (the server decides which; it refuses anything else again). */
export function OrderActions({ order, reply }: { order: ActionsOrder; reply?: FormReply | null; uploads: { max: number; size: number } }) {
  const { t } = useTranslation();
  const simple = SIMPLE.filter((a) => order.actions.includes(a));
  const cancel = order.actions.includes("cancel");
  return (
    <section className="card space-y-4 p-4" aria-labelledby="order-actions">
      <h2 id="order-actions" className="text-lg font-semibold">
        {t("orders.detail.actions")}
      </h2>
      {simple.length === 0 && !cancel && !order.actions.includes("open_dispute") ? <p className="text-sm text-slate-600">{t("orders.detail.noActions")}</p> : null}
      {simple.map((action) => (
        <Form key={action} method="post" className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          {action === "complete" ? <p className="w-full text-sm text-slate-600">{t("orders.actions.complete.hint")}</p> : null}
          <TextField label={t("orders.actions.note")} name="note" reply={reply?.values?.intent === action ? reply : null} maxLength={2000} className="min-w-[14rem] flex-1" />
          <SubmitButton name="intent" value={action} pendingLabel={t(`orders.actions.${action}.pending`)}>
            {t(`orders.actions.${action}.submit`)}
          </SubmitButton>
        </Form>
      ))}
      {cancel ? (
        <Form method="post" className="space-y-2 border-t border-slate-100 pt-4">
          <CsrfInput />
          <h3 className="font-medium">{t("orders.actions.cancel.title")}</h3>
          <p className="text-sm text-slate-600">{t("orders.actions.cancel.hint")}</p>
          <TextField label={t("orders.actions.cancel.reason")} name="reason" required maxLength={2000} reply={reply?.values?.intent === "cancel" ? reply : null} />
          <SubmitButton name="intent" value="cancel" className="btn-danger" pendingLabel={t("orders.actions.cancel.pending")}>
            {t("orders.actions.cancel.submit")}
          </SubmitButton>
        </Form>
      ) : null}
      {order.actions.includes("refund") ? (
        <Form method="post" className="space-y-2 border-t border-slate-100 pt-4" data-testid="refund-form">
          <CsrfInput />
          <h3 className="font-medium">{t("orders.actions.refund.title")}</h3>
          <p className="text-sm text-slate-600">{t("orders.actions.refund.hint")}</p>
          <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
            <TextField label={t("orders.actions.refund.amount", { currency: order.buyerCurrency })} name="amount" inputMode="decimal" required maxLength={40} defaultValue={order.refundOutstandingInput} reply={reply?.values?.intent === "refund" ? reply : null} />
            <TextField label={t("orders.actions.refund.reason")} name="reason" required maxLength={500} reply={reply?.values?.intent === "refund" ? reply : null} />
          </div>
          <SubmitButton name="intent" value="refund" className="btn-secondary" pendingLabel={t("orders.actions.refund.pending")}>
            {t("orders.actions.refund.submit")}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
