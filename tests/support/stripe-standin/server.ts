import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { decodeStripeForm, fingerprint, FormDecodeError, type FormValue } from "./form";

/**
 * A local stand-in for Stripe, for tests only (it lives in tests/, never in the app): the API calls Ponte makes,
 * in Stripe's wire format (form-encoded bodies with bracket nesting, Bearer auth, Idempotency-Key, Stripe-shaped
 * errors), and a hosted payment page (GET /pay/<session id>) that plays the buyer's part — pay by card or Pix at
 * once, take an OXXO/Boleto/Multibanco voucher and "pay it at the store" later — sending signed webhook events to
 * the app like Stripe does (stripe.webhooks.generateTestHeaderString with the endpoint's secret).
 */

export interface StandinOptions {
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** Requests must carry this key (Authorization: Bearer …). */
  secretKey: string;
  webhookSecret: string;
  /** Where events go (the app's /webhooks/stripe); null: recorded only. */
  webhookUrl: string | null;
  /** "succeeded" (what card refunds usually answer) or "pending" (settled later with settleRefund). */
  refundMode?: "succeeded" | "pending";
}

export interface StandinSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: string;
  payment_intent: string | null;
  allowed_payment_method_types: string[];
  payment_method_types: string[];
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  /** Not Stripe's: what the stand-in keeps about the session. */
  _paymentIntentMetadata: Record<string, string>;
}

export interface StandinPaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  created: number;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: Record<string, unknown> | null;
  payment_method: string;
  payment_method_types: string[];
  status: "requires_action" | "processing" | "succeeded" | "canceled" | "requires_payment_method";
}

export interface StandinRefund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: "pending" | "succeeded" | "failed";
}

export interface StandinEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, FormValue>;
  idempotencyKey: string | null;
  status: number;
}

const SUPPORTED_METHODS: Record<string, string[] | "any"> = {
  card: "any",
  pix: ["brl"],
  boleto: ["brl"],
  oxxo: ["mxn"],
  multibanco: ["eur"],
  sepa_debit: ["eur"],
};
const IMMEDIATE = new Set(["card", "pix"]);
const VOUCHERS = new Set(["oxxo", "boleto", "multibanco"]);
const CHECKOUT_LOCALES = new Set(["auto", "en", "es", "es-419", "pt", "pt-BR", "zh", "zh-HK", "zh-TW", "fr", "de", "it", "ja"]);
/** Stripe caps amounts at eight digits (99,999,999 in the smallest unit) for most currencies. */
const MAX_AMOUNT = 99_999_999;
const OXXO_MAX = 1_000_000;
const API_VERSION = "2026-10-28.endive";

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: { code?: string; param?: string } = {},
  ) {
    super(message);
  }
}

const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

function str(value: FormValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
function hash(value: FormValue | undefined): Record<string, FormValue> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}
function list(value: FormValue | undefined): FormValue[] {
  if (Array.isArray(value)) return value;
  // qs-style `a[0]` decodes to an array; an object keyed by indices is accepted too.
  const h = hash(value);
  return h ? Object.keys(h).sort((a, b) => Number(a) - Number(b)).map((k) => h[k]!) : [];
}
function integer(value: FormValue | undefined, param: string): number {
  const s = str(value);
  if (s === undefined || !/^\d+$/.test(s)) throw new ApiError(400, "invalid_request_error", `Invalid integer: ${s ?? "(missing)"}`, { param, code: "parameter_invalid_integer" });
  return Number(s);
}
function stringMap(value: FormValue | undefined, param: string): Record<string, string> {
  const h = hash(value) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (typeof v !== "string") throw new ApiError(400, "invalid_request_error", `Invalid ${param}: values must be strings`, { param: `${param}[${k}]` });
    out[k] = v;
  }
  return out;
}

