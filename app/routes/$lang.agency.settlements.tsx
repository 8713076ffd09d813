import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton, type FormReply } from "~/components/forms";
import { SettlementFigures } from "~/components/export-money/settlement-figures";
import { pageTitle } from "~/components/meta";
import { ScrollBox } from "~/components/scroll-box";
import { requireExportAgent } from "~/modules/export-agency/agency-access.server";
import { presentAgencySettlements } from "~/modules/export-agency/money-pages.server";
import { markSettlementPaid, SettlementError } from "~/modules/export-agency/settlements.server";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";

export const meta: MetaFunction = (args) => pageTitle(args, "exportmoney.agency.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireExportAgent(request, lang);
  return { lang, ...(await presentAgencySettlements(lang)) };
}

const Schema = z.object({ settlementId: z.uuid("exportmoney.agency.errors.not_found") });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireExportAgent(request, lang);
  const form = await parseForm(request, Schema, lang);
  if (!form.ok) return form.reply;
  const t = serverT(lang);
  try {
    await markSettlementPaid(form.data.settlementId, context.user.id);
  } catch (error) {
    if (error instanceof SettlementError) return formErrorReply(lang, form.formData, {}, t(`exportmoney.agency.errors.${error.code}`), error.code === "not_found" ? 404 : 409);
    throw error;
  }
  return data({ success: t("exportmoney.agency.markedPaid") });
}

type ActionReply = FormReply & { success?: string };

export default function AgencySettlements() {
  const { t } = useTranslation();
  const { lang, total, makers, pending, paid, rebates } = useLoaderData<typeof loader>();
  const reply = useActionData<ActionReply>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("exportmoney.agency.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("exportmoney.agency.intro")}</p>
      <p className="mt-2 text-sm">
        <Link to={`/${lang}/platform/rebate-rates`} className="link">
          {t("exportmoney.agency.ratesLink")}
        </Link>
      </p>

      <div className="mt-6">
        {reply?.success ? <FormSuccess>{reply.success}</FormSuccess> : null}
        <FormError reply={reply} />
      </div>

      <section aria-labelledby="owed-title" className="mt-2">
        <h2 id="owed-title" className="text-lg font-semibold">
          {t("exportmoney.agency.owedTitle")} <span className="text-base font-normal text-slate-700">· {total}</span>
        </h2>
        {makers.length === 0 ? (
          <p className="card mt-3 p-4 text-center text-slate-700">{t("exportmoney.agency.nothingOwed")}</p>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="owed-by-maker">
            {makers.map((m) => (
              <li key={m.organizationId} className={`card ${m.overdue ? "border-amber-300" : ""}`}>
                <p className="font-semibold">{m.name}</p>
                <p className="mt-1 text-xl font-bold tabular-nums">{m.net}</p>
                <p className="text-sm text-slate-700">{t("exportmoney.agency.settlementCount", { count: m.count })}</p>
                <p className={`text-sm ${m.overdue ? "font-medium text-amber-900" : "text-slate-700"}`}>
                  {t("exportmoney.agency.firstDue", { date: m.firstDue })}
                  {m.overdue ? ` · ${t("exportmoney.agency.overdueCount", { count: m.overdue })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {pending.length > 0 ? (
        <section aria-labelledby="pending-title" className="mt-8">
          <h2 id="pending-title" className="text-lg font-semibold">
            {t("exportmoney.agency.pendingTitle")}
          </h2>
          <ul className="mt-3 space-y-3" data-testid="pending-settlements">
            {pending.map((s) => (
              <li key={s.id} className={`card ${s.overdue ? "border-amber-300" : ""}`} data-testid="pending-settlement">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <p className="font-semibold">
                    {s.maker} · <span className="font-mono text-sm">{s.orderNumber}</span>
                  </p>
                  <p className={`text-sm ${s.overdue ? "font-medium text-amber-900" : "text-slate-700"}`}>
                    {s.overdue ? t("exportmoney.overdueSince", { date: s.expectedOn }) : t("exportmoney.dueOn", { date: s.expectedOn })}
                  </p>
                </div>
                <SettlementFigures s={s} />
                {s.refundNote ? <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{s.refundNote}</p> : null}
                <Form method="post" className="mt-3">
                  <CsrfInput />
                  <input type="hidden" name="settlementId" value={s.id} />
                  <SubmitButton pendingLabel={t("exportmoney.agency.markPaid")} className="btn-secondary">
                    {t("exportmoney.agency.markPaidFor", { order: s.orderNumber })}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="rebates-title" className="mt-8">
        <h2 id="rebates-title" className="text-lg font-semibold">
          {t("exportmoney.agency.rebatesTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("exportmoney.agency.rebatesHelp")}</p>
        {rebates.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("exportmoney.agency.noRebates")}</p>
        ) : (
          <ScrollBox labelledBy="rebates-title" className="mt-3 rounded-md border border-slate-200 bg-white">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="agency-rebates">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("exportmoney.maker.month")}</th>
                  <th scope="col" className="px-3 py-2">{t("exportmoney.agency.maker")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("exportmoney.maker.cleared")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("exportmoney.maker.nonCreditable")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("exportmoney.maker.pending")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rebates.map((r) => (
                  <tr key={r.key}>
                    <td className="whitespace-nowrap px-3 py-2">{r.monthLabel}</td>
                    <th scope="row" className="px-3 py-2 font-normal">{r.maker}</th>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {r.cleared} <span className="text-xs text-slate-500">({t("exportmoney.maker.declarationCount", { count: r.clearedCount })})</span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.nonCreditable}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {r.pending} <span className="text-xs text-slate-500">({t("exportmoney.maker.declarationCount", { count: r.pendingCount })})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>

      <section aria-labelledby="paid-title" className="mt-8">
        <h2 id="paid-title" className="text-lg font-semibold">
          {t("exportmoney.agency.paidTitle")}
        </h2>
        {paid.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("exportmoney.agency.nonePaid")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm" data-testid="paid-settlements">
            {paid.map((s) => (
              <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2">
                <span>
                  {s.maker} · <span className="font-mono">{s.orderNumber}</span>
                </span>
                <span className="font-medium tabular-nums">{s.net}</span>
                <span className="text-slate-600">{t("exportmoney.agency.paidBy", { date: s.paidAt ?? "", name: s.paidBy })}</span>
                {s.refundNote ? <span className="w-full text-amber-900">{s.refundNote}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
