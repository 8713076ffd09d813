import type { Lang } from "~/modules/i18n/config";

/**
 * A company's name as the reader's script writes it: on Chinese pages, the Chinese legal name when the company has
 * one (珠海格力士电器有限公司 rather than "Gree-Lux"); everywhere else, and for companies without one, its name.
 */
export function organizationDisplayName(organization: { name: string; legalNameZh?: string | null }, lang: Lang): string {
  const chinese = organization.legalNameZh?.trim();
  return lang === "zh" && chinese ? chinese : organization.name;
}
