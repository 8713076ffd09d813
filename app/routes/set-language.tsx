import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/modules/http/forms.server";
import { resourceReply, safeRedirectPath } from "~/modules/http/responses.server";
import { LANGS, pathInLang } from "~/modules/i18n/config";
import { detectLang, langCookie } from "~/modules/i18n/i18n.server";
import { textVariantCookie } from "~/modules/i18n/viewer.server";
import { updateAccountPreferences } from "~/modules/tenancy/accounts.server";
import { getSessionUser } from "~/modules/tenancy/session.server";

// "pt-PT" and "pt-BR" are Portuguese as Portugal or Brazil write it: the URL language is pt either way.
const Schema = z.object({ lang: z.enum([...LANGS, "pt-PT", "pt-BR"]), redirectTo: z.string().optional() });

/**
 * Saves the language on the account (when signed in) and in a cookie, then shows the same page in it. A choice of
 * Portuguese variant is kept in its own cookie (ponte_variant); plain "pt" forgets it, so the country decides again.
 */
export async function action({ request }: ActionFunctionArgs) {
  const sessionUser = await getSessionUser(request);
  const form = await parseForm(request, Schema, await detectLang(request, sessionUser?.user.locale));
  if (!form.ok) return resourceReply(form.reply);
  const { lang: choice, redirectTo } = form.data;
  const lang = choice === "pt-PT" || choice === "pt-BR" ? "pt" : choice;
  if (sessionUser) await updateAccountPreferences(sessionUser.user.id, { locale: lang });
  const headers = new Headers({ "Set-Cookie": await langCookie.serialize(lang) });
  if (lang === "pt") headers.append("Set-Cookie", choice === "pt" ? await textVariantCookie.serialize("", { maxAge: 0 }) : await textVariantCookie.serialize(choice));
  return redirect(pathInLang(safeRedirectPath(redirectTo, "/"), lang), { headers });
}

export function loader() {
  return redirect("/");
}
