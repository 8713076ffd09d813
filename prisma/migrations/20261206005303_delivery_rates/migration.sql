-- CreateTable
CREATE TABLE "DeliveryRate" (
    "id" UUID NOT NULL,
    "originCode" TEXT NOT NULL,
    "tradeTerm" "TradeTerm" NOT NULL,
    "destinationCountry" CHAR(2) NOT NULL,
    "regionCode" TEXT NOT NULL DEFAULT '',
    "baseFeeMinor" BIGINT NOT NULL,
    "perKgMinor" BIGINT NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "validFrom" DATE NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeliveryRate_destinationCountry_validFrom_idx" ON "DeliveryRate"("destinationCountry", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryRate_originCode_tradeTerm_destinationCountry_region_key" ON "DeliveryRate"("originCode", "tradeTerm", "destinationCountry", "regionCode", "validFrom");

-- Data rules: fees are never negative; an origin is a 3-letter location code; FOB has no rate (the buyer arranges
-- freight); an overseas warehouse delivers DDP only; a state code is letters and digits.
ALTER TABLE "DeliveryRate" ADD CONSTRAINT "DeliveryRate_fees_not_negative" CHECK ("baseFeeMinor" >= 0 AND "perKgMinor" >= 0);
ALTER TABLE "DeliveryRate" ADD CONSTRAINT "DeliveryRate_origin_code" CHECK ("originCode" ~ '^[A-Z]{3}$');
ALTER TABLE "DeliveryRate" ADD CONSTRAINT "DeliveryRate_term" CHECK ("tradeTerm" <> 'FOB' AND ("originCode" = 'ZUH' OR "tradeTerm" = 'DDP'));
ALTER TABLE "DeliveryRate" ADD CONSTRAINT "DeliveryRate_region_code" CHECK ("regionCode" ~ '^[A-Z0-9]{0,3}$');
