import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, SubmitButton, TextField, type FormReply } from "~/components/forms";
import { LanguageFields } from "./language-fields";

const LANGS = ["pt", "es", "zh", "en"] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Zones a Hengqin park and its visitors' countries use; any IANA zone may be typed. */
export const COMMON_TIME_ZONES = ["Asia/Shanghai", "Asia/Macau", "Asia/Hong_Kong", "America/Sao_Paulo", "America/Mexico_City", "America/Bogota", "America/Santiago", "Europe/Lisbon", "Africa/Luanda", "Africa/Maputo", "UTC"];

export interface StorefrontFormValues {
  slug: string;
  languages: string[];
  name: Partial<Record<string, string>>;
  heroTitle: Partial<Record<string, string>>;
  heroText: Partial<Record<string, string>>;
  addressLine1: string;
  city: string;
  countryCode: string;
  postalCode: string;
  timeZone: string;
  planWidth: number;
  planHeight: number;
  hours: Record<number, { opens: string; closes: string } | null>;
}

export function StorefrontForm({ values, reply, submitLabel }: { values: StorefrontFormValues; reply?: FormReply | null; submitLabel: string }) {
  const { t } = useTranslation();
  const chosen = values.languages;
  const languagesError = reply?.fieldErrors?.languages;
  return (
    <Form method="post" className="space-y-6" noValidate>
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      <FormError reply={reply} />
      <section className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("showrooms.console.form.identity")}</h2>
        <TextField label={t("showrooms.console.fields.slug")} name="slug" defaultValue={values.slug} reply={reply} hint={t("showrooms.console.fields.slugHint")} required maxLength={80} autoComplete="off" spellCheck={false} />
        <fieldset aria-describedby={languagesError ? "languages-error" : "languages-hint"}>
          <legend className="label">{t("showrooms.console.fields.languages")}</legend>
          <div className="flex flex-wrap gap-4">
            {LANGS.map((lang) => (
              <label key={lang} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="languages" value={lang} defaultChecked={chosen.includes(lang)} className="h-4 w-4" />
                {t(`showrooms.console.languages.${lang}`)}
              </label>
            ))}
          </div>
          {languagesError ? (
            <p id="languages-error" className="mt-1 text-sm text-red-700">
              {languagesError}
            </p>
          ) : (
            <p id="languages-hint" className="mt-1 text-xs text-slate-600">
              {t("showrooms.console.fields.languagesHint")}
            </p>
          )}
        </fieldset>
        <LanguageFields prefix="name" label={t("showrooms.console.fields.name")} values={values.name} reply={reply} languages={values.languages} maxLength={160} />
        <LanguageFields prefix="heroTitle" label={t("showrooms.console.fields.heroTitle")} values={values.heroTitle} reply={reply} languages={values.languages} maxLength={160} />
        <LanguageFields prefix="heroText" label={t("showrooms.console.fields.heroText")} values={values.heroText} reply={reply} languages={values.languages} maxLength={2000} multiline />
      </section>

      <section className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("showrooms.console.form.place")}</h2>
        <TextField label={t("showrooms.console.fields.address")} name="addressLine1" defaultValue={values.addressLine1} reply={reply} required maxLength={200} autoComplete="street-address" />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("showrooms.console.fields.city")} name="city" defaultValue={values.city} reply={reply} required maxLength={100} />
          <TextField label={t("showrooms.console.fields.country")} name="countryCode" defaultValue={values.countryCode} reply={reply} required maxLength={2} hint={t("showrooms.console.fields.countryHint")} autoComplete="country" />
          <TextField label={t("showrooms.console.fields.postalCode")} name="postalCode" defaultValue={values.postalCode} reply={reply} maxLength={20} autoComplete="postal-code" />
        </div>
        <TextField label={t("showrooms.console.fields.timeZone")} name="timeZone" defaultValue={values.timeZone} reply={reply} required list="storefront-time-zones" hint={t("showrooms.console.fields.timeZoneHint")} maxLength={64} spellCheck={false} />
        <datalist id="storefront-time-zones">
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <fieldset>
          <legend className="label">{t("showrooms.console.fields.hours")}</legend>
          <p className="mb-2 text-xs text-slate-600">{t("showrooms.console.fields.hoursHint")}</p>
          <div className="space-y-2">
            {WEEKDAYS.map((day) => {
              const opensError = reply?.fieldErrors?.[`opens_${day}`];
              const closesError = reply?.fieldErrors?.[`closes_${day}`];
              return (
                <div key={day} className="grid grid-cols-[5.5rem_minmax(0,1fr)_minmax(0,1fr)] items-center gap-2">
                  <span className="text-sm font-medium" id={`day-${day}`}>
                    {t(`showrooms.console.weekdays.${day}`)}
                  </span>
                  <label className="sr-only" htmlFor={`opens-${day}`}>
                    {t("showrooms.console.fields.opensOn", { day: t(`showrooms.console.weekdays.${day}`) })}
                  </label>
                  <input id={`opens-${day}`} type="time" name={`opens_${day}`} defaultValue={reply?.values?.[`opens_${day}`] ?? values.hours[day]?.opens ?? ""} className="input" aria-invalid={opensError ? true : undefined} aria-describedby={opensError ? `opens-${day}-error` : undefined} />
                  <label className="sr-only" htmlFor={`closes-${day}`}>
                    {t("showrooms.console.fields.closesOn", { day: t(`showrooms.console.weekdays.${day}`) })}
                  </label>
                  <input id={`closes-${day}`} type="time" name={`closes_${day}`} defaultValue={reply?.values?.[`closes_${day}`] ?? values.hours[day]?.closes ?? ""} className="input" aria-invalid={closesError ? true : undefined} aria-describedby={closesError ? `closes-${day}-error` : undefined} />
                  {opensError || closesError ? (
                    <p id={opensError ? `opens-${day}-error` : `closes-${day}-error`} className="col-span-3 text-sm text-red-700">
                      {opensError ?? closesError}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      </section>

      <section className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("showrooms.console.form.plan")}</h2>
        <p className="text-sm text-slate-700">{t("showrooms.console.fields.planHint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("showrooms.console.fields.planWidth")} name="planWidth" type="number" min={4} max={200} inputMode="numeric" defaultValue={String(values.planWidth)} reply={reply} required />
          <TextField label={t("showrooms.console.fields.planHeight")} name="planHeight" type="number" min={4} max={200} inputMode="numeric" defaultValue={String(values.planHeight)} reply={reply} required />
        </div>
      </section>
      <SubmitButton pendingLabel={t("showrooms.console.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
