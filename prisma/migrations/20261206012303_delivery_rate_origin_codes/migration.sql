-- An origin is Zhuhai ("ZUH") or an overseas warehouse code, which is not always three letters (codes are free text
-- on Warehouse): letters and digits, up to 12.
ALTER TABLE "DeliveryRate" DROP CONSTRAINT "DeliveryRate_origin_code";
ALTER TABLE "DeliveryRate" ADD CONSTRAINT "DeliveryRate_origin_code" CHECK ("originCode" ~ '^[A-Z0-9]{2,12}$');
