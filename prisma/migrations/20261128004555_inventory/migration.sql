-- CreateEnum
CREATE TYPE "WarehouseKind" AS ENUM ('OVERSEAS', 'ORIGIN');

-- CreateEnum
CREATE TYPE "StockMovementKind" AS ENUM ('RECEIPT', 'RESERVATION', 'RELEASE', 'PICK', 'SHIPMENT', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN', 'CYCLE_COUNT');

-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('ACTIVE', 'RELEASED', 'EXPIRED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "InboundStatus" AS ENUM ('DRAFT', 'IN_TRANSIT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DiscrepancyKind" AS ENUM ('SHORT', 'OVER', 'DAMAGED');

-- CreateEnum
CREATE TYPE "StockAlertKind" AS ENUM ('LOW_STOCK');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "showStockQuantities" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Warehouse" (
    "id" UUID NOT NULL,
    "kind" "WarehouseKind" NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "region" TEXT,
    "addressLine1" TEXT NOT NULL,
    "postalCode" TEXT,
    "timeZone" TEXT NOT NULL,
    "ownerOrganizationId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Warehouse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WarehouseServiceArea" (
    "id" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "regionCode" TEXT NOT NULL DEFAULT '',
    "leadDaysMin" INTEGER NOT NULL,
    "leadDaysMax" INTEGER NOT NULL,
    "costMinor" BIGINT NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,

    CONSTRAINT "WarehouseServiceArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WarehouseStaff" (
    "id" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WarehouseStaff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransitLane" (
    "id" UUID NOT NULL,
    "originCountry" CHAR(2) NOT NULL DEFAULT 'CN',
    "destinationCountry" CHAR(2) NOT NULL,
    "transitDaysMin" INTEGER NOT NULL,
    "transitDaysMax" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransitLane_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockBalance" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "lowStockThreshold" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockBalance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockMovement" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "kind" "StockMovementKind" NOT NULL,
    "onHandDelta" INTEGER NOT NULL DEFAULT 0,
    "reservedDelta" INTEGER NOT NULL DEFAULT 0,
    "onHandAfter" INTEGER NOT NULL,
    "reservedAfter" INTEGER NOT NULL,
    "reason" TEXT,
    "reservationId" UUID,
    "inboundShipmentId" UUID,
    "transferId" UUID,
    "userId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockReservation" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "ReservationStatus" NOT NULL DEFAULT 'ACTIVE',
    "holderOrganizationId" UUID,
    "holderUserId" UUID,
    "reference" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "StockReservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundShipment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "originId" UUID,
    "reference" TEXT NOT NULL,
    "status" "InboundStatus" NOT NULL DEFAULT 'DRAFT',
    "expectedOn" DATE NOT NULL,
    "cartons" INTEGER NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "hasDiscrepancies" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "shippedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboundShipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundShipmentLine" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "inboundShipmentId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "expectedQuantity" INTEGER NOT NULL,
    "cartons" INTEGER NOT NULL,
    "receivedQuantity" INTEGER NOT NULL DEFAULT 0,
    "damagedQuantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InboundShipmentLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundDiscrepancy" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "inboundShipmentId" UUID NOT NULL,
    "lineId" UUID NOT NULL,
    "kind" "DiscrepancyKind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "cartons" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT NOT NULL DEFAULT '',
    "photoKeys" TEXT[],
    "recordedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundDiscrepancy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockAlert" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "kind" "StockAlertKind" NOT NULL,
    "available" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "StockAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Warehouse_code_key" ON "Warehouse"("code");

-- CreateIndex
CREATE INDEX "Warehouse_kind_active_idx" ON "Warehouse"("kind", "active");

-- CreateIndex
CREATE INDEX "Warehouse_ownerOrganizationId_idx" ON "Warehouse"("ownerOrganizationId");

-- CreateIndex
CREATE INDEX "WarehouseServiceArea_countryCode_regionCode_idx" ON "WarehouseServiceArea"("countryCode", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "WarehouseServiceArea_warehouseId_countryCode_regionCode_key" ON "WarehouseServiceArea"("warehouseId", "countryCode", "regionCode");

-- CreateIndex
CREATE INDEX "WarehouseStaff_userId_idx" ON "WarehouseStaff"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "WarehouseStaff_warehouseId_userId_key" ON "WarehouseStaff"("warehouseId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "TransitLane_originCountry_destinationCountry_validFrom_key" ON "TransitLane"("originCountry", "destinationCountry", "validFrom");

-- CreateIndex
CREATE INDEX "StockBalance_organizationId_warehouseId_idx" ON "StockBalance"("organizationId", "warehouseId");

-- CreateIndex
CREATE INDEX "StockBalance_productId_warehouseId_idx" ON "StockBalance"("productId", "warehouseId");

-- CreateIndex
CREATE INDEX "StockBalance_variantId_idx" ON "StockBalance"("variantId");

-- CreateIndex
CREATE UNIQUE INDEX "StockBalance_warehouseId_variantId_key" ON "StockBalance"("warehouseId", "variantId");

-- CreateIndex
CREATE INDEX "StockMovement_organizationId_variantId_createdAt_idx" ON "StockMovement"("organizationId", "variantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "StockMovement_organizationId_createdAt_idx" ON "StockMovement"("organizationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "StockMovement_warehouseId_createdAt_idx" ON "StockMovement"("warehouseId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "StockMovement_organizationId_kind_createdAt_idx" ON "StockMovement"("organizationId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "StockReservation_status_expiresAt_idx" ON "StockReservation"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "StockReservation_organizationId_status_idx" ON "StockReservation"("organizationId", "status");

-- CreateIndex
CREATE INDEX "StockReservation_holderOrganizationId_status_idx" ON "StockReservation"("holderOrganizationId", "status");

-- CreateIndex
CREATE INDEX "StockReservation_reference_idx" ON "StockReservation"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "InboundShipment_reference_key" ON "InboundShipment"("reference");

-- CreateIndex
CREATE INDEX "InboundShipment_organizationId_status_expectedOn_idx" ON "InboundShipment"("organizationId", "status", "expectedOn");

-- CreateIndex
CREATE INDEX "InboundShipment_warehouseId_status_expectedOn_idx" ON "InboundShipment"("warehouseId", "status", "expectedOn");

-- CreateIndex
CREATE UNIQUE INDEX "InboundShipmentLine_inboundShipmentId_variantId_key" ON "InboundShipmentLine"("inboundShipmentId", "variantId");

-- CreateIndex
CREATE INDEX "InboundDiscrepancy_inboundShipmentId_idx" ON "InboundDiscrepancy"("inboundShipmentId");

-- CreateIndex
CREATE INDEX "StockAlert_organizationId_resolvedAt_idx" ON "StockAlert"("organizationId", "resolvedAt");

-- CreateIndex
CREATE INDEX "StockAlert_warehouseId_variantId_kind_resolvedAt_idx" ON "StockAlert"("warehouseId", "variantId", "kind", "resolvedAt");

-- AddForeignKey
ALTER TABLE "Warehouse" ADD CONSTRAINT "Warehouse_ownerOrganizationId_fkey" FOREIGN KEY ("ownerOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarehouseServiceArea" ADD CONSTRAINT "WarehouseServiceArea_warehouseId_fkey" FOREIGN KEY ("warehouseId") REFERENCES "Warehouse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarehouseStaff" ADD CONSTRAINT "WarehouseStaff_warehouseId_fkey" FOREIGN KEY ("warehouseId") REFERENCES "Warehouse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarehouseStaff" ADD CONSTRAINT "WarehouseStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_warehouseId_fkey" FOREIGN KEY ("warehouseId") REFERENCES "Warehouse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "ProductVariant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundShipment" ADD CONSTRAINT "InboundShipment_warehouseId_fkey" FOREIGN KEY ("warehouseId") REFERENCES "Warehouse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundShipmentLine" ADD CONSTRAINT "InboundShipmentLine_inboundShipmentId_fkey" FOREIGN KEY ("inboundShipmentId") REFERENCES "InboundShipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundShipmentLine" ADD CONSTRAINT "InboundShipmentLine_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "ProductVariant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundDiscrepancy" ADD CONSTRAINT "InboundDiscrepancy_inboundShipmentId_fkey" FOREIGN KEY ("inboundShipmentId") REFERENCES "InboundShipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Stock invariants the database itself enforces (no oversell even if application code is wrong).
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_onHand_nonnegative" CHECK ("onHand" >= 0);
ALTER TABLE "StockBalance" ADD CONSTRAINT "StockBalance_reserved_within_onHand" CHECK ("reserved" >= 0 AND "reserved" <= "onHand");
ALTER TABLE "StockReservation" ADD CONSTRAINT "StockReservation_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "InboundShipmentLine" ADD CONSTRAINT "InboundShipmentLine_quantities_nonnegative" CHECK ("expectedQuantity" > 0 AND "receivedQuantity" >= 0 AND "damagedQuantity" >= 0 AND "cartons" >= 0);
ALTER TABLE "WarehouseServiceArea" ADD CONSTRAINT "WarehouseServiceArea_lead_days" CHECK ("leadDaysMin" >= 0 AND "leadDaysMax" >= "leadDaysMin");

-- The stock ledger is append-only: corrections are new movements, never edits.
CREATE FUNCTION "stock_movement_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'StockMovement is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "StockMovement_append_only" BEFORE UPDATE OR DELETE ON "StockMovement"
  FOR EACH ROW EXECUTE FUNCTION "stock_movement_append_only"();
