import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { detectLang } from "~/modules/i18n/i18n.server";
import { getSessionUser } from "~/modules/tenancy/session.server";

/** `/` goes to the saved language (account, then cookie), then Accept-Language, then English. */
export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await getSessionUser(request);
  const lang = await detectLang(request, sessionUser?.user.locale);
  return redirect(`/${lang}`, { headers: { Vary: "Accept-Language, Cookie" } });
}
