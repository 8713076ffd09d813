import { useTranslation } from "react-i18next";

const STOREFRONT_TONE: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  PUBLISHED: "bg-emerald-100 text-emerald-900",
  ARCHIVED: "bg-amber-100 text-amber-900",
};
const PARTICIPATION_TONE: Record<string, string> = {
  INVITED: "bg-sky-100 text-sky-900",
  ACCEPTED: "bg-emerald-100 text-emerald-900",
  DECLINED: "bg-slate-100 text-slate-800",
  LEFT: "bg-amber-100 text-amber-900",
  WITHDRAWN: "bg-slate-100 text-slate-800",
};

export function StorefrontStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${STOREFRONT_TONE[status] ?? ""}`}>{t(`showrooms.console.status.${status}`)}</span>;
}

export function ParticipationBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${PARTICIPATION_TONE[status] ?? ""}`}>{t(`showrooms.console.participation.${status}`)}</span>;
}