export interface Standin {
  url: string;
  port: number;
  sessions: Map<string, StandinSession>;
  paymentIntents: Map<string, StandinPaymentIntent>;
  refunds: Map<string, StandinRefund>;
  events: StandinEvent[];
  requests: RecordedRequest[];
  deliveries: { eventId: string; status: number }[];
  setWebhookUrl(url: string | null): void;
  setRefundMode(mode: "succeeded" | "pending"): void;
  /** The buyer pays on the hosted page with `method`; answers the events sent (or only made, with deliver false). */
  confirm(sessionId: string, method: string, options?: { deliver?: boolean }): Promise<StandinEvent[]>;
  /** A delayed method's money arrives (the OXXO voucher is paid at the store, the SEPA debit clears). */
  settle(sessionId: string, options?: { deliver?: boolean }): Promise<StandinEvent[]>;
  /** A delayed method fails (the voucher expires unpaid). */
  fail(sessionId: string, options?: { deliver?: boolean }): Promise<StandinEvent[]>;
  expire(sessionId: string, options?: { deliver?: boolean }): Promise<StandinEvent[]>;
  settleRefund(refundId: string, options?: { deliver?: boolean }): Promise<StandinEvent[]>;
  /** Sends (or re-sends: a replay has the same id) an event to the webhook URL; answers the HTTP status. */
  deliver(event: StandinEvent, options?: { secret?: string; signature?: string }): Promise<number>;
  close(): Promise<void>;
}

