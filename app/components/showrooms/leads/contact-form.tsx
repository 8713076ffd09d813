import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, SelectField, SubmitButton, TextField, type FormReply } from "~/components/forms";

export interface ContactFormProps {
  lang: string;
  storefrontSlug: string;
  /** The maker's name when the booth or product is known (the consent text names it). */
  makerName: string | null;
  /** Fixed by the page (a booth page, a scanned product); else the visitor picks from `booths`. */
  boothCode?: string | null;
  productSlug?: string | null;
  booths: { value: string; label: string }[];
  countries: { value: string; label: string }[];
  defaultCountry?: string | null;
  /** A signed-in buyer writes as its company: no personal fields, no consent box. */
  signedInCompany?: string | null;
  reply?: FormReply | null;
}

/**
 * The booth's contact form: a guest leaves name, company, country, email or phone and a message, and ticks an
 * explicit consent box (unticked by default) whose text names the manufacturer; a signed-in buyer only writes.
 * Posts to /{lang}/showrooms/{slug}/contact, which answers on its own page (works without JavaScript).
 */
export function ContactLeadForm({ lang, storefrontSlug, makerName, boothCode, productSlug, booths, countries, defaultCountry, signedInCompany, reply }: ContactFormProps) {
  const { t } = useTranslation();
  const messageId = useId();
  const consentId = useId();
  const values = reply?.values ?? {};
  const error = (name: string) => reply?.fieldErrors?.[name];
  const guest = !signedInCompany;
  return (
    <Form method="post" action={`/${lang}/showrooms/${storefrontSlug}/contact`} className="space-y-4" noValidate data-testid="lead-contact-form">
      <CsrfInput />
      <FormError reply={reply} />
      {productSlug ? <input type="hidden" name="productSlug" value={productSlug} /> : null}
      {boothCode ? (
        <input type="hidden" name="boothCode" value={boothCode} />
      ) : (
        <SelectField label={t("showrooms.leads.form.booth")} name="boothCode" reply={reply} required options={[{ value: "", label: t("showrooms.leads.form.chooseBooth") }, ...booths]} />
      )}
      {signedInCompany ? <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">{t("showrooms.leads.form.signedInAs", { company: signedInCompany })}</p> : null}
      {guest ? (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("showrooms.leads.form.name")} name="name" reply={reply} required maxLength={120} autoComplete="name" />
            <TextField label={`${t("showrooms.leads.form.company")} (${t("showrooms.leads.form.optional")})`} name="company" reply={reply} maxLength={160} autoComplete="organization" />
          </div>
          <SelectField label={t("showrooms.leads.form.country")} name="countryCode" reply={reply} required defaultValue={defaultCountry ?? ""} options={[{ value: "", label: t("showrooms.leads.form.chooseCountry") }, ...countries]} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("showrooms.leads.form.email")} name="email" type="email" reply={reply} maxLength={254} autoComplete="email" hint={t("showrooms.leads.form.contactHint")} />
            <TextField label={t("showrooms.leads.form.phone")} name="phone" type="tel" reply={reply} maxLength={30} autoComplete="tel" />
          </div>
        </>
      ) : null}
      <div>
        <label htmlFor={messageId} className="label">
          {t("showrooms.leads.form.message")}
        </label>
        <textarea
          id={messageId}
          name="message"
          rows={5}
          maxLength={4000}
          required
          defaultValue={values.message ?? ""}
          placeholder={t("showrooms.leads.form.messageHint")}
          className="input"
          aria-invalid={error("message") ? true : undefined}
          aria-describedby={error("message") ? `${messageId}-error` : undefined}
        />
        {error("message") ? (
          <p id={`${messageId}-error`} className="mt-1 text-sm text-red-700">
            {error("message")}
          </p>
        ) : null}
      </div>
      {guest ? (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">{t("showrooms.leads.form.consentTitle")}</legend>
          <div className="flex items-start gap-3">
            <input
              id={consentId}
              type="checkbox"
              name="consent"
              value="on"
              // Unticked by default, also after a refused submit: consent is given by ticking it, each time.
              defaultChecked={false}
              className="mt-1 h-5 w-5 shrink-0"
              aria-invalid={error("consent") ? true : undefined}
              aria-describedby={error("consent") ? `${consentId}-error` : undefined}
            />
            <label htmlFor={consentId} className="text-sm text-slate-800">
              {t("showrooms.leads.consent.v1-2026-12", { maker: makerName ?? t("showrooms.leads.page.manufacturer") })}
            </label>
          </div>
          {error("consent") ? (
            <p id={`${consentId}-error`} className="mt-2 text-sm text-red-700">
              {error("consent")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <SubmitButton pendingLabel={t("showrooms.leads.form.sending")}>{t("showrooms.leads.form.submit")}</SubmitButton>
    </Form>
  );
}
