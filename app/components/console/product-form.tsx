import { Form, useFetcher } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError } from "~/components/forms";
import { productCompleteness, type TranslationContent } from "~/modules/catalog/completeness";
import { LANG_NAMES, LANGS, isLang, type Lang } from "~/modules/i18n/config";
import { CompletenessMeter } from "./badges";
import { IntentButton } from "./intent-button";

/**
 * The console's product form: basics and trade data, the translations in two languages side by side, variants,
 * price tiers and certifications. Field names are those product-form.server.ts reads. Without JavaScript it
 * still works: spare empty rows are shown (empty rows are ignored), and the two language columns are chosen
 * with a small GET form. With JavaScript, rows are added and removed in place and completeness follows typing.
 */

export type FormValues = Record<string, string>;
export interface Option {
  value: string;
  label: string;
}
export interface ProductFormOptions {
  categories: { label: string; options: Option[] }[];
  brands: Option[];
  countries: Option[];
  schemes: Option[];
}

const UNITS = ["PIECE", "SET", "PAIR", "BOX", "CARTON", "KILOGRAM", "METER", "ROLL"] as const;
const INCOTERMS = ["FOB", "EXW"] as const;
const CURRENCIES = ["USD", "CNY"] as const;
const VOLTAGES = ["127V", "220V", "127-220V", "100-240V"] as const;
const PLUG_TYPES = ["N", "A/B", "F", "C", "G", "I", "A", "B"] as const;

interface FormState {
  values: FormValues;
  errors: Record<string, string>;
}
const FormStateContext = createContext<FormState>({ values: {}, errors: {} });

function useFieldState(name: string) {
  const { values, errors } = useContext(FormStateContext);
  return { value: values[name] ?? "", error: errors[name] };
}

