/**
 * The China customs cross-border e-commerce "unified edition" (跨境电子商务统一版) export messages, built from a
 * declaration's documents: CEB303 (order), CEB403 (receipt/collection), CEB505 (waybill) and CEB603 (export
 * declaration list). Pure: no database, no clock (the caller passes `now`), no environment.
 *
 * Field names, their order and the formats come from the domain reference (§2, export-domain.md). Formats the
 * reference does not give are chosen here and marked "chosen" in FIELD_SPECS; code lists it leaves open (trafMode,
 * wrapType, statisticsFlag, country codes) are marked ❓ below and listed in the README as to be confirmed against
 * the official data standard before a message is transmitted. The XML is written and read back with
 * fast-xml-parser, never by string concatenation; `validateCebMessage` checks every field of a message.
 *
 * The messages are unsigned: customs accepts only messages signed with the agency's certificate (see
 * message-signing.ts).
 */
import { createHash } from "node:crypto";
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { CURRENCIES } from "../money/currencies";
import { minorToDecimalInput } from "../money/money";
import { CEB_MESSAGE_TYPES, isCebMessageType, type CebMessageType } from "./ceb-message-types";
import type { DeclarationDocuments } from "./declaration-documents";

export const CEB_NAMESPACE = "http://www.chinaport.gov.cn/ceb";
export { CEB_MESSAGE_TYPES, isCebMessageType, type CebMessageType };

/**
 * JGS-20 customs currency codes confirmed in the domain reference (§8.3). Nothing else: a currency missing here
 * (BRL, MXN, CLP, COP, PEN, ARS, AOA, MZN, HKD, JPY…) is refused rather than guessed. `exponent` is the ISO 4217
 * minor unit count, for converting minor units exactly.
 */
export const CUSTOMS_CURRENCY_CODES: Readonly<Record<string, { code: string; exponent: number }>> = {
  CNY: { code: "142", exponent: 2 },
  USD: { code: "502", exponent: 2 },
  EUR: { code: "300", exponent: 2 },
  GBP: { code: "303", exponent: 2 },
  CAD: { code: "501", exponent: 2 },
  AUD: { code: "601", exponent: 2 },
  NZD: { code: "609", exponent: 2 },
  CHF: { code: "331", exponent: 2 },
  DKK: { code: "302", exponent: 2 },
  NOK: { code: "326", exponent: 2 },
  SEK: { code: "330", exponent: 2 },
  SGD: { code: "132", exponent: 2 },
  THB: { code: "136", exponent: 2 },
  PHP: { code: "129", exponent: 2 },
  TWD: { code: "143", exponent: 2 },
};

/**
 * ❓ Country fields (InventoryHead.country, InventoryList.country): ISO 3166-1 alpha-3, as China customs adopted
 * for the 2018 declaration-form reform (background knowledge, not in the reference: confirm that the unified
 * edition takes them). Only the markets Ponte serves and China; any other country is refused, not guessed.
 */
export const CUSTOMS_COUNTRY_CODES: Readonly<Record<string, string>> = {
  CN: "CHN", BR: "BRA", MX: "MEX", PT: "PRT", AO: "AGO", MZ: "MOZ", CO: "COL", CL: "CHL", PE: "PER", AR: "ARG",
  EC: "ECU", CR: "CRI", UY: "URY", PY: "PRY", BO: "BOL", CV: "CPV", GW: "GNB", ST: "STP", TL: "TLS", ES: "ESP",
  US: "USA",
};

/** ❓ China customs transport-mode codes (运输方式): 2 waterway, 4 road, 5 air. Background knowledge; to confirm. */
export const CUSTOMS_TRANSPORT_MODES = { AIR: "5", SEA: "2", ROAD: "4" } as const;

/** ❓ wrapType "2" carton (纸箱): the packing Ponte's goods travel in. Code list not confirmed (reference §11.2). */
export const WRAP_TYPE_CARTON = "2";
/** ❓ statisticsFlag "B": the list goes into the monthly summary declaration (汇总申报, §1.1). Not confirmed. */
export const STATISTICS_FLAG_SUMMARY = "B";
/** fFlag / iFlag "3": freight and insurance are given as a total amount (1 rate, 2 unit price, 3 total). */
export const FEE_FLAG_TOTAL = "3";

