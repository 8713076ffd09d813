import type { LoaderFunctionArgs } from "@remix-run/node";
import { categoryTree, sitemapFileCount, sitemapProducts } from "~/modules/catalog/listing.server";
import { env } from "~/modules/config/env.server";
import { LANGS, LOCALE_TAGS } from "~/modules/i18n/config";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** One <url> per language for a path, each naming its alternates in the other languages (hreflang). */
function urlEntries(appUrl: string, path: string, lastmod?: string): string {
  const alternates = [...LANGS.map((l) => `    <xhtml:link rel="alternate" hreflang="${LOCALE_TAGS[l]}" href="${escapeXml(`${appUrl}/${l}${path}`)}"/>`), `    <xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(`${appUrl}/en${path}`)}"/>`].join("\n");
  return LANGS.map((l) => `  <url>\n    <loc>${escapeXml(`${appUrl}/${l}${path}`)}</loc>\n${lastmod ? `    <lastmod>${lastmod}</lastmod>\n` : ""}${alternates}\n  </url>`).join("\n");
}

function urlset(body: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${body}
</urlset>
`;
}

const xmlResponse = (xml: string) => new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });

/** /sitemaps/pages.xml and /sitemaps/products-{n}.xml (listed by /sitemap.xml). */
export async function loader({ params }: LoaderFunctionArgs) {
  const appUrl = env().APP_URL;
  const file = params.file ?? "";
  if (file === "pages.xml") {
    const tree = await categoryTree();
    const paths = ["", "/products", ...tree.map((c) => `/products?category=${c.slug}`)];
    return xmlResponse(urlset(paths.map((p) => urlEntries(appUrl, p)).join("\n")));
  }
  const match = /^products-([1-9]\d{0,5})\.xml$/.exec(file);
  if (!match) throw new Response("Not Found", { status: 404 });
  const n = Number(match[1]);
  if (n > (await sitemapFileCount())) throw new Response("Not Found", { status: 404 });
  const products = await sitemapProducts(n);
  return xmlResponse(urlset(products.map((p) => urlEntries(appUrl, `/products/${p.slug}`, p.updatedAt.toISOString().slice(0, 10))).join("\n")));
}