/** True once React runs in the browser: controls that need JavaScript show only then. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The row numbers used under `prefix` in the values, in order (same rule as the server's parser). */
function rowNumbersOf(values: FormValues, prefix: string): number[] {
  const rows = new Set<number>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d{1,4})\\.`);
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Rows of a repeated section: what the values have, plus spare empty rows (at least `minimum` in all). */
function useRows(prefix: string, minimum: number) {
  const { values } = useContext(FormStateContext);
  const [rows, setRows] = useState<number[]>(() => {
    const existing = rowNumbersOf(values, prefix);
    const next = existing.length ? existing[existing.length - 1]! + 1 : 0;
    const spare = Math.max(1, minimum - existing.length);
    return [...existing, ...Array.from({ length: spare }, (_, i) => next + i)];
  });
  const add = useCallback(() => setRows((current) => [...current, (current.length ? Math.max(...current) : -1) + 1]), []);
  const remove = useCallback((row: number) => setRows((current) => current.filter((r) => r !== row)), []);
  return { rows, add, remove };
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );
}

/** A labelled control of the form, refilled from the values and showing its translated error. */
function Field({ name, label, hint, className, children }: { name: string; label: string; hint?: string; className?: string; children: (props: { id: string; name: string; defaultValue: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const id = useId();
  const { value, error } = useFieldState(name);
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children({ id, name, defaultValue: value, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

type HsLookup = { known: true; code: string; description: string } | { known: false; code: string };

/** The HS code, with its HS 2022 description looked up as the maker types (or "not an HS 2022 subheading"). */
function HsCodeField({ label, hint }: { label: string; hint: string }) {
  const { t } = useTranslation();
  const { value } = useFieldState("hsCode");
  const [code, setCode] = useState(() => value.normalize("NFKC").replace(/[\s.\-]/g, ""));
  const fetcher = useFetcher<HsLookup>();
  const { load } = fetcher;
  useEffect(() => {
    if (/^\d{6}$/.test(code)) load(`/hs-codes/${code}`);
  }, [code, load]);
  const lookup = fetcher.data && fetcher.data.code === code ? fetcher.data : null;
  return (
    <Field name="hsCode" label={label} hint={hint}>
      {(p) => (
        <>
          <input {...p} className="input" inputMode="numeric" autoComplete="off" maxLength={12} placeholder="851671" onChange={(event) => setCode(event.currentTarget.value.normalize("NFKC").replace(/[\s.\-]/g, ""))} />
          <p className={`mt-1 text-xs ${lookup && !lookup.known ? "text-red-700" : "text-slate-700"}`} aria-live="polite">
            {!/^\d{6}$/.test(code) ? null : fetcher.state === "loading" && !lookup ? t("console.basics.hsCodeLooking") : lookup?.known ? t("console.basics.hsCodeDescription", { description: lookup.description }) : lookup ? t("console.basics.hsCodeUnknown", { code }) : null}
          </p>
        </>
      )}
    </Field>
  );
}

/** An input inside a table row: labelled for screen readers by its column and row. */
function CellInput({ name, label, className = "min-w-[5rem]", ...rest }: { name: string; label: string; className?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const { value, error } = useFieldState(name);
  return (
    <td className="px-1 py-1 align-top">
      <input id={id} name={name} defaultValue={value} aria-label={label} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={`input ${className}`} {...rest} />
      <ErrorText id={`${id}-error`} error={error} />
    </td>
  );
}

/** The colour as typed, and under it (folded) its name in each language: buyers read theirs, else the typed one. */
function ColourCell({ row, index, label }: { row: number; index: number; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { values, errors } = useContext(FormStateContext);
  const main = useFieldState(`v.${row}.color`);
  // Folded unless one of them is refused: opened, the names stand under the colour and Tab runs down them before the
  // row's next cell (which is then shown above them); folded, the summary sits beside the colour, in the row's order.
  const refused = LANGS.some((l) => errors[`v.${row}.color.${l}`]);
  const named = LANGS.filter((l) => values[`v.${row}.color.${l}`]).length;
  return (
    <td className="px-1 py-1 align-top">
      <div className="flex items-start gap-2">
        <input id={id} name={`v.${row}.color`} defaultValue={main.value} aria-label={label} aria-invalid={main.error ? true : undefined} aria-describedby={main.error ? `${id}-error` : undefined} className="input min-w-[5rem]" maxLength={60} />
        <details className="pt-2" open={refused || undefined} data-testid="colour-names">
          <summary className="cursor-pointer text-xs text-slate-600">
            {t("console.variants.colorNames")}
            {named ? ` (${named})` : ""}
          </summary>
          <div className="mt-1 grid gap-1">
            {LANGS.map((l) => {
              const name = `v.${row}.color.${l}`;
              const error = errors[name];
              return (
                <div key={l}>
                  <div className="flex items-center gap-1">
                    <span aria-hidden="true" className="w-6 text-xs uppercase text-slate-500">
                      {l}
                    </span>
                    <input id={`${id}-${l}`} name={name} defaultValue={values[name] ?? ""} lang={l} aria-label={`${t("console.variants.colorIn", { language: LANG_NAMES[l] })} · ${t("console.form.row", { row: index + 1 })}`} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-${l}-error` : undefined} className="input min-w-[5rem] py-0.5 text-xs" maxLength={60} />
                  </div>
                  <ErrorText id={`${id}-${l}-error`} error={error} />
                </div>
              );
            })}
          </div>
        </details>
      </div>
      <ErrorText id={`${id}-error`} error={main.error} />
    </td>
  );
}

function CellSelect({ name, label, options, className = "min-w-[7rem]" }: { name: string; label: string; options: Option[]; className?: string }) {
  const id = useId();
  const { value, error } = useFieldState(name);
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <td className="px-1 py-1 align-top">
      <select id={id} name={name} defaultValue={value} aria-label={label} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={`input ${className}`}>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} error={error} />
    </td>
  );
}

function SectionError({ name }: { name: string }) {
  const { error } = useFieldState(name);
  if (!error) return null;
  return (
    <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid={`error-${name}`}>
      {error}
    </p>
  );
}

function Section({ id, title, help, children }: { id: string; title: string; help?: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {help ? <p className="mb-4 mt-1 text-sm text-slate-600">{help}</p> : <div className="mb-4" />}
      {children}
    </section>
  );
}

