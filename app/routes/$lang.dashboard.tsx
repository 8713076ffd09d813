import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireLang } from "~/modules/i18n/config";
import { listMyMemberships } from "~/modules/tenancy/organizations.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";

/** The dashboard is per organization: go to the active one, or to creating a first one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const sessionUser = await requireSessionUser(request, lang);
  const memberships = await listMyMemberships(sessionUser.user.id);
  const active = memberships.find((m) => m.organization.id === sessionUser.activeOrganizationId) ?? memberships[0];
  if (!active) throw redirect(`/${lang}/orgs/new`);
  throw redirect(`/${lang}/orgs/${active.organization.id}`);
}
