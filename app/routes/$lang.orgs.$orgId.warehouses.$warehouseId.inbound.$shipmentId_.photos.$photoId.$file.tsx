import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { inboundPhotoResponse, resolveInboundPhoto } from "~/modules/inventory/receiving.server";
import { requireWarehouseAccess } from "~/modules/inventory/warehouse-access.server";

/**
 * A discrepancy photo (w160.webp or w1200.webp) of a shipment received at this warehouse, for its staff only:
 * receiving evidence is private (the manufacturer's console serves its own copy of the same files).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const width = Number(/^w(\d+)\.webp$/.exec(params.file ?? "")?.[1]);
  const media = await resolveInboundPhoto({ shipmentId: params.shipmentId ?? "", photoId: params.photoId ?? "", width, warehouseId: context.warehouse.id });
  const response = media ? await inboundPhotoResponse(request, media) : null;
  if (!response) notFound();
  return response;
}
