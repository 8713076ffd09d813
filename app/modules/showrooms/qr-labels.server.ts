import QRCode from "qrcode";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { viewerFor } from "~/modules/i18n/locale";
import { runWithViewer } from "~/modules/i18n/viewer.server";
import { createPdf, FONT, GREY, INK, pdfBytes, RULE, type Pdf } from "~/modules/ordering/pdf.server";
import { organizationDisplayName } from "~/modules/tenancy/display-name";
import { localized } from "./localized-text";
import type { OperatorDb } from "./operator-scope.server";

/**
 * QR labels for the hall floor: one per booth and one per featured product (a product in a section, of an accepted
 * manufacturer that has a booth). Each code holds the scan URL the public scan routes answer:
 * `${APP_URL}/q/{storefront}/{booth}` and `${APP_URL}/q/{storefront}/{booth}/{product}`. The A4 sheets carry the
 * product's name in Chinese, Portuguese and Spanish (visitors and the maker's staff read the same label), the booth
 * number and the MOQ with its unit; the font is the order documents' Noto Sans SC (Latin and Chinese).
 */

/** The three languages printed on every label, in this order. */
export const LABEL_LANGS = ["zh", "pt", "es"] as const satisfies readonly Lang[];

export function boothScanUrl(storefrontSlug: string, boothCode: string, appUrl = env().APP_URL): string {
  return `${appUrl}/q/${encodeURIComponent(storefrontSlug)}/${encodeURIComponent(boothCode)}`;
}
export function productScanUrl(storefrontSlug: string, boothCode: string, productSlug: string, appUrl = env().APP_URL): string {
  return `${boothScanUrl(storefrontSlug, boothCode, appUrl)}/${encodeURIComponent(productSlug)}`;
}

export interface BoothLabel {
  kind: "booth";
  url: string;
  boothCode: string;
  names: Record<(typeof LABEL_LANGS)[number], string>;
  manufacturer: string | null;
}
export interface ProductLabel {
  kind: "product";
  url: string;
  boothCode: string;
  names: Record<(typeof LABEL_LANGS)[number], string>;
  manufacturer: string;
  moq: number;
  unit: string;
}
export type QrLabel = BoothLabel | ProductLabel;

/**
 * The labels of a storefront (or of one booth): every booth, then the featured products booth by booth in the
 * sections' order. Product names and MOQs are public catalog data (published products only), read, never written.
 */
export async function collectLabels(operator: OperatorDb, storefrontId: string, options: { boothCode?: string | null } = {}): Promise<{ storefront: { slug: string; name: string }; labels: QrLabel[]; productsWithoutBooth: number } | null> {
  const storefront = await operator.storefront.findFirst({ where: { id: storefrontId }, select: { id: true, slug: true, name: true, languages: true } });
  if (!storefront) return null;
  const [booths, accepted, items] = await Promise.all([
    operator.storefrontBooth.findMany({ where: { storefrontId, ...(options.boothCode ? { code: options.boothCode } : {}) }, orderBy: { code: "asc" }, select: { code: true, label: true, participationId: true } }),
    operator.storefrontParticipation.findMany({ where: { storefrontId, status: "ACCEPTED" }, select: { id: true, organizationId: true } }),
    operator.storefrontSectionItem.findMany({
      where: { section: { storefrontId }, productId: { not: null } },
      orderBy: [{ section: { position: "asc" } }, { position: "asc" }],
      select: { productId: true, manufacturerOrganizationId: true },
    }),
  ]);
  const manufacturerOf = new Map(accepted.map((p) => [p.id, p.organizationId]));
  const boothOf = new Map<string, string>();
  for (const booth of booths) {
    const manufacturer = booth.participationId ? manufacturerOf.get(booth.participationId) : undefined;
    if (manufacturer) boothOf.set(manufacturer, booth.code);
  }
  const acceptedIds = new Set(accepted.map((p) => p.organizationId));
  const featured = [...new Map(items.filter((i) => acceptedIds.has(i.manufacturerOrganizationId)).map((i) => [i.productId!, i.manufacturerOrganizationId])).entries()];
  const productIds = featured.map(([productId]) => productId);
  const [products, organizations] = await Promise.all([
    productIds.length
      ? unscopedDb.product.findMany({
          where: { id: { in: productIds }, status: "PUBLISHED", organizationId: { in: [...acceptedIds] } },
          select: { id: true, slug: true, organizationId: true, moq: true, unitOfSale: true, sourceLocale: true, translations: { select: { locale: true, name: true } } },
        })
      : [],
    unscopedDb.organization.findMany({ where: { id: { in: [...acceptedIds] } }, select: { id: true, name: true, legalNameZh: true } }),
  ]);
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const nameIn = (translations: { locale: string; name: string }[], lang: Lang, source: string) => translations.find((t) => t.locale === lang)?.name ?? translations.find((t) => t.locale === source)?.name ?? "";

  const labels: QrLabel[] = booths.map((booth) => {
    const manufacturerId = booth.participationId ? manufacturerOf.get(booth.participationId) : undefined;
    const org = manufacturerId ? orgById.get(manufacturerId) : undefined;
    return {
      kind: "booth",
      url: boothScanUrl(storefront.slug, booth.code),
      boothCode: booth.code,
      names: { zh: localized(booth.label, "zh", [])?.value ?? "", pt: localized(booth.label, "pt", [])?.value ?? "", es: localized(booth.label, "es", [])?.value ?? "" },
      manufacturer: org ? `${organizationDisplayName(org, "zh")}${org.legalNameZh ? ` · ${org.name}` : ""}` : null,
    };
  });
  let productsWithoutBooth = 0;
  for (const booth of booths) {
    for (const [productId, manufacturerId] of featured) {
      const product = productById.get(productId);
      if (!product || boothOf.get(manufacturerId) !== booth.code) continue;
      const org = orgById.get(manufacturerId);
      labels.push({
        kind: "product",
        url: productScanUrl(storefront.slug, booth.code, product.slug),
        boothCode: booth.code,
        names: { zh: nameIn(product.translations, "zh", product.sourceLocale), pt: nameIn(product.translations, "pt", product.sourceLocale), es: nameIn(product.translations, "es", product.sourceLocale) },
        manufacturer: org ? org.name : "",
        moq: product.moq,
        unit: product.unitOfSale,
      });
    }
  }
  if (!options.boothCode) productsWithoutBooth = featured.filter(([productId, manufacturerId]) => productById.has(productId) && !boothOf.has(manufacturerId)).length;
  return { storefront: { slug: storefront.slug, name: localized(storefront.name, "zh", storefront.languages)?.value ?? storefront.slug }, labels, productsWithoutBooth };
}

