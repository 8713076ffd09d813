import { useTranslation } from "react-i18next";

/**
 * A short "verified company" mark; the full badge (VerificationBadge) is for profiles. The seal is drawn by the
 * stylesheet (tailwind.css). `compact` (product cards, up to 24 to a page) leaves out the hover explanation, which
 * the product and booth pages give.
 */
export function VerifiedMark({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="verified-mark" title={compact ? undefined : t("browse.card.verifiedHelp")} data-testid={compact ? undefined : "verified-mark"}>
      {t("browse.card.verified")}
    </span>
  );
}
