/**
 * The "三单对碰" check (pure): do the order (CEB303), the collection (CEB403), the waybill (CEB505) and the
 * declaration list (CEB603) agree? Each disagreement is one Mismatch: a code the page renders in the reader's
 * language (locales/<lang>/agency.json, `mismatch.<code>`), its parameters, and where it is fixed (a path without
 * the language prefix). A declaration may be validated only when the list is empty.
 *
 * Decisions:
 * - Amounts are compared exactly, in integer minor units (bigint), never as floats. The collection is compared in
 *   the order's currency (CEB403 `charge` vs CEB303 `goodsValue + freight`).
 * - Weights are compared in kilograms rounded half-even to 0.1 kg (100 g), the precision forwarders print on air
 *   waybills and customs lists use: 41.04 kg and 41.0 kg agree, 41.0 and 40.9 do not. No other tolerance.
 * - The order number is written into every message from the one order row, so "identical across the documents" is
 *   checked as: present, at most 60 characters, no whitespace (the usual cause of 对碰 failures).
 * - A 9710 without a collection yet (net-terms orders) is not a mismatch: CEB403 is filed once the money arrives.
 */
import type { DeclarationDocuments } from "./declaration-documents";
import { isValidAirWaybill, isValidContainerNumber, isValidHsCode, isValidUscc } from "./validators";

export type MismatchCode =
  | "order_number_invalid"
  | "currency_mismatch"
  | "order_lines_total"
  | "order_line_total"
  | "list_total"
  | "receipt_amount"
  | "item_missing_from_list"
  | "item_not_in_order"
  | "item_quantity"
  | "item_price"
  | "item_name_missing"
  | "hs_code_invalid"
  | "logistics_no_missing"
  | "logistics_no_invalid"
  | "logistics_company_missing"
  | "container_missing"
  | "container_invalid"
  | "exporter_code_invalid"
  | "agency_code_invalid"
  | "waybill_weight_missing"
  | "gross_weight_mismatch"
  | "net_over_gross"
  | "packages_mismatch";

export interface Mismatch {
  code: MismatchCode;
  /** Values for the message: amounts as minor-unit strings with `currency`, weights as kilogram strings ("41.0"). */
  params: Record<string, string | number>;
  /** Where it is fixed, without the "/{lang}" prefix. */
  href: string;
}

