import { Form, Link } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ListingFacets, ListingFilters } from "~/modules/catalog/listing.server";
import { AutoSubmitCheckbox, AutoSubmitSelect } from "~/components/auto-submit";

export const FILTER_FORM_ID = "listing-filters";

interface Props {
  lang: string;
  filters: ListingFilters;
  facets: ListingFacets;
  currencyCode: string;
  /** The buyer's country (for "certified for my country"), with its name in the page's language. */
  country: { code: string; name: string } | null;
  /** The country named by the URL's cert filter when it is not the buyer's (a shared link). */
  certCountryName: string | null;
  /** "In stock near me": offered when the buyer's country is known (`place` names where, in the page's language). */
  nearStock: { available: boolean; place: string | null };
  activeCount: number;
}

/**
 * The filter panel: one GET form (it works without JavaScript; with it, boxes apply when ticked and lists when a
 * choice is picked — not while the keyboard arrows through them: Enter or "Apply" does — and the focus stays where it
 * was). On narrow screens it folds behind a "Filters" toggle that is a checkbox, so it folds without JavaScript too;
 * from md up the toggle is not in the page at all.
 */
export function ListingFiltersPanel({ lang, filters, facets, currencyCode, country, certCountryName, nearStock, activeCount }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const toggleId = `${id}-toggle`;
  const certCountry = filters.cert && filters.cert !== country?.code ? { code: filters.cert, name: certCountryName ?? filters.cert } : country;
  return (
    <div>
      <input id={toggleId} type="checkbox" className="peer sr-only md:hidden" aria-controls={`${id}-panel`} />
      <label htmlFor={toggleId} className="btn-secondary w-full cursor-pointer peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 md:hidden" data-testid="filters-toggle">
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M3 5h14M6 10h8M8.5 15h3" />
        </svg>
        {activeCount > 0 ? t("browse.filters.toggleActive", { count: activeCount }) : t("browse.filters.toggle")}
      </label>
      <div id={`${id}-panel`} className="mt-3 hidden peer-checked:block md:mt-0 md:block">
        <Form method="get" action={`/${lang}/products`} id={FILTER_FORM_ID} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="filters" aria-label={t("browse.filters.title")}>
          <h2 className="text-base font-semibold">{t("browse.filters.title")}</h2>
          {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}

          <fieldset data-testid="near-stock-filter">
            <legend className="label">{t("browse.availability.title")}</legend>
            <label className={`flex items-start gap-2 text-sm ${nearStock.available ? "" : "text-slate-500"}`}>
              <AutoSubmitCheckbox
                name="nearStock"
                value="1"
                checked={Boolean(filters.nearStock) && nearStock.available}
                disabled={!nearStock.available}
                aria-describedby={`${id}-near-help`}
                className="mt-0.5 h-4 w-4 rounded border-slate-300 disabled:opacity-50"
              />
              <span>{t("browse.filters.nearStock")}</span>
            </label>
            <p id={`${id}-near-help`} className="mt-1 text-xs text-slate-600">
              {nearStock.available && nearStock.place ? t("browse.filters.nearStockHelp", { place: nearStock.place }) : t("browse.filters.nearStockNeedsCountry")}
            </p>
          </fieldset>

          <Field label={t("browse.filters.category")}>
            {(fieldId) => (
              <AutoSubmitSelect id={fieldId} name="category" value={filters.category ?? ""} className="input">
                <option value="">{t("browse.filters.anyCategory")}</option>
                {facets.categories.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {`${"\u00a0\u00a0\u00a0".repeat(c.depth)}${c.name}`}
                  </option>
                ))}
              </AutoSubmitSelect>
            )}
          </Field>

          {facets.makers.length > 0 ? (
            <Field label={t("browse.filters.maker")}>
              {(fieldId) => (
                <AutoSubmitSelect id={fieldId} name="maker" value={filters.maker ?? ""} className="input">
                  <option value="">{t("browse.filters.anyMaker")}</option>
                  {facets.makers.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.verified ? `${m.name} ✓` : m.name}
                    </option>
                  ))}
                </AutoSubmitSelect>
              )}
            </Field>
          ) : null}

          {facets.brands.length > 0 ? (
            <Field label={t("browse.filters.brand")}>
              {(fieldId) => (
                <AutoSubmitSelect id={fieldId} name="brand" value={filters.brand ?? ""} className="input">
                  <option value="">{t("browse.filters.anyBrand")}</option>
                  {facets.brands.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </AutoSubmitSelect>
              )}
            </Field>
          ) : null}

          <fieldset>
            <legend className="label">{t("browse.filters.price", { currency: currencyCode })}</legend>
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor={`${id}-pmin`} className="sr-only">
                  {t("browse.filters.priceMin", { currency: currencyCode })}
                </label>
                <input id={`${id}-pmin`} name="priceMin" inputMode="decimal" autoComplete="off" placeholder={t("browse.filters.min")} defaultValue={filters.priceMin ?? ""} key={`pmin${filters.priceMin}`} className="input" />
              </div>
              <div>
                <label htmlFor={`${id}-pmax`} className="sr-only">
                  {t("browse.filters.priceMax", { currency: currencyCode })}
                </label>
                <input id={`${id}-pmax`} name="priceMax" inputMode="decimal" autoComplete="off" placeholder={t("browse.filters.max")} defaultValue={filters.priceMax ?? ""} key={`pmax${filters.priceMax}`} className="input" />
              </div>
            </div>
            <p className="mt-1 text-xs text-slate-600">{t("browse.filters.priceHelp")}</p>
          </fieldset>

          <Field label={t("browse.filters.moqMax")}>
            {(fieldId) => <input id={fieldId} name="moqMax" type="number" min={1} step={1} inputMode="numeric" defaultValue={filters.moqMax ?? ""} key={`moq${filters.moqMax}`} className="input" />}
          </Field>

          <Field label={t("browse.filters.leadMax")}>
            {(fieldId) => <input id={fieldId} name="leadMax" type="number" min={1} max={365} step={1} inputMode="numeric" defaultValue={filters.leadMax ?? ""} key={`lead${filters.leadMax}`} className="input" />}
          </Field>

          <fieldset>
            <legend className="label">{t("browse.filters.certification")}</legend>
            {certCountry ? (
              <label className="flex items-start gap-2 text-sm">
                <AutoSubmitCheckbox name="cert" value={certCountry.code} checked={filters.cert === certCountry.code} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
                <span>{t("browse.filters.certifiedFor", { country: certCountry.name })}</span>
              </label>
            ) : (
              <p className="text-xs text-slate-600">{t("browse.filters.certificationNeedsCountry")}</p>
            )}
          </fieldset>

          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn-primary">
              {t("browse.filters.apply")}
            </button>
            {activeCount > 0 ? (
              <Link to={`/${lang}/products${filters.q ? `?q=${encodeURIComponent(filters.q)}` : ""}`} className="link text-sm" data-testid="filters-clear">
                {t("browse.filters.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </div>
    </div>
  );
}

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