const SHEET = { margin: 28, columns: 2, rows: 4, gap: 8 } as const;

/** Draws the QR code as vector squares: sharp at any printer resolution. */
function drawQr(doc: Pdf, text: string, x: number, y: number, size: number) {
  const code = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = code.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.save().fillColor("#000000");
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill().restore();
}

/** Renders the labels on A4 sheets (2 × 4 per page); `lang` is the operator's, for the sheet's own few words. */
export async function qrLabelsPdf(input: { storefrontName: string; labels: QrLabel[]; lang: Lang; operatorName: string }): Promise<Buffer> {
  const t = serverT(input.lang);
  const doc = createPdf({ title: t("showrooms.console.qr.pdfTitle", { storefront: input.storefrontName }), subject: t("showrooms.console.qr.title"), author: input.operatorName, lang: input.lang });
  const width = (doc.page.width - 2 * SHEET.margin - (SHEET.columns - 1) * SHEET.gap) / SHEET.columns;
  const height = (doc.page.height - 2 * SHEET.margin - (SHEET.rows - 1) * SHEET.gap) / SHEET.rows;
  const perPage = SHEET.columns * SHEET.rows;
  // MOQ words in each printed language, with that language's numbers and plural (件 / peças / piezas).
  const moqLine = (label: ProductLabel) =>
    LABEL_LANGS.map((lang) => {
      const tl = serverT(lang);
      const quantity = runWithViewer(viewerFor(null), () => tl(`browse.units.${label.unit}`, { count: label.moq, n: formatNumber(label.moq, lang) }));
      return tl("showrooms.console.qr.moq", { quantity });
    }).join(" · ");

  input.labels.forEach((label, index) => {
    if (index > 0 && index % perPage === 0) doc.addPage();
    const slot = index % perPage;
    const x = SHEET.margin + (slot % SHEET.columns) * (width + SHEET.gap);
    const y = SHEET.margin + Math.floor(slot / SHEET.columns) * (height + SHEET.gap);
    doc.save().lineWidth(0.5).strokeColor(RULE).dash(3, { space: 3 }).rect(x, y, width, height).stroke().restore();
    const pad = 10;
    const qrSize = 104;
    drawQr(doc, label.url, x + pad - 4, y + pad - 4, qrSize);
    const textX = x + pad + qrSize;
    const textWidth = width - qrSize - 2 * pad;
    doc.font(FONT.bold).fontSize(8).fillColor(GREY).text(t("showrooms.console.qr.booth").toUpperCase(), textX, y + pad, { width: textWidth });
    doc.font(FONT.bold).fontSize(26).fillColor(INK).text(label.boothCode, textX, doc.y, { width: textWidth, lineBreak: false });
    doc.moveDown(0.1);
    if (label.manufacturer) doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(label.manufacturer, textX, y + pad + 46, { width: textWidth, height: 40, ellipsis: true });
    let lineY = y + pad + qrSize + 2;
    const names = LABEL_LANGS.map((lang) => label.names[lang]).filter(Boolean);
    for (const [i, name] of names.entries()) {
      doc.font(i === 0 ? FONT.bold : FONT.regular).fontSize(i === 0 ? 11 : 9.5).fillColor(INK);
      // Wrapped within one line's height: a long name ends in an ellipsis instead of running into the next label.
      doc.text(name, x + pad, lineY, { width: width - 2 * pad, height: i === 0 ? 14 : 12, ellipsis: true });
      lineY += i === 0 ? 15 : 13;
    }
    if (label.kind === "product") {
      doc.font(FONT.regular).fontSize(7).fillColor(INK).text(moqLine(label), x + pad, y + height - pad - 22, { width: width - 2 * pad, height: 10, ellipsis: true });
    } else if (names.length === 0) {
      doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(LABEL_LANGS.map((lang) => serverT(lang)("showrooms.console.qr.scanBooth")).join("\n"), x + pad, lineY, { width: width - 2 * pad });
    }
    doc.font(FONT.regular).fontSize(6.5).fillColor(GREY).text(label.url, x + pad, y + height - pad - 9, { width: width - 2 * pad, height: 9, ellipsis: true });
  });
  if (input.labels.length === 0) doc.font(FONT.regular).fontSize(12).fillColor(INK).text(t("showrooms.console.qr.empty"), SHEET.margin, SHEET.margin);
  return pdfBytes(doc);
}
