import { sitemapFileCount } from "~/modules/catalog/listing.server";
import { env } from "~/modules/config/env.server";

/**
 * The sitemap index: the pages sitemap (language home pages, product listings and categories) and the numbered
 * product sitemaps (/sitemaps/products-{n}.xml), each listing every published product in every language.
 */
export async function loader() {
  const appUrl = env().APP_URL;
  const files = await sitemapFileCount();
  const entries = [`${appUrl}/sitemaps/pages.xml`, ...Array.from({ length: files }, (_, i) => `${appUrl}/sitemaps/products-${i + 1}.xml`)];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((loc) => `  <sitemap><loc>${loc}</loc></sitemap>`).join("\n")}
</sitemapindex>
`;
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
