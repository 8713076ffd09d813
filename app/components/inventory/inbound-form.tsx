import { Form } from "@remix-run/react";
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormError } from "~/components/forms";

export interface InboundFormOptions {
  warehouses: { value: string; label: string }[];
  skus: { sku: string; label: string; packSize: number }[];
  /** Today (YYYY-MM-DD, UTC): the earliest expected date. */
  minDate: string;
}

const SPARE_ROWS = 3;

function rowsOf(values: Record<string, string>): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^line\.(\d{1,3})\./.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * The advance shipping notice's form (new and edit): warehouse, expected date, lines of the manufacturer's SKUs
 * (picked from a list of its own), units and cartons, total cartons and notes. Field names are those
 * parseInboundForm reads. Without JavaScript spare empty rows are shown (ignored when empty); with it, rows are
 * added and removed in place and the cartons' sum and per-line carton estimates follow typing.
 */
export function InboundForm({ values, errors, formError, options, intent, submitLabel, pendingLabel }: {
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string;
  options: InboundFormOptions;
  intent: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [rows, setRows] = useState<number[]>(() => {
    const existing = rowsOf(values);
    const next = existing.length ? existing[existing.length - 1]! + 1 : 0;
    const spare = Math.max(existing.length ? 1 : SPARE_ROWS, SPARE_ROWS - existing.length);
    return [...existing, ...Array.from({ length: spare }, (_, i) => next + i)];
  });
  const [typed, setTyped] = useState<Record<string, string>>(values);
  const packs = useMemo(() => new Map(options.skus.map((s) => [s.sku, s.packSize])), [options.skus]);
  const estimate = (row: number) => {
    const pack = packs.get((typed[`line.${row}.sku`] ?? "").trim());
    const quantity = Number(typed[`line.${row}.quantity`]);
    return pack && Number.isInteger(quantity) && quantity > 0 ? Math.ceil(quantity / pack) : null;
  };
  const lineCartons = rows.reduce((sum, row) => {
    const text = (typed[`line.${row}.cartons`] ?? "").trim();
    const n = text ? Number(text) : (estimate(row) ?? 0);
    return sum + (Number.isInteger(n) && n > 0 ? n : 0);
  }, 0);
  const track = (name: string) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setTyped((current) => ({ ...current, [name]: value }));
  };
  const error = (name: string) => errors[name];
  const described = (name: string, hint?: boolean) => (error(name) ? `${id}-${name}-error` : hint ? `${id}-${name}-hint` : undefined);
  const ErrorText = ({ name }: { name: string }) =>
    error(name) ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-sm text-red-700">
        {error(name)}
      </p>
    ) : null;

  return (
    <Form method="post" className="space-y-6" noValidate>
      <CsrfInput />
      {formError ? <FormError reply={{ formError }} /> : null}
      <datalist id={`${id}-skus`}>
        {options.skus.map((s) => (
          <option key={s.sku} value={s.sku}>
            {s.label}
          </option>
        ))}
      </datalist>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-warehouse`} className="label">
            {t("inventory.inbound.form.warehouse")}
          </label>
          <select id={`${id}-warehouse`} name="warehouseId" defaultValue={values.warehouseId ?? ""} className="input" required aria-invalid={error("warehouseId") ? true : undefined} aria-describedby={described("warehouseId")} data-testid="inbound-warehouse">
            <option value="" disabled>
              {t("inventory.inbound.form.chooseWarehouse")}
            </option>
            {options.warehouses.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
          <ErrorText name="warehouseId" />
        </div>
        <div>
          <label htmlFor={`${id}-expected`} className="label">
            {t("inventory.inbound.form.expectedOn")}
          </label>
          <input id={`${id}-expected`} name="expectedOn" type="date" min={options.minDate} defaultValue={values.expectedOn ?? ""} className="input" required aria-invalid={error("expectedOn") ? true : undefined} aria-describedby={described("expectedOn")} data-testid="inbound-expected" />
          <ErrorText name="expectedOn" />
        </div>
      </div>

      <fieldset aria-describedby={`${id}-lines-help`}>
        <legend className="text-lg font-semibold">{t("inventory.inbound.form.lines")}</legend>
        <p id={`${id}-lines-help`} className="text-sm text-slate-600">
          {t("inventory.inbound.form.linesHelp")}
        </p>
        {error("lines") ? (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {error("lines")}
          </p>
        ) : null}
        <ol className="mt-3 space-y-3">
          {rows.map((row, index) => {
            const name = (field: string) => `line.${row}.${field}`;
            const guess = estimate(row);
            return (
              <li key={row} className="grid grid-cols-2 gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start" data-testid="inbound-line">
                <span className="sr-only">{t("inventory.inbound.form.line", { n: index + 1 })}</span>
                <div className="col-span-2 sm:col-span-1">
                  <label htmlFor={`${id}-${row}-sku`} className="label">
                    {t("inventory.inbound.form.sku")}
                  </label>
                  <input
                    id={`${id}-${row}-sku`}
                    name={name("sku")}
                    list={`${id}-skus`}
                    defaultValue={values[name("sku")] ?? ""}
                    onChange={track(name("sku"))}
                    className="input font-mono"
                    autoComplete="off"
                    maxLength={64}
                    aria-invalid={error(name("sku")) ? true : undefined}
                    aria-describedby={described(name("sku"))}
                  />
                  <ErrorText name={name("sku")} />
                </div>
                <div>
                  <label htmlFor={`${id}-${row}-quantity`} className="label">
                    {t("inventory.inbound.form.quantity")}
                  </label>
                  <input
                    id={`${id}-${row}-quantity`}
                    name={name("quantity")}
                    type="number"
                    min={1}
                    step={1}
                    inputMode="numeric"
                    defaultValue={values[name("quantity")] ?? ""}
                    onChange={track(name("quantity"))}
                    className="input"
                    aria-invalid={error(name("quantity")) ? true : undefined}
                    aria-describedby={described(name("quantity"))}
                  />
                  <ErrorText name={name("quantity")} />
                </div>
                <div>
                  <label htmlFor={`${id}-${row}-cartons`} className="label">
                    {t("inventory.inbound.form.lineCartons")}
                  </label>
                  <input
                    id={`${id}-${row}-cartons`}
                    name={name("cartons")}
                    type="number"
                    min={0}
                    step={1}
                    inputMode="numeric"
                    defaultValue={values[name("cartons")] ?? ""}
                    placeholder={hydrated && guess !== null ? String(guess) : undefined}
                    onChange={track(name("cartons"))}
                    className="input"
                    aria-invalid={error(name("cartons")) ? true : undefined}
                    aria-describedby={described(name("cartons"))}
                  />
                  <ErrorText name={name("cartons")} />
                </div>
                {hydrated ? (
                  <div className="col-span-2 flex justify-end sm:col-span-1 sm:pt-6">
                    <button type="button" className="btn-secondary px-3" onClick={() => setRows((current) => current.filter((r) => r !== row))} aria-label={t("inventory.inbound.form.removeLine", { n: index + 1 })} title={t("inventory.inbound.form.removeLine", { n: index + 1 })}>
                      ×
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
        {hydrated ? (
          <button type="button" className="btn-secondary mt-3" onClick={() => setRows((current) => [...current, (current.length ? Math.max(...current) : -1) + 1])} data-testid="inbound-add-line">
            + {t("inventory.inbound.form.addLine")}
          </button>
        ) : (
          <p className="mt-2 text-xs text-slate-600">{t("inventory.inbound.form.noScriptRows")}</p>
        )}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-cartons`} className="label">
            {t("inventory.inbound.form.cartons")}
          </label>
          <input
            id={`${id}-cartons`}
            name="cartons"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            defaultValue={values.cartons ?? ""}
            placeholder={hydrated && lineCartons > 0 ? String(lineCartons) : undefined}
            className="input"
            aria-invalid={error("cartons") ? true : undefined}
            aria-describedby={described("cartons", true)}
            data-testid="inbound-cartons"
          />
          {error("cartons") ? (
            <ErrorText name="cartons" />
          ) : (
            <p id={`${id}-cartons-hint`} className="mt-1 text-xs text-slate-600">
              {t("inventory.inbound.form.cartonsHint")}
              {hydrated && lineCartons > 0 ? ` ${t("inventory.inbound.form.linesTotal", { count: lineCartons })}` : ""}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-notes`} className="label">
            {t("inventory.inbound.form.notes")}
          </label>
          <textarea id={`${id}-notes`} name="notes" rows={3} maxLength={2000} defaultValue={values.notes ?? ""} className="input" aria-describedby={described("notes", true)} />
          {error("notes") ? (
            <ErrorText name="notes" />
          ) : (
            <p id={`${id}-notes-hint`} className="mt-1 text-xs text-slate-600">
              {t("inventory.inbound.form.notesHint")}
            </p>
          )}
        </div>
      </div>

      <div className="flex justify-end border-t border-slate-200 pt-4">
        <IntentButton intent={intent} pendingLabel={pendingLabel}>
          {submitLabel}
        </IntentButton>
      </div>
    </Form>
  );
}
