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
import { BankTransferError, readAmount } from "~/modules/payments/bank-transfer.server";
import { presentCreditDesk, requirePlatformDesk } from "~/modules/payments/bank-transfer-desk.server";
import { TERMS_DAYS } from "~/modules/payments/credit";
import { approveCredit, findBuyerOrganizations, suspendCredit } from "~/modules/payments/credit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "banking.credit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePlatformDesk(request, lang);
  const find = (new URL(request.url).searchParams.get("find") ?? "").slice(0, 100);
  const [desk, buyers] = await Promise.all([presentCreditDesk(lang), findBuyerOrganizations(find)]);
  return { lang, find, buyers, currencies: PREFERENCE_CURRENCIES, ...desk };
}

const Schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    buyerOrganizationId: z.uuid(),
    termsDays: z.coerce.number().refine((d) => (TERMS_DAYS as readonly number[]).includes(d)),
    limit: z.string().trim().min(1, "validation.required").max(40),
    currencyCode: z.enum(PREFERENCE_CURRENCIES as [string, ...string[]], "banking.errors.unknown_currency"),
    note: z.string().trim().max(500).default(""),
  }),
  z.object({ intent: z.literal("suspend"), creditAccountId: z.uuid() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requirePlatformDesk(request, lang);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const t = serverT(lang);
  const input = form.data;
  if (input.intent === "suspend") {
    await suspendCredit(input.creditAccountId);
    return data({ success: t("banking.credit.suspendedDone") });
  }
  let limitMinor: bigint;
  try {
    limitMinor = readAmount(input.limit, input.currencyCode);
  } catch (error) {
    if (error instanceof BankTransferError) return formErrorReply(lang, form.formData, { limit: t(`banking.errors.${error.code}`) });
    throw error;
  }
  const result = await approveCredit({ buyerOrganizationId: input.buyerOrganizationId, termsDays: input.termsDays, limitMinor, currencyCode: input.currencyCode, note: input.note, approvedById: context.user.id });
  if (!result.ok) return formErrorReply(lang, form.formData, { _form: t(`banking.errors.${result.error}`) }, undefined, 400);
  return data({ success: t("banking.credit.approved") });
}

type ActionReply = FormReply & { success?: string };

export default function PlatformCredit() {
  const { t } = useTranslation();
  const { find, buyers, currencies, accounts, overdue } = useLoaderData<typeof loader>();
  const reply = useActionData<ActionReply>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("banking.credit.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("banking.credit.intro")}</p>

      <div className="mt-6">
        {reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>

      <section className="card mt-2" aria-labelledby="approve-title">
        <h2 id="approve-title" className="text-lg font-semibold">
          {t("banking.credit.approve.title")}
        </h2>
        <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="credit-find" className="label">
              {t("banking.credit.approve.find")}
            </label>
            <input id="credit-find" name="find" type="search" defaultValue={find} className="input" />
          </div>
          <button type="submit" className="btn-secondary">
            {t("banking.credit.approve.search")}
          </button>
        </Form>
        {buyers.length > 0 ? (
          <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="approve" />
            <SelectField
              label={t("banking.credit.approve.buyer")}
              name="buyerOrganizationId"
              options={buyers.map((b) => ({ value: b.id, label: `${b.name} (${b.countryCode}${b.taxId ? ` · ${b.taxId}` : ""})` }))}
              reply={reply}
              className="sm:col-span-2 lg:col-span-3"
            />
            <SelectField label={t("banking.credit.approve.terms")} name="termsDays" options={TERMS_DAYS.map((d) => ({ value: String(d), label: t("banking.credit.approve.net", { days: d }) }))} reply={reply} />
            <TextField label={t("banking.credit.approve.limit")} name="limit" inputMode="decimal" required maxLength={40} reply={reply} />
            <SelectField label={t("banking.credit.approve.currency")} name="currencyCode" options={currencies.map((c) => ({ value: c, label: c }))} defaultValue="USD" reply={reply} />
            <TextField label={t("banking.credit.approve.note")} name="note" maxLength={500} className="sm:col-span-2" reply={reply} />
            <div className="flex items-end">
              <SubmitButton pendingLabel={t("banking.credit.approve.submit")}>{t("banking.credit.approve.submit")}</SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="mt-8" aria-labelledby="accounts-title">
        <h2 id="accounts-title" className="text-lg font-semibold">
          {t("banking.credit.title")}
        </h2>
        {accounts.length === 0 ? (
          <p className="card mt-3 text-center text-slate-700">{t("banking.credit.list.empty")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {accounts.map((a) => (
              <li key={a.id} className="card p-4">
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-7">
                  <div className="lg:col-span-2">
                    <dt className="text-slate-600">{t("banking.credit.list.buyer")}</dt>
                    <dd className="font-semibold">
                      {a.organizationName} <span className="font-normal text-slate-600">({a.countryCode})</span>
                    </dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.credit.list.terms")}</dt>
                    <dd>{t("banking.credit.approve.net", { days: a.termsDays })}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.credit.list.limit")}</dt>
                    <dd>{a.limit}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.credit.list.used")}</dt>
                    <dd>{a.used}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.credit.list.available")}</dt>
                    <dd className="font-semibold">{a.available}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("banking.credit.list.status")}</dt>
                    <dd className="flex flex-wrap items-center gap-2">
                      <span className={`badge ${a.suspended ? "bg-slate-200 text-slate-800" : "bg-emerald-100 text-emerald-900"}`}>{a.suspended ? t("banking.credit.list.suspended") : t("banking.credit.list.active")}</span>
                      {a.suspended ? null : (
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="suspend" />
                          <input type="hidden" name="creditAccountId" value={a.id} />
                          <button type="submit" className="btn-secondary px-2 py-1 text-xs">
                            {t("banking.credit.list.suspend")}
                          </button>
                        </Form>
                      )}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="mt-8" aria-labelledby="overdue-title">
        <h2 id="overdue-title" className="text-lg font-semibold">
          {t("banking.credit.list.overdue")}
        </h2>
        {overdue.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">—</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {overdue.map((o) => (
              <li key={o.number} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <span>
                  <span className="badge mr-2 bg-red-100 text-red-900">{t("banking.overdue.badge")}</span>
                  <span className="font-mono">{o.number}</span> · {o.buyerName}
                </span>
                <span>
                  {o.amountDue} · {t("banking.overdue.since", { date: o.dueOn })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
