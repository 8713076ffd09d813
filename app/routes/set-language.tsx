import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/modules/http/forms.server";
import { resourceReply, safeRedirectPath } from "~/modules/http/responses.server";
import { LANGS, pathInLang } from "~/modules/i18n/config";
import { detectLang, langCookie } from "~/modules/i18n/i18n.server";
import { updateAccountPreferences } from "~/modules/tenancy/accounts.server";
import { getSessionUser } from "~/modules/tenancy/session.server";

const Schema = z.object({ lang: z.enum(LANGS), redirectTo: z.string().optional() });

/** Saves the language on the account (when signed in) and in a cookie, then shows the same page in it. */
export async function action({ request }: ActionFunctionArgs) {
  const sessionUser = await getSessionUser(request);
  const form = await parseForm(request, Schema, await detectLang(request, sessionUser?.user.locale));
  if (!form.ok) return resourceReply(form.reply);
  const { lang, redirectTo } = form.data;
  if (sessionUser) await updateAccountPreferences(sessionUser.user.id, { locale: lang });
  return redirect(pathInLang(safeRedirectPath(redirectTo, "/"), lang), { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}
