import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { env } from "~/modules/config/env.server";
import { LOCALE_TAGS, requireLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { listPublishedStorefronts } from "~/modules/showrooms/public-storefronts.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const storefronts = await listPublishedStorefronts(lang);
  const t = serverT(lang);
  const url = `${env().APP_URL}/${lang}/showrooms`;
  return {
    lang,
    storefronts,
    seo: {
      title: t("showrooms.public.listTitle"),
      description: t("showrooms.public.listDescription"),
      url,
      ogLocale: LOCALE_TAGS[lang].replace("-", "_"),
      jsonLd: {
        "@context": "https://schema.org",
        "@type": "ItemList",
        name: t("showrooms.public.listTitle"),
        itemListElement: storefronts.map((s, i) => ({ "@type": "ListItem", position: i + 1, url: env().APP_URL + s.href, name: s.name.value })),
      },
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
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Ponte" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.url },
    { property: "og:locale", content: seo.ogLocale },
    { "script:ld+json": seo.jsonLd },
  ];
};

export default function ShowroomsIndex() {
  const { storefronts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("showrooms.public.listTitle")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("showrooms.public.listIntro")}</p>
      {storefronts.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="showrooms-empty">
          {t("showrooms.public.listEmpty")}
        </p>
      ) : (
        <ul className="mt-6 grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3" data-testid="storefront-list">
          {storefronts.map((s) => (
            <li key={s.slug} className="flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="storefront-card">
              {s.image ? <img src={s.image.src} alt={s.image.alt} loading="lazy" className="aspect-[16/9] w-full object-cover" /> : <div aria-hidden className="aspect-[16/9] w-full bg-gradient-to-br from-brand-100 to-slate-100" />}
              <div className="flex flex-1 flex-col gap-1 p-4">
                <h2 className="break-words text-lg font-semibold">
                  <Link to={s.href} className="hover:underline" lang={LOCALE_TAGS[s.name.lang as Lang]}>
                    {s.name.value}
                  </Link>
                </h2>
                {s.heroTitle ? (
                  <p className="text-sm text-slate-700" lang={LOCALE_TAGS[s.heroTitle.lang as Lang]}>
                    {s.heroTitle.value}
                  </p>
                ) : null}
                <p className="mt-auto pt-2 text-sm text-slate-600">
                  {s.city}, {s.countryName} · {t("showrooms.public.exhibitors", { count: s.exhibitors })} · {t("showrooms.public.upcomingEvents", { count: s.upcomingEvents })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
