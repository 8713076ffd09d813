-- CreateIndex
CREATE INDEX "Product_status_moq_id_idx" ON "Product"("status", "moq", "id");

-- CreateIndex
CREATE INDEX "Product_status_currencyCode_minUnitPriceMinor_idx" ON "Product"("status", "currencyCode", "minUnitPriceMinor");
