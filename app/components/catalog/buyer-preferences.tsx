import { Form, useLocation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { AutoSubmitSelect } from "~/components/auto-submit";
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
 * choice submits at once). A buyer organization's country is shown, not chosen: it is the company's. In Brazil and
 * Mexico a state select follows (delivery times depend on it), unless the organization's address names the state.
 * A choice picked from a list applies at once; arrowing through a closed list applies on Enter or "Apply".
 */
export function BuyerPreferences({ prefs }: { prefs: BuyerPreferencesView }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2 text-sm" data-testid="buyer-preferences">
      <PreferenceForm
        testId="currency-switcher"
        label={t("browse.preferences.currency")}
        name="currencyCode"
        value={prefs.currencyCode}
        options={prefs.currencies.map((c) => ({ value: c, label: `${c} · ${t(`currencies.${c}`)}` }))}
      />
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
        <PreferenceForm
          testId="country-switcher"
          label={t("browse.preferences.country")}
          name="countryCode"
          value={prefs.countryCode ?? ""}
          none={t("browse.preferences.countryNone")}
          options={prefs.countries}
        />
      )}
      {prefs.regions.length > 0 && prefs.countryCode && prefs.regionSource !== "organization" ? (
        <PreferenceForm
          testId="region-switcher"
          label={t("browse.preferences.region")}
          name="regionCode"
          value={prefs.regionCode ?? ""}
          resetKey={`${prefs.countryCode}:${prefs.regionCode ?? ""}`}
          hidden={{ regionCountry: prefs.countryCode }}
          none={t("browse.preferences.regionNone")}
          options={prefs.regions}
        />
      ) : null}
    </div>
  );
}

/** One preference: a labelled select in its own POST form to /set-currency, submitted on change (a button without JavaScript). */
function PreferenceForm({
  testId,
  label,
  name,
  value,
  resetKey = value,
  hidden = {},
  none,
  options,
}: {
  testId: string;
  label: string;
  name: string;
  value: string;
  /** Puts the saved value back in the select when this changes (the options depend on the country). */
  resetKey?: string;
  hidden?: Record<string, string>;
  /** The "none chosen" option, where choosing nothing is allowed. */
  none?: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const id = useId();
  return (
    <Form method="post" action="/set-currency" className="flex items-end gap-1.5" data-testid={testId}>
      <CsrfInput />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {Object.entries(hidden).map(([field, fieldValue]) => (
        <input key={field} type="hidden" name={field} value={fieldValue} />
      ))}
      <div>
        <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-600">
          {label}
        </label>
        <div className="flex items-center gap-1.5">
          <AutoSubmitSelect id={id} name={name} value={value} resetKey={resetKey} applyLabel={t("browse.preferences.apply")} className="input max-w-[11rem] py-1.5 sm:max-w-[15rem]">
            {none !== undefined ? <option value="">{none}</option> : null}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </AutoSubmitSelect>
        </div>
      </div>
      <noscript>
        <button type="submit" className="btn-secondary px-2.5 py-1.5">
          {t("browse.preferences.apply")}
        </button>
      </noscript>
    </Form>
  );
}
