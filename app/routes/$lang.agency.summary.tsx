import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { ScrollBox } from "~/components/scroll-box";
import { requireExportAgent } from "~/modules/export-agency/agency-access.server";
import { parseMonth } from "~/modules/export-agency/summary-groups";
import { presentMonthlySummary } from "~/modules/export-agency/summary.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";

export const meta: MetaFunction = (args) => pageTitle(args, "customs.summary.title");

/**
 * The monthly summary declaration (agent only): the month's cleared lists merged by the merge key, with totals,
 * the deadline and a CSV of the same. No month: the previous month in China time, the one due now. A month that is
 * not YYYY-MM answers 400 with the previous month shown and the reason beside the picker.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireExportAgent(request, lang);
  const raw = new URL(request.url).searchParams.get("month");
  const month = parseMonth(raw);
  const invalid = raw !== null && raw.trim() !== "" && !month;
  const summary = await presentMonthlySummary(lang, month, serverT(lang));
  return data({ lang, invalid, ...summary }, { status: invalid ? 400 : 200 });
}

export default function SummaryDeclaration() {
  const { t } = useTranslation();
  const { lang, invalid, month, monthLabel, deadline, groups, totals } = useLoaderData<typeof loader>();
  const columns = ["consignor", "transport", "destination", "customsOffice", "hsCode", "currency", "declarations", "quantity", "value", "netWeight", "grossWeight"] as const;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("customs.summary.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("customs.summary.intro")}</p>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="summary-month" className="label">
            {t("customs.summary.month")}
          </label>
          <input
            id="summary-month"
            name="month"
            type="month"
            defaultValue={month}
            pattern="\d{4}-\d{2}"
            className="input"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "summary-month-error" : undefined}
          />
        </div>
        <button type="submit" className="btn-secondary">
          {t("customs.summary.show")}
        </button>
        <a href={`/${lang}/agency/summary.csv?month=${month}`} className="btn-secondary" download>
          {t("customs.summary.csv")}
        </a>
        {invalid ? (
          <p id="summary-month-error" role="alert" className="w-full text-sm font-medium text-red-700">
            {t("customs.summary.invalidMonth")}
          </p>
        ) : null}
      </Form>

      <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="summary-deadline">
        <p className="font-medium">{t("customs.summary.deadline", { month: monthLabel, date: deadline })}</p>
        <p className="mt-1">{t("customs.summary.deadlineNote")}</p>
      </div>

      {groups.length === 0 ? (
        <p className="card mt-6 p-4 text-center text-slate-700" data-testid="summary-empty">
          {t("customs.summary.empty", { month: monthLabel })}
        </p>
      ) : (
        <>
          <section aria-labelledby="summary-totals" className="mt-6">
            <h2 id="summary-totals" className="text-lg font-semibold">
              {t("customs.summary.totalsHeading")}
            </h2>
            <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="summary-totals">
              {totals.map((total) => (
                <li key={total.currency} className="card">
                  <p className="text-xl font-bold tabular-nums">{total.value}</p>
                  <dl className="mt-1 grid grid-cols-2 gap-x-3 text-sm text-slate-700">
                    <dt>{t("customs.summary.columns.declarations")}</dt>
                    <dd className="tabular-nums">{total.declarations}</dd>
                    <dt>{t("customs.summary.columns.netWeight")}</dt>
                    <dd className="tabular-nums">{total.netWeight}</dd>
                    <dt>{t("customs.summary.columns.grossWeight")}</dt>
                    <dd className="tabular-nums">{total.grossWeight}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="summary-lines" className="mt-8">
            <h2 id="summary-lines" className="text-lg font-semibold">
              {t("customs.summary.linesHeading")}
            </h2>
            {/* A phone gets one card per summary line; wider screens the table. */}
            <ul className="mt-3 space-y-3 md:hidden" data-testid="summary-cards">
              {groups.map((g) => (
                <li key={g.key} className="card">
                  <p className="font-semibold">{g.consignor}</p>
                  <p className="font-mono text-sm text-slate-700">{g.consignorCode}</p>
                  <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
                    {columns.slice(1).map((column) => (
                      <div key={column} className="contents">
                        <dt className="text-slate-600">{t(`customs.summary.columns.${column}`)}</dt>
                        <dd className={column === "hsCode" || column === "declarations" ? "break-all font-mono" : "break-words tabular-nums"}>
                          {column === "declarations" ? g.declarations.join(", ") : g[column]}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ul>
            <ScrollBox labelledBy="summary-lines" className="mt-3 hidden md:block">
              <table className="w-full min-w-[56rem] border-collapse text-sm" data-testid="summary-table">
                <thead>
                  <tr className="border-b border-slate-300 text-left">
                    {columns.map((column) => (
                      <th key={column} scope="col" className="px-2 py-2 font-semibold">
                        {t(`customs.summary.columns.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.key} className="border-b border-slate-100 align-top">
                      <th scope="row" className="px-2 py-2 text-left font-medium">
                        {g.consignor}
                        <span className="block font-mono text-xs font-normal text-slate-600">{g.consignorCode}</span>
                      </th>
                      <td className="px-2 py-2">{g.transport}</td>
                      <td className="px-2 py-2">{g.destination}</td>
                      <td className="px-2 py-2 font-mono">{g.customsOffice}</td>
                      <td className="whitespace-nowrap px-2 py-2 font-mono">{g.hsCode}</td>
                      <td className="px-2 py-2">{g.currency}</td>
                      <td className="px-2 py-2 font-mono text-xs">
                        {g.declarations.map((number) => (
                          <span key={number} className="block whitespace-nowrap">
                            {number}
                          </span>
                        ))}
                      </td>
                      <td className="px-2 py-2 tabular-nums">{g.quantity}</td>
                      <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{g.value}</td>
                      <td className="px-2 py-2 text-right tabular-nums">{g.netWeight}</td>
                      <td className="px-2 py-2 text-right tabular-nums">{g.grossWeight}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          </section>
        </>
      )}
    </div>
  );
}
