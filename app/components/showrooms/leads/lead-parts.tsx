import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const STATUS_TONE: Record<string, string> = {
  NEW: "bg-brand-600 text-white",
  ANSWERED: "bg-emerald-100 text-emerald-900",
  CLOSED: "bg-slate-200 text-slate-800",
};

export function LeadStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_TONE[status] ?? ""}`}>{t(`showrooms.leads.status.${status}`)}</span>;
}

export interface LeadSourceView {
  storefrontName: string;
  storefrontSlug: string | null;
  boothCode: string | null;
  eventTitle: string | null;
  product: { slug: string; name: string } | null;
}

/** Where a lead came from: storefront, booth, product, event — each linked to its public page where there is one. */
export function LeadSource({ lang, source, links = false }: { lang: string; source: LeadSourceView; links?: boolean }) {
  const { t } = useTranslation();
  const parts: React.ReactNode[] = [];
  parts.push(
    links && source.storefrontSlug ? (
      <Link key="s" to={`/${lang}/showrooms/${source.storefrontSlug}`} className="link">
        {source.storefrontName}
      </Link>
    ) : (
      <span key="s">{source.storefrontName}</span>
    ),
  );
  if (source.boothCode) parts.push(<span key="b">{t("showrooms.leads.source.booth", { code: source.boothCode })}</span>);
  if (source.product)
    parts.push(
      links ? (
        <Link key="p" to={`/${lang}/products/${source.product.slug}`} className="link">
          {source.product.name}
        </Link>
      ) : (
        <span key="p">{source.product.name}</span>
      ),
    );
  if (source.eventTitle) parts.push(<span key="e">{source.eventTitle}</span>);
  return (
    <span className="inline-flex flex-wrap gap-x-1">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 ? "· " : ""}
          {part}
        </span>
      ))}
    </span>
  );
}
