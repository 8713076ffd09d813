import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import { CartGate, CartGroups } from "~/components/cart/cart-view";
import { checkoutTotal, DeliverySummary, MoqNotices, useLang } from "~/components/cart/delivery-summary";
import { CsrfInput, SelectField, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { CheckoutLandedCosts } from "~/components/landed/checkout-landed";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { cartPageAccess } from "~/modules/ordering/cart.server";
import { checkoutFormSchema, ORIGIN_TERMS, placeOrders, prepareCheckout, type CheckoutLineError } from "~/modules/ordering/checkout.server";

export const meta: MetaFunction = (args) => pageTitle(args, "cart.checkout.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const access = await cartPageAccess(request, lang);
  if (!access.ok) return data({ gate: access.reason, page: null }, { status: 403 });
  const page = await prepareCheckout(access.buyer, lang, access.currencyCode, access.rates);
  // Nothing to check out: back to the (empty) cart.
  if (page.cart.groups.length === 0) throw redirect(`/${lang}/cart`);
  // The term choices travel with the data: a .server module's exports are empty in the browser.
  return { gate: null, page, originTerms: [...ORIGIN_TERMS] };
}

interface Reply {
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  lineErrors?: CheckoutLineError[];
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const t = serverT(lang);
  const access = await cartPageAccess(request, lang);
  if (!access.ok) return data<Reply>({ formError: t(`cart.gate.${access.reason}`) }, { status: 403 });
  const form = await parseForm(request, checkoutFormSchema, lang);
  if (!form.ok) return form.reply;
  const { terms, poNumber, ...address } = form.data;
  const result = await placeOrders(access.buyer, { address, poNumber, originTerms: terms, currencyCode: access.currencyCode }, lang);
  if (result.ok) return redirect(`/${lang}/checkout/done/${result.checkoutId}`);
  const values = Object.fromEntries([...form.formData].filter(([k, v]) => typeof v === "string" && k !== "csrf")) as Record<string, string>;
  const fieldErrors = Object.fromEntries(result.addressErrors.map((e) => [e.field, t(e.key, e.values ?? {})]));
  const status = result.code === "stock" ? 409 : 400;
  return data<Reply>({ formError: t(`cart.checkout.errors.${result.code}`), fieldErrors, values, lineErrors: result.lineErrors }, { status });
}

export default function CheckoutPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  // The term chosen per Zhuhai manufacturer (FOB until changed, or what was sent): the summary's delivery and total follow it.
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries((loaded.page?.originManufacturers ?? []).map((m) => [m.id, reply?.values?.[`term.${m.id}`] ?? "FOB"])),
  );
  if (loaded.gate || !loaded.page) return <CartGate reason={loaded.gate ?? "noOrganization"} />;
  const { page } = loaded;
  const total = checkoutTotal(page.cart.groups, chosen, page.cart.currency, lang);
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t("cart.checkout.title")}</h1>
      {/* Only warehouse stock is held; made-to-order lines from Zhuhai have nothing to hold. */}
      {page.cart.groups.some((g) => g.source === "warehouse") ? <p className="mt-1 text-sm text-slate-600">{t("cart.checkout.held", { minutes: page.heldMinutes })}</p> : null}
      {page.holdWarnings.map((w) => (
        <p key={w} className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {w}
        </p>
      ))}
      {reply?.formError ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="checkout-error">
          <p className="font-medium">{reply.formError}</p>
          {reply.lineErrors?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {reply.lineErrors.map((e) => (
                <li key={e.lineId}>
                  {[e.sku, e.name].filter(Boolean).join(" — ")}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-5">
        <Form method="post" className="card space-y-5 p-4 lg:col-span-3" noValidate data-testid="checkout-form">
          <CsrfInput />
          <fieldset className="space-y-3">
            <legend className="text-lg font-semibold">{t("cart.checkout.company")}</legend>
            <p className="text-sm text-slate-600">{t("cart.checkout.profileNote")}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("cart.checkout.company")}</dt>
              <dd>{page.company.legalName ?? page.company.name}</dd>
              <dt className="text-slate-600">{t("cart.checkout.taxId")}</dt>
              <dd data-testid="tax-id">{page.company.taxId ?? t("cart.checkout.noTaxId")}</dd>
            </dl>
          </fieldset>
          <fieldset className="space-y-3">
            <legend className="text-lg font-semibold">{t("cart.checkout.address")}</legend>
            <TextField label={t("cart.checkout.recipient")} name="recipient" reply={reply} defaultValue={page.defaults.recipient} autoComplete="organization" />
            <TextField label={t("cart.checkout.line1")} name="line1" reply={reply} defaultValue={page.defaults.line1} autoComplete="address-line1" required />
            <TextField label={t("cart.checkout.line2")} name="line2" reply={reply} defaultValue={page.defaults.line2} autoComplete="address-line2" />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label={t("cart.checkout.city")} name="city" reply={reply} defaultValue={page.defaults.city} autoComplete="address-level2" required />
              {page.regions.length ? (
                <SelectField label={t("cart.checkout.region")} name="region" reply={reply} defaultValue={page.defaults.region} options={[{ value: "", label: "—" }, ...page.regions]} required />
              ) : (
                <TextField label={t("cart.checkout.region")} name="region" reply={reply} defaultValue={page.defaults.region} autoComplete="address-level1" />
              )}
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              {page.asksPostalCode ? (
                <TextField label={t("cart.checkout.postalCode")} name="postalCode" reply={reply} defaultValue={page.defaults.postalCode} autoComplete="postal-code" />
              ) : (
                <p className="self-end text-sm text-slate-600">{t("cart.checkout.noPostalCode")}</p>
              )}
              <TextField label={t("cart.checkout.phone")} name="phone" reply={reply} type="tel" autoComplete="tel" />
            </div>
          </fieldset>
          <TextField label={t("cart.checkout.poNumber")} name="poNumber" reply={reply} />
          <fieldset className="space-y-3">
            <legend className="text-lg font-semibold">{t("cart.checkout.terms")}</legend>
            {page.cart.groups.some((g) => g.source === "warehouse") ? <p className="text-sm text-slate-700">{t("cart.checkout.ddpNote")}</p> : null}
            {page.originManufacturers.map((m) => (
              <SelectField
                key={m.id}
                label={t("cart.checkout.termFor", { manufacturer: m.name })}
                name={`term.${m.id}`}
                reply={reply}
                defaultValue="FOB"
                onChange={(event: React.ChangeEvent<HTMLSelectElement>) => {
                  const term = event.currentTarget.value;
                  setChosen((c) => ({ ...c, [m.id]: term }));
                }}
                options={loaded.originTerms.map((term) => {
                  const option = m.options.find((o) => o.term === term);
                  const name = t(`cart.checkout.termNames.${term}`);
                  const label =
                    option?.status === "priced" ? t("cart.checkout.termOption", { name, fee: option.feeBuyer ?? option.fee }) : option?.status === "missing" ? t("cart.checkout.termMissing", { name }) : t("cart.checkout.termFree", { name });
                  return { value: term, label };
                })}
              />
            ))}
          </fieldset>
          <p className="text-sm text-slate-600">{t("cart.checkout.placeNote")}</p>
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton pendingLabel="…">{t("cart.checkout.place")}</SubmitButton>
            <Link to="../cart" relative="path" className="link text-sm">
              {t("cart.checkout.backToCart")}
            </Link>
          </div>
        </Form>
        <aside className="lg:col-span-2" aria-labelledby="summary-title">
          <h2 id="summary-title" className="text-lg font-semibold">
            {t("cart.checkout.summary")}
          </h2>
          <MoqNotices notices={page.cart.moqNotices} />
          <CartGroups groups={page.cart.groups} />
          <DeliverySummary groups={page.cart.groups} chosen={chosen} />
          <CheckoutLandedCosts landed={page.landed} originManufacturers={page.originManufacturers} chosen={chosen} />
          {page.cart.goodsTotal ? (
            <p className="mt-4 text-sm" data-testid="checkout-goods-total">
              {t("cart.page.goods")}: {page.cart.goodsTotal}
            </p>
          ) : null}
          {total ? (
            <p className="mt-1 text-lg font-semibold" data-testid="checkout-total">
              {t("cart.checkout.totalToPay")}: {total}
            </p>
          ) : null}
          {page.cart.rateDate ? <p className="text-xs text-slate-600">{t("cart.page.rateNote", { date: page.cart.rateDate })}</p> : null}
        </aside>
      </div>
    </div>
  );
}