export interface CebSender {
  /** The agency's data-exchange id (DXP) at the China e-port: BaseTransfer.dxpId and the file name's sender. */
  dxpId: string;
}

export type CebBuildProblem =
  | { kind: "currency"; currency: string }
  | { kind: "country"; country: string }
  | { kind: "inexact-amount"; currency: string }
  | { kind: "no-receipt" };

/** Why a message cannot be built; `problems` lists every reason at once (each currency or country once). */
export class CebBuildError extends Error {
  constructor(readonly problems: CebBuildProblem[]) {
    super(`Cannot build the customs message: ${problems.map(describeProblem).join("; ")}`);
    this.name = "CebBuildError";
  }
}

function describeProblem(problem: CebBuildProblem): string {
  switch (problem.kind) {
    case "currency":
      return `currency ${problem.currency} has no confirmed JGS-20 customs code`;
    case "country":
      return `country ${problem.country} has no customs country code here`;
    case "inexact-amount":
      return `an amount in ${problem.currency} has more than 2 decimals`;
    case "no-receipt":
      return "no collection (receipt) has been recorded for this declaration";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Formats

/**
 * "YYYYMMDDhhmmss" in China time (UTC+8, no daylight saving): customs reads every message time as Beijing time,
 * whatever the server's zone.
 */
export function chinaTime(date: Date): string {
  return chinaParts(date).slice(0, 14);
}

/** "YYYYMMDD" in China time (ieDate). */
export function chinaDate(date: Date): string {
  return chinaParts(date).slice(0, 8);
}

/** "YYYYMMDDhhmmssSSS" in China time. */
function chinaParts(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    pad(shifted.getUTCFullYear(), 4) +
    pad(shifted.getUTCMonth() + 1) +
    pad(shifted.getUTCDate()) +
    pad(shifted.getUTCHours()) +
    pad(shifted.getUTCMinutes()) +
    pad(shifted.getUTCSeconds()) +
    pad(shifted.getUTCMilliseconds(), 3)
  );
}

/**
 * Minor units of `currency` as the N16,2 decimal customs reads ("0.30", "1234.00"): exact, from the integer, with
 * the currency's own exponent (CLP 1234 → "1234.00"); an amount that would need rounding is refused.
 */
export function cebAmount(minor: bigint, currency: string): string {
  const exponent = CUSTOMS_CURRENCY_CODES[currency]?.exponent ?? CURRENCIES.find((c) => c.code === currency)?.exponent;
  if (exponent === undefined) throw new CebBuildError([{ kind: "currency", currency }]);
  if (exponent <= 2) return minorToDecimalInput(minor * 10n ** BigInt(2 - exponent), 2);
  const divisor = 10n ** BigInt(exponent - 2);
  if (minor % divisor !== 0n) throw new CebBuildError([{ kind: "inexact-amount", currency }]);
  return minorToDecimalInput(minor / divisor, 2);
}

/**
 * Grams as kilograms with 3 decimals ("41.250"): exact (a gram is 0.001 kg) and inside the weight fields' N19,5
 * (chosen: the reference gives no weight format; the public clients divide by 1000 too).
 */
export function cebWeightKg(grams: number): string {
  if (!Number.isSafeInteger(grams) || grams < 0) throw new RangeError(`weight must be whole grams: ${grams}`);
  return minorToDecimalInput(BigInt(grams), 3);
}

/**
 * A message's guid: CEB603 files under the declaration's own guid (a formal amendment gets a new one); CEB303,
 * CEB403 and CEB505 each get a name-based UUID (RFC 4122 version 5) of the declaration's guid and the message
 * type, so downloading the same version again gives the same guid, and the four messages never share one.
 */
export function messageGuid(declarationGuid: string, type: CebMessageType): string {
  const base = declarationGuid.toUpperCase();
  if (type === "CEB603") return base;
  const namespace = Buffer.from(base.replace(/-/g, ""), "hex");
  if (namespace.length !== 16) throw new RangeError(`not a UUID: ${declarationGuid}`);
  const hash = createHash("sha1").update(namespace).update(type, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The observed file-name pattern `CEB_CEB411_[senderId]_EPORT_[yyyyMMddHHmmssSSS + 4-digit sequence].xml` (§2).
 * The sequence is the message's place among the four, so files written in the same millisecond differ.
 */
export function cebFileName(type: CebMessageType, sender: CebSender, now: Date): string {
  const sequence = String(CEB_MESSAGE_TYPES.indexOf(type) + 1).padStart(4, "0");
  return `CEB_${type}_${sender.dxpId}_EPORT_${chinaParts(now)}${sequence}.xml`;
}

/** Strings as customs compares them: NFKC-folded, trimmed, inner runs of white space made one space. */
function clean(value: string | null | undefined): string {
  return (value ?? "").normalize("NFKC").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Field specifications (the validator's table)

export interface FieldSpec {
  /** "C36" exactly 36 characters, "C..60" up to 60, "N16,2" 16 digits of which up to 2 decimals (14 before the point), "N9" integer. */
  spec: string;
  required: boolean;
  /** Allowed values (code lists). */
  values?: readonly string[];
  /** An extra shape: "guid" (uppercase UUID), "time" (YYYYMMDDhhmmss), "date" (YYYYMMDD), "digits" (only digits). */
  shape?: "guid" | "time" | "date" | "digits";
  /** Where the format comes from: "reference" (domain reference §2) or "chosen" (documented in the README). */
  source: "reference" | "chosen";
}

const r = (spec: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ spec, required: true, source: "reference", ...extra });
const c = (spec: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ spec, required: true, source: "chosen", ...extra });

const HEAD_COMMON = {
  guid: r("C36", { shape: "guid" }),
  appType: r("C1", { values: ["1", "2", "3"] }),
  appTime: r("C14", { shape: "time" }),
  appStatus: r("C1", { values: ["1", "2"] }),
} as const;
const CURRENCY = r("C3", { shape: "digits", values: Object.values(CUSTOMS_CURRENCY_CODES).map((v) => v.code) });
const AMOUNT = r("N16,2");
const WEIGHT = c("N19,5");
const CODE18 = r("C..18");
const NAME100 = r("C..100");

/** Every element of each message, in document order: head fields, then list fields. */
export const FIELD_SPECS = {
  CEB303: {
    head: {
      ...HEAD_COMMON,
      orderType: r("C1", { values: ["E", "B", "W"] }),
      orderNo: r("C..60"),
      ebpCode: CODE18,
      ebpName: NAME100,
      ebcCode: CODE18,
      ebcName: NAME100,
      goodsValue: AMOUNT,
      freight: AMOUNT,
      currency: CURRENCY,
      note: r("C..1000", { required: false }),
    },
    list: {
      gnum: c("N4"),
      itemNo: c("C..30"),
      itemName: c("C..250"),
      itemDescribe: c("C..1000", { required: false }),
      barCode: c("C..50", { required: false }),
      unit: c("C3", { shape: "digits" }),
      currency: CURRENCY,
      qty: c("N19,5"),
      price: AMOUNT,
      totalPrice: AMOUNT,
      note: c("C..1000", { required: false }),
    },
  },
  CEB403: {
    head: {
      ...HEAD_COMMON,
      ebpCode: CODE18,
      ebpName: NAME100,
      ebcCode: CODE18,
      ebcName: NAME100,
      orderNo: r("C..60"),
      payNo: c("C..60"),
      payCode: CODE18,
      payName: NAME100,
      charge: AMOUNT,
      currency: CURRENCY,
      accountingDate: c("C14", { shape: "time" }),
    },
    list: null,
  },
  CEB505: {
    head: {
      ...HEAD_COMMON,
      logisticsCode: CODE18,
      logisticsName: NAME100,
      logisticsNo: r("C..60"),
      freight: AMOUNT,
      insuredFee: AMOUNT,
      currency: CURRENCY,
      grossWeight: WEIGHT,
      packNo: c("N9"),
      goodsInfo: c("C..200"),
    },
    list: null,
  },
  CEB603: {
    head: {
      ...HEAD_COMMON,
      customsCode: c("C4", { shape: "digits" }),
      ebpCode: CODE18,
      ebpName: NAME100,
      orderNo: r("C..60"),
      logisticsCode: CODE18,
      logisticsName: NAME100,
      logisticsNo: r("C..60"),
      copNo: c("C..20"),
      ieFlag: r("C1", { values: ["E"] }),
      portCode: c("C4", { shape: "digits" }),
      ieDate: r("C8", { shape: "date" }),
      statisticsFlag: c("C1", { values: ["A", "B"] }),
      agentCode: CODE18,
      agentName: NAME100,
      ebcCode: CODE18,
      ebcName: NAME100,
      ownerCode: CODE18,
      ownerName: NAME100,
      tradeMode: r("C4", { values: ["9610", "9710", "9810", "1210"] }),
      trafMode: c("C1", { values: Object.values(CUSTOMS_TRANSPORT_MODES) }),
      billNo: c("C..37"),
      loctNo: c("C..10", { required: false }),
      country: c("C3", { values: Object.values(CUSTOMS_COUNTRY_CODES) }),
      POD: c("C..6", { required: false }),
      freight: AMOUNT,
      fCurrency: CURRENCY,
      fFlag: c("C1", { values: ["1", "2", "3"] }),
      insuredFee: AMOUNT,
      iCurrency: CURRENCY,
      iFlag: c("C1", { values: ["1", "2", "3"] }),
      wrapType: c("C1", { shape: "digits" }),
      packNo: c("N9"),
      grossWeight: WEIGHT,
      netWeight: WEIGHT,
    },
    list: {
      gnum: c("N4"),
      itemNo: c("C..30"),
      itemName: c("C..250"),
      gcode: r("C10", { shape: "digits" }),
      gname: c("C..250"),
      gmodel: c("C..255"),
      barCode: c("C..50", { required: false }),
      country: c("C3", { values: Object.values(CUSTOMS_COUNTRY_CODES) }),
      currency: CURRENCY,
      qty: c("N19,5"),
      qty1: c("N19,5"),
      unit: c("C3", { shape: "digits" }),
      unit1: c("C3", { shape: "digits" }),
      price: AMOUNT,
      totalPrice: AMOUNT,
    },
  },
} as const satisfies Record<CebMessageType, { head: Record<string, FieldSpec>; list: Record<string, FieldSpec> | null }>;

/** The element names: the message's body, its head and its list item. */
const STRUCTURE: Record<CebMessageType, { body: string; head: string | null; list: string | null }> = {
  CEB303: { body: "Order", head: "OrderHead", list: "OrderList" },
  CEB403: { body: "Receipts", head: null, list: null },
  CEB505: { body: "Logistics", head: null, list: null },
  CEB603: { body: "Inventory", head: "InventoryHead", list: "InventoryList" },
};

const BASE_TRANSFER: Record<string, FieldSpec> = {
  copCode: CODE18,
  copName: NAME100,
  dxpMode: r("C3", { values: ["DXP"] }),
  dxpId: c("C..30"),
  note: c("C..1000", { required: false }),
};

// ---------------------------------------------------------------------------------------------------------------
// Building

type Fields = Record<string, string>;

export interface BuiltCebMessage {
  type: CebMessageType;
  guid: string;
  fileName: string;
  xml: string;
}

const TRADE_MODES = { B2B_DIRECT_9710: "9710", OVERSEAS_WAREHOUSE_9810: "9810" } as const;

/**
 * Builds one message from a declaration's documents. Throws CebBuildError when it cannot be built faithfully: a
 * currency without a confirmed customs code, a country without a code, CEB403 with nothing collected.
 */
export function buildCebMessage(type: CebMessageType, docs: DeclarationDocuments, sender: CebSender, now: Date): BuiltCebMessage {
  const guid = messageGuid(docs.declaration.guid, type);
  const problems = problemsFor(type, docs);
  if (problems.length) throw new CebBuildError(problems);
  const common: Fields = {
    guid,
    // A formal amendment (version 2 onwards) files as a change.
    appType: docs.declaration.version > 1 ? "2" : "1",
    appTime: chinaTime(now),
    appStatus: "2",
  };
  let head: Fields;
  let list: Fields[] | null = null;
  switch (type) {
    case "CEB303":
      ({ head, list } = order(docs, common));
      break;
    case "CEB403":
      head = receipts(docs, common);
      break;
    case "CEB505":
      head = logistics(docs, common);
      break;
    case "CEB603":
      ({ head, list } = inventory(docs, common));
      break;
  }
  const xml = writeXml(type, guid, head, list, baseTransfer(docs, sender));
  return { type, guid, fileName: cebFileName(type, sender, now), xml };
}

/** Everything that stops a message, found before building so the agent sees all of it at once. */
export function problemsFor(type: CebMessageType, docs: DeclarationDocuments): CebBuildProblem[] {
  const currencies = new Set<string>();
  const countries = new Set<string>();
  if (type === "CEB303") currencies.add(docs.order.currencyCode);
  if (type === "CEB403") {
    if (!docs.receipt) return [{ kind: "no-receipt" }];
    currencies.add(docs.order.currencyCode);
  }
  if (type === "CEB505") currencies.add(docs.waybill.currencyCode);
  if (type === "CEB603") {
    currencies.add(docs.declaration.currencyCode).add(docs.waybill.currencyCode);
    countries.add(docs.declaration.destinationCountry);
  }
  return [
    ...[...currencies].filter((code) => !CUSTOMS_CURRENCY_CODES[code]).map((currency) => ({ kind: "currency" as const, currency })),
    ...[...countries].filter((code) => !CUSTOMS_COUNTRY_CODES[code]).map((country) => ({ kind: "country" as const, country })),
  ];
}

function currencyCode(iso: string): string {
  const entry = CUSTOMS_CURRENCY_CODES[iso];
  if (!entry) throw new CebBuildError([{ kind: "currency", currency: iso }]);
  return entry.code;
}

function partyName(party: DeclarationDocuments["agency"]): string {
  return clean(party.nameZh || party.name);
}

function order(docs: DeclarationDocuments, common: Fields): { head: Fields; list: Fields[] } {
  const { order: o, agency, exporter } = docs;
  const currency = currencyCode(o.currencyCode);
  const head: Fields = {
    ...common,
    orderType: o.orderType,
    orderNo: clean(o.number),
    ebpCode: clean(agency.code),
    // For 9810 the platform is the overseas warehouse (its name, §2.2).
    ebpName: o.orderType === "W" ? partyName(docs.consignee) : partyName(agency),
    ebcCode: clean(exporter.code),
    ebcName: partyName(exporter),
    goodsValue: cebAmount(o.goodsValueMinor, o.currencyCode),
    freight: cebAmount(o.freightMinor, o.currencyCode),
    currency,
    note: "",
  };
  const list = o.lines.map((line) => {
    const declared = docs.lines.find((d) => d.position === line.position);
    return {
      gnum: String(line.position),
      itemNo: clean(line.sku),
      itemName: clean(declared?.itemName ?? line.names.zh ?? line.names.en ?? line.sku),
      itemDescribe: clean(line.names.en ?? ""),
      barCode: "",
      unit: declared?.unitCode ?? "007",
      currency,
      qty: String(line.quantity),
      price: cebAmount(line.unitPriceMinor, o.currencyCode),
      totalPrice: cebAmount(line.totalMinor, o.currencyCode),
      note: "",
    };
  });
  return { head, list };
}

function receipts(docs: DeclarationDocuments, common: Fields): Fields {
  const receipt = docs.receipt;
  if (!receipt) throw new CebBuildError([{ kind: "no-receipt" }]);
  return {
    ...common,
    ebpCode: clean(docs.agency.code),
    ebpName: partyName(docs.agency),
    ebcCode: clean(docs.exporter.code),
    ebcName: partyName(docs.exporter),
    orderNo: clean(docs.order.number),
    payNo: clean(receipt.payNo),
    // The platform collects the buyer's payment as the exporter of record's agency.
    payCode: clean(docs.agency.code),
    payName: partyName(docs.agency),
    // In the order's currency, at the rate the order locked: the platform collects in the buyer's currency (BRL,
    // MXN…), which has no confirmed JGS-20 code, and customs reconciles the collection with the order's goodsValue
    // + freight in the order's currency (§2.3). What the buyer actually paid stays on the payment and the page.
    charge: cebAmount(receipt.chargeInOrderCurrencyMinor, docs.order.currencyCode),
    currency: currencyCode(docs.order.currencyCode),
    accountingDate: chinaTime(receipt.accountingDate),
  };
}

function goodsInfo(docs: DeclarationDocuments): string {
  const names = docs.lines.map((line) => clean(line.itemName)).filter(Boolean);
  // C..200: whole names while they fit, then "…" (counted in characters, as customs counts them).
  let text = "";
  for (const name of names) {
    const next = text ? `${text};${name}` : name;
    if ([...next].length > 199) return `${text || [...name].slice(0, 198).join("")}…`;
    text = next;
  }
  return text;
}

function logistics(docs: DeclarationDocuments, common: Fields): Fields {
  const w = docs.waybill;
  return {
    ...common,
    logisticsCode: clean(w.logisticsCode),
    logisticsName: clean(w.logisticsName),
    logisticsNo: clean(w.logisticsNo),
    freight: cebAmount(w.freightMinor, w.currencyCode),
    insuredFee: cebAmount(w.insuredFeeMinor, w.currencyCode),
    currency: currencyCode(w.currencyCode),
    grossWeight: cebWeightKg(w.grossWeightG ?? docs.packing.grossWeightG),
    packNo: String(w.packages ?? docs.packing.packages),
    goodsInfo: goodsInfo(docs),
  };
}

function inventory(docs: DeclarationDocuments, common: Fields): { head: Fields; list: Fields[] } {
  const { declaration: d, waybill: w, agency, exporter } = docs;
  const currency = currencyCode(d.currencyCode);
  const country = CUSTOMS_COUNTRY_CODES[d.destinationCountry]!;
  const head: Fields = {
    ...common,
    customsCode: clean(d.customsOfficeCode),
    ebpCode: clean(agency.code),
    ebpName: partyName(agency),
    orderNo: clean(docs.order.number),
    logisticsCode: clean(w.logisticsCode),
    logisticsName: clean(w.logisticsName),
    logisticsNo: clean(w.logisticsNo),
    copNo: d.number,
    ieFlag: "E",
    portCode: clean(d.portCode),
    ieDate: chinaDate(d.createdAt),
    statisticsFlag: STATISTICS_FLAG_SUMMARY,
    agentCode: clean(agency.code),
    agentName: partyName(agency),
    ebcCode: clean(exporter.code),
    ebcName: partyName(exporter),
    ownerCode: clean(exporter.code),
    ownerName: partyName(exporter),
    tradeMode: TRADE_MODES[d.mode],
    trafMode: CUSTOMS_TRANSPORT_MODES[w.transportMode],
    // The transport document: the container's bill for sea freight is the waybill number too.
    billNo: clean(w.logisticsNo),
    // The supervised site and port of destination codes are not in Ponte's data: the agency's client fills them.
    loctNo: "",
    country,
    POD: "",
    freight: cebAmount(w.freightMinor, w.currencyCode),
    fCurrency: currencyCode(w.currencyCode),
    fFlag: FEE_FLAG_TOTAL,
    insuredFee: cebAmount(w.insuredFeeMinor, w.currencyCode),
    iCurrency: currencyCode(w.currencyCode),
    iFlag: FEE_FLAG_TOTAL,
    wrapType: WRAP_TYPE_CARTON,
    packNo: String(docs.packing.packages),
    grossWeight: cebWeightKg(docs.packing.grossWeightG),
    netWeight: cebWeightKg(docs.packing.netWeightG),
  };
  const list = docs.lines.map((line) => ({
    gnum: String(line.position),
    itemNo: clean(line.sku),
    itemName: clean(line.itemName),
    gcode: line.hsCode,
    gname: clean(line.itemName),
    // 规格型号: the SKU is the model the maker sells it under.
    gmodel: clean(line.sku),
    barCode: "",
    country,
    currency,
    qty: String(line.quantity),
    // ❓ The declared unit is taken as the legal first unit; the agency's client checks it against the HS code.
    qty1: String(line.quantity),
    unit: line.unitCode,
    unit1: line.unitCode,
    price: cebAmount(line.unitPriceMinor, d.currencyCode),
    totalPrice: cebAmount(line.totalMinor, d.currencyCode),
  }));
  return { head, list };
}

function baseTransfer(docs: DeclarationDocuments, sender: CebSender): Fields {
  return { copCode: clean(docs.agency.code), copName: partyName(docs.agency), dxpMode: "DXP", dxpId: sender.dxpId, note: "" };
}

const PREFIX = "ceb:";
const prefixed = (fields: Fields) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [PREFIX + k, v]));

function writeXml(type: CebMessageType, guid: string, head: Fields, list: Fields[] | null, transfer: Fields): string {
  const structure = STRUCTURE[type];
  const body = structure.head
    ? { [PREFIX + structure.head]: prefixed(head), ...(list ? { [PREFIX + structure.list!]: list.map(prefixed) } : {}) }
    : prefixed(head);
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    [`${PREFIX}${type}Message`]: {
      "@_guid": guid,
      "@_version": "1.0",
      "@_xmlns:ceb": CEB_NAMESPACE,
      [PREFIX + structure.body]: body,
      [`${PREFIX}BaseTransfer`]: prefixed(transfer),
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: false });
  return builder.build(document) as string;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

export interface CebFieldProblem {
  /** "OrderHead.goodsValue", "InventoryList[2].gcode", "root". */
  path: string;
  problem: string;
}

export interface CebValidation {
  ok: boolean;
  type: CebMessageType | null;
  problems: CebFieldProblem[];
}

/** Whether `value` has the format of `spec` (length counted in characters, as customs counts Chinese names). */
export function checkField(value: string, spec: FieldSpec): string | null {
  if (value === "") return spec.required ? "required" : null;
  const length = [...value].length;
  const text = /^C(\.\.)?(\d+)$/.exec(spec.spec);
  if (text) {
    const max = Number(text[2]);
    if (text[1] ? length > max : length !== max) return `${spec.spec}: ${length} characters`;
  }
  const numeric = /^N(\d+)(?:,(\d+))?$/.exec(spec.spec);
  if (numeric) {
    const total = Number(numeric[1]);
    const decimals = Number(numeric[2] ?? 0);
    const pattern = decimals ? new RegExp(`^(\\d+)(?:\\.(\\d{1,${decimals}}))?$`) : /^(\d+)$/;
    const match = pattern.exec(value);
    if (!match) return `${spec.spec}: not a number with at most ${decimals} decimals`;
    if (match[1]!.length > 1 && match[1]!.startsWith("0")) return `${spec.spec}: leading zero`;
    // N16,2: 16 digits in all, 2 of them decimals, so at most 14 before the point.
    if (match[1]!.length > total - decimals) return `${spec.spec}: more than ${total - decimals} digits before the point`;
  }
  if (spec.shape === "guid" && !/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/.test(value)) return "not an uppercase 36-character guid";
  if (spec.shape === "time" && !isCalendarTime(value)) return "not a time YYYYMMDDhhmmss";
  if (spec.shape === "date" && !isCalendarTime(`${value}000000`)) return "not a date YYYYMMDD";
  if (spec.shape === "digits" && !/^\d+$/.test(value)) return "not digits";
  if (spec.values && !spec.values.includes(value)) return `not one of ${spec.values.join(", ")}`;
  return null;
}

function isCalendarTime(value: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

type Node = Record<string, unknown>;

/** Element children of a parsed node, in document order (attributes and text left out). */
function childNames(node: unknown): string[] {
  if (!node || typeof node !== "object") return [];
  return Object.keys(node).filter((key) => !key.startsWith("@_") && key !== "#text");
}

function checkFields(node: unknown, specs: Record<string, FieldSpec>, path: string, problems: CebFieldProblem[]) {
  if (!node || typeof node !== "object") {
    problems.push({ path, problem: "missing" });
    return;
  }
  const present = childNames(node);
  const expected = Object.keys(specs).map((name) => PREFIX + name);
  for (const name of present) if (!expected.includes(name)) problems.push({ path: `${path}.${name.slice(PREFIX.length)}`, problem: "unknown element" });
  const order = present.filter((name) => expected.includes(name));
  const expectedOrder = expected.filter((name) => present.includes(name));
  if (order.join() !== expectedOrder.join()) problems.push({ path, problem: "elements out of order" });
  for (const [name, spec] of Object.entries(specs)) {
    const raw = (node as Node)[PREFIX + name];
    if (raw === undefined) {
      problems.push({ path: `${path}.${name}`, problem: "missing" });
      continue;
    }
    if (typeof raw !== "string") {
      problems.push({ path: `${path}.${name}`, problem: "not a single text value" });
      continue;
    }
    const problem = checkField(raw, spec);
    if (problem) problems.push({ path: `${path}.${name}`, problem });
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  // A list of one item still reads as a list.
  isArray: (name) => name === `${PREFIX}OrderList` || name === `${PREFIX}InventoryList`,
});

/** Reads a message back and checks the envelope and every field's format against FIELD_SPECS. */
export function validateCebMessage(xml: string): CebValidation {
  const problems: CebFieldProblem[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return { ok: false, type: null, problems: [{ path: "root", problem: `not well-formed XML: ${wellFormed.err.msg}` }] };
  const parsed = parser.parse(xml) as Node;
  const roots = childNames(parsed);
  const rootMatch = roots.length === 1 ? /^ceb:(CEB\d{3})Message$/.exec(roots[0]!) : null;
  const type = rootMatch && isCebMessageType(rootMatch[1]!) ? rootMatch[1] : null;
  if (!type) return { ok: false, type: null, problems: [{ path: "root", problem: `not a CEB303/403/505/603 message: ${roots.join(", ")}` }] };
  const root = parsed[roots[0]!] as Node;
  if (root["@_xmlns:ceb"] !== CEB_NAMESPACE) problems.push({ path: "root", problem: `namespace must be ${CEB_NAMESPACE}` });
  if (root["@_version"] !== "1.0") problems.push({ path: "root", problem: 'version must be "1.0"' });
  const rootGuid = typeof root["@_guid"] === "string" ? root["@_guid"] : "";
  const guidProblem = checkField(rootGuid, HEAD_COMMON.guid);
  if (guidProblem) problems.push({ path: "root.guid", problem: guidProblem });
  const structure = STRUCTURE[type];
  const specs = FIELD_SPECS[type];
  const expectedChildren = [PREFIX + structure.body, `${PREFIX}BaseTransfer`];
  if (childNames(root).join() !== expectedChildren.join()) problems.push({ path: "root", problem: `children must be ${expectedChildren.join(", ")}` });
  const body = root[PREFIX + structure.body];
  let head: unknown = body;
  if (structure.head) {
    head = (body as Node | undefined)?.[PREFIX + structure.head];
    checkFields(head, specs.head, structure.head, problems);
    const items = ((body as Node | undefined)?.[PREFIX + structure.list!] ?? []) as unknown[];
    if (!items.length) problems.push({ path: structure.list!, problem: "at least one item" });
    items.forEach((item, index) => {
      checkFields(item, specs.list!, `${structure.list}[${index + 1}]`, problems);
      const gnum = (item as Node)[`${PREFIX}gnum`];
      if (gnum !== String(index + 1)) problems.push({ path: `${structure.list}[${index + 1}].gnum`, problem: `must be ${index + 1}` });
    });
  } else {
    checkFields(head, specs.head, structure.body, problems);
  }
  const headGuid = (head as Node | undefined)?.[`${PREFIX}guid`];
  if (headGuid !== rootGuid) problems.push({ path: "guid", problem: "the head's guid differs from the message's" });
  checkFields(root[`${PREFIX}BaseTransfer`], BASE_TRANSFER, "BaseTransfer", problems);
  return { ok: problems.length === 0, type, problems };
}
