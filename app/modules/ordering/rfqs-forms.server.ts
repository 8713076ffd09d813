import { z } from "zod";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES, PREFERENCE_CURRENCIES } from "~/modules/money/currencies";
import { parseAmount } from "~/modules/money/money";
import { readShowroomSource } from "~/modules/showrooms/source.server";
import { COUNTRY_CODES } from "~/modules/tenancy/countries";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, readAttachments, RFQ_UPLOAD, uploadedFiles } from "./rfq-thread.server";
import { type RfqError, TRADE_TERMS, type NewRfqInput } from "./rfqs.server";
import type { OfferInput } from "./quotes.server";

/**
 * The RFQ pages' forms, read at the edge: the body within the upload limits, CSRF and zod (parseForm), amounts with
 * the one amount parser, attachments checked by their bytes. Every refusal is a 4xx with a message in the page's
 * language and the typed values kept.
 */

const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;
const ATTACHMENT_MESSAGES = { attachment_type: "rfq.errors.attachment_type", attachment_too_large: "rfq.errors.attachment_too_large", too_many_attachments: "rfq.errors.too_many_attachments" } as const;

/** Reads a form that may carry attachments (multipart) or not (urlencoded). */
export async function readRfqForm(request: Request, lang: Lang): Promise<{ ok: true; form: FormData } | { ok: false; reply: ReturnType<typeof formErrorReply> }> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return { ok: true, form: await readForm(request, lang) };
  const upload = await readMultipart(request, RFQ_UPLOAD);
  if (upload.ok) return { ok: true, form: upload.form };
  const t = serverT(lang);
  const message =
    upload.error === "unreadable"
      ? t("errors.form.unreadable")
      : upload.error === "file_too_large"
        ? t("rfq.errors.attachment_too_large", { size: MB })
        : upload.error === "too_many_files"
          ? t("rfq.errors.too_many_attachments", { max: MAX_ATTACHMENTS })
          : t("rfq.errors.request_too_large");
  return { ok: false, reply: formErrorReply(lang, new FormData(), {}, message, upload.status) };
}

async function attachmentsOf(form: FormData, lang: Lang) {
  const checked = await readAttachments(uploadedFiles(form));
  if (checked.ok) return checked;
  const message = serverT(lang)(ATTACHMENT_MESSAGES[checked.reason], { size: MB, max: MAX_ATTACHMENTS });
  return { ok: false as const, reply: formErrorReply(lang, form, { attachments: message }, "rfq.errors.fixBelow") };
}

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const wholeNumber = (min: number, max: number) => z.coerce.number<string>("validation.required").int("validation.required").min(min, "validation.required").max(max, "validation.tooLong");

const NewRfqSchema = z.object({
  manufacturerId: z.uuid("rfq.errors.manufacturer_not_found"),
  productId: z.union([z.uuid(), z.literal("")]).optional(),
  variantId: z.union([z.uuid(), z.literal("")]).optional(),
  title: text(200).min(1, "validation.required"),
  specification: text(8000).default(""),
  quantity: wholeNumber(1, 10_000_000),
  destinationCountry: z.enum(COUNTRY_CODES, "validation.country"),
  tradeTerm: z.enum(TRADE_TERMS, "validation.required"),
  targetPrice: text(40).default(""),
  targetCurrencyCode: z.enum(PREFERENCE_CURRENCIES as [string, ...string[]], "validation.required"),
});

/** An amount typed in a currency, in minor units; a field error otherwise. */
function amountField(lang: Lang, raw: string, currencyCode: string): { ok: true; minor: bigint } | { ok: false; message: string } {
  const currency = CURRENCIES.find((c) => c.code === currencyCode);
  const parsed = parseAmount(raw, currency?.exponent ?? 2);
  if (parsed.ok && parsed.minor > 0n) return parsed;
  const t = serverT(lang);
  return { ok: false, message: !parsed.ok && parsed.problem === "decimals" ? t("rfq.errors.amountDecimals", { currency: currencyCode }) : t("rfq.errors.amount") };
}

