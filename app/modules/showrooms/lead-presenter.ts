import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";

/** A country's name in the reader's language ("Brasil", "巴西"); the code itself where Intl does not know it. */
export function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
