import type { Lang } from "~/modules/i18n/config";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { CURRENCIES } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { showroomSourceLabel } from "~/modules/showrooms/source-label.server";
import { countryOptions } from "~/modules/tenancy/countries";
import { isRfqOpen, mayDecide, mayOffer, type Party, type QuoteStatus } from "./quotes";
import { attachmentFileName, attachmentKind } from "./rfq-thread.server";
import { loadRfqThread, nameIn, type RfqActor } from "./rfqs.server";

/** What the thread page shows, assembled in the viewer's language (money, dates, names); no bigint leaves here. */

type Thread = NonNullable<Awaited<ReturnType<typeof loadRfqThread>>>;

function money(amountMinor: bigint, currencyCode: string, lang: Lang): string {
  const currency = CURRENCIES.find((c) => c.code === currencyCode.trim());
  return currency ? formatMoney({ amountMinor, currency }, lang) : `${amountMinor} ${currencyCode}`;
}

/** 5400 s → "1.5 hours" in the viewer's language; days past two days. */
function duration(seconds: number, lang: Lang): string {
  if (seconds < 3600) return formatNumber(Math.max(1, Math.round(seconds / 60)), lang, { style: "unit", unit: "minute", unitDisplay: "long" });
  if (seconds < 2 * 86400) return formatNumber(Math.round((seconds / 3600) * 10) / 10, lang, { style: "unit", unit: "hour", unitDisplay: "long" });
  return formatNumber(Math.round((seconds / 86400) * 10) / 10, lang, { style: "unit", unit: "day", unitDisplay: "long" });
}

/** 1_234_567 bytes → "1.2 MB" in the viewer's language. */
function fileSize(bytes: number, lang: Lang): string {
  if (bytes < 1024 * 1024) return formatNumber(Math.max(1, Math.round(bytes / 1024)), lang, { style: "unit", unit: "kilobyte", unitDisplay: "short" });
  return formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, lang, { style: "unit", unit: "megabyte", unitDisplay: "short" });
}

/** A date input's value a number of days from now (UTC). */
function dateInput(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86400_000).toISOString().slice(0, 10);
}

