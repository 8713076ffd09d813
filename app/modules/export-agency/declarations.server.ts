import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import type { CustomsMode } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { divideHalfEven } from "~/modules/money/rates";
import type { DeclarationDocuments, DeclarationLine, DocumentLine, Party } from "./declaration-documents";
import { formatDeclarationNumber, newMessageGuid, sequenceOf } from "./declaration-numbers";

/**
 * Export declarations: created once per order shipped from Zhuhai (9710) or inbound shipment to an overseas
 * warehouse (9810), and read back as DeclarationDocuments (the list and its three matching documents) for the
 * validator, the XML messages and the PDFs.
 *
 * Unscoped on purpose: a declaration joins the manufacturer's order, the buyer's company and the platform's agency;
 * callers are the order's own transaction, the inbound shipment's transition, the sweep job and the agency desk
 * (behind requireExportAgent / requireDeclarationViewer).
 */
export type DeclarationClient = Prisma.TransactionClient;

/** Order statuses from which a Zhuhai order needs its 9710 (paid, being prepared, shipped, and later). */
export const ORDER_STATUSES_NEEDING_DECLARATION = ["PAID", "IN_FULFILMENT", "SHIPPED", "DELIVERED", "COMPLETED"] as const;
/** Inbound statuses from which a shipment needs its 9810 (shipped and later). */
export const INBOUND_STATUSES_NEEDING_DECLARATION = ["IN_TRANSIT", "PARTIALLY_RECEIVED", "RECEIVED"] as const;

/** The customs office of exit and the port when nothing else is known: 5710 (Gongbei, Zhuhai). Editable per declaration. */
export const DEFAULT_CUSTOMS_OFFICE = "5710";

interface NewLine {
  position: number;
  productId: string;
  variantId: string;
  sku: string;
  itemName: string;
  hsCode: string;
  quantity: number;
  unitPriceMinor: bigint;
  totalMinor: bigint;
  netWeightG: number;
  grossWeightG: number;
}

interface NewDeclaration {
  organizationId: string;
  mode: CustomsMode;
  orderId: string | null;
  inboundShipmentId: string | null;
  destinationCountry: string;
  currencyCode: string;
  freightMinor: bigint;
  createdById: string | null;
  lines: NewLine[];
}

export interface Ensured {
  id: string;
  number: string;
  created: boolean;
}

function chineseName(names: Record<string, string>, fallback: string): string {
  return names.zh?.trim() || names.en?.trim() || Object.values(names).find((n) => n.trim())?.trim() || fallback;
}

function namesOf(translations: { locale: string; name: string }[]): Record<string, string> {
  return Object.fromEntries(translations.map((t) => [t.locale, t.name]));
}

/**
 * Inserts the declaration unless its order / shipment already has one (INSERT … ON CONFLICT DO NOTHING, so racing
 * triggers end with exactly one and never abort the caller's transaction). The number is the year's highest + 1;
 * when another declaration took that number meanwhile, the next one is tried.
 */
