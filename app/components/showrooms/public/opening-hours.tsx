import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import { localeTag } from "~/modules/i18n/locale";
import type { OpeningHoursRule, OpenState } from "~/modules/showrooms/event-times";

/** Weekday names for ISO days in the reader's language (a Monday in 2024 is day 1). */
function weekdayName(day: number, lang: Lang) {
  return new Intl.DateTimeFormat(localeTag(lang), { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, day)));
}

/** Opening hours in the hall's zone (named), with "open now" / "closed now" by the hall's clock. */
export function OpeningHours({ rules, state, timeZoneName, lang }: { rules: OpeningHoursRule[]; state: OpenState; timeZoneName: string; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <div data-testid="opening-hours">
      <p className="flex flex-wrap items-center gap-2">
        <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${state.open ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`} data-testid="open-now" data-open={state.open ? "true" : "false"}>
          {state.open ? t("showrooms.public.openNow") : t("showrooms.public.closedNow")}
        </span>
        <span className="text-xs text-slate-600">{t("showrooms.public.hoursZone", { zone: timeZoneName })}</span>
      </p>
      {rules.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("showrooms.public.noHours")}</p>
      ) : (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          {rules.map((rule) => (
            <div key={`${rule.days.join()}-${rule.opens}`} className="contents">
              <dt className="font-medium">{rule.days.map((d) => weekdayName(d, lang)).join(", ")}</dt>
              <dd>
                {rule.opens}–{rule.closes}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
