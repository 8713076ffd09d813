import en from "../../../locales/en/common.json";
import es from "../../../locales/es/common.json";
import pt from "../../../locales/pt/common.json";
import zh from "../../../locales/zh/common.json";
import type { Lang } from "./config";

export type Messages = typeof en;

/**
 * One namespace per language for now, typed by English's shape. Plural suffixes differ by language (zh has no
 * `_one`, pt and es add `_many`), hence the casts; tests/unit/locales.test.ts proves every key exists in all four.
 */
export const resources: Record<Lang, { common: Messages }> = {
  en: { common: en },
  pt: { common: pt as unknown as Messages },
  es: { common: es as unknown as Messages },
  zh: { common: zh as unknown as Messages },
};
