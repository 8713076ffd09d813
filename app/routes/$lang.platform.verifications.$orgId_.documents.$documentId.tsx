import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { requireVerificationDesk, verificationDocumentResponse } from "~/modules/tenancy/verification.server";

/** A company's verification document, for the desk (platform owners and admins; anyone else: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireVerificationDesk(request, lang);
  const response = await verificationDocumentResponse(params.orgId ?? "", params.documentId);
  if (!response) notFound();
  return response;
}
