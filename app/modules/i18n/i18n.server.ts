import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { LANGS, DEFAULT_LANG, isLang, type Lang } from "./config";
import { resources } from "./resources";

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

const instances = new Map<Lang, TFunction>();

/** A translator for server-side text (emails, validation messages). */
export function serverT(lang: Lang): TFunction {
  let t = instances.get(lang);
  if (!t) {
    const instance = createInstance();
    void instance.init({ lng: lang, fallbackLng: false, ns: ["common"], defaultNS: "common", resources, initImmediate: false, interpolation: { escapeValue: false } });
    t = instance.t.bind(instance) as TFunction;
    instances.set(lang, t);
  }
  return t;
}
