import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasChineseLegalName } from "~/modules/tenancy/countries";
import type { CompanyProfileInput } from "~/modules/tenancy/organizations.server";
import { SelectField, TextField, type FormReply } from "./forms";

export type CompanyProfileValues = { [K in keyof CompanyProfileInput]?: CompanyProfileInput[K] | null };

/** The company record entered once and reused by customs, invoices and tax documents. */
/** `countries` comes from the loader: country names are formatted by the server's ICU, so hydration matches. */
/** The Chinese legal name is asked only while the country is China, Hong Kong or Macao (the server drops it otherwise). */
export function CompanyProfileFields({ countries, reply, values, disabled, defaultCountry = "CN" }: { countries: { value: string; label: string }[]; reply?: FormReply | null; values?: CompanyProfileValues; disabled?: boolean; defaultCountry?: string }) {
  const { t } = useTranslation();
  const v = (key: keyof CompanyProfileValues) => values?.[key] ?? undefined;
  const [country, setCountry] = useState(reply?.values?.countryCode ?? v("countryCode") ?? defaultCountry);
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2" disabled={disabled}>
      <TextField className="sm:col-span-2" label={t("fields.organizationName")} name="name" required reply={reply} defaultValue={v("name")} />
      <TextField label={t("fields.legalNameLatin")} name="legalNameLatin" reply={reply} defaultValue={v("legalNameLatin")} hint={t("company.legalNameLatinHint")} />
      <SelectField label={t("fields.country")} name="countryCode" reply={reply} defaultValue={v("countryCode") ?? defaultCountry} options={countries} onChange={(event) => setCountry(event.currentTarget.value)} />
      {hasChineseLegalName(country) ? <TextField label={t("fields.legalNameZh")} name="legalNameZh" lang="zh" reply={reply} defaultValue={v("legalNameZh")} hint={t("company.legalNameZhHint")} /> : null}
      <TextField label={t("fields.taxId")} name="taxId" reply={reply} defaultValue={v("taxId")} hint={t("company.taxIdHint")} />
      <TextField className="sm:col-span-2" label={t("fields.addressLine1")} name="addressLine1" autoComplete="address-line1" reply={reply} defaultValue={v("addressLine1")} />
      <TextField className="sm:col-span-2" label={t("fields.addressLine2")} name="addressLine2" autoComplete="address-line2" reply={reply} defaultValue={v("addressLine2")} />
      <TextField label={t("fields.city")} name="city" autoComplete="address-level2" reply={reply} defaultValue={v("city")} />
      <TextField label={t("fields.region")} name="region" autoComplete="address-level1" reply={reply} defaultValue={v("region")} />
      <TextField label={t("fields.postalCode")} name="postalCode" autoComplete="postal-code" reply={reply} defaultValue={v("postalCode")} />
    </fieldset>
  );
}
