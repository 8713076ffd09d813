-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN     "reasonCode" TEXT,
ADD COLUMN     "reasonParams" JSONB;

-- CreateTable
CREATE TABLE "RfqAttachment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "rfqId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RfqAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RfqAttachment_key_key" ON "RfqAttachment"("key");

-- CreateIndex
CREATE INDEX "RfqAttachment_rfqId_idx" ON "RfqAttachment"("rfqId");

-- AddForeignKey
ALTER TABLE "RfqAttachment" ADD CONSTRAINT "RfqAttachment_rfqId_fkey" FOREIGN KEY ("rfqId") REFERENCES "Rfq"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data rules: a reason code is a short snake_case word and its parameters an object; an attachment's file lives in
-- its RFQ's folder, has a name of 1–120 characters without path separators or control characters, one of the four
-- accepted types and some bytes.
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_reason_code" CHECK ("reasonCode" IS NULL OR "reasonCode" ~ '^[a-z][a-z_]{0,47}$');
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_reason_params" CHECK ("reasonParams" IS NULL OR ("reasonCode" IS NOT NULL AND jsonb_typeof("reasonParams") = 'object'));
ALTER TABLE "RfqAttachment" ADD CONSTRAINT "RfqAttachment_key_in_folder" CHECK (starts_with("key", 'rfq/' || "rfqId"::text || '/'));
ALTER TABLE "RfqAttachment" ADD CONSTRAINT "RfqAttachment_file_name" CHECK (char_length("fileName") BETWEEN 1 AND 120 AND "fileName" !~ '[/\\[:cntrl:]]');
ALTER TABLE "RfqAttachment" ADD CONSTRAINT "RfqAttachment_content_type" CHECK ("contentType" IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp'));
ALTER TABLE "RfqAttachment" ADD CONSTRAINT "RfqAttachment_size_positive" CHECK ("sizeBytes" > 0);
ALTER TABLE "RfqAttachment" ADD CONSTRAINT "RfqAttachment_two_parties" CHECK ("organizationId" <> "buyerOrganizationId");