export async function parseNewRfqForm(request: Request, lang: Lang, form: FormData) {
  const parsed = await parseForm(request, NewRfqSchema, lang, form);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  let targetPriceMinor: bigint | null = null;
  if (data.targetPrice) {
    const amount = amountField(lang, data.targetPrice, data.targetCurrencyCode);
    if (!amount.ok) return { ok: false as const, reply: formErrorReply(lang, form, { targetPrice: amount.message }) };
    targetPriceMinor = amount.minor;
  }
  const attachments = await attachmentsOf(form, lang);
  if (!attachments.ok) return attachments;
  const input: NewRfqInput = {
    manufacturerId: data.manufacturerId,
    productId: data.productId || null,
    variantId: data.variantId || null,
    title: data.title,
    specification: data.specification,
    quantity: data.quantity,
    destinationCountry: data.destinationCountry,
    tradeTerm: data.tradeTerm,
    targetPriceMinor,
    targetCurrencyCode: targetPriceMinor != null ? data.targetCurrencyCode : null,
    attachments: attachments.files,
    source: await readShowroomSource(request),
  };
  return { ok: true as const, input };
}

export const ThreadIntent = z.object({ intent: z.enum(["message", "offer", "accept", "decline", "close"], "validation.required") });

const MessageSchema = z.object({ body: text(8000).default("") });

export async function parseMessageForm(request: Request, lang: Lang, form: FormData) {
  const parsed = await parseForm(request, MessageSchema, lang, form);
  if (!parsed.ok) return parsed;
  const attachments = await attachmentsOf(form, lang);
  if (!attachments.ok) return attachments;
  if (!parsed.data.body && attachments.files.length === 0) return { ok: false as const, reply: formErrorReply(lang, form, { body: "validation.required" }) };
  return { ok: true as const, body: parsed.data.body, attachments: attachments.files };
}

const OfferSchema = z.object({
  unitPrice: text(40).min(1, "validation.required"),
  currencyCode: z.enum(PREFERENCE_CURRENCIES as [string, ...string[]], "validation.required"),
  quantity: wholeNumber(1, 10_000_000),
  tradeTerm: z.enum(TRADE_TERMS, "validation.required"),
  leadTimeDays: wholeNumber(0, 365),
  validUntil: z.iso.date("rfq.errors.date"),
  notes: text(4000).default(""),
  variantId: z.union([z.uuid(), z.literal("")]).optional(),
});

/** The offer form. The price is read in the currency the form showed (the SKU's or the quote's); validity ends that day (UTC). */
export async function parseOfferForm(request: Request, lang: Lang, form: FormData, now = new Date()): Promise<{ ok: true; input: OfferInput } | { ok: false; reply: ReturnType<typeof formErrorReply> }> {
  const parsed = await parseForm(request, OfferSchema, lang, form);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  const amount = amountField(lang, data.unitPrice, data.currencyCode);
  if (!amount.ok) return { ok: false, reply: formErrorReply(lang, form, { unitPrice: amount.message }) };
  const validUntil = new Date(`${data.validUntil}T23:59:59.999Z`);
  if (validUntil.getTime() <= now.getTime()) return { ok: false, reply: formErrorReply(lang, form, { validUntil: "rfq.errors.date" }) };
  return {
    ok: true,
    input: { unitPriceMinor: amount.minor, quantity: data.quantity, tradeTerm: data.tradeTerm, leadTimeDays: data.leadTimeDays, validUntil, notes: data.notes, variantId: data.variantId || null, currencyCode: data.currencyCode },
  };
}

export const DecisionSchema = z.object({ quoteId: z.uuid("rfq.errors.not_found") });

/** A refusal of the module as the form's message, with the status a client should see. */
export function rfqErrorReply(lang: Lang, form: FormData, error: RfqError) {
  const status = error.code === "not_found" ? 404 : error.code === "not_a_buyer" ? 403 : error.code === "manufacturer_not_found" || error.code === "variant_required" ? 400 : 409;
  return formErrorReply(lang, form, {}, `rfq.errors.${error.code}`, status);
}
