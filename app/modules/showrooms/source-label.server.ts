import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import type { ScopedDb } from "~/modules/db/index.server";
import { localized } from "./localized-text";

export interface ShowroomSourceLabel {
  storefront: string;
  /** The public page, while the storefront is published. */
  href: string | null;
  booth: string | null;
  /** The lead this request made, when the viewer's organization may open it (the manufacturer's or the buyer's). */
  leadId: string | null;
}

/**
 * Where an RFQ came from, named for its thread page: the storefront's name in the reader's language and the booth's
 * printed code are public (they are on the storefront's page), read unscoped; the lead is read through the viewer's
 * own client, so only its parties find it.
 */
export async function showroomSourceLabel(
  source: { rfqId: string; storefrontId: string | null; boothId: string | null },
  lang: Lang,
  scoped: ScopedDb,
): Promise<ShowroomSourceLabel | null> {
  if (!source.storefrontId) return null;
  const [storefront, booth, lead] = await Promise.all([
    unscopedDb.storefront.findUnique({ where: { id: source.storefrontId }, select: { slug: true, name: true, languages: true, status: true } }),
    source.boothId ? unscopedDb.storefrontBooth.findUnique({ where: { id: source.boothId }, select: { code: true } }) : null,
    scoped.showroomLead.findFirst({ where: { rfqId: source.rfqId }, select: { id: true } }),
  ]);
  if (!storefront) return null;
  return {
    storefront: localized(storefront.name, lang, storefront.languages)?.value ?? storefront.slug,
    href: storefront.status === "PUBLISHED" ? `/${lang}/showrooms/${storefront.slug}` : null,
    booth: booth?.code ?? null,
    leadId: lead?.id ?? null,
  };
}
