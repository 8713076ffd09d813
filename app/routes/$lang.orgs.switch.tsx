import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm } from "~/modules/http/forms.server";
import { notFound, resourceReply } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { isMember } from "~/modules/tenancy/access.server";
import { requireSessionUser, setActiveOrganization } from "~/modules/tenancy/session.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const sessionUser = await requireSessionUser(request, lang);
  const form = await parseForm(request, z.object({ organizationId: z.uuid() }), lang);
  if (!form.ok) return resourceReply(form.reply);
  if (!(await isMember(sessionUser.user.id, form.data.organizationId))) notFound();
  await setActiveOrganization(sessionUser.sessionId, form.data.organizationId);
  return redirect(`/${lang}/orgs/${form.data.organizationId}`);
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLang(params)}/dashboard`);
}
