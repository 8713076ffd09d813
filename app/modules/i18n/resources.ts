import en from "../../../locales/en/common.json";
import es from "../../../locales/es/common.json";
import pt from "../../../locales/pt/common.json";
import zh from "../../../locales/zh/common.json";
import type { Lang } from "./config";

/** One namespace per language for now; every key must exist in all four (tests/unit/locales.test.ts). */
export const resources: Record<Lang, { common: typeof en }> = {
  en: { common: en },
  pt: { common: pt },
  es: { common: es },
  zh: { common: zh },
};
export type Messages = typeof en;
