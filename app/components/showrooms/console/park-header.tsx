import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The park console's heading and the storefront's tabs (details, hall plan, manufacturers, sections, events, QR labels). */
export function StorefrontTabs({ lang, storefrontId }: { lang: string; storefrontId: string }) {
  const { t } = useTranslation();
  const base = `/${lang}/park/storefronts/${storefrontId}`;
  const tab = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap border-b-2 px-1 pb-3 text-sm font-medium focus-visible:outline-offset-[-2px] ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  const tabs = [
    { to: base, label: t("showrooms.console.tabs.details"), end: true },
    { to: `${base}/plan`, label: t("showrooms.console.tabs.plan") },
    { to: `${base}/manufacturers`, label: t("showrooms.console.tabs.manufacturers") },
    { to: `${base}/sections`, label: t("showrooms.console.tabs.sections") },
    { to: `${base}/events`, label: t("showrooms.console.tabs.events") },
    { to: `${base}/qr-labels`, label: t("showrooms.console.tabs.qr") },
  ];
  return (
    <nav aria-label={t("showrooms.console.tabs.label")} className="mt-6 flex gap-6 overflow-x-auto border-b border-slate-200">
      {tabs.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end} className={tab} prefetch="intent">
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}

export function ConsoleBreadcrumb({ lang, current }: { lang: string; current?: string }) {
  const { t } = useTranslation();
  return (
    <p className="text-sm text-slate-600">
      <Link to={`/${lang}/park/storefronts`} className="link">
        {t("showrooms.console.list.title")}
      </Link>
      {current ? <span aria-hidden="true"> / </span> : null}
      {current ? <span>{current}</span> : null}
    </p>
  );
}
