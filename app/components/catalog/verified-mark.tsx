import { useTranslation } from "react-i18next";

/** A compact "verified company" mark for cards; the full badge (VerificationBadge) is for profiles. */
export function VerifiedMark() {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-0.5 text-xs font-semibold text-emerald-700" title={t("browse.card.verifiedHelp")} data-testid="verified-mark">
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        <path fillRule="evenodd" d="M10 1.5 12.3 3l2.7-.1.9 2.6 2.2 1.6-.8 2.6.8 2.6-2.2 1.6-.9 2.6-2.7-.1L10 18.5 7.7 17l-2.7.1-.9-2.6-2.2-1.6.8-2.6-.8-2.6 2.2-1.6.9-2.6 2.7.1zm3.7 6.2-1.1-1-3.7 4-1.6-1.6-1 1.1 2.6 2.6z" />
      </svg>
      {t("browse.card.verified")}
    </span>
  );
}
