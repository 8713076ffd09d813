import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BuyerPreferences } from "~/components/catalog/buyer-preferences";
import { AvailabilityIcon } from "~/components/catalog/product-card";
import { ProductGallery } from "~/components/catalog/product-gallery";
import { quoteFor, TierCalculator } from "~/components/catalog/tier-calculator";
import { TranslationNote } from "~/components/catalog/translation-note";
import { VerifiedMark } from "~/components/catalog/verified-mark";
import { VerificationBadge } from "~/components/verification-badge";
import { ScrollBox } from "~/components/scroll-box";
import { buyerPreferencesView, currentRates, deliveryLocation, getBuyerContext } from "~/modules/catalog/buyer-context.server";
import { loadProductPage, productJsonLd } from "~/modules/catalog/product-page.server";
import { env } from "~/modules/config/env.server";
import { notFound } from "~/modules/http/responses.server";
import { LOCALE_TAGS, requireLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { productAvailability, type ProductAvailability } from "~/modules/inventory/availability.server";
import { buyerGate } from "~/modules/ordering/cart.server";
import { AddToCart } from "~/components/cart/add-to-cart";
import { LandedCostSection } from "~/components/landed/landed-cost-section";
import { productLandedCost } from "~/modules/export-agency/landed-cost.server";
import { ShowroomSourceBanner } from "~/components/showrooms/public/source-banner";
import { showroomBanner } from "~/modules/showrooms/public-storefronts.server";
import { parseViaParam } from "~/modules/showrooms/source.server";

/** The quantity the page prices and allocates: `?quantity=` (the calculator's GET form), else the MOQ. */
function requestedQuantity(url: URL, moq: number): number {
  const raw = url.searchParams.get("quantity")?.trim() ?? "";
  const n = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 ? n : moq;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const [buyer, rates, gate] = await Promise.all([getBuyerContext(request, lang), currentRates(), buyerGate(request)]);
  const currency = rates.currencies.get(buyer.currencyCode) ?? rates.currency("USD");
  const found = await loadProductPage(params.slug ?? "", lang, { currency, countryCode: buyer.countryCode }, rates);
  if (!found) notFound();
  const { availabilityInput, ...page } = found;
  const quantity = requestedQuantity(new URL(request.url), page.trade.moq);
  // A QR scan's ?via= names the showroom booth the visitor came from: a banner only (attribution reads the signed cookie).
  const via = parseViaParam(new URL(request.url).searchParams.get("via"));
  const [availability, landed, showroom] = await Promise.all([
    productAvailability(availabilityInput, quantity, deliveryLocation(buyer), lang, rates.currencies),
    productLandedCost({ variantId: availabilityInput.variants[0]?.id ?? null, quantity, buyer, incoterm: new URL(request.url).searchParams.get("incoterm"), fx: rates, lang }),
    via ? showroomBanner(via, lang) : null,
  ]);
  const appUrl = env().APP_URL;
  const url = `${appUrl}/${lang}/products/${page.slug}`;
  const description = (page.shortDescription?.value ?? page.longDescription?.value ?? page.name.value).replace(/\s+/g, " ").slice(0, 200);
  const imageUrls = page.images.map((i) => appUrl + i.src);
  const t = serverT(lang);
  const unitLabel = t(`browse.unitNames.${page.trade.unit}`);
  const conversion = page.conversion ? { to: page.conversion.to, numerator: page.conversion.numerator, denominator: page.conversion.denominator } : null;
  return {
    lang,
    page,
    unitLabel,
    quantity,
    availability,
    landed,
    showroom,
    // Only signed-in members of a buyer company may order; the others are told why.
    cart: { blocked: gate.ok ? null : gate.reason, variants: availabilityInput.variants.map((v) => ({ id: v.id, label: [v.sku, v.voltage, v.plugType, v.color, v.capacity].filter(Boolean).join(" · ") })) },
    initialQuote: quoteFor(page.tiers, quantity, page.currency, conversion, lang),
    calculatorConversion: conversion,
    preferences: buyerPreferencesView(buyer, lang),
    seo: {
      title: page.name.value,
      description,
      url,
      image: imageUrls[0] ?? null,
      imageAlt: page.images[0]?.alt ?? null,
      ogLocale: LOCALE_TAGS[lang].replace("-", "_"),
      jsonLd: productJsonLd(found, url, imageUrls),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Ponte" }];
  const { seo } = data;
  return [
    { title: `${seo.title} · Ponte` },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.url },
    { property: "og:type", content: "product" },
    { property: "og:site_name", content: "Ponte" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.url },
    { property: "og:locale", content: seo.ogLocale },
    ...(seo.image ? [{ property: "og:image", content: seo.image }, ...(seo.imageAlt ? [{ property: "og:image:alt", content: seo.imageAlt }] : [])] : []),
    { name: "twitter:card", content: seo.image ? "summary_large_image" : "summary" },
    { "script:ld+json": seo.jsonLd },
  ];
};

export default function ProductPage() {
  const { lang: rawLang, page, unitLabel, initialQuote, calculatorConversion, preferences, quantity, availability, cart, landed, showroom } = useLoaderData<typeof loader>();
  const lang = rawLang as Lang;
  const { t } = useTranslation();
  const [activeTier, setActiveTier] = useState<number | null>(initialQuote?.tierIndex ?? null);
  const validHere = page.certifications.filter((c) => c.validHere);
  const incotermLabel = t(`browse.incoterm.${page.trade.incoterm}`);
  const variantColumns = (["voltage", "plugType", "color", "capacity"] as const).filter((k) => page.variants.some((v) => v[k]));
  // Availability follows the calculator's quantity: the same loader, fetched for ?quantity=N (a GET form without JavaScript).
  const fetcher = useFetcher<typeof loader>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onQuantityChange = (n: number | null) => {
    clearTimeout(timer.current);
    if (n === null || n < 1 || n > 9_999_999) return;
    timer.current = setTimeout(() => fetcher.load(`/${lang}/products/${page.slug}?quantity=${n}`), 350);
  };
  const shownAvailability = fetcher.data?.availability ?? availability;
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <nav aria-label={t("browse.breadcrumb")} className="text-sm text-slate-600">
          <Link to={`/${lang}/products`} className="hover:underline">
            {t("browse.title")}
          </Link>
          {page.category?.parent ? (
            <>
              <span aria-hidden> / </span>
              <Link to={`/${lang}/products?category=${page.category.parent.slug}`} className="hover:underline">
                {page.category.parent.name}
              </Link>
            </>
          ) : null}
          {page.category ? (
            <>
              <span aria-hidden> / </span>
              <Link to={`/${lang}/products?category=${page.category.slug}`} className="hover:underline">
                {page.category.name}
              </Link>
            </>
          ) : null}
        </nav>
        <BuyerPreferences prefs={preferences} />
      </div>
      {showroom ? <ShowroomSourceBanner banner={showroom} /> : null}

      <div className="mt-6 grid grid-cols-1 gap-8 md:grid-cols-2">
        <ProductGallery images={page.images} name={page.name.value} />

        <div className="min-w-0 space-y-5">
          <div>
            {page.brand ? <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{page.brand}</p> : null}
            <h1 className="mt-1 break-words text-2xl font-bold leading-tight sm:text-3xl" lang={LOCALE_TAGS[page.name.lang]} data-testid="product-name">
              {page.name.value}
            </h1>
            {page.name.note ? <TranslationNote note={page.name.note} shownIn={page.name.lang} sourceLang={page.sourceLang} className="mt-2" /> : null}
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <a href="#maker" className="font-medium hover:underline">
                {page.maker.name}
              </a>
              {page.maker.verification === "VERIFIED" ? <VerifiedMark /> : null}
              {page.maker.city ? <span className="text-slate-500">· {page.maker.city}</span> : null}
            </p>
            {page.shortDescription ? (
              <p className="mt-3 text-slate-700" lang={LOCALE_TAGS[page.shortDescription.lang]}>
                {page.shortDescription.value}
              </p>
            ) : null}
          </div>

          {validHere.length > 0 ? (
            <p className="flex flex-wrap items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="certified-here">
              <span aria-hidden>✓</span>
              {t("browse.product.certifiedHere", { country: page.buyerCountry?.name ?? "", schemes: validHere.map((c) => c.code).join(", ") })}
            </p>
          ) : null}

          <section aria-labelledby="tiers-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="tiers-title" className="text-base font-semibold">
                {t("browse.product.tiersTitle")}
              </h2>
              {page.priceFrom ? (
                <p className="text-sm text-slate-600">
                  {t("browse.card.from")} <strong className="text-xl text-slate-900" data-testid="product-price-from">{page.priceFrom}</strong>
                </p>
              ) : null}
            </div>
            <table className="mt-3 w-full text-sm" data-testid="tier-table">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
                  <th scope="col" className="py-1.5 pr-2 font-semibold">
                    {t("browse.product.tierQuantity", { unit: unitLabel })}
                  </th>
                  <th scope="col" className="py-1.5 pr-2 font-semibold">
                    {t("browse.product.tierPrice", { currency: page.conversion?.to.code ?? page.currencyCode })}
                  </th>
                  {page.conversion ? (
                    <th scope="col" className="py-1.5 font-semibold">
                      {t("browse.product.tierOriginal")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {page.tiers.map((tier, i) => (
                  <tr key={tier.minQuantity} className={`border-b border-slate-100 last:border-0 ${i === activeTier ? "bg-brand-50 font-semibold" : ""}`} data-testid="tier-row" aria-current={i === activeTier ? "true" : undefined}>
                    <td className="py-2 pr-2">{tier.maxQuantityFormatted ? t("browse.product.tierRange", { from: tier.minQuantityFormatted, to: tier.maxQuantityFormatted }) : t("browse.product.tierFrom", { from: tier.minQuantityFormatted })}</td>
                    <td className="py-2 pr-2 text-base" data-testid="tier-price">
                      {tier.converted ?? tier.original}
                    </td>
                    {page.conversion ? (
                      <td className="py-2 text-slate-600" data-testid="tier-original">
                        {tier.original} {incotermLabel}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 text-xs text-slate-600" data-testid="rate-note">
              {page.conversion ? t("browse.product.rateNote", { date: page.conversion.rateDate, rate: page.conversion.rateText, currency: page.currencyCode, incoterm: incotermLabel }) : t("browse.product.noConversion", { currency: page.currencyCode, incoterm: incotermLabel })}
            </p>
          </section>

          <AvailabilityBlock availability={shownAvailability} updating={fetcher.state === "loading"} />

          <LandedCostSection view={fetcher.data?.landed ?? landed} quantity={fetcher.data?.quantity ?? quantity} />

          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <Fact label={t("browse.product.moq")} value={t(`browse.units.${page.trade.unit}`, { count: page.trade.moq, n: page.trade.moqFormatted })} testId="fact-moq" />
            <Fact label={t("browse.product.leadTime")} value={t("browse.product.days", { count: page.trade.leadTimeDays, n: page.trade.leadTimeFormatted })} />
            <Fact label={t("browse.product.incoterm")} value={incotermLabel} />
            <Fact label={t("browse.product.sample")} value={page.trade.sample ? (page.trade.sample.converted ? `${page.trade.sample.converted} (${page.trade.sample.original})` : page.trade.sample.original) : page.trade.sampleAvailable ? t("browse.product.sampleAsk") : t("browse.product.sampleNone")} />
          </dl>

          <section aria-labelledby="order-title" className="rounded-lg border-2 border-brand-100 bg-white p-4" id="order">
            <h2 id="order-title" className="text-base font-semibold">
              {t("browse.product.orderTitle")}
            </h2>
            <Form method="get" preventScrollReset className="mt-3" data-testid="quantity-form">
              <TierCalculator lang={lang} tiers={page.tiers} currency={page.currency} conversion={calculatorConversion} moq={page.trade.moq} moqFormatted={page.trade.moqFormatted} unitLabel={unitLabel} initial={initialQuote} initialQuantity={quantity} name="quantity" onQuantityChange={onQuantityChange} incoterm={incotermLabel} onTierChange={setActiveTier} />
              <noscript>
                <button type="submit" className="btn-secondary mt-2 px-3 py-1.5">
                  {t("browse.availability.update")}
                </button>
              </noscript>
            </Form>
            <AddToCart lang={lang} blocked={cart.blocked} variants={cart.variants} moq={page.trade.moq} pack={page.trade.packSize} quantity={quantity} redirectTo={`/${lang}/products/${page.slug}`} />
          </section>
        </div>
      </div>

      {/* grid-cols-1 (minmax(0, 1fr)), not an auto column: the wide variant table scrolls in its box instead of
          widening the page past a phone's screen (WCAG 1.4.10). */}
      <div className="mt-10 grid grid-cols-1 gap-8 lg:grid-cols-3">
        <div className="min-w-0 space-y-8 lg:col-span-2">
          {page.longDescription ? (
            <section aria-labelledby="desc-title">
              <h2 id="desc-title" className="text-xl font-semibold">
                {t("browse.product.description")}
              </h2>
              {page.longDescription.note ? <TranslationNote note={page.longDescription.note} shownIn={page.longDescription.lang} sourceLang={page.sourceLang} className="mt-2" /> : null}
              <div className="mt-3 whitespace-pre-line text-slate-800" lang={LOCALE_TAGS[page.longDescription.lang]} data-testid="product-description">
                {page.longDescription.value}
              </div>
            </section>
          ) : null}

          {page.specifications ? (
            <section aria-labelledby="specs-title">
              <h2 id="specs-title" className="text-xl font-semibold">
                {t("browse.product.specifications")}
              </h2>
              {page.specifications.note ? <TranslationNote note={page.specifications.note} shownIn={page.specifications.lang} sourceLang={page.sourceLang} className="mt-2" /> : null}
              <table className="mt-3 w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" lang={LOCALE_TAGS[page.specifications.lang]} data-testid="spec-table">
                <tbody>
                  {page.specifications.value.map((s, i) => (
                    <tr key={`${s.label}-${i}`} className="border-b border-slate-100 last:border-0">
                      <th scope="row" className="w-1/3 bg-slate-50 px-3 py-2 text-left font-medium text-slate-700">
                        {s.label}
                      </th>
                      <td className="px-3 py-2 [overflow-wrap:anywhere]">{s.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}

          {page.variants.length > 0 ? (
            <section aria-labelledby="variants-title">
              <h2 id="variants-title" className="text-xl font-semibold">
                {t("browse.product.variants")}
              </h2>
              <ScrollBox labelledBy="variants-title" className="mt-3 rounded-lg border border-slate-200 bg-white">
                <table className="w-full min-w-[40rem] text-sm" data-testid="variant-table">
                  <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        {t("browse.variant.sku")}
                      </th>
                      {variantColumns.map((k) => (
                        <th key={k} scope="col" className="px-3 py-2">
                          {t(`browse.variant.${k}`)}
                        </th>
                      ))}
                      <th scope="col" className="px-3 py-2">
                        {t("browse.variant.netWeight")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("browse.variant.grossWeight")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("browse.variant.dimensions")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.variants.map((v) => (
                      <tr key={v.sku} className="border-t border-slate-100">
                        <td className="px-3 py-2 font-mono text-xs">{v.sku}</td>
                        {variantColumns.map((k) => (
                          <td key={k} className="px-3 py-2">
                            {v[k] ?? "—"}
                          </td>
                        ))}
                        <td className="px-3 py-2">{v.netWeight}</td>
                        <td className="px-3 py-2">{v.grossWeight}</td>
                        <td className="whitespace-nowrap px-3 py-2">{v.dimensions}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            </section>
          ) : null}

          <section aria-labelledby="certs-title">
            <h2 id="certs-title" className="text-xl font-semibold">
              {t("browse.product.certifications")}
            </h2>
            {page.certifications.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t("browse.product.noCertifications")}</p>
            ) : (
              <ul className="mt-3 grid gap-2 sm:grid-cols-2" data-testid="certifications">
                {page.certifications.map((c) => (
                  <li key={`${c.code}-${c.number}`} className={`rounded-md border px-3 py-2 text-sm ${c.validHere ? "border-emerald-300 bg-emerald-50" : "border-slate-200 bg-white"}`} data-testid="certification" data-valid-here={c.validHere ? "true" : "false"}>
                    <p className="flex flex-wrap items-center gap-2 font-semibold">
                      {c.code}
                      {c.validHere ? <span className="badge bg-emerald-100 text-emerald-800">{t("browse.product.validIn", { country: page.buyerCountry?.name ?? "" })}</span> : null}
                      {c.expired ? <span className="badge bg-red-100 text-red-800">{t("browse.product.expired")}</span> : null}
                    </p>
                    <p className="text-slate-700">{c.name}</p>
                    <p className="text-xs text-slate-600">
                      {t("browse.product.certNumber", { number: c.number })}
                      {c.expires ? ` · ${t(c.expired ? "browse.product.expiredOn" : "browse.product.validUntil", { date: c.expires })}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {!page.buyerCountry ? <p className="mt-2 text-xs text-slate-600">{t("browse.product.chooseCountry")}</p> : null}
          </section>
        </div>

        <aside className="min-w-0 space-y-6">
          <section aria-labelledby="trade-title" className="card p-4">
            <h2 id="trade-title" className="text-base font-semibold">
              {t("browse.product.tradeData")}
            </h2>
            <dl className="mt-3 space-y-2 text-sm" data-testid="trade-data">
              <Row label={t("browse.product.hsCode")} value={page.trade.hsCode} mono />
              {page.trade.hsCodeCn ? <Row label={t("browse.product.hsCodeCn")} value={page.trade.hsCodeCn} mono /> : null}
              <Row label={t("browse.product.origin")} value={page.trade.origin} />
              <Row label={t("browse.product.incoterm")} value={incotermLabel} />
              <Row label={t("browse.product.unit")} value={unitLabel} />
              <Row label={t("browse.product.packSize")} value={t(`browse.units.${page.trade.unit}`, { count: page.trade.packSize, n: page.trade.packSizeFormatted })} />
              <Row label={t("browse.product.currency")} value={page.currencyCode} />
            </dl>
          </section>

          <section aria-labelledby="maker-title" className="card p-4" id="maker" data-testid="maker-profile">
            <h2 id="maker-title" className="text-base font-semibold">
              {t("browse.product.maker")}
            </h2>
            <p className="mt-2 text-lg font-semibold">{page.maker.name}</p>
            <p className="text-sm text-slate-700">{[page.maker.city, page.maker.country].filter(Boolean).join(", ")}</p>
            <div className="mt-2">
              <VerificationBadge status={page.maker.verification} />
            </div>
            <p className="mt-2 text-sm text-slate-600">{t("browse.product.onPonteSince", { date: page.maker.onPonteSince })}</p>
            <Link to={`/${lang}/products?maker=${page.maker.id}`} className="link mt-3 inline-block text-sm">
              {t("browse.product.moreFromMaker")}
            </Link>
            {/* Anyone may follow it: the RFQ form asks a visitor to sign in and a manufacturer to switch to a buyer. */}
            <Link to={`/${lang}/rfqs/new?product=${encodeURIComponent(page.slug)}`} className="btn-secondary mt-3 block text-center text-sm" data-testid="request-quote">
              {t("rfq.requestQuote")}
            </Link>
          </section>
        </aside>
      </div>
    </div>
  );
}

const TONE_STYLE = {
  stock: "border-emerald-200 bg-emerald-50",
  partial: "border-amber-200 bg-amber-50",
  origin: "border-slate-200 bg-slate-50",
  unknown: "border-slate-200 bg-slate-50",
} as const;

/** Where each SKU ships from for the buyer, for the calculator's quantity: local stock or Zhuhai, and how long. */
function AvailabilityBlock({ availability, updating }: { availability: ProductAvailability; updating: boolean }) {
  const { t } = useTranslation();
  const several = availability.variants.length > 1;
  return (
    <section aria-labelledby="availability-title" aria-busy={updating} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="availability">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="availability-title" className="text-base font-semibold">
          {t("browse.availability.title")}
        </h2>
        <p className="text-xs text-slate-600" aria-live="polite" data-testid="availability-quantity">
          {updating ? t("browse.availability.updating") : t("browse.availability.forQuantity", { quantity: availability.quantityFormatted })}
        </p>
      </div>
      {availability.destination ? <p className="mt-1 text-xs text-slate-600">{t("browse.availability.deliverTo", { destination: availability.destination })}</p> : null}
      <ul className={`mt-3 space-y-2 transition-opacity ${updating ? "opacity-60" : ""}`}>
        {availability.variants.map((v) => (
          <li key={v.variantId || "product"} className={`rounded-md border px-3 py-2 text-sm ${TONE_STYLE[v.tone]}`} data-testid="variant-availability" data-sku={v.sku} data-tone={v.tone}>
            {several ? (
              <p className="mb-1 text-xs font-semibold text-slate-700">
                {v.label}
                {v.label !== v.sku ? <span className="ml-2 font-mono font-normal text-slate-500">{v.sku}</span> : null}
              </p>
            ) : null}
            <ul className="space-y-1">
              {v.lines.map((line, i) => (
                <li key={i} className={`flex items-start gap-1.5 ${line.source === "warehouse" ? "font-medium text-emerald-900" : "text-slate-800"}`} data-testid="availability-line" data-source={line.source}>
                  <AvailabilityIcon tone={line.source === "origin" ? "origin" : "stock"} />
                  <span>
                    {line.text}
                    {line.quantity ? <span className="ml-1 font-normal text-slate-600">({line.quantity})</span> : null}
                    {line.cost ? <span className="block text-xs font-normal text-slate-600">{line.cost}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
            {v.splitNote ? <p className="mt-1 text-xs text-amber-900">{v.splitNote}</p> : null}
            {v.stock && v.stock.length > 0 ? (
              <p className="mt-1 text-xs text-slate-600" data-testid="stock-quantities">
                {t("browse.availability.stockNow")}: {v.stock.map((s) => `${s.city} ${s.quantity}`).join(" · ")}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {availability.hint ? (
        <p className="mt-2 text-xs text-slate-700" data-testid="availability-hint">
          {t(availability.hint === "chooseCountry" ? "browse.availability.chooseCountry" : "browse.availability.chooseRegion")}
        </p>
      ) : null}
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Row({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-slate-600">{label}</dt>
      <dd className={`text-right font-medium ${mono ? "font-mono" : ""}`}>{value}</dd>
    </div>
  );
}
