import { createInstance, type i18n } from "i18next";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { TextVariant } from "~/modules/i18n/locale";
import type { Messages } from "~/modules/i18n/resources";

declare global {
  interface Window {
    /** Filled by the `/messages/{lang}/{area}.{hash}.js` scripts (message-bundles.server.ts), keyed "pt.public". */
    __ponteMessages?: Record<string, Messages>;
  }
}

/**
 * One i18next instance per language, built from the page's message bundle: the server render and the browser use
 * the same strings, and a page only downloads its own language. "pt-PT" is European Portuguese: its bundle is the
 * Portuguese strings with pt-PT's own where they differ (variants.server.ts), and its plural rules are Portugal's.
 */
export function I18nProvider({ lang, messages, children }: { lang: Lang | TextVariant; messages: Messages; children: ReactNode }) {
  const instance = useMemo(() => i18nFor(lang, messages), [lang, messages]);
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}

/**
 * One instance per bundle object and language, kept for the process (or the tab): a bundle's messages never change
 * (a new hash is a new object), and the instance's language never does. Built per render, every request paid for
 * i18next's setup and, worse, for new `Intl.PluralRules` on each plural (their cache lives in the instance).
 */
const instances = new WeakMap<Messages, Map<string, i18n>>();

function i18nFor(lang: Lang | TextVariant, messages: Messages): i18n {
  let byLang = instances.get(messages);
  if (!byLang) instances.set(messages, (byLang = new Map()));
  let instance = byLang.get(lang);
  if (!instance) {
    instance = createInstance();
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
    instance.t = rememberingT(instance.t.bind(instance) as TranslateFn) as typeof instance.t;
    byLang.set(lang, instance);
  }
  return instance;
}

type TranslateFn = (key: unknown, options?: unknown) => unknown;
const REMEMBERED_MAX = 5000;

/**
 * The same words for the same key and values: a page renders a few hundred strings, mostly the same ones request
 * after request ("Verificado", "500 peças"), and i18next's lookup, plural rule and interpolation cost more than
 * rendering them. Only calls whose options are plain values (strings, numbers, booleans) are remembered; at most
 * REMEMBERED_MAX per instance (then it starts over), so text typed by visitors cannot grow it without bound.
 */
function rememberingT(t: TranslateFn): TranslateFn {
  const remembered = new Map<string, unknown>();
  return (key, options) => {
    if (typeof key !== "string") return t(key, options);
    let id = key;
    if (options !== undefined && options !== null) {
      if (typeof options !== "object") return t(key, options);
      for (const [name, value] of Object.entries(options)) {
        // getFixedT passes `lngs: null`, `lng` and `keyPrefix` undefined.
        if (value === undefined || value === null) continue;
        const kind = typeof value;
        if (kind !== "string" && kind !== "number" && kind !== "boolean") return t(key, options);
        id += `\u0000${name}\u0001${String(value)}`;
      }
    }
    let text = remembered.get(id);
    if (text === undefined) {
      text = t(key, options);
      if (remembered.size >= REMEMBERED_MAX) remembered.clear();
      remembered.set(id, text);
    }
    return text;
  };
}

/** The server render reads bundles from memory (entry.server.tsx provides this); the browser never has it. */
const ServerMessagesContext = createContext<((key: string | undefined) => Messages) | null>(null);
export const ServerMessagesProvider = ServerMessagesContext.Provider;

export interface MessageBundleRef {
  key: string;
  src: string;
}

let lastMessages: Messages | null = null;

/**
 * The strings of the page's bundle. On the server, from memory; in the browser, from the bundle's script, which the
 * document loads before the app's scripts. After a client-side navigation to another language (or between the
 * public and organization areas) the new bundle is loaded here and the page renders again with it; until then the
 * previous strings stay.
 */
export function useBundleMessages(bundle: MessageBundleRef | undefined): Messages {
  const server = useContext(ServerMessagesContext);
  const [, setLoaded] = useState(0);
  const loaded = typeof window === "undefined" || !bundle ? undefined : window.__ponteMessages?.[bundle.key];
  useEffect(() => {
    if (server || !bundle || window.__ponteMessages?.[bundle.key]) return;
    const script = document.createElement("script");
    script.src = bundle.src;
    script.async = true;
    script.onload = () => setLoaded((n) => n + 1);
    document.head.appendChild(script);
    return () => {
      script.onload = null;
    };
  }, [server, bundle]);
  if (server) return server(bundle?.key);
  if (loaded) {
    lastMessages = loaded;
    return loaded;
  }
  return lastMessages ?? Object.values(window.__ponteMessages ?? {})[0] ?? ({} as Messages);
}
