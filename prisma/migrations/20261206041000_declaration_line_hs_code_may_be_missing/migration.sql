-- A declaration line is created even when the product lacks its 10-digit China code (the validator flags it and the
-- declaration cannot be validated until it is there): the code is 10 digits or empty, nothing in between.
ALTER TABLE "ExportDeclarationLine" DROP CONSTRAINT "ExportDeclarationLine_values";
ALTER TABLE "ExportDeclarationLine" ADD CONSTRAINT "ExportDeclarationLine_values" CHECK ("position" >= 1 AND "quantity" > 0
  AND "unitPriceMinor" >= 0 AND "totalMinor" >= 0 AND "netWeightG" >= 0 AND "grossWeightG" >= 0 AND "hsCode" ~ '^([0-9]{10})?$');