async function insertOnce(tx: DeclarationClient, input: NewDeclaration, now: Date): Promise<Ensured> {
  const year = now.getUTCFullYear();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const existing = await findExisting(tx, input);
    if (existing) return { ...existing, created: false };
    const [last] = await tx.$queryRaw<{ number: string }[]>`
      SELECT "number" FROM "ExportDeclaration" WHERE "number" LIKE ${`DEC-${year}-%`}
      ORDER BY length("number") DESC, "number" DESC LIMIT 1`;
    const number = formatDeclarationNumber(year, (last ? sequenceOf(last.number, year) : 0) + 1);
    const id = randomUUID();
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "ExportDeclaration" ("id", "number", "organizationId", "mode", "orderId", "inboundShipmentId", "status", "guid", "version",
        "destinationCountry", "currencyCode", "freightMinor", "customsOfficeCode", "portCode", "createdById", "createdAt", "updatedAt")
      VALUES (${id}::uuid, ${number}, ${input.organizationId}::uuid, ${input.mode}::"CustomsMode", ${input.orderId}::uuid, ${input.inboundShipmentId}::uuid,
        'DRAFT'::"DeclarationStatus", ${newMessageGuid()}, 1, ${input.destinationCountry}, ${input.currencyCode}, ${input.freightMinor},
        ${DEFAULT_CUSTOMS_OFFICE}, ${DEFAULT_CUSTOMS_OFFICE}, ${input.createdById}::uuid, CAST(${now.toISOString()} AS timestamptz) AT TIME ZONE 'UTC', CAST(${now.toISOString()} AS timestamptz) AT TIME ZONE 'UTC')
      ON CONFLICT DO NOTHING
      RETURNING "id"`;
    if (!inserted[0]) continue; // the subject got its declaration from someone else, or the number was taken: look again
    if (input.lines.length > 0) {
      await tx.exportDeclarationLine.createMany({
        data: input.lines.map((line) => ({ ...line, organizationId: input.organizationId, declarationId: id })),
      });
    }
    await tx.exportDeclarationEvent.create({
      data: { organizationId: input.organizationId, declarationId: id, kind: "created", fromStatus: null, toStatus: "DRAFT", actorUserId: input.createdById, createdAt: now },
    });
    return { id, number, created: true };
  }
  throw new Error("Could not allocate a declaration number after 20 attempts");
}

async function findExisting(tx: DeclarationClient, input: Pick<NewDeclaration, "orderId" | "inboundShipmentId">) {
  if (input.orderId) return tx.exportDeclaration.findUnique({ where: { orderId: input.orderId }, select: { id: true, number: true } });
  if (input.inboundShipmentId) return tx.exportDeclaration.findUnique({ where: { inboundShipmentId: input.inboundShipmentId }, select: { id: true, number: true } });
  return null;
}

/**
 * The 9710 of an order shipped from Zhuhai (source ORIGIN) that is paid or later; null when the order needs none
 * (a warehouse order, or not paid yet). Idempotent; safe inside the order's own transaction.
 */
export async function ensureOrderDeclaration(tx: DeclarationClient, orderId: string, options: { actorUserId?: string | null; now?: Date } = {}): Promise<Ensured | null> {
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: {
      id: true, organizationId: true, source: true, status: true, currencyCode: true, shippingMinor: true, deliveryAddress: true, buyerSnapshot: true,
      lines: { select: { productId: true, variantId: true, sku: true, names: true, quantity: true, unitPriceMinor: true, lineTotalMinor: true }, orderBy: { id: "asc" } },
    },
  });
  if (!order || order.source !== "ORIGIN") return null;
  if (!(ORDER_STATUSES_NEEDING_DECLARATION as readonly string[]).includes(order.status)) return null;
  const existing = await tx.exportDeclaration.findUnique({ where: { orderId }, select: { id: true, number: true } });
  if (existing) return { ...existing, created: false };
  const catalog = await productFacts(tx, order.organizationId, order.lines.map((l) => l.productId), order.lines.map((l) => l.variantId));
  const lines: NewLine[] = order.lines.map((line, index) => {
    const product = catalog.products.get(line.productId);
    const variant = catalog.variants.get(line.variantId);
    const names = (line.names ?? {}) as Record<string, string>;
    return {
      position: index + 1,
      productId: line.productId,
      variantId: line.variantId,
      sku: line.sku,
      itemName: chineseName({ ...names, ...(product?.names ?? {}) }, line.sku),
      hsCode: product?.hsCodeCn ?? "",
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      totalMinor: line.lineTotalMinor,
      netWeightG: (variant?.netWeightG ?? 0) * line.quantity,
      grossWeightG: (variant?.grossWeightG ?? 0) * line.quantity,
    };
  });
  return insertOnce(
    tx,
    {
      organizationId: order.organizationId,
      mode: "B2B_DIRECT_9710",
      orderId: order.id,
      inboundShipmentId: null,
      destinationCountry: countryOf(order.deliveryAddress) ?? countryOf(order.buyerSnapshot) ?? "",
      currencyCode: order.currencyCode.trim(),
      freightMinor: order.shippingMinor,
      createdById: options.actorUserId ?? null,
      lines,
    },
    options.now ?? new Date(),
  );
}

/** The 9810 of an inbound shipment once it has shipped; null when it has not. Idempotent. */
export async function ensureInboundDeclaration(tx: DeclarationClient, shipmentId: string, options: { actorUserId?: string | null; now?: Date } = {}): Promise<Ensured | null> {
  const shipment = await tx.inboundShipment.findUnique({
    where: { id: shipmentId },
    select: {
      id: true, organizationId: true, status: true, createdById: true,
      warehouse: { select: { countryCode: true } },
      lines: { select: { productId: true, variantId: true, expectedQuantity: true }, orderBy: { id: "asc" } },
    },
  });
  if (!shipment || !(INBOUND_STATUSES_NEEDING_DECLARATION as readonly string[]).includes(shipment.status)) return null;
  const existing = await tx.exportDeclaration.findUnique({ where: { inboundShipmentId: shipmentId }, select: { id: true, number: true } });
  if (existing) return { ...existing, created: false };
  const catalog = await productFacts(tx, shipment.organizationId, shipment.lines.map((l) => l.productId), shipment.lines.map((l) => l.variantId));
  // Goods sent to stock have no sale price yet: each unit is declared at the product's lowest tier price, in its currency.
  const currencies = new Set(shipment.lines.map((l) => catalog.products.get(l.productId)?.currencyCode).filter((c): c is string => Boolean(c)));
  const currencyCode = currencies.size > 0 ? [...currencies][0]! : "CNY";
  const lines: NewLine[] = shipment.lines.map((line, index) => {
    const product = catalog.products.get(line.productId);
    const variant = catalog.variants.get(line.variantId);
    const unitPriceMinor = product?.minUnitPriceMinor ?? 0n;
    return {
      position: index + 1,
      productId: line.productId,
      variantId: line.variantId,
      sku: variant?.sku ?? "",
      itemName: chineseName(product?.names ?? {}, variant?.sku ?? ""),
      hsCode: product?.hsCodeCn ?? "",
      quantity: line.expectedQuantity,
      unitPriceMinor,
      totalMinor: unitPriceMinor * BigInt(line.expectedQuantity),
      netWeightG: (variant?.netWeightG ?? 0) * line.expectedQuantity,
      grossWeightG: (variant?.grossWeightG ?? 0) * line.expectedQuantity,
    };
  });
  return insertOnce(
    tx,
    {
      organizationId: shipment.organizationId,
      mode: "OVERSEAS_WAREHOUSE_9810",
      orderId: null,
      inboundShipmentId: shipment.id,
      destinationCountry: shipment.warehouse.countryCode.trim(),
      currencyCode: currencyCode.trim(),
      freightMinor: 0n,
      createdById: options.actorUserId ?? shipment.createdById ?? null,
      lines,
    },
    options.now ?? new Date(),
  );
}

async function productFacts(tx: DeclarationClient, organizationId: string, productIds: string[], variantIds: string[]) {
  const [products, variants] = await Promise.all([
    tx.product.findMany({
      where: { organizationId, id: { in: [...new Set(productIds)] } },
      select: { id: true, hsCodeCn: true, currencyCode: true, minUnitPriceMinor: true, packSize: true, originCountry: true, translations: { select: { locale: true, name: true } } },
    }),
    tx.productVariant.findMany({ where: { organizationId, id: { in: [...new Set(variantIds)] } }, select: { id: true, sku: true, netWeightG: true, grossWeightG: true } }),
  ]);
  return {
    products: new Map(products.map((p) => [p.id, { ...p, hsCodeCn: p.hsCodeCn?.trim() || null, names: namesOf(p.translations) }])),
    variants: new Map(variants.map((v) => [v.id, v])),
  };
}

function countryOf(json: unknown): string | null {
  if (json && typeof json === "object" && "countryCode" in json && typeof (json as { countryCode: unknown }).countryCode === "string") {
    const code = (json as { countryCode: string }).countryCode.trim().toUpperCase();
    return /^[A-Z]{2}$/.test(code) ? code : null;
  }
  return null;
}

/**
 * The sweep (workers/export-declarations.ts): every Zhuhai order paid or later and every shipped inbound shipment
 * without a declaration gets one, so a trigger that failed or never ran leaves none missing.
 */
export async function createMissingDeclarations(options: { now?: Date; batch?: number } = {}): Promise<{ orders: number; shipments: number }> {
  const take = options.batch ?? 200;
  let orders = 0;
  let shipments = 0;
  for (;;) {
    const missing = await unscopedDb.$queryRaw<{ id: string }[]>`
      SELECT o."id" FROM "Order" o
      WHERE o."source" = 'ORIGIN' AND o."status"::text IN ('PAID', 'IN_FULFILMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED')
        AND NOT EXISTS (SELECT 1 FROM "ExportDeclaration" d WHERE d."orderId" = o."id")
      ORDER BY o."placedAt" LIMIT ${take}`;
    for (const row of missing) {
      const made = await unscopedDb.$transaction((tx) => ensureOrderDeclaration(tx, row.id, { now: options.now }));
      if (made?.created) orders += 1;
    }
    if (missing.length < take) break;
  }
  for (;;) {
    const missing = await unscopedDb.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "InboundShipment" s
      WHERE s."status"::text IN ('IN_TRANSIT', 'PARTIALLY_RECEIVED', 'RECEIVED')
        AND NOT EXISTS (SELECT 1 FROM "ExportDeclaration" d WHERE d."inboundShipmentId" = s."id")
      ORDER BY s."createdAt" LIMIT ${take}`;
    for (const row of missing) {
      const made = await unscopedDb.$transaction((tx) => ensureInboundDeclaration(tx, row.id, { now: options.now }));
      if (made?.created) shipments += 1;
    }
    if (missing.length < take) break;
  }
  return { orders, shipments };
}

