-- A rate of zero (or less) converts nothing and used to throw on every converted page: refuse it. Rows that broke
-- the rule before are removed first (no rate is better than a wrong one; the reader skipped them anyway).
DELETE FROM "FxRate" WHERE "rate" <= 0;
ALTER TABLE "FxRate" ADD CONSTRAINT "FxRate_rate_positive" CHECK ("rate" > 0);
