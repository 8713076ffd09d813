import { useTranslation } from "react-i18next";

/** A compact "verified company" mark for cards; the full badge (VerificationBadge) is for profiles. The seal is drawn by the stylesheet (tailwind.css). */
export function VerifiedMark() {
  const { t } = useTranslation();
  return (
    <span className="verified-mark" title={t("browse.card.verifiedHelp")} data-testid="verified-mark">
      <span aria-hidden className="verified-seal" />
      {t("browse.card.verified")}
    </span>
  );
}
