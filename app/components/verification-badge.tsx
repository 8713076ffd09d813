import { useTranslation } from "react-i18next";

const STYLES: Record<string, string> = {
  VERIFIED: "bg-emerald-100 text-emerald-800",
  PENDING: "bg-amber-100 text-amber-900",
  REJECTED: "bg-red-100 text-red-800",
  UNVERIFIED: "bg-slate-200 text-slate-800",
};

export function VerificationBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${STYLES[status] ?? STYLES.UNVERIFIED}`}>{t(`verification.${status}`)}</span>;
}
