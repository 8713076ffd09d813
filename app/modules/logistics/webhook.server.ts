import { readBodyUpTo } from "~/modules/http/multipart.server";
import { CarrierEnvelopeSchema, SIGNATURE_HEADER } from "./carrier-wire";
import { findActiveCarrier, ingestForCarrier, verifyCarrierSignature } from "./ingestion.server";

/** 500 events of a few hundred bytes each fit easily; anything far larger is not a tracking update. */
export const MAX_CARRIER_WEBHOOK_BYTES = 512 * 1024;

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * POST /webhooks/carriers/{carrier}: the carrier is looked up and the signature checked on the raw body before anything
 * is parsed, so an unknown carrier, a missing or a wrong signature stores nothing (401, the same answer for all three:
 * a prober learns nothing about which carriers exist). A valid body answers 200 with one result per event (503 when
 * some had to be taken back: send again); notifications are queued, never written on this path.
 */
export async function handleCarrierWebhook(request: Request, carrierCode: string | undefined): Promise<Response> {
  if (request.method !== "POST") return reply(405, { error: "POST only" });
  const acceptedAt = Date.now();
  const body = await readBodyUpTo(request, MAX_CARRIER_WEBHOOK_BYTES);
  if (body === null) return reply(413, { error: `payload too large (at most ${MAX_CARRIER_WEBHOOK_BYTES} bytes)` });
  const carrier = carrierCode ? await findActiveCarrier(carrierCode) : null;
  if (!carrier || !verifyCarrierSignature(carrier.webhookSecret, body, request.headers.get(SIGNATURE_HEADER))) {
    return reply(401, { error: `unknown carrier or bad signature: sign the raw body with HMAC-SHA256 and send ${SIGNATURE_HEADER}: sha256=<hex>` });
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return reply(400, { error: "the body is not valid JSON" });
  }
  const envelope = CarrierEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const issues = envelope.error.issues.slice(0, 10).map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    return reply(400, { error: "the body is not a tracking envelope { events: [...] }", issues });
  }
  const outcome = await ingestForCarrier(carrier, envelope.data.events, "webhook", { acceptedAt });
  const answer = { received: envelope.data.events.length, stored: outcome.stored, results: outcome.results };
  // Events taken back for a retry: 503, so that a carrier that reads only the status sends the body again (what
  // was stored of it then answers "duplicate").
  if (outcome.results.some((r) => r.result === "retry")) return Response.json(answer, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } });
  return reply(200, answer);
}

export function carrierWebhookGetRefused(): Response {
  return reply(405, { error: "POST only" });
}