// ─── The documents ─────────────────────────────────────────────────────────────────────────────────────────────

function partyOf(org: { name: string; legalNameZh: string | null; legalNameLatin: string | null; countryCode: string; addressLine1: string | null; addressLine2: string | null; city: string | null; region: string | null; postalCode: string | null; taxId: string | null }): Party {
  return {
    code: org.taxId?.trim() ?? "",
    name: org.legalNameLatin?.trim() || org.name,
    nameZh: org.legalNameZh?.trim() || null,
    countryCode: org.countryCode.trim(),
    address: [org.addressLine1, org.addressLine2, [org.postalCode, org.city].filter(Boolean).join(" "), org.region].map((s) => s?.trim() ?? "").filter(Boolean),
    taxId: org.taxId?.trim() || null,
  };
}

const PARTY_SELECT = { name: true, legalNameZh: true, legalNameLatin: true, countryCode: true, addressLine1: true, addressLine2: true, city: true, region: true, postalCode: true, taxId: true } as const;

const EMPTY_PARTY: Party = { code: "", name: "", nameZh: null, countryCode: "", address: [], taxId: null };

/**
 * Everything a declaration's documents say, from data Ponte already has: the declaration row and its lines (the
 * list), the order and its payments (CEB303 / CEB403), the waybill typed on the declaration (CEB505), the company
 * profiles. Links (`href`) are paths without the language prefix ("/agency/declarations/DEC-…#waybill"): a page
 * puts "/{lang}" in front. Null when there is no such declaration.
 */
