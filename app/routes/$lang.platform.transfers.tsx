import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SelectField, SubmitButton, TextField, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { PREFERENCE_CURRENCIES } from "~/modules/money/currencies";
import { serverT } from "~/modules/i18n/i18n.server";
import { BankTransferError, findOrderForMatch, matchTransfer, recordTransfer, recordTransferRefund } from "~/modules/payments/bank-transfer.server";
import { deskActor, money, presentTransfersDesk, requirePlatformDesk } from "~/modules/payments/bank-transfer-desk.server";
import { OrderLifecycleError } from "~/modules/ordering/order-lifecycle.server";

export const meta: MetaFunction = (args) => pageTitle(args, "banking.transfers.title");

const STATUSES = ["UNMATCHED", "MATCHED", "ALL"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePlatformDesk(request, lang);
  const url = new URL(request.url);
  const status = STATUSES.find((s) => s === url.searchParams.get("status")) ?? "UNMATCHED";
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const desk = await presentTransfersDesk(lang, { status, q });
  return { lang, status, q, today: new Date().toISOString().slice(0, 10), currencies: PREFERENCE_CURRENCIES, ...desk };
}

const text = (max: number) => z.string().trim().max(max);
const Schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("record"),
    bankTransactionId: text(100).min(1, "validation.required"),
    receivedOn: z.string().regex(DATE, "banking.errors.date"),
    payerName: text(200).min(1, "validation.required"),
    referenceText: text(300).default(""),
    currencyCode: z.enum(PREFERENCE_CURRENCIES as [string, ...string[]], "banking.errors.unknown_currency"),
    amount: text(40).min(1, "validation.required"),
    note: text(500).default(""),
  }),
  z.object({ intent: z.literal("match"), transferId: z.uuid(), orderId: z.uuid() }),
  z.object({ intent: z.literal("matchByNumber"), transferId: z.uuid(), order: text(60).min(1, "validation.required") }),
  z.object({ intent: z.literal("refund"), order: text(60).min(1, "validation.required"), amount: text(40).min(1, "validation.required"), reason: text(500).min(1, "validation.required") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requirePlatformDesk(request, lang);
  const actor = deskActor(context);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const t = serverT(lang);
  const input = form.data;
  const refuse = (error: unknown, field = "_form") => {
    if (error instanceof BankTransferError) return formErrorReply(lang, form.formData, { [field]: t(`banking.errors.${error.code}`, error.detail) }, undefined, error.status);
    if (error instanceof OrderLifecycleError) return formErrorReply(lang, form.formData, { _form: t(`orders.errors.${error.code}`, { defaultValue: t("errors.badRequest") }) }, undefined, error.status);
    throw error;
  };
  try {
    if (input.intent === "record") {
      const result = await recordTransfer(
        { bankTransactionId: input.bankTransactionId, receivedOn: new Date(`${input.receivedOn}T00:00:00Z`), payerName: input.payerName, referenceText: input.referenceText, currencyCode: input.currencyCode, amountText: input.amount, note: input.note },
        actor,
      );
      if (result.kind === "duplicate") return data({ success: t("banking.transfers.recorded.duplicate", { id: result.transfer.bankTransactionId }) });
      if (result.refusal) return data({ success: t("banking.transfers.recorded.unmatched"), warning: t(`banking.errors.${result.refusal}`, result.refusalDetail) });
      if (!result.match) return data({ success: t("banking.transfers.recorded.unmatched") });
      return data({ success: outcomeMessage(lang, result.match, input.currencyCode) });
    }
    if (input.intent === "match" || input.intent === "matchByNumber") {
      let orderId: string;
      if (input.intent === "match") orderId = input.orderId;
      else {
        const found = await findOrderForMatch(input.order);
        if (!found) return formErrorReply(lang, form.formData, { order: t("banking.errors.order_not_found") }, undefined, 404);
        orderId = found.id;
      }
      const match = await matchTransfer({ transferId: input.transferId, orderId, actor });
      return data({ success: outcomeMessage(lang, match, match.transfer.currencyCode) });
    }
    const found = await findOrderForMatch(input.order);
    if (!found) return formErrorReply(lang, form.formData, { order: t("banking.errors.order_not_found") }, undefined, 404);
    const refund = await recordTransferRefund({ orderId: found.id, amountText: input.amount, reason: input.reason, actor });
    return data({ success: t("banking.transfers.refunds.done", { amount: money(refund.amountMinor, refund.currencyCode, lang), number: found.number }) });
  } catch (error) {
    return refuse(error, input.intent === "record" || input.intent === "refund" ? (error instanceof BankTransferError && error.code.startsWith("amount") ? "amount" : "_form") : "_form");
  }
}

function outcomeMessage(lang: ReturnType<typeof requireLang>, match: { outcome: string; orderNumber: string; remainingMinor: bigint; surplusMinor: bigint }, currencyCode: string) {
  const t = serverT(lang);
  return t(`banking.transfers.recorded.${match.outcome}`, { number: match.orderNumber, remaining: money(match.remainingMinor, currencyCode, lang), surplus: money(match.surplusMinor, currencyCode, lang) });
}

type ActionReply = FormReply & { success?: string; warning?: string };

export default function PlatformTransfers() {
  const { t } = useTranslation();
  const { status, q, today, currencies, rows, refundsDue } = useLoaderData<typeof loader>();
  const reply = useActionData<ActionReply>();
  const intent = reply?.values?.intent;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("banking.transfers.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("banking.transfers.intro")}</p>

      <div className="mt-6">
        {reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}
        {reply?.warning ? (
          <div role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {reply.warning}
          </div>
        ) : null}
        <FormError reply={reply} />
      </div>

      <section className="card mt-2" aria-labelledby="record-title">
        <h2 id="record-title" className="text-lg font-semibold">
          {t("banking.transfers.record.title")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="record" />
          <TextField label={t("banking.transfers.record.bankTransactionId")} name="bankTransactionId" required maxLength={100} reply={intent === "record" ? reply : null} autoComplete="off" />
          <TextField label={t("banking.transfers.record.receivedOn")} name="receivedOn" type="date" required defaultValue={today} reply={intent === "record" ? reply : null} />
          <TextField label={t("banking.transfers.record.payerName")} name="payerName" required maxLength={200} reply={intent === "record" ? reply : null} />
          <TextField label={t("banking.transfers.record.referenceText")} name="referenceText" maxLength={300} reply={intent === "record" ? reply : null} />
          <SelectField label={t("banking.transfers.record.currency")} name="currencyCode" options={currencies.map((c) => ({ value: c, label: c }))} defaultValue="USD" reply={intent === "record" ? reply : null} />
          <TextField label={t("banking.transfers.record.amount")} name="amount" inputMode="decimal" required maxLength={40} reply={intent === "record" ? reply : null} />
          <TextField label={t("banking.transfers.record.note")} name="note" maxLength={500} className="sm:col-span-2" reply={intent === "record" ? reply : null} />
          <div className="flex items-end">
            <SubmitButton pendingLabel={t("banking.transfers.record.submit")}>{t("banking.transfers.record.submit")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="mt-8" aria-labelledby="list-title">
        <h2 id="list-title" className="sr-only">
          {t("banking.transfers.list.show")}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="transfer-status" className="label">
              {t("banking.transfers.list.show")}
            </label>
            <select id="transfer-status" name="status" defaultValue={status} className="input">
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`banking.transfers.list.${s === "ALL" ? "all" : s === "MATCHED" ? "matched" : "unmatched"}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0 flex-1">
            <label htmlFor="transfer-q" className="label">
              {t("banking.transfers.list.searchLabel")}
            </label>
            <input id="transfer-q" name="q" type="search" defaultValue={q} className="input" />
          </div>
          <button type="submit" className="btn-secondary">
            {t("banking.transfers.list.search")}
          </button>
        </Form>

        {rows.length === 0 ? (
          <p className="card mt-4 text-center text-slate-700">{t("banking.transfers.list.empty")}</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {rows.map((row) => (
              <li key={row.id} className="card p-4">
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-6">
                  <div>
                    <dt className="text-slate-600">{t("banking.transfers.list.date")}</dt>
                    <dd>{row.receivedOn}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.transfers.list.transaction")}</dt>
                    <dd className="break-all font-mono">{row.bankTransactionId}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.transfers.list.payer")}</dt>
                    <dd className="break-words">{row.payerName}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.transfers.list.reference")}</dt>
                    <dd className="break-all font-mono">{row.referenceText || "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.transfers.list.amount")}</dt>
                    <dd className="font-semibold">{row.amount}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.transfers.list.status")}</dt>
                    <dd>
                      <span className={`badge ${row.status === "UNMATCHED" ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-900"}`}>{t(`banking.transfers.status.${row.status}`)}</span>
                      {row.orderNumber ? <span className="ml-2 font-mono">{row.orderNumber}</span> : null}
                    </dd>
                  </div>
                </dl>
                {row.status === "UNMATCHED" ? (
                  <div className="mt-3 border-t border-slate-200 pt-3">
                    <p className="text-sm font-medium">{t("banking.transfers.list.candidates")}</p>
                    {row.candidates.length === 0 ? <p className="text-sm text-slate-600">{t("banking.transfers.list.noCandidates")}</p> : null}
                    <ul className="mt-2 flex flex-wrap gap-2">
                      {row.candidates.map((c) => (
                        <li key={c.id}>
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="match" />
                            <input type="hidden" name="transferId" value={row.id} />
                            <input type="hidden" name="orderId" value={c.id} />
                            <button type="submit" className="btn-secondary text-left text-sm">
                              <span className="block font-semibold">{t("banking.transfers.list.matchThis", { number: c.number })}</span>
                              <span className="block text-xs text-slate-600">
                                {c.buyerName} · {t("banking.transfers.list.due", { amount: c.due })} · {t(`banking.transfers.list.because.${c.because}`)}
                              </span>
                            </button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                    <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="matchByNumber" />
                      <input type="hidden" name="transferId" value={row.id} />
                      <TextField label={t("banking.transfers.list.orderNumber")} name="order" required maxLength={60} className="min-w-0 flex-1" reply={intent === "matchByNumber" && reply?.values?.transferId === row.id ? reply : null} />
                      <SubmitButton className="btn-primary" pendingLabel={t("banking.transfers.list.match")}>
                        {t("banking.transfers.list.match")}
                      </SubmitButton>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card mt-8" aria-labelledby="refunds-title">
        <h2 id="refunds-title" className="text-lg font-semibold">
          {t("banking.transfers.refunds.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("banking.transfers.refunds.intro")}</p>
        <h3 className="mt-4 text-sm font-semibold">{t("banking.transfers.refunds.due")}</h3>
        {refundsDue.length === 0 ? (
          <p className="text-sm text-slate-600">{t("banking.transfers.refunds.none")}</p>
        ) : (
          <ul className="mt-1 text-sm">
            {refundsDue.map((r) => (
              <li key={r.id}>
                <span className="font-mono">{r.number}</span> · {r.amount}
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <CsrfInput />
          <input type="hidden" name="intent" value="refund" />
          <TextField label={t("banking.transfers.refunds.order")} name="order" required maxLength={60} reply={intent === "refund" ? reply : null} />
          <TextField label={t("banking.transfers.refunds.amount")} name="amount" inputMode="decimal" required maxLength={40} reply={intent === "refund" ? reply : null} />
          <TextField label={t("banking.transfers.refunds.reason")} name="reason" required maxLength={500} reply={intent === "refund" ? reply : null} />
          <div className="flex items-end">
            <SubmitButton className="btn-secondary" pendingLabel={t("banking.transfers.refunds.submit")}>
              {t("banking.transfers.refunds.submit")}
            </SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
