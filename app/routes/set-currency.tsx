import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { countryCookie, currencyCookie, regionCookie } from "~/modules/catalog/buyer-context.server";
import { parseForm, readForm } from "~/modules/http/forms.server";
import { resourceReply, safeRedirectPath } from "~/modules/http/responses.server";
import { isLang } from "~/modules/i18n/config";
import { isRegionOf } from "~/modules/inventory/reference-data";
import { detectLang } from "~/modules/i18n/i18n.server";
import { PREFERENCE_CURRENCIES } from "~/modules/money/currencies";
import { updateAccountPreferences } from "~/modules/tenancy/accounts.server";
import { COUNTRY_CODES } from "~/modules/tenancy/countries";
import { getSessionUser } from "~/modules/tenancy/session.server";

const Schema = z
  .object({
    currencyCode: z.enum(PREFERENCE_CURRENCIES as [string, ...string[]], "validation.required").optional(),
    // "" clears the country (buy for no country in particular).
    countryCode: z.union([z.enum(COUNTRY_CODES, "validation.country"), z.literal("")]).optional(),
    // The state (Brazil, Mexico) for delivery times, with the country it belongs to; "" clears it.
    regionCode: z.string().max(3).optional(),
    regionCountry: z.enum(COUNTRY_CODES, "validation.country").optional(),
    redirectTo: z.string().max(2000).optional(),
  })
  .refine((v) => v.currencyCode !== undefined || v.countryCode !== undefined || v.regionCode !== undefined, { message: "validation.required", path: ["currencyCode"] })
  .refine((v) => !v.regionCode || (v.regionCountry !== undefined && isRegionOf(v.regionCountry, v.regionCode)), { message: "browse.preferences.regionInvalid", path: ["regionCode"] });

/**
 * The buyer's display preferences from the catalog pages: the currency prices are shown in (kept on the account
 * when signed in, and in a cookie either way) and the country the goods are for (a cookie; a buyer organization's
 * own country always wins over it), and the state within it for delivery times (a cookie "BR:SP"; a buyer
 * organization's own state wins). Then back to the same page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const sessionUser = await getSessionUser(request);
  const formData = await readForm(request, await detectLang(request, sessionUser?.user.locale));
  const redirectTo = formData.get("redirectTo");
  const pathLang = typeof redirectTo === "string" ? redirectTo.split("/")[1] : undefined;
  const lang = isLang(pathLang) ? pathLang : await detectLang(request, sessionUser?.user.locale);
  const form = await parseForm(request, Schema, lang, formData);
  if (!form.ok) return resourceReply(form.reply);
  const { currencyCode, countryCode, regionCode, regionCountry } = form.data;
  const headers = new Headers();
  if (currencyCode) {
    if (sessionUser) await updateAccountPreferences(sessionUser.user.id, { currencyCode });
    headers.append("Set-Cookie", await currencyCookie.serialize(currencyCode));
  }
  if (countryCode !== undefined) {
    headers.append("Set-Cookie", countryCode ? await countryCookie.serialize(countryCode) : await countryCookie.serialize("", { maxAge: 0 }));
  }
  if (regionCode !== undefined) {
    headers.append("Set-Cookie", regionCode && regionCountry ? await regionCookie.serialize(`${regionCountry}:${regionCode}`) : await regionCookie.serialize("", { maxAge: 0 }));
  }
  return redirect(safeRedirectPath(form.data.redirectTo, `/${lang}/products`), { headers });
}

export function loader() {
  return redirect("/");
}
