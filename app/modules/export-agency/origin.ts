import type { TransportMode } from "~/generated/prisma/enums";
import type { DeclarationDocuments } from "./declaration-documents";

/**
 * Origin for the export pack (pure; unit-tested in origin.test.ts). For a destination with a China free trade
 * agreement (Chile, Costa Rica, Peru, Ecuador) the data of the preferential certificate of origin: the form, the
 * fields to fill from the declaration, and what to watch (more items than one certificate holds, transit through
 * Hong Kong or Macau). Elsewhere a plain, non-preferential origin statement for the commercial invoice.
 *
 * Facts come from the domain reference (§6.1). What it marks ✅ is `confirmed`; what it marks ❓, or does not
 * state for that agreement, is `toConfirm` and shown as such, never as fact.
 */

export type Certainty = "confirmed" | "toConfirm";
export interface Fact<T> {
  value: T;
  certainty: Certainty;
}
const sure = <T>(value: T): Fact<T> => ({ value, certainty: "confirmed" });
const unsure = <T>(value: T): Fact<T> => ({ value, certainty: "toConfirm" });

export type FtaPartner = "CL" | "CR" | "PE" | "EC";

/** The origin criterion an agreement mostly uses for goods that are not wholly obtained (manufactured goods). */
export type CriterionRule = "rvc" | "ctc" | "unknown";

export interface FtaRule {
  partner: FtaPartner;
  /** The certificate's name: "Form F", "Form L", or the agreement's certificate where the reference has no name. */
  form: Fact<string>;
  /** ISO date the agreement entered into force. */
  inForce: Fact<string>;
  /** How long a certificate stays valid from its issue, in months. */
  validityMonths: Fact<number> | null;
  /** The most items one certificate may list. */
  maxItems: Fact<number> | null;
  /** Digits of the HS code printed on the certificate. */
  hsDigits: Fact<number>;
  criterion: Fact<CriterionRule>;
  /** Regional value content required of goods not wholly obtained, in percent. */
  rvcPercent: Fact<number> | null;
  /** Months after shipment within which the certificate may still be issued ("ISSUED RETROSPECTIVELY"). */
  retroactiveMonths: Fact<number> | null;
  /** An invoice issued by a third party (not the exporter) is accepted. */
  thirdPartyInvoice: Fact<boolean> | null;
  /** Goods must ship directly; transit through Hong Kong or Macau needs a non-manipulation certificate. */
  directShipment: Fact<boolean>;
}

/** Domain reference §6.1, one row per agreement. */
export const FTA_RULES: Record<FtaPartner, FtaRule> = {
  CL: {
    partner: "CL",
    form: sure("Form F"),
    inForce: sure("2006-10-01"),
    validityMonths: sure(12),
    maxItems: sure(20),
    hsDigits: unsure(6),
    criterion: sure("rvc"),
    rvcPercent: sure(40),
    retroactiveMonths: null,
    thirdPartyInvoice: null,
    directShipment: sure(true),
  },
  CR: {
    partner: "CR",
    form: sure("Form L"),
    inForce: sure("2011-08-01"),
    validityMonths: null,
    maxItems: sure(20),
    hsDigits: sure(6),
    criterion: sure("ctc"),
    rvcPercent: null,
    retroactiveMonths: sure(12),
    thirdPartyInvoice: sure(true),
    directShipment: unsure(true),
  },
  PE: {
    partner: "PE",
    form: unsure("China–Peru FTA certificate of origin"),
    inForce: unsure("2010-03-01"),
    validityMonths: null,
    maxItems: null,
    hsDigits: unsure(6),
    criterion: unsure("unknown"),
    rvcPercent: null,
    retroactiveMonths: null,
    thirdPartyInvoice: null,
    directShipment: unsure(true),
  },
  EC: {
    partner: "EC",
    form: unsure("China–Ecuador FTA certificate of origin"),
    inForce: sure("2024-05-01"),
    validityMonths: null,
    maxItems: null,
    hsDigits: unsure(6),
    criterion: unsure("unknown"),
    rvcPercent: null,
    retroactiveMonths: null,
    thirdPartyInvoice: null,
    directShipment: unsure(true),
  },
};

