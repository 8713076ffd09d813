import { redirect } from "@remix-run/node";
import { z } from "zod";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { parseAmount } from "~/modules/money/money";
import { DisputeError, openDispute, postDisputeMessage, resolveDispute } from "./disputes.server";
import { MAX_ORDER_REASON_LENGTH, OrderLifecycleError } from "./order-lifecycle.server";
import { BankTransferError, RefundError, refundFromOrderPage } from "./orders-refunds.server";
import { actorOf, changeOrderStatus, type OrderDetail, type OrdersViewer } from "./orders.server";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, readAttachments, RFQ_UPLOAD, uploadedFiles } from "./rfq-thread.server";

/**
 * The order page's forms, read at the edge: the body within the upload limits (evidence files), CSRF and zod
 * (parseForm), amounts with the one amount parser. Every refusal is a 4xx with a message in the page's language.
 */

const reason = z.string().trim().max(MAX_ORDER_REASON_LENGTH, "validation.tooLong");

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), reason: reason.min(1, "orders.errors.reason_required") }),
  z.object({ intent: z.enum(["start_fulfilment", "ship", "deliver", "complete"]), note: reason.default("") }),
  z.object({ intent: z.literal("open_dispute"), reason: reason.min(1, "orders.errors.reason_required") }),
  z.object({ intent: z.literal("dispute_message"), disputeId: z.uuid("orders.errors.dispute_not_found"), body: z.string().trim().max(8000, "validation.tooLong").default("") }),
  z.object({
    intent: z.literal("resolve_dispute"),
    disputeId: z.uuid("orders.errors.dispute_not_found"),
    outcome: z.enum(["RESOLVED_FOR_BUYER", "RESOLVED_FOR_MANUFACTURER"], "validation.required"),
    resolution: reason.min(1, "orders.errors.reason_required"),
    refund: z.string().trim().max(40, "validation.tooLong").default(""),
  }),
  z.object({ intent: z.literal("refund"), amount: z.string().trim().min(1, "orders.errors.amount").max(40, "validation.tooLong"), reason: z.string().trim().min(1, "orders.errors.reason_required").max(500, "validation.tooLong") }),
]);

const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

async function readOrderForm(request: Request, lang: Lang) {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return { ok: true as const, form: await readForm(request, lang) };
  const upload = await readMultipart(request, RFQ_UPLOAD);
  if (upload.ok) return { ok: true as const, form: upload.form };
  const t = serverT(lang);
  const message =
    upload.error === "unreadable"
      ? t("errors.form.unreadable")
      : upload.error === "file_too_large"
        ? t("orders.errors.attachment_too_large", { size: MB })
        : upload.error === "too_many_files"
          ? t("orders.errors.too_many_attachments", { max: MAX_ATTACHMENTS })
          : t("orders.errors.request_too_large");
  return { ok: false as const, reply: formErrorReply(lang, new FormData(), {}, message, upload.status) };
}

/** Runs the order page's action; answers a redirect (done) or a 4xx reply with the message. */
export async function handleOrderAction(request: Request, viewer: OrdersViewer, order: OrderDetail) {
  const lang = viewer.lang;
  const t = serverT(lang);
  const read = await readOrderForm(request, lang);
  if (!read.ok) return read.reply;
  const parsed = await parseForm(request, ActionSchema, lang, read.form);
  if (!parsed.ok) return parsed.reply;
  const input = parsed.data;
  const form = read.form;
  const back = (done: string) => redirect(`/${lang}/orders/${encodeURIComponent(order.number)}?done=${done}`);
  try {
    switch (input.intent) {
      case "cancel":
        await changeOrderStatus(viewer, order.id, "cancel", input.reason);
        return back("status");
      case "start_fulfilment":
      case "ship":
      case "deliver":
      case "complete":
        await changeOrderStatus(viewer, order.id, input.intent, input.note || undefined);
        return back("status");
      case "open_dispute":
      case "dispute_message": {
        const files = await readAttachments(uploadedFiles(form));
        if (!files.ok) return formErrorReply(lang, form, { attachments: t(`orders.errors.${files.reason}`, { size: MB, max: MAX_ATTACHMENTS }) });
        if (input.intent === "open_dispute") {
          await openDispute({ orderId: order.id, actor: actorOf(viewer), reason: input.reason, evidence: files.files });
          return back("dispute_opened");
        }
        if (!order.disputes.some((d) => d.id === input.disputeId)) return formErrorReply(lang, form, {}, "orders.errors.dispute_not_found", 404);
        await postDisputeMessage({ disputeId: input.disputeId, actor: actorOf(viewer), body: input.body, evidence: files.files });
        return back("dispute_message");
      }
      case "resolve_dispute": {
        if (!order.disputes.some((d) => d.id === input.disputeId)) return formErrorReply(lang, form, {}, "orders.errors.dispute_not_found", 404);
        let refundMinor = 0n;
        if (input.refund && input.outcome === "RESOLVED_FOR_BUYER") {
          const code = order.buyerCurrencyCode.trim();
          const amount = parseAmount(input.refund, CURRENCIES.find((c) => c.code === code)?.exponent ?? 2);
          if (!amount.ok) return formErrorReply(lang, form, { refund: amount.problem === "decimals" ? t("orders.errors.amountDecimals", { currency: code }) : t("orders.errors.amount") });
          refundMinor = amount.minor;
        }
        await resolveDispute({ disputeId: input.disputeId, actor: actorOf(viewer), outcome: input.outcome, resolution: input.resolution, refundMinor });
        return back("dispute_resolved");
      }
      case "refund": {
        if (viewer.kind !== "PLATFORM") return formErrorReply(lang, form, {}, "orders.errors.not_allowed_for_role", 403);
        const code = order.buyerCurrencyCode.trim();
        const amount = parseAmount(input.amount, CURRENCIES.find((c) => c.code === code)?.exponent ?? 2);
        if (!amount.ok || amount.minor <= 0n) return formErrorReply(lang, form, { amount: !amount.ok && amount.problem === "decimals" ? t("orders.errors.amountDecimals", { currency: code }) : t("orders.errors.amount") });
        const outcome = await refundFromOrderPage({ orderId: order.id, amountText: input.amount, amountMinor: amount.minor, reason: input.reason, actor: actorOf(viewer) });
        return back(outcome === "pending" ? "refund_pending" : "refund_done");
      }
    }
  } catch (error) {
    if (error instanceof OrderLifecycleError || error instanceof DisputeError || error instanceof RefundError) return formErrorReply(lang, form, {}, `orders.errors.${error.code}`, error.status);
    if (error instanceof BankTransferError) return formErrorReply(lang, form, {}, t(`banking.errors.${error.code}`, error.detail), error.status);
    throw error;
  }
}
