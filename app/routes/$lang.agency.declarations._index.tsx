import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeclarationStatusBadge } from "~/components/declarations/status-badge";
import { pageTitle } from "~/components/meta";
import { requireExportAgent } from "~/modules/export-agency/agency-access.server";
import { presentQueue, queueQueryFrom } from "~/modules/export-agency/declarations-presenter.server";
import { CUSTOMS_MODES, QUEUE_FILTERS } from "~/modules/export-agency/declaration-status";
import { requireLang } from "~/modules/i18n/config";

export const meta: MetaFunction = (args) => pageTitle(args, "agency.queue.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireExportAgent(request, lang);
  const query = queueQueryFrom(new URL(request.url).searchParams);
  return { lang, query, ...(await presentQueue(lang, query)) };
}

export default function DeclarationQueue() {
  const { t } = useTranslation();
  const { lang, query, items, byStatus } = useLoaderData<typeof loader>();
  const filtered = query.status !== "OPEN" || query.mode !== null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("agency.queue.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("agency.queue.intro")}</p>

      <ul className="mt-4 flex flex-wrap gap-2 text-sm" aria-label={t("agency.queue.counts")}>
        {Object.entries(byStatus).map(([status, count]) => (
          <li key={status}>
            <Link to={`/${lang}/agency/declarations?status=${status}`} className="inline-flex items-center gap-1 rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-50">
              {t(`agency.status.${status}`)} <span className="font-semibold">{count}</span>
            </Link>
          </li>
        ))}
      </ul>

      <Form method="get" className="card mt-4 flex flex-wrap items-end gap-3 p-4" aria-label={t("agency.queue.filters.label")}>
        <div>
          <label htmlFor="queue-status" className="label">
            {t("agency.queue.filters.status")}
          </label>
          <select id="queue-status" name="status" defaultValue={query.status} className="input">
            {QUEUE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "OPEN" ? t("agency.queue.filters.open") : s === "ALL" ? t("agency.queue.filters.all") : t(`agency.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="queue-mode" className="label">
            {t("agency.queue.filters.mode")}
          </label>
          <select id="queue-mode" name="mode" defaultValue={query.mode ?? ""} className="input">
            <option value="">{t("agency.queue.filters.anyMode")}</option>
            {CUSTOMS_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`agency.mode.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("agency.queue.filters.apply")}
        </button>
        {filtered ? (
          <Link to={`/${lang}/agency/declarations`} className="text-sm underline">
            {t("agency.queue.filters.clear")}
          </Link>
        ) : null}
      </Form>

      {items.length === 0 ? (
        <div className="card mt-4 p-6 text-center text-slate-700">
          <p className="font-semibold">{filtered ? t("agency.queue.emptyFiltered") : t("agency.queue.empty")}</p>
          <p className="mt-1 text-sm">{t("agency.queue.emptyHint")}</p>
        </div>
      ) : (
        <ol className="mt-4 space-y-3" aria-label={t("agency.queue.listLabel")}>
          {items.map((item) => (
            <li key={item.number} className="card p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold">
                  <Link to={`/${lang}/agency/declarations/${item.number}`} className="font-mono underline decoration-slate-300 underline-offset-2 hover:decoration-current">
                    {item.number}
                  </Link>
                  {item.version > 1 ? <span className="ml-2 text-xs text-slate-600">{t("agency.declaration.version", { version: item.version })}</span> : null}
                </h2>
                <DeclarationStatusBadge status={item.status} />
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
                <div>
                  <dt className="text-slate-600">{t("agency.queue.columns.mode")}</dt>
                  <dd>{t(`agency.mode.${item.mode}`)}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.queue.columns.exporter")}</dt>
                  <dd>{item.exporter}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.queue.columns.subject")}</dt>
                  <dd className="font-mono">{item.subject}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("agency.queue.columns.created")}</dt>
                  <dd>
                    {item.created} · {t("agency.queue.age", { count: item.ageDays })}
                  </dd>
                </div>
              </dl>
              <p className={`mt-2 text-sm ${item.blocker.kind === "mismatches" || item.blocker.kind === "rejected" ? "text-red-800" : "text-slate-700"}`} data-testid="blocker">
                {item.blocker.kind === "mismatches" ? <span className="font-semibold">{t("agency.queue.blockers.mismatches", { count: item.blocker.count })} </span> : null}
                {item.blocker.href ? (
                  <Link to={item.blocker.href} className="underline">
                    {item.blocker.text}
                  </Link>
                ) : (
                  item.blocker.text
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
