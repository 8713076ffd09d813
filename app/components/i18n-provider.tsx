import { createInstance } from "i18next";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { Messages } from "~/modules/i18n/resources";

/**
 * One i18next instance per language, built from the messages the root loader sent: the server render and
 * the browser use the same strings, and a page only downloads its own language.
 */
export function I18nProvider({ lang, messages, children }: { lang: Lang; messages: Messages; children: ReactNode }) {
  const i18n = useMemo(() => {
    const instance = createInstance();
    void instance.use(initReactI18next).init({
      lng: lang,
      fallbackLng: false,
      ns: ["common"],
      defaultNS: "common",
      resources: { [lang]: { common: messages } },
      initImmediate: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
    return instance;
  }, [lang, messages]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
