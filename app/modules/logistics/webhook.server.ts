import { readBodyUpTo } from "~/modules/http/multipart.server";
import { CarrierEnvelopeSchema, SIGNATURE_HEADER } from "./carrier-wire";
import { findActiveCarrier, ingestForCarrier, verifyCarrierSignature } from "./ingestion.server";

/** 500 events of a few hundred bytes each fit easily; anything far larger is not a tracking update. */
export const MAX_CARRIER_WEBHOOK_BYTES = 512 * 1024;

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): WebhookAnswer => ({ status, body, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * POST /webhooks/carriers/{carrier}: the carrier is looked up and the signature checked on the raw body before anything
 * is parsed, so an unknown carrier, a missing or a wrong signature stores nothing (401, the same answer for all three:
 * a prober learns nothing about which carriers exist). A valid body answers 200 with one result per event (503 when
 * some had to be taken back: send again); notifications are queued, never written on this path. The body arrives
 * already read (null: past MAX_CARRIER_WEBHOOK_BYTES): served by Express ahead of Remix (http.server.ts), and by the
 * Remix route for the same URL (handleCarrierWebhook).
 */
export async function answerCarrierWebhook(carrierCode: string | undefined, body: Buffer | null, signature: string | null | undefined, acceptedAt = Date.now()): Promise<WebhookAnswer> {
  if (body === null) return answer(413, { error: `payload too large (at most ${MAX_CARRIER_WEBHOOK_BYTES} bytes)` });
  const carrier = carrierCode ? await findActiveCarrier(carrierCode) : null;
  if (!carrier || !verifyCarrierSignature(carrier.webhookSecret, body, signature)) {
    return answer(401, { error: `unknown carrier or bad signature: sign the raw body with HMAC-SHA256 and send ${SIGNATURE_HEADER}: sha256=<hex>` });
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return answer(400, { error: "the body is not valid JSON" });
  }
  const envelope = CarrierEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const issues = envelope.error.issues.slice(0, 10).map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    return answer(400, { error: "the body is not a tracking envelope { events: [...] }", issues });
  }
  const outcome = await ingestForCarrier(carrier, envelope.data.events, "webhook", { acceptedAt });
  const result = { received: envelope.data.events.length, stored: outcome.stored, results: outcome.results };
  // Events taken back for a retry: 503, so that a carrier that reads only the status sends the body again (what
  // was stored of it then answers "duplicate").
  if (outcome.results.some((r) => r.result === "retry")) return answer(503, result, { "Retry-After": "5" });
  return answer(200, result);
}

/** The same for a Fetch request (the Remix route). */
export async function handleCarrierWebhook(request: Request, carrierCode: string | undefined): Promise<Response> {
  if (request.method !== "POST") return reply(405, { error: "POST only" });
  const acceptedAt = Date.now();
  const body = await readBodyUpTo(request, MAX_CARRIER_WEBHOOK_BYTES);
  const result = await answerCarrierWebhook(carrierCode, body, request.headers.get(SIGNATURE_HEADER), acceptedAt);
  return Response.json(result.body, { status: result.status, headers: result.headers });
}

/** After a body past the cap, this much more is read and dropped so the answer can go out; beyond it the socket closes. */
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * A Node request's body up to `max` bytes, or null past it: refused by its declared length before reading a byte (the
 * caller answers with Connection: close), else the rest is dropped as it streams (up to DRAIN_BYTES, then the request
 * is destroyed: nobody streams gigabytes at us for free).
 */
export async function readNodeBodyUpTo(request: NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined>; destroy(): void }, max: number): Promise<Buffer | null> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
    else if (size > max + DRAIN_BYTES) {
      request.destroy();
      return null;
    }
  }
  return size > max ? null : Buffer.concat(chunks, size);
}

export function carrierWebhookGetRefused(): Response {
  return reply(405, { error: "POST only" });
}
