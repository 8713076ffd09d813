import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDeclarationViewer } from "~/modules/export-agency/agency-access.server";
import { cebDownloadResponse } from "~/modules/export-agency/ceb-download.server";
import { isCebMessageType } from "~/modules/export-agency/ceb-message-types";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";

/**
 * A declaration's customs message as an unsigned XML download: /{lang}/agency/declarations/{number}/xml/{CEB303|
 * CEB403|CEB505|CEB603}. The agent and the owning manufacturer may download; anyone else, and an unknown message,
 * get a 404; a message that cannot be built answers 409 with the reason in the viewer's language.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const message = (params.message ?? "").toUpperCase();
  if (!isCebMessageType(message)) notFound();
  const { declarationId } = await requireDeclarationViewer(request, lang, params.number);
  return cebDownloadResponse(declarationId, message, lang);
}