export async function startStripeStandin(options: StandinOptions): Promise<Standin> {
  const sessions = new Map<string, StandinSession>();
  const paymentIntents = new Map<string, StandinPaymentIntent>();
  const charges = new Map<string, { id: string; object: "charge"; amount: number; amount_refunded: number; currency: string; payment_intent: string; refunded: boolean; refunds: { object: "list"; data: StandinRefund[] } }>();
  const refunds = new Map<string, StandinRefund>();
  const paymentMethods = new Map<string, { id: string; object: "payment_method"; type: string }>();
  const events: StandinEvent[] = [];
  const requests: RecordedRequest[] = [];
  const deliveries: { eventId: string; status: number }[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  let webhookUrl = options.webhookUrl;
  let refundMode = options.refundMode ?? "succeeded";
  let baseUrl = "";
  const webhooks = new Stripe("sk_test_standin_signer").webhooks;

  const publicSession = (s: StandinSession) => {
    const { _paymentIntentMetadata: _omit, ...rest } = s;
    return { ...rest, url: s.status === "open" ? `${baseUrl}/pay/${s.id}` : null };
  };

  function makeEvent(type: string, object: unknown): StandinEvent {
    const event: StandinEvent = { id: newId("evt"), object: "event", api_version: API_VERSION, created: now(), data: { object: structuredClone(object) }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
    events.push(event);
    return event;
  }

  async function deliver(event: StandinEvent, opts: { secret?: string; signature?: string } = {}): Promise<number> {
    if (!webhookUrl) return 0;
    const payload = JSON.stringify(event);
    const header = opts.signature ?? webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? options.webhookSecret });
    const response = await fetch(webhookUrl, { method: "POST", headers: { "Content-Type": "application/json", "Stripe-Signature": header, "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" }, body: payload });
    await response.arrayBuffer();
    deliveries.push({ eventId: event.id, status: response.status });
    return response.status;
  }

  async function emit(made: StandinEvent[], shouldDeliver: boolean): Promise<StandinEvent[]> {
    if (shouldDeliver) for (const event of made) await deliver(event);
    return made;
  }

  function requireSession(id: string): StandinSession {
    const session = sessions.get(id);
    if (!session) throw new ApiError(404, "invalid_request_error", `No such checkout.session: '${id}'`, { code: "resource_missing", param: "session" });
    return session;
  }

  function charge(pi: StandinPaymentIntent) {
    const id = newId("ch");
    charges.set(id, { id, object: "charge", amount: pi.amount, amount_refunded: 0, currency: pi.currency, payment_intent: pi.id, refunded: false, refunds: { object: "list", data: [] } });
    pi.latest_charge = id;
    pi.amount_received = pi.amount;
  }

  async function confirm(sessionId: string, method: string, opts: { deliver?: boolean } = {}) {
    const session = requireSession(sessionId);
    if (session.status !== "open") throw new ApiError(400, "invalid_request_error", "This Checkout Session is no longer open.");
    if (!session.payment_method_types.includes(method)) throw new ApiError(400, "invalid_request_error", `${method} is not offered by this Checkout Session.`);
    const paymentMethod = { id: newId("pm"), object: "payment_method" as const, type: method };
    paymentMethods.set(paymentMethod.id, paymentMethod);
    const pi: StandinPaymentIntent = {
      id: newId("pi"),
      object: "payment_intent",
      amount: session.amount_total,
      amount_received: 0,
      currency: session.currency,
      created: now(),
      latest_charge: null,
      livemode: false,
      metadata: { ...session._paymentIntentMetadata },
      next_action: null,
      payment_method: paymentMethod.id,
      payment_method_types: [method],
      status: "processing",
    };
    paymentIntents.set(pi.id, pi);
    session.payment_intent = pi.id;
    session.status = "complete";
    if (IMMEDIATE.has(method)) {
      pi.status = "succeeded";
      charge(pi);
      session.payment_status = "paid";
    } else if (VOUCHERS.has(method)) {
      pi.status = "requires_action";
      pi.next_action = voucherAction(method, pi);
    }
    return emit([makeEvent("checkout.session.completed", publicSession(session))], opts.deliver !== false);
  }

  function voucherAction(method: string, pi: StandinPaymentIntent): Record<string, unknown> {
    const expires = now() + 3 * 86_400;
    const voucherUrl = `${baseUrl}/vouchers/${pi.id}`;
    const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");
    if (method === "oxxo") return { type: "oxxo_display_details", oxxo_display_details: { number: digits(18), expires_after: expires, hosted_voucher_url: voucherUrl } };
    if (method === "boleto") return { type: "boleto_display_details", boleto_display_details: { number: digits(47), expires_at: expires, hosted_voucher_url: voucherUrl, pdf: `${voucherUrl}.pdf` } };
    return { type: "multibanco_display_details", multibanco_display_details: { entity: "12345", reference: digits(9), expires_at: expires, hosted_voucher_url: voucherUrl } };
  }

  async function settle(sessionId: string, opts: { deliver?: boolean } = {}) {
    const session = requireSession(sessionId);
    const pi = session.payment_intent ? paymentIntents.get(session.payment_intent) : undefined;
    if (!pi || pi.status === "succeeded") throw new ApiError(400, "invalid_request_error", "Nothing is waiting to be paid on this session.");
    pi.status = "succeeded";
    pi.next_action = null;
    charge(pi);
    session.payment_status = "paid";
    return emit([makeEvent("checkout.session.async_payment_succeeded", publicSession(session))], opts.deliver !== false);
  }

  async function fail(sessionId: string, opts: { deliver?: boolean } = {}) {
    const session = requireSession(sessionId);
    const pi = session.payment_intent ? paymentIntents.get(session.payment_intent) : undefined;
    if (!pi || pi.status === "succeeded") throw new ApiError(400, "invalid_request_error", "Nothing is waiting to be paid on this session.");
    pi.status = "requires_payment_method";
    pi.next_action = null;
    return emit([makeEvent("checkout.session.async_payment_failed", publicSession(session))], opts.deliver !== false);
  }

  async function expire(sessionId: string, opts: { deliver?: boolean } = {}) {
    const session = requireSession(sessionId);
    if (session.status !== "open") throw new ApiError(400, "invalid_request_error", 'Only Checkout Sessions with a status in ["open"] can be expired.', { code: "checkout_session_expired" });
    session.status = "expired";
    return emit([makeEvent("checkout.session.expired", publicSession(session))], opts.deliver !== false);
  }

  async function settleRefund(refundId: string, opts: { deliver?: boolean } = {}) {
    const refund = refunds.get(refundId);
    if (!refund) throw new ApiError(404, "invalid_request_error", `No such refund: '${refundId}'`, { code: "resource_missing" });
    refund.status = "succeeded";
    const ch = charges.get(refund.charge)!;
    ch.amount_refunded += refund.amount;
    ch.refunded = ch.amount_refunded >= ch.amount;
    return emit([makeEvent("refund.updated", refund), makeEvent("charge.refunded", ch)], opts.deliver !== false);
  }

  // ── API ────────────────────────────────────────────────────────────────────────────────────────────────────
  function createSession(params: Record<string, FormValue>): StandinSession {
    if (str(params.mode) !== "payment") throw new ApiError(400, "invalid_request_error", "The stand-in only knows mode=payment.", { param: "mode" });
    const successUrl = str(params.success_url);
    if (!successUrl) throw new ApiError(400, "invalid_request_error", "Missing required param: success_url.", { param: "success_url" });
    const items = list(params.line_items);
    if (items.length === 0) throw new ApiError(400, "invalid_request_error", "line_items is required in payment mode.", { param: "line_items" });
    let currency: string | undefined;
    let total = 0;
    items.forEach((item, i) => {
      const priceData = hash(hash(item)?.price_data);
      if (!priceData) throw new ApiError(400, "invalid_request_error", "Each line item needs price_data.", { param: `line_items[${i}][price_data]` });
      const c = str(priceData.currency);
      if (!c || !/^[a-z]{3}$/.test(c)) throw new ApiError(400, "invalid_request_error", `Invalid currency: ${c ?? "(missing)"}. Stripe currencies are lowercase ISO codes.`, { param: `line_items[${i}][price_data][currency]` });
      if (currency && currency !== c) throw new ApiError(400, "invalid_request_error", "All line items must be in the same currency.", { param: "line_items" });
      currency = c;
      if (!str(hash(priceData.product_data)?.name)) throw new ApiError(400, "invalid_request_error", "Missing required param: product_data[name].", { param: `line_items[${i}][price_data][product_data][name]` });
      const unitAmount = integer(priceData.unit_amount, `line_items[${i}][price_data][unit_amount]`);
      const quantity = integer(hash(item)?.quantity, `line_items[${i}][quantity]`);
      total += unitAmount * quantity;
    });
    if (total > MAX_AMOUNT) throw new ApiError(400, "invalid_request_error", `Amount must be no more than ${MAX_AMOUNT}.`, { code: "amount_too_large", param: "line_items" });
    if (total < 1) throw new ApiError(400, "invalid_request_error", "Amount must be at least 1.", { code: "amount_too_small", param: "line_items" });
    // API 2026-10-28 (stripe-node 23): Checkout Sessions take allowed_payment_method_types; payment_method_types is gone.
    if (params.payment_method_types !== undefined) throw new ApiError(400, "invalid_request_error", "Received unknown parameter: payment_method_types", { param: "payment_method_types" });
    const methods = list(params.allowed_payment_method_types).map((m) => str(m) ?? "");
    if (methods.length === 0) methods.push("card");
    for (const method of methods) {
      const allowed = SUPPORTED_METHODS[method];
      if (!allowed) throw new ApiError(400, "invalid_request_error", `Invalid allowed_payment_method_types: ${method}`, { param: "allowed_payment_method_types" });
      if (allowed !== "any" && !allowed.includes(currency!)) throw new ApiError(400, "invalid_request_error", `The payment method \`${method}\` does not support the currency \`${currency}\`.`, { param: "allowed_payment_method_types" });
    }
    if (methods.includes("oxxo") && total > OXXO_MAX) throw new ApiError(400, "invalid_request_error", `Amount must be no more than MX$10,000.00 for oxxo.`, { code: "amount_too_large", param: "allowed_payment_method_types" });
    const locale = str(params.locale) ?? null;
    if (locale && !CHECKOUT_LOCALES.has(locale)) throw new ApiError(400, "invalid_request_error", `Invalid locale: ${locale}`, { param: "locale" });
    const created = now();
    const session: StandinSession = {
      id: newId("cs"),
      object: "checkout.session",
      amount_subtotal: total,
      amount_total: total,
      currency: currency!,
      client_reference_id: str(params.client_reference_id) ?? null,
      created,
      expires_at: params.expires_at ? integer(params.expires_at, "expires_at") : created + 86_400,
      livemode: false,
      locale,
      metadata: stringMap(params.metadata, "metadata"),
      mode: "payment",
      payment_intent: null,
      allowed_payment_method_types: methods,
      payment_method_types: methods,
      payment_status: "unpaid",
      status: "open",
      success_url: successUrl,
      cancel_url: str(params.cancel_url) ?? null,
      url: null,
      _paymentIntentMetadata: stringMap(hash(params.payment_intent_data)?.metadata, "payment_intent_data[metadata]"),
    };
    sessions.set(session.id, session);
    return session;
  }

  function createRefund(params: Record<string, FormValue>): StandinRefund {
    const piId = str(params.payment_intent);
    const pi = piId ? paymentIntents.get(piId) : undefined;
    if (!pi) throw new ApiError(404, "invalid_request_error", `No such payment_intent: '${piId ?? ""}'`, { code: "resource_missing", param: "payment_intent" });
    if (pi.status !== "succeeded" || !pi.latest_charge) throw new ApiError(400, "invalid_request_error", "This PaymentIntent has no successful charge to refund.", { code: "charge_not_refundable" });
    const ch = charges.get(pi.latest_charge)!;
    const alreadyAsked = ch.refunds.data.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0);
    const amount = params.amount === undefined ? ch.amount - alreadyAsked : integer(params.amount, "amount");
    if (amount < 1 || amount + alreadyAsked > ch.amount) throw new ApiError(400, "invalid_request_error", `Refund amount (${amount}) is greater than unrefunded amount on charge (${ch.amount - alreadyAsked})`, { code: "charge_already_refunded", param: "amount" });
    const reason = str(params.reason) ?? null;
    if (reason && !["duplicate", "fraudulent", "requested_by_customer"].includes(reason)) throw new ApiError(400, "invalid_request_error", `Invalid reason: ${reason}`, { param: "reason" });
    const refund: StandinRefund = { id: newId("re"), object: "refund", amount, charge: ch.id, created: now(), currency: pi.currency, metadata: stringMap(params.metadata, "metadata"), payment_intent: pi.id, reason, status: refundMode === "succeeded" ? "succeeded" : "pending" };
    refunds.set(refund.id, refund);
    ch.refunds.data.push(refund);
    if (refund.status === "succeeded") {
      ch.amount_refunded += amount;
      ch.refunded = ch.amount_refunded >= ch.amount;
    }
    return refund;
  }

  function expandIntent(pi: StandinPaymentIntent, expand: string[]) {
    return { ...pi, payment_method: expand.includes("payment_method") ? paymentMethods.get(pi.payment_method) : pi.payment_method, latest_charge: expand.includes("latest_charge") && pi.latest_charge ? charges.get(pi.latest_charge) : pi.latest_charge };
  }

  async function api(method: string, path: string, params: Record<string, FormValue>): Promise<{ status: number; body: unknown; after?: () => Promise<void> }> {
    const expand = list(params.expand).map((e) => str(e) ?? "");
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return { status: 200, body: publicSession(createSession(params)) };
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      const session = requireSession(m[1]!);
      const body = publicSession(session) as Record<string, unknown>;
      if (expand.includes("payment_intent") && session.payment_intent) body.payment_intent = expandIntent(paymentIntents.get(session.payment_intent)!, []);
      return { status: 200, body };
    }
    if (method === "POST" && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) {
      const id = m[1]!;
      const session = requireSession(id);
      if (session.status !== "open") throw new ApiError(400, "invalid_request_error", 'Only Checkout Sessions with a status in ["open"] can be expired.');
      session.status = "expired";
      const event = makeEvent("checkout.session.expired", publicSession(session));
      return { status: 200, body: publicSession(session), after: async () => void (await deliver(event)) };
    }
    if (method === "GET" && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const pi = paymentIntents.get(m[1]!);
      if (!pi) throw new ApiError(404, "invalid_request_error", `No such payment_intent: '${m[1]}'`, { code: "resource_missing", param: "intent" });
      return { status: 200, body: expandIntent(pi, expand) };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const refund = createRefund(params);
      const made = refund.status === "succeeded" ? [makeEvent("refund.created", refund), makeEvent("charge.refunded", charges.get(refund.charge))] : [makeEvent("refund.created", refund)];
      return { status: 200, body: refund, after: async () => void (await emit(made, true)) };
    }
    if (method === "GET" && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const refund = refunds.get(m[1]!);
      if (!refund) throw new ApiError(404, "invalid_request_error", `No such refund: '${m[1]}'`, { code: "resource_missing", param: "id" });
      return { status: 200, body: refund };
    }
    throw new ApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const method = req.method ?? "GET";
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    let params: Record<string, FormValue> = {};
    const send = (status: number, payload: string, replayed = false) => {
      requests.push({ method, path: url.pathname, params, idempotencyKey, status });
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": newId("req"), ...(replayed ? { "Idempotent-Replayed": "true" } : {}), ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}) });
      res.end(payload);
    };
    const errorBody = (e: ApiError) => JSON.stringify({ error: { type: e.type, message: e.message, ...(e.extra.code ? { code: e.extra.code } : {}), ...(e.extra.param ? { param: e.extra.param } : {}) } });
    try {
      const auth = req.headers.authorization ?? "";
      if (auth !== `Bearer ${options.secretKey}`) throw new ApiError(401, "invalid_request_error", auth ? `Invalid API Key provided: ${auth.replace(/^Bearer /, "").slice(0, 8)}****` : "You did not provide an API key.");
      params = decodeStripeForm(method === "GET" ? url.search.slice(1) : body);
      const key = method === "POST" && idempotencyKey ? `${options.secretKey}:${idempotencyKey}` : null;
      const print = fingerprint({ method, path: url.pathname, params });
      if (key) {
        const seen = idempotency.get(key);
        if (seen) {
          if (seen.fingerprint !== print) {
            throw new ApiError(400, "idempotency_error", `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
          }
          return send(seen.status, seen.body, true);
        }
      }
      let result: { status: number; body: unknown; after?: () => Promise<void> };
      try {
        result = await api(method, url.pathname, params);
      } catch (error) {
        // Stripe keeps the outcome of a keyed request, errors included (except its own server errors).
        if (key && error instanceof ApiError && error.status < 500) idempotency.set(key, { fingerprint: print, status: error.status, body: errorBody(error) });
        throw error;
      }
      const payload = JSON.stringify(result.body);
      if (key) idempotency.set(key, { fingerprint: print, status: result.status, body: payload });
      send(result.status, payload);
      // Events follow the answer, as Stripe sends them: the app may get a webhook before it has read the response.
      if (result.after) void result.after().catch((error) => console.error("[stripe-standin] webhook", error));
    } catch (error) {
      if (error instanceof ApiError) return send(error.status, errorBody(error));
      if (error instanceof FormDecodeError) return send(400, JSON.stringify({ error: { type: "invalid_request_error", message: error.message } }));
      console.error("[stripe-standin]", error);
      send(500, JSON.stringify({ error: { type: "api_error", message: "The stand-in failed." } }));
    }
  }

  // ── Hosted page ────────────────────────────────────────────────────────────────────────────────────────────
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const page = (title: string, inner: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}button,a.button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem;text-align:center}.voucher{font-family:monospace;font-size:1.25rem;word-break:break-all;padding:.5rem;border:1px dashed #555}</style></head>` +
    `<body><p><strong>Stripe stand-in</strong> — test payments only</p>${inner}</body></html>`;
  const successUrl = (s: StandinSession) => s.success_url.replace("{CHECKOUT_SESSION_ID}", s.id);
  const amountText = (s: StandinSession) => `${s.currency.toUpperCase()} ${s.amount_total}`;
  const METHOD_LABELS: Record<string, string> = { card: "Pay by card", pix: "Pix", boleto: "Boleto", oxxo: "OXXO", multibanco: "Multibanco", sepa_debit: "SEPA Debit" };
  const form = (action: string, label: string, hidden: Record<string, string> = {}) =>
    `<form method="post" action="${escape(action)}">${Object.entries(hidden)
      .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
      .join("")}<button type="submit">${escape(label)}</button></form>`;

  function voucherHtml(s: StandinSession): string {
    const pi = s.payment_intent ? paymentIntents.get(s.payment_intent) : undefined;
    const action = pi?.next_action;
    if (!pi || !action) return "";
    const details = action[action.type as string] as Record<string, unknown>;
    const number = String(details.number ?? `${details.entity} / ${details.reference}`);
    return `<h1>${escape(METHOD_LABELS[pi.payment_method_types[0]!] ?? "Voucher")}</h1><p>Amount: ${escape(amountText(s))}</p><p>Voucher number:</p><p class="voucher" data-testid="voucher-number">${escape(number)}</p>` + form(`/pay/${s.id}/settle`, "Simulate payment at the store") + form(`/pay/${s.id}/fail`, "Let the voucher expire unpaid") + `<a class="button" href="${escape(successUrl(s))}">Back to the shop</a>`;
  }

  async function handlePage(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const html = (status: number, content: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(content);
    };
    const redirect = (location: string) => {
      res.writeHead(303, { Location: location });
      res.end();
    };
    const m = /^\/pay\/([^/]+)(?:\/(confirm|settle|fail))?$/.exec(url.pathname);
    const session = m ? sessions.get(m[1]!) : undefined;
    if (!m || !session) return html(404, page("Not found", "<h1>No such payment page</h1>"));
    const step = m[2];
    try {
      if (req.method === "GET" && !step) {
        if (session.status === "open") {
          const buttons = session.payment_method_types.map((method) => form(`/pay/${session.id}/confirm`, METHOD_LABELS[method] ?? method, { method })).join("");
          const cancel = session.cancel_url ? `<a class="button" href="${escape(session.cancel_url)}">Cancel and go back</a>` : "";
          return html(200, page("Pay", `<h1>Pay ${escape(amountText(session))}</h1><p>Locale: ${escape(session.locale ?? "auto")}</p>${buttons}${cancel}`));
        }
        const voucher = session.payment_status === "unpaid" ? voucherHtml(session) : "";
        return html(200, page("Payment", voucher || `<h1>This payment page is ${escape(session.status)}</h1><a class="button" href="${escape(successUrl(session))}">Back to the shop</a>`));
      }
      if (req.method !== "POST") return html(405, page("Not allowed", "<h1>Method not allowed</h1>"));
      if (step === "confirm") {
        const method = new URLSearchParams(body).get("method") ?? "";
        await confirm(session.id, method);
        // Cards and Pix are done; a voucher is shown to the buyer, who is then sent back to the shop.
        if (session.payment_status === "paid") return redirect(successUrl(session));
        if (VOUCHERS.has(method)) return html(200, page("Voucher", voucherHtml(session)));
        return html(200, page("Debit submitted", `<h1>${escape(METHOD_LABELS[method] ?? method)} submitted</h1>` + form(`/pay/${session.id}/settle`, "Simulate the bank confirming") + `<a class="button" href="${escape(successUrl(session))}">Back to the shop</a>`));
      }
      if (step === "settle") await settle(session.id);
      if (step === "fail") await fail(session.id);
      return redirect(successUrl(session));
    } catch (error) {
      if (error instanceof ApiError) return html(400, page("Refused", `<h1>${escape(error.message)}</h1>`));
      throw error;
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", baseUrl || "http://localhost");
      const body = Buffer.concat(chunks).toString("utf8");
      // Playwright's webServer waits for this before the tests start.
      if (url.pathname === "/healthz") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        return void res.end("ok");
      }
      const handler = url.pathname.startsWith("/v1/") ? handleApi : handlePage;
      handler(req, res, url, body).catch((error) => {
        console.error("[stripe-standin]", error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    port,
    sessions,
    paymentIntents,
    refunds,
    events,
    requests,
    deliveries,
    setWebhookUrl: (value) => void (webhookUrl = value),
    setRefundMode: (mode) => void (refundMode = mode),
    confirm,
    settle,
    fail,
    expire,
    settleRefund,
    deliver,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
