import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: { home?: { metaTitle?: string; metaDescription?: string } } } | undefined;
  return [{ title: root?.messages?.home?.metaTitle ?? "Ponte" }, { name: "description", content: root?.messages?.home?.metaDescription ?? "" }];
};

const AUDIENCES = ["manufacturers", "buyers", "park", "platform"] as const;
const FEATURES = ["warehouses", "agency", "tracking", "languages"] as const;

export default function Home() {
  const { t } = useTranslation();
  const root = useRootData();
  const lang = root?.lang ?? "en";
  return (
    <>
      <section className="bg-gradient-to-br from-brand-900 via-brand-700 to-brand-600 text-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-widest text-brand-100">{t("home.eyebrow")}</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-black leading-tight sm:text-5xl">{t("home.title")}</h1>
          <p className="mt-5 max-w-2xl text-lg text-brand-50">{t("home.lead")}</p>
          <div className="mt-8 flex flex-wrap gap-3">
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
