import { useTranslation } from "react-i18next";
import type { LanguageCompleteness } from "~/modules/catalog/completeness";

const STATUS_STYLES: Record<string, string> = {
  DRAFT: "bg-slate-200 text-slate-800",
  PUBLISHED: "bg-emerald-100 text-emerald-800",
  UNPUBLISHED: "bg-amber-100 text-amber-900",
};

export function ProductStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${STATUS_STYLES[status] ?? STATUS_STYLES.DRAFT}`} data-testid="product-status">
      {t(`catalog.status.${status}`)}
    </span>
  );
}

const CHIP_STYLES = {
  complete: "border-emerald-300 bg-emerald-50 text-emerald-800",
  partial: "border-amber-300 bg-amber-50 text-amber-900",
  missing: "border-red-200 bg-red-50 text-red-800",
  machine: "border-sky-300 bg-sky-50 text-sky-900",
} as const;

/** What a chip says about one language: "pt 100%", "es missing", "zh machine 60%". */
export function chipState(c: LanguageCompleteness): keyof typeof CHIP_STYLES {
  if (c.state === "missing") return "missing";
  if (c.machine) return "machine";
  return c.state;
}

/** One chip per language: percentage, and a visible "missing" or "machine-translated" state. */
export function CompletenessChips({ items }: { items: LanguageCompleteness[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t("console.completeness.title")}>
      {items.map((c) => {
        const state = chipState(c);
        const label = state === "missing" ? t("console.completeness.missing") : state === "machine" ? t("console.completeness.machinePercent", { percent: c.percent }) : `${c.percent}%`;
        return (
          <li
            key={c.lang}
            className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${CHIP_STYLES[state]}`}
            title={t(`console.completeness.states.${state}`)}
            data-testid={`completeness-${c.lang}`}
            data-state={state}
          >
            <span className="font-semibold uppercase">{c.lang}</span>
            <span>{label}</span>
            <span className="sr-only">{t(`console.completeness.states.${state}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A language's completeness as a bar, with what is still missing. */
export function CompletenessMeter({ completeness }: { completeness: LanguageCompleteness }) {
  const { t } = useTranslation();
  const state = chipState(completeness);
  const bar = state === "complete" ? "bg-emerald-600" : state === "machine" ? "bg-sky-600" : state === "partial" ? "bg-amber-500" : "bg-red-400";
  return (
    <div data-testid={`meter-${completeness.lang}`}>
      <div className="flex items-center justify-between text-xs text-slate-700">
        <span>{t(`console.completeness.states.${state}`)}</span>
        <span>{completeness.percent}%</span>
      </div>
      <div className="mt-1 h-2 w-full rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={completeness.percent} aria-label={t("console.completeness.meterLabel")}>
        <div className={`h-2 rounded-full ${bar}`} style={{ width: `${completeness.percent}%` }} />
      </div>
      {completeness.missing.length > 0 && completeness.state !== "missing" ? (
        <p className="mt-1 text-xs text-slate-600">{t("console.completeness.stillMissing", { fields: completeness.missing.map((f) => t(`console.translations.fields.${f}`)).join(t("console.listSeparator")) })}</p>
      ) : null}
    </div>
  );
}
