import type { ActionFunctionArgs } from "@remix-run/node";
import { carrierWebhookGetRefused, handleCarrierWebhook } from "~/modules/logistics/webhook.server";

/** POST /webhooks/carriers/{carrier}: a carrier's signed tracking events (webhook.server.ts). */
export function action({ request, params }: ActionFunctionArgs) {
  return handleCarrierWebhook(request, params.carrier);
}

export function loader() {
  return carrierWebhookGetRefused();
}
