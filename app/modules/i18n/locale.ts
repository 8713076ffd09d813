import { LOCALE_TAGS, type Lang } from "./config";

/**
 * Who is reading, as far as formats and wording are concerned: the viewer's country (the signed-in user's
 * organization, else the "buying for" preference), the Portuguese variant of the interface strings, and the time
 * zone timestamps are shown in. Resolved once per request on the server (viewer.server.ts) and handed to the
 * browser by the root loader, so that the server render and hydration format alike.
 */
export interface Viewer {
  country: string | null;
  /** "pt-PT" when the Portuguese strings are European Portuguese (Portugal, Angola, Mozambique… or the user's choice). */
  variant: TextVariant | null;
  timeZone: string;
}

export const TEXT_VARIANTS = ["pt-PT"] as const;
export type TextVariant = (typeof TEXT_VARIANTS)[number];

export function isTextVariant(value: unknown): value is TextVariant {
  return typeof value === "string" && (TEXT_VARIANTS as readonly string[]).includes(value);
}

/** Countries that write European Portuguese (Portugal and the African and Asian Portuguese-speaking states). */
export const EUROPEAN_PORTUGUESE_COUNTRIES: readonly string[] = ["PT", "AO", "MZ", "CV", "GW", "ST", "TL"];

/**
 * The CLDR locale to format numbers, money and dates in, per page language and viewer's country: Bogotá reads
 * "$ 18.558" (es-CO), Lisbon "8,48 €" (pt-PT). Only combinations CLDR describes; anything else is the language's
 * default (LOCALE_TAGS).
 */
const COUNTRY_TAGS: Record<Lang, Readonly<Record<string, string>>> = {
  pt: { BR: "pt-BR", PT: "pt-PT", AO: "pt-AO", MZ: "pt-MZ", CV: "pt-CV", GW: "pt-GW", ST: "pt-ST", TL: "pt-TL", MO: "pt-MO" },
  es: {
    MX: "es-MX", CO: "es-CO", CL: "es-CL", PE: "es-PE", AR: "es-AR", UY: "es-UY", PY: "es-PY", BO: "es-BO", EC: "es-EC",
    VE: "es-VE", CR: "es-CR", PA: "es-PA", GT: "es-GT", DO: "es-DO", ES: "es-ES", US: "es-US",
  },
  zh: { CN: "zh-CN", HK: "zh-Hans-HK", MO: "zh-Hans-MO" },
  en: { US: "en-US", HK: "en-HK" },
};

/** Where a country's timestamps are read: its capital's zone (the one most of its buyers share). */
const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  CN: "Asia/Shanghai", HK: "Asia/Hong_Kong", MO: "Asia/Macau", BR: "America/Sao_Paulo", MX: "America/Mexico_City",
  PT: "Europe/Lisbon", AO: "Africa/Luanda", MZ: "Africa/Maputo", CV: "Atlantic/Cape_Verde", GW: "Africa/Bissau",
  ST: "Africa/Sao_Tome", TL: "Asia/Dili", CO: "America/Bogota", CL: "America/Santiago", PE: "America/Lima",
  AR: "America/Argentina/Buenos_Aires", UY: "America/Montevideo", PY: "America/Asuncion", BO: "America/La_Paz",
  EC: "America/Guayaquil", VE: "America/Caracas", CR: "America/Costa_Rica", PA: "America/Panama",
  GT: "America/Guatemala", DO: "America/Santo_Domingo", ES: "Europe/Madrid", US: "America/New_York",
};

export const DEFAULT_TIME_ZONE = "UTC";

/** The time zone of a viewer from this country; UTC when the country is unknown. */
export function timeZoneForCountry(country: string | null | undefined): string {
  return (country && COUNTRY_TIME_ZONES[country]) || DEFAULT_TIME_ZONE;
}

/** The Portuguese variant for a country, when it writes European Portuguese. */
export function variantForCountry(country: string | null | undefined): TextVariant | null {
  return country && EUROPEAN_PORTUGUESE_COUNTRIES.includes(country) ? "pt-PT" : null;
}

/** The viewer nothing is known about: the language's default formats, UTC. */
export const UNKNOWN_VIEWER: Viewer = Object.freeze({ country: null, variant: null, timeZone: DEFAULT_TIME_ZONE });

/** A viewer from a country (and an explicit choice of variant, when the user made one). */
export function viewerFor(country: string | null | undefined, chosenVariant?: TextVariant | "pt-BR" | null): Viewer {
  const known = country ? country.trim().toUpperCase() : null;
  const variant = chosenVariant === "pt-BR" ? null : (chosenVariant ?? variantForCountry(known));
  return { country: known || null, variant, timeZone: timeZoneForCountry(known) };
}

/** The one place a locale tag for Intl is chosen: the page's language, refined by the viewer's country or variant. */
export function formatTagFor(lang: Lang, viewer: Pick<Viewer, "country" | "variant">): string {
  const byCountry = viewer.country ? COUNTRY_TAGS[lang][viewer.country] : undefined;
  if (byCountry) return byCountry;
  if (lang === "pt" && viewer.variant === "pt-PT") return "pt-PT";
  return LOCALE_TAGS[lang];
}

// --- The current viewer -------------------------------------------------------------------------------------------
// On the server, per request: an AsyncLocalStorage opened around each request by the HTTP app (viewer.server.ts)
// and registered on globalThis (the HTTP app and the Remix build each load their own copy of these modules).
// In the browser, the one viewer of the page, set from the root loader's data before anything renders.
const SERVER_SCOPE = Symbol.for("ponte.viewer");
let browserViewer: Viewer = UNKNOWN_VIEWER;

export function currentViewer(): Viewer {
  if (typeof document === "undefined") {
    const scope = (globalThis as Record<symbol, unknown>)[SERVER_SCOPE] as { getStore(): Viewer | undefined } | undefined;
    return scope?.getStore() ?? UNKNOWN_VIEWER;
  }
  return browserViewer;
}

/** The browser's viewer (root.tsx, from the root loader's data; never called on the server). */
export function setBrowserViewer(viewer: Viewer) {
  if (typeof document !== "undefined") browserViewer = viewer;
}

/** The Intl locale for the current viewer reading a page in `lang`: what every formatter uses. */
export function localeTag(lang: Lang): string {
  return formatTagFor(lang, currentViewer());
}

/** The current viewer's time zone. */
export function viewerTimeZone(): string {
  return currentViewer().timeZone;
}

/** The interface strings' language for i18next: "pt-PT" for European Portuguese readers, else the page's. */
export function textLanguage(lang: Lang, viewer: Pick<Viewer, "variant"> = currentViewer()): Lang | TextVariant {
  return lang === "pt" && viewer.variant === "pt-PT" ? "pt-PT" : lang;
}
