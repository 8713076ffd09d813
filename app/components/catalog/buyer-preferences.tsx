import { Form, useLocation, useSubmit } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";

export interface BuyerPreferencesView {
  currencyCode: string;
  currencies: string[];
  countryCode: string | null;
  countryName: string | null;
  countrySource: "organization" | "cookie" | null;
  organizationName: string | null;
  /** Country choices in the page's language, sorted (formatted on the server). */
  countries: { value: string; label: string }[];
  /** The state, where delivery times depend on it (Brazil, Mexico). */
  regionCode: string | null;
  regionName: string | null;
  regionSource: "organization" | "cookie" | null;
  /** The states of the country to choose from; empty where delivery times do not depend on the state. */
  regions: { value: string; label: string }[];
}

/**
 * "Prices in" and "Buying for": plain POST forms to /set-currency (they work without JavaScript; with it, a
 * change submits at once). A buyer organization's country is shown, not chosen: it is the company's. In Brazil and
 * Mexico a state select follows (delivery times depend on it), unless the organization's address names the state.
 */
export function BuyerPreferences({ prefs }: { prefs: BuyerPreferencesView }) {
  const { t } = useTranslation();
  const location = useLocation();
  const submit = useSubmit();
  const currencyId = useId();
  const countryId = useId();
  const regionId = useId();
  const redirectTo = location.pathname + location.search;
  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2 text-sm" data-testid="buyer-preferences">
      <Form method="post" action="/set-currency" className="flex items-end gap-1.5" data-testid="currency-switcher">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div>
          <label htmlFor={currencyId} className="mb-0.5 block text-xs font-medium text-slate-600">
            {t("browse.preferences.currency")}
          </label>
          <select id={currencyId} name="currencyCode" defaultValue={prefs.currencyCode} key={prefs.currencyCode} className="input max-w-[11rem] py-1.5 sm:max-w-[15rem]" onChange={(e) => submit(e.currentTarget.form, { preventScrollReset: true })}>
            {prefs.currencies.map((c) => (
              <option key={c} value={c}>
                {c} · {t(`currencies.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" className="btn-secondary px-2.5 py-1.5">
            {t("browse.preferences.apply")}
          </button>
        </noscript>
      </Form>
      {prefs.countrySource === "organization" ? (
        <p className="pb-1.5 text-slate-700" data-testid="buyer-country">
          {t("browse.preferences.countryOfOrganization", { country: prefs.countryName, organization: prefs.organizationName })}
          {prefs.regionSource === "organization" && prefs.regionName ? (
            <span className="ml-2 text-slate-600" data-testid="buyer-region">
              · {t("browse.preferences.regionOfOrganization", { region: `${prefs.regionName} (${prefs.regionCode})` })}
            </span>
          ) : null}
        </p>
      ) : (
        <Form method="post" action="/set-currency" className="flex items-end gap-1.5" data-testid="country-switcher">
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div>
            <label htmlFor={countryId} className="mb-0.5 block text-xs font-medium text-slate-600">
              {t("browse.preferences.country")}
            </label>
            <select id={countryId} name="countryCode" defaultValue={prefs.countryCode ?? ""} key={prefs.countryCode ?? ""} className="input max-w-[11rem] py-1.5 sm:max-w-[15rem]" onChange={(e) => submit(e.currentTarget.form, { preventScrollReset: true })}>
              <option value="">{t("browse.preferences.countryNone")}</option>
              {prefs.countries.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" className="btn-secondary px-2.5 py-1.5">
              {t("browse.preferences.apply")}
            </button>
          </noscript>
        </Form>
      )}
      {prefs.regions.length > 0 && prefs.countryCode && prefs.regionSource !== "organization" ? (
        <Form method="post" action="/set-currency" className="flex items-end gap-1.5" data-testid="region-switcher">
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="regionCountry" value={prefs.countryCode} />
          <div>
            <label htmlFor={regionId} className="mb-0.5 block text-xs font-medium text-slate-600">
              {t("browse.preferences.region")}
            </label>
            <select id={regionId} name="regionCode" defaultValue={prefs.regionCode ?? ""} key={`${prefs.countryCode}:${prefs.regionCode ?? ""}`} className="input max-w-[11rem] py-1.5 sm:max-w-[15rem]" onChange={(e) => submit(e.currentTarget.form, { preventScrollReset: true })}>
              <option value="">{t("browse.preferences.regionNone")}</option>
              {prefs.regions.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" className="btn-secondary px-2.5 py-1.5">
              {t("browse.preferences.apply")}
            </button>
          </noscript>
        </Form>
      ) : null}
    </div>
  );
}
