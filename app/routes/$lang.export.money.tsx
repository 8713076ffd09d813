import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RebateByMonthChart } from "~/components/export-money/rebate-chart";
import { SettlementFigures } from "~/components/export-money/settlement-figures";
import { pageTitle } from "~/components/meta";
import { ScrollBox } from "~/components/scroll-box";
import { requireDeclarationsManufacturer } from "~/modules/export-agency/agency-access.server";
import { presentMakerMoney } from "~/modules/export-agency/money-pages.server";
import { requireLang } from "~/modules/i18n/config";

export const meta: MetaFunction = (args) => pageTitle(args, "exportmoney.maker.title");

/** The manufacturer's export money: what the agency pays it and when, and its VAT rebate estimates by month. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireDeclarationsManufacturer(request, lang);
  return presentMakerMoney(context, lang);
}

export default function ExportMoney() {
  const { t } = useTranslation();
  const { settlements, pendingTotal, nextDue, method, months, estimates } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("exportmoney.maker.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("exportmoney.maker.intro")}</p>

      <section aria-labelledby="settlements-title" className="mt-6">
        <h2 id="settlements-title" className="text-xl font-semibold">
          {t("exportmoney.maker.settlementsTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("exportmoney.maker.settlementsHelp")}</p>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <div className="card">
            <p className="text-sm text-slate-600">{t("exportmoney.maker.toReceive")}</p>
            <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="to-receive">
              {pendingTotal}
            </p>
          </div>
          <div className="card">
            <p className="text-sm text-slate-600">{t("exportmoney.maker.nextPayment")}</p>
            <p className="mt-1 text-lg font-semibold">{nextDue ? t("exportmoney.maker.nextPaymentValue", { amount: nextDue.net, date: nextDue.date }) : t("exportmoney.maker.noNextPayment")}</p>
          </div>
        </div>
        {settlements.length === 0 ? (
          <p className="card mt-3 p-4 text-center text-slate-700">{t("exportmoney.maker.noSettlements")}</p>
        ) : (
          <ul className="mt-3 space-y-3" data-testid="maker-settlements">
            {settlements.map((s) => (
              <li key={s.id} className="card" data-testid="maker-settlement">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <p className="font-mono text-sm font-semibold">{s.orderNumber}</p>
                  <p className="text-sm">
                    {s.status === "PAID" ? (
                      <span className="badge bg-emerald-100 text-emerald-900">{t("exportmoney.paidOn", { date: s.paidAt ?? "" })}</span>
                    ) : (
                      <span className={s.overdue ? "font-medium text-amber-900" : "text-slate-700"}>{s.overdue ? t("exportmoney.overdueSince", { date: s.expectedOn }) : t("exportmoney.expectedOn", { date: s.expectedOn })}</span>
                    )}
                  </p>
                </div>
                <SettlementFigures s={s} />
                {s.refundNote ? <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{s.refundNote}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="rebates-title" className="mt-10">
        <h2 id="rebates-title" className="text-xl font-semibold">
          {t("exportmoney.maker.rebatesTitle")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{method === "EXEMPT_REFUND" ? t("exportmoney.maker.traderHelp") : t("exportmoney.maker.manufacturerHelp")}</p>
        {months.length === 0 ? (
          <p className="card mt-3 p-4 text-center text-slate-700">{t("exportmoney.maker.noEstimates")}</p>
        ) : (
          <>
            <div className="card mt-3">
              <RebateByMonthChart months={months} />
              <ScrollBox label={t("exportmoney.maker.monthlyTitle")} className="mt-4">
                <table className="w-full min-w-[32rem] text-left text-sm" data-testid="rebate-months">
                  <caption className="sr-only">{t("exportmoney.maker.monthlyTitle")}</caption>
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3">{t("exportmoney.maker.month")}</th>
                      <th scope="col" className="py-1 pr-3 text-right">{t("exportmoney.maker.cleared")}</th>
                      <th scope="col" className="py-1 pr-3 text-right">{t("exportmoney.maker.nonCreditable")}</th>
                      <th scope="col" className="py-1 text-right">{t("exportmoney.maker.pending")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {months.map((m) => (
                      <tr key={m.month} data-testid="rebate-month">
                        <th scope="row" className="py-1.5 pr-3 font-normal">{m.label}</th>
                        <td className="py-1.5 pr-3 text-right tabular-nums">
                          {m.cleared} <span className="text-xs text-slate-500">({t("exportmoney.maker.declarationCount", { count: m.clearedCount })})</span>
                        </td>
                        <td className="py-1.5 pr-3 text-right tabular-nums">{m.nonCreditable}</td>
                        <td className="py-1.5 text-right tabular-nums">
                          {m.pending} <span className="text-xs text-slate-500">({t("exportmoney.maker.declarationCount", { count: m.pendingCount })})</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            </div>
            <ul className="mt-4 space-y-3" data-testid="rebate-estimates">
              {estimates.map((e) => (
                <li key={e.id} className="card" data-testid="rebate-estimate">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <p className="font-mono text-sm font-semibold">{e.declarationNumber}</p>
                    <p className="text-sm">
                      <span className={`badge ${e.status === "CLEARED" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-800"}`}>{e.statusLabel}</span> <span className="text-slate-600">{e.month}</span>
                    </p>
                  </div>
                  <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
                    <div>
                      <dt className="text-slate-600">{t("exportmoney.maker.fob")}</dt>
                      <dd className="tabular-nums">{e.fob}</dd>
                    </div>
                    <div className="col-span-2 sm:col-span-1">
                      <dt className="text-slate-600">{t("exportmoney.rate")}</dt>
                      <dd>{e.rate ?? "—"}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">{t("exportmoney.maker.fobCny")}</dt>
                      <dd className="tabular-nums">{e.fobCny}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">{e.method === "EXEMPT_REFUND" ? t("exportmoney.maker.refund") : t("exportmoney.maker.ceiling")}</dt>
                      <dd className="font-semibold tabular-nums">{e.rebate}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">{t("exportmoney.maker.nonCreditable")}</dt>
                      <dd className="tabular-nums">{e.nonCreditable ?? "—"}</dd>
                    </div>
                  </dl>
                  {e.rates.length ? <p className="mt-2 text-xs text-slate-600">{t("exportmoney.maker.ratesUsed", { rates: e.rates.join(" · ") })}</p> : null}
                  {e.missingCodes.length ? <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("exportmoney.maker.missingRates", { codes: e.missingCodes.join(", ") })}</p> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
