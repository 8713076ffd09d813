import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { findOrderForViewer, requireOrdersViewer } from "~/modules/ordering/orders.server";
import { attachmentResponse } from "~/modules/ordering/rfq-thread.server";

/** A dispute's evidence file, for the order's two parties and the platform only (the order look-up decides). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const viewer = await requireOrdersViewer(request, lang);
  const order = await findOrderForViewer(viewer, params.number);
  const dispute = order?.disputes.find((d) => d.id === params.disputeId);
  if (!dispute) notFound();
  const key = `disputes/${dispute.id}/${params.file ?? ""}`;
  if (!dispute.messages.some((m) => m.attachmentKeys.includes(key))) notFound();
  const response = await attachmentResponse(key);
  if (!response) notFound();
  return response;
}
