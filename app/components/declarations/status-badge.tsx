import { useTranslation } from "react-i18next";

const TONE: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  VALIDATED: "bg-sky-100 text-sky-900",
  SUBMITTED: "bg-amber-100 text-amber-900",
  RELEASED: "bg-indigo-100 text-indigo-900",
  CLEARED: "bg-emerald-100 text-emerald-900",
  REJECTED: "bg-red-100 text-red-900",
};

/** A declaration's status in words, with a tone (the text carries the meaning, not the colour). */
export function DeclarationStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[status] ?? TONE.DRAFT}`}>{t(`agency.status.${status}`)}</span>;
}