/** In the last cell of a row, which keeps 4 px on its right (pr-1): at the end of a table scrolled sideways the
 * button's focus ring would be cut off. */
function RemoveRowButton({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <button type="button" onClick={onClick} className="rounded p-2 text-slate-500 hover:bg-red-50 hover:text-red-700" aria-label={label} title={label}>
      <span aria-hidden="true">✕</span>
    </button>
  );
}

/** Translations as the form holds them, per language (from submitted values or the live form). */
function translationsFrom(values: FormValues): Partial<Record<Lang, TranslationContent>> {
  const result: Partial<Record<Lang, TranslationContent>> = {};
  for (const lang of LANGS) {
    const specs = rowNumbersOf(values, `t.${lang}.spec`).map((r) => ({ label: values[`t.${lang}.spec.${r}.label`], value: values[`t.${lang}.spec.${r}.value`] }));
    result[lang] = {
      name: values[`t.${lang}.name`],
      shortDescription: values[`t.${lang}.shortDescription`],
      longDescription: values[`t.${lang}.longDescription`],
      specifications: specs,
      source: values[`t.${lang}.machine`] === "on" ? "MACHINE" : "HUMAN",
    };
  }
  return result;
}

/** Moves the right column to a language holding errors, so that a rejected form shows what to fix. */
export function columnsShowingErrors(columns: [Lang, Lang], fieldErrors: Record<string, string>): [Lang, Lang] {
  const withErrors = LANGS.filter((l) => Object.keys(fieldErrors).some((k) => k.startsWith(`t.${l}.`)));
  if (withErrors.length === 0 || withErrors.some((l) => columns.includes(l))) return columns;
  return [columns[0], withErrors[0]!];
}

function valuesOf(form: HTMLFormElement): FormValues {
  const values: FormValues = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string") values[key] = value;
  return values;
}

