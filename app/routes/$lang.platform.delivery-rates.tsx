import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SelectField, SubmitButton, TextField, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { addDeliveryRate, DeliveryRateError, presentDeliveryRates } from "~/modules/ordering/delivery-rates.server";
import { requirePlatformDesk } from "~/modules/payments/bank-transfer-desk.server";
import { forgetSharedLandedCostRates } from "~/modules/export-agency/landed-cost.server";

export const meta: MetaFunction = (args) => pageTitle(args, "cart.deliveryRates.title");

const code = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[A-Za-z0-9]*$/)
    .transform((v) => v.toUpperCase())
    .optional()
    .default("");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requirePlatformDesk(request, lang);
  const url = new URL(request.url);
  const filter = { origin: code(12).catch("").parse(url.searchParams.get("origin") ?? ""), country: code(2).catch("").parse(url.searchParams.get("country") ?? "") };
  return { filter, today: new Date().toISOString().slice(0, 10), ...(await presentDeliveryRates(lang, { origin: filter.origin || undefined, country: filter.country || undefined })) };
}

const Schema = z.object({
  originCode: z.string().trim().min(1, "validation.required").max(12),
  tradeTerm: z.enum(["FOB", "CIF", "DDP"]),
  destinationCountry: z.string().trim().min(1, "validation.required").max(2),
  regionCode: z.string().trim().max(3).default(""),
  currencyCode: z.string().trim().min(1, "validation.required").max(3),
  baseFee: z.string().trim().min(1, "validation.required").max(30),
  perKgFee: z.string().trim().min(1, "validation.required").max(30),
  validFrom: z.string().trim().min(1, "validation.required").max(10),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requirePlatformDesk(request, lang);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const t = serverT(lang);
  try {
    await addDeliveryRate(form.data, context.user.id);
    // This process's product pages show the new rate at once (others within the minute they share rates).
    forgetSharedLandedCostRates();
  } catch (error) {
    if (error instanceof DeliveryRateError) return formErrorReply(lang, form.formData, { [error.field]: t(`cart.deliveryRates.errors.${error.code}`) });
    throw error;
  }
  return data({ success: t("cart.deliveryRates.added") });
}

type ActionReply = FormReply & { success?: string };

export default function PlatformDeliveryRates() {
  const { t } = useTranslation();
  const { filter, today, rows, origins, countries, currencies, countLabel } = useLoaderData<typeof loader>();
  const reply = useActionData<ActionReply>();
  const all = { value: "", label: t("cart.deliveryRates.all") };
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("cart.deliveryRates.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("cart.deliveryRates.intro")}</p>

      <div className="mt-6">
        {reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>

      <section className="card mt-2 p-4" aria-labelledby="add-title">
        <h2 id="add-title" className="text-lg font-semibold">
          {t("cart.deliveryRates.add")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("cart.deliveryRates.termHelp")}</p>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="add-delivery-rate">
          <CsrfInput />
          <SelectField label={t("cart.deliveryRates.origin")} name="originCode" options={origins} reply={reply} />
          <SelectField label={t("cart.deliveryRates.term")} name="tradeTerm" options={["DDP", "CIF"].map((v) => ({ value: v, label: v }))} defaultValue="DDP" reply={reply} />
          <SelectField label={t("cart.deliveryRates.country")} name="destinationCountry" options={countries} defaultValue="BR" reply={reply} />
          <TextField label={t("cart.deliveryRates.region")} name="regionCode" maxLength={3} hint={t("cart.deliveryRates.regionHelp")} reply={reply} />
          <SelectField label={t("cart.deliveryRates.currency")} name="currencyCode" options={currencies.map((c) => ({ value: c, label: c }))} defaultValue="BRL" reply={reply} />
          <TextField label={t("cart.deliveryRates.baseFee")} name="baseFee" inputMode="decimal" required maxLength={30} reply={reply} />
          <TextField label={t("cart.deliveryRates.perKgFee")} name="perKgFee" inputMode="decimal" required maxLength={30} reply={reply} />
          <TextField label={t("cart.deliveryRates.validFrom")} name="validFrom" type="date" required defaultValue={today} reply={reply} />
          <div className="flex items-end">
            <SubmitButton pendingLabel={t("cart.deliveryRates.addSubmit")}>{t("cart.deliveryRates.addSubmit")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="mt-8" aria-labelledby="rates-title">
        <h2 id="rates-title" className="text-lg font-semibold">
          {t("cart.deliveryRates.title")} <span className="text-sm font-normal text-slate-600">({countLabel})</span>
        </h2>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-3">
          <SelectField label={t("cart.deliveryRates.origin")} name="origin" options={[all, ...origins]} defaultValue={filter.origin} />
          <SelectField label={t("cart.deliveryRates.country")} name="country" options={[all, ...countries]} defaultValue={filter.country} />
          <button type="submit" className="btn-secondary">
            {t("cart.deliveryRates.show")}
          </button>
        </Form>
        {rows.length === 0 ? (
          <p className="card mt-3 p-4 text-center text-slate-700">{t("cart.deliveryRates.none")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" data-testid="delivery-rates">
            {rows.map((r) => (
              <li key={r.id} className="px-4 py-3 text-sm" data-testid="delivery-rate">
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-6">
                  <div>
                    <dt className="text-slate-600">{t("cart.deliveryRates.origin")}</dt>
                    <dd className="font-medium">{r.origin}</dd>
                  </div>
                  <div className="lg:col-span-2">
                    <dt className="text-slate-600">{t("cart.deliveryRates.destination")}</dt>
                    <dd>
                      {r.destination} · {r.term}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("cart.deliveryRates.baseFee")}</dt>
                    <dd>{r.baseFee}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("cart.deliveryRates.perKgFee")}</dt>
                    <dd>{r.perKgFee}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{t("cart.deliveryRates.validFrom")}</dt>
                    <dd>
                      {r.validFrom}
                      {r.current ? <span className="badge ml-2 bg-emerald-100 text-emerald-900">{t("cart.deliveryRates.current")}</span> : null}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
