-- AlterTable
ALTER TABLE "ProductVariant" ADD COLUMN     "colorNames" JSONB NOT NULL DEFAULT '{}';
