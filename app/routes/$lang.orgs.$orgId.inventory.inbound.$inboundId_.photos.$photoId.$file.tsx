import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { inboundPhotoResponse, resolveInboundPhoto } from "~/modules/inventory/receiving.server";

/**
 * A discrepancy photo (w160.webp or w1200.webp) the warehouse took of this manufacturer's shipment, for its members
 * only: receiving evidence is private (another manufacturer's shipment, or a made-up id, is a 404).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const width = Number(/^w(\d+)\.webp$/.exec(params.file ?? "")?.[1]);
  const media = await resolveInboundPhoto({ shipmentId: params.inboundId ?? "", photoId: params.photoId ?? "", width, organizationId: context.organization.id });
  const response = media ? await inboundPhotoResponse(request, media) : null;
  if (!response) notFound();
  return response;
}
