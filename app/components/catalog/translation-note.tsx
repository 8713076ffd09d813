import { useTranslation } from "react-i18next";
import { LANG_NAMES, type Lang } from "~/modules/i18n/config";

/**
 * Says when a text is not in the buyer's language (shown in the manufacturer's) or was translated by a machine:
 * the buyer is never shown an empty string, nor a translation passed off as the manufacturer's own words.
 */
export function TranslationNote({ note, shownIn, sourceLang, className = "" }: { note: "fallback" | "machine" | null; shownIn: Lang; sourceLang: Lang; className?: string }) {
  const { t } = useTranslation();
  if (!note) return null;
  const text = note === "fallback" ? t("browse.translation.fallback", { language: LANG_NAMES[shownIn] }) : t("browse.translation.machine", { language: LANG_NAMES[sourceLang] });
  return (
    <span className={`inline-flex items-center gap-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200 ${className}`} data-testid="translation-note" data-note={note}>
      <svg aria-hidden viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d="M3 5h8M7 3v2m2 0c-.5 3-2.5 6-6 8m2-5c1 2 3 4 6 5M11 17l3.5-8 3.5 8m-6-2h5" />
      </svg>
      {text}
    </span>
  );
}