export function presentRfqThread(thread: Thread, actor: RfqActor, now = new Date()) {
  const { rfq, party, names, users, quotes } = thread;
  const lang = actor.lang;
  const fileHref = (key: string) => `/${lang}/rfqs/${rfq.number}/files/${attachmentFileName(key)}`;
  const files = (keys: string[]) =>
    keys.map((key, i) => {
      const stored = thread.files.get(key);
      return { href: fileHref(key), label: `${attachmentKind(key)} ${i + 1}`, kind: attachmentKind(key), n: i + 1, name: stored?.fileName ?? null, size: stored ? fileSize(stored.sizeBytes, lang) : null };
    });
  const other: Party = party === "buyer" ? "manufacturer" : "buyer";
  const orgName = (id: string) => names.get(id) ?? "";
  const offeredBy = (q: Thread["quotes"][number]): Party => (q.offeredByOrganizationId === rfq.organizationId ? "manufacturer" : "buyer");
  const skuOf = new Map(thread.variants.map((v) => [v.id, v.sku]));

  const quoteView = (q: Thread["quotes"][number]) => ({
    id: q.id,
    status: q.status,
    byManufacturer: offeredBy(q) === "manufacturer",
    by: orgName(q.offeredByOrganizationId),
    unitPrice: money(q.unitPriceMinor, q.currencyCode, lang),
    total: money(q.unitPriceMinor * BigInt(q.quantity), q.currencyCode, lang),
    quantity: formatNumber(q.quantity, lang),
    tradeTerm: q.tradeTerm,
    leadTimeDays: q.leadTimeDays,
    validUntil: formatDate(q.validUntil, lang),
    notes: q.notes,
    sku: q.variantId ? (skuOf.get(q.variantId) ?? null) : null,
    canDecide: mayDecide({ status: rfq.status }, { status: q.status as QuoteStatus, offeredBy: offeredBy(q), validUntil: q.validUntil }, party, now).ok,
  });
  const quoteById = new Map(quotes.map((q) => [q.id, quoteView(q)]));
  const open = quotes.find((q) => q.status === "OFFERED");
  const lastManufacturerQuote = [...quotes].reverse().find((q) => offeredBy(q) === "manufacturer");
  const canOffer = mayOffer({ status: rfq.status, manufacturerHasQuoted: Boolean(lastManufacturerQuote) }, party).ok;
  const country = countryOptions(lang).find((c) => c.value === rfq.destinationCountry.trim())?.label ?? rfq.destinationCountry;
  const defaultVariant = thread.variants.find((v) => v.id === (lastManufacturerQuote?.variantId ?? rfq.variantId)) ?? thread.variants[0];

  return {
    lang,
    viewer: { party, other, userId: actor.userId },
    rfq: {
      id: rfq.id,
      number: rfq.number,
      title: rfq.title,
      specification: rfq.specification,
      status: rfq.status,
      open: isRfqOpen(rfq.status),
      closedReason: rfq.closedReason,
      quantity: formatNumber(rfq.quantity, lang),
      destination: country,
      tradeTerm: rfq.tradeTerm,
      target: rfq.targetPriceMinor != null && rfq.targetCurrencyCode ? money(rfq.targetPriceMinor, rfq.targetCurrencyCode, lang) : null,
      respondBy: rfq.status === "OPEN" ? formatDateTime(rfq.respondBy, lang) : null,
      responseTime: rfq.responseSeconds != null ? duration(rfq.responseSeconds, lang) : null,
      attachments: files(rfq.attachmentKeys),
      buyer: orgName(rfq.buyerOrganizationId),
      manufacturer: orgName(rfq.organizationId),
    },
    product: thread.product ? { slug: thread.product.slug, name: nameIn(thread.product.translations, lang), published: thread.product.status === "PUBLISHED" } : null,
    order: thread.order,
    openQuote: open ? quoteById.get(open.id)! : null,
    messages: thread.messages.map((m) => ({
      id: m.id,
      mine: m.authorOrganizationId === actor.organizationId,
      author: (m.authorUserId && users.get(m.authorUserId)) || orgName(m.authorOrganizationId),
      organization: orgName(m.authorOrganizationId),
      body: m.body,
      locale: m.locale,
      at: formatDateTime(m.createdAt, lang),
      read: m.readAt != null,
      attachments: files(m.attachmentKeys),
      quote: m.quoteId ? (quoteById.get(m.quoteId) ?? null) : null,
    })),
    offerForm: canOffer
      ? {
          party,
          // The price is typed in the SKU's currency (a quote) or the answered quote's (a counter-offer).
          currencyCode: party === "manufacturer" ? (defaultVariant?.currencyCode ?? "CNY") : lastManufacturerQuote!.currencyCode.trim(),
          variants: party === "manufacturer" ? thread.variants.map((v) => ({ value: v.id, label: `${v.sku} — ${nameIn(v.names, lang)}` })) : [],
          defaults: {
            variantId: defaultVariant?.id ?? "",
            quantity: String(lastManufacturerQuote?.quantity ?? rfq.quantity),
            tradeTerm: lastManufacturerQuote?.tradeTerm ?? rfq.tradeTerm,
            leadTimeDays: String(lastManufacturerQuote?.leadTimeDays ?? defaultVariant?.leadTimeDays ?? 30),
            validUntil: dateInput(now, 14),
            minValidUntil: dateInput(now, 1),
          },
          supersedes: Boolean(open),
        }
      : null,
  };
}

export async function rfqThreadView(actor: RfqActor, number: string | undefined, now = new Date()) {
  const thread = await loadRfqThread(actor, number, now);
  if (!thread) return null;
  // A request sent after a showroom QR scan names its storefront and booth (the lead attribution).
  const showroom = await showroomSourceLabel({ rfqId: thread.rfq.id, storefrontId: thread.rfq.sourceStorefrontId, boothId: thread.rfq.sourceBoothId }, actor.lang, actor.scoped);
  return { ...presentRfqThread(thread, actor, now), showroom };
}