export function ProductForm({ values, errors, formError, options, columns, submitLabel, pendingLabel, columnsAction }: {
  values: FormValues;
  errors: Record<string, string>;
  formError?: string;
  options: ProductFormOptions;
  /** The two languages shown side by side at first. */
  columns: [Lang, Lang];
  submitLabel: string;
  pendingLabel: string;
  /** Where the no-JavaScript column chooser sends its GET (the page's own path). */
  columnsAction: string;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const [live, setLive] = useState<FormValues>(values);
  const [shown, setShown] = useState<[Lang, Lang]>(columns);
  const state = useMemo(() => ({ values, errors }), [values, errors]);
  // A rejected form shows a language with errors, even one that was not on screen.
  useEffect(() => setShown((current) => columnsShowingErrors(current, errors)), [errors]);
  const sourceLocale = isLang(live.sourceLocale) ? live.sourceLocale : "zh";
  const completeness = useMemo(() => productCompleteness(translationsFrom(live), sourceLocale), [live, sourceLocale]);
  const currency = live.currencyCode || "USD";
  const refresh = useCallback(() => {
    if (formRef.current) setLive(valuesOf(formRef.current));
  }, []);
  const choose = (index: 0 | 1, lang: Lang) =>
    setShown((current) => {
      const next: [Lang, Lang] = [...current];
      if (next[1 - index] === lang) next[1 - index] = next[index];
      next[index] = lang;
      return next;
    });
  const ordered = [...shown, ...LANGS.filter((l) => !shown.includes(l))];
  const unitOptions = UNITS.map((u) => ({ value: u, label: t(`catalog.units.${u}`) }));

  return (
    <FormStateContext.Provider value={state}>
      <form method="get" action={columnsAction} id="columns-form" />
      <Form method="post" ref={formRef} noValidate onInput={refresh} onChange={refresh} className="space-y-6" aria-describedby={formError ? "product-form-error" : undefined}>
        <CsrfInput />
        <div id="product-form-error">
          <FormError reply={formError ? { formError } : null} />
        </div>

        <Section id="basics" title={t("console.basics.title")} help={t("console.basics.help")}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Field name="categoryId" label={t("console.basics.category")} className="sm:col-span-2 lg:col-span-1">
              {(p) => (
                <select {...p} className="input">
                  <option value="">{t("console.basics.chooseCategory")}</option>
                  {options.categories.map((group) => (
                    <optgroup key={group.label} label={group.label}>
                      {group.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
            <Field name="brandId" label={t("console.basics.brand")}>
              {(p) => (
                <select {...p} className="input">
                  <option value="">{t("console.basics.noBrand")}</option>
                  {options.brands.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="sourceLocale" label={t("console.basics.sourceLocale")} hint={t("console.basics.sourceLocaleHint")}>
              {(p) => (
                <select {...p} className="input">
                  {LANGS.map((l) => (
                    <option key={l} value={l}>
                      {LANG_NAMES[l]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="originCountry" label={t("console.basics.origin")}>
              {(p) => (
                <select {...p} defaultValue={p.defaultValue || "CN"} className="input">
                  {options.countries.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <HsCodeField label={t("console.basics.hsCode")} hint={t("console.basics.hsCodeHint")} />
            <Field name="hsCodeCn" label={t("console.basics.hsCodeCn")} hint={t("console.basics.hsCodeCnHint")}>
              {(p) => <input {...p} className="input" inputMode="numeric" autoComplete="off" maxLength={16} placeholder="8516710000" />}
            </Field>
            <Field name="unitOfSale" label={t("console.basics.unitOfSale")}>
              {(p) => (
                <select {...p} defaultValue={p.defaultValue || "PIECE"} className="input">
                  {unitOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="packSize" label={t("console.basics.packSize")} hint={t("console.basics.packSizeHint")}>
              {(p) => <input {...p} className="input" type="number" min={1} step={1} inputMode="numeric" />}
            </Field>
            <Field name="moq" label={t("console.basics.moq")} hint={t("console.basics.moqHint")}>
              {(p) => <input {...p} className="input" type="number" min={1} step={1} inputMode="numeric" />}
            </Field>
            <Field name="leadTimeDays" label={t("console.basics.leadTime")}>
              {(p) => <input {...p} className="input" type="number" min={0} max={365} step={1} inputMode="numeric" />}
            </Field>
            <Field name="incoterm" label={t("console.basics.incoterm")}>
              {(p) => (
                <select {...p} defaultValue={p.defaultValue || "FOB"} className="input">
                  {INCOTERMS.map((i) => (
                    <option key={i} value={i}>
                      {t(`catalog.incoterms.${i}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="currencyCode" label={t("console.basics.currency")}>
              {(p) => (
                <select {...p} defaultValue={p.defaultValue || "USD"} className="input">
                  {CURRENCIES.map((c) => (
                    <option key={c} value={c}>
                      {c} · {t(`currencies.${c}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset className="mt-6 grid gap-4 border-t border-slate-200 pt-4 sm:grid-cols-2 lg:grid-cols-3">
            <legend className="sr-only">{t("console.basics.samples")}</legend>
            <SampleCheckbox />
            <Field name="samplePrice" label={t("console.basics.samplePrice", { currency })} hint={t("console.basics.samplePriceHint")}>
              {(p) => <input {...p} className="input" inputMode="decimal" autoComplete="off" />}
            </Field>
          </fieldset>
          <StockQuantitiesCheckbox />
        </Section>

        <Section id="translations" title={t("console.translations.title")} help={t("console.translations.help")}>
          <div className="mb-4 flex flex-wrap items-end gap-3">
            {([0, 1] as const).map((index) => (
              <div key={index}>
                <label className="label" htmlFor={`column-${index}`}>
                  {t(index === 0 ? "console.translations.leftColumn" : "console.translations.rightColumn")}
                </label>
                <select
                  id={`column-${index}`}
                  name={index === 0 ? "left" : "right"}
                  form="columns-form"
                  value={shown[index]}
                  onChange={(e) => isLang(e.target.value) && choose(index, e.target.value)}
                  className="input w-auto"
                >
                  {LANGS.map((l) => (
                    <option key={l} value={l}>
                      {LANG_NAMES[l]}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            {hydrated ? null : (
              <button type="submit" form="columns-form" className="btn-secondary">
                {t("console.translations.showColumns")}
              </button>
            )}
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            {ordered.map((lang) => (
              <TranslationColumn key={lang} lang={lang} visible={shown.includes(lang)} isSource={lang === sourceLocale} completeness={completeness.find((c) => c.lang === lang)!} hydrated={hydrated} onRowsChange={refresh} />
            ))}
          </div>
          {hydrated ? null : <p className="mt-3 text-xs text-slate-600">{t("console.form.noScriptRows")}</p>}
        </Section>

        <VariantsSection hydrated={hydrated} />
        <TiersSection hydrated={hydrated} currency={currency} />
        <CertificationsSection hydrated={hydrated} schemes={options.schemes} />

        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
          {Object.keys(errors).length > 0 ? (
            <p className="mr-auto text-sm text-red-700" role="status">
              {t("console.form.fixErrors", { count: Object.keys(errors).length })}
            </p>
          ) : null}
          <IntentButton intent="save" pendingLabel={pendingLabel}>
            {submitLabel}
          </IntentButton>
        </div>
      </Form>
    </FormStateContext.Provider>
  );
}

function SampleCheckbox() {
  const { t } = useTranslation();
  const { value } = useFieldState("sampleAvailable");
  return (
    <label className="flex items-center gap-2 self-center text-sm font-medium text-slate-800">
      <input type="checkbox" name="sampleAvailable" defaultChecked={value === "on"} className="h-4 w-4 rounded border-slate-300" />
      {t("console.basics.sampleAvailable")}
    </label>
  );
}

/** "off" from the hidden input, overridden by the checkbox's "on" when ticked (a form without it leaves it unchanged). */
function StockQuantitiesCheckbox() {
  const { t } = useTranslation();
  const { value } = useFieldState("showStockQuantities");
  const id = useId();
  return (
    <div className="mt-6 border-t border-slate-200 pt-4">
      <input type="hidden" name="showStockQuantities" value="off" />
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" name="showStockQuantities" value="on" defaultChecked={value === "on"} aria-describedby={`${id}-hint`} className="h-4 w-4 rounded border-slate-300" data-testid="show-stock-quantities" />
        {t("console.basics.showStockQuantities")}
      </label>
      <p id={`${id}-hint`} className="mt-1 pl-6 text-xs text-slate-600">
        {t("console.basics.showStockQuantitiesHint")}
      </p>
    </div>
  );
}

function TranslationColumn({ lang, visible, isSource, completeness, hydrated, onRowsChange }: {
  lang: Lang;
  visible: boolean;
  isSource: boolean;
  completeness: ReturnType<typeof productCompleteness>[number];
  hydrated: boolean;
  onRowsChange: () => void;
}) {
  const { t } = useTranslation();
  const { rows, add, remove } = useRows(`t.${lang}.spec`, 3);
  const { value: machine } = useFieldState(`t.${lang}.machine`);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onRowsChange();
  }, [rows, onRowsChange]);
  return (
    <fieldset className={`${visible ? "" : "hidden"} min-w-0 rounded-lg border border-slate-200 p-4`} lang={lang === "zh" ? "zh-CN" : lang} data-testid={`translation-${lang}`}>
      <legend className="px-1 text-base font-semibold">
        {LANG_NAMES[lang]} {isSource ? <span className="badge ml-1 bg-brand-50 text-brand-700">{t("console.translations.source")}</span> : null}
      </legend>
      <div className="space-y-4">
        <CompletenessMeter completeness={completeness} />
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name={`t.${lang}.machine`} defaultChecked={machine === "on"} className="h-4 w-4 rounded border-slate-300" />
          {t("console.translations.machine")}
        </label>
        <Field name={`t.${lang}.name`} label={t("console.translations.fields.name")}>
          {(p) => <input {...p} className="input" maxLength={160} autoComplete="off" />}
        </Field>
        <Field name={`t.${lang}.shortDescription`} label={t("console.translations.fields.shortDescription")} hint={t("console.translations.shortHint")}>
          {(p) => <textarea {...p} className="input" rows={2} maxLength={300} />}
        </Field>
        <Field name={`t.${lang}.longDescription`} label={t("console.translations.fields.longDescription")}>
          {(p) => <textarea {...p} className="input" rows={6} maxLength={8000} />}
        </Field>
        <div>
          <p className="label" id={`specs-${lang}`}>
            {t("console.translations.fields.specifications")}
          </p>
          <SectionError name={`t.${lang}.spec`} />
          <table className="w-full text-sm" aria-labelledby={`specs-${lang}`}>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t("console.translations.specLabel")}</th>
                <th scope="col">{t("console.translations.specValue")}</th>
                <th scope="col">{t("console.form.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row}>
                  <CellInput name={`t.${lang}.spec.${row}.label`} label={t("console.translations.specLabelRow", { row: index + 1 })} placeholder={t("console.translations.specLabel")} maxLength={80} />
                  <CellInput name={`t.${lang}.spec.${row}.value`} label={t("console.translations.specValueRow", { row: index + 1 })} placeholder={t("console.translations.specValue")} maxLength={200} />
                  <td className="w-10 pr-1 align-top">{hydrated ? <RemoveRowButton onClick={() => remove(row)} label={t("console.form.removeRow", { row: index + 1 })} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {hydrated ? (
            <button type="button" className="btn-secondary mt-2" onClick={add}>
              {t("console.translations.addSpec")}
            </button>
          ) : null}
        </div>
      </div>
    </fieldset>
  );
}

function VariantsSection({ hydrated }: { hydrated: boolean }) {
  const { t } = useTranslation();
  const { rows, add, remove } = useRows("v", 2);
  const voltages = [{ value: "", label: "—" }, ...VOLTAGES.map((v) => ({ value: v, label: t(`console.variants.voltages.${v.replace(/[^0-9A-Za-z]/g, "_")}`) }))];
  const columns = [
    ["sku", t("console.variants.sku")],
    ["voltage", t("console.variants.voltage")],
    ["plugType", t("console.variants.plugType")],
    ["color", t("console.variants.color")],
    ["capacity", t("console.variants.capacity")],
    ["netWeightG", t("console.variants.netWeightG")],
    ["grossWeightG", t("console.variants.grossWeightG")],
    ["lengthMm", t("console.variants.lengthMm")],
    ["widthMm", t("console.variants.widthMm")],
    ["heightMm", t("console.variants.heightMm")],
  ] as const;
  const label = (field: string, index: number) => `${columns.find(([f]) => f === field)![1]} · ${t("console.form.row", { row: index + 1 })}`;
  return (
    <Section id="variants" title={t("console.variants.title")} help={t("console.variants.help")}>
      <SectionError name="variants" />
      <datalist id="plug-types">
        {PLUG_TYPES.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              {columns.map(([field, text]) => (
                <th key={field} scope="col" className="px-1 pb-1 font-medium">
                  {text}
                </th>
              ))}
              <th scope="col" className="sr-only">
                {t("console.form.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row} data-testid="variant-row">
                <CellInput name={`v.${row}.sku`} label={label("sku", index)} className="min-w-[11rem] font-mono" maxLength={64} autoComplete="off" />
                <CellSelect name={`v.${row}.voltage`} label={label("voltage", index)} options={voltages} />
                <CellInput name={`v.${row}.plugType`} label={label("plugType", index)} list="plug-types" maxLength={20} className="min-w-[4.5rem]" />
                <ColourCell row={row} index={index} label={label("color", index)} />
                <CellInput name={`v.${row}.capacity`} label={label("capacity", index)} maxLength={60} />
                <CellInput name={`v.${row}.netWeightG`} label={label("netWeightG", index)} type="number" min={1} step={1} inputMode="numeric" />
                <CellInput name={`v.${row}.grossWeightG`} label={label("grossWeightG", index)} type="number" min={1} step={1} inputMode="numeric" />
                <CellInput name={`v.${row}.lengthMm`} label={label("lengthMm", index)} type="number" min={1} step={1} inputMode="numeric" />
                <CellInput name={`v.${row}.widthMm`} label={label("widthMm", index)} type="number" min={1} step={1} inputMode="numeric" />
                <CellInput name={`v.${row}.heightMm`} label={label("heightMm", index)} type="number" min={1} step={1} inputMode="numeric" />
                <td className="w-10 pr-1 align-top">{hydrated ? <RemoveRowButton onClick={() => remove(row)} label={t("console.form.removeRow", { row: index + 1 })} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hydrated ? (
        <button type="button" className="btn-secondary mt-3" onClick={add}>
          {t("console.variants.add")}
        </button>
      ) : (
        <p className="mt-2 text-xs text-slate-600">{t("console.form.noScriptRows")}</p>
      )}
    </Section>
  );
}

function TiersSection({ hydrated, currency }: { hydrated: boolean; currency: string }) {
  const { t } = useTranslation();
  const { rows, add, remove } = useRows("tier", 3);
  return (
    <Section id="tiers" title={t("console.tiers.title")} help={t("console.tiers.help")}>
      <SectionError name="tiers" />
      <div className="overflow-x-auto">
        <table className="text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th scope="col" className="px-1 pb-1 font-medium">
                {t("console.tiers.minQuantity")}
              </th>
              <th scope="col" className="px-1 pb-1 font-medium">
                {t("console.tiers.unitPrice", { currency })}
              </th>
              <th scope="col" className="sr-only">
                {t("console.form.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row} data-testid="tier-row">
                <CellInput name={`tier.${row}.minQuantity`} label={`${t("console.tiers.minQuantity")} · ${t("console.form.row", { row: index + 1 })}`} type="number" min={1} step={1} inputMode="numeric" />
                <CellInput name={`tier.${row}.unitPrice`} label={`${t("console.tiers.unitPrice", { currency })} · ${t("console.form.row", { row: index + 1 })}`} inputMode="decimal" autoComplete="off" placeholder="0.00" />
                <td className="w-10 pr-1 align-top">{hydrated ? <RemoveRowButton onClick={() => remove(row)} label={t("console.form.removeRow", { row: index + 1 })} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hydrated ? (
        <button type="button" className="btn-secondary mt-3" onClick={add}>
          {t("console.tiers.add")}
        </button>
      ) : null}
    </Section>
  );
}

function CertificationsSection({ hydrated, schemes }: { hydrated: boolean; schemes: Option[] }) {
  const { t } = useTranslation();
  const { rows, add, remove } = useRows("cert", 1);
  const options = [{ value: "", label: t("console.certifications.chooseScheme") }, ...schemes];
  return (
    <Section id="certifications" title={t("console.certifications.title")} help={t("console.certifications.help")}>
      <SectionError name="certifications" />
      <div className="overflow-x-auto">
        <table className="text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th scope="col" className="px-1 pb-1 font-medium">
                {t("console.certifications.scheme")}
              </th>
              <th scope="col" className="px-1 pb-1 font-medium">
                {t("console.certifications.number")}
              </th>
              <th scope="col" className="px-1 pb-1 font-medium">
                {t("console.certifications.expiresOn")}
              </th>
              <th scope="col" className="sr-only">
                {t("console.form.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row}>
                <CellSelect name={`cert.${row}.schemeCode`} label={`${t("console.certifications.scheme")} · ${t("console.form.row", { row: index + 1 })}`} options={options} className="min-w-[14rem]" />
                <CellInput name={`cert.${row}.number`} label={`${t("console.certifications.number")} · ${t("console.form.row", { row: index + 1 })}`} maxLength={80} autoComplete="off" />
                <CellInput name={`cert.${row}.expiresOn`} label={`${t("console.certifications.expiresOn")} · ${t("console.form.row", { row: index + 1 })}`} type="date" />
                <td className="w-10 pr-1 align-top">{hydrated ? <RemoveRowButton onClick={() => remove(row)} label={t("console.form.removeRow", { row: index + 1 })} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hydrated ? (
        <button type="button" className="btn-secondary mt-3" onClick={add}>
          {t("console.certifications.add")}
        </button>
      ) : null}
    </Section>
  );
}
