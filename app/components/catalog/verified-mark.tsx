import { useTranslation } from "react-i18next";

/**
 * A compact "verified company" mark for cards; the full badge (VerificationBadge) is for profiles. Cards pass their
 * (cached) strings; elsewhere it translates them itself. The seal is drawn by the stylesheet (tailwind.css).
 */
export function VerifiedMark({ label, help }: { label?: string; help?: string }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-0.5 text-xs font-semibold text-emerald-700" title={help ?? t("browse.card.verifiedHelp")} data-testid="verified-mark">
      <span aria-hidden className="verified-seal" />
      {label ?? t("browse.card.verified")}
    </span>
  );
}