export async function gatherDeclarationDocuments(client: DeclarationClient, declarationId: string): Promise<DeclarationDocuments | null> {
  return (await gatherDeclarationDocumentsMany(client, [declarationId])).get(declarationId) ?? null;
}

/**
 * Many declarations' documents in a fixed number of statements whatever their count (the agent's work queue shows
 * what blocks each): every table is read once with the ids of all of them, then each is assembled in memory.
 */
export async function gatherDeclarationDocumentsMany(client: DeclarationClient, declarationIds: string[]): Promise<Map<string, DeclarationDocuments>> {
  const result = new Map<string, DeclarationDocuments>();
  if (declarationIds.length === 0) return result;
  const declarations = await client.exportDeclaration.findMany({ where: { id: { in: [...new Set(declarationIds)] } }, include: { lines: { orderBy: { position: "asc" } } } });
  if (declarations.length === 0) return result;
  const makerIds = [...new Set(declarations.map((d) => d.organizationId))];
  const orderIds = declarations.flatMap((d) => (d.orderId ? [d.orderId] : []));
  const shipmentIds = declarations.flatMap((d) => (d.inboundShipmentId ? [d.inboundShipmentId] : []));
  const [exporterOrgs, agencyOrg, products, orders, shipments, transfers] = await Promise.all([
    client.organization.findMany({ where: { id: { in: makerIds } }, select: { id: true, ...PARTY_SELECT } }),
    client.organization.findFirst({ where: { kind: "PLATFORM" }, orderBy: { createdAt: "asc" }, select: PARTY_SELECT }),
    client.product.findMany({
      where: { organizationId: { in: makerIds }, id: { in: [...new Set(declarations.flatMap((d) => d.lines.map((l) => l.productId)))] } },
      select: { id: true, originCountry: true, packSize: true, translations: { select: { locale: true, name: true } } },
    }),
    orderIds.length > 0
      ? client.order.findMany({ where: { id: { in: orderIds } }, include: { lines: { orderBy: { id: "asc" } }, payments: { orderBy: { createdAt: "asc" } } } })
      : Promise.resolve([]),
    shipmentIds.length > 0
      ? client.inboundShipment.findMany({
          where: { id: { in: shipmentIds } },
          select: { reference: true, cartons: true, createdAt: true, id: true, warehouse: { select: { name: true, countryCode: true, addressLine1: true, city: true, region: true, postalCode: true } } },
        })
      : Promise.resolve([]),
    orderIds.length > 0
      ? client.bankTransfer.findMany({ where: { orderId: { in: orderIds }, status: "MATCHED" }, orderBy: { receivedOn: "asc" }, select: { orderId: true, bankTransactionId: true, payerName: true, receivedOn: true } })
      : Promise.resolve([]),
  ]);
  const buyers = orders.length > 0 ? await client.organization.findMany({ where: { id: { in: [...new Set(orders.map((o) => o.buyerOrganizationId))] } }, select: { id: true, ...PARTY_SELECT } }) : [];
  const exporterById = new Map(exporterOrgs.map((o) => [o.id, o]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const shipmentById = new Map(shipments.map((sh) => [sh.id, sh]));
  const buyerById = new Map(buyers.map((b) => [b.id, b]));
  const transfersByOrder = new Map<string, typeof transfers>();
  for (const transfer of transfers) if (transfer.orderId) transfersByOrder.set(transfer.orderId, [...(transfersByOrder.get(transfer.orderId) ?? []), transfer]);

  for (const declaration of declarations) {
    const exporterOrg = exporterById.get(declaration.organizationId) ?? null;
    const self = `/agency/declarations/${declaration.number}`;

    const lines: DeclarationLine[] = declaration.lines.map((line) => {
      const product = productById.get(line.productId);
      return {
        position: line.position,
        sku: line.sku,
        names: product ? namesOf(product.translations) : { zh: line.itemName },
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        totalMinor: line.totalMinor,
        itemName: line.itemName,
        hsCode: line.hsCode,
        unitCode: line.unitCode,
        netWeightG: line.netWeightG,
        grossWeightG: line.grossWeightG,
        originCountry: product?.originCountry.trim() ?? "CN",
      };
    });
    const packsOf = (line: { productId: string; quantity: number }) => Math.ceil(line.quantity / Math.max(1, productById.get(line.productId)?.packSize ?? 1));

    let consignee: Party = EMPTY_PARTY;
    let order: DeclarationDocuments["order"];
    let receipt: DeclarationDocuments["receipt"] = null;
    let packages = declaration.lines.reduce((sum, l) => sum + packsOf(l), 0);

    if (declaration.orderId) {
      const found = orderById.get(declaration.orderId);
      if (!found) continue;
      const buyer = buyerById.get(found.buyerOrganizationId) ?? null;
      consignee = buyer ? partyOf(buyer) : EMPTY_PARTY;
      const orderHref = `/orders/${found.number}`;
      order = {
        number: found.number,
        orderType: "B",
        currencyCode: found.currencyCode.trim(),
        goodsValueMinor: found.subtotalMinor,
        freightMinor: found.shippingMinor,
        incoterm: found.tradeTerm,
        placedAt: found.placedAt,
        lines: found.lines.map((line, index): DocumentLine => ({
          position: index + 1,
          sku: line.sku,
          names: (line.names ?? {}) as Record<string, string>,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor,
          totalMinor: line.lineTotalMinor,
        })),
        href: orderHref,
      };
      const received = found.payments.filter((p) => p.receivedMinor > 0n);
      if (received.length > 0) {
        const chargeMinor = received.reduce((sum, p) => sum + p.receivedMinor, 0n);
        const currencyCode = received[0]!.currencyCode.trim();
        const transfers = transfersByOrder.get(found.id) ?? [];
        const last = received[received.length - 1]!;
        const viaTransfer = received.some((p) => p.method === "BANK_TRANSFER");
        receipt = {
          payNo: viaTransfer && transfers[0] ? transfers[0].bankTransactionId : (last.stripePaymentIntentId ?? last.id),
          payerName: transfers[0]?.payerName ?? consignee.name,
          currencyCode,
          chargeMinor,
          // The order's locked rate maps buyerTotalMinor to totalMinor exactly; a part payment converts in proportion.
          chargeInOrderCurrencyMinor:
            currencyCode === found.currencyCode.trim()
              ? chargeMinor
              : chargeMinor === found.buyerTotalMinor
                ? found.totalMinor
                : found.buyerTotalMinor > 0n
                  ? divideHalfEven(chargeMinor * found.totalMinor, found.buyerTotalMinor)
                  : 0n,
          accountingDate: last.succeededAt ?? transfers[transfers.length - 1]?.receivedOn ?? last.updatedAt,
          href: viaTransfer ? "/platform/transfers" : orderHref,
        };
      }
    } else {
      const shipment = shipmentById.get(declaration.inboundShipmentId!);
      if (!shipment) continue;
      const w = shipment.warehouse;
      consignee = {
        code: "",
        name: w.name,
        nameZh: null,
        countryCode: w.countryCode.trim(),
        address: [w.addressLine1, [w.postalCode, w.city].filter(Boolean).join(" "), w.region ?? ""].map((s) => s.trim()).filter(Boolean),
        taxId: null,
      };
      packages = shipment.cartons;
      const goodsValueMinor = lines.reduce((sum, l) => sum + l.totalMinor, 0n);
      order = {
        number: shipment.reference,
        orderType: "W",
        currencyCode: declaration.currencyCode.trim(),
        goodsValueMinor,
        freightMinor: declaration.freightMinor,
        incoterm: null,
        placedAt: shipment.createdAt,
        lines: lines.map(({ position, sku, names, quantity, unitPriceMinor, totalMinor }) => ({ position, sku, names, quantity, unitPriceMinor, totalMinor })),
        href: `/orgs/${declaration.organizationId}/inventory/inbound/${shipment.id}`,
      };
    }

    result.set(declaration.id, {
      declaration: {
        id: declaration.id,
        number: declaration.number,
        guid: declaration.guid,
        version: declaration.version,
        mode: declaration.mode,
        status: declaration.status,
        destinationCountry: declaration.destinationCountry.trim(),
        currencyCode: declaration.currencyCode.trim(),
        customsOfficeCode: declaration.customsOfficeCode,
        portCode: declaration.portCode,
        createdAt: declaration.createdAt,
      },
      agency: agencyOrg ? partyOf(agencyOrg) : EMPTY_PARTY,
      exporter: exporterOrg ? partyOf(exporterOrg) : EMPTY_PARTY,
      consignee,
      order,
      receipt,
      waybill: {
        logisticsCode: declaration.logisticsCode,
        logisticsName: declaration.logisticsName,
        logisticsNo: declaration.logisticsNo,
        transportMode: declaration.transportMode,
        containerNumber: declaration.containerNumber,
        freightMinor: declaration.freightMinor,
        insuredFeeMinor: declaration.insuredFeeMinor,
        currencyCode: declaration.currencyCode.trim(),
        grossWeightG: declaration.waybillGrossWeightG,
        packages: declaration.waybillPackages,
        href: `${self}#waybill`,
      },
      lines,
      packing: {
        grossWeightG: lines.reduce((sum, l) => sum + l.grossWeightG, 0),
        netWeightG: lines.reduce((sum, l) => sum + l.netWeightG, 0),
        packages,
      },
    });
  }
  return result;
}