export function ftaRule(countryCode: string): FtaRule | null {
  const code = countryCode.trim().toUpperCase();
  return code in FTA_RULES ? FTA_RULES[code as FtaPartner] : null;
}

export interface OriginParty {
  name: string;
  nameZh: string | null;
  address: string[];
  countryCode: string;
}

export interface OriginItem {
  position: number;
  /** The English name (a certificate is filled in English), else the declared Chinese name. */
  description: string;
  hs6: string;
  quantity: number;
  unitCode: string;
  grossWeightG: number;
  originCountry: string;
}

export type OriginWarning =
  /** More items than one certificate holds: split into `certificates`, items by position. */
  | { code: "split"; severity: "block"; maxItems: number; certificates: number; groups: number[][] }
  /** Direct shipment rule: transit through Hong Kong or Macau needs a non-manipulation certificate. */
  | { code: "transitHkMacau"; severity: "warn"; certainty: Certainty }
  /** The shipment predates the agreement's entry into force. */
  | { code: "notInForce"; severity: "block"; inForce: string; certainty: Certainty }
  /** Lines not of Chinese origin: not covered by a Chinese certificate. */
  | { code: "notChinese"; severity: "block"; positions: number[] }
  /** A field the certificate needs is empty in the declaration's data. */
  | { code: "missing"; severity: "block"; field: MissingField }
  /** The exporter declares the origin criterion of each item (the data cannot tell how a product was made). */
  | { code: "criterion"; severity: "info"; rule: CriterionRule; rvcPercent: number | null; certainty: Certainty }
  | { code: "validity"; severity: "info"; months: number }
  | { code: "retroactive"; severity: "info"; months: number }
  | { code: "thirdPartyInvoice"; severity: "info" }
  /** Facts of this agreement the reference does not confirm (keys of FtaRule). */
  | { code: "toConfirm"; severity: "warn"; facts: (keyof FtaRule)[] };

export type MissingField = "exporterName" | "exporterAddress" | "consigneeName" | "consigneeAddress" | "logisticsNo" | "hsCode";

export interface PreferentialOrigin {
  kind: "preferential";
  rule: FtaRule;
  fields: {
    exporter: OriginParty;
    consignee: OriginParty;
    transport: { mode: TransportMode; logisticsNo: string; containerNumber: string | null; portOfLoading: string; destinationCountry: string };
    invoice: { number: string; date: string };
    items: OriginItem[];
  };
  warnings: OriginWarning[];
}

export interface OriginStatement {
  kind: "statement";
  destinationCountry: string;
  /** Positions of lines whose origin is not China, with their origin (printed as exceptions). */
  exceptions: { position: number; originCountry: string }[];
  /** Whether the importer may ask for a non-preferential certificate (CCPIT or customs) is not confirmed. */
  nonPreferentialCertificate: Fact<"mayBeRequired">;
}

export type OriginData = PreferentialOrigin | OriginStatement;

export interface InvoiceRef {
  number: string;
  date: Date;
}

type OriginSource = Pick<DeclarationDocuments, "declaration" | "exporter" | "consignee" | "waybill" | "lines">;

/** Where goods leave Zhuhai by (the customs port code when the agent set one). */
export function portOfLoading(documents: Pick<DeclarationDocuments, "declaration">): string {
  const port = documents.declaration.portCode.trim();
  return port ? `Zhuhai, China (${port})` : "Zhuhai, China";
}

const isoDate = (value: Date) => value.toISOString().slice(0, 10);
const isChina = (code: string) => code.trim().toUpperCase() === "CN";

