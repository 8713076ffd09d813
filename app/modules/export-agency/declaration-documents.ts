/**
 * The shape every consumer of a declaration reads: the declaration list and its three matching documents (order,
 * collection, waybill), gathered by `gatherDeclarationDocuments` (declarations.server.ts) from data Ponte already
 * has, and read by the matching validator, the XML messages (CEB303/403/505/603) and the PDFs (commercial invoice,
 * packing list). Plain data: amounts are integer minor units (bigint) of the named currency, weights grams.
 */
import type { CustomsMode, DeclarationStatus, TransportMode } from "~/generated/prisma/enums";

export interface Party {
  /** Customs registration code or USCC (18 characters); "" when the profile lacks one. */
  code: string;
  name: string;
  /** Chinese legal name where the company has one. */
  nameZh: string | null;
  countryCode: string;
  address: string[];
  taxId: string | null;
}

export interface DeclarationDocuments {
  declaration: {
    id: string;
    number: string;
    guid: string;
    version: number;
    mode: CustomsMode;
    status: DeclarationStatus;
    destinationCountry: string;
    currencyCode: string;
    customsOfficeCode: string;
    portCode: string;
    createdAt: Date;
  };
  /** The platform's agency: declarant (agentCode) and platform (ebpCode). */
  agency: Party;
  /** The manufacturer whose goods these are (ebcCode / ownerCode). */
  exporter: Party;
  /** The buyer (9710), or the overseas warehouse's operator (9810). */
  consignee: Party;
  /** CEB303: the order (9710) or the warehouse booking (9810, orderType W). */
  order: {
    /** orderNo: the order number, or the inbound shipment's reference. */
    number: string;
    orderType: "B" | "W";
    currencyCode: string;
    goodsValueMinor: bigint;
    freightMinor: bigint;
    incoterm: string | null;
    placedAt: Date;
    lines: DocumentLine[];
    /** Where the order's lines are edited (a link for the validator's messages). */
    href: string | null;
  };
  /** CEB403: the buyer's payment as collected; null when nothing has been received (9810 has none). */
  receipt: {
    payNo: string;
    payerName: string;
    currencyCode: string;
    /** What was collected, in `currencyCode`. */
    chargeMinor: bigint;
    /** The same amount in the order's currency at the order's locked rate (what the order should show). */
    chargeInOrderCurrencyMinor: bigint;
    accountingDate: Date;
    href: string | null;
  } | null;
  /** CEB505: the waybill as the forwarder issued it. */
  waybill: {
    logisticsCode: string;
    logisticsName: string;
    logisticsNo: string;
    transportMode: TransportMode;
    containerNumber: string | null;
    freightMinor: bigint;
    insuredFeeMinor: bigint;
    currencyCode: string;
    grossWeightG: number | null;
    packages: number | null;
    href: string;
  };
  /** CEB603 InventoryList and the packing list: the goods as declared. */
  lines: DeclarationLine[];
  /** Packing list totals, from the declared lines (variants' weights × quantities). */
  packing: { grossWeightG: number; netWeightG: number; packages: number };
}

export interface DocumentLine {
  position: number;
  sku: string;
  /** Name in each language we have ({ zh, en, pt, es }). */
  names: Record<string, string>;
  quantity: number;
  unitPriceMinor: bigint;
  totalMinor: bigint;
}

export interface DeclarationLine extends DocumentLine {
  itemName: string;
  /** 10-digit China commodity code. */
  hsCode: string;
  unitCode: string;
  netWeightG: number;
  grossWeightG: number;
  originCountry: string;
}
