import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CEB_MESSAGE_TYPES } from "~/modules/export-agency/ceb-message-types";
import type { Lang } from "~/modules/i18n/config";

/**
 * The customs XML downloads of a declaration (CEB303, CEB403, CEB505, CEB603), for the declaration page of the agent
 * and of the manufacturer. Each file is unsigned and the panel says so before anyone downloads. A message that
 * cannot be built (no collection yet for CEB403, a currency without a confirmed customs code, a field failing its
 * format) answers 409 with the reason in the viewer's language.
 */
export function CustomsMessages({ lang, number }: { lang: Lang; number: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const noteId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid="customs-messages">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        {t("customs.xml.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("customs.xml.intro")}</p>
      <p id={noteId} className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
        {t("customs.xml.unsigned")}
      </p>
      <ul className="mt-3 flex flex-wrap gap-2">
        {CEB_MESSAGE_TYPES.map((message) => (
          <li key={message}>
            <a href={`/${lang}/agency/declarations/${number}/xml/${message}`} className="btn-secondary" aria-describedby={noteId} download>
              {t(`customs.xml.messages.${message}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
