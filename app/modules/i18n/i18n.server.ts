import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { LANGS, DEFAULT_LANG, isLang, type Lang } from "./config";
import { currentViewer, textLanguage, type TextVariant } from "./locale";
import { ptPTOverrides, textMessages, withZeroForms } from "./variants.server";

export const langCookie = createCookie("ponte_lang", { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365, httpOnly: true });

const detector = new RemixI18Next({
  detection: { supportedLanguages: [...LANGS], fallbackLanguage: DEFAULT_LANG, cookie: langCookie, order: ["cookie", "header"] },
});

/** `/`: the saved choice (account, then cookie), then Accept-Language, then English. */
export async function detectLang(request: Request, accountLang?: string | null): Promise<Lang> {
  if (isLang(accountLang)) return accountLang;
  const detected = await detector.getLocale(request);
  return isLang(detected) ? detected : DEFAULT_LANG;
}

const instances = new Map<string, TFunction>();

/**
 * A translator for server-side text (emails, validation messages, what loaders put into words). Portuguese is
 * European Portuguese for the current viewer when they read it (locale.ts): i18next's pt-PT, falling back to pt
 * for every key pt-PT does not change. `variant` overrides the viewer (an email to someone else).
 */
export function serverT(lang: Lang, variant?: TextVariant | null): TFunction {
  const language = variant === undefined ? textLanguage(lang, currentViewer()) : textLanguage(lang, { variant });
  let t = instances.get(language);
  if (!t) {
    const instance = createInstance();
    const resources =
      language === "pt-PT"
        ? { pt: { common: textMessages("pt") }, "pt-PT": { common: withZeroForms(ptPTOverrides) } }
        : { [language]: { common: textMessages(language) } };
    void instance.init({ lng: language, fallbackLng: language === "pt-PT" ? "pt" : false, ns: ["common"], defaultNS: "common", resources, initImmediate: false, interpolation: { escapeValue: false } });
    t = instance.t.bind(instance) as TFunction;
    instances.set(language, t);
  }
  return t;
}
