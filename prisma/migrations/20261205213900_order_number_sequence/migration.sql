-- Order numbers ("PO-2026-000123") and bank references come from one sequence: unique under any concurrency,
-- without a counter row every checkout would queue on.
CREATE SEQUENCE "OrderNumberSeq" AS bigint START WITH 1 INCREMENT BY 1 NO CYCLE;
