-- CreateEnum
CREATE TYPE "RebateMethod" AS ENUM ('EXEMPT_CREDIT_REFUND', 'EXEMPT_REFUND');

-- CreateEnum
CREATE TYPE "CustomsMode" AS ENUM ('B2B_DIRECT_9710', 'OVERSEAS_WAREHOUSE_9810');

-- CreateEnum
CREATE TYPE "DeclarationStatus" AS ENUM ('DRAFT', 'VALIDATED', 'SUBMITTED', 'RELEASED', 'CLEARED', 'REJECTED');

-- CreateEnum
CREATE TYPE "TransportMode" AS ENUM ('AIR', 'SEA', 'ROAD');

-- CreateEnum
CREATE TYPE "ImportTaxKind" AS ENUM ('DUTY', 'IPI', 'PIS', 'COFINS', 'ICMS', 'DTA', 'VAT', 'CUSTOMS_FEE', 'STAMP_DUTY', 'SERVICE_FEE', 'LOW_VALUE_ITEM_FEE');

-- CreateEnum
CREATE TYPE "SettlementStatus" AS ENUM ('PENDING', 'PAID');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "exportAgent" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "rebateMethod" "RebateMethod" NOT NULL DEFAULT 'EXEMPT_CREDIT_REFUND';

-- CreateTable
CREATE TABLE "ExportDeclaration" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "mode" "CustomsMode" NOT NULL,
    "orderId" UUID,
    "inboundShipmentId" UUID,
    "status" "DeclarationStatus" NOT NULL DEFAULT 'DRAFT',
    "guid" CHAR(36) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "destinationCountry" CHAR(2) NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "logisticsCode" TEXT NOT NULL DEFAULT '',
    "logisticsName" TEXT NOT NULL DEFAULT '',
    "logisticsNo" TEXT NOT NULL DEFAULT '',
    "transportMode" "TransportMode" NOT NULL DEFAULT 'AIR',
    "containerNumber" TEXT,
    "freightMinor" BIGINT NOT NULL DEFAULT 0,
    "insuredFeeMinor" BIGINT NOT NULL DEFAULT 0,
    "waybillGrossWeightG" INTEGER,
    "waybillPackages" INTEGER,
    "customsOfficeCode" TEXT NOT NULL DEFAULT '',
    "portCode" TEXT NOT NULL DEFAULT '',
    "rejectionReason" TEXT,
    "createdById" UUID,
    "validatedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "clearedAt" TIMESTAMP(3),
    "rejectedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExportDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportDeclarationLine" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "declarationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "hsCode" VARCHAR(10) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitCode" TEXT NOT NULL DEFAULT '007',
    "unitPriceMinor" BIGINT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "netWeightG" INTEGER NOT NULL,
    "grossWeightG" INTEGER NOT NULL,

    CONSTRAINT "ExportDeclarationLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportDeclarationEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "declarationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" "DeclarationStatus",
    "toStatus" "DeclarationStatus" NOT NULL,
    "actorUserId" UUID,
    "note" TEXT,
    "previous" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportDeclarationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomsReceipt" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "declarationId" UUID NOT NULL,
    "messageType" TEXT NOT NULL,
    "returnStatus" TEXT NOT NULL,
    "returnInfo" TEXT NOT NULL DEFAULT '',
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "recordedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomsReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VatRebateRate" (
    "id" UUID NOT NULL,
    "hsCode" VARCHAR(10) NOT NULL,
    "rebateRate" DECIMAL(6,4) NOT NULL,
    "vatRate" DECIMAL(6,4) NOT NULL,
    "validFrom" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VatRebateRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RebateEstimate" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "declarationId" UUID NOT NULL,
    "method" "RebateMethod" NOT NULL,
    "fobCurrencyCode" CHAR(3) NOT NULL,
    "fobMinor" BIGINT NOT NULL,
    "fxRate" DECIMAL(24,12) NOT NULL,
    "fxRateDate" DATE NOT NULL,
    "fobCnyMinor" BIGINT NOT NULL,
    "rebateMinor" BIGINT NOT NULL,
    "nonCreditableMinor" BIGINT NOT NULL,
    "lines" JSONB NOT NULL,
    "exportMonth" DATE NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RebateEstimate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportTaxRate" (
    "id" UUID NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "regionCode" TEXT NOT NULL DEFAULT '',
    "hsPrefix" TEXT NOT NULL DEFAULT '',
    "kind" "ImportTaxKind" NOT NULL,
    "rate" DECIMAL(8,6) NOT NULL DEFAULT 0,
    "fixedMinor" BIGINT,
    "currencyCode" CHAR(3),
    "validFrom" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportTaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LandedCostEstimate" (
    "id" UUID NOT NULL,
    "inputsHash" TEXT NOT NULL,
    "productId" UUID,
    "variantId" UUID,
    "quantity" INTEGER NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "regionCode" TEXT NOT NULL DEFAULT '',
    "incoterm" TEXT NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "customsValueMinor" BIGINT NOT NULL,
    "dutiesMinor" BIGINT NOT NULL,
    "taxesMinor" BIGINT NOT NULL,
    "feesMinor" BIGINT NOT NULL,
    "landedMinor" BIGINT NOT NULL,
    "breakdown" JSONB NOT NULL,
    "rates" JSONB NOT NULL,
    "fxRate" DECIMAL(24,12),
    "fxRateDate" DATE,
    "computedFor" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LandedCostEstimate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyFeeRate" (
    "id" UUID NOT NULL,
    "rate" DECIMAL(6,4) NOT NULL,
    "settlementDays" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyFeeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForexSettlement" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "receivedCurrencyCode" CHAR(3) NOT NULL,
    "receivedMinor" BIGINT NOT NULL,
    "fxRate" DECIMAL(24,12) NOT NULL,
    "fxRateDate" DATE NOT NULL,
    "grossCnyMinor" BIGINT NOT NULL,
    "feeRate" DECIMAL(6,4) NOT NULL,
    "feeMinor" BIGINT NOT NULL,
    "netCnyMinor" BIGINT NOT NULL,
    "status" "SettlementStatus" NOT NULL DEFAULT 'PENDING',
    "expectedOn" DATE NOT NULL,
    "paidAt" TIMESTAMP(3),
    "paidById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForexSettlement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExportDeclaration_number_key" ON "ExportDeclaration"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ExportDeclaration_orderId_key" ON "ExportDeclaration"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "ExportDeclaration_inboundShipmentId_key" ON "ExportDeclaration"("inboundShipmentId");

-- CreateIndex
CREATE INDEX "ExportDeclaration_status_createdAt_idx" ON "ExportDeclaration"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ExportDeclaration_organizationId_status_createdAt_idx" ON "ExportDeclaration"("organizationId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ExportDeclarationLine_declarationId_position_key" ON "ExportDeclarationLine"("declarationId", "position");

-- CreateIndex
CREATE INDEX "ExportDeclarationEvent_declarationId_createdAt_idx" ON "ExportDeclarationEvent"("declarationId", "createdAt");

-- CreateIndex
CREATE INDEX "CustomsReceipt_declarationId_receivedAt_idx" ON "CustomsReceipt"("declarationId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VatRebateRate_hsCode_validFrom_key" ON "VatRebateRate"("hsCode", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "RebateEstimate_declarationId_key" ON "RebateEstimate"("declarationId");

-- CreateIndex
CREATE INDEX "RebateEstimate_organizationId_exportMonth_idx" ON "RebateEstimate"("organizationId", "exportMonth");

-- CreateIndex
CREATE INDEX "ImportTaxRate_countryCode_validFrom_idx" ON "ImportTaxRate"("countryCode", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "ImportTaxRate_countryCode_regionCode_hsPrefix_kind_validFro_key" ON "ImportTaxRate"("countryCode", "regionCode", "hsPrefix", "kind", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "LandedCostEstimate_inputsHash_key" ON "LandedCostEstimate"("inputsHash");

-- CreateIndex
CREATE INDEX "LandedCostEstimate_productId_countryCode_idx" ON "LandedCostEstimate"("productId", "countryCode");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyFeeRate_validFrom_key" ON "AgencyFeeRate"("validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "ForexSettlement_orderId_key" ON "ForexSettlement"("orderId");

-- CreateIndex
CREATE INDEX "ForexSettlement_organizationId_status_expectedOn_idx" ON "ForexSettlement"("organizationId", "status", "expectedOn");

-- CreateIndex
CREATE INDEX "ForexSettlement_status_expectedOn_idx" ON "ForexSettlement"("status", "expectedOn");

-- AddForeignKey
ALTER TABLE "ExportDeclarationLine" ADD CONSTRAINT "ExportDeclarationLine_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "ExportDeclaration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportDeclarationEvent" ADD CONSTRAINT "ExportDeclarationEvent_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "ExportDeclaration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomsReceipt" ADD CONSTRAINT "CustomsReceipt_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "ExportDeclaration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RebateEstimate" ADD CONSTRAINT "RebateEstimate_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "ExportDeclaration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A declaration declares exactly one thing, of the kind its mode says.
ALTER TABLE "ExportDeclaration" ADD CONSTRAINT "ExportDeclaration_subject" CHECK (
  ("mode" = 'B2B_DIRECT_9710' AND "orderId" IS NOT NULL AND "inboundShipmentId" IS NULL)
  OR ("mode" = 'OVERSEAS_WAREHOUSE_9810' AND "inboundShipmentId" IS NOT NULL AND "orderId" IS NULL));
ALTER TABLE "ExportDeclaration" ADD CONSTRAINT "ExportDeclaration_guid" CHECK ("guid" ~ '^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$');
ALTER TABLE "ExportDeclaration" ADD CONSTRAINT "ExportDeclaration_amounts" CHECK ("freightMinor" >= 0 AND "insuredFeeMinor" >= 0
  AND ("waybillGrossWeightG" IS NULL OR "waybillGrossWeightG" >= 0) AND ("waybillPackages" IS NULL OR "waybillPackages" >= 0));
ALTER TABLE "ExportDeclarationLine" ADD CONSTRAINT "ExportDeclarationLine_values" CHECK ("position" >= 1 AND "quantity" > 0
  AND "unitPriceMinor" >= 0 AND "totalMinor" >= 0 AND "netWeightG" >= 0 AND "grossWeightG" >= 0 AND "hsCode" ~ '^[0-9]{10}$');
-- Rates are fractions in [0, 1); a zero or negative rate is data entry gone wrong.
ALTER TABLE "VatRebateRate" ADD CONSTRAINT "VatRebateRate_rates" CHECK ("rebateRate" >= 0 AND "rebateRate" < 1 AND "vatRate" >= 0 AND "vatRate" < 1
  AND "rebateRate" <= "vatRate" AND "hsCode" ~ '^[0-9]{10}$');
ALTER TABLE "ImportTaxRate" ADD CONSTRAINT "ImportTaxRate_values" CHECK ("rate" >= 0 AND "rate" < 1
  AND ("fixedMinor" IS NULL OR ("fixedMinor" >= 0 AND "currencyCode" IS NOT NULL)) AND "hsPrefix" ~ '^[0-9]{0,10}$');
ALTER TABLE "AgencyFeeRate" ADD CONSTRAINT "AgencyFeeRate_values" CHECK ("rate" >= 0 AND "rate" < 1 AND "settlementDays" BETWEEN 0 AND 120);
ALTER TABLE "ForexSettlement" ADD CONSTRAINT "ForexSettlement_amounts" CHECK ("fxRate" > 0 AND "receivedMinor" >= 0
  AND "grossCnyMinor" >= 0 AND "feeMinor" >= 0 AND "netCnyMinor" = "grossCnyMinor" - "feeMinor");
