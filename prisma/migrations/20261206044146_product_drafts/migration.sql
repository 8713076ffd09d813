-- DropForeignKey
ALTER TABLE "Product" DROP CONSTRAINT "Product_categoryId_fkey";

-- AlterTable
ALTER TABLE "Product" ALTER COLUMN "categoryId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Drafts are drafts: a draft needs only a name (its category and HS code may still be missing, stored as NULL and
-- an empty code); a published product has both, whatever wrote it.
ALTER TABLE "Product" ADD CONSTRAINT "Product_published_has_trade_data" CHECK (
  "status" <> 'PUBLISHED' OR ("categoryId" IS NOT NULL AND "hsCode" ~ '^[0-9]{6}$'));