/** The origin data for this declaration's destination; `shippedOn` decides whether an agreement was in force. */
export function originFor(documents: OriginSource, invoice: InvoiceRef, shippedOn: Date = documents.declaration.createdAt): OriginData {
  const destination = documents.declaration.destinationCountry.trim().toUpperCase();
  const exceptions = documents.lines.filter((line) => !isChina(line.originCountry)).map((line) => ({ position: line.position, originCountry: line.originCountry.trim().toUpperCase() }));
  const rule = ftaRule(destination);
  if (!rule) return { kind: "statement", destinationCountry: destination, exceptions, nonPreferentialCertificate: unsure("mayBeRequired") };

  const party = (p: DeclarationDocuments["exporter"]): OriginParty => ({ name: p.name, nameZh: p.nameZh, address: p.address.filter((l) => l.trim()), countryCode: p.countryCode });
  const items: OriginItem[] = documents.lines.map((line) => ({
    position: line.position,
    description: line.names.en?.trim() || line.itemName,
    hs6: line.hsCode.replace(/\D/g, "").slice(0, 6),
    quantity: line.quantity,
    unitCode: line.unitCode,
    grossWeightG: line.grossWeightG,
    originCountry: line.originCountry.trim().toUpperCase(),
  }));
  const fields: PreferentialOrigin["fields"] = {
    exporter: party(documents.exporter),
    consignee: party(documents.consignee),
    transport: {
      mode: documents.waybill.transportMode,
      logisticsNo: documents.waybill.logisticsNo.trim(),
      containerNumber: documents.waybill.containerNumber,
      portOfLoading: portOfLoading(documents),
      destinationCountry: destination,
    },
    invoice: { number: invoice.number, date: isoDate(invoice.date) },
    items,
  };
  return { kind: "preferential", rule, fields, warnings: originWarnings(rule, fields, shippedOn) };
}

function originWarnings(rule: FtaRule, fields: PreferentialOrigin["fields"], shippedOn: Date): OriginWarning[] {
  const warnings: OriginWarning[] = [];
  if (isoDate(shippedOn) < rule.inForce.value) warnings.push({ code: "notInForce", severity: "block", inForce: rule.inForce.value, certainty: rule.inForce.certainty });
  const notChinese = fields.items.filter((item) => !isChina(item.originCountry)).map((item) => item.position);
  if (notChinese.length > 0) warnings.push({ code: "notChinese", severity: "block", positions: notChinese });
  const missing: [MissingField, boolean][] = [
    ["exporterName", !fields.exporter.name.trim()],
    ["exporterAddress", fields.exporter.address.length === 0],
    ["consigneeName", !fields.consignee.name.trim()],
    ["consigneeAddress", fields.consignee.address.length === 0],
    ["logisticsNo", !fields.transport.logisticsNo],
    ["hsCode", fields.items.some((item) => item.hs6.length !== 6)],
  ];
  for (const [field, isMissing] of missing) if (isMissing) warnings.push({ code: "missing", severity: "block", field });
  const max = rule.maxItems?.value;
  if (max && fields.items.length > max) {
    const groups: number[][] = [];
    for (let i = 0; i < fields.items.length; i += max) groups.push(fields.items.slice(i, i + max).map((item) => item.position));
    warnings.push({ code: "split", severity: "block", maxItems: max, certificates: groups.length, groups });
  }
  if (rule.directShipment.value) warnings.push({ code: "transitHkMacau", severity: "warn", certainty: rule.directShipment.certainty });
  warnings.push({ code: "criterion", severity: "info", rule: rule.criterion.value, rvcPercent: rule.rvcPercent?.value ?? null, certainty: rule.criterion.certainty });
  if (rule.validityMonths) warnings.push({ code: "validity", severity: "info", months: rule.validityMonths.value });
  if (rule.retroactiveMonths) warnings.push({ code: "retroactive", severity: "info", months: rule.retroactiveMonths.value });
  if (rule.thirdPartyInvoice?.value) warnings.push({ code: "thirdPartyInvoice", severity: "info" });
  const unconfirmed = (Object.keys(rule) as (keyof FtaRule)[]).filter((key) => {
    const value = rule[key];
    return typeof value === "object" && value !== null && (value as Fact<unknown>).certainty === "toConfirm";
  });
  if (unconfirmed.length > 0) warnings.push({ code: "toConfirm", severity: "warn", facts: unconfirmed });
  return warnings;
}
