import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductCardView } from "~/components/catalog/product-card";
import { currentRates, getBuyerContext } from "~/modules/catalog/buyer-context.server";
import { presentCard } from "~/modules/catalog/listing.server";
import { whatsNew } from "~/modules/catalog/whats-new.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { useRootData } from "~/root";

/** The newest published products, complete listings first, in the visitor's language and currency. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const [buyer, rates] = await Promise.all([getBuyerContext(request, lang), currentRates()]);
  const currency = rates.currencies.get(buyer.currencyCode) ?? rates.currency("USD");
  const featured = await whatsNew({ lang, currency, rates, limit: 8 });
  const t = serverT(lang);
  return { featured: featured.map((row) => presentCard(row, lang, currency, rates)), meta: { title: t("home.metaTitle"), description: t("home.metaDescription") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.meta.title ?? "Ponte" }, { name: "description", content: data?.meta.description ?? "" }];

const AUDIENCES = ["manufacturers", "buyers", "park", "platform"] as const;
const FEATURES = ["warehouses", "agency", "tracking", "languages"] as const;

export default function Home() {
  const { t } = useTranslation();
  const root = useRootData();
  const { featured } = useLoaderData<typeof loader>();
  const lang = root?.lang ?? "en";
  return (
    <>
      <section className="focus-on-dark bg-gradient-to-br from-brand-900 via-brand-700 to-brand-600 text-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-widest text-brand-100">{t("home.eyebrow")}</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-black leading-tight sm:text-5xl">{t("home.title")}</h1>
          <p className="mt-5 max-w-2xl text-lg text-brand-50">{t("home.lead")}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link to={`/${lang}/products`} className="btn bg-accent-600 text-white hover:bg-accent-700" data-testid="home-browse">
              {t("browse.home.ctaBrowse")}
            </Link>
            {root?.user ? (
              <Link to={`/${lang}/dashboard`} className="btn bg-white text-brand-800 hover:bg-brand-50">
                {t("home.ctaDashboard")}
              </Link>
            ) : (
              <>
                <Link to={`/${lang}/signup`} className="btn bg-white text-brand-800 hover:bg-brand-50">
                  {t("home.ctaSignup")}
                </Link>
                <Link to={`/${lang}/login`} className="btn border border-white/60 text-white hover:bg-white/10">
                  {t("home.ctaLogin")}
                </Link>
              </>
            )}
          </div>
        </div>
      </section>

      {featured.length > 0 ? (
        <section className="mx-auto max-w-6xl px-4 pt-14" aria-labelledby="featured">
          <div className="flex flex-wrap items-baseline justify-between gap-3">
            <h2 id="featured" className="text-2xl font-bold">
              {t("browse.home.featuredTitle")}
            </h2>
            <Link to={`/${lang}/products`} className="link text-sm">
              {t("browse.home.featuredAll")} →
            </Link>
          </div>
          <ul className="pcard-grid mt-6 grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-4" data-testid="featured-products">
            {featured.map((card) => (
              <li key={card.slug}>
                <ProductCardView card={card} lang={lang} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="mx-auto max-w-6xl px-4 py-14" aria-labelledby="audiences">
        <h2 id="audiences" className="text-2xl font-bold">
          {t("home.audiencesTitle")}
        </h2>
        <div className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {AUDIENCES.map((key) => (
            <article key={key} className="card">
              <h3 className="font-semibold text-brand-700">{t(`home.audiences.${key}.title`)}</h3>
              <p className="mt-2 text-sm text-slate-700">{t(`home.audiences.${key}.body`)}</p>
            </article>
          ))}
        </div>
      </section>

      <section className="border-t border-slate-200 bg-white" aria-labelledby="features">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <h2 id="features" className="text-2xl font-bold">
            {t("home.featuresTitle")}
          </h2>
          <dl className="mt-6 grid gap-6 sm:grid-cols-2">
            {FEATURES.map((key) => (
              <div key={key}>
                <dt className="font-semibold">{t(`home.features.${key}.title`)}</dt>
                <dd className="mt-1 text-sm text-slate-700">{t(`home.features.${key}.body`)}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
    </>
  );
}
