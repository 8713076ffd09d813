import { env } from "~/modules/config/env.server";

/**
 * Crawlers may read the public catalog; account, organization and form-posting paths stay out, and so do the
 * endless combinations of listing cursors (every product is in the sitemap instead).
 */
export function loader() {
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /*/account",
    "Disallow: /*/dashboard",
    "Disallow: /*/orgs",
    "Disallow: /*/invitations/",
    "Disallow: /*/reset-password/",
    "Disallow: /*/products?*after=",
    "Disallow: /*/products?*before=",
    "Disallow: /set-language",
    "Disallow: /set-currency",
    "Disallow: /dev/",
    "",
    `Sitemap: ${env().APP_URL}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
