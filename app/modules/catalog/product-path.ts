import type { Lang } from "~/modules/i18n/config";

/** A product's public page: `/{lang}/products/{slug}`. Derived where shown, so cards need not carry it. */
export const productPath = (lang: Lang, slug: string) => `/${lang}/products/${slug}`;
