import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SelectField, SubmitButton, TextField, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { addImportTaxRate, ImportTaxRateError, presentImportTaxRates } from "~/modules/export-agency/import-tax-rates.server";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { requirePlatformDesk } from "~/modules/payments/bank-transfer-desk.server";
import { forgetSharedLandedCostRates } from "~/modules/export-agency/landed-cost.server";

export const meta: MetaFunction = (args) => pageTitle(args, "landed.rates.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePlatformDesk(request, lang);
  const raw = new URL(request.url).searchParams.get("country") ?? "";
  const country = /^[A-Za-z]{2}$/.test(raw.trim()) ? raw.trim().toUpperCase() : "";
  return { filter: { country }, today: new Date().toISOString().slice(0, 10), ...(await presentImportTaxRates(lang, { country: country || undefined })) };
}

const Schema = z.object({
  countryCode: z.string().trim().min(1, "validation.required").max(2),
  regionCode: z.string().trim().max(3).default(""),
  hsPrefix: z.string().trim().max(12).default(""),
  kind: z.string().trim().min(1, "validation.required").max(24),
  ratePercent: z.string().trim().max(12).default(""),
  fixedAmount: z.string().trim().max(30).default(""),
  validFrom: z.string().trim().min(1, "validation.required").max(10),
  note: z.string().trim().max(500).default(""),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requirePlatformDesk(request, lang);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const t = serverT(lang);
  try {
    await addImportTaxRate(form.data, context.user.id);
    // This process's product pages show the new rate at once (others within the minute they share rates).
    forgetSharedLandedCostRates();
  } catch (error) {
    if (error instanceof ImportTaxRateError) return formErrorReply(lang, form.formData, { [error.field]: t(`landed.rates.errors.${error.code}`) });
    throw error;
  }
  return data({ success: t("landed.rates.added") });
}

type ActionReply = FormReply & { success?: string };

export default function PlatformImportTaxRates() {
  const { t } = useTranslation();
  const { filter, today, rows, countries, kinds, countLabel } = useLoaderData<typeof loader>();
  const reply = useActionData<ActionReply>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("landed.rates.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("landed.rates.intro")}</p>

      <div className="mt-6">
        {reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>

      <section className="card mt-2 p-4" aria-labelledby="add-title">
        <h2 id="add-title" className="text-lg font-semibold">
          {t("landed.rates.add")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="add-import-tax-rate">
          <CsrfInput />
          <SelectField label={t("landed.rates.country")} name="countryCode" options={countries} defaultValue="BR" reply={reply} />
          <TextField label={t("landed.rates.region")} name="regionCode" maxLength={3} hint={t("landed.rates.regionHelp")} reply={reply} />
          <TextField label={t("landed.rates.hsPrefix")} name="hsPrefix" inputMode="numeric" maxLength={12} hint={t("landed.rates.hsPrefixHelp")} reply={reply} />
          <SelectField label={t("landed.rates.kind")} name="kind" options={kinds} defaultValue="DUTY" reply={reply} />
          <TextField label={t("landed.rates.ratePercent")} name="ratePercent" inputMode="decimal" maxLength={12} hint={t("landed.rates.rateHelp")} reply={reply} />
          <TextField label={t("landed.rates.fixedAmount")} name="fixedAmount" inputMode="decimal" maxLength={30} hint={t("landed.rates.fixedHelp")} reply={reply} />
          <TextField label={t("landed.rates.validFrom")} name="validFrom" type="date" required defaultValue={today} reply={reply} />
          <TextField label={t("landed.rates.note")} name="note" maxLength={500} reply={reply} />
          <div className="flex items-end">
            <SubmitButton pendingLabel={t("landed.rates.addSubmit")}>{t("landed.rates.addSubmit")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="mt-8" aria-labelledby="rates-title">
        <h2 id="rates-title" className="text-lg font-semibold">
          {t("landed.rates.title")} <span className="text-sm font-normal text-slate-600">({countLabel})</span>
        </h2>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-3">
          <SelectField label={t("landed.rates.country")} name="country" options={[{ value: "", label: t("landed.rates.all") }, ...countries]} defaultValue={filter.country} />
          <button type="submit" className="btn-secondary">
            {t("landed.rates.show")}
          </button>
        </Form>
        {rows.length === 0 ? (
          <p className="card mt-3 p-4 text-center text-slate-700">{t("landed.rates.none")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" data-testid="import-tax-rates">
            {rows.map((r) => (
              <li key={r.id} className="px-4 py-3 text-sm" data-testid="import-tax-rate">
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-6">
                  <div className="lg:col-span-2">
                    <dt className="text-slate-600">{t("landed.rates.country")}</dt>
                    <dd className="font-medium">{r.country}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("landed.rates.kind")}</dt>
                    <dd>{r.kind}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("landed.rates.prefixColumn")}</dt>
                    <dd>{r.hsPrefix}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("landed.columns.rate")}</dt>
                    <dd className="tabular-nums">{r.value}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("landed.rates.validFrom")}</dt>
                    <dd>
                      {r.validFrom}
                      {r.current ? <span className="badge ml-2 bg-emerald-100 text-emerald-900">{t("landed.rates.current")}</span> : null}
                    </dd>
                  </div>
                </dl>
                {r.note ? <p className="mt-1 text-xs text-slate-600">{r.note}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
