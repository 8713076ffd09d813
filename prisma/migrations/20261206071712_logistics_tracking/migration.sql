-- CreateEnum
CREATE TYPE "ShipmentKind" AS ENUM ('ORDER_EXPORT', 'WAREHOUSE_REPLENISHMENT', 'LOCAL_DELIVERY');

-- CreateEnum
CREATE TYPE "TransportReferenceKind" AS ENUM ('AIR_WAYBILL', 'CONTAINER', 'BILL_OF_LADING', 'CONSIGNMENT');

-- CreateEnum
CREATE TYPE "ShipmentMilestone" AS ENUM ('BOOKED', 'PICKED_UP', 'ARRIVED_AT_HUB', 'ARRIVED_AT_EXPORT_SITE', 'EXPORT_CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED_DEST', 'IMPORT_CUSTOMS_CLEARED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'IMPORT_CUSTOMS_HOLD', 'DELAYED', 'DAMAGED', 'DELIVERY_FAILED', 'RETURNED', 'EXCEPTION');

-- CreateEnum
CREATE TYPE "CarrierIntegration" AS ENUM ('WEBHOOK', 'POLLING');

-- CreateTable
CREATE TABLE "Carrier" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modes" "TransportMode"[],
    "vocabulary" TEXT NOT NULL,
    "integration" "CarrierIntegration" NOT NULL DEFAULT 'WEBHOOK',
    "webhookSecret" TEXT,
    "pollBaseUrl" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Carrier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" "ShipmentKind" NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID,
    "orderId" UUID,
    "inboundShipmentId" UUID,
    "warehouseId" UUID,
    "status" "ShipmentMilestone" NOT NULL DEFAULT 'BOOKED',
    "exception" "ShipmentMilestone",
    "exceptionAt" TIMESTAMP(3),
    "originLocode" CHAR(5) NOT NULL,
    "originName" TEXT NOT NULL,
    "destinationLocode" CHAR(5) NOT NULL,
    "destinationName" TEXT NOT NULL,
    "destinationCountryCode" CHAR(2) NOT NULL,
    "destinationTimeZone" TEXT NOT NULL,
    "plannedArrivalAt" TIMESTAMP(3) NOT NULL,
    "estimatedArrivalAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "lastEventAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "publicToken" TEXT,
    "publicTokenCreatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShipmentLeg" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID,
    "shipmentId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "mode" "TransportMode" NOT NULL,
    "carrierId" UUID,
    "referenceKind" "TransportReferenceKind" NOT NULL,
    "reference" TEXT NOT NULL,
    "fromLocode" CHAR(5) NOT NULL,
    "fromName" TEXT NOT NULL,
    "toLocode" CHAR(5) NOT NULL,
    "toName" TEXT NOT NULL,
    "plannedDepartureAt" TIMESTAMP(3) NOT NULL,
    "plannedArrivalAt" TIMESTAMP(3) NOT NULL,
    "actualDepartureAt" TIMESTAMP(3),
    "actualArrivalAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShipmentLeg_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShipmentEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID,
    "shipmentId" UUID NOT NULL,
    "legId" UUID,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "milestone" "ShipmentMilestone" NOT NULL,
    "carrierCode" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "utcOffsetMinutes" INTEGER NOT NULL,
    "locode" CHAR(5),
    "placeName" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "channel" TEXT NOT NULL,
    "raw" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShipmentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Carrier_code_key" ON "Carrier"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_reference_key" ON "Shipment"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_orderId_key" ON "Shipment"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_inboundShipmentId_key" ON "Shipment"("inboundShipmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_publicToken_key" ON "Shipment"("publicToken");

-- CreateIndex
CREATE INDEX "Shipment_organizationId_createdAt_idx" ON "Shipment"("organizationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Shipment_buyerOrganizationId_createdAt_idx" ON "Shipment"("buyerOrganizationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Shipment_warehouseId_createdAt_idx" ON "Shipment"("warehouseId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Shipment_status_estimatedArrivalAt_idx" ON "Shipment"("status", "estimatedArrivalAt");

-- CreateIndex
CREATE INDEX "ShipmentLeg_carrierId_reference_idx" ON "ShipmentLeg"("carrierId", "reference");

-- CreateIndex
CREATE INDEX "ShipmentLeg_reference_idx" ON "ShipmentLeg"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentLeg_shipmentId_sequence_key" ON "ShipmentLeg"("shipmentId", "sequence");

-- CreateIndex
CREATE INDEX "ShipmentEvent_shipmentId_occurredAt_idx" ON "ShipmentEvent"("shipmentId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentEvent_source_externalId_key" ON "ShipmentEvent"("source", "externalId");

-- AddForeignKey
ALTER TABLE "ShipmentLeg" ADD CONSTRAINT "ShipmentLeg_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentLeg" ADD CONSTRAINT "ShipmentLeg_carrierId_fkey" FOREIGN KEY ("carrierId") REFERENCES "Carrier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentEvent" ADD CONSTRAINT "ShipmentEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Shipment references ("SHP-2026-000123") from one sequence: unique under any concurrency.
CREATE SEQUENCE "ShipmentReferenceSeq" AS bigint START WITH 1 INCREMENT BY 1 NO CYCLE;

-- What the kinds promise, repeated by the database: an order's shipment names the order and its buyer, a
-- replenishment names its inbound shipment and warehouse and no buyer, a local delivery leaves from a warehouse.
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_kind_links" CHECK (
  ("kind" = 'ORDER_EXPORT' AND "orderId" IS NOT NULL AND "buyerOrganizationId" IS NOT NULL AND "inboundShipmentId" IS NULL)
  OR ("kind" = 'WAREHOUSE_REPLENISHMENT' AND "inboundShipmentId" IS NOT NULL AND "warehouseId" IS NOT NULL AND "buyerOrganizationId" IS NULL AND "orderId" IS NULL)
  OR ("kind" = 'LOCAL_DELIVERY' AND "orderId" IS NOT NULL AND "buyerOrganizationId" IS NOT NULL AND "warehouseId" IS NOT NULL AND "inboundShipmentId" IS NULL)
);
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_status_is_progress" CHECK ("status" IN ('BOOKED', 'PICKED_UP', 'ARRIVED_AT_HUB', 'ARRIVED_AT_EXPORT_SITE', 'EXPORT_CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED_DEST', 'IMPORT_CUSTOMS_CLEARED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'RETURNED'));
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_public_token_length" CHECK ("publicToken" IS NULL OR length("publicToken") >= 43);
ALTER TABLE "ShipmentLeg" ADD CONSTRAINT "ShipmentLeg_sequence_positive" CHECK ("sequence" >= 1);
ALTER TABLE "ShipmentLeg" ADD CONSTRAINT "ShipmentLeg_planned_order" CHECK ("plannedArrivalAt" >= "plannedDepartureAt");
ALTER TABLE "ShipmentEvent" ADD CONSTRAINT "ShipmentEvent_offset_range" CHECK ("utcOffsetMinutes" BETWEEN -840 AND 840);
