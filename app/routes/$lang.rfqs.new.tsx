import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, SelectField, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { env } from "~/modules/config/env.server";
import { db } from "~/modules/db/index.server";
import { requireLang } from "~/modules/i18n/config";
import { PREFERENCE_CURRENCIES } from "~/modules/money/currencies";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "~/modules/ordering/rfq-thread";
import { TRADE_TERMS } from "~/modules/ordering/quotes";
import { createRfq, findPublishedProductBySlug, listManufacturers, nameIn, requireRfqActor, RfqError } from "~/modules/ordering/rfqs.server";
import { parseNewRfqForm, readRfqForm, rfqErrorReply } from "~/modules/ordering/rfqs-forms.server";
import { countryOptions } from "~/modules/tenancy/countries";

export const meta: MetaFunction = (args) => pageTitle(args, "rfq.new.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireRfqActor(request, lang, { partiesOnly: false });
  const slug = new URL(request.url).searchParams.get("product");
  const product = slug ? await findPublishedProductBySlug(slug) : null;
  const [manufacturers, organization] = await Promise.all([
    product ? db.organization.findMany({ where: { id: product.organizationId }, select: { id: true, name: true } }) : listManufacturers(),
    db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { countryCode: true } }),
  ]);
  return {
    lang,
    isBuyer: actor.kind === "BUYER",
    product: product
      ? { id: product.id, slug: product.slug, name: nameIn(product.translations, lang), moq: product.moq, variants: product.variants }
      : null,
    manufacturers,
    countries: countryOptions(lang),
    defaults: { currencyCode: actor.currencyCode, destinationCountry: organization.countryCode.trim() },
    respondDays: env().RFQ_RESPONSE_DAYS,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireRfqActor(request, lang);
  const read = await readRfqForm(request, lang);
  if (!read.ok) return read.reply;
  const parsed = await parseNewRfqForm(request, lang, read.form);
  if (!parsed.ok) return parsed.reply;
  try {
    const rfq = await createRfq(actor, parsed.input);
    return redirect(`/${lang}/rfqs/${rfq.number}`);
  } catch (error) {
    if (error instanceof RfqError) return rfqErrorReply(lang, read.form, error);
    throw error;
  }
}

export default function NewRfq() {
  const { t } = useTranslation();
  const { lang, isBuyer, product, manufacturers, countries, defaults, respondDays } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const specId = useId();
  const filesId = useId();
  if (!isBuyer) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-2xl font-bold">{t("rfq.new.title")}</h1>
        <p className="card mt-6">{t("rfq.errors.not_a_buyer")}</p>
      </div>
    );
  }
  const values = reply?.values ?? {};
  const fieldError = (name: string) => reply?.fieldErrors?.[name];
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/${lang}/rfqs`} className="link">
          {t("rfq.list.title")}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold sm:text-3xl">{t("rfq.new.title")}</h1>
      <p className="mt-1 text-slate-700">{t("rfq.new.respondWithin", { days: respondDays })}</p>
      <Form method="post" encType="multipart/form-data" className="card mt-6 space-y-5" noValidate>
        <CsrfInput />
        <FormError reply={reply} />
        {product ? (
          <div>
            <p className="label">{t("rfq.new.about")}</p>
            <p>
              <Link to={`/${lang}/products/${product.slug}`} className="link">
                {product.name}
              </Link>{" "}
              · {manufacturers[0]?.name}
            </p>
            <input type="hidden" name="productId" value={product.id} />
            <input type="hidden" name="manufacturerId" value={manufacturers[0]?.id ?? ""} />
            {product.variants.length > 1 ? (
              <SelectField label={t("rfq.offerForm.variant")} name="variantId" reply={reply} className="mt-3" options={product.variants.map((v) => ({ value: v.id, label: v.sku }))} />
            ) : null}
          </div>
        ) : (
          <SelectField
            label={t("rfq.new.manufacturer")}
            name="manufacturerId"
            reply={reply}
            required
            options={[{ value: "", label: t("rfq.new.chooseManufacturer") }, ...manufacturers.map((m) => ({ value: m.id, label: m.name }))]}
          />
        )}
        <TextField label={t("rfq.new.subject")} name="title" reply={reply} required maxLength={200} defaultValue={product?.name ?? ""} />
        <div>
          <label htmlFor={specId} className="label">
            {t("rfq.new.specification")}
          </label>
          <textarea
            id={specId}
            name="specification"
            rows={5}
            maxLength={8000}
            defaultValue={values.specification ?? ""}
            placeholder={t("rfq.new.specificationHint")}
            className="input"
            aria-invalid={fieldError("specification") ? true : undefined}
          />
          {fieldError("specification") ? <p className="mt-1 text-sm text-red-700">{fieldError("specification")}</p> : null}
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("rfq.new.quantity")} name="quantity" reply={reply} required inputMode="numeric" defaultValue={String(product?.moq ?? "")} />
          <SelectField label={t("rfq.new.destination")} name="destinationCountry" reply={reply} defaultValue={defaults.destinationCountry} options={countries} />
          <SelectField label={t("rfq.new.tradeTerm")} name="tradeTerm" reply={reply} defaultValue="FOB" options={TRADE_TERMS.map((term) => ({ value: term, label: t(`rfq.tradeTerms.${term}`) }))} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("rfq.new.targetPrice")} name="targetPrice" reply={reply} inputMode="decimal" className="sm:col-span-2" />
          <SelectField label={t("rfq.new.currency")} name="targetCurrencyCode" reply={reply} defaultValue={defaults.currencyCode} options={PREFERENCE_CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </div>
        <div>
          <label htmlFor={filesId} className="label">
            {t("rfq.new.attachments")}
          </label>
          <input id={filesId} type="file" name="attachments" multiple accept="application/pdf,image/png,image/jpeg,image/webp" className="block w-full text-sm" aria-describedby={`${filesId}-help`} aria-invalid={fieldError("attachments") ? true : undefined} />
          <p id={`${filesId}-help`} className={`mt-1 text-xs ${fieldError("attachments") ? "text-red-700" : "text-slate-600"}`}>
            {fieldError("attachments") ?? t("rfq.new.attachmentsHint", { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
          </p>
        </div>
        <SubmitButton pendingLabel={t("rfq.new.sending")}>{t("rfq.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