/** Grams → kilograms with one decimal, half-even on the 100 g step, as an exact string ("41.0"). */
export function kilograms(grams: number): string {
  const tenths = roundHalfEven(grams, 100);
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

function roundHalfEven(value: number, step: number): number {
  const quotient = Math.floor(value / step);
  const remainder = value - quotient * step;
  if (remainder * 2 > step || (remainder * 2 === step && quotient % 2 !== 0)) return quotient + 1;
  return quotient;
}

const NO_WHITESPACE = /^\S+$/;

export function matchDocuments(docs: DeclarationDocuments): Mismatch[] {
  const out: Mismatch[] = [];
  const self = `/agency/declarations/${docs.declaration.number}`;
  const orderHref = docs.order.href ?? `${self}#order`;
  const add = (code: MismatchCode, href: string, params: Mismatch["params"] = {}) => out.push({ code, params, href });
  const currency = docs.order.currencyCode;

  // Order number.
  const orderNo = docs.order.number;
  if (!orderNo || orderNo.length > 60 || !NO_WHITESPACE.test(orderNo)) add("order_number_invalid", orderHref, { orderNo });

  // Currency: one currency across the order, the list (declaration) and the waybill's charges.
  for (const [document, code] of [
    ["declaration", docs.declaration.currencyCode],
    ["waybill", docs.waybill.currencyCode],
  ] as const) {
    if (code !== currency) add("currency_mismatch", document === "waybill" ? docs.waybill.href : `${self}#list`, { document, expected: currency, actual: code });
  }

  // Amounts, exactly.
  for (const line of docs.order.lines) {
    if (line.unitPriceMinor * BigInt(line.quantity) !== line.totalMinor) {
      add("order_line_total", orderHref, { sku: line.sku, expectedMinor: String(line.unitPriceMinor * BigInt(line.quantity)), actualMinor: String(line.totalMinor), currency });
    }
  }
  const orderLinesTotal = docs.order.lines.reduce((sum, l) => sum + l.totalMinor, 0n);
  if (orderLinesTotal !== docs.order.goodsValueMinor) {
    add("order_lines_total", orderHref, { expectedMinor: String(docs.order.goodsValueMinor), actualMinor: String(orderLinesTotal), currency });
  }
  const listTotal = docs.lines.reduce((sum, l) => sum + l.totalMinor, 0n);
  if (listTotal !== docs.order.goodsValueMinor) {
    add("list_total", `${self}#list`, { expectedMinor: String(docs.order.goodsValueMinor), actualMinor: String(listTotal), currency });
  }
  if (docs.receipt) {
    const expected = docs.order.goodsValueMinor + docs.order.freightMinor;
    const actual = docs.receipt.currencyCode === currency ? docs.receipt.chargeMinor : docs.receipt.chargeInOrderCurrencyMinor;
    if (actual !== expected) add("receipt_amount", docs.receipt.href ?? orderHref, { expectedMinor: String(expected), actualMinor: String(actual), currency });
  }

  // Items and quantities: the list against the order, by SKU.
  const ordered = new Map<string, { quantity: number; unitPriceMinor: bigint }>();
  for (const line of docs.order.lines) {
    const seen = ordered.get(line.sku);
    ordered.set(line.sku, { quantity: (seen?.quantity ?? 0) + line.quantity, unitPriceMinor: line.unitPriceMinor });
  }
  const listed = new Map<string, { quantity: number; unitPriceMinor: bigint; position: number }>();
  for (const line of docs.lines) {
    const seen = listed.get(line.sku);
    listed.set(line.sku, { quantity: (seen?.quantity ?? 0) + line.quantity, unitPriceMinor: line.unitPriceMinor, position: seen?.position ?? line.position });
  }
  for (const [sku, o] of ordered) {
    const l = listed.get(sku);
    if (!l) add("item_missing_from_list", `${self}#list`, { sku, quantity: o.quantity });
    else {
      if (l.quantity !== o.quantity) add("item_quantity", `${self}#line-${l.position}`, { sku, expected: o.quantity, actual: l.quantity });
      if (l.unitPriceMinor !== o.unitPriceMinor) add("item_price", `${self}#line-${l.position}`, { sku, expectedMinor: String(o.unitPriceMinor), actualMinor: String(l.unitPriceMinor), currency });
    }
  }
  for (const [sku, l] of listed) if (!ordered.has(sku)) add("item_not_in_order", `${self}#line-${l.position}`, { sku, quantity: l.quantity });

  // The list's own items: a Chinese name and a 10-digit China code each.
  for (const line of docs.lines) {
    if (!line.itemName.trim()) add("item_name_missing", `${self}#line-${line.position}`, { position: line.position, sku: line.sku });
    if (!/^\d{10}$/.test(line.hsCode) || !isValidHsCode(line.hsCode)) add("hs_code_invalid", `${self}#line-${line.position}`, { position: line.position, sku: line.sku, hsCode: line.hsCode });
  }

  // Logistics numbers.
  const w = docs.waybill;
  if (!w.logisticsCode.trim() || !w.logisticsName.trim()) add("logistics_company_missing", w.href);
  if (!w.logisticsNo.trim()) add("logistics_no_missing", w.href);
  else if (w.logisticsNo.length > 60 || (w.transportMode === "AIR" && !isValidAirWaybill(w.logisticsNo))) add("logistics_no_invalid", w.href, { logisticsNo: w.logisticsNo, mode: w.transportMode });
  if (w.transportMode === "SEA") {
    if (!w.containerNumber?.trim()) add("container_missing", w.href);
    else if (!isValidContainerNumber(w.containerNumber)) add("container_invalid", w.href, { containerNumber: w.containerNumber });
  }

  // Company codes: the exporter and the agency are Chinese companies with an 18-character USCC.
  if (!isValidUscc(docs.exporter.code)) add("exporter_code_invalid", `${self}#parties`, { name: docs.exporter.nameZh ?? docs.exporter.name, code: docs.exporter.code });
  if (!isValidUscc(docs.agency.code)) add("agency_code_invalid", `${self}#parties`, { name: docs.agency.nameZh ?? docs.agency.name, code: docs.agency.code });

  // Weights and packages: the packing list against the waybill; net never above gross.
  if (w.grossWeightG === null) add("waybill_weight_missing", w.href, { packingKg: kilograms(docs.packing.grossWeightG) });
  else if (roundHalfEven(w.grossWeightG, 100) !== roundHalfEven(docs.packing.grossWeightG, 100)) {
    add("gross_weight_mismatch", w.href, { packingKg: kilograms(docs.packing.grossWeightG), waybillKg: kilograms(w.grossWeightG) });
  }
  for (const line of docs.lines) {
    if (line.netWeightG > line.grossWeightG) add("net_over_gross", `${self}#line-${line.position}`, { sku: line.sku, netKg: kilograms(line.netWeightG), grossKg: kilograms(line.grossWeightG) });
  }
  if (w.packages !== null && w.packages !== docs.packing.packages) add("packages_mismatch", w.href, { packing: docs.packing.packages, waybill: w.packages });

  return out;
}
