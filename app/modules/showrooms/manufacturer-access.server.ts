import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";

/** The manufacturer's showroom pages (its invitations): the session's active organization must be a MANUFACTURER, else 404. */
export async function requireShowroomManufacturer(request: Request, lang: Lang): Promise<OrganizationContext> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) notFound();
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  if (context.organization.kind !== "MANUFACTURER") notFound();
  return context;
}
