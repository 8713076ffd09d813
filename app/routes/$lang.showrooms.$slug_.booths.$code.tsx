import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductCardView } from "~/components/catalog/product-card";
import { VerifiedMark } from "~/components/catalog/verified-mark";
import { OpeningHours } from "~/components/showrooms/public/opening-hours";
import { VisitBeacon } from "~/components/showrooms/public/visit-beacon";
import { getBuyerContext } from "~/modules/catalog/buyer-context.server";
import { notFound } from "~/modules/http/responses.server";
import { LOCALE_TAGS, requireLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { timeZoneLabel } from "~/modules/showrooms/event-times";
import { absoluteUrl, boothJsonLd, boothUrl, loadBoothPage } from "~/modules/showrooms/public-storefronts.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const buyer = await getBuyerContext(request, lang);
  const page = await loadBoothPage(params.slug ?? "", params.code ?? "", lang, buyer);
  if (!page) notFound();
  const t = serverT(lang);
  const title = page.exhibitor ? `${page.exhibitor.name} · ${t("showrooms.public.boothCode", { code: page.booth.code })}` : t("showrooms.public.boothCode", { code: page.booth.code });
  return {
    lang,
    page,
    hallZoneName: timeZoneLabel(new Date(), page.storefront.timeZone, LOCALE_TAGS[lang]),
    seo: {
      title: `${title} · ${page.storefront.name.value}`,
      description: t("showrooms.public.boothDescription", { storefront: page.storefront.name.value, code: page.booth.code, name: page.exhibitor?.name ?? "" }),
      url: absoluteUrl(boothUrl(lang, page.storefront.slug, page.booth.code)),
      image: page.cards[0]?.image ? absoluteUrl(page.cards[0].image.src) : null,
      ogLocale: LOCALE_TAGS[lang].replace("-", "_"),
      // A booth without an exhibitor has nothing worth indexing.
      index: Boolean(page.exhibitor),
      jsonLd: boothJsonLd(page, lang),
    },
  };
}

export const handle = { alternateLangs: (data: unknown) => (data as { page?: { storefront?: { languages?: Lang[] } } } | undefined)?.page?.storefront?.languages };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Ponte" }];
  const { seo } = data;
  return [
    { title: `${seo.title} · Ponte` },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.url },
    ...(seo.index ? [] : [{ name: "robots", content: "noindex" }]),
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Ponte" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.url },
    { property: "og:locale", content: seo.ogLocale },
    ...(seo.image ? [{ property: "og:image", content: seo.image }] : []),
    { "script:ld+json": seo.jsonLd },
  ];
};

export default function BoothPage() {
  const { lang: rawLang, page, hallZoneName } = useLoaderData<typeof loader>();
  const lang = rawLang as Lang;
  const { t } = useTranslation();
  const { storefront, booth, exhibitor, cards } = page;
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <VisitBeacon storefront={storefront.slug} booth={booth.code} />
      <nav aria-label={t("browse.breadcrumb")} className="text-sm text-slate-600">
        <Link to={`/${lang}/showrooms`} className="hover:underline">
          {t("showrooms.public.listTitle")}
        </Link>
        <span aria-hidden> / </span>
        <Link to={storefront.href} className="hover:underline" lang={LOCALE_TAGS[storefront.name.lang]}>
          {storefront.name.value}
        </Link>
      </nav>
      <div className="mt-3 grid grid-cols-1 gap-6 md:grid-cols-3">
        <div className="min-w-0 md:col-span-2">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700" data-testid="booth-code">
            {t("showrooms.public.boothCode", { code: booth.code })}
            {booth.label ? <span lang={LOCALE_TAGS[booth.label.lang]}> · {booth.label.value}</span> : null}
          </p>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 break-words text-2xl font-bold sm:text-3xl" data-testid="booth-exhibitor">
            {exhibitor ? exhibitor.name : t("showrooms.public.boothFreeTitle")}
            {exhibitor?.verified ? <VerifiedMark /> : null}
          </h1>
          {exhibitor?.city ? <p className="mt-1 text-slate-700">{exhibitor.city}</p> : null}
          {!exhibitor ? <p className="mt-3 text-slate-700">{t("showrooms.public.boothFreeBody")}</p> : null}
        </div>
        <aside className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <address className="not-italic">
            {storefront.address.line1}, {storefront.address.city}
          </address>
          <div className="mt-2">
            <OpeningHours rules={storefront.openingHours} state={storefront.open} timeZoneName={hallZoneName} lang={lang} />
          </div>
        </aside>
      </div>

      {exhibitor ? (
        <section aria-labelledby="contact-title" className="mt-6 rounded-lg border border-brand-200 bg-brand-50 p-4" data-testid="booth-contact">
          <h2 id="contact-title" className="font-semibold">
            {t("showrooms.public.contactTitle", { name: exhibitor.name })}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t("showrooms.public.contactBody")}</p>
          <p className="mt-3 flex flex-wrap gap-3">
            {cards[0] ? (
              <Link to={`/${lang}/rfqs/new?product=${cards[0].slug}`} className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800" data-testid="booth-rfq">
                {t("showrooms.public.requestQuote")}
              </Link>
            ) : null}
            <Link
              to={`/${lang}/showrooms/${storefront.slug}/contact?booth=${encodeURIComponent(booth.code)}`}
              className="inline-flex items-center rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50"
              data-testid="booth-leave-contact"
            >
              {t("showrooms.public.leaveContact")}
            </Link>
            <Link to={`/${lang}/products?maker=${exhibitor.id}`} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
              {t("showrooms.public.allProducts")}
            </Link>
          </p>
        </section>
      ) : null}

      {cards.length > 0 ? (
        <section aria-labelledby="booth-products" className="mt-8">
          <h2 id="booth-products" className="text-lg font-semibold">
            {t("showrooms.public.boothProducts")}
          </h2>
          <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4" data-testid="booth-products">
            {cards.map((card) => (
              <ProductCardView key={card.slug} card={card} lang={lang} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
