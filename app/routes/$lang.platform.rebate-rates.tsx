import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton, TextField, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { ScrollBox } from "~/components/scroll-box";
import { addAgencyFeeRate, addRebateRate, MoneyRateError, presentMoneyRates } from "~/modules/export-agency/money-rates.server";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { requirePlatformDesk } from "~/modules/payments/bank-transfer-desk.server";

export const meta: MetaFunction = (args) => pageTitle(args, "exportmoney.rates.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePlatformDesk(request, lang);
  const url = new URL(request.url);
  const hsCode = (url.searchParams.get("hs") ?? "").replace(/\D/g, "").slice(0, 10);
  return { hsCode, ...(await presentMoneyRates(lang, { hsCode: hsCode || undefined })) };
}

const Schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("rebate"),
    hsCode: z.string().trim().min(1, "validation.required").max(20),
    rebatePercent: z.string().trim().min(1, "validation.required").max(10),
    vatPercent: z.string().trim().min(1, "validation.required").max(10),
    validFrom: z.string().trim().min(1, "validation.required").max(10),
    note: z.string().trim().max(300).default(""),
  }),
  z.object({
    intent: z.literal("fee"),
    feePercent: z.string().trim().min(1, "validation.required").max(10),
    settlementDays: z.string().trim().min(1, "validation.required").max(3),
    feeValidFrom: z.string().trim().min(1, "validation.required").max(10),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requirePlatformDesk(request, lang);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const t = serverT(lang);
  try {
    if (form.data.intent === "rebate") {
      await addRebateRate(form.data, context.user.id);
      return data({ success: t("exportmoney.rates.rebateAdded") });
    }
    await addAgencyFeeRate({ feePercent: form.data.feePercent, settlementDays: form.data.settlementDays, validFrom: form.data.feeValidFrom }, context.user.id);
    return data({ success: t("exportmoney.rates.feeAdded") });
  } catch (error) {
    if (error instanceof MoneyRateError) return formErrorReply(lang, form.formData, { [error.field]: t(`exportmoney.rates.errors.${error.code}`) });
    throw error;
  }
}

type ActionReply = FormReply & { success?: string };

export default function PlatformRebateRates() {
  const { t } = useTranslation();
  const { hsCode, today, rebates, fees } = useLoaderData<typeof loader>();
  const reply = useActionData<ActionReply>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("exportmoney.rates.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("exportmoney.rates.intro")}</p>

      <div className="mt-6">
        {reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>

      <section className="card mt-2 p-4" aria-labelledby="add-rebate-title">
        <h2 id="add-rebate-title" className="text-lg font-semibold">
          {t("exportmoney.rates.addRebate")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("exportmoney.rates.addRebateHelp")}</p>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-5" data-testid="add-rebate-rate">
          <CsrfInput />
          <input type="hidden" name="intent" value="rebate" />
          <TextField label={t("exportmoney.rates.hsCode")} name="hsCode" inputMode="numeric" required maxLength={20} reply={reply} />
          <TextField label={t("exportmoney.rates.rebatePercent")} name="rebatePercent" inputMode="decimal" required maxLength={10} reply={reply} />
          <TextField label={t("exportmoney.rates.vatPercent")} name="vatPercent" inputMode="decimal" required maxLength={10} defaultValue="13" reply={reply} />
          <TextField label={t("exportmoney.rates.validFrom")} name="validFrom" type="date" required defaultValue={today} reply={reply} />
          <TextField label={t("exportmoney.rates.note")} name="note" maxLength={300} reply={reply} />
          <div className="flex items-end">
            <SubmitButton pendingLabel={t("exportmoney.rates.addSubmit")}>{t("exportmoney.rates.addSubmit")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="mt-8" aria-labelledby="rebates-title">
        <h2 id="rebates-title" className="text-lg font-semibold">
          {t("exportmoney.rates.rebatesTitle")}
        </h2>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-3">
          <TextField label={t("exportmoney.rates.filterHs")} name="hs" inputMode="numeric" maxLength={10} defaultValue={hsCode} />
          <button type="submit" className="btn-secondary">
            {t("exportmoney.rates.show")}
          </button>
        </Form>
        {rebates.length === 0 ? (
          <p className="card mt-3 p-4 text-center text-slate-700">{t("exportmoney.rates.noRebates")}</p>
        ) : (
          <ScrollBox label={t("exportmoney.rates.rebatesTitle")} className="mt-3">
            <table className="w-full min-w-[40rem] text-left text-sm" data-testid="rebate-rates">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("exportmoney.rates.hsCode")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("exportmoney.rates.rebatePercent")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("exportmoney.rates.vatPercent")}</th>
                  <th scope="col" className="px-3 py-2">{t("exportmoney.rates.validFrom")}</th>
                  <th scope="col" className="px-3 py-2">{t("exportmoney.rates.note")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {rebates.map((r) => (
                  <tr key={r.id} data-testid="rebate-rate">
                    <td className="px-3 py-2 font-mono">{r.hsCode}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.rebatePercent}%</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.vatPercent}%</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {r.validFrom}
                      {r.current ? <span className="badge ml-2 bg-emerald-100 text-emerald-900">{t("exportmoney.rates.current")}</span> : null}
                    </td>
                    <td className="px-3 py-2 text-slate-700">{r.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>

      <section className="card mt-10 p-4" aria-labelledby="fees-title">
        <h2 id="fees-title" className="text-lg font-semibold">
          {t("exportmoney.rates.feesTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("exportmoney.rates.feesHelp")}</p>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="add-fee-rate">
          <CsrfInput />
          <input type="hidden" name="intent" value="fee" />
          <TextField label={t("exportmoney.rates.feePercent")} name="feePercent" inputMode="decimal" required maxLength={10} reply={reply} />
          <TextField label={t("exportmoney.rates.settlementDays")} name="settlementDays" inputMode="numeric" required maxLength={3} reply={reply} />
          <TextField label={t("exportmoney.rates.validFrom")} name="feeValidFrom" type="date" required defaultValue={today} reply={reply} />
          <div className="flex items-end">
            <SubmitButton pendingLabel={t("exportmoney.rates.addFeeSubmit")}>{t("exportmoney.rates.addFeeSubmit")}</SubmitButton>
          </div>
        </Form>
        {fees.length === 0 ? (
          <p className="mt-4 text-sm text-slate-700">{t("exportmoney.rates.noFees")}</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="fee-rates">
            {fees.map((f) => (
              <li key={f.id} className="flex flex-wrap items-baseline gap-x-4 py-2" data-testid="fee-rate">
                <span className="font-medium tabular-nums">{t("exportmoney.rates.feeValue", { percent: f.feePercent })}</span>
                <span>{t("exportmoney.rates.daysValue", { count: f.settlementDays })}</span>
                <span className="text-slate-600">
                  {t("exportmoney.rates.fromDate", { date: f.validFrom })}
                  {f.current ? <span className="badge ml-2 bg-emerald-100 text-emerald-900">{t("exportmoney.rates.current")}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
