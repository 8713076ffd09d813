import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/modules/http/forms.server";
import { resourceReply } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { destroyUserSession } from "~/modules/tenancy/session.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await parseForm(request, z.object({}), lang);
  if (!form.ok) return resourceReply(form.reply);
  return redirect(`/${lang}`, { headers: { "Set-Cookie": await destroyUserSession(request) } });
}

// Logging out changes state: only by POST (a GET link or prefetch must not sign anyone out).
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLang(params)}`);
}
