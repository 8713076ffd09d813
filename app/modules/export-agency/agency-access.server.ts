import { unscopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { parseDeclarationNumber } from "./declaration-numbers";

/**
 * Who may see the export agency's pages. The desk (/{lang}/agency/...) is for export agents: members of the PLATFORM
 * organization who are its OWNER or ADMIN, or carry Membership.exportAgent. A manufacturer sees its own
 * declarations read-only. Everyone else gets a 404, as if the page did not exist (like the other platform desks).
 */

export type DeclarationViewer = "agent" | "manufacturer";

/** Whether a membership of a PLATFORM organization works the agency desk. */
export function isExportAgent(membership: { role: string; exportAgent: boolean }): boolean {
  return membership.role === "OWNER" || membership.role === "ADMIN" || membership.exportAgent;
}

async function activeContext(request: Request, lang: Lang): Promise<OrganizationContext> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) notFound();
  return requireOrganization(request, lang, sessionUser.activeOrganizationId);
}

/** Whether the member a request acts as works the agency desk (the platform dashboard shows the desk's links to them). */
export async function agentFlag(context: OrganizationContext): Promise<boolean> {
  if (context.organization.kind !== "PLATFORM") return false;
  const membership = await unscopedDb.membership.findUnique({ where: { id: context.membership.id }, select: { role: true, exportAgent: true } });
  return membership !== null && isExportAgent(membership);
}

/** The agency desk's gate: a signed-in export agent of the PLATFORM organization the session works in, else 404. */
export async function requireExportAgent(request: Request, lang: Lang): Promise<OrganizationContext> {
  const context = await activeContext(request, lang);
  if (!(await agentFlag(context))) notFound();
  return context;
}

/** The manufacturer's read-only list: a member of a MANUFACTURER organization, else 404. */
export async function requireDeclarationsManufacturer(request: Request, lang: Lang): Promise<OrganizationContext> {
  const context = await activeContext(request, lang);
  if (context.organization.kind !== "MANUFACTURER") notFound();
  return context;
}

/**
 * One declaration, by its number: the agent sees any; the manufacturer only its own (looked up through its scoped
 * client, so another tenant's declaration is simply not found); anyone else 404.
 */
export async function requireDeclarationViewer(
  request: Request,
  lang: Lang,
  rawNumber: string | undefined,
): Promise<{ declarationId: string; viewer: DeclarationViewer; context: OrganizationContext }> {
  const number = parseDeclarationNumber(rawNumber ?? "");
  if (!number) notFound();
  const context = await activeContext(request, lang);
  if (await agentFlag(context)) {
    const found = await unscopedDb.exportDeclaration.findUnique({ where: { number }, select: { id: true } });
    if (!found) notFound();
    return { declarationId: found.id, viewer: "agent", context };
  }
  if (context.organization.kind !== "MANUFACTURER") notFound();
  const own = await context.scoped.exportDeclaration.findFirst({ where: { number }, select: { id: true } });
  if (!own) notFound();
  return { declarationId: own.id, viewer: "manufacturer", context };
}
