import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductCardView } from "~/components/catalog/product-card";
import { EventList } from "~/components/showrooms/public/event-list";
import { HallPlan } from "~/components/showrooms/public/hall-plan";
import { OpeningHours } from "~/components/showrooms/public/opening-hours";
import { VisitBeacon } from "~/components/showrooms/public/visit-beacon";
import { getBuyerContext } from "~/modules/catalog/buyer-context.server";
import { notFound } from "~/modules/http/responses.server";
import { LANG_NAMES, LOCALE_TAGS, requireLang, type Lang } from "~/modules/i18n/config";
import { viewerTimeZone } from "~/modules/i18n/locale";
import { timeZoneLabel } from "~/modules/showrooms/event-times";
import { absoluteUrl, loadStorefrontPage, operatorName, storefrontJsonLd, storefrontUrl } from "~/modules/showrooms/public-storefronts.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const buyer = await getBuyerContext(request, lang);
  const page = await loadStorefrontPage(params.slug ?? "", lang, buyer);
  if (!page) notFound();
  const operator = await operatorName(page.operatorId, lang);
  const description = (page.heroText?.value ?? page.heroTitle?.value ?? page.name.value).replace(/\s+/g, " ").slice(0, 200);
  return {
    lang,
    page,
    viewerZone: viewerTimeZone(),
    hallZoneName: timeZoneLabel(new Date(), page.timeZone, LOCALE_TAGS[lang]),
    seo: {
      title: page.name.value,
      description,
      url: absoluteUrl(storefrontUrl(lang, page.slug)),
      image: page.images[0] ? absoluteUrl(page.images[0].src) : null,
      ogLocale: LOCALE_TAGS[lang].replace("-", "_"),
      jsonLd: storefrontJsonLd(page, lang, operator),
    },
  };
}

/** hreflang only for the languages the storefront is presented in (root.tsx reads it). */
export const handle = { alternateLangs: (data: unknown) => (data as { page?: { languages?: Lang[] } } | undefined)?.page?.languages };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Ponte" }];
  const { seo } = data;
  return [
    { title: `${seo.title} · Ponte` },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.url },
    { property: "og:type", content: "place" },
    { property: "og:site_name", content: "Ponte" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.url },
    { property: "og:locale", content: seo.ogLocale },
    ...(seo.image ? [{ property: "og:image", content: seo.image }] : []),
    { name: "twitter:card", content: seo.image ? "summary_large_image" : "summary" },
    { "script:ld+json": seo.jsonLd },
  ];
};

export default function StorefrontPage() {
  const { lang: rawLang, page, viewerZone, hallZoneName } = useLoaderData<typeof loader>();
  const lang = rawLang as Lang;
  const { t } = useTranslation();
  const hero = page.images[0];
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <VisitBeacon storefront={page.slug} />
      <nav aria-label={t("browse.breadcrumb")} className="text-sm text-slate-600">
        <Link to={`/${lang}/showrooms`} className="hover:underline">
          {t("showrooms.public.listTitle")}
        </Link>
      </nav>
      <header className="mt-3 grid grid-cols-1 gap-6 md:grid-cols-2">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-bold leading-tight sm:text-3xl" lang={LOCALE_TAGS[page.name.lang]} data-testid="storefront-name">
            {page.name.value}
          </h1>
          {page.heroTitle ? (
            <p className="mt-2 text-lg font-medium text-brand-800" lang={LOCALE_TAGS[page.heroTitle.lang]}>
              {page.heroTitle.value}
            </p>
          ) : null}
          {page.heroText ? (
            <p className="mt-3 whitespace-pre-line text-slate-700" lang={LOCALE_TAGS[page.heroText.lang]} data-testid="storefront-hero-text">
              {page.heroText.value}
            </p>
          ) : null}
          {page.heroText && page.heroText.lang !== lang ? <p className="mt-2 text-xs text-slate-600">{t("showrooms.public.shownIn", { language: LANG_NAMES[page.heroText.lang] })}</p> : null}
        </div>
        {hero ? <img src={hero.src} alt={hero.alt} width={hero.width} height={hero.height} className="aspect-[16/9] h-auto w-full rounded-lg object-cover" /> : null}
      </header>
      {page.images.length > 1 ? (
        <ul className="mt-4 flex gap-3 overflow-x-auto pb-2" aria-label={t("showrooms.public.photos")}>
          {page.images.slice(1).map((image) => (
            <li key={image.src} className="shrink-0">
              <img src={image.src} alt={image.alt} loading="lazy" className="h-28 w-44 rounded object-cover" />
            </li>
          ))}
        </ul>
      ) : null}

      <div className="mt-8 grid grid-cols-1 gap-8 lg:grid-cols-3">
        <section aria-labelledby="visit-title" className="min-w-0 space-y-4 lg:col-span-1">
          <h2 id="visit-title" className="text-lg font-semibold">
            {t("showrooms.public.visitTitle")}
          </h2>
          <address className="not-italic text-slate-800" data-testid="storefront-address">
            {page.address.line1}
            <br />
            {[page.address.postalCode, page.address.city].filter(Boolean).join(" ")}, {page.address.countryName}
          </address>
          <OpeningHours rules={page.openingHours} state={page.open} timeZoneName={hallZoneName} lang={lang} />
          {page.exhibitors.length > 0 ? (
            <div>
              <h3 className="font-semibold">{t("showrooms.public.exhibitorsTitle")}</h3>
              <ul className="mt-1 space-y-1 text-sm" data-testid="exhibitor-list">
                {page.exhibitors.map((e) => (
                  <li key={e.id} className="break-words">
                    {e.href ? (
                      <Link to={e.href} className="hover:underline">
                        {e.name}
                      </Link>
                    ) : (
                      e.name
                    )}
                    {e.boothCode ? <span className="text-slate-600"> · {t("showrooms.public.boothCode", { code: e.boothCode })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        <section aria-labelledby="plan-title" className="min-w-0 lg:col-span-2">
          <h2 id="plan-title" className="text-lg font-semibold">
            {t("showrooms.public.planTitle")}
          </h2>
          <div className="mt-3">{page.plan.booths.length ? <HallPlan width={page.plan.width} height={page.plan.height} booths={page.plan.booths} /> : <p className="text-sm text-slate-600">{t("showrooms.public.noPlan")}</p>}</div>
        </section>
      </div>

      <section aria-labelledby="events-title" className="mt-10">
        <h2 id="events-title" className="text-lg font-semibold">
          {t("showrooms.events.upcomingTitle")}
        </h2>
        <div className="mt-3">
          <EventList events={page.events} lang={lang} viewerZone={viewerZone} />
        </div>
      </section>

      {page.sections.length === 0 ? (
        <p className="mt-10 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">{t("showrooms.public.noProducts")}</p>
      ) : (
        page.sections.map((section) => (
          <section key={section.id} aria-labelledby={`section-${section.id}`} className="mt-10" data-testid="storefront-section">
            <h2 id={`section-${section.id}`} className="text-lg font-semibold" lang={section.title ? LOCALE_TAGS[section.title.lang] : undefined}>
              {section.title?.value ?? t("showrooms.public.featured")}
            </h2>
            <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">
              {section.cards.map((card) => (
                <ProductCardView key={card.slug} card={card} lang={lang} />
              ))}
            </div>
          </section>
        ))
      )}
    </div>
  );
}
