import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { RfqStatusBadge } from "~/components/rfq/rfq-parts";
import { requireLang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { RFQ_STATUSES } from "~/modules/ordering/quotes";
import { listRfqs, requireRfqActor } from "~/modules/ordering/rfqs.server";

export const meta: MetaFunction = (args) => pageTitle(args, "rfq.list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireRfqActor(request, lang, { partiesOnly: false });
  const raw = new URL(request.url).searchParams.get("status");
  // An unknown status in the URL is simply no filter.
  const status = RFQ_STATUSES.find((s) => s === raw) ?? null;
  const rfqs = await listRfqs(actor, { status });
  return {
    lang,
    kind: actor.kind,
    status,
    rfqs: rfqs.map((r) => ({
      number: r.number,
      title: r.title,
      status: r.status,
      counterpart: r.counterpart,
      quantity: r.quantity,
      tradeTerm: r.tradeTerm,
      unread: r.unread,
      respondBy: r.status === "OPEN" ? formatDate(r.respondBy, lang) : null,
      updated: formatDate(r.updatedAt, lang),
    })),
  };
}

export default function RfqList() {
  const { t } = useTranslation();
  const { lang, kind, status, rfqs } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold sm:text-3xl">{t("rfq.list.title")}</h1>
          <p className="mt-1 text-slate-700">{kind === "BUYER" ? t("rfq.list.subtitleBuyer") : t("rfq.list.subtitleManufacturer")}</p>
        </div>
        {kind === "BUYER" ? (
          <Link to={`/${lang}/rfqs/new`} className="btn-primary">
            {t("rfq.list.new")}
          </Link>
        ) : null}
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="rfq-status" className="label">
            {t("rfq.list.filter")}
          </label>
          <select id="rfq-status" name="status" defaultValue={status ?? ""} className="input">
            <option value="">{t("rfq.list.all")}</option>
            {RFQ_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`rfq.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("rfq.list.apply")}
        </button>
      </Form>

      {rfqs.length === 0 ? (
        <div className="card mt-6 text-center">
          <p className="font-semibold">{t("rfq.list.empty")}</p>
          <p className="mt-1 text-sm text-slate-600">{kind === "BUYER" ? t("rfq.list.emptyBuyer") : t("rfq.list.emptyManufacturer")}</p>
        </div>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {rfqs.map((r) => (
            <li key={r.number}>
              <Link to={`/${lang}/rfqs/${r.number}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 focus:bg-slate-50 sm:flex-row sm:items-center sm:gap-4">
                <span className="font-mono text-sm text-slate-600 sm:w-40">{r.number}</span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-semibold">{r.title}</span>
                  <span className="block truncate text-sm text-slate-600">
                    {t("rfq.list.counterpart")}: {r.counterpart} · {t("rfq.list.quantity")}: {r.quantity} · {r.tradeTerm}
                  </span>
                </span>
                <span className="flex flex-wrap items-center gap-2 text-sm">
                  <RfqStatusBadge status={r.status} />
                  {r.unread > 0 ? <span className="badge bg-brand-600 text-white">{t("rfq.list.unread", { count: r.unread })}</span> : null}
                  {r.respondBy ? (
                    <span className="text-slate-600">
                      {t("rfq.list.respondBy")}: {r.respondBy}
                    </span>
                  ) : (
                    <span className="text-slate-600">{r.updated}</span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
