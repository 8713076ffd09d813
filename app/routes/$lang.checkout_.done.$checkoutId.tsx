import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CartGate } from "~/components/cart/cart-view";
import { pageTitle } from "~/components/meta";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { formatMoney } from "~/modules/money/money";
import { cartPageAccess, orderLeadTimeText } from "~/modules/ordering/cart.server";
import { checkoutConfirmation } from "~/modules/ordering/checkout.server";

export const meta: MetaFunction = (args) => pageTitle(args, "cart.checkout.done.title");

/** After a checkout: the orders it made, each with its number, bank reference and locked amounts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const checkoutId = requireUuid(params.checkoutId);
  const access = await cartPageAccess(request, lang);
  if (!access.ok) return data({ gate: access.reason, orders: null }, { status: 403 });
  const found = await checkoutConfirmation(access.buyer, checkoutId);
  if (!found) notFound();
  const t = serverT(lang);
  const { rates } = access;
  return {
    gate: null,
    orders: found.orders.map((o) => ({
      id: o.id,
      number: o.number,
      bankReference: o.bankReference,
      manufacturerName: o.manufacturerName,
      source: o.source,
      tradeTerm: o.tradeTerm,
      total: formatMoney({ amountMinor: o.totalMinor, currency: rates.currency(o.currencyCode.trim()) }, lang),
      buyerTotal: formatMoney({ amountMinor: o.buyerTotalMinor, currency: rates.currency(o.buyerCurrencyCode.trim()) }, lang),
      rate: o.currencyCode === o.buyerCurrencyCode ? null : t("cart.checkout.done.rate", { from: o.currencyCode.trim(), to: o.buyerCurrencyCode.trim(), rate: o.fxRate.toString(), date: formatDate(o.fxRateDate, lang) }),
      leadTime: orderLeadTimeText(lang, o.source, o.leadTimeDaysMin, o.leadTimeDaysMax),
    })),
  };
}

export default function CheckoutDone() {
  const { t } = useTranslation();
  const { gate, orders } = useLoaderData<typeof loader>();
  // The URL's language, not i18next's: that one is "pt-PT" for European Portuguese readers.
  const lang = useParams().lang;
  if (gate || !orders) return <CartGate reason={gate ?? "noOrganization"} />;
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t("cart.checkout.done.title")}</h1>
      <p className="mt-2 text-slate-700" role="status">
        {t("cart.checkout.done.intro", { count: orders.length })} {t("cart.checkout.done.next")}
      </p>
      <ul className="mt-6 space-y-4" data-testid="placed-orders">
        {orders.map((o) => (
          <li key={o.id} className="card p-4" data-testid="placed-order" data-number={o.number}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">
                <Link to={`/${lang}/orders/${o.number}`} className="link">
                  {o.number}
                </Link>
              </h2>
              <span className="text-sm text-slate-600">
                {o.manufacturerName} · {t(`cart.checkout.done.sources.${o.source}`)} · {o.tradeTerm}
              </span>
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("cart.page.total")}</dt>
              <dd>
                {o.total}
                {o.rate ? ` · ${o.buyerTotal}` : ""}
              </dd>
              {o.rate ? (
                <>
                  <dt className="sr-only">fx</dt>
                  <dd className="col-span-2 text-xs text-slate-600">{o.rate}</dd>
                </>
              ) : null}
              <dt className="text-slate-600">{t("cart.checkout.done.bankReference")}</dt>
              <dd className="font-mono">{o.bankReference}</dd>
              <dt className="text-slate-600">{t("cart.checkout.done.leadTime")}</dt>
              <dd>{o.leadTime}</dd>
            </dl>
            <Link to={`/${lang}/orders/${o.number}`} className="btn-primary mt-3 inline-block">
              {t("cart.checkout.done.view")}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
