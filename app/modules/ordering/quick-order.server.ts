import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { addToCart, CartError, cartErrorMessage, type BuyerContext } from "./cart.server";
import { parseQuickOrder } from "./quick-order";

/** Quick order and reorder: many SKUs into the cart at once, each refusal said per line in the buyer's language. */

export interface QuickOrderOutcome {
  added: number;
  errors: { line: number; text: string; message: string }[];
  tooMany: boolean;
}

export async function quickOrder(buyer: BuyerContext, text: string, lang: Lang): Promise<QuickOrderOutcome> {
  const t = serverT(lang);
  const parsed = parseQuickOrder(text);
  const errors: QuickOrderOutcome["errors"] = [];
  let added = 0;
  for (const item of parsed.lines) {
    if ("error" in item) {
      errors.push({ line: item.line, text: item.text, message: t(`cart.quickOrder.errors.${item.error}`) });
      continue;
    }
    try {
      await addToCart(buyer, { sku: item.sku, quantity: item.quantity });
      added += 1;
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      errors.push({ line: item.line, text: item.text, message: cartErrorMessage(error, lang) });
    }
  }
  return { added, errors, tooMany: parsed.tooMany };
}

export interface ReorderOutcome {
  added: number;
  unavailable: { sku: string; name: string; message: string }[];
}

/** A past order of this buyer back into the cart, SKU by SKU; what can no longer be ordered is listed. */
export async function reorder(buyer: BuyerContext, orderNumber: string, lang: Lang): Promise<ReorderOutcome> {
  const order = await buyer.scoped.order.findFirst({
    where: { number: orderNumber.trim().toUpperCase(), buyerOrganizationId: buyer.organization.id },
    select: { lines: { select: { variantId: true, sku: true, names: true, quantity: true } } },
  });
  if (!order) throw new CartError("order_not_found");
  // An order split between sources has one line per source for the same SKU: reorder the SKU once, in full.
  const bySku = new Map<string, { variantId: string; sku: string; name: string; quantity: number }>();
  for (const line of order.lines) {
    const names = (line.names ?? {}) as Record<string, string>;
    const seen = bySku.get(line.variantId);
    if (seen) seen.quantity += line.quantity;
    else bySku.set(line.variantId, { variantId: line.variantId, sku: line.sku, name: names[lang] ?? Object.values(names)[0] ?? line.sku, quantity: line.quantity });
  }
  let added = 0;
  const unavailable: ReorderOutcome["unavailable"] = [];
  for (const item of bySku.values()) {
    try {
      await addToCart(buyer, { variantId: item.variantId, quantity: item.quantity });
      added += 1;
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      unavailable.push({ sku: item.sku, name: item.name, message: cartErrorMessage(error, lang) });
    }
  }
  return { added, unavailable };
}
