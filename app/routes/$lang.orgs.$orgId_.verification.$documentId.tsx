import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { verificationDocumentResponse } from "~/modules/tenancy/verification.server";

/** A verification document of the company, for its members only (anyone else: 404), downloaded under its uploaded name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "organization:read");
  const response = await verificationDocumentResponse(context.organization.id, params.documentId);
  if (!response) notFound();
  return response;
}
