-- CreateEnum
CREATE TYPE "VerificationDocumentKind" AS ENUM ('BUSINESS_LICENCE', 'TAX_REGISTRATION', 'OTHER');

-- CreateEnum
CREATE TYPE "VerificationEventKind" AS ENUM ('SUBMITTED', 'APPROVED', 'REJECTED', 'MORE_REQUESTED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "verificationSubmittedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "VerificationDocument" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "VerificationDocumentKind" NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "VerificationEventKind" NOT NULL,
    "actorUserId" UUID,
    "actorName" TEXT NOT NULL,
    "reason" TEXT,
    "documentIds" UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationDocument_storageKey_key" ON "VerificationDocument"("storageKey");

-- CreateIndex
CREATE INDEX "VerificationDocument_organizationId_createdAt_idx" ON "VerificationDocument"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "VerificationEvent_organizationId_createdAt_idx" ON "VerificationEvent"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "VerificationDocument" ADD CONSTRAINT "VerificationDocument_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationEvent" ADD CONSTRAINT "VerificationEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A rejection or a request for more always says why.
ALTER TABLE "VerificationEvent" ADD CONSTRAINT "VerificationEvent_reason" CHECK (
  "kind" NOT IN ('REJECTED', 'MORE_REQUESTED') OR length(btrim(coalesce("reason", ''))) > 0);
ALTER TABLE "VerificationDocument" ADD CONSTRAINT "VerificationDocument_size" CHECK ("sizeBytes" > 0);
