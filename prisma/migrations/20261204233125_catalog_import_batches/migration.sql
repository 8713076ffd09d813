-- AlterTable
ALTER TABLE "CatalogImport" ADD COLUMN     "activeOrganizationId" UUID,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CatalogImportChange" (
    "id" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "before" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogImportChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CatalogImportChange_importId_productId_key" ON "CatalogImportChange"("importId", "productId");

-- Imports left active by earlier versions: the newest per organization keeps its slot, older ones failed.
UPDATE "CatalogImport" SET "status" = 'FAILED', "failureCode" = 'interrupted', "finishedAt" = CURRENT_TIMESTAMP
WHERE "status" IN ('QUEUED', 'RUNNING') AND "id" NOT IN (
  SELECT DISTINCT ON ("organizationId") "id" FROM "CatalogImport" WHERE "status" IN ('QUEUED', 'RUNNING') ORDER BY "organizationId", "createdAt" DESC, "id" DESC
);
UPDATE "CatalogImport" SET "activeOrganizationId" = "organizationId" WHERE "status" IN ('QUEUED', 'RUNNING');

-- CreateIndex
CREATE UNIQUE INDEX "CatalogImport_activeOrganizationId_key" ON "CatalogImport"("activeOrganizationId");

-- AddForeignKey
ALTER TABLE "CatalogImportChange" ADD CONSTRAINT "CatalogImportChange_importId_fkey" FOREIGN KEY ("importId") REFERENCES "CatalogImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active import per organization: the unique slot is taken exactly while the import is queued or running.
ALTER TABLE "CatalogImport" ADD CONSTRAINT "CatalogImport_active_slot" CHECK (
  ("status" IN ('QUEUED', 'RUNNING') AND "activeOrganizationId" IS NOT NULL AND "activeOrganizationId" = "organizationId")
  OR ("status" IN ('SUCCEEDED', 'FAILED') AND "activeOrganizationId" IS NULL)
);
